import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { pushCaucus } from '$lib/server/negotiation/negotiation.ts';
import { act } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

/** The chief pushes the caucus working copy of the terms to the shared draft. */
export const POST: RequestHandler = ({ params, locals }) => {
	const ctx = viewableMatch(params.matchId, locals.principal);
	return act(() => pushCaucus(locals.services.db, ctx.match, locals.principal.seat));
};

import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { sign } from '$lib/server/negotiation/negotiation.ts';
import { act } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

/** 签字 by a chief; the second matching signature completes the agreement. */
export const POST: RequestHandler = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	return act(() => sign(locals.services.sql.db, ctx.scenario, ctx.match, locals.principal.seat));
};

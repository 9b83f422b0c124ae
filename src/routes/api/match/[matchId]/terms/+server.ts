import { z } from 'zod';
import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { actOnTerms } from '$lib/server/negotiation/negotiation.ts';
import { act, body } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

/** Accept (达成一致) or reopen terms, term by term. */
export const POST: RequestHandler = async ({ params, locals, request }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const b = await body(
		request,
		z.object({
			act: z.enum(['accept', 'reopen']),
			terms: z.array(z.string()).min(1).max(200),
			/** The proposed values the chief saw: an acceptance refers to them, not to whatever is current. */
			seen: z.record(z.string(), z.unknown()).default({})
		})
	);
	return act(async () => ({
		states: await actOnTerms(
			locals.services.sql.db,
			ctx.scenario,
			ctx.match,
			locals.principal.seat,
			b.act,
			b.terms,
			b.seen
		)
	}));
};

import { error, json } from '@sveltejs/kit';
import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { tableDocName } from '$lib/server/access.ts';
import { closedVotesFor } from '$lib/server/voice/rep-vote-access.ts';
import type { RequestHandler } from './$types';

/** Every timed update of the table, for the debrief replay; only once the match is over. */
export const GET: RequestHandler = async (e) => {
	const { params, locals } = e;
	const ctx = await viewableMatch(params.matchId, locals.principal);
	if (ctx.match.status !== 'signed' && ctx.match.status !== 'ended')
		error(409, '协商结束后才能回放');
	const history = await locals.services.docHistory(tableDocName(ctx.match.id));
	return json({
		updates: history.map((h) => ({ at: h.at, update: Buffer.from(h.data).toString('base64') })),
		// The representatives' votes closed so far, as far as the viewer may see them (E45).
		votes: await closedVotesFor(e, ctx)
	});
};

import { json } from '@sveltejs/kit';
import { myBallot, tallyOf } from '$lib/server/voice/rep-votes.ts';
import { voteFor } from '$lib/server/voice/rep-vote-access.ts';
import type { RequestHandler } from './$types';

/**
 * The live state of a vote, polled by its page (E43): the tally and who has not voted to the
 * side's chief and the organizer; to a representative only their own answers and, once closed,
 * the outcome.
 */
export const GET: RequestHandler = async (e) => {
	const { vote, manage, voterSeat } = await voteFor(e);
	const k = e.locals.services.sql.db;
	return json({
		closedAt: vote.closedAt,
		outcome: vote.outcome,
		mine: voterSeat ? await myBallot(k, vote.id, voterSeat) : {},
		tally: manage ? await tallyOf(k, vote) : null
	});
};

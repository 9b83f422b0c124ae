import { error, fail } from '@sveltejs/kit';
import { actorFor } from '$lib/server/voice/procedure-tracker.ts';
import {
	BallotSchema,
	castBallot,
	closeRepVote,
	myBallot,
	tallyOf
} from '$lib/server/voice/rep-votes.ts';
import { voteFor } from '$lib/server/voice/rep-vote-access.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (e) => {
	const { vote, manage, voterSeat } = await voteFor(e);
	const k = e.locals.services.sql.db;
	return {
		matchId: e.params.matchId,
		vote: {
			id: vote.id,
			side: vote.side,
			title: vote.title,
			ruleName: vote.ruleName,
			items: vote.items,
			voters: vote.voters.length,
			closedAt: vote.closedAt,
			// The decided outcome is shown to the side once closed; the live count only to its managers.
			outcome: vote.outcome
		},
		manage,
		canVote: voterSeat !== null,
		mine: voterSeat ? await myBallot(k, vote.id, voterSeat) : {},
		tally: manage ? await tallyOf(k, vote) : null
	};
};

export const actions: Actions = {
	ballot: async (e) => {
		const { vote, voterSeat } = await voteFor(e);
		if (!voterSeat) error(403, '只有这一方的代表可以投票');
		const fd = await e.request.formData();
		const choices = BallotSchema.safeParse(
			Object.fromEntries(
				[...fd.entries()]
					.filter(([k, v]) => k.startsWith('q') && String(v) !== '')
					.map(([k, v]) => [k, String(v)])
			)
		);
		if (!choices.success) return fail(400, { ballotError: '选择无效' });
		const r = await castBallot(e.locals.services.sql.db, vote, voterSeat, choices.data);
		if (!r.ok) return fail(r.status, { ballotError: r.message });
		return { voted: r.stored };
	},
	close: async (e) => {
		const { vote, manage, eventId } = await voteFor(e);
		if (!manage) error(403, '只有本方首席代表或组织者可以结束表决');
		const r = await closeRepVote(
			e.locals.services.sql.db,
			vote,
			eventId,
			actorFor(e.locals.principal).actor
		);
		if (!r.ok) return fail(r.status, { closeError: r.message });
		return { closed: true };
	}
};

/**
 * Who may see which representatives' votes of a match (server/SPEC.md E41, E43): a side's votes
 * are that side's private business, like its caucus. Its seats see them and answer; its chief and
 * the organizer manage them and see the tally; the other side and everyone else get a 404.
 */
import { error } from '@sveltejs/kit';
import { viewableMatch, type MatchContext } from '../negotiation/match-view.ts';
import { sideOf, isOrganizerOf, type Side } from '../events/events.ts';
import {
	getRepVote,
	outcomeSummary,
	representativesOf,
	repVotesOf,
	roleInVote,
	type RepVote
} from './rep-votes.ts';

type E = { locals: App.Locals; params: { matchId: string } };

/** The sides whose votes the caller sees: the organizer both, a seat its own side, nobody else any. */
export async function visibleSides(e: E, given?: MatchContext) {
	const ctx = given ?? (await viewableMatch(e.params.matchId, e.locals.principal));
	const p = e.locals.principal;
	const { db } = e.locals.services.sql;
	if (await isOrganizerOf(db, ctx.match.eventId, p.user?.id))
		return { ctx, sides: ['labour', 'management'] as Side[] };
	const side = p.seat && p.seat.matchId === ctx.match.id ? sideOf(p.seat.role) : null;
	return { ctx, sides: side ? [side] : [] };
}

/** A vote the caller may see, with what they may do in it; 404 otherwise. */
export async function voteFor(
	e: E & { params: { voteId: string } }
): Promise<{ vote: RepVote; manage: boolean; voterSeat: string | null; eventId: string }> {
	const { ctx, sides } = await visibleSides(e);
	const vote = await getRepVote(e.locals.services.sql.db, ctx.match.id, e.params.voteId);
	if (!vote || !sides.includes(vote.side)) error(404, '没有这项表决，或您不是这一方的代表');
	// The voters are fixed when the vote opens; their names are today's (a seat joined since).
	const now = new Map(
		(await representativesOf(e.locals.services.sql.db, ctx.match.id, vote.side)).map((v) => [
			v.seatId,
			v.label
		])
	);
	vote.voters = vote.voters.map((v) => ({ ...v, label: now.get(v.seatId) ?? v.label }));
	const role = await roleInVote(
		e.locals.services.sql.db,
		e.locals.principal,
		ctx.match,
		vote.side,
		vote.voters
	);
	return { vote, ...role, eventId: ctx.match.eventId };
}

/** The closed votes the caller may see, oldest first, for the replay (E45). */
export async function closedVotesFor(e: E, ctx: MatchContext) {
	const { sides } = await visibleSides(e, ctx);
	const votes = await repVotesOf(e.locals.services.sql.db, ctx.match.id, sides);
	return votes
		.filter((v) => v.closedAt !== null && v.outcome)
		.reverse()
		.map((v) => ({
			id: v.id,
			side: v.side,
			title: v.title,
			ruleName: v.ruleName,
			closedAt: v.closedAt!,
			summary: outcomeSummary(v, v.outcome!)
		}));
}

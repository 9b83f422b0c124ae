/**
 * Representatives' votes (代表表决) as the server keeps them (server/SPEC.md E40–E45): a chief or
 * the organizer opens a vote for one side, the side's representatives when it opens are its
 * voters, each answers each item once from their seat (the ballots table is the truth, its key
 * refuses a second answer), the chief watches the tally, and closing decides it with the
 * domain's rule (procedure/SPEC.md Q) and writes the outcome to the audit log.
 */
import { z } from 'zod';
import { sql } from 'kysely';
import { engineOf, inTransaction, type SqlDb } from '../sql/handle.ts';
import type { SqlSchema } from '../sql/schema.ts';
import type { Principal } from '../access.ts';
import { appendAudit } from '../sql/audit.ts';
import { newId } from '../ids.ts';
import { CHIEF_ROLES } from '../../domain/roles.ts';
import { isOrganizerOf, seatsOfMatch, sideOf, type Match, type Side } from '../events/events.ts';
import {
	ABSTAIN,
	decideVoteItems,
	parseVoteItems,
	REP_VOTE_RULES,
	repVoteRuleIdSchema,
	voteItemsSchema,
	type ItemOutcome,
	type RepVoteRuleId,
	type VoteItem
} from '../../domain/procedure/representative-vote.ts';

type K = SqlDb;

export interface Voter {
	seatId: string;
	label: string;
}

export interface RepVote {
	id: string;
	matchId: string;
	side: Side;
	title: string;
	rule: RepVoteRuleId;
	ruleName: string;
	items: VoteItem[];
	voters: Voter[];
	openedBy: string;
	openedAt: number;
	closedAt: number | null;
	outcome: ItemOutcome[] | null;
}

export const OpenVoteFormSchema = z
	.object({
		title: z.string().trim().min(1, '请填写表决名称').max(100, '表决名称最多 100 字'),
		items: z.string().max(20000),
		options: z.string().max(600).default(''),
		rule: repVoteRuleIdSchema.catch('majority-cast' as RepVoteRuleId),
		side: z.enum(['labour', 'management']).optional()
	})
	.strict();

/** Who a principal is to a vote of `side` at `match`: its manager (chief or organizer), a voter, or nobody. */
export async function roleInVote(
	db: SqlDb,
	p: Principal,
	match: Match,
	side: Side,
	voters?: readonly Voter[]
): Promise<{ manage: boolean; voterSeat: string | null }> {
	const seat = p.seat && p.seat.matchId === match.id ? p.seat : null;
	const own = seat ? sideOf(seat.role) : null;
	const manage =
		(await isOrganizerOf(db, match.eventId, p.user?.id)) ||
		(!!seat && own === side && seat.role === CHIEF_ROLES[side]);
	const voterSeat =
		seat && own === side && (!voters || voters.some((v) => v.seatId === seat.id)) ? seat.id : null;
	return { manage, voterSeat };
}

/** The side a principal opens votes for: a chief's own; the organizer's choice (labour by default). */
export async function managedSide(
	db: SqlDb,
	p: Principal,
	match: Match,
	asked?: Side
): Promise<Side | null> {
	if (await isOrganizerOf(db, match.eventId, p.user?.id)) return asked ?? 'labour';
	const seat = p.seat && p.seat.matchId === match.id ? p.seat : null;
	if (!seat) return null;
	const side = sideOf(seat.role);
	return side && seat.role === CHIEF_ROLES[side] ? side : null;
}

/** The side's representatives now: its chief and members seated at the match, revoked seats left out. */
export async function representativesOf(db: SqlDb, matchId: string, side: Side): Promise<Voter[]> {
	return (await seatsOfMatch(db, matchId))
		.filter((s) => s.revokedAt === null && sideOf(s.role) === side)
		.map((s) => {
			// Chief seats carry no label; members' read 代表 2, 代表 3 …
			const seatName = s.role === CHIEF_ROLES[side] ? '首席代表' : s.label || '代表';
			return { seatId: s.id, label: s.personName ? `${s.personName}（${seatName}）` : seatName };
		});
}

type Row = SqlSchema['rep_votes'];
const toVote = (r: Row): RepVote => {
	const rule = repVoteRuleIdSchema.parse(r.rule);
	return {
		id: r.id,
		matchId: r.match_id,
		side: r.side,
		title: r.title,
		rule,
		ruleName: REP_VOTE_RULES[rule].name,
		items: voteItemsSchema.parse(JSON.parse(r.items)),
		voters: JSON.parse(r.voters) as Voter[],
		openedBy: r.opened_by,
		openedAt: r.opened_at,
		closedAt: r.closed_at,
		outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as ItemOutcome[])
	};
};

export async function openRepVote(
	k: K,
	match: Match,
	side: Side,
	form: z.infer<typeof OpenVoteFormSchema>,
	actor: string
): Promise<{ ok: true; vote: RepVote } | { ok: false; errors: string[] }> {
	const parsed = parseVoteItems(form.items, form.options);
	if (!parsed.ok) return parsed;
	const voters = await representativesOf(k, match.id, side);
	if (voters.length === 0) return { ok: false, errors: ['本方还没有代表席位，无法表决'] };
	const row: Row = {
		id: newId(),
		match_id: match.id,
		side,
		title: form.title,
		rule: form.rule,
		items: JSON.stringify(parsed.items),
		voters: JSON.stringify(voters),
		opened_by: actor,
		opened_at: Date.now(),
		closed_at: null,
		closed_by: null,
		outcome: null
	};
	await k.insertInto('rep_votes').values(row).execute();
	await appendAudit(k, match.eventId, actor, 'vote.open', {
		match: match.id,
		side,
		vote: row.id,
		label: form.title,
		rule: form.rule,
		items: parsed.items.length,
		voters: voters.length
	});
	return { ok: true, vote: toVote(row) };
}

export async function getRepVote(k: K, matchId: string, id: string): Promise<RepVote | null> {
	const r = await k
		.selectFrom('rep_votes')
		.selectAll()
		.where('id', '=', id)
		.where('match_id', '=', matchId)
		.executeTakeFirst();
	return r ? toVote(r) : null;
}

/** A match's votes of the given sides, newest first. */
export async function repVotesOf(
	k: K,
	matchId: string,
	sides: readonly Side[]
): Promise<RepVote[]> {
	if (sides.length === 0) return [];
	const rows = await k
		.selectFrom('rep_votes')
		.selectAll()
		.where('match_id', '=', matchId)
		.where('side', 'in', [...sides])
		.orderBy('opened_at', 'desc')
		.execute();
	return rows.map(toVote);
}

type Ballot = { item_id: string; seat_id: string; choice: string };
const ballotsOf = (k: K, voteId: string): Promise<Ballot[]> =>
	k
		.selectFrom('rep_ballots')
		.select(['item_id', 'seat_id', 'choice'])
		.where('vote_id', '=', voteId)
		.execute();

export const BallotSchema = z.record(z.string().regex(/^q\d{1,3}$/), z.string().min(1).max(40));

/**
 * Stores one representative's answers (E42, Q6): every item named must exist and be answered
 * with one of its options or 弃权, and none may have been answered before. All the answers go in
 * one INSERT: either every one is stored or, if any item was already answered (also by a request
 * racing this one), none is.
 */
export async function castBallot(
	k: K,
	vote: RepVote,
	seatId: string,
	choices: Record<string, string>
): Promise<{ ok: true; stored: number } | { ok: false; status: number; message: string }> {
	if (vote.closedAt !== null) return { ok: false, status: 409, message: '表决已结束，不能再投票' };
	const entries = Object.entries(choices);
	if (entries.length === 0) return { ok: false, status: 400, message: '请至少选择一项' };
	for (const [itemId, choice] of entries) {
		const item = vote.items.find((i) => i.id === itemId);
		if (!item) return { ok: false, status: 400, message: '没有这一表决事项' };
		if (choice !== ABSTAIN && !item.options.some((o) => o.id === choice))
			return { ok: false, status: 400, message: `「${item.title}」没有这个选项` };
	}
	const already = (itemId: string) =>
		`您已对「${vote.items.find((i) => i.id === itemId)?.title ?? itemId}」投过票，每项只能投一次`;
	const at = Date.now();
	try {
		// The vote is read again holding its row (FOR UPDATE on PostgreSQL; SQLite's one connection
		// runs the transaction whole): a close taking the row first makes this ballot a refusal, and
		// a close waiting for it counts it. A stored ballot is never left out of the outcome.
		return await inTransaction(k, async (trx) => {
			let open = trx
				.selectFrom('rep_votes')
				.select('id')
				.where('id', '=', vote.id)
				.where('closed_at', 'is', null);
			if (engineOf(trx) === 'postgres') open = open.forUpdate();
			if (!(await open.executeTakeFirst()))
				return { ok: false as const, status: 409, message: '表决已结束，不能再投票' };
			const mine = (await ballotsOf(trx, vote.id)).filter((b) => b.seat_id === seatId);
			const again = entries.find(([itemId]) => mine.some((b) => b.item_id === itemId));
			if (again) return { ok: false as const, status: 409, message: already(again[0]) };
			await trx
				.insertInto('rep_ballots')
				.values(
					entries.map(([itemId, choice]) => ({
						vote_id: vote.id,
						item_id: itemId,
						seat_id: seatId,
						choice,
						at
					}))
				)
				.execute();
			return { ok: true as const, stored: entries.length };
		});
	} catch (e) {
		// The primary key refused it: a request racing this one stored an answer first.
		if (/unique|primary key|duplicate/i.test(String((e as Error).message)))
			return { ok: false, status: 409, message: already(entries[0]![0]) };
		throw e;
	}
}

export interface Tally {
	outcome: ItemOutcome[];
	/** Per voter: the items they have answered. */
	answered: { seatId: string; label: string; items: string[] }[];
	/** Voters who have not answered every item. */
	missing: Voter[];
	ballots: number;
}

/** The live count (E43): the domain's decision over the ballots stored so far. */
export async function tallyOf(k: K, vote: RepVote): Promise<Tally> {
	const rows = await ballotsOf(k, vote.id);
	const byItem: Record<string, string[]> = {};
	for (const b of rows) (byItem[b.item_id] ??= []).push(b.choice);
	const outcome = decideVoteItems(
		vote.items,
		byItem,
		vote.voters.length,
		REP_VOTE_RULES[vote.rule]
	);
	const answered = vote.voters.map((v) => ({
		...v,
		items: rows.filter((b) => b.seat_id === v.seatId).map((b) => b.item_id)
	}));
	return {
		outcome,
		answered,
		missing: answered.filter((a) => a.items.length < vote.items.length),
		ballots: rows.length
	};
}

/** What one voter has answered: item id → choice. */
export async function myBallot(
	k: K,
	voteId: string,
	seatId: string
): Promise<Record<string, string>> {
	const rows = await k
		.selectFrom('rep_ballots')
		.select(['item_id', 'choice'])
		.where('vote_id', '=', voteId)
		.where('seat_id', '=', seatId)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.item_id, r.choice]));
}

/** One line per item for the audit log and the replay: 「事项」：「选项」通过 / 未形成决定. */
export function outcomeSummary(vote: RepVote, outcome: readonly ItemOutcome[]): string {
	return outcome
		.map((o) => {
			const item = vote.items.find((i) => i.id === o.itemId)!;
			const label = item.options.find((x) => x.id === o.adopted)?.label;
			return label ? `「${item.title}」：「${label}」通过` : `「${item.title}」：未形成决定`;
		})
		.join('；');
}

/**
 * Closes a vote (E44): decided once with the ballots stored at that moment, the outcome kept on
 * the vote and appended to the match's audit log. Closing twice is refused; a ballot arriving
 * after the close is refused by `castBallot`; one that committed before it is counted.
 */
export async function closeRepVote(
	k: K,
	vote: RepVote,
	eventId: string,
	actor: string
): Promise<{ ok: true; vote: RepVote } | { ok: false; status: number; message: string }> {
	if (vote.closedAt !== null) return { ok: false, status: 409, message: '表决已经结束' };
	const closedAt = Date.now();
	// Closing and counting in one transaction that holds the vote's row (the UPDATE locks it on
	// PostgreSQL): a ballot either committed before it, and is counted, or sees the vote closed.
	const done = await inTransaction(k, async (trx) => {
		const r = await trx
			.updateTable('rep_votes')
			.set({ closed_at: closedAt, closed_by: actor })
			.where('id', '=', vote.id)
			.where('closed_at', 'is', null)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return null;
		const tally = await tallyOf(trx, { ...vote, closedAt });
		await trx
			.updateTable('rep_votes')
			.set({ outcome: JSON.stringify(tally.outcome) })
			.where('id', '=', vote.id)
			.execute();
		return tally;
	});
	if (!done) return { ok: false, status: 409, message: '表决已经结束' };
	const closed = { ...vote, closedAt };
	const { outcome, ballots } = done;
	await appendAudit(k, eventId, actor, 'vote.close', {
		match: vote.matchId,
		side: vote.side,
		vote: vote.id,
		label: vote.title,
		rule: vote.rule,
		ballots,
		adopted: outcome.filter((o) => o.adopted !== null).length,
		reason: outcomeSummary(vote, outcome)
	});
	return { ok: true, vote: { ...closed, outcome } };
}

/** The id of the match's latest ratification vote, as `recordRatification` just stored it. */
export async function lastRatificationId(k: K, matchId: string): Promise<number> {
	const r = await sql<{
		id: number | null;
	}>`SELECT MAX(id) AS id FROM ratifications WHERE match_id = ${matchId}`.execute(k);
	return Number(r.rows[0]?.id ?? 0);
}

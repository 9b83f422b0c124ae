/**
 * Judges and their matches: which matches a judge seat scores, the contestants of a side,
 * conflicts of interest (回避) and reassigning a judge.
 */
import { inTransaction, type SqlDb } from '../sql/handle.ts';
import {
	matchesOf,
	moveSeat,
	seatsOfEvent,
	seatsOfMatch,
	sideOf,
	teamsOf,
	type Match,
	type Seat,
	type Side
} from '../events/events.ts';
import { audit } from '../audit.ts';
import { sheetsOfJudge, type StoredSheet } from './sheet-store.ts';

export const isJudge = (seat: Seat | null | undefined): seat is Seat =>
	!!seat && seat.role === 'judge' && seat.revokedAt === null;

/** The matches a judge seat scores: its own match, or every match of the event when event-wide. */
export async function matchesForJudge(db: SqlDb, seat: Seat): Promise<Match[]> {
	const all = await matchesOf(db, seat.eventId);
	return seat.matchId ? all.filter((m) => m.id === seat.matchId) : all;
}

export interface Contestant {
	id: string;
	name: string;
}

/** The contestants of a side in a match: its seats that have joined (individual criteria, S2). */
export async function contestantsOf(db: SqlDb, matchId: string, side: Side): Promise<Contestant[]> {
	return (await seatsOfMatch(db, matchId))
		.filter((s) => sideOf(s.role) === side && s.personName && s.revokedAt === null)
		.map((s) => ({ id: s.id, name: s.personName ?? s.label }));
}

/* Conflicts of interest (回避) ------------------------------------------------------------------ */

/** Affiliations compare case- and whitespace-insensitively; an empty one never conflicts. */
export const normaliseAffiliation = (a: string) =>
	a.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export interface Conflict {
	matchId: string;
	judgeSeatId: string;
	judgeName: string;
	teamId: string;
	teamName: string;
	side: Side;
	affiliation: string;
	confirmedBy: string | null;
	confirmedAt: number | null;
}

export async function conflictsOf(db: SqlDb, eventId: string): Promise<Conflict[]> {
	const teams = new Map((await teamsOf(db, eventId)).map((t) => [t.id, t]));
	const judges = (await seatsOfEvent(db, eventId)).filter(isJudge);
	const confirmed = new Map(
		(
			await db
				.selectFrom('conflict_confirmations')
				.selectAll()
				.where('event_id', '=', eventId)
				.execute()
		).map((r) => [`${r.match_id}|${r.judge_seat_id}|${r.team_id}`, r])
	);
	const allMatches = await matchesOf(db, eventId);
	const out: Conflict[] = [];
	for (const j of judges) {
		const aff = normaliseAffiliation(j.affiliation);
		if (!aff) continue;
		for (const m of j.matchId ? allMatches.filter((x) => x.id === j.matchId) : allMatches) {
			for (const side of ['labour', 'management'] as const) {
				const teamId = side === 'labour' ? m.labourTeamId : m.managementTeamId;
				const team = teamId ? teams.get(teamId) : undefined;
				if (!team || normaliseAffiliation(team.affiliation) !== aff) continue;
				const c = confirmed.get(`${m.id}|${j.id}|${team.id}`);
				out.push({
					matchId: m.id,
					judgeSeatId: j.id,
					judgeName: j.personName ?? j.label,
					teamId: team.id,
					teamName: team.name,
					side,
					affiliation: team.affiliation,
					confirmedBy: c?.confirmed_by ?? null,
					confirmedAt: c?.confirmed_at ?? null
				});
			}
		}
	}
	return out;
}

export async function confirmConflict(
	db: SqlDb,
	eventId: string,
	matchId: string,
	judgeSeatId: string,
	teamId: string,
	actor: string
): Promise<boolean> {
	const c = (await conflictsOf(db, eventId)).find(
		(x) => x.matchId === matchId && x.judgeSeatId === judgeSeatId && x.teamId === teamId
	);
	if (!c) return false;
	await db
		.insertInto('conflict_confirmations')
		.values({
			match_id: matchId,
			judge_seat_id: judgeSeatId,
			team_id: teamId,
			event_id: eventId,
			confirmed_by: actor,
			confirmed_at: Date.now()
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
	return true;
}

/**
 * Audits each conflict the predicate selects (a judge seat just added, its affiliation just set,
 * a match just created) so the organizer sees it when it arises, not only on the judging page.
 */
export async function flagConflicts(
	db: SqlDb,
	eventId: string,
	actor: string,
	which: (c: Conflict) => boolean
): Promise<Conflict[]> {
	const found = (await conflictsOf(db, eventId)).filter(which);
	for (const c of found)
		await audit(db, eventId, actor, 'judging.conflict.flag', {
			match: c.matchId,
			judge: c.judgeSeatId,
			judgeName: c.judgeName,
			team: c.teamId,
			teamName: c.teamName,
			affiliation: c.affiliation,
			isConfirmed: c.confirmedAt !== null
		});
	return found;
}

export type ReassignRefusal =
	'no-seat' | 'event-wide' | 'target' | 'other-round' | 'target-conflict' | 'submitted';

/**
 * The matches a per-match judge seat may be moved to: the other matches of its round, with both
 * teams, where the judge's affiliation matches neither team.
 */
export async function reassignTargets(db: SqlDb, seat: Seat): Promise<Match[]> {
	if (!seat.matchId) return [];
	const all = await matchesOf(db, seat.eventId);
	const from = all.find((m) => m.id === seat.matchId);
	if (!from) return [];
	const aff = normaliseAffiliation(seat.affiliation);
	const teams = new Map(
		(await teamsOf(db, seat.eventId)).map((t) => [t.id, normaliseAffiliation(t.affiliation)])
	);
	const clashes = (m: Match) =>
		!!aff && [m.labourTeamId, m.managementTeamId].some((id) => id && teams.get(id) === aff);
	return all.filter(
		(m) =>
			m.id !== from.id &&
			m.roundNumber === from.roundNumber &&
			m.labourTeamId &&
			m.managementTeamId &&
			!clashes(m)
	);
}

/**
 * 改派: moves a per-match judge seat to another match of the same round. The judge keeps the seat,
 * its code and their name; drafts for the old match are dropped (they belong to the old teams) and
 * returned for the audit log, and a judge who has already submitted there is refused (the sheet
 * would be orphaned).
 */
export async function reassignJudge(
	db: SqlDb,
	seat: Seat,
	targetMatchId: string
): Promise<
	| { ok: true; from: string; to: string; droppedDrafts: StoredSheet[] }
	| { ok: false; reason: ReassignRefusal }
> {
	if (!isJudge(seat)) return { ok: false, reason: 'no-seat' };
	if (!seat.matchId) return { ok: false, reason: 'event-wide' };
	const all = await matchesOf(db, seat.eventId);
	const target = all.find((m) => m.id === targetMatchId);
	const from = all.find((m) => m.id === seat.matchId);
	if (!target || !from || target.id === from.id) return { ok: false, reason: 'target' };
	if (target.roundNumber !== from.roundNumber) return { ok: false, reason: 'other-round' };
	if (!(await reassignTargets(db, seat)).some((m) => m.id === target.id))
		return { ok: false, reason: 'target-conflict' };
	const fromId = from.id;
	return inTransaction(db, async (trx) => {
		const submitted = await trx
			.selectFrom('score_sheets')
			.select('id')
			.where('judge_seat_id', '=', seat.id)
			.where('match_id', '=', fromId)
			.where('status', '=', 'submitted')
			.limit(1)
			.executeTakeFirst();
		if (submitted) return { ok: false as const, reason: 'submitted' as const };
		// What is dropped goes to the caller, which records it in the audit log: nothing typed vanishes untraced.
		const droppedDrafts = (await sheetsOfJudge(trx, seat.id)).filter(
			(sh) => sh.matchId === fromId && sh.status === 'draft'
		);
		await trx
			.deleteFrom('score_sheets')
			.where('judge_seat_id', '=', seat.id)
			.where('match_id', '=', fromId)
			.where('status', '=', 'draft')
			.execute();
		await moveSeat(trx, seat.id, target.id);
		return { ok: true as const, from: fromId, to: target.id, droppedDrafts };
	});
}

/** Unconfirmed conflicts that keep this judge from submitting for this match. */
export async function openConflictsFor(
	db: SqlDb,
	seat: Seat,
	matchId: string
): Promise<Conflict[]> {
	return (await conflictsOf(db, seat.eventId)).filter(
		(c) => c.judgeSeatId === seat.id && c.matchId === matchId && c.confirmedAt === null
	);
}

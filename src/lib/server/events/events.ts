/**
 * Events (比赛/培训), teams, rounds, matches and seats: who plays which side of which table.
 */
import { z } from 'zod';
import { plainName } from '../../domain/names.ts';
import { eachTeamBothSides, roundRobin } from '../../domain/pairing/index.ts';
import type { Db } from '../storage/db.ts';
import { newId, newSecret, newShortCode } from '../ids.ts';

// Sides and roles are the domain's (src/lib/domain/roles.ts); re-exported for the server's callers.
export {
	ROLES,
	roleSchema as RoleSchema,
	sideOf,
	isChief,
	type Role,
	type Side
} from '../../domain/roles.ts';
import type { Role, Side } from '../../domain/roles.ts';

export const NewEventSchema = z.object({
	name: plainName(z.string().trim().min(1, '请填写活动名称').max(100)),
	kind: z.enum(['competition', 'training', 'negotiation']).default('competition'),
	// A shipped file's name, or a studio case version `<caseId>@<version>` (server/SPEC.md K8).
	scenarioId: z.string().regex(/^[a-z0-9_-]+(@[1-9][0-9]*)?$/, '请选择案例'),
	// docs/sources.md §1 (集体合同规定 art 19): at least 3 representatives a side, equal numbers on both sides.
	membersPerSide: z.coerce.number().int().min(3, '每方至少 3 名代表').max(10).default(4)
});
export type NewEvent = z.infer<typeof NewEventSchema>;

export const NewTeamSchema = z.object({
	name: plainName(z.string().trim().min(1, '请填写队名').max(60)),
	affiliation: plainName(z.string().trim().max(100)).default('')
});

export interface EventRow {
	id: string;
	name: string;
	kind: 'competition' | 'training' | 'negotiation';
	scenarioId: string;
	membersPerSide: number;
	createdAt: number;
}
export interface Team {
	id: string;
	eventId: string;
	name: string;
	affiliation: string;
}
export interface Match {
	id: string;
	eventId: string;
	roundNumber: number;
	tableNo: number;
	labourTeamId: string | null;
	managementTeamId: string | null;
	status: 'scheduled' | 'running' | 'signed' | 'ended';
	releasedLabour: boolean;
	releasedManagement: boolean;
}
export interface Seat {
	id: string;
	eventId: string;
	matchId: string | null;
	role: Role;
	label: string;
	affiliation: string;
	code: string;
	shortCode: string;
	personName: string | null;
	joinedAt: number | null;
	revokedAt: number | null;
}

type EventDb = {
	id: string;
	name: string;
	kind: EventRow['kind'];
	scenario_id: string;
	members_per_side: number;
	created_at: number;
};
const toEvent = (r: EventDb): EventRow => ({
	id: r.id,
	name: r.name,
	kind: r.kind,
	scenarioId: r.scenario_id,
	membersPerSide: r.members_per_side,
	createdAt: r.created_at
});
type MatchDb = {
	id: string;
	event_id: string;
	number: number;
	table_no: number;
	labour_team_id: string | null;
	management_team_id: string | null;
	status: Match['status'];
	released_labour: number;
	released_management: number;
};
const toMatch = (r: MatchDb): Match => ({
	id: r.id,
	eventId: r.event_id,
	roundNumber: r.number,
	tableNo: r.table_no,
	labourTeamId: r.labour_team_id,
	managementTeamId: r.management_team_id,
	status: r.status,
	releasedLabour: r.released_labour === 1,
	releasedManagement: r.released_management === 1
});
type SeatDb = {
	id: string;
	event_id: string;
	match_id: string | null;
	role: Role;
	label: string;
	affiliation: string;
	code: string;
	short_code: string;
	person_name: string | null;
	joined_at: number | null;
	revoked_at: number | null;
};
const toSeat = (r: SeatDb): Seat => ({
	id: r.id,
	eventId: r.event_id,
	matchId: r.match_id,
	role: r.role,
	label: r.label,
	affiliation: r.affiliation,
	code: r.code,
	shortCode: r.short_code,
	personName: r.person_name,
	joinedAt: r.joined_at,
	revokedAt: r.revoked_at
});

export function createEvent(
	db: Db,
	input: z.input<typeof NewEventSchema>,
	userId: string | null
): EventRow {
	const e = NewEventSchema.parse(input);
	const id = newId();
	db.transaction(() => {
		db.prepare(
			'INSERT INTO events (id, name, kind, scenario_id, members_per_side, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
		).run(id, e.name, e.kind, e.scenarioId, e.membersPerSide, userId, Date.now());
		if (userId)
			db.prepare('INSERT INTO event_organizers (event_id, user_id) VALUES (?, ?)').run(id, userId);
	})();
	return getEvent(db, id)!;
}

export function getEvent(db: Db, id: string): EventRow | null {
	const r = db.prepare<[string], EventDb>('SELECT * FROM events WHERE id = ?').get(id);
	return r ? toEvent(r) : null;
}

export function eventsOrganizedBy(db: Db, userId: string): EventRow[] {
	return db
		.prepare<[string], EventDb>(
			'SELECT e.* FROM events e JOIN event_organizers o ON o.event_id = e.id WHERE o.user_id = ? ORDER BY e.created_at DESC'
		)
		.all(userId)
		.map(toEvent);
}

export function isOrganizerOf(db: Db, eventId: string, userId: string | null | undefined): boolean {
	if (!userId) return false;
	return !!db
		.prepare('SELECT 1 FROM event_organizers WHERE event_id = ? AND user_id = ?')
		.get(eventId, userId);
}

export function addTeam(db: Db, eventId: string, input: z.input<typeof NewTeamSchema>): Team {
	const t = NewTeamSchema.parse(input);
	const id = newId();
	db.prepare('INSERT INTO teams (id, event_id, name, affiliation) VALUES (?, ?, ?, ?)').run(
		id,
		eventId,
		t.name,
		t.affiliation
	);
	return { id, eventId, name: t.name, affiliation: t.affiliation };
}

export function teamsOf(db: Db, eventId: string): Team[] {
	return db
		.prepare<[string], { id: string; event_id: string; name: string; affiliation: string }>(
			'SELECT * FROM teams WHERE event_id = ? ORDER BY rowid'
		)
		.all(eventId)
		.map((r) => ({ id: r.id, eventId: r.event_id, name: r.name, affiliation: r.affiliation }));
}

const MATCH_SELECT = 'SELECT m.*, r.number FROM matches m JOIN rounds r ON r.id = m.round_id';

export function getMatch(db: Db, id: string): Match | null {
	const r = db.prepare<[string], MatchDb>(`${MATCH_SELECT} WHERE m.id = ?`).get(id);
	return r ? toMatch(r) : null;
}

export function matchesOf(db: Db, eventId: string): Match[] {
	return db
		.prepare<[string], MatchDb>(
			`${MATCH_SELECT} WHERE m.event_id = ? ORDER BY r.number, m.table_no`
		)
		.all(eventId)
		.map(toMatch);
}

function roundId(db: Db, eventId: string, number: number): string {
	const r = db
		.prepare<[string, number], { id: string }>(
			'SELECT id FROM rounds WHERE event_id = ? AND number = ?'
		)
		.get(eventId, number);
	if (r) return r.id;
	const id = newId();
	db.prepare('INSERT INTO rounds (id, event_id, number) VALUES (?, ?, ?)').run(id, eventId, number);
	return id;
}

/** Creates one match with its seats: a chief and members on each side, plus a judge and an observer. */
export function addMatch(
	db: Db,
	event: EventRow,
	round: number,
	labourTeamId: string | null,
	managementTeamId: string | null,
	extraSeats: Role[] = ['judge', 'observer']
): Match {
	const id = newId();
	db.transaction(() => {
		const rid = roundId(db, event.id, round);
		const tableNo =
			(db
				.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM matches WHERE round_id = ?')
				.get(rid)?.n ?? 0) + 1;
		db.prepare(
			'INSERT INTO matches (id, event_id, round_id, table_no, labour_team_id, management_team_id) VALUES (?, ?, ?, ?, ?, ?)'
		).run(id, event.id, rid, tableNo, labourTeamId, managementTeamId);
		for (const side of ['labour', 'management'] as const) {
			createSeat(db, event.id, id, `${side}-chief`, '');
			for (let i = 2; i <= event.membersPerSide; i++)
				createSeat(db, event.id, id, `${side}-member`, `代表 ${i}`);
		}
		for (const role of extraSeats) createSeat(db, event.id, id, role, '');
	})();
	return getMatch(db, id)!;
}

export type PairingMethod = 'round-robin' | 'both-sides';

/** Generates the whole schedule; refused once matches exist (they may already hold drafts). */
export function generatePairings(db: Db, event: EventRow, method: PairingMethod): Match[] {
	if (matchesOf(db, event.id).length > 0) throw new Error('已有对阵，不能重新生成');
	const teams = teamsOf(db, event.id);
	if (teams.length < 2) throw new Error('至少需要 2 支队伍');
	const schedule =
		method === 'round-robin'
			? roundRobin(teams.map((t) => t.id))
			: eachTeamBothSides(teams.map((t) => t.id));
	return db.transaction(() =>
		schedule.rounds.flat().map((p) => addMatch(db, event, p.round, p.labour, p.management))
	)();
}

export function createSeat(
	db: Db,
	eventId: string,
	matchId: string | null,
	role: Role,
	label: string,
	affiliation = ''
): Seat {
	const id = newId();
	db.prepare(
		'INSERT INTO seats (id, event_id, match_id, role, label, affiliation, code, short_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
	).run(id, eventId, matchId, role, label, affiliation, newSecret(), newShortCode(), Date.now());
	return getSeat(db, id)!;
}

export function getSeat(db: Db, id: string): Seat | null {
	const r = db.prepare<[string], SeatDb>('SELECT * FROM seats WHERE id = ?').get(id);
	return r ? toSeat(r) : null;
}

/** The seat a join code (the long one from a link, or the short human one) opens, if still valid. */
export function seatForCode(db: Db, code: string): Seat | null {
	const c = code.trim().toLowerCase();
	if (c.length < 6 || c.length > 64) return null;
	const r = db
		.prepare<[string, string], SeatDb>('SELECT * FROM seats WHERE code = ? OR short_code = ?')
		.get(c, c);
	return r && r.revoked_at === null ? toSeat(r) : null;
}

export function seatsOfMatch(db: Db, matchId: string): Seat[] {
	return db
		.prepare<[string], SeatDb>('SELECT * FROM seats WHERE match_id = ? ORDER BY rowid')
		.all(matchId)
		.map(toSeat);
}

export function seatsOfEvent(db: Db, eventId: string): Seat[] {
	return db
		.prepare<[string], SeatDb>('SELECT * FROM seats WHERE event_id = ? ORDER BY rowid')
		.all(eventId)
		.map(toSeat);
}

export function markJoined(db: Db, seatId: string, personName: string): void {
	db.prepare(
		'UPDATE seats SET person_name = ?, joined_at = COALESCE(joined_at, ?) WHERE id = ?'
	).run(personName, Date.now(), seatId);
}

/** Ends a seat's code and unbinds every session that holds it. */
export function revokeSeat(db: Db, seatId: string): void {
	db.transaction(() => {
		db.prepare('UPDATE seats SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
			Date.now(),
			seatId
		);
		db.prepare('UPDATE sessions SET seat_id = NULL WHERE seat_id = ?').run(seatId);
	})();
}

/** A fresh code for a seat (after a revoke, or a lost slip); the old code and its sessions end. */
export function reissueSeat(db: Db, seatId: string): Seat | null {
	db.transaction(() => {
		db.prepare('UPDATE sessions SET seat_id = NULL WHERE seat_id = ?').run(seatId);
		db.prepare(
			'UPDATE seats SET code = ?, short_code = ?, revoked_at = NULL, person_name = NULL, joined_at = NULL WHERE id = ?'
		).run(newSecret(), newShortCode(), seatId);
	})();
	return getSeat(db, seatId);
}

/** A judge's affiliation (单位), compared with the teams' for conflicts of interest (回避). */
export const AffiliationSchema = plainName(z.string().trim().max(100));

export function setSeatAffiliation(db: Db, seatId: string, affiliation: string): Seat | null {
	db.prepare('UPDATE seats SET affiliation = ? WHERE id = ?').run(
		AffiliationSchema.parse(affiliation),
		seatId
	);
	return getSeat(db, seatId);
}

/** Moves a seat to another match; its code, person and sessions stay (a judge reassigned 改派). */
export function moveSeat(db: Db, seatId: string, matchId: string): void {
	db.prepare('UPDATE seats SET match_id = ? WHERE id = ?').run(matchId, seatId);
}

export function setReleased(db: Db, matchId: string, side: Side, released: boolean): void {
	const col = side === 'labour' ? 'released_labour' : 'released_management';
	db.prepare(`UPDATE matches SET ${col} = ? WHERE id = ?`).run(released ? 1 : 0, matchId);
}

/** A signed match, or one the organizer ended, takes no more writes to its table (N23). */
export const isTableClosed = (status: Match['status'] | undefined): boolean =>
	status === 'signed' || status === 'ended';

export function setMatchStatus(db: Db, matchId: string, status: Match['status']): void {
	db.prepare('UPDATE matches SET status = ? WHERE id = ?').run(status, matchId);
}

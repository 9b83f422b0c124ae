/**
 * Events (比赛/培训), teams, rounds, matches and seats: who plays which side of which table.
 */
import { z } from 'zod';
import { plainName } from '../../domain/names.ts';
import { eachTeamBothSides, roundRobin } from '../../domain/pairing/index.ts';
import { inTransaction, type SqlDb } from '../sql/handle.ts';
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

export async function createEvent(
	db: SqlDb,
	input: z.input<typeof NewEventSchema>,
	userId: string | null
): Promise<EventRow> {
	const e = NewEventSchema.parse(input);
	const id = newId();
	return inTransaction(db, async (trx) => {
		await trx
			.insertInto('events')
			.values({
				id,
				name: e.name,
				kind: e.kind,
				scenario_id: e.scenarioId,
				members_per_side: e.membersPerSide,
				created_by: userId,
				created_at: Date.now()
			})
			.execute();
		if (userId)
			await trx.insertInto('event_organizers').values({ event_id: id, user_id: userId }).execute();
		return (await getEvent(trx, id))!;
	});
}

export async function getEvent(db: SqlDb, id: string): Promise<EventRow | null> {
	const r = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
	return r ? toEvent(r) : null;
}

export async function eventsOrganizedBy(db: SqlDb, userId: string): Promise<EventRow[]> {
	const rows = await db
		.selectFrom('events as e')
		.innerJoin('event_organizers as o', 'o.event_id', 'e.id')
		.selectAll('e')
		.where('o.user_id', '=', userId)
		.orderBy('e.created_at', 'desc')
		.execute();
	return rows.map(toEvent);
}

export async function isOrganizerOf(
	db: SqlDb,
	eventId: string,
	userId: string | null | undefined
): Promise<boolean> {
	if (!userId) return false;
	return !!(await db
		.selectFrom('event_organizers')
		.select('event_id')
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.executeTakeFirst());
}

export async function addTeam(
	db: SqlDb,
	eventId: string,
	input: z.input<typeof NewTeamSchema>
): Promise<Team> {
	const t = NewTeamSchema.parse(input);
	const id = newId();
	await db
		.insertInto('teams')
		.values({ id, event_id: eventId, name: t.name, affiliation: t.affiliation })
		.execute();
	return { id, eventId, name: t.name, affiliation: t.affiliation };
}

export async function teamsOf(db: SqlDb, eventId: string): Promise<Team[]> {
	const rows = await db
		.selectFrom('teams')
		.select(['id', 'event_id', 'name', 'affiliation'])
		.where('event_id', '=', eventId)
		.orderBy('rowid')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		eventId: r.event_id,
		name: r.name,
		affiliation: r.affiliation
	}));
}

const matchSelect = (db: SqlDb) =>
	db
		.selectFrom('matches as m')
		.innerJoin('rounds as r', 'r.id', 'm.round_id')
		.select([
			'm.id',
			'm.event_id',
			'r.number',
			'm.table_no',
			'm.labour_team_id',
			'm.management_team_id',
			'm.status',
			'm.released_labour',
			'm.released_management'
		]);

export async function getMatch(db: SqlDb, id: string): Promise<Match | null> {
	const r = await matchSelect(db).where('m.id', '=', id).executeTakeFirst();
	return r ? toMatch(r) : null;
}

export async function matchesOf(db: SqlDb, eventId: string): Promise<Match[]> {
	const rows = await matchSelect(db)
		.where('m.event_id', '=', eventId)
		.orderBy('r.number')
		.orderBy('m.table_no')
		.execute();
	return rows.map(toMatch);
}

async function roundId(db: SqlDb, eventId: string, number: number): Promise<string> {
	const r = await db
		.selectFrom('rounds')
		.select('id')
		.where('event_id', '=', eventId)
		.where('number', '=', number)
		.executeTakeFirst();
	if (r) return r.id;
	const id = newId();
	await db.insertInto('rounds').values({ id, event_id: eventId, number }).execute();
	return id;
}

/** Creates one match with its seats: a chief and members on each side, plus a judge and an observer. */
export async function addMatch(
	db: SqlDb,
	event: EventRow,
	round: number,
	labourTeamId: string | null,
	managementTeamId: string | null,
	extraSeats: Role[] = ['judge', 'observer']
): Promise<Match> {
	const id = newId();
	return inTransaction(db, async (trx) => {
		const rid = await roundId(trx, event.id, round);
		const n = await trx
			.selectFrom('matches')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('round_id', '=', rid)
			.executeTakeFirst();
		await trx
			.insertInto('matches')
			.values({
				id,
				event_id: event.id,
				round_id: rid,
				table_no: Number(n?.n ?? 0) + 1,
				labour_team_id: labourTeamId,
				management_team_id: managementTeamId
			})
			.execute();
		for (const side of ['labour', 'management'] as const) {
			await createSeat(trx, event.id, id, `${side}-chief`, '');
			for (let i = 2; i <= event.membersPerSide; i++)
				await createSeat(trx, event.id, id, `${side}-member`, `代表 ${i}`);
		}
		for (const role of extraSeats) await createSeat(trx, event.id, id, role, '');
		return (await getMatch(trx, id))!;
	});
}

export type PairingMethod = 'round-robin' | 'both-sides';

/** Generates the whole schedule; refused once matches exist (they may already hold drafts). */
export async function generatePairings(
	db: SqlDb,
	event: EventRow,
	method: PairingMethod
): Promise<Match[]> {
	return inTransaction(db, async (trx) => {
		if ((await matchesOf(trx, event.id)).length > 0) throw new Error('已有对阵，不能重新生成');
		const teams = await teamsOf(trx, event.id);
		if (teams.length < 2) throw new Error('至少需要 2 支队伍');
		const schedule =
			method === 'round-robin'
				? roundRobin(teams.map((t) => t.id))
				: eachTeamBothSides(teams.map((t) => t.id));
		const out: Match[] = [];
		for (const p of schedule.rounds.flat())
			out.push(await addMatch(trx, event, p.round, p.labour, p.management));
		return out;
	});
}

export async function createSeat(
	db: SqlDb,
	eventId: string,
	matchId: string | null,
	role: Role,
	label: string,
	affiliation = ''
): Promise<Seat> {
	const id = newId();
	await db
		.insertInto('seats')
		.values({
			id,
			event_id: eventId,
			match_id: matchId,
			role,
			label,
			affiliation,
			code: newSecret(),
			short_code: newShortCode(),
			created_at: Date.now()
		})
		.execute();
	return (await getSeat(db, id))!;
}

const seatColumns = [
	'id',
	'event_id',
	'match_id',
	'role',
	'label',
	'affiliation',
	'code',
	'short_code',
	'person_name',
	'joined_at',
	'revoked_at'
] as const;

export async function getSeat(db: SqlDb, id: string): Promise<Seat | null> {
	const r = await db
		.selectFrom('seats')
		.select(seatColumns)
		.where('id', '=', id)
		.executeTakeFirst();
	return r ? toSeat(r) : null;
}

/** The seat a join code (the long one from a link, or the short human one) opens, if still valid. */
export async function seatForCode(db: SqlDb, code: string): Promise<Seat | null> {
	const c = code.trim().toLowerCase();
	if (c.length < 6 || c.length > 64) return null;
	const r = await db
		.selectFrom('seats')
		.select(seatColumns)
		.where((eb) => eb.or([eb('code', '=', c), eb('short_code', '=', c)]))
		.executeTakeFirst();
	return r && r.revoked_at === null ? toSeat(r) : null;
}

export async function seatsOfMatch(db: SqlDb, matchId: string): Promise<Seat[]> {
	const rows = await db
		.selectFrom('seats')
		.select(seatColumns)
		.where('match_id', '=', matchId)
		.orderBy('rowid')
		.execute();
	return rows.map(toSeat);
}

export async function seatsOfEvent(db: SqlDb, eventId: string): Promise<Seat[]> {
	const rows = await db
		.selectFrom('seats')
		.select(seatColumns)
		.where('event_id', '=', eventId)
		.orderBy('rowid')
		.execute();
	return rows.map(toSeat);
}

export async function markJoined(db: SqlDb, seatId: string, personName: string): Promise<void> {
	await db
		.updateTable('seats')
		.set((eb) => ({
			person_name: personName,
			joined_at: eb.fn.coalesce('joined_at', eb.val(Date.now()))
		}))
		.where('id', '=', seatId)
		.execute();
}

/** Ends a seat's code and unbinds every session that holds it. */
export async function revokeSeat(db: SqlDb, seatId: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('seats')
			.set({ revoked_at: Date.now() })
			.where('id', '=', seatId)
			.where('revoked_at', 'is', null)
			.execute();
		await trx
			.updateTable('sessions')
			.set({ seat_id: null })
			.where('seat_id', '=', seatId)
			.execute();
	});
}

/** A fresh code for a seat (after a revoke, or a lost slip); the old code and its sessions end. */
export async function reissueSeat(db: SqlDb, seatId: string): Promise<Seat | null> {
	return inTransaction(db, async (trx) => {
		await trx
			.updateTable('sessions')
			.set({ seat_id: null })
			.where('seat_id', '=', seatId)
			.execute();
		await trx
			.updateTable('seats')
			.set({
				code: newSecret(),
				short_code: newShortCode(),
				revoked_at: null,
				person_name: null,
				joined_at: null
			})
			.where('id', '=', seatId)
			.execute();
		return getSeat(trx, seatId);
	});
}

/** A judge's affiliation (单位), compared with the teams' for conflicts of interest (回避). */
export const AffiliationSchema = plainName(z.string().trim().max(100));

export async function setSeatAffiliation(
	db: SqlDb,
	seatId: string,
	affiliation: string
): Promise<Seat | null> {
	await db
		.updateTable('seats')
		.set({ affiliation: AffiliationSchema.parse(affiliation) })
		.where('id', '=', seatId)
		.execute();
	return getSeat(db, seatId);
}

/** Moves a seat to another match; its code, person and sessions stay (a judge reassigned 改派). */
export async function moveSeat(db: SqlDb, seatId: string, matchId: string): Promise<void> {
	await db.updateTable('seats').set({ match_id: matchId }).where('id', '=', seatId).execute();
}

export async function setReleased(
	db: SqlDb,
	matchId: string,
	side: Side,
	released: boolean
): Promise<void> {
	const col = side === 'labour' ? 'released_labour' : 'released_management';
	await db
		.updateTable('matches')
		.set({ [col]: released ? 1 : 0 })
		.where('id', '=', matchId)
		.execute();
}

/** A signed match, or one the organizer ended, takes no more writes to its table (N23). */
export const isTableClosed = (status: Match['status'] | undefined): boolean =>
	status === 'signed' || status === 'ended';

export async function setMatchStatus(
	db: SqlDb,
	matchId: string,
	status: Match['status']
): Promise<void> {
	await db.updateTable('matches').set({ status }).where('id', '=', matchId).execute();
}

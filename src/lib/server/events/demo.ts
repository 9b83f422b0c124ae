/**
 * The demo event: two teams and one match from a shipped case, so a newcomer's first
 * `npm start` (and `xs demo`) gives a working table with every seat's join link.
 */
import { inTransaction, type SqlDb } from '../sql/handle.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	seatsOfMatch,
	type EventRow,
	type Match,
	type Seat
} from './events.ts';
import { audit } from '../audit.ts';
import { getScenario } from '../scenarios.ts';

export const DEMO_SCENARIO = 's1-qiantang-parts';

/**
 * Creates the demo event, organized by `organizerId`, or when null by the first organizer account
 * if one exists (an account made with `xs user add` before the first start): an event without an
 * organizer has nobody to run its clock or judging. With no account at all it stays unorganized
 * until /setup adopts it (adoptOrphanEvents).
 */
export async function createDemoEvent(
	db: SqlDb,
	scenarioId: string,
	organizerId: string | null
): Promise<{ event: EventRow; match: Match; seats: Seat[]; organizerId: string | null }> {
	const scenario = getScenario(scenarioId);
	if (!scenario) throw new Error(`no scenario "${scenarioId}"`);
	return inTransaction(db, async (trx) => {
		const organizer =
			organizerId ??
			(
				await trx
					.selectFrom('users')
					.select('id')
					.orderBy('created_at')
					.orderBy('rowid')
					.limit(1)
					.executeTakeFirst()
			)?.id ??
			null;
		const event = await createEvent(
			trx,
			{ name: `演示：${scenario.title}`, kind: 'training', scenarioId, membersPerSide: 4 },
			organizer
		);
		await trx
			.updateTable('events')
			.set({ settings: JSON.stringify(DEMO_SETTINGS) })
			.where('id', '=', event.id)
			.execute();
		const labour = await addTeam(trx, event.id, {
			name: '演示职工队',
			affiliation: scenario.parties.labour.name
		});
		const management = await addTeam(trx, event.id, {
			name: '演示企业队',
			affiliation: scenario.parties.management.name
		});
		const match = await addMatch(trx, event, 1, labour.id, management.id);
		await audit(trx, event.id, 'system', 'demo.create', { scenario: scenarioId });
		return { event, match, seats: await seatsOfMatch(trx, match.id), organizerId: organizer };
	});
}

const DEMO_SETTINGS = { demo: true };

/** The first demo event's match and open seats, for the home page's "try it" links. */
export async function demoSeats(db: SqlDb): Promise<{ matchId: string; seats: Seat[] } | null> {
	// Settings are JSON text written by JSON.stringify (no spaces): a LIKE narrows the rows on
	// both engines, the parse decides.
	const candidates = await db
		.selectFrom('events')
		.select(['id', 'settings'])
		.where('settings', 'like', '%"demo":true%')
		.orderBy('created_at')
		.execute();
	const ev = candidates.find((e) => (JSON.parse(e.settings) as { demo?: unknown }).demo === true);
	if (!ev) return null;
	const m = await db
		.selectFrom('matches')
		.select('id')
		.where('event_id', '=', ev.id)
		.orderBy('rowid')
		.limit(1)
		.executeTakeFirst();
	if (!m) return null;
	return {
		matchId: m.id,
		seats: (await seatsOfMatch(db, m.id)).filter((s) => s.revokedAt === null)
	};
}

export async function countEvents(db: SqlDb): Promise<number> {
	const r = await db
		.selectFrom('events')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/**
 * The first organizer takes over events nobody organizes: the demo event made on the first start,
 * before any account existed. Without this no one could run its clock or judge it.
 */
export async function adoptOrphanEvents(db: SqlDb, userId: string): Promise<number> {
	return inTransaction(db, async (trx) => {
		const orphans = await trx
			.selectFrom('events as e')
			.select('e.id')
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('event_organizers as o')
							.select('o.event_id')
							.whereRef('o.event_id', '=', 'e.id')
					)
				)
			)
			.execute();
		if (orphans.length === 0) return 0;
		await trx
			.insertInto('event_organizers')
			.values(orphans.map((e) => ({ event_id: e.id, user_id: userId })))
			.execute();
		return orphans.length;
	});
}

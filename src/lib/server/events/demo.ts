/**
 * The demo event: two teams and one match from a shipped case, so a newcomer's first
 * `npm start` (and `xs demo`) gives a working table with every seat's join link.
 */
import type { Db } from '../storage/db.ts';
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
export function createDemoEvent(
	db: Db,
	scenarioId: string,
	organizerId: string | null
): { event: EventRow; match: Match; seats: Seat[]; organizerId: string | null } {
	const scenario = getScenario(scenarioId);
	if (!scenario) throw new Error(`no scenario "${scenarioId}"`);
	return db.transaction(() => {
		const organizer =
			organizerId ??
			db
				.prepare<[], { id: string }>('SELECT id FROM users ORDER BY created_at, rowid LIMIT 1')
				.get()?.id ??
			null;
		const event = createEvent(
			db,
			{ name: `演示：${scenario.title}`, kind: 'training', scenarioId, membersPerSide: 4 },
			organizer
		);
		db.prepare('UPDATE events SET settings = ? WHERE id = ?').run(
			JSON.stringify({ demo: true }),
			event.id
		);
		const labour = addTeam(db, event.id, {
			name: '演示职工队',
			affiliation: scenario.parties.labour.name
		});
		const management = addTeam(db, event.id, {
			name: '演示企业队',
			affiliation: scenario.parties.management.name
		});
		const match = addMatch(db, event, 1, labour.id, management.id);
		audit(db, event.id, 'system', 'demo.create', { scenario: scenarioId });
		return { event, match, seats: seatsOfMatch(db, match.id), organizerId: organizer };
	})();
}

/** The first demo event's match and open seats, for the home page's "try it" links. */
export function demoSeats(db: Db): { matchId: string; seats: Seat[] } | null {
	const ev = db
		.prepare<[], { id: string }>(
			"SELECT id FROM events WHERE json_extract(settings, '$.demo') = 1 ORDER BY created_at LIMIT 1"
		)
		.get();
	if (!ev) return null;
	const m = db
		.prepare<[string], { id: string }>(
			'SELECT id FROM matches WHERE event_id = ? ORDER BY rowid LIMIT 1'
		)
		.get(ev.id);
	if (!m) return null;
	return { matchId: m.id, seats: seatsOfMatch(db, m.id).filter((s) => s.revokedAt === null) };
}

export function countEvents(db: Db): number {
	return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
}

/**
 * The first organizer takes over events nobody organizes: the demo event made on the first start,
 * before any account existed. Without this no one could run its clock or judge it.
 */
export function adoptOrphanEvents(db: Db, userId: string): number {
	return db
		.prepare(
			'INSERT INTO event_organizers (event_id, user_id) SELECT e.id, ? FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_organizers o WHERE o.event_id = e.id)'
		)
		.run(userId).changes;
}

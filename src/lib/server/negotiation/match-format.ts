/**
 * The match format (赛制) an event runs its clocks with: the event's own when its organizer set
 * one, else the scenario's, else the default in docs/sources.md §5. A match takes the format when its clock
 * first moves; clocks already running keep theirs (changing a running match's phases mid-way
 * would move everyone's countdown).
 */
import type { Db } from '../storage/db.ts';
import { getEvent } from '../events/events.ts';
import { getScenario } from '../scenarios.ts';
import {
	defaultFormat,
	matchFormatSchema,
	type MatchFormat
} from '../../domain/negotiation/clock.ts';

export type FormatSource = 'event' | 'scenario' | 'default';

export function formatOf(db: Db, eventId: string): { format: MatchFormat; source: FormatSource } {
	const row = db
		.prepare<[string], { f: string | null }>(
			"SELECT json_extract(settings, '$.format') AS f FROM events WHERE id = ?"
		)
		.get(eventId);
	if (row?.f) {
		// Stored through setEventFormat, so valid; parse anyway: the column is plain JSON.
		const parsed = matchFormatSchema.safeParse(JSON.parse(row.f));
		if (parsed.success) return { format: parsed.data, source: 'event' };
	}
	const event = getEvent(db, eventId);
	const fromScenario = event ? getScenario(event.scenarioId)?.format : undefined;
	return fromScenario
		? { format: fromScenario, source: 'scenario' }
		: { format: defaultFormat(), source: 'default' };
}

/** Sets the event's own format, or clears it (null) so the scenario's or the default applies. */
export function setEventFormat(db: Db, eventId: string, format: MatchFormat | null): void {
	if (format === null) {
		db.prepare("UPDATE events SET settings = json_remove(settings, '$.format') WHERE id = ?").run(
			eventId
		);
	} else {
		db.prepare(
			"UPDATE events SET settings = json_set(settings, '$.format', json(?)) WHERE id = ?"
		).run(JSON.stringify(format), eventId);
	}
}

/** How many of the event's matches already have a clock (and so keep their format). */
export function startedClocks(db: Db, eventId: string): number {
	return (
		db
			.prepare<[string], { n: number }>(
				'SELECT COUNT(*) AS n FROM clocks c JOIN matches m ON m.id = c.match_id WHERE m.event_id = ?'
			)
			.get(eventId)?.n ?? 0
	);
}

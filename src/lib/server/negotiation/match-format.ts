/**
 * The match format (赛制) an event runs its clocks with: the event's own when its organizer set
 * one, else the scenario's, else the default in docs/sources.md §5. A match takes the format when its clock
 * first moves; clocks already running keep theirs (changing a running match's phases mid-way
 * would move everyone's countdown).
 */
import { inTransaction, type SqlDb } from '../sql/handle.ts';
import { getEvent } from '../events/events.ts';
import { getScenario } from '../scenarios.ts';
import {
	defaultFormat,
	matchFormatSchema,
	type MatchFormat
} from '../../domain/negotiation/clock.ts';

export type FormatSource = 'event' | 'scenario' | 'default';

/** The event's settings object (JSON text on both engines, read and written whole here). */
async function settingsOf(db: SqlDb, eventId: string): Promise<Record<string, unknown> | null> {
	const row = await db
		.selectFrom('events')
		.select('settings')
		.where('id', '=', eventId)
		.executeTakeFirst();
	return row ? (JSON.parse(row.settings) as Record<string, unknown>) : null;
}

export async function formatOf(
	db: SqlDb,
	eventId: string
): Promise<{ format: MatchFormat; source: FormatSource }> {
	const f = (await settingsOf(db, eventId))?.format;
	if (f) {
		// Stored through setEventFormat, so valid; parse anyway: the column is plain JSON.
		const parsed = matchFormatSchema.safeParse(f);
		if (parsed.success) return { format: parsed.data, source: 'event' };
	}
	const event = await getEvent(db, eventId);
	const fromScenario = event ? getScenario(event.scenarioId)?.format : undefined;
	return fromScenario
		? { format: fromScenario, source: 'scenario' }
		: { format: defaultFormat(), source: 'default' };
}

/** Sets the event's own format, or clears it (null) so the scenario's or the default applies. */
export async function setEventFormat(
	db: SqlDb,
	eventId: string,
	format: MatchFormat | null
): Promise<void> {
	// Read, change and write the settings object in one transaction (no engine's JSON functions).
	await inTransaction(db, async (trx) => {
		const settings = await settingsOf(trx, eventId);
		if (!settings) return;
		if (format === null) delete settings.format;
		else settings.format = format;
		await trx
			.updateTable('events')
			.set({ settings: JSON.stringify(settings) })
			.where('id', '=', eventId)
			.execute();
	});
}

/** How many of the event's matches already have a clock (and so keep their format). */
export async function startedClocks(db: SqlDb, eventId: string): Promise<number> {
	const r = await db
		.selectFrom('clocks as c')
		.innerJoin('matches as m', 'm.id', 'c.match_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('m.event_id', '=', eventId)
		.executeTakeFirst();
	return Number(r?.n ?? 0);
}

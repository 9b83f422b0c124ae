/**
 * The audit log's two basic statements on the query layer: the same code on SQLite and
 * PostgreSQL. `../audit.ts` (what the routes call) appends through `appendAudit` and holds the
 * organizers' view (`auditFor`).
 */
import type { Kysely } from 'kysely';
import { auditEntryOf, type AuditEntry } from '../audit.ts';
import type { SqlSchema } from './schema.ts';

/** Appends one line (who did what, when); resolves once it is committed. */
export async function appendAudit(
	db: Kysely<SqlSchema>,
	eventId: string | null,
	actor: string,
	action: string,
	detail: Record<string, unknown> = {},
	at = Date.now()
): Promise<number> {
	const row = await db
		.insertInto('audit_log')
		.values({ event_id: eventId, actor, action, detail: JSON.stringify(detail), at })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** An event's own entries, newest first. */
export async function auditOfEvent(
	db: Kysely<SqlSchema>,
	eventId: string,
	limit = 200
): Promise<AuditEntry[]> {
	const rows = await db
		.selectFrom('audit_log')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map(auditEntryOf);
}

/**
 * The relational schema as Kysely sees it: one interface per table, the same on SQLite and
 * PostgreSQL. Only the tables already moved to the query layer are here (issue 12 moves the rest,
 * table by table); a column's TypeScript type is what both drivers return once `openSql` has
 * set them up (PostgreSQL int8 parsed to number).
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** The append-only audit log: who did what, when (the database refuses edits and deletions). */
export interface AuditLogTable {
	id: Generated<number>;
	event_id: string | null;
	/** `user:<id>`, `seat:<id>`, `ip:<addr>`, `cli`, `system`. */
	actor: string;
	action: string;
	/** JSON text (TEXT on both engines, so both return the same string). */
	detail: Generated<string>;
	/** Milliseconds since the epoch. */
	at: number;
}

export interface SqlSchema {
	audit_log: AuditLogTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;

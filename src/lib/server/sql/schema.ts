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

/** A case (案例) written in the studio: its current title and latest version (cases/README.md). */
export interface CasesTable {
	id: string;
	title: string;
	owner_user_id: string;
	/** 1 once shared with every organizer on the server, else 0 (integer on both engines). */
	shared: number;
	latest_version: number;
	created_at: number;
	updated_at: number;
}

/** Every saved version of a case, kept for ever: the input document as JSON text. */
export interface CaseVersionsTable {
	case_id: string;
	version: number;
	document: string;
	note: string;
	created_by: string;
	created_at: number;
}

/** One half-written document per user per case (any JSON, possibly invalid). */
export interface CaseDraftsTable {
	case_id: string;
	user_id: string;
	document: string;
	saved_at: number;
}

/** Jurisdictions saved in the studio: immutable, read by every organizer. */
export interface JurisdictionsTable {
	id: string;
	name: string;
	document: string;
	created_by: string;
	created_at: number;
}

/** The case version an event runs on, when it runs on a studio case (not a shipped file). */
export interface EventCasesTable {
	event_id: string;
	case_id: string;
	version: number;
}

export interface SqlSchema {
	audit_log: AuditLogTable;
	cases: CasesTable;
	case_versions: CaseVersionsTable;
	case_drafts: CaseDraftsTable;
	jurisdictions: JurisdictionsTable;
	event_cases: EventCasesTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;

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

/** An industry union's proposal workspace on a case (its content is the `proposal/<id>` document). */
export interface ProposalsTable {
	id: string;
	/** The case (案例) it is made on: a shipped scenario id. */
	case_id: string;
	title: string;
	/** The organizer account that made it; always a member. */
	owner_id: string;
	created_at: number;
}

/** Colleagues a proposal is shared with (organizer accounts), each with who added them. */
export interface ProposalMembersTable {
	proposal_id: string;
	user_id: string;
	added_by: string;
	added_at: number;
}

export interface SqlSchema {
	audit_log: AuditLogTable;
	proposals: ProposalsTable;
	proposal_members: ProposalMembersTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;

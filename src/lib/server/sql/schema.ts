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

/** A representatives' vote (代表表决) a chief put to the side (procedure/SPEC.md Q1–Q6, server E40–E45). */
export interface RepVotesTable {
	id: string;
	match_id: string;
	side: 'labour' | 'management';
	title: string;
	/** A key of REP_VOTE_RULES, fixed when the vote opens (Q2). */
	rule: string;
	/** JSON: the items (VoteItem[]). */
	items: string;
	/** JSON: the representatives when the vote opened, `{ seatId, label }[]` (Q3's "all"). */
	voters: string;
	opened_by: string;
	opened_at: number;
	closed_at: number | null;
	closed_by: string | null;
	/** JSON: the outcome decided at closing (ItemOutcome[]); null while open. */
	outcome: string | null;
}

/** One representative's answer to one item; the key makes a second answer impossible (Q6). */
export interface RepBallotsTable {
	vote_id: string;
	item_id: string;
	seat_id: string;
	/** An option id, or `abstain`. */
	choice: string;
	at: number;
}

/** A signed agreement reopened by a failed ratification (E46): the old text and why. */
export interface AgreementReopeningsTable {
	id: Generated<number>;
	match_id: string;
	ratification_id: number;
	reason: string;
	/** JSON: the agreement as it was signed. */
	agreement: string;
	hash: string;
	actor: string;
	at: number;
}

/** The procedure steps a competition requires of its teams (E47). */
export interface EventProcedureStepsTable {
	event_id: string;
	/** JSON: ProcedureStepId[]. */
	steps: string;
	updated_at: number;
}

export interface SqlSchema {
	audit_log: AuditLogTable;
	rep_votes: RepVotesTable;
	rep_ballots: RepBallotsTable;
	agreement_reopenings: AgreementReopeningsTable;
	event_procedure_steps: EventProcedureStepsTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;

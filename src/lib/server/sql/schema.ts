/**
 * The relational schema as Kysely sees it: one interface per table, the same on SQLite and
 * PostgreSQL. A column's TypeScript type is what both drivers return once `openSql` has set them
 * up (PostgreSQL int8 parsed to number). Flags are INTEGER 0/1 on both engines; JSON is TEXT on
 * both, so both return the same string.
 *
 * `rowid`: the tables read "in the order rows were added" (`ORDER BY rowid`) have SQLite's implicit
 * rowid; on PostgreSQL the migration gives them an identity column of that name, so the same
 * query runs on both. It is never written and never selected by `selectAll` on SQLite.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Role, Side } from '../../domain/roles.ts';

/** An implicit SQLite rowid / PostgreSQL identity, only ever read to order by. */
type RowId = ColumnType<number, never, never>;

/** The append-only audit log: who did what, when (the database refuses edits and deletions). */
export interface AuditLogTable {
	id: Generated<number>;
	event_id: string | null;
	/** `user:<id>`, `seat:<id>`, `ip:<addr>`, `cli`, `system`. */
	actor: string;
	action: string;
	detail: Generated<string>;
	/** Milliseconds since the epoch. */
	at: number;
}

export interface UsersTable {
	id: string;
	/** Unique case-insensitively (ASCII, as SQLite's NOCASE): compared through `lower()`. */
	login: string;
	display_name: string;
	password_hash: string;
	created_at: number;
	rowid: RowId;
}

/** A browser session; only a hash of the cookie token is stored. */
export interface SessionsTable {
	id: string;
	token_hash: string;
	user_id: string | null;
	seat_id: string | null;
	display_name: string | null;
	created_at: number;
	expires_at: number;
	revoked_at: number | null;
}

export interface EventsTable {
	id: string;
	name: string;
	kind: 'competition' | 'training' | 'negotiation';
	scenario_id: string;
	members_per_side: Generated<number>;
	/** JSON object: `demo`, `format`. */
	settings: Generated<string>;
	created_by: string | null;
	created_at: number;
}

export interface EventOrganizersTable {
	event_id: string;
	user_id: string;
}

export interface TeamsTable {
	id: string;
	event_id: string;
	name: string;
	affiliation: Generated<string>;
	rowid: RowId;
}

export interface RoundsTable {
	id: string;
	event_id: string;
	number: number;
}

export interface MatchesTable {
	id: string;
	event_id: string;
	round_id: string;
	table_no: number;
	labour_team_id: string | null;
	management_team_id: string | null;
	status: Generated<'scheduled' | 'running' | 'signed' | 'ended'>;
	released_labour: Generated<number>;
	released_management: Generated<number>;
	rowid: RowId;
}

export interface SeatsTable {
	id: string;
	event_id: string;
	match_id: string | null;
	role: Role;
	label: Generated<string>;
	affiliation: Generated<string>;
	code: string;
	short_code: string;
	person_name: string | null;
	joined_at: number | null;
	revoked_at: number | null;
	created_at: number;
	rowid: RowId;
}

/** A formal offer: an immutable snapshot of the whole draft (the database refuses edits). */
export interface OffersTable {
	id: string;
	match_id: string;
	seq: number;
	side: Side;
	kind: 'offer' | 'counter';
	terms: string;
	clauses: string;
	message: Generated<string>;
	seat_id: string | null;
	created_by: string;
	/** ISO text. */
	created_at: string;
}

export interface TermStatesTable {
	match_id: string;
	term_id: string;
	state: 'open' | 'proposed-labour' | 'proposed-management' | 'agreed';
	value: string | null;
	by_name: Generated<string>;
	at: number;
}

export interface SignaturesTable {
	match_id: string;
	side: Side;
	seat_id: string;
	name: string;
	content_hash: string;
	/** ISO text. */
	signed_at: string;
}

export interface AgreementsTable {
	match_id: string;
	body: string;
	hash: string;
	signed_at: number;
}

export interface ClocksTable {
	match_id: string;
	/** JSON: the domain's ClockState. */
	state: string;
}

export interface JudgingSettingsTable {
	event_id: string;
	rubric: string;
	method: Generated<string>;
	weight_rubric: Generated<number>;
	weight_outcome: Generated<number>;
	no_agreement: Generated<string>;
	tie_break: Generated<string>;
	prizes: string;
	individual_awards: string;
	ranking: Generated<string>;
	seed: number;
	released: Generated<number>;
	released_at: number | null;
	released_by: string | null;
	frozen_results: string | null;
	updated_at: number;
}

export interface ScoreSheetsTable {
	id: string;
	event_id: string;
	match_id: string;
	judge_seat_id: string;
	side: Side;
	team_scores: Generated<string>;
	contestant_scores: Generated<string>;
	comment: Generated<string>;
	criterion_comments: Generated<string>;
	status: Generated<'draft' | 'submitted'>;
	submitted_at: number | null;
	updated_at: number;
	rowid: RowId;
}

export interface ConflictConfirmationsTable {
	match_id: string;
	judge_seat_id: string;
	team_id: string;
	event_id: string;
	confirmed_by: string;
	confirmed_at: number;
}

export interface JudgingOutlierThresholdsTable {
	event_id: string;
	threshold: number;
	updated_at: number;
}

export interface SurveysTable {
	id: string;
	owner_user_id: string;
	scenario_id: string;
	title: string;
	intro: Generated<string>;
	questions: string;
	mode: 'code' | 'device';
	public_code: string;
	status: Generated<'draft' | 'open' | 'closed'>;
	priorities: string | null;
	priorities_at: number | null;
	created_at: number;
	updated_at: number;
}

export interface SurveyInvitesTable {
	code: string;
	survey_id: string;
	used: Generated<number>;
	rowid: RowId;
}

export interface SurveyDevicesTable {
	survey_id: string;
	device_hash: string;
}

/** Anonymous answers (no code, device or time); the database refuses edits. */
export interface SurveyResponsesTable {
	id: Generated<number>;
	survey_id: string;
	answers: string;
}

export interface ProcedureDatesTable {
	match_id: string;
	offer_date: string | null;
	replied_date: string | null;
	signed_date: string | null;
	filed_date: string | null;
	updated_at: number;
}

export interface ProcedureMinutesTable {
	id: Generated<number>;
	match_id: string;
	meeting_date: string;
	recorder: string;
	body: string;
	actor: string;
	at: number;
}

export interface RatificationsTable {
	id: Generated<number>;
	match_id: string;
	delegates: number;
	present: number;
	yes: number;
	no: number;
	abstain: number;
	rule: string;
	quorate: number;
	passed: number;
	reason: string;
	actor: string;
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

/** An invite link to a proposal workspace (server/SPEC.md WS33); the code itself is never stored. */
export interface ProposalInvitesTable {
	id: string;
	proposal_id: string;
	/** sha256 of the link's 160-bit code. */
	code_hash: string;
	created_by: string;
	created_at: number;
	expires_at: number;
	revoked_at: number | null;
	/** How many accounts became members through it. */
	uses: Generated<number>;
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
	rep_votes: RepVotesTable;
	rep_ballots: RepBallotsTable;
	agreement_reopenings: AgreementReopeningsTable;
	event_procedure_steps: EventProcedureStepsTable;
	proposals: ProposalsTable;
	proposal_members: ProposalMembersTable;
	proposal_invites: ProposalInvitesTable;
	cases: CasesTable;
	case_versions: CaseVersionsTable;
	case_drafts: CaseDraftsTable;
	jurisdictions: JurisdictionsTable;
	audit_log: AuditLogTable;
	users: UsersTable;
	sessions: SessionsTable;
	events: EventsTable;
	event_organizers: EventOrganizersTable;
	teams: TeamsTable;
	rounds: RoundsTable;
	matches: MatchesTable;
	seats: SeatsTable;
	offers: OffersTable;
	term_states: TermStatesTable;
	signatures: SignaturesTable;
	agreements: AgreementsTable;
	clocks: ClocksTable;
	judging_settings: JudgingSettingsTable;
	score_sheets: ScoreSheetsTable;
	conflict_confirmations: ConflictConfirmationsTable;
	judging_outlier_thresholds: JudgingOutlierThresholdsTable;
	surveys: SurveysTable;
	survey_invites: SurveyInvitesTable;
	survey_devices: SurveyDevicesTable;
	survey_responses: SurveyResponsesTable;
	procedure_dates: ProcedureDatesTable;
	procedure_minutes: ProcedureMinutesTable;
	ratifications: RatificationsTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type EventDbRow = Selectable<EventsTable>;
export type SeatDbRow = Selectable<SeatsTable>;

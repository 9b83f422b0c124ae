/**
 * Migrations of the one query layer, run by Kysely's Migrator on both engines. Where the engines'
 * SQL differs (an auto-increment key, a trigger) a migration branches on the engine; everything
 * else goes through Kysely's schema builder once.
 *
 * Every statement is idempotent (IF NOT EXISTS / OR REPLACE) so that a SQLite file made by the
 * older `user_version` migrations (db.ts) adopts these without change: the tables are already
 * there, and Kysely's own table (`kysely_migration`) starts recording from here. Instances
 * starting together migrate once: Kysely's advisory lock on PostgreSQL, SQLite's write lock here.
 */
import {
	Migrator,
	sql,
	type ColumnDefinitionBuilder,
	type CreateTableBuilder,
	type Kysely,
	type Migration,
	type MigrationResultSet
} from 'kysely';
import type { Sql, SqlEngine } from './open.ts';
import type { SqlSchema } from './schema.ts';

type Db = Kysely<unknown>;
type Table = CreateTableBuilder<string, never>;

/** An auto-increment integer key: SQLite's rowid alias, PostgreSQL's identity. */
const serialKey = (engine: SqlEngine) => (t: Table) =>
	t.addColumn('id', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
		engine === 'sqlite'
			? c.primaryKey().autoIncrement()
			: c.primaryKey().generatedByDefaultAsIdentity()
	);

/**
 * Tables read in the order their rows were added (`ORDER BY rowid`): SQLite has that rowid
 * already (their keys are TEXT); PostgreSQL gets an identity column of the same name.
 */
const insertionOrder = (engine: SqlEngine) => (t: Table) =>
	engine === 'sqlite'
		? t
		: t.addColumn('rowid', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity());

const inList = (column: string, values: string[]) =>
	sql`${sql.ref(column)} IN (${sql.join(values.map((v) => sql.lit(v)))})`;

/** A table the database itself keeps from being changed (`on`: UPDATE, or UPDATE OR DELETE). */
async function refuseChanges(
	db: Db,
	engine: SqlEngine,
	table: string,
	trigger: string,
	message: string,
	on: 'UPDATE' | 'UPDATE OR DELETE' = 'UPDATE'
): Promise<void> {
	if (engine === 'sqlite') {
		for (const op of on.split(' OR ')) {
			// The names the user_version migrations gave these triggers, so an old file keeps its own.
			const name = on === 'UPDATE' ? trigger : `${trigger}_no_${op.toLowerCase()}`;
			await sql`CREATE TRIGGER IF NOT EXISTS ${sql.raw(name)} BEFORE ${sql.raw(op)} ON ${sql.raw(table)}
				BEGIN SELECT RAISE(ABORT, ${sql.lit(message)}); END`.execute(db);
		}
		return;
	}
	await sql`CREATE OR REPLACE FUNCTION xs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`.execute(db);
	await sql`CREATE OR REPLACE TRIGGER ${sql.raw(trigger)} BEFORE ${sql.raw(on)} ON ${sql.raw(table)}
		FOR EACH ROW EXECUTE FUNCTION xs_refuse_change(${sql.lit(message)})`.execute(db);
}

const SIDES = ['labour', 'management'];

function migrations(engine: SqlEngine): Record<string, Migration> {
	const serial = serialKey(engine);
	const ordered = insertionOrder(engine);
	return {
		'0001-audit-log': {
			async up(db: Db) {
				await db.schema
					.createTable('audit_log')
					.ifNotExists()
					.$call(serial)
					.addColumn('event_id', 'text')
					.addColumn('actor', 'text', (c) => c.notNull())
					.addColumn('action', 'text', (c) => c.notNull())
					.addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
					.addColumn('at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('audit_by_event')
					.ifNotExists()
					.on('audit_log')
					.columns(['event_id', 'id'])
					.execute();
				// The log is append-only: the database itself refuses edits and deletions.
				if (engine === 'sqlite') {
					await refuseChanges(
						db,
						engine,
						'audit_log',
						'audit_log',
						'audit_log is append-only',
						'UPDATE OR DELETE'
					);
				} else {
					await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
						BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
					await sql`CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
						FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
				}
			}
		},
		// user_version 2 (accounts, sessions, events, teams, rounds, matches, seats).
		'0002-core': {
			async up(db: Db) {
				await db.schema
					.createTable('users')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('login', 'text', (c) =>
						engine === 'sqlite'
							? c
									.notNull()
									.unique()
									.modifyEnd(sql`COLLATE NOCASE`)
							: c.notNull()
					)
					.addColumn('display_name', 'text', (c) => c.notNull())
					.addColumn('password_hash', 'text', (c) => c.notNull())
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.$call(ordered)
					.execute();
				// Logins are unique case-insensitively; queries compare lower(login) on both engines.
				await db.schema
					.createIndex('users_login_lower')
					.ifNotExists()
					.unique()
					.on('users')
					.expression(sql`lower(login)`)
					.execute();
				await db.schema
					.createTable('events')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('kind', 'text', (c) =>
						c.notNull().check(inList('kind', ['competition', 'training', 'negotiation']))
					)
					.addColumn('scenario_id', 'text', (c) => c.notNull())
					.addColumn('members_per_side', 'integer', (c) => c.notNull().defaultTo(4))
					.addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
					.addColumn('created_by', 'text', (c) => c.references('users.id'))
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('event_organizers')
					.ifNotExists()
					.addColumn('event_id', 'text', (c) =>
						c.notNull().references('events.id').onDelete('cascade')
					)
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
					.addPrimaryKeyConstraint('event_organizers_pk', ['event_id', 'user_id'])
					.execute();
				await db.schema
					.createTable('teams')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('event_id', 'text', (c) =>
						c.notNull().references('events.id').onDelete('cascade')
					)
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('affiliation', 'text', (c) => c.notNull().defaultTo(''))
					.addUniqueConstraint('teams_event_name', ['event_id', 'name'])
					.$call(ordered)
					.execute();
				await db.schema
					.createTable('rounds')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('event_id', 'text', (c) =>
						c.notNull().references('events.id').onDelete('cascade')
					)
					.addColumn('number', 'integer', (c) => c.notNull())
					.addUniqueConstraint('rounds_event_number', ['event_id', 'number'])
					.execute();
				await db.schema
					.createTable('matches')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('event_id', 'text', (c) =>
						c.notNull().references('events.id').onDelete('cascade')
					)
					.addColumn('round_id', 'text', (c) =>
						c.notNull().references('rounds.id').onDelete('cascade')
					)
					.addColumn('table_no', 'integer', (c) => c.notNull())
					.addColumn('labour_team_id', 'text', (c) => c.references('teams.id'))
					.addColumn('management_team_id', 'text', (c) => c.references('teams.id'))
					.addColumn('status', 'text', (c) =>
						c
							.notNull()
							.defaultTo('scheduled')
							.check(inList('status', ['scheduled', 'running', 'signed', 'ended']))
					)
					.addColumn('released_labour', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('released_management', 'integer', (c) => c.notNull().defaultTo(0))
					.$call(ordered)
					.execute();
				await db.schema
					.createTable('seats')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('event_id', 'text', (c) =>
						c.notNull().references('events.id').onDelete('cascade')
					)
					.addColumn('match_id', 'text', (c) => c.references('matches.id').onDelete('cascade'))
					.addColumn('role', 'text', (c) =>
						c
							.notNull()
							.check(
								inList('role', [
									'labour-chief',
									'labour-member',
									'management-chief',
									'management-member',
									'judge',
									'observer'
								])
							)
					)
					.addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('affiliation', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('code', 'text', (c) => c.notNull().unique())
					.addColumn('short_code', 'text', (c) => c.notNull().unique())
					.addColumn('person_name', 'text')
					.addColumn('joined_at', 'bigint')
					.addColumn('revoked_at', 'bigint')
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.$call(ordered)
					.execute();
				await db.schema
					.createIndex('seats_by_match')
					.ifNotExists()
					.on('seats')
					.column('match_id')
					.execute();
				await db.schema
					.createTable('sessions')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('token_hash', 'text', (c) => c.notNull().unique())
					.addColumn('user_id', 'text', (c) => c.references('users.id'))
					.addColumn('seat_id', 'text', (c) => c.references('seats.id'))
					.addColumn('display_name', 'text')
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.addColumn('expires_at', 'bigint', (c) => c.notNull())
					.addColumn('revoked_at', 'bigint')
					.execute();
			}
		},
		// user_version 3 (offers, term states, signatures, agreements, clock).
		'0003-negotiation': {
			async up(db: Db) {
				const matchRef = (c: ColumnDefinitionBuilder) =>
					c.notNull().references('matches.id').onDelete('cascade');
				await db.schema
					.createTable('offers')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('match_id', 'text', matchRef)
					.addColumn('seq', 'integer', (c) => c.notNull())
					.addColumn('side', 'text', (c) => c.notNull().check(inList('side', SIDES)))
					.addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['offer', 'counter'])))
					.addColumn('terms', 'text', (c) => c.notNull())
					.addColumn('clauses', 'text', (c) => c.notNull())
					.addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('seat_id', 'text')
					.addColumn('created_by', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addUniqueConstraint('offers_match_seq', ['match_id', 'seq'])
					.execute();
				await refuseChanges(db, engine, 'offers', 'offers_immutable', 'offers are immutable');
				await db.schema
					.createTable('term_states')
					.ifNotExists()
					.addColumn('match_id', 'text', matchRef)
					.addColumn('term_id', 'text', (c) => c.notNull())
					.addColumn('state', 'text', (c) =>
						c
							.notNull()
							.check(inList('state', ['open', 'proposed-labour', 'proposed-management', 'agreed']))
					)
					.addColumn('value', 'text')
					.addColumn('by_name', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('at', 'bigint', (c) => c.notNull())
					.addPrimaryKeyConstraint('term_states_pk', ['match_id', 'term_id'])
					.execute();
				await db.schema
					.createTable('signatures')
					.ifNotExists()
					.addColumn('match_id', 'text', matchRef)
					.addColumn('side', 'text', (c) => c.notNull().check(inList('side', SIDES)))
					.addColumn('seat_id', 'text', (c) => c.notNull())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('content_hash', 'text', (c) => c.notNull())
					.addColumn('signed_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('signatures_pk', ['match_id', 'side'])
					.execute();
				await db.schema
					.createTable('agreements')
					.ifNotExists()
					.addColumn('match_id', 'text', (c) =>
						c.primaryKey().references('matches.id').onDelete('cascade')
					)
					.addColumn('body', 'text', (c) => c.notNull())
					.addColumn('hash', 'text', (c) => c.notNull())
					.addColumn('signed_at', 'bigint', (c) => c.notNull())
					.execute();
				await refuseChanges(
					db,
					engine,
					'agreements',
					'agreements_immutable',
					'a signed agreement is immutable'
				);
				await db.schema
					.createTable('clocks')
					.ifNotExists()
					.addColumn('match_id', 'text', (c) =>
						c.primaryKey().references('matches.id').onDelete('cascade')
					)
					.addColumn('state', 'text', (c) => c.notNull())
					.execute();
			}
		},
		// user_version 4–6 (rubric and rules, score sheets with per-criterion comments, conflict
		// confirmations, the outlier threshold).
		'0004-judging': {
			async up(db: Db) {
				const cascade = (table: string) => (c: ColumnDefinitionBuilder) =>
					c.notNull().references(`${table}.id`).onDelete('cascade');
				await db.schema
					.createTable('judging_settings')
					.ifNotExists()
					.addColumn('event_id', 'text', (c) =>
						c.primaryKey().references('events.id').onDelete('cascade')
					)
					.addColumn('rubric', 'text', (c) => c.notNull())
					.addColumn('method', 'text', (c) =>
						c
							.notNull()
							.defaultTo('mean')
							.check(inList('method', ['mean', 'trimmed', 'severity']))
					)
					.addColumn('weight_rubric', 'double precision', (c) => c.notNull().defaultTo(70))
					.addColumn('weight_outcome', 'double precision', (c) => c.notNull().defaultTo(30))
					.addColumn('no_agreement', 'text', (c) =>
						c
							.notNull()
							.defaultTo('zero')
							.check(inList('no_agreement', ['zero', 'last-offers']))
					)
					.addColumn('tie_break', 'text', (c) =>
						c.notNull().defaultTo('["total","outcome","rubric","lot"]')
					)
					.addColumn('prizes', 'text', (c) => c.notNull())
					.addColumn('individual_awards', 'text', (c) => c.notNull())
					.addColumn('ranking', 'text', (c) =>
						c
							.notNull()
							.defaultTo('separate')
							.check(inList('ranking', ['separate', 'combined']))
					)
					// An unsigned 32-bit seed: beyond PostgreSQL's integer.
					.addColumn('seed', 'bigint', (c) => c.notNull())
					.addColumn('released', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('released_at', 'bigint')
					.addColumn('released_by', 'text')
					.addColumn('frozen_results', 'text')
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('score_sheets')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('event_id', 'text', cascade('events'))
					.addColumn('match_id', 'text', cascade('matches'))
					.addColumn('judge_seat_id', 'text', cascade('seats'))
					.addColumn('side', 'text', (c) => c.notNull().check(inList('side', SIDES)))
					.addColumn('team_scores', 'text', (c) => c.notNull().defaultTo('{}'))
					.addColumn('contestant_scores', 'text', (c) => c.notNull().defaultTo('[]'))
					.addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('status', 'text', (c) =>
						c
							.notNull()
							.defaultTo('draft')
							.check(inList('status', ['draft', 'submitted']))
					)
					.addColumn('submitted_at', 'bigint')
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.addColumn('criterion_comments', 'text', (c) => c.notNull().defaultTo('{}'))
					.addUniqueConstraint('score_sheets_one_per_judge', ['judge_seat_id', 'match_id', 'side'])
					.$call(ordered)
					.execute();
				await db.schema
					.createIndex('score_sheets_by_event')
					.ifNotExists()
					.on('score_sheets')
					.columns(['event_id', 'match_id'])
					.execute();
				await db.schema
					.createTable('conflict_confirmations')
					.ifNotExists()
					.addColumn('match_id', 'text', cascade('matches'))
					.addColumn('judge_seat_id', 'text', cascade('seats'))
					.addColumn('team_id', 'text', cascade('teams'))
					.addColumn('event_id', 'text', cascade('events'))
					.addColumn('confirmed_by', 'text', (c) => c.notNull())
					.addColumn('confirmed_at', 'bigint', (c) => c.notNull())
					.addPrimaryKeyConstraint('conflict_confirmations_pk', [
						'match_id',
						'judge_seat_id',
						'team_id'
					])
					.execute();
				await db.schema
					.createTable('judging_outlier_thresholds')
					.ifNotExists()
					.addColumn('event_id', 'text', (c) =>
						c.primaryKey().references('events.id').onDelete('cascade')
					)
					.addColumn('threshold', 'double precision', (c) =>
						c.notNull().check(sql`threshold > 0 AND threshold <= 100`)
					)
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.execute();
			}
		},
		// user_version 7–8 (surveys; the procedure tracker).
		'0005-voice': {
			async up(db: Db) {
				const cascade = (table: string) => (c: ColumnDefinitionBuilder) =>
					c.notNull().references(`${table}.id`).onDelete('cascade');
				await db.schema
					.createTable('surveys')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id'))
					.addColumn('scenario_id', 'text', (c) => c.notNull())
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('questions', 'text', (c) => c.notNull())
					.addColumn('mode', 'text', (c) => c.notNull().check(inList('mode', ['code', 'device'])))
					.addColumn('public_code', 'text', (c) => c.notNull().unique())
					.addColumn('status', 'text', (c) =>
						c
							.notNull()
							.defaultTo('draft')
							.check(inList('status', ['draft', 'open', 'closed']))
					)
					.addColumn('priorities', 'text')
					.addColumn('priorities_at', 'bigint')
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('surveys_owner')
					.ifNotExists()
					.on('surveys')
					.column('owner_user_id')
					.execute();
				await db.schema
					.createTable('survey_invites')
					.ifNotExists()
					.addColumn('code', 'text', (c) => c.primaryKey())
					.addColumn('survey_id', 'text', cascade('surveys'))
					.addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
					.$call(ordered)
					.execute();
				await db.schema
					.createIndex('survey_invites_survey')
					.ifNotExists()
					.on('survey_invites')
					.column('survey_id')
					.execute();
				await db.schema
					.createTable('survey_devices')
					.ifNotExists()
					.addColumn('survey_id', 'text', cascade('surveys'))
					.addColumn('device_hash', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('survey_devices_pk', ['survey_id', 'device_hash'])
					.execute();
				await db.schema
					.createTable('survey_responses')
					.ifNotExists()
					.$call(serial)
					.addColumn('survey_id', 'text', cascade('surveys'))
					.addColumn('answers', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('survey_responses_survey')
					.ifNotExists()
					.on('survey_responses')
					.column('survey_id')
					.execute();
				await refuseChanges(
					db,
					engine,
					'survey_responses',
					'survey_responses_immutable',
					'a survey answer is immutable'
				);
				await db.schema
					.createTable('procedure_dates')
					.ifNotExists()
					.addColumn('match_id', 'text', (c) =>
						c.primaryKey().references('matches.id').onDelete('cascade')
					)
					.addColumn('offer_date', 'text')
					.addColumn('replied_date', 'text')
					.addColumn('signed_date', 'text')
					.addColumn('filed_date', 'text')
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('procedure_minutes')
					.ifNotExists()
					.$call(serial)
					.addColumn('match_id', 'text', cascade('matches'))
					.addColumn('meeting_date', 'text', (c) => c.notNull())
					.addColumn('recorder', 'text', (c) => c.notNull())
					.addColumn('body', 'text', (c) => c.notNull())
					.addColumn('actor', 'text', (c) => c.notNull())
					.addColumn('at', 'bigint', (c) => c.notNull())
					.execute();
				await refuseChanges(
					db,
					engine,
					'procedure_minutes',
					'procedure_minutes_no_update',
					'minutes are append-only'
				);
				await db.schema
					.createTable('ratifications')
					.ifNotExists()
					.$call(serial)
					.addColumn('match_id', 'text', cascade('matches'))
					.addColumn('delegates', 'integer', (c) => c.notNull())
					.addColumn('present', 'integer', (c) => c.notNull())
					.addColumn('yes', 'integer', (c) => c.notNull())
					.addColumn('no', 'integer', (c) => c.notNull())
					.addColumn('abstain', 'integer', (c) => c.notNull())
					.addColumn('rule', 'text', (c) => c.notNull())
					.addColumn('quorate', 'integer', (c) => c.notNull())
					.addColumn('passed', 'integer', (c) => c.notNull())
					.addColumn('reason', 'text', (c) => c.notNull())
					.addColumn('actor', 'text', (c) => c.notNull())
					.addColumn('at', 'bigint', (c) => c.notNull())
					.execute();
				await refuseChanges(
					db,
					engine,
					'ratifications',
					'ratifications_immutable',
					'a recorded vote is immutable'
				);
			}
		},
		'0100-cases': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('cases')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('owner_user_id', 'text', (c) => c.notNull())
					.addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('latest_version', 'integer', (c) => c.notNull())
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('cases_by_owner')
					.ifNotExists()
					.on('cases')
					.columns(['owner_user_id'])
					.execute();
				// Versions are kept for ever: an event pins one (K-rules in server/SPEC.md).
				await db.schema
					.createTable('case_versions')
					.ifNotExists()
					.addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
					.addColumn('version', 'integer', (c) => c.notNull())
					.addColumn('document', 'text', (c) => c.notNull())
					.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
					.addColumn('created_by', 'text', (c) => c.notNull())
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.addPrimaryKeyConstraint('case_versions_pk', ['case_id', 'version'])
					.execute();
				await db.schema
					.createTable('case_drafts')
					.ifNotExists()
					.addColumn('case_id', 'text', (c) => c.notNull())
					.addColumn('user_id', 'text', (c) => c.notNull())
					.addColumn('document', 'text', (c) => c.notNull())
					.addColumn('saved_at', 'bigint', (c) => c.notNull())
					.addPrimaryKeyConstraint('case_drafts_pk', ['case_id', 'user_id'])
					.execute();
				await db.schema
					.createTable('jurisdictions')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('document', 'text', (c) => c.notNull())
					.addColumn('created_by', 'text', (c) => c.notNull())
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.execute();
			}
		},
		'0200-proposals': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('proposals')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('case_id', 'text', (c) => c.notNull())
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('owner_id', 'text', (c) => c.notNull())
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('proposal_members')
					.ifNotExists()
					.addColumn('proposal_id', 'text', (c) =>
						c.notNull().references('proposals.id').onDelete('cascade')
					)
					.addColumn('user_id', 'text', (c) => c.notNull())
					.addColumn('added_by', 'text', (c) => c.notNull())
					.addColumn('added_at', 'bigint', (c) => c.notNull())
					.addPrimaryKeyConstraint('proposal_members_pk', ['proposal_id', 'user_id'])
					.execute();
				await db.schema
					.createIndex('proposal_members_by_user')
					.ifNotExists()
					.on('proposal_members')
					.column('user_id')
					.execute();
			}
		},
		'0300-votes-reopenings-required-steps': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('rep_votes')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('match_id', 'text', (c) => c.notNull())
					.addColumn('side', 'text', (c) => c.notNull())
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('rule', 'text', (c) => c.notNull())
					.addColumn('items', 'text', (c) => c.notNull())
					.addColumn('voters', 'text', (c) => c.notNull())
					.addColumn('opened_by', 'text', (c) => c.notNull())
					.addColumn('opened_at', 'bigint', (c) => c.notNull())
					.addColumn('closed_at', 'bigint')
					.addColumn('closed_by', 'text')
					.addColumn('outcome', 'text')
					.execute();
				await db.schema
					.createIndex('rep_votes_by_match')
					.ifNotExists()
					.on('rep_votes')
					.columns(['match_id', 'opened_at'])
					.execute();
				await db.schema
					.createTable('rep_ballots')
					.ifNotExists()
					.addColumn('vote_id', 'text', (c) => c.notNull())
					.addColumn('item_id', 'text', (c) => c.notNull())
					.addColumn('seat_id', 'text', (c) => c.notNull())
					.addColumn('choice', 'text', (c) => c.notNull())
					.addColumn('at', 'bigint', (c) => c.notNull())
					// One answer per representative per item (Q6): the key refuses the second.
					.addPrimaryKeyConstraint('rep_ballots_pk', ['vote_id', 'item_id', 'seat_id'])
					.execute();
				await db.schema
					.createTable('agreement_reopenings')
					.ifNotExists()
					.addColumn('id', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
						engine === 'sqlite'
							? c.primaryKey().autoIncrement()
							: c.primaryKey().generatedByDefaultAsIdentity()
					)
					.addColumn('match_id', 'text', (c) => c.notNull())
					.addColumn('ratification_id', 'bigint', (c) => c.notNull())
					.addColumn('reason', 'text', (c) => c.notNull())
					.addColumn('agreement', 'text', (c) => c.notNull())
					.addColumn('hash', 'text', (c) => c.notNull())
					.addColumn('actor', 'text', (c) => c.notNull())
					.addColumn('at', 'bigint', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('event_procedure_steps')
					.ifNotExists()
					.addColumn('event_id', 'text', (c) => c.primaryKey())
					.addColumn('steps', 'text', (c) => c.notNull())
					.addColumn('updated_at', 'bigint', (c) => c.notNull())
					.execute();
			}
		},
		'0500-proposal-invites': {
			async up(db: Kysely<unknown>) {
				// Invite links to a proposal workspace (server/SPEC.md WS33): only the code's hash is
				// kept, so a copy of the database lets nobody in.
				await db.schema
					.createTable('proposal_invites')
					.ifNotExists()
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('proposal_id', 'text', (c) =>
						c.notNull().references('proposals.id').onDelete('cascade')
					)
					.addColumn('code_hash', 'text', (c) => c.notNull().unique())
					.addColumn('created_by', 'text', (c) => c.notNull())
					.addColumn('created_at', 'bigint', (c) => c.notNull())
					.addColumn('expires_at', 'bigint', (c) => c.notNull())
					.addColumn('revoked_at', 'bigint')
					.addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
					.execute();
				await db.schema
					.createIndex('proposal_invites_by_proposal')
					.ifNotExists()
					.on('proposal_invites')
					.column('proposal_id')
					.execute();
			}
		}
	};
}

/** Brings the schema up to date; resolves with the names of the migrations it ran. */
export async function migrateSql({ db, engine }: Sql): Promise<string[]> {
	if (engine === 'postgres') return runMigrator(db, engine);
	// Kysely's SQLite adapter takes no migration lock: it assumes one process per file. An
	// operator's `xs migrate` beside a running server is a second one, so hold SQLite's write lock
	// (BEGIN IMMEDIATE) for the whole run; the migrator uses this one connection, inside it.
	return db.connection().execute(async (conn) => {
		await sql`BEGIN IMMEDIATE`.execute(conn);
		try {
			const ran = await runMigrator(conn, engine);
			await sql`COMMIT`.execute(conn);
			return ran;
		} catch (e) {
			await sql`ROLLBACK`.execute(conn);
			throw e;
		}
	});
}

async function runMigrator(db: Kysely<SqlSchema>, engine: SqlEngine): Promise<string[]> {
	// Kysely takes a `kysely_migration` table in ANY schema as its own unless told which one: on
	// PostgreSQL, name the schema this connection works in (another app's table must not count).
	const migrationTableSchema =
		engine === 'postgres'
			? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s
			: undefined;
	const migrator = new Migrator({
		db,
		migrationTableSchema,
		provider: { getMigrations: async () => migrations(engine) }
	});
	const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		throw new Error(
			`migration ${failed?.migrationName ?? ''} failed: ${String(error ?? 'see results')}`
		);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

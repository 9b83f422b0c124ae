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
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Sql, SqlEngine } from './open.ts';
import type { SqlSchema } from './schema.ts';

function migrations(engine: SqlEngine): Record<string, Migration> {
	return {
		'0001-audit-log': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('audit_log')
					.ifNotExists()
					// SQLite makes only `INTEGER PRIMARY KEY` the rowid; PostgreSQL wants an identity column.
					.addColumn('id', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
						engine === 'sqlite'
							? c.primaryKey().autoIncrement()
							: c.primaryKey().generatedByDefaultAsIdentity()
					)
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
					await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
						BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
					await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
						BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
				} else {
					await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
						BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
					await sql`CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
						FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
				}
			}
		},
		// Issue 15: representatives' votes, agreements reopened by a failed ratification, and the
		// procedure steps a competition requires (procedure/SPEC.md Q; server/SPEC.md E40–E47).
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

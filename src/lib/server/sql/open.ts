/**
 * One typed query layer, two engines (issue 12): Kysely over better-sqlite3 (the default, one
 * file) or over `pg` (several instances sharing one PostgreSQL), chosen by configuration. Every
 * query is async on both, so a caller is written once.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { SqlSchema } from './schema.ts';
import { openDatabase } from '../storage/db.ts';
import { migrateSql } from './migrations.ts';

import type { SqlEngine } from './handle.ts';
export type { SqlEngine, SqlDb } from './handle.ts';
export { inTransaction, engineOf } from './handle.ts';

/** `DATABASE_URL=postgres://…` selects PostgreSQL; otherwise the SQLite file at `DATABASE_PATH`. */
export type SqlTarget =
	{ engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; poolSize?: number };

export interface Sql {
	engine: SqlEngine;
	db: Kysely<SqlSchema>;
	close(): Promise<void>;
}

const INT8 = 20;
/**
 * PostgreSQL's BIGINT (int8) arrives as a string from `pg` by default; our BIGINTs are
 * millisecond times and row ids, far below 2^53, and SQLite returns them as numbers: make both
 * engines return the same type.
 */
const pgTypes: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8 && format !== 'binary'
			? (v: string) => Number(v)
			: pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser']
};

export function openSql(target: SqlTarget): Sql {
	if (target.engine === 'sqlite') {
		if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
		const file = new Database(target.path);
		// The same settings as db.ts: WAL, committed writes survive a killed process.
		file.pragma('journal_mode = WAL');
		file.pragma('synchronous = NORMAL');
		file.pragma('foreign_keys = ON');
		file.pragma('busy_timeout = 5000');
		const db = new Kysely<SqlSchema>({ dialect: new SqliteDialect({ database: file }) });
		return { engine: 'sqlite', db, close: () => db.destroy() };
	}
	return openPostgres(target);
}

/**
 * The query layer over a SQLite handle someone else owns (the server's `openDatabase`): one
 * connection, so Kysely's statements and the remaining better-sqlite3 ones never wait on each
 * other's write lock. Closing it leaves the handle open; its owner closes it.
 */
export function sqlOnSqliteHandle(file: Database.Database): Sql {
	const db = new Kysely<SqlSchema>({
		dialect: new SqliteDialect({ database: { prepare: (q) => file.prepare(q), close: () => {} } })
	});
	return { engine: 'sqlite', db, close: () => db.destroy() };
}

function openPostgres(target: { url: string; poolSize?: number }): Sql {
	const pool = new pg.Pool({
		connectionString: target.url,
		max: target.poolSize ?? 10,
		types: pgTypes
	});
	// An idle client losing its server emits 'error' on the pool; unhandled it would end the process.
	pool.on('error', () => {});
	const db = new Kysely<SqlSchema>({ dialect: new PostgresDialect({ pool }) });
	return { engine: 'postgres', db, close: () => db.destroy() };
}

/** Reads the target from the environment as the server will: DATABASE_URL wins over DATABASE_PATH. */
export function sqlTargetFromEnv(env: Record<string, string | undefined>): SqlTarget {
	const url = env.DATABASE_URL;
	if (url && /^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
	return { engine: 'sqlite', path: env.DATABASE_PATH || 'data/xieshang.db' };
}

/**
 * The relational data as the server opens it, for commands run beside it (`xs user`, `xs demo`,
 * `xs migrate`): PostgreSQL when DATABASE_URL is set, otherwise the SQLite file (made or brought up
 * to date by its `user_version` migrations first, as the server does); then the query layer's
 * migrations. `ran` names the migrations this call applied.
 */
export async function openRelational(env: {
	DATABASE_PATH: string;
	DATABASE_URL?: string | undefined;
}): Promise<Sql & { ran: string[] }> {
	let opened: Sql;
	if (env.DATABASE_URL)
		opened = openSql({ engine: 'postgres', url: env.DATABASE_URL, poolSize: 2 });
	else {
		const file = openDatabase(env.DATABASE_PATH);
		const inner = sqlOnSqliteHandle(file);
		opened = {
			...inner,
			close: async () => {
				await inner.close();
				file.close();
			}
		};
	}
	try {
		return { ...opened, ran: await migrateSql(opened) };
	} catch (e) {
		await opened.close();
		throw e;
	}
}

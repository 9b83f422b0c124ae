/**
 * The database the server uses, opened for a CLI command through the one query layer: the
 * SQLite file at DATABASE_PATH (its older tables made by openDatabase, then the query layer's
 * migrations), or PostgreSQL when DATABASE_URL is set. The CLI acts as the operator.
 */
import { openDatabase } from '#lib/server/storage/db.ts';
import { migrateSql } from '#lib/server/sql/migrations.ts';
import { openSql, sqlOnSqliteHandle, sqlTargetFromEnv, type Sql } from '#lib/server/sql/open.ts';

export async function openCliSql(
	env: Record<string, string | undefined> = process.env
): Promise<{ sql: Sql; close: () => Promise<void> }> {
	const target = sqlTargetFromEnv(env);
	if (target.engine === 'postgres') {
		const sql = openSql(target);
		await migrateSql(sql);
		return { sql, close: () => sql.close() };
	}
	const file = openDatabase(target.path);
	const sql = sqlOnSqliteHandle(file);
	await migrateSql(sql);
	return {
		sql,
		close: async () => {
			await sql.close();
			file.close();
		}
	};
}

/** The id of an organizer account by login, or of the first organizer; null when none. */
export async function organizerId(sql: Sql, login?: string): Promise<string | null> {
	const db = sql.db.withTables<{ users: { id: string; login: string; created_at: number } }>();
	let q = db.selectFrom('users').select('id');
	q = login ? q.where('login', '=', login) : q.orderBy('created_at').orderBy('id');
	return (await q.executeTakeFirst())?.id ?? null;
}

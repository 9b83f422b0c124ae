/**
 * Cases and organizers in the server's database for CLI commands (`xs case`, `xs cost`, `xs demo`,
 * `xs sweep`, `xs compare`). The database is opened as every command opens it, with
 * `openRelational(loadConfig())`: the SQLite file at DATABASE_PATH, or PostgreSQL when
 * DATABASE_URL is set. The CLI acts as the operator.
 */
import { sql as rawSql } from 'kysely';
import { openRelational, type Sql } from '#lib/server/sql/open.ts';
import { loadConfig } from '../config.ts';
import { resolveCase } from '#lib/server/cases/resolve.ts';
import type { ResolvedScenario } from '../../src/lib/domain/index.ts';

/** A case reference on the command line: `ID` (its latest version) or `ID@N` (version N). */
export const CASE_REF = /^([a-z0-9-]+)(?:@([1-9][0-9]*))?$/;

/**
 * A case in the server's database (DATABASE_PATH, or DATABASE_URL), by id or `id@version`
 * (K13): a built-in's file name works too. Null when there is no such case.
 */
export async function caseFromDatabase(ref: string): Promise<ResolvedScenario | null> {
	const m = CASE_REF.exec(ref);
	if (!m) return null;
	const sql = await openRelational(loadConfig());
	try {
		return (await resolveCase(sql.db, m[1]!, m[2] ? Number(m[2]) : undefined))?.scenario ?? null;
	} finally {
		await sql.close();
	}
}

/** The id of an organizer account by login, or of the first organizer; null when none. */
export async function organizerId(sql: Sql, login?: string): Promise<string | null> {
	const db = sql.db.withTables<{ users: { id: string; login: string; created_at: number } }>();
	let q = db.selectFrom('users').select('id');
	// Logins compare case-insensitively, as at login.
	q = login
		? q.where(rawSql`lower(login)`, '=', login.toLowerCase())
		: q.orderBy('created_at').orderBy('id');
	return (await q.executeTakeFirst())?.id ?? null;
}

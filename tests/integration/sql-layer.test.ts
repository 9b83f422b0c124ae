/**
 * The one query layer (Kysely) on both engines: the same migrations and the same typed queries on
 * a SQLite file and on a real PostgreSQL (started here, stopped by PID). One table so far: the
 * audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { audit } from '../../src/lib/server/audit.ts';
import {
	openSql,
	sqlTargetFromEnv,
	type Sql,
	type SqlTarget
} from '../../src/lib/server/sql/open.ts';
import { migrateSql } from '../../src/lib/server/sql/migrations.ts';
import { appendAudit, auditOfEvent } from '../../src/lib/server/sql/audit.ts';
import { startPostgres, type PostgresService } from '../services/postgres.ts';
import { tempDbPath } from './harness.ts';

let pgsvc: PostgresService;
const opened: Sql[] = [];
beforeAll(async () => {
	pgsvc = await startPostgres();
});
afterAll(async () => {
	await Promise.all(opened.map((s) => s.close()));
	await pgsvc?.stop();
});
const open = (t: SqlTarget) => {
	const s = openSql(t);
	opened.push(s);
	return s;
};

const engines: [string, () => Promise<SqlTarget>][] = [
	['sqlite', async () => ({ engine: 'sqlite', path: tempDbPath() })],
	['postgres', async () => ({ engine: 'postgres', url: await pgsvc.freshSchema() })]
];

describe.each(engines)('query layer on %s', (engine, target) => {
	it('[Y14] migrates a new database once; a second run (another instance starting) changes nothing', async () => {
		const t = await target();
		const [a, b] = [open(t), open(t)];
		// Two PostgreSQL instances starting together: Kysely's migration lock lets one run each
		// migration. better-sqlite3 is synchronous, so two SQLite handles in one process take turns.
		const ran =
			engine === 'postgres'
				? await Promise.all([migrateSql(a), migrateSql(b)])
				: [await migrateSql(a), await migrateSql(b)];
		// Each migration ran once in all (later issues add their own after 0001).
		expect(ran.flat()[0]).toBe('0001-audit-log');
		expect(new Set(ran.flat()).size).toBe(ran.flat().length);
		expect(await migrateSql(a)).toEqual([]);
		expect(a.engine).toBe(engine);
	});

	it('[Y14][Y13] appends audit lines and reads an event’s own, newest first, with the same types on both engines', async () => {
		const s = open(await target());
		await migrateSql(s);
		const first = await appendAudit(
			s.db,
			'e1',
			'user:u1',
			'event.create',
			{ name: '市赛' },
			1_700_000_000_000
		);
		await appendAudit(s.db, 'e2', 'user:u2', 'event.create', {}, 1_700_000_000_500);
		const third = await appendAudit(
			s.db,
			'e1',
			'seat:s1',
			'offer.table',
			{ version: 2 },
			1_700_000_001_000
		);
		expect(third).toBeGreaterThan(first);
		const log = await auditOfEvent(s.db, 'e1');
		expect(log).toEqual([
			{
				id: third,
				eventId: 'e1',
				actor: 'seat:s1',
				action: 'offer.table',
				detail: { version: 2 },
				at: 1_700_000_001_000
			},
			{
				id: first,
				eventId: 'e1',
				actor: 'user:u1',
				action: 'event.create',
				detail: { name: '市赛' },
				at: 1_700_000_000_000
			}
		]);
	});

	it('[Y13] refuses to edit or delete an audit line, in the database itself', async () => {
		const s = open(await target());
		await migrateSql(s);
		const id = await appendAudit(s.db, 'e1', 'cli', 'user.add');
		await expect(
			s.db.updateTable('audit_log').set({ actor: 'someone else' }).where('id', '=', id).execute()
		).rejects.toThrow(/append-only/);
		await expect(s.db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(
			/append-only/
		);
		expect((await auditOfEvent(s.db, 'e1')).map((e) => e.actor)).toEqual(['cli']);
	});
});

describe('query layer next to the existing SQLite layer', () => {
	it('[Y14] adopts a SQLite file made by the user_version migrations without touching its rows', async () => {
		const path = tempDbPath();
		const old = openDatabase(path);
		audit(old, 'e9', 'system', 'demo.create', { n: 1 });
		old.close();
		const s = open({ engine: 'sqlite', path });
		expect((await migrateSql(s))[0]).toBe('0001-audit-log');
		expect((await auditOfEvent(s.db, 'e9')).map((e) => [e.action, e.detail])).toEqual([
			['demo.create', { n: 1 }]
		]);
		// The old triggers are still the ones in force.
		const triggers = await sql<{
			name: string;
		}>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name`.execute(
			s.db
		);
		expect(triggers.rows.map((r) => r.name)).toEqual([
			'audit_log_no_delete',
			'audit_log_no_update'
		]);
	});

	it('[Y14] chooses PostgreSQL when DATABASE_URL is a postgres URL, else the SQLite file', () => {
		expect(sqlTargetFromEnv({ DATABASE_URL: 'postgres://x@h/db', DATABASE_PATH: 'a.db' })).toEqual({
			engine: 'postgres',
			url: 'postgres://x@h/db'
		});
		expect(sqlTargetFromEnv({ DATABASE_PATH: 'a.db' })).toEqual({ engine: 'sqlite', path: 'a.db' });
		expect(sqlTargetFromEnv({})).toEqual({ engine: 'sqlite', path: 'data/xieshang.db' });
	});
});

/**
 * The one query layer (Kysely) on both engines: the same migrations and the same typed queries on
 * a SQLite file and on a real PostgreSQL (started here, stopped by PID). One table so far: the
 * audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { auditFor } from '../../src/lib/server/audit.ts';
import { hash } from '@node-rs/argon2';
import { checkPassword, createUser } from '../../src/lib/server/auth.ts';
import { addTeam, getEvent, seatsOfMatch, teamsOf } from '../../src/lib/server/events/events.ts';
import { demoSeats } from '../../src/lib/server/events/demo.ts';
import { offersOf } from '../../src/lib/server/negotiation/negotiation.ts';
import {
	openSql,
	sqlOnSqliteHandle,
	sqlTargetFromEnv,
	type Sql,
	type SqlTarget
} from '../../src/lib/server/sql/open.ts';
import { migrateSql } from '../../src/lib/server/sql/migrations.ts';
import { appendAudit, auditOfEvent } from '../../src/lib/server/sql/audit.ts';
import { startPostgres, type PostgresService } from '../services/postgres.ts';
import { tempDbPath } from './harness.ts';

const ALL_MIGRATIONS = [
	'0001-audit-log',
	'0002-core',
	'0003-negotiation',
	'0004-judging',
	'0005-voice',
	'0100-cases',
	'0200-proposals',
	'0300-votes-reopenings-required-steps',
	'0500-proposal-invites'
];

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
		expect(ran.flat()).toEqual(ALL_MIGRATIONS);
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

	it('[Y40] matches logins case-insensitively and keeps them unique that way', async () => {
		const s = open(await target());
		await migrateSql(s);
		const bob = await createUser(s.db, {
			login: 'Bob',
			displayName: '鲍勃',
			password: 'bob-password-1'
		});
		expect((await checkPassword(s.db, 'bOB', 'bob-password-1'))?.id).toBe(bob.id);
		await expect(
			createUser(s.db, { login: 'BOB', displayName: '冒名', password: 'another-password' })
		).rejects.toThrow(/UNIQUE|duplicate key/);
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
	it('[Y14][Y40] adopts a SQLite file made by the user_version migrations, rows and all', async () => {
		const path = tempDbPath();
		// A file as the previous release left it: every table made by db.ts, rows written by hand.
		const old = openDatabase(path);
		const now = 1_700_000_000_000;
		old.exec(`
			INSERT INTO users VALUES ('u1', 'Alice', '老组织者', '${await hash('old-password-1')}', ${now});
			INSERT INTO events (id, name, kind, scenario_id, settings, created_by, created_at)
				VALUES ('e9', '老比赛', 'competition', 's1-qiantang-parts', '{"demo":true}', 'u1', ${now});
			INSERT INTO event_organizers VALUES ('e9', 'u1');
			INSERT INTO teams VALUES ('t1', 'e9', '甲队', ''), ('t2', 'e9', '乙队', '');
			INSERT INTO rounds VALUES ('r1', 'e9', 1);
			INSERT INTO matches (id, event_id, round_id, table_no, labour_team_id, management_team_id)
				VALUES ('m1', 'e9', 'r1', 1, 't1', 't2');
			INSERT INTO seats (id, event_id, match_id, role, code, short_code, person_name, created_at)
				VALUES ('s2', 'e9', 'm1', 'management-chief', 'codeb', 'shortb', '李', ${now}),
				       ('s1', 'e9', 'm1', 'labour-chief', 'codea', 'shorta', '王', ${now});
			INSERT INTO offers (id, match_id, seq, side, kind, terms, clauses, created_by, created_at)
				VALUES ('o1', 'm1', 1, 'labour', 'offer', '{"generalIncrease":5}', '{}', '王', '2023-11-14T22:13:20.000Z');
			INSERT INTO audit_log (event_id, actor, action, detail, at)
				VALUES (NULL, 'ip:1.2.3.4', 'login.failed', '{"login":"ALICE"}', ${now});
		`);
		old.close();
		const s = open({ engine: 'sqlite', path });
		expect(await migrateSql(s)).toEqual(ALL_MIGRATIONS);
		// The rows read through the query layer as the server reads them.
		expect(await getEvent(s.db, 'e9')).toMatchObject({ name: '老比赛', kind: 'competition' });
		// Seats in the order they were added (rowid), not by id.
		expect((await seatsOfMatch(s.db, 'm1')).map((x) => x.id)).toEqual(['s2', 's1']);
		expect((await offersOf(s.db, 'm1')).map((o) => o.terms)).toEqual([{ generalIncrease: 5 }]);
		// COLLATE NOCASE then, lower() now: the same account either way.
		expect((await checkPassword(s.db, 'alice', 'old-password-1'))?.id).toBe('u1');
		// The failed login names the organizer's login in another case: still in the event's log.
		expect((await auditFor(s.db, 'e9')).map((e) => e.action)).toEqual(['login.failed']);
		expect((await demoSeats(s.db))?.matchId).toBe('m1');
		// New rows go in beside the old ones, and a second login differing only in case is refused.
		await addTeam(s.db, 'e9', { name: '丙队' });
		expect((await teamsOf(s.db, 'e9')).map((t) => t.name)).toEqual(['甲队', '乙队', '丙队']);
		await expect(
			createUser(s.db, { login: 'ALICE', displayName: '冒名', password: 'another-password' })
		).rejects.toThrow(/UNIQUE/);
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
		await expect(
			s.db.updateTable('offers').set({ message: 'x' }).where('id', '=', 'o1').execute()
		).rejects.toThrow(/immutable/);
	});

	it('[Y40] gives a fresh PostgreSQL and a fresh SQLite file the same tables and columns', async () => {
		const shapeOf = async (s: Sql) =>
			Object.fromEntries(
				(await s.db.introspection.getTables())
					.filter((t) => !t.name.startsWith('kysely_') && !t.name.startsWith('doc'))
					.map((t) => [
						t.name,
						t.columns
							.map((c) => c.name)
							// PostgreSQL's stand-in for SQLite's implicit rowid (schema.ts).
							.filter((c) => c !== 'rowid')
							.sort()
					])
					.sort(([a], [b]) => String(a).localeCompare(String(b)))
			);
		const lite = open({ engine: 'sqlite', path: tempDbPath() });
		await migrateSql(lite);
		const pgs = open({ engine: 'postgres', url: await pgsvc.freshSchema() });
		await migrateSql(pgs);
		const oldFile = openDatabase(tempDbPath());
		const old = sqlOnSqliteHandle(oldFile);
		await migrateSql(old);
		const fresh = await shapeOf(lite);
		// 25 tables of the core, negotiation, judging and voice, + 4 of cases (cases, case_versions,
		// case_drafts, jurisdictions) + 2 of proposals + 4 of votes (rep_votes, rep_ballots,
		// agreement_reopenings, event_procedure_steps) + 1 of proposal invites (proposal_invites)
		// = 25 + 4 + 2 + 4 + 1 = 36.
		expect(Object.keys(fresh)).toHaveLength(36);
		expect(await shapeOf(pgs)).toEqual(fresh);
		// …and the same as a file made by the user_version migrations.
		expect(await shapeOf(old)).toEqual(fresh);
		await old.close();
		oldFile.close();
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

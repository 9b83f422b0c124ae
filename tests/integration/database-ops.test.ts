/**
 * What an operator of several instances relies on (issue 12): `/healthz` says whether the
 * database answers (a load balancer takes the instance out when not), and `xs migrate` runs the
 * migrations explicitly and says which. A real PostgreSQL, started here and stopped by PID.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresService } from '../services/postgres.ts';
import { ROOT, startServerProcess, tempDbPath, type ServerProcess } from './harness.ts';

const exec = promisify(execFile);
const MIGRATIONS = [
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

let pgsvc: PostgresService | undefined;
const servers: ServerProcess[] = [];
beforeAll(async () => {
	pgsvc = await startPostgres();
});
afterAll(async () => {
	await Promise.all(servers.map((s) => s.kill()));
	await pgsvc?.stop();
});

const health = async (url: string) => {
	const res = await fetch(`${url}/healthz`);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const xs = (env: Record<string, string>, ...args: string[]) =>
	exec(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env }
	});

describe('database operations', () => {
	it('[Y42][Y14] xs migrate on PostgreSQL runs every migration once', async () => {
		const env = { DATABASE_PATH: tempDbPath(), DATABASE_URL: await pgsvc!.freshSchema() };
		const first = await xs(env, 'migrate');
		expect(first.stdout).toContain('PostgreSQL (127.0.0.1:');
		expect(first.stdout.trim().split('\n').slice(1)).toEqual(MIGRATIONS.map((m) => `  ${m}`));
		expect((await xs(env, 'migrate')).stdout).toMatch(/schema up to date, nothing to run/);
	});

	it('[Y42] /healthz reports the database: 200 while PostgreSQL answers, 503 with the error once it is gone', async () => {
		const server = await startServerProcess({
			DATABASE_PATH: tempDbPath(),
			DATABASE_URL: await pgsvc!.freshSchema(),
			XS_DEMO: '0'
		});
		servers.push(server);
		expect(await health(server.url)).toEqual({
			status: 200,
			body: { ok: true, database: 'ok' }
		});
		await pgsvc!.stop();
		pgsvc = undefined;
		const down = await health(server.url);
		expect(down.status).toBe(503);
		expect(down.body.ok).toBe(false);
		expect(String(down.body.database)).toMatch(/^error: /);
	});

	it('[Y42] /healthz on SQLite: the file answers', async () => {
		const server = await startServerProcess({ DATABASE_PATH: tempDbPath(), XS_DEMO: '0' });
		servers.push(server);
		expect(await health(server.url)).toEqual({ status: 200, body: { ok: true, database: 'ok' } });
	});

	it('[Y42][Y14] xs migrate names what it ran, then that nothing was pending', async () => {
		const env = { DATABASE_PATH: tempDbPath() };
		const first = await xs(env, 'migrate');
		// A new file: the user_version migrations make the tables, the query layer's adopt them.
		for (const name of MIGRATIONS) expect(first.stdout).toContain(`  ${name}\n`);
		expect(first.stdout).toContain('ran 9 migration(s)');
		const second = await xs(env, 'migrate');
		expect(second.stdout).toMatch(/schema up to date, nothing to run/);
	});
});

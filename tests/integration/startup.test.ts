/**
 * Start-up with what an operator may have on disk: an empty, foreign, damaged or newer database
 * file is refused with one line naming DATABASE_PATH (never treated as a fresh install), a port
 * in use is named, and an organizer made before the first start runs the demo event.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { openSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { openRelational } from '../../src/lib/server/sql/open.ts';
import { createUser } from '../../src/lib/server/auth.ts';
import { ROOT, startServerProcess, tempDbPath, type ServerProcess } from './harness.ts';

const started: ServerProcess[] = [];
afterAll(async () => {
	for (const s of started) await s.kill();
});

/** Runs the server until it exits; its exit code and what it printed to stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: ROOT,
			env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let stderr = '';
		proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
		const timer = setTimeout(() => {
			proc.kill('SIGKILL');
			reject(new Error(`server did not exit: ${stderr}`));
		}, 30_000);
		proc.once('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, stderr });
		});
	});
}

function expectOneClearLine(
	out: { code: number | null; stderr: string },
	names: string,
	says: RegExp
): void {
	expect(out.code).toBe(1);
	const lines = out.stderr.trim().split('\n');
	expect(lines, out.stderr).toHaveLength(1);
	expect(lines[0]).toContain(names);
	expect(lines[0]).toMatch(says);
	expect(out.stderr).not.toMatch(/\n\s+at /);
}

describe('start-up with a bad database file', () => {
	it('[U2] refuses an empty (0-byte) file instead of starting a fresh install', async () => {
		const path = tempDbPath();
		writeFileSync(path, '');
		expectOneClearLine(
			await runToExit({ DATABASE_PATH: path }),
			`DATABASE_PATH=${path}`,
			/empty file/
		);
		// Nothing was written into it.
		expect(statSync(path).size).toBe(0);
	});

	it('[U2] refuses a file that is not a SQLite database', async () => {
		const path = tempDbPath();
		writeFileSync(path, 'these are meeting notes, not a database\n'.repeat(200));
		expectOneClearLine(
			await runToExit({ DATABASE_PATH: path }),
			`DATABASE_PATH=${path}`,
			/not a SQLite database/
		);
	});

	it('[U2] detects damaged pages with the integrity check', async () => {
		const path = tempDbPath();
		const db = openDatabase(path);
		db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
		const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
		for (let i = 0; i < 3000; i++) insert.run(`第 ${i} 行 `.repeat(10));
		db.close();
		// Overwrite pages in the middle of the file (4 KiB pages) with garbage.
		const size = statSync(path).size;
		expect(size).toBeGreaterThan(100 * 4096);
		const fd = openSync(path, 'r+');
		writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, 60 * 4096);
		closeSync(fd);
		expectOneClearLine(
			await runToExit({ DATABASE_PATH: path }),
			`DATABASE_PATH=${path}`,
			/damaged/
		);
	});

	it('[U2] refuses a database written by a newer schema version', async () => {
		const path = tempDbPath();
		const db = openDatabase(path);
		db.pragma('user_version = 999');
		db.close();
		expectOneClearLine(
			await runToExit({ DATABASE_PATH: path }),
			`DATABASE_PATH=${path}`,
			/newer version/
		);
	});
});

describe('start-up', () => {
	it('[U3] names PORT in one line when the port is taken', async () => {
		const first = await startServerProcess({ DATABASE_PATH: tempDbPath() });
		started.push(first);
		const out = await runToExit({
			DATABASE_PATH: tempDbPath(),
			PORT: String(first.port),
			LOG_LEVEL: 'error'
		});
		expectOneClearLine(out, `PORT=${first.port}`, /already in use/);
	});

	it('[U4] gives the demo event to an organizer made before the first start (xs user add)', async () => {
		const path = tempDbPath();
		const rel = await openRelational({ DATABASE_PATH: path });
		const user = await createUser(rel.db, {
			login: 'first',
			displayName: '组织者',
			password: 'long-enough-1'
		});
		await rel.close();
		const server = await startServerProcess({ DATABASE_PATH: path, XS_DEMO: '1' });
		started.push(server);
		const check = openDatabase(path);
		try {
			const rows = check
				.prepare(
					"SELECT o.user_id FROM events e JOIN event_organizers o ON o.event_id = e.id WHERE json_extract(e.settings, '$.demo') = 1"
				)
				.all() as { user_id: string }[];
			expect(rows).toEqual([{ user_id: user.id }]);
		} finally {
			check.close();
		}
	});
});

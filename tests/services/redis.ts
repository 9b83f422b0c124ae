/**
 * A real Redis for tests: Debian's `redis-server` on a free loopback port in a temp dir, with no
 * persistence (no RDB snapshots, no AOF), stopped by its PID. `.ci/run` installs it when missing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopOnExit, stopPid, waitForLine } from './services.ts';

export interface RedisService {
	url: string;
	port: number;
	pid: number;
	stop(): Promise<void>;
}

export async function startRedis(
	bin = process.env.REDIS_SERVER_BIN ?? 'redis-server'
): Promise<RedisService> {
	const dir = mkdtempSync(join(tmpdir(), 'xs-redis-'));
	const port = await freePort();
	const child = spawn(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--loglevel',
			'notice'
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const spawned = new Promise<void>((resolve, reject) => {
		child.once('spawn', () => resolve());
		child.once('error', (e) =>
			reject(new Error(`${bin} did not start (apt-get install -y redis-server): ${e.message}`))
		);
	});
	await spawned;
	const pid = child.pid!;
	const forget = stopOnExit(pid);
	try {
		await waitForLine(child, /Ready to accept connections/);
	} catch (e) {
		await stopPid(pid, 'SIGKILL');
		forget();
		throw e;
	}
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		pid,
		async stop() {
			await stopPid(pid, 'SIGTERM');
			forget();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

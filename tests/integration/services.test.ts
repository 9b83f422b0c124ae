import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startPostgres } from '../services/postgres.ts';
import { startRedis } from '../services/redis.ts';
import { isAlive } from '../services/services.ts';
import { connectClient } from './harness.ts';

describe('test services', () => {
	it('starts a real PostgreSQL on a free port, gives each caller an empty schema of its own, and stops it by PID', async () => {
		const svc = await startPostgres();
		try {
			const a = await svc.freshSchema();
			const b = await svc.freshSchema();
			expect(a).not.toBe(b);
			const [ca, cb] = [
				new pg.Client({ connectionString: a }),
				new pg.Client({ connectionString: b })
			];
			await Promise.all([ca.connect(), cb.connect()]);
			const { rows } = await ca.query<{ v: string }>('SELECT version() AS v');
			expect(rows[0]!.v).toMatch(/^PostgreSQL \d+/);
			// A table made through one URL is invisible through the other.
			await ca.query('CREATE TABLE t (x int)');
			await expect(cb.query('SELECT * FROM t')).rejects.toThrow(/does not exist/);
			await cb.query('CREATE TABLE t (x int)');
			await Promise.all([ca.end(), cb.end()]);
		} finally {
			await svc.stop();
		}
		expect(isAlive(svc.pid)).toBe(false);
	});

	it('starts a real redis-server without persistence on a free port, and stops it by PID', async () => {
		const svc = await startRedis();
		try {
			const r = new Redis(svc.url);
			expect(await r.ping()).toBe('PONG');
			// No RDB snapshots and no AOF: nothing is written to disk.
			expect(await r.config('GET', 'save')).toEqual(['save', '']);
			expect(await r.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
			r.disconnect();
		} finally {
			await svc.stop();
		}
		expect(isAlive(svc.pid)).toBe(false);
	});

	it('connectClient: many y-websocket clients share one process exit listener (no MaxListenersExceededWarning)', () => {
		const before = process.listenerCount('exit');
		// Nothing listens on port 9: the clients only need to exist, not to connect.
		const clients = Array.from({ length: 12 }, (_, i) =>
			connectClient('ws://127.0.0.1:9', `demo/exit-${i}`)
		);
		try {
			// Twelve providers, at most one listener more (the shared one, the first time).
			expect(process.listenerCount('exit')).toBeLessThanOrEqual(before + 1);
		} finally {
			for (const c of clients) c.destroy();
		}
		expect(process.listenerCount('exit')).toBeLessThanOrEqual(before + 1);
	});
});

import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startPostgres } from '../services/postgres.ts';
import { startRedis } from '../services/redis.ts';
import { isAlive } from '../services/services.ts';

describe('test services', () => {
	it('starts a real PostgreSQL on a free port, gives each caller a fresh database, and stops it by PID', async () => {
		const svc = await startPostgres();
		try {
			const a = await svc.freshDatabase();
			const b = await svc.freshDatabase();
			expect(a).not.toBe(b);
			const c = new pg.Client({ connectionString: a });
			await c.connect();
			const { rows } = await c.query<{ v: string; db: string }>('SELECT version() AS v, current_database() AS db');
			await c.end();
			expect(rows[0]!.v).toMatch(/^PostgreSQL \d+/);
			expect(a.endsWith(`/${rows[0]!.db}`)).toBe(true);
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
});

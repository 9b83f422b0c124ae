/**
 * Login and join-code limits: in memory for one instance, in a real Redis (started here, stopped
 * by PID) for several, where every instance must count against the same window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { MemoryRateLimiter, RedisRateLimiter } from '../../src/lib/server/rate-limit.ts';
import { startRedis, type RedisService } from '../services/redis.ts';

let redis: RedisService;
const conns: Redis[] = [];
beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	conns.forEach((c) => c.disconnect());
	await redis?.stop();
});
const connect = () => {
	const c = new Redis(redis.url);
	conns.push(c);
	return c;
};

describe('rate limits', () => {
	it('[Y21] counts attempts on two instances against one Redis window per key', async () => {
		// Two instances, each with its own connection, sharing a limit of 3 per 60 s.
		const a = new RedisRateLimiter(connect(), 'loginPerIp', 3, 60_000);
		const b = new RedisRateLimiter(connect(), 'loginPerIp', 3, 60_000);
		const seen: boolean[] = [];
		for (const l of [a, b, a, b, a]) seen.push(await l.attempt('10.0.0.1'));
		// Attempts 1–3 pass, 4 and 5 are over 3, whichever instance counted them.
		expect(seen).toEqual([true, true, true, false, false]);
		expect(await b.isExhausted('10.0.0.1')).toBe(true);
		const wait = await a.retryAfter('10.0.0.1');
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60);
		// Another key, and the same key under another limit's name, start from zero.
		expect(await a.attempt('10.0.0.2')).toBe(true);
		expect(
			await new RedisRateLimiter(conns[0]!, 'joinPerIp', 3, 60_000).isExhausted('10.0.0.1')
		).toBe(false);
	});

	it('[Y21] opens a new window once the old one has expired, in Redis and in memory', async () => {
		const r = new RedisRateLimiter(connect(), 'joinPerCode', 1, 150);
		expect(await r.attempt('k')).toBe(true);
		expect(await r.attempt('k')).toBe(false);
		await new Promise((ok) => setTimeout(ok, 300));
		expect(await r.attempt('k')).toBe(true);

		let now = 1_000;
		const m = new MemoryRateLimiter(1, 150, () => now);
		expect(await m.attempt('k')).toBe(true);
		expect(await m.attempt('k')).toBe(false);
		// 1,000 + 150 = 1,150 ends the window; at 1,151 a new one starts.
		expect(await m.retryAfter('k')).toBe(1);
		now = 1_151;
		expect(await m.attempt('k')).toBe(true);
	});
});

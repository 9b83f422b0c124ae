/**
 * Fixed-window attempt counters for login and join codes, per key (an IP, a code, a login, or one
 * key for the whole server). In memory for one instance; in Redis when several instances share
 * the work (REDIS_URL), so a guesser gains nothing by landing on another instance.
 */
import type { Redis } from 'ioredis';

export interface RateLimiter {
	/** Counts an attempt; false when the key is over its limit for the current window. */
	attempt(key: string): Promise<boolean>;
	/** True when the key has used up its window, without counting an attempt (for limits on failures only). */
	isExhausted(key: string): Promise<boolean>;
	/** Seconds until the key may try again. */
	retryAfter(key: string): Promise<number>;
}

export class MemoryRateLimiter implements RateLimiter {
	private readonly hits = new Map<string, { count: number; resetAt: number }>();

	constructor(
		private readonly max: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	async attempt(key: string): Promise<boolean> {
		const now = this.now();
		let h = this.hits.get(key);
		if (!h || h.resetAt <= now) {
			h = { count: 0, resetAt: now + this.windowMs };
			this.hits.set(key, h);
		}
		h.count++;
		if (this.hits.size > 50_000) this.sweep(now);
		return h.count <= this.max;
	}

	async isExhausted(key: string): Promise<boolean> {
		const h = this.hits.get(key);
		return !!h && h.resetAt > this.now() && h.count >= this.max;
	}

	async retryAfter(key: string): Promise<number> {
		const h = this.hits.get(key);
		return h ? Math.max(0, Math.ceil((h.resetAt - this.now()) / 1000)) : 0;
	}

	private sweep(now: number): void {
		for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
	}
}

/**
 * The window starts with the first attempt and ends with the key's expiry; counting and starting
 * the expiry are one script, so two instances counting at once never leave a key without one.
 */
const ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

export class RedisRateLimiter implements RateLimiter {
	constructor(
		private readonly redis: Redis,
		/** Tells the limiters apart in Redis (`loginPerIp` …). */
		private readonly name: string,
		private readonly max: number,
		private readonly windowMs: number,
		private readonly prefix = 'xs'
	) {}

	private key(key: string): string {
		return `${this.prefix}:rate:${this.name}:${key}`;
	}

	async attempt(key: string): Promise<boolean> {
		const n = (await this.redis.eval(ATTEMPT, 1, this.key(key), this.windowMs)) as number;
		return n <= this.max;
	}

	async isExhausted(key: string): Promise<boolean> {
		return Number((await this.redis.get(this.key(key))) ?? 0) >= this.max;
	}

	async retryAfter(key: string): Promise<number> {
		const ms = await this.redis.pttl(this.key(key));
		return ms > 0 ? Math.ceil(ms / 1000) : 0;
	}
}

/**
 * Fixed-window attempt counters for login and join codes, per key (an IP, a code, a login, or one
 * key for the whole server).
 * In memory: one server process holds them; FIXME(multi-instance): move to Redis with the rooms.
 */
export class RateLimiter {
	private readonly hits = new Map<string, { count: number; resetAt: number }>();

	constructor(
		private readonly max: number,
		private readonly windowMs: number
	) {}

	/** Counts an attempt; false when the key is over its limit for the current window. */
	attempt(key: string, now = Date.now()): boolean {
		let h = this.hits.get(key);
		if (!h || h.resetAt <= now) {
			h = { count: 0, resetAt: now + this.windowMs };
			this.hits.set(key, h);
		}
		h.count++;
		if (this.hits.size > 50_000) this.sweep(now);
		return h.count <= this.max;
	}

	/** True when the key has used up its window, without counting an attempt (for limits on failures only). */
	isExhausted(key: string, now = Date.now()): boolean {
		const h = this.hits.get(key);
		return !!h && h.resetAt > now && h.count >= this.max;
	}

	/** Seconds until the key may try again. */
	retryAfter(key: string, now = Date.now()): number {
		const h = this.hits.get(key);
		return h ? Math.max(0, Math.ceil((h.resetAt - now) / 1000)) : 0;
	}

	private sweep(now: number): void {
		for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
	}
}

import { describe, expect, it } from 'vitest';
import { findCapacity } from '../bench/capacity.ts';

const search = { start: 100, max: 6400, resolution: 0.1, minStep: 10 };

describe('the cluster benchmark’s capacity search', () => {
	it('doubles until a count fails, then bisects to within a tenth of what held', async () => {
		// Holds below 700 rooms. Doubling: 100 ✓, 200 ✓, 400 ✓, 800 ✗. Bisecting (stop once the gap
		// is at most max(10, 10 % of the held count)): 600 ✓ (gap 200 > 40), 700 ✗ (gap 100 > 60),
		// 650 ✓ (gap 100 > 60); now 700 − 650 = 50 ≤ 65: held 650, failed 700.
		const r = await findCapacity(async (rooms) => rooms < 700, search);
		expect(r.tried.map((t) => t.rooms)).toEqual([100, 200, 400, 800, 600, 700, 650]);
		expect([r.held, r.failed]).toEqual([650, 700]);
	});

	it('halves when the first count fails, then bisects; and stops at the cap when it holds', async () => {
		// Holds below 30 rooms. 100 ✗, halving: 50 ✗, 25 ✓. Bisecting between 25 and 50 (stop once
		// the gap is at most max(10, 10 % of 25) = 10): 38 ✗ (gap 25), 32 ✗ (gap 13); now 32 − 25
		// = 7 ≤ 10: held 25, failed 32.
		const low = await findCapacity(async (rooms) => rooms < 30, search);
		expect(low.tried.map((t) => t.rooms)).toEqual([100, 50, 25, 38, 32]);
		expect([low.held, low.failed]).toEqual([25, 32]);
		// Nothing holds: 100, 50, 25, 12 (halving stops below the 10-room step).
		const none = await findCapacity(async () => false, search);
		expect(none.tried.map((t) => t.rooms)).toEqual([100, 50, 25, 12]);
		expect([none.held, none.failed]).toEqual([null, 12]);
		// 100, 200, then min(400, 300) = 300, the cap: stop there.
		const capped = await findCapacity(async () => true, { ...search, max: 300 });
		expect(capped.tried.map((t) => t.rooms)).toEqual([100, 200, 300]);
		expect([capped.held, capped.failed]).toEqual([300, null]);
	});
});

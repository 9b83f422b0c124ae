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

	it('reports nothing held when the first count fails, and no failure when the cap holds', async () => {
		expect(await findCapacity(async () => false, search)).toEqual({
			held: null,
			failed: 100,
			tried: [{ rooms: 100, held: false }]
		});
		// 100, 200, then min(400, 300) = 300, the cap: stop there.
		const capped = await findCapacity(async () => true, { ...search, max: 300 });
		expect(capped.tried.map((t) => t.rooms)).toEqual([100, 200, 300]);
		expect([capped.held, capped.failed]).toEqual([300, null]);
	});
});

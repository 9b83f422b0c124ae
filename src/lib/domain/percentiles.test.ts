import { describe, expect, it } from 'vitest';
import { Cells, percentilesByCohort, weightedPercentiles } from './percentiles.ts';

describe('weighted percentiles over reused cells', () => {
	it('[P6] totals, least and greatest values kept as cells are pushed; zero weights ignored; cleared for the next report', () => {
		const cells = new Cells(4, 2);
		cells.push(30, 1, 0);
		cells.push(10, 0, 1); // no weight: not a value of the distribution
		cells.push(20, 2, 1);
		cells.push(40, 1, 0);
		// Everyone: 20 ×2, 30 ×1, 40 ×1, total 4. Targets 0.4, 2, 3.6 (less 1e-9): cumulative
		// weights 2, 3, 4 → p10 20 (2 ≥ 0.4), p50 20 (2 ≥ 2), p90 40 (3 < 3.6 ≤ 4).
		const all = { p10: 20, p50: 20, p90: 40, min: 20, max: 40 };
		expect(weightedPercentiles(cells)).toEqual(all);
		// Cohort 0: 30 ×1, 40 ×1, total 2, targets 0.2, 1, 1.8 → 30, 30, 40. Cohort 1: only 20.
		expect(percentilesByCohort(cells, 2)).toEqual({
			all,
			byCohort: [
				{ p10: 30, p50: 30, p90: 40, min: 30, max: 40 },
				{ p10: 20, p50: 20, p90: 20, min: 20, max: 20 }
			]
		});
		// The next report reuses the cells: nothing of the last one may remain.
		cells.clear();
		cells.push(50, 1, 0);
		const one = { p10: 50, p50: 50, p90: 50, min: 50, max: 50 };
		expect(percentilesByCohort(cells, 2)).toEqual({
			all: one,
			byCohort: [one, { p10: 0, p50: 0, p90: 0, min: 0, max: 0 }]
		});
	});

	it('[P6] quantiles sharing a bucket of many cells, and a bucket of one value, read the same answers', () => {
		// 0 ×1, 5 ×600, 5.000000001 ×600, 100 ×1 (cohort 0 holds them all): total 1202; targets
		// 120.2, 601, 1081.8 (less 1e-9). Buckets of 100 ÷ 1023: 5 and 5.000000001 share one,
		// with 1 before it, so all three quantiles are in it. Within it: 1 + 600 = 601 reaches
		// 120.2 and 601 − 1e-9 at 5; 1081.8 needs the next 600, at 5.000000001.
		const cells = new Cells(1202, 1);
		cells.push(0, 1, 0);
		for (let i = 0; i < 600; i++) cells.push(5, 1, 0);
		for (let i = 0; i < 600; i++) cells.push(5.000000001, 1, 0);
		cells.push(100, 1, 0);
		const want = { p10: 5, p50: 5, p90: 5.000000001, min: 0, max: 100 };
		expect(weightedPercentiles(cells)).toEqual(want);
		expect(percentilesByCohort(cells, 1)).toEqual({ all: want, byCohort: [want] });
	});
});

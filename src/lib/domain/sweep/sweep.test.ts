import { describe, expect, it } from 'vitest';
import { cost } from '../cost.ts';
import { pieceFixture } from '../fixtures.ts';
import {
	compareVersions,
	parseTarget,
	rowOf,
	seekGoal,
	sweep,
	sweepGrid,
	sweepValues,
	type SweepRow
} from './index.ts';

// Fixture (fixtures.ts): 100 platform workers, 6 h online; ×1 earns 56/day (9.33/h), ×0.5 earns
// 28/day (4.67/h), 20 days; hourly minimum 8; units a month 50 × 10 × 20 + 50 × 5 × 20 = 15,000;
// current wage bill = employer cost (no take, no on-costs) = 84,000.
// An uplift u on every unit: the ×0.5 worker makes 5 units a day, (28 + 5u) / 6 ≥ 8 ⇔ u ≥ 4;
// the bill grows by 15,000 × u.
const s = pieceFixture();

describe('sweeps and goal seeking', () => {
	it('[G1] a range gives its values without binary noise, ends included', () => {
		expect(sweepValues({ from: 0, to: 1, step: 0.1 })).toEqual([
			0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1
		]);
		expect(sweepValues({ from: 1, to: 0, step: 0.1 })).toEqual([]);
	});

	it('[G2] one row per value with the share below the minimum and the monthly cost delta', () => {
		const rows = sweep(s, {}, 'uplift', { from: 0, to: 6, step: 1 });
		expect(rows.map((r) => r.value)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		// u < 4: the 50 slow workers are below 8/h; u = 4: 48 / 6 = 8.00, nobody is
		expect(rows.map((r) => r.shareBelowHourlyMinimum)).toEqual([0.5, 0.5, 0.5, 0.5, 0, 0, 0]);
		// 15,000 units × u yuan; share 60,000 / 84,000 = 0.7143 at u = 4
		expect(rows.map((r) => r.monthlyCostDelta)).toEqual([
			0, 15000, 30000, 45000, 60000, 75000, 90000
		]);
		expect(rows[4]!.monthlyCostDeltaShare).toBe(0.7143);
	});

	it('[G3] [G4] goal seeking, monotone: the least value meeting the target and the step below', () => {
		const rows = sweep(s, {}, 'uplift', { from: 0, to: 6, step: 1 });
		const g = seekGoal(rows, parseTarget('shareBelowHourlyMinimum<=0.1')!);
		expect(g.answer?.value).toBe(4);
		expect(g.missedAt?.value).toBe(3);
		expect(g.isMonotone).toBe(true);
		// the greatest value whose cost rises by at most 30,000: u = 2 (u = 3 costs 45,000)
		const h = seekGoal(rows, parseTarget('monthlyCostDelta<=30000')!, 'greatest');
		expect(h.answer?.value).toBe(2);
		expect(h.missedAt?.value).toBe(3);
	});

	it('[G20] a sweep prices only what its rows show, and every row is the row of the full report', () => {
		const rows = sweep(s, {}, 'uplift', { from: 0, to: 6, step: 1 });
		rows.forEach((row, u) => expect(row).toEqual(rowOf(u, cost(s, { uplift: u }))));
		// u = 1: the ×0.5 worker earns 28 + 5 × 1 = 33 a day, 33 / 6 = 5.50/h (P10); ×1 earns
		// 56 + 10 = 66, 11.00/h; months 20 × 33 = 660 and 20 × 66 = 1,320 yuan
		const lean = cost(s, { uplift: 1 }, { distributions: false }).pieceRate!.proposed;
		const full = cost(s, { uplift: 1 }).pieceRate!.proposed;
		expect(lean.hourlyFen).toEqual(full.hourlyFen);
		expect(lean.hourlyFen.p10).toBeCloseTo(550, 9);
		expect(full.monthlyFen.min).toBe(66000);
		expect(full.monthlyFen.max).toBe(132000);
		// the distributions no row shows are left at zero
		expect(lean.monthlyFen).toEqual({ p10: 0, p50: 0, p90: 0, min: 0, max: 0 });
		expect(lean.segments[0]!.hourlyFen.p50).toBe(0);
		expect(lean.wageBillFen).toBe(full.wageBillFen);
	});

	it('[G6] a target no value meets is answered null', () => {
		// up to u = 3 the slow half stays below 8/h
		const rows = sweep(s, {}, 'uplift', { from: 0, to: 3, step: 1 });
		const g = seekGoal(rows, parseTarget('shareBelowHourlyMinimum<=0.1')!);
		expect(g.answer).toBeNull();
		expect(g.missedAt).toBeNull();
		expect(g.meetingRanges).toEqual([]);
	});

	it('[G5] non-monotone results: the least meeting value, flagged, with every meeting run', () => {
		const row = (value: number, share: number) =>
			({ value, shareBelowHourlyMinimum: share }) as SweepRow;
		// meets at 2, misses again at 3, meets from 4 on
		const rows = [row(1, 0.5), row(2, 0.05), row(3, 0.3), row(4, 0.05), row(5, 0)];
		const g = seekGoal(rows, parseTarget('shareBelowHourlyMinimum<=0.1')!);
		expect(g.answer?.value).toBe(2);
		expect(g.missedAt?.value).toBe(1);
		expect(g.isMonotone).toBe(false);
		expect(g.meetingRanges).toEqual([
			{ from: 2, to: 2 },
			{ from: 4, to: 5 }
		]);
	});

	it('[G3] targets parse as METRIC[@employer] op number and nothing else', () => {
		expect(parseTarget('monthlyCostDeltaShare<=0.03')).toEqual({
			metric: 'monthlyCostDeltaShare',
			op: '<=',
			bound: 0.03
		});
		expect(parseTarget('monthlyCostDelta@a>=-5')).toEqual({
			metric: 'monthlyCostDelta',
			op: '>=',
			bound: -5,
			employer: 'a'
		});
		expect(parseTarget('nonsense<=1')).toBeNull();
		expect(parseTarget('shareBelowHourlyMinimum=0.1')).toBeNull();
	});

	it('[G1] a model path can be swept: the hourly minimum wage itself', () => {
		// hourly minimum 4: nobody below (4.67 ≥ 4); 5: the slow half (4.67 < 5)
		const rows = sweep(s, {}, 'rules.minimumWage.hourlyYuan', { from: 4, to: 5, step: 1 });
		expect(rows.map((r) => r.shareBelowHourlyMinimum)).toEqual([0, 0.5]);
	});

	it('[G7] a two-term sweep is a grid of rows', () => {
		const g = sweepGrid(
			s,
			{},
			{ term: 'uplift', range: { from: 0, to: 4, step: 4 } },
			{ term: 'guarantee', range: { from: 0, to: 8, step: 8 } }
		)!;
		expect(g.x.values).toEqual([0, 4]);
		expect(g.y.values).toEqual([0, 8]);
		// guarantee 8/h tops the slow half up to 48/day: +20 × 20 days × 50 = 20,000
		expect(g.cells[1]![0]!.monthlyCostDelta).toBe(20000);
		expect(g.cells[1]![0]!.shareBelowHourlyMinimum).toBe(0);
		// uplift 4 alone: 60,000; with the guarantee nobody needs a top-up any more
		expect(g.cells[0]![1]!.monthlyCostDelta).toBe(60000);
		expect(g.cells[1]![1]!.monthlyCostDelta).toBe(60000);
	});

	it('[G8] versions side by side: one report per version and the terms that differ', () => {
		const c = compareVersions(s, [{ uplift: 1 }, { uplift: 1, guarantee: 8 }, { uplift: 2 }]);
		expect(c.versions.map((r) => r.monthly.deltaEmployerCostFen)).toEqual([
			// 15,000; 15,000 + top-up (48 − 33) × 20 × 50 = 15,000 + 15,000; 30,000
			1500000, 3000000, 3000000
		]);
		expect(c.diff.map((d) => [d.termId, d.values])).toEqual([
			['uplift', [1, 1, 2]],
			['guarantee', [0, 8, 0]]
		]);
		expect(cost(s, { uplift: 1 }).monthly.deltaEmployerCostFen).toBe(1500000);
	});
});

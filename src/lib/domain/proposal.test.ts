import { describe, expect, it } from 'vitest';
import { pieceFixture } from './fixtures.ts';
import { termDiff, versionResults } from './proposal.ts';

// pieceFixture: 100 riders, half at productivity 1.0 (10 orders, 56.00 a day, 6 h online →
// 9.33/h), half at 0.5 (5 orders, 28.00 a day → 4.67/h); 20 days a month; hourly minimum 8.00;
// no take rate, no per-order costs, no employees: the payer's cost is the wage bill.
describe('proposal versions side by side (WS20–WS22)', () => {
	it('[WS20] lists every term across the versions, with units, and flags the ones that differ', () => {
		const s = pieceFixture();
		const rows = termDiff(s, [{}, { uplift: 0.5 }, { uplift: 0.5, guarantee: 8 }]);
		const uplift = rows.find((r) => r.termId === 'uplift')!;
		expect(uplift.values).toEqual([0, 0.5, 0.5]);
		expect(uplift.differs).toBe(true);
		// A term left out stands at its current value: not a difference.
		expect(rows.find((r) => r.termId === 'floor')!.differs).toBe(false);
		expect(rows.find((r) => r.termId === 'guarantee')!.differs).toBe(true);
		expect(rows.find((r) => r.termId === 'basis')!.shown).toEqual(['在线', '在线', '在线']);
	});

	it('[WS21] cost per order is the month’s payer cost over the month’s orders', () => {
		// Orders a month: 50 × 10 × 20 + 50 × 5 × 20 = 15,000. Wage bill 50 × 1,120 + 50 × 560 = 84,000.
		// 84,000 / 15,000 = 5.60 a order = 560 fen.
		const r = versionResults(pieceFixture(), {});
		expect(r.monthlyCostFen).toBe(8_400_000);
		expect(r.costPerUnitFen).toBeCloseTo(560, 9);
		expect(r.unitName).toBe('单');
		// Half the riders earn 4.67/h < 8.00.
		expect(r.shareBelowHourlyMinimum).toBe(0.5);
		expect(r.topUpFen).toBe(0);
	});

	it('[WS22] an hourly guarantee tops the slow half up, and the figures move with it', () => {
		// Slow riders: 8.00 × 6 h − 28.00 = 20.00 a day, × 20 days = 400 a month, × 50 = 20,000.
		// Cost 84,000 + 20,000 = 104,000 a month (+20,000); per order 104,000 / 15,000 = 6.9333.
		const r = versionResults(pieceFixture(), { guarantee: 8 });
		expect(r.topUpFen).toBe(2_000_000);
		expect(r.monthlyCostFen).toBe(10_400_000);
		expect(r.monthlyCostDeltaFen).toBe(2_000_000);
		expect(r.costPerUnitFen).toBeCloseTo(693.333333, 5);
		expect(r.shareBelowHourlyMinimum).toBe(0);
		// p10 is a slow rider at exactly 8.00/h, p90 a fast one at 56 / 6 = 9.33/h.
		expect(r.hourlyFen!.p10).toBe(800);
		expect(r.hourlyFen!.p90).toBeCloseTo(933.33, 1);
		// Monthly: slow 8 × 6 × 20 = 960.00, fast 1,120.00.
		expect(r.monthlyFen).toEqual({ p10: 96_000, p50: 96_000, p90: 112_000 });
	});
});

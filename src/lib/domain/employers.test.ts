import { describe, expect, it } from 'vitest';
import { cost } from './cost.ts';
import { pieceFixture } from './fixtures.ts';
import { reportToJson } from './report-json.ts';
import { scenarioSchema } from './scenario.ts';
import { sweep } from './sweep/index.ts';

// The fixture's 100 platform workers (fixtures.ts), split between two employers:
//   A: share 0.6 → 60 workers, the case's rates (x 4.00, y 6.00 → mean 5.00), take rate 0.2:
//      ×1: 6 × 6 + 4 × 5 = 56/day → 1,120 a month; ×0.5: 28/day → 560 (4.67/h, below 8)
//      bill 30 × 1,120 + 30 × 560 = 50,400; cost 50,400 ÷ 0.8 = 63,000
//   B: share 0.4 → 40 workers, its own cell x 5.00 (mean 5.50: band a 6.50, band b 5.50), no take:
//      ×1: 6 × 6.5 + 4 × 5.5 = 61/day → 1,220; ×0.5: 30.5/day → 610 (5.08/h, below 8)
//      bill 20 × 1,220 + 20 × 610 = 36,600 = cost
function twoEmployers() {
	return pieceFixture((x) => {
		(x.pieceRate as Record<string, unknown>).employers = [
			{ id: 'a', name: '甲平台', share: 0.6, takeRate: 0.2 },
			{ id: 'b', name: '乙平台', share: 0.4, rateYuan: { x: 5 } }
		];
	});
}

describe('several employers', () => {
	it('[P60] [P61] each employer costs its share at its own rates; the total is their sum', () => {
		const p = cost(twoEmployers()).pieceRate!;
		const [a, b] = p.current.employers!;
		expect([a!.id, a!.headcount, a!.wageBillFen, a!.employerCostFen]).toEqual([
			'a',
			60,
			5040000,
			6300000
		]);
		expect([b!.id, b!.headcount, b!.wageBillFen, b!.employerCostFen]).toEqual([
			'b',
			40,
			3660000,
			3660000
		]);
		expect(b!.meanRatePerUnitFen).toBeCloseTo(550, 9);
		// 50,400 + 36,600 = 87,000; cost 63,000 + 36,600 = 99,600
		expect(p.current.wageBillFen).toBe(8700000);
		expect(p.current.employerCostFen).toBe(9960000);
		// below 8/h: A's 30 slow workers (4.67) and B's 20 (5.08): 50 of 100
		expect(p.current.shareBelowHourlyMinimum).toBe(0.5);
		expect(a!.shareBelowHourlyMinimum).toBe(0.5);
	});

	it('[P62] a change is shown per employer, in the report and in every sweep row', () => {
		const r = cost(twoEmployers(), { uplift: 1 });
		// +1 a unit: A 9,000 units (30 × 10 × 20 + 30 × 5 × 20) → 9,000 ÷ 0.8 = 11,250; B 6,000 → 6,000
		const e = r.pieceRate!.employers!;
		expect(e.map((x) => x.proposed.employerCostFen - x.current.employerCostFen)).toEqual([
			1125000, 600000
		]);
		expect(r.monthly.deltaEmployerCostFen).toBe(1725000);
		const rows = sweep(twoEmployers(), {}, 'uplift', { from: 0, to: 1, step: 1 });
		expect(rows[1]!.employers!.map((x) => [x.id, x.monthlyCostDelta])).toEqual([
			['a', 11250],
			['b', 6000]
		]);
		// 11,250 ÷ 63,000 = 0.1786
		expect(rows[1]!.employers![0]!.monthlyCostDeltaShare).toBe(0.1786);
		expect(reportToJson(r).pieceRate?.employers?.[1]).toMatchObject({
			id: 'b',
			employerCostDelta: 6000
		});
	});

	it('[P63] a segment may name its employer; shares must add up; unknown employers are refused', () => {
		const s = twoEmployers();
		const bad = {
			...s,
			pieceRate: {
				...s.pieceRate!,
				employers: [
					{ id: 'a', name: 'A', share: 0.6 },
					{ id: 'b', name: 'B', share: 0.3, rateYuan: { nope: 1 } }
				]
			}
		};
		const { rules: _r, ...input } = bad;
		const res = scenarioSchema.safeParse(input);
		const msgs = res.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(msgs).toEqual(
			expect.arrayContaining([
				'pieceRate.employers: shares add up to 0.9, not 1',
				'pieceRate.employers.1.rateYuan.nope: no rate cell "nope"'
			])
		);
	});
});

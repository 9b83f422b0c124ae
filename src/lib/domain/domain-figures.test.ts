/**
 * The shipped scenarios reproduce the derived figures of the case notes (docs/sources.md). Where the engine
 * rounds each worker's pay to the fen (C1) the totals may differ from the case notes' float arithmetic by
 * a few yuan; the tolerance and its reason are stated at each assertion.
 */
import { describe, expect, it } from 'vitest';
import { shippedScenario } from '../../../tests/helpers/shipped-scenarios.ts';
import { cost } from './cost.ts';
import type { ResolvedScenario } from './scenario.ts';

function load(name: string): ResolvedScenario {
	return shippedScenario(name);
}

describe('S1 manufacturing wage structure (case S1, docs/sources.md)', () => {
	const s1 = load('s1-qiantang-parts');

	it('[C2] [C5] current monthly gross per grade matches the case notes', () => {
		const r = cost(s1);
		const pay = Object.fromEntries(
			r.groups.map((g) => [g.id, Math.round(g.current.meanPayFen / 100)])
		);
		// P1: 2490 + 300 + 0 + 30 × 3.2 = 2886; OT 1.5 × 2886 / 174 × 28 = 696.62; + bonus 1100 → 4682.62
		// P2: 2490 + 500 + 150 + 165 = 3305; OT 1.5 × 3305 / 174 × 24 = 683.79; + 1400 → 5388.79
		expect(pay).toEqual({ P1: 4683, P2: 5389, P3: 6290, P4: 7065, L1: 7647, S1: 8580 });
		// company average 5,395,533 / 950 = 5679.5
		expect(Math.abs(r.monthly.current.wageBillFen / 100 - 5_395_533)).toBeLessThan(2);
		expect(Math.round(r.monthly.current.meanPayFen / 100)).toBe(5680);
	});

	it('[C3] [C4] [C5] seniority 50/yr cap 15 and the five-level skill ladder add about 223,696 a month', () => {
		const r = cost(s1, {
			seniorityPerYear: 50,
			seniorityCapYears: 15,
			skillLadder: { junior: 100, mid: 300, senior: 600, technician: 1000, seniorTechnician: 1500 }
		});
		// Per worker (seniority Δ + skill Δ) × (1 + 1.5 × OT h / 174), exact:
		//   P1 64 × (1 + 42/174) = 79.448 × 420 = 33,368.3   P2 260 × (1 + 36/174) = 313.793 × 260 = 81,586.2
		//   P3 460 × (1 + 30/174) = 539.310 × 90 = 48,537.9  P4 690 × (1 + 24/174) = 785.172 × 30 = 23,555.2
		//   L1 500 × (1 + 30/174) = 586.207 × 40 = 23,448.3  S1 120 × 110 = 13,200
		//   total 223,695.9 (case notes: 223,696). Rounding each worker's overtime to the fen (C1) adds
		//   at most 0.5 fen × 950 workers ≈ 4.75 yuan.
		expect(Math.abs(r.monthly.deltaWageBillFen / 100 - 223_696)).toBeLessThan(5);
		// +4.15 % of the wage bill
		expect(r.monthly.deltaPct).toBeCloseTo(0.0415, 3);
		// case notes: 223,696 × 12 × 1.30 = 3,489,655 (sic; 3,489,658 unrounded). On-costs are rounded
		// per worker (C9), so allow 0.001 %: ±60 yuan.
		expect(Math.abs(r.annual.costDeltaFen / 100 - 3_489_655)).toBeLessThan(60);
		// ≈ 8.3 % of net profit 42,000,000
		expect(r.finance?.costDeltaShareOfProfit).toBeCloseTo(0.083, 3);
		// P2's overtime hourly base goes 18.99 → 20.49 (case notes' overtime_base_effect)
		const p2 = r.groups.find((g) => g.id === 'P2')!;
		expect(p2.currentBreakdown!.overtimeHourlyFen / 100).toBeCloseTo(18.99, 2);
		expect(p2.proposedBreakdown!.overtimeHourlyFen / 100).toBeCloseTo(20.49, 2);
	});

	it('[C10] [C11] every grade is above 2490 and within 36 h of overtime', () => {
		const codes = cost(s1).findings.map((f) => f.code);
		expect(codes).not.toContain('min-wage');
		expect(codes).not.toContain('overtime-monthly');
	});
});

describe('S2 food-delivery piece rates (case S2, docs/sources.md)', () => {
	const s2 = load('s2-qianhu-food-delivery');

	it('[P3] the full-time rider earns 203.51 a day from 29.1 orders at 6.375 average', () => {
		const ref = cost(s2).pieceRate!.current.reference;
		// peak 4 h × 4.5 + shoulder 3 × 2.5 + off-peak 3 × 1.2 = 18 + 7.5 + 3.6 = 29.1 orders
		expect(ref.unitsPerDay).toBeCloseTo(29.1, 9);
		// base fee 0.15 × 5 + 0.55 × 6 + 0.25 × 7.5 + 0.05 × (7.5 + 1.5 × 1) = 6.375
		expect(cost(s2).pieceRate!.current.meanRatePerUnitFen).toBeCloseTo(637.5, 9);
		// 29.1 × 6.375 + 18 peak orders × 1.0 = 185.5125 + 18 = 203.5125 a day (203.51 shown);
		// [C1] [P3] the month is rounded once: 203.5125 × 26 = 5291.325 → 5291.33 (not 203.51 × 26 = 5291.26)
		expect(ref.grossFen).toBe(20351);
		expect(ref.monthlyFen).toBe(529133);
	});

	it('[P4] 20.35 an hour if all 10 online hours count, 25.44 with 7 h orders + 1 h allowance', () => {
		const cur = cost(s2).pieceRate!.current.reference;
		// 0.7 × 10 = 7 h order time + 1 h allowance = 8 h; 203.51 / 8 = 25.44
		expect(cur.workingHours).toBe(8);
		expect(Math.round(cur.hourlyFen) / 100).toBe(25.44);
		// 203.51 / 10 = 20.35 < 24
		const online = cost(s2, { workingTimeBasis: 'online_time' }).pieceRate!.proposed.reference;
		expect(Math.round(online.hourlyFen) / 100).toBe(20.35);
	});

	it('[P2] [P3] +0.80 per order and a 1.5 peak surcharge: 235.79 a day, 23.58 or 29.47 an hour', () => {
		const r = cost(s2, { upliftPerOrder: 0.8, peakSurcharge: 1.5 });
		const ref = r.pieceRate!.proposed.reference;
		// 29.1 × 7.175 + 18 × 1.5 = 208.7925 + 27 = 235.7925 a day (235.79 shown);
		// [C1] [P3] month rounded once: 235.7925 × 26 = 6130.605 → 6130.61 (not 235.79 × 26 = 6130.54)
		expect(ref.grossFen).toBe(23579);
		expect(ref.monthlyFen).toBe(613061);
		expect(Math.round(ref.hourlyFen) / 100).toBe(29.47);
		const online = cost(s2, {
			upliftPerOrder: 0.8,
			peakSurcharge: 1.5,
			workingTimeBasis: 'online_time'
		}).pieceRate!.proposed.reference;
		expect(Math.round(online.hourlyFen) / 100).toBe(23.58);
	});

	it('[P7] the occupational-injury premium is 1.16 a day for the reference rider', () => {
		// 29.1 × 0.04 = 1.164
		const s = cost(s2).pieceRate!.current;
		expect(s.reference.unitsPerDay * 0.04).toBeCloseTo(1.164, 6);
		expect(s.perUnitCostsFen).toBe(Math.round(s.unitsPerMonth * 4));
	});

	it('[P5] [P6] a 24-yuan hourly guarantee leaves nobody below the hourly minimum, at a cost', () => {
		const r = cost(s2, { hourlyGuarantee: 24 });
		expect(r.pieceRate!.current.shareBelowHourlyMinimum).toBeGreaterThan(0);
		expect(r.pieceRate!.proposed.shareBelowHourlyMinimum).toBe(0);
		expect(r.pieceRate!.proposed.topUpFen).toBeGreaterThan(0);
		expect(r.pieceRate!.employerMonthlyCostDeltaFen).toBeGreaterThan(
			r.pieceRate!.proposed.topUpFen
		);
	});
});

describe('S3 express per-parcel rates (case S3, docs/sources.md)', () => {
	const s3 = load('s3-dongzhou-express');

	it('[P2] the average rate 0.9975 gives 5,187 a month', () => {
		const p = cost(s3).pieceRate!.current;
		// 0.45 × 1.20 + 0.40 × 0.90 + 0.15 × 0.65 = 0.9975; 200 × 26 × 0.9975 = 5187
		expect(p.meanRatePerUnitFen).toBeCloseTo(99.75, 9);
		expect(p.reference.monthlyFen).toBe(518700);
	});

	it('[P2] a 1.00 floor adds 481 a month per courier, 2,886,000 for the industry', () => {
		const r = cost(s3, { floorPerParcel: 1.0 });
		// 0.45 × 1.20 + 0.40 × 1.00 + 0.15 × 1.00 = 1.09; 5200 × 1.09 = 5668; 5668 − 5187 = 481
		expect(r.pieceRate!.proposed.meanRatePerUnitFen).toBeCloseTo(109, 9);
		expect(r.groups[0]!.deltaMeanPayFen).toBe(48100);
		// 481 × 6000
		expect(r.monthly.deltaWageBillFen).toBe(288_600_000);
		// floor + 0.10 passed to couriers: 1.19 × 5200 = 6188
		expect(
			cost(s3, { floorPerParcel: 1.0, upliftPerParcel: 0.1 }).pieceRate!.proposed.reference
				.monthlyFen
		).toBe(618800);
	});

	it('[P6] [P9] ten-hour days at these rates stay below the 22-yuan hourly minimum and over the overtime cap', () => {
		const r = cost(s3, { floorPerParcel: 1.0 });
		// 1.09 × 20 parcels/h = 21.80 < 22
		expect(Math.round(r.pieceRate!.proposed.reference.hourlyFen)).toBe(2180);
		const codes = r.findings.map((f) => f.code);
		expect(codes).toContain('piece-hourly-min');
		// 10 × 26 = 260 h − 173.3 = 86.7 h > 36
		expect(codes).toContain('overtime-monthly');
	});

	it('[P8] a quota of 150 parcels fails the 90 % rule; 140 passes', () => {
		// 20/h × 8 h × multiplier ≥ 150 needs ≥ 0.9375: 0.4 + 0.2 + 0.1 = 70 %
		expect(cost(s3).findings.find((f) => f.code === 'quota-90')?.figures.shareMeeting).toBeCloseTo(
			0.7,
			9
		);
		// ≥ 140 needs ≥ 0.875: 0.2 + 0.4 + 0.2 + 0.1 = 90 %
		expect(cost(s3, { dailyQuota: 140 }).findings.some((f) => f.code === 'quota-90')).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { cost } from './cost.ts';
import { pieceFixture } from './fixtures.ts';
import { pieceSegments } from './population.ts';
import { scenarioSchema } from './scenario.ts';

// The fixture's model (fixtures.ts): mean rate (4 + 6) / 2 = 5.00; band a 3 units/h with a 1.00
// surcharge (6.00 a unit), band b 1 unit/h (5.00 a unit); hourly minimum 8, monthly 2,000;
// on-cost rate 0.3; working time = online time.
//   专送 zs: 10 full-time, 2 h a + 4 h b, ×1, 22 days: units 6 + 4, 6 × 6 + 4 × 5 = 56/day
//     → 9.33/h; month 22 × 56 = 1,232 (counted 1,232 < 2,000: below the monthly minimum)
//   众包 zb: 30 platform, 1 h a + 2 h b, ×1 or ×0.5 (half each), 10 days:
//     ×1: 3 + 2 units, 3 × 6 + 2 × 5 = 28/day, 3 h → 9.33/h, month 280
//     ×0.5: 1.5 + 1 units, 1.5 × 6 + 1 × 5 = 14/day → 4.67/h (below 8), month 140
//   two individual records (cohort pt), part-time, 8 h in b:
//     r1 ×1, 20 days: 8 × 5 = 40/day → 5/h (below 8), month 800
//     r2 ×2, 10 days: 16 × 5 = 80/day → 10/h, month 800
function segmented() {
	return pieceFixture((x) => {
		const p = x.pieceRate as Record<string, unknown>;
		delete p.workforce;
		delete p.population;
		p.segments = [
			{
				id: 'zs',
				name: '专送',
				headcount: 10,
				status: 'full-time',
				patterns: [{ id: 'd', name: '白班', share: 1, hours: { a: 2, b: 4 } }],
				daysPerMonth: [{ days: 22, share: 1 }]
			},
			{
				id: 'zb',
				name: '众包',
				headcount: 30,
				status: 'platform',
				patterns: [{ id: 'd', name: '白班', share: 1, hours: { a: 1, b: 2 } }],
				productivity: [
					{ multiplier: 1, share: 0.5 },
					{ multiplier: 0.5, share: 0.5 }
				],
				daysPerMonth: [{ days: 10, share: 1 }]
			},
			...[
				{ id: 'r1', m: 1, days: 20 },
				{ id: 'r2', m: 2, days: 10 }
			].map((r) => ({
				id: r.id,
				name: '兼职',
				headcount: 1,
				status: 'part-time' as const,
				cohort: 'pt',
				patterns: [{ id: 'x', name: '记录', share: 1, hours: { b: 8 } }],
				productivity: [{ multiplier: r.m, share: 1 }],
				daysPerMonth: [{ days: r.days, share: 1 }]
			}))
		];
	});
}

describe('segments', () => {
	it('[P40] the legacy form reads as two segments and costs like the same segments written out', () => {
		const legacy = pieceFixture((x) => {
			x.pieceRate!.workforce.employeeShare = 0.5;
		});
		const pop = pieceSegments(legacy.pieceRate!);
		// 100 workers × 0.5 with a labour contract (full-time), the rest platform workers
		expect(pop.segments.map((s) => [s.id, s.headcount, s.status, s.hasLabourContract])).toEqual([
			['employees', 50, 'full-time', true],
			['others', 50, 'platform', false]
		]);
		const written = pieceFixture((x) => {
			const p = x.pieceRate as Record<string, unknown>;
			const pop = x.pieceRate!.population;
			delete p.workforce;
			delete p.population;
			p.segments = [
				{ id: 'e', name: 'E', headcount: 50, status: 'full-time', ...pop },
				{ id: 'o', name: 'O', headcount: 50, status: 'platform', ...pop }
			].map(({ reference: _r, ...s }) => s);
		});
		const a = cost(legacy).pieceRate!.current;
		const b = cost(written).pieceRate!.current;
		// wage bill 50 × 1,120 + 50 × 560 = 84,000 either way; on-costs 0.3 × 84,000 × 0.5 = 12,600
		expect(a.wageBillFen).toBe(8400000);
		expect(b.wageBillFen).toBe(8400000);
		expect(a.onCostsFen).toBe(1260000);
		expect(b.onCostsFen).toBe(1260000);
		expect(b.employerCostFen).toBe(a.employerCostFen);
	});

	it('[P40] [P43] each segment has its own hours, output and days; individual records add up', () => {
		const r = cost(segmented());
		const p = r.pieceRate!.current;
		// 10 + 30 + 1 + 1 = 42 workers
		expect(p.headcount).toBe(42);
		// 10 × 1,232 + 15 × 280 + 15 × 140 + 800 + 800 = 12,320 + 4,200 + 2,100 + 1,600 = 20,220
		expect(p.wageBillFen).toBe(2022000);
		// on-costs for the labour contracts: 专送 10 × 0.3 × 1,232 = 3,696; part-time 2 × 0.3 × 800 = 480
		expect(p.onCostsFen).toBe(369600 + 48000);
		// below 8/h: 15 众包 at 4.67 and r1 at 5.00 → 16 / 42
		expect(p.shareBelowHourlyMinimum).toBeCloseTo(16 / 42, 12);
		expect(p.segments.map((s) => [s.id, s.headcount])).toEqual([
			['zs', 10],
			['zb', 30],
			['pt', 2]
		]);
		const [zs, zb, pt] = p.segments;
		expect(zs!.monthlyFen.p50).toBe(123200);
		expect(zs!.shareBelowHourlyMinimum).toBe(0);
		// 众包: hourly 4.67 (15) and 9.33 (15): p10 4.67, p90 9.33; monthly 140 / 280
		expect(zb!.hourlyFen.p10).toBeCloseTo(1400 / 3, 6);
		expect(zb!.hourlyFen.p90).toBeCloseTo(2800 / 3, 6);
		expect(zb!.monthlyFen.p10).toBe(14000);
		expect(zb!.monthlyFen.p90).toBe(28000);
		expect(zb!.shareBelowHourlyMinimum).toBe(0.5);
		// the two records as one cohort: 5.00/h and 10.00/h, 800 each
		expect(pt!.hourlyFen.p10).toBe(500);
		expect(pt!.hourlyFen.p90).toBe(1000);
		expect(pt!.wageBillFen).toBe(160000);
		expect(pt!.shareBelowHourlyMinimum).toBe(0.5);
	});

	it('[P42] the share below the hourly minimum is reported under each working-time definition', () => {
		const p = cost(segmented()).pieceRate!.current;
		// order + allowance: order time = online × 0.5, no allowance: 众包 ×0.5 earns 14 / 1.5 h =
		// 9.33 and r1 40 / 4 h = 10, so nobody is below; on online time 16 / 42 are
		expect(p.shareBelowHourlyMinimumByBasis.online_time).toBeCloseTo(16 / 42, 12);
		expect(p.shareBelowHourlyMinimumByBasis.order_plus_allowance).toBe(0);
		expect(p.segments[1]!.shareBelowHourlyMinimumByBasis.online_time).toBe(0.5);
	});

	it('[C10] [P40] each segment takes the minimum-wage test of its status', () => {
		const r = cost(segmented());
		// full-time: 专送 1,232 for standard hours < 2,000 → 10 / 42
		expect(r.findings.find((f) => f.code === 'piece-monthly-min')?.figures.shareBelow).toBeCloseTo(
			10 / 42,
			12
		);
		// hourly: 15 众包 on working time + r1 per online hour → 16 / 42, named by the platform test
		const h = r.findings.find((f) => f.code === 'piece-hourly-min');
		expect(h?.figures.shareBelow).toBeCloseTo(16 / 42, 12);
		expect(h?.test).toBe('hourly-platform');
	});

	it('[P41] the reference worker defaults to the first segment and may be named', () => {
		const r = cost(segmented()).pieceRate!.current.reference;
		// 专送: 56/day, 22 days → 1,232
		expect(r.payFen).toBe(5600);
		expect(r.monthlyFen).toBe(123200);
	});

	it('[P40] a case gives segments or the legacy form, not both, and segment shares add up', () => {
		const s = segmented();
		const bad = {
			...s,
			pieceRate: {
				...s.pieceRate!,
				workforce: { headcount: 1, employeeShare: 0 },
				segments: [
					{ ...s.pieceRate!.segments![0]!, daysPerMonth: [{ days: 22, share: 0.5 }] },
					s.pieceRate!.segments![0]!
				]
			}
		};
		const res = scenarioSchema.safeParse(bad);
		expect(res.success).toBe(false);
		const msgs = res.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(msgs).toEqual(
			expect.arrayContaining([
				'pieceRate.segments: give either segments or workforce + population, not both',
				'pieceRate.segments.1.id: segment id "zs" is used twice',
				'pieceRate.segments.0.daysPerMonth: shares add up to 0.5, not 1'
			])
		);
	});
});

// P80: the fixture's 100 workers (fixtures.ts) as 100 individual records, in two cohorts, each
// record a headcount-1 segment: 50 at ×1 (6 + 4 units, 56/day → 9.33/h, 20 days → 1,120) and
// 50 at ×0.5 (3 + 2 units, 28/day → 4.67/h, below 8; 20 days → 560), alternating, the odd
// records in cohort b. Two distinct days and two distinct months; whole weights.
function records(headcount = 1) {
	return pieceFixture((x) => {
		const p = x.pieceRate as Record<string, unknown>;
		delete p.workforce;
		delete p.population;
		p.segments = Array.from({ length: 100 }, (_, i) => ({
			id: `r${i}`,
			name: i % 2 ? '乙' : '甲',
			headcount,
			status: 'platform' as const,
			cohort: i % 2 ? 'b' : 'a',
			patterns: [{ id: 'x', name: '记录', share: 1, hours: { a: 2, b: 4 } }],
			productivity: [{ multiplier: i % 4 < 2 ? 1 : 0.5, share: 1 }],
			daysPerMonth: [{ days: 20, share: 1 }]
		}));
	});
}

describe('individual records', () => {
	it('[P80] records priced by distinct day and month give the figures of the worker population', () => {
		const r = records();
		const legacy = pieceFixture();
		const a = cost(r).pieceRate!.current;
		const b = cost(legacy).pieceRate!.current;
		// bill 50 × 1,120 + 50 × 560 = 84,000 yuan; half below 8/h
		expect(a.wageBillFen).toBe(8400000);
		expect(a.shareBelowHourlyMinimum).toBe(0.5);
		// hourly: 50 at 466.67 fen, 50 at 933.33: p10 and p50 reach 10 and 50 (−1e-9) at the low
		// value, p90 at the high one; monthly 56,000 and 112,000 fen the same way
		expect(a.hourlyFen.p10).toBeCloseTo(2800 / 6, 9);
		expect(a.hourlyFen.p50).toBeCloseTo(2800 / 6, 9);
		expect(a.hourlyFen.p90).toBeCloseTo(5600 / 6, 9);
		expect([a.monthlyFen.p10, a.monthlyFen.p50, a.monthlyFen.p90]).toEqual([56000, 56000, 112000]);
		expect([a.dailyFen.min, a.dailyFen.max, a.perUnitFen.p50]).toEqual([2800, 5600, 560]);
		// the least-paid record's payslip, all of it counted (6 h a day, under the standard 8)
		expect(a.lowestCountedFen).toBe(56000);
		// the same numbers as the legacy form's two cells of 50
		for (const k of ['hourlyFen', 'dailyFen', 'monthlyFen', 'perUnitFen'] as const)
			expect(a[k]).toEqual(b[k]);
		expect([a.wageBillFen, a.topUpFen, a.unitsPerMonth]).toEqual([
			b.wageBillFen,
			b.topUpFen,
			b.unitsPerMonth
		]);
		// cohorts: a holds records 0, 2, 4 …: ×1 at i % 4 = 0, ×0.5 at 2 → 25 each, 42,000 yuan
		const [ca, cb] = a.segments;
		expect([ca!.id, ca!.headcount, ca!.wageBillFen]).toEqual(['a', 50, 4200000]);
		expect([cb!.id, cb!.headcount, cb!.wageBillFen]).toEqual(['b', 50, 4200000]);
		expect([ca!.monthlyFen.p10, ca!.monthlyFen.p90]).toEqual([56000, 112000]);
		expect(cb!.shareBelowHourlyMinimum).toBe(0.5);
	});

	it('[P80] payslips too large for exact grouped sums are summed record by record, same figures', () => {
		// 10^9 workers per record: 10^11 workers × (112,000 + 1) fen ≥ 2^53 ≈ 9.007 × 10^15, so
		// the grouped sums are given up and the months summed by cell; each running sum stays a
		// whole number below 2^53, so: bill 50 × 10^9 × (112,000 + 56,000) = 8.4 × 10^15 fen.
		const a = cost(records(1e9)).pieceRate!.current;
		expect(a.wageBillFen).toBe(8.4e15);
		expect(a.shareBelowHourlyMinimum).toBe(0.5);
		expect([a.monthlyFen.p10, a.monthlyFen.p50, a.monthlyFen.p90]).toEqual([56000, 56000, 112000]);
		expect(a.lowestCountedFen).toBe(56000);
		const [ca, cb] = a.segments;
		expect([ca!.headcount, ca!.wageBillFen, cb!.wageBillFen]).toEqual([50e9, 4.2e15, 4.2e15]);
		expect([ca!.monthlyFen.p10, ca!.monthlyFen.p90]).toEqual([56000, 112000]);
	});
});

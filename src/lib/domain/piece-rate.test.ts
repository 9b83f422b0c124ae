import { describe, expect, it } from 'vitest';
import { cost } from './cost.ts';
import { pieceFixture } from './fixtures.ts';

// Fixture: mean rate (4 + 6) / 2 = 5.00; band a: 2 h × 3/h, +1.00 surcharge; band b: 4 h × 1/h.
//   productivity 1.0: units 6 + 4 = 10; gross 6 × 6 + 4 × 5 = 56; 6 h online → 9.33/h; month 20 × 56 = 1120
//   productivity 0.5: units 3 + 2 = 5;  gross 3 × 6 + 2 × 5 = 28; 6 h online → 4.67/h; month 560
//   50 workers each; hourly minimum 8.
const P = (r: ReturnType<typeof cost>) => r.pieceRate!;

describe('piece rates', () => {
	it('[P1] [P3] earnings per day follow units per band times rate plus band surcharge', () => {
		const r = cost(pieceFixture());
		expect(P(r).current.reference.unitsPerDay).toBe(10);
		expect(P(r).current.reference.grossFen).toBe(5600);
		expect(P(r).current.reference.monthlyFen).toBe(112000);
		// wage bill 50 × 1120 + 50 × 560 = 84,000
		expect(P(r).current.wageBillFen).toBe(8400000);
		expect(r.groups[0]).toMatchObject({ id: 'piece-rate', headcount: 100 });
		// mean monthly pay 84,000 / 100 = 840; lowest 560
		expect(r.groups[0]!.current.meanPayFen).toBe(84000);
		expect(r.groups[0]!.current.lowestPayFen).toBe(56000);
	});

	it('[P2] a floor lifts low cells, an uplift adds to every unit, per-km add-ons count', () => {
		// floor 5: max(4, 5) = 5, max(6, 5) = 6 → mean 5.5; uplift 0.1 → 5.6
		const r = cost(pieceFixture(), { floor: 5, uplift: 0.1 });
		expect(P(r).proposed.meanRatePerUnitFen).toBeCloseTo(560, 9);
		const km = pieceFixture((x) => {
			x.pieceRate!.rateTable.cells[1] = {
				id: 'y',
				name: 'Y',
				share: 0.5,
				perKmBeyondYuan: 1.5,
				kmBeyond: 2
			};
		});
		// y = 6 + 1.5 × 2 = 9; mean (4 + 9) / 2 = 6.5
		expect(P(cost(km)).current.meanRatePerUnitFen).toBeCloseTo(650, 9);
	});

	it('[P4] working time is order time plus allowance, at least the minimum, never above online time', () => {
		const s = pieceFixture((x) => {
			x.pieceRate!.workingTime = {
				basis: 'order_plus_allowance',
				orderTimeShare: 0.5,
				allowanceShare: 0.2,
				allowanceMinHours: 1
			};
			x.terms[2]!.current = 'order_plus_allowance';
		});
		// order 6 × 0.5 = 3 h; allowance max(1, 0.6) = 1 → 4 h; 56 / 4 = 14.00/h
		expect(P(cost(s)).current.reference.workingHours).toBe(4);
		expect(P(cost(s)).current.reference.hourlyFen).toBe(1400);
		const capped = pieceFixture((x) => {
			x.pieceRate!.workingTime = {
				basis: 'order_plus_allowance',
				orderTimeShare: 0.9,
				allowanceShare: 0,
				allowanceMinHours: 1
			};
			x.terms[2]!.current = 'order_plus_allowance';
		});
		// 5.4 + 1 = 6.4 h, capped at 6 h online
		expect(P(cost(capped)).current.reference.workingHours).toBe(6);
		// choosing online time as the basis: 56 / 6 = 9.33
		expect(P(cost(s, { basis: 'online_time' })).proposed.reference.hourlyFen).toBeCloseTo(
			933.33,
			1
		);
	});

	it('[P5] an hourly guarantee tops up each day to guarantee × working hours', () => {
		const r = cost(pieceFixture(), { guarantee: 8 });
		// productivity 0.5: 8 × 6 − 28 = 20 a day × 20 days × 50 workers = 20,000
		expect(P(r).proposed.topUpFen).toBe(2000000);
		expect(P(r).proposed.shareBelowHourlyMinimum).toBe(0);
		expect(P(r).proposed.shareBelowHourlyMinimumBeforeTopUp).toBe(0.5);
		expect(r.monthly.deltaWageBillFen).toBe(2000000);
	});

	it('[P5] a monthly floor tops up full-month workers only', () => {
		const s = pieceFixture((x) => {
			x.pieceRate!.guarantee = { hourlyYuan: 0, monthlyYuan: 1000, monthlyMinDays: 20 };
		});
		// productivity 0.5 earns 560: top-up 440 × 50 = 22,000; productivity 1.0 earns 1120: none
		expect(P(cost(s)).current.topUpFen).toBe(2200000);
		const notFull = pieceFixture((x) => {
			x.pieceRate!.guarantee = { hourlyYuan: 0, monthlyYuan: 1000, monthlyMinDays: 21 };
		});
		expect(P(cost(notFull)).current.topUpFen).toBe(0);
	});

	it('[P6] hourly earnings are reported as weighted percentiles with the share below the minimum', () => {
		const r = cost(pieceFixture());
		// sorted: 4.67 (weight 50), 9.33 (weight 50): p10 and p50 reach 50 % at 4.67, p90 at 9.33
		expect(P(r).current.hourlyFen.p10).toBeCloseTo(466.67, 1);
		expect(P(r).current.hourlyFen.p50).toBeCloseTo(466.67, 1);
		expect(P(r).current.hourlyFen.p90).toBeCloseTo(933.33, 1);
		expect(P(r).current.shareBelowHourlyMinimum).toBe(0.5);
		const f = r.findings.find((x) => x.code === 'piece-hourly-min');
		expect(f?.severity).toBe('violation');
		expect(f?.sourceTags).toContain('P31');
		expect(f?.citation).not.toMatch(/\[|P31/);
		expect(f?.test).toBe('hourly-platform');
	});

	it('[P7] the payer funds pay grossed up by the take rate, plus per-unit costs and on-costs', () => {
		const s = pieceFixture((x) => {
			x.pieceRate!.takeRate = 0.2;
			x.terms[4]!.current = 0.2;
			x.pieceRate!.perUnitCosts = [{ id: 'inj', name: '职业伤害', yuan: 0.1 }];
			x.pieceRate!.workforce.employeeShare = 0.5;
		});
		// units 50 × 10 × 20 + 50 × 5 × 20 = 15,000 → 1,500; 84,000 / 0.8 = 105,000;
		// on-costs 0.5 × 0.3 × 84,000 = 12,600 → 119,100
		const p = P(cost(s)).current;
		expect(p.unitsPerMonth).toBe(15000);
		expect(p.perUnitCostsFen).toBe(150000);
		expect(p.onCostsFen).toBe(1260000);
		expect(p.employerCostFen).toBe(11910000);
		// lowering the take rate to 0.1 costs the payer less: 84,000 / 0.9 = 93,333.33
		expect(P(cost(s, { takeRate: 0.1 })).employerMonthlyCostDeltaFen).toBe(9333333 - 10500000);
	});

	it('[P8] a piece quota fewer than 90 % can reach in 8 hours is flagged', () => {
		const s = pieceFixture((x) => {
			x.pieceRate!.quotaUnitsPerDay = 10;
		});
		// per online hour 10/6 and 5/6; in 8 h 13.3 and 6.7: only 50 % reach 10
		const f = cost(s).findings.find((x) => x.code === 'quota-90');
		expect(f?.figures.shareMeeting).toBe(0.5);
	});

	it('[P9] employees: daily and monthly overtime caps, monthly minimum, negotiated daily maximum', () => {
		const s = pieceFixture((x) => {
			const p = x.pieceRate!;
			p.workforce.employeeShare = 1;
			p.population.patterns = [{ id: 'p1', name: 'P1', share: 1, hours: { a: 6, b: 6 } }];
			p.population.daysPerMonth = [{ days: 22, share: 1 }];
			p.dailyMaxHours = 10;
		});
		const r = cost(s);
		const codes = r.findings.map((f) => f.code);
		// 12 h − 8 = 4 > 3 h a day; 12 × 22 = 264 − 40 × 52 / 12 = 173.3 → 90.7 > 36; 12 > 10 negotiated
		expect(codes).toEqual(
			expect.arrayContaining(['overtime-daily', 'overtime-monthly', 'daily-max-hours'])
		);
		// productivity 0.5: units 9 + 3 = 12, gross 9 × 6 + 3 × 5 = 69 × 22 = 1518 < 2000 for half
		expect(r.findings.find((f) => f.code === 'piece-monthly-min')?.figures.shareBelow).toBe(0.5);
		expect(r.findings.find((f) => f.code === 'daily-max-hours')?.severity).toBe('warning');
	});
});

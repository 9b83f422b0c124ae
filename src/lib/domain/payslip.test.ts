/**
 * Money the way payroll computes it (C1, C3, C9, C15, C22, P3), the minimum-wage test by
 * employment status (C10), the agreed wage floor (C26) and the women's-protection terms
 * (C23–C25). Every expected figure is worked by hand in the comment above it.
 */
import { describe, expect, it } from 'vitest';
import womenProtectionText from '../../../docs/examples/women-protection.yaml?raw';
import { scenarioFromText, shippedScenario } from '../../../tests/helpers/shipped-scenarios.ts';
import { cost } from './cost.ts';
import { enterpriseFixture, pieceFixture } from './fixtures.ts';
import type { ResolvedScenario } from './scenario.ts';

const G = (r: ReturnType<typeof cost>) => r.groups[0]!;

describe('payslips', () => {
	it('[C1] [C3] [C9] [C15] a tenure-distribution group is as many payslips as workers at each tenure', () => {
		// Group G with 7 workers, tenure 1 / 5 / 12 years at shares 0.3 / 0.4 / 0.3.
		// Workers: 7 × 0.3 = 2.1, 7 × 0.4 = 2.8, 7 × 0.3 = 2.1 → 2, 2, 2 and the one left over goes
		// to the largest remainder (0.8): 2 workers at 1 year, 3 at 5, 2 at 12.
		// Each payslip, exact then rounded once (base 2000 + post 300 + skill 200 + 25 a year of
		// seniority, capped at 10; bonus 500; 10 h workday overtime at 150 % of the four on 174 h):
		//   1 yr:  2525 + 500 + 15 × 2525 / 174 (217.672…) = 3242.672… → 3242.67
		//   5 yr:  2625 + 500 + 15 × 2625 / 174 (226.293…) = 3351.293… → 3351.29
		//   12 yr: 2750 + 500 + 15 × 2750 / 174 (237.068…) = 3487.068… → 3487.07
		// Bill = 2 × 3242.67 + 3 × 3351.29 + 2 × 3487.07 = 6485.34 + 10053.87 + 6974.14 = 23,513.35
		// Mean = 23,513.35 / 7 = 3359.05 (display only).
		// On-costs 30 % per payslip: 972.801 → 972.80, 1005.387 → 1005.39, 1046.121 → 1046.12;
		//   2 × 972.80 + 3 × 1005.39 + 2 × 1046.12 = 1945.60 + 3016.17 + 2092.24 = 7054.01
		// Employer cost = 23,513.35 + 7054.01 = 30,567.36 a month; the year is 12 payslips each.
		const s = enterpriseFixture((x) => {
			const g = x.enterprise!.groups[0]!;
			g.headcount = 7;
			g.tenure = {
				distribution: [
					{ years: 1, share: 0.3 },
					{ years: 5, share: 0.4 },
					{ years: 12, share: 0.3 }
				]
			};
		});
		const t = G(cost(s)).current;
		expect(t.wageBillFen).toBe(2351335);
		expect(t.meanPayFen).toBe(335905);
		expect(t.employerCostFen).toBe(3056736);
		expect(t.annualWageBillFen).toBe(12 * 2351335);
		expect(t.annualEmployerCostFen).toBe(12 * 3056736);
		// the least-paid worker is the one-year worker: 3242.67, of which 2525 counts (C10)
		expect(t.lowestPayFen).toBe(324267);
		expect(t.lowestCountedFen).toBe(252500);
	});

	it('[C1] [C8] an increased component is not rounded before the payslip', () => {
		// 3 % on base 2000 and post 300: 2060 + 309 = 2369 exactly; with 1.5 % of post 333.33…:
		// post 300 × 1.015 = 304.5, base 2030 → fixed 2030 + 304.5 + 200 + 100 = 2634.5;
		// OT 15 × 2634.5 / 174 = 227.112… ; 2634.5 + 500 + 227.112… = 3361.612… → 3361.61
		const r = cost(enterpriseFixture(), { increase: 0.015 });
		expect(G(r).proposed.meanPayFen).toBe(336161);
	});

	it('[C6] [C22] the 13th month is one payslip a year: annual = twelve monthly bills + the 13th month', () => {
		// 13th month = (2000 + 300) × 1 = 2300.00 per worker, paid once: 10 × 2300 = 23,000.00 a year
		// (not 191.67 × 12 = 2300.04 per worker). The average month shows 23,000 / 12 = 1916.67.
		const r = cost(enterpriseFixture(), { thirteenth: 1 });
		expect(r.annual.wageBillDeltaFen).toBe(2300000);
		expect(r.monthly.deltaWageBillFen).toBe(191667);
		expect(G(r).deltaMeanPayFen).toBe(19167);
		// on-costs: 30 % of the 2300 payslip = 690.00 per worker, × 10 = 6,900.00
		expect(r.annual.costDeltaFen).toBe(2300000 + 690000);
	});

	it('[C7] [C22] the heat allowance is paid on the heat months’ payslips only', () => {
		// 300 a month in June–September for 10 heat-exposed workers: 4 × 300 × 10 = 12,000.00 a year;
		// each heat-month payslip 3324.14 + 300 = 3624.14 carries on-costs 1087.242 → 1087.24
		// (was 997.24): + 90.00 × 4 months × 10 workers = 3,600.00
		const s = enterpriseFixture((x) => {
			x.enterprise!.groups[0]!.heatExposed = true;
		});
		const r = cost(s, { heat: true });
		expect(r.annual.wageBillDeltaFen).toBe(1200000);
		expect(r.annual.costDeltaFen).toBe(1200000 + 360000);
		// the ordinary month's payslip is unchanged; the least-paid worker's too
		expect(G(r).proposed.lowestPayFen).toBe(G(r).current.lowestPayFen);
	});

	it('[C1] [P3] a piece-rate worker’s month is rounded once, never per day', () => {
		// Cell x pays 4.005 instead of 4.00: mean rate (4.005 + 6) / 2 = 5.0025.
		// Productivity 1.0: 6 units in band a at 5.0025 + 1.00 = 6.0025 → 36.015, 4 in band b at
		// 5.0025 → 20.01; 56.025 a day (56.03 shown). Month: 20 × 56.025 = 1120.50 (a per-day
		// rounding would give 20 × 56.03 = 1120.60).
		// Productivity 0.5: 3 × 6.0025 + 2 × 5.0025 = 18.0075 + 10.005 = 28.0125 a day; 20 × = 560.25.
		// Bill: 50 × 1120.50 + 50 × 560.25 = 56,025 + 28,012.50 = 84,037.50.
		const s = pieceFixture((x) => {
			x.pieceRate!.rateTable.yuan.x = 4.005;
		});
		const p = cost(s).pieceRate!.current;
		expect(p.reference.payFen).toBe(5603);
		expect(p.reference.monthlyFen).toBe(112050);
		expect(p.monthlyFen.min).toBe(56025);
		expect(p.wageBillFen).toBe(8403750);
		// annual = twelve monthly bills
		expect(G(cost(s)).current.annualWageBillFen).toBe(12 * 8403750);
	});
});

function load(name: string): ResolvedScenario {
	return shippedScenario(name);
}

describe('minimum wage by employment status', () => {
	it('[C10] a part-time group takes the hourly test on its hours', () => {
		// 80 hours a month; counted pay of the least-paid (1 year): 2525 → 31.5625 an hour ≥ 8: none
		const ok = enterpriseFixture((x) => {
			Object.assign(x.enterprise!.groups[0]!, { employment: 'part-time', hoursPerMonth: 80 });
		});
		expect(cost(ok).findings.some((f) => f.code === 'min-wage')).toBe(false);
		// 400 hours: 2525 / 400 = 6.3125 → 6.31 < 8, tested hourly (the monthly test would pass: 2525 ≥ 2000)
		const low = enterpriseFixture((x) => {
			Object.assign(x.enterprise!.groups[0]!, { employment: 'part-time', hoursPerMonth: 400 });
		});
		const f = cost(low).findings.find((x) => x.code === 'min-wage');
		expect(f).toMatchObject({
			test: 'hourly-part-time',
			figures: { hourlyYuan: 6.31, minimumYuan: 8 }
		});
		expect(f?.citation).toBe('《劳动合同法》第七十二条');
		expect(f?.message).toMatch(/非全日制/);
	});

	it('[C10] [P9] S3: franchise employees take the monthly test, outsourced couriers the hourly one', () => {
		const r = cost(load('s3-dongzhou-express'));
		// Employees (70 %): pay for the 8 standard hours of a 10-hour day. The least-paid (×0.8):
		// 0.9975 × 20 × 0.8 × 10 h = 159.60 a day × 26 = 4149.60; × 8/10 = 3319.68 ≥ 2260: no finding.
		expect(r.findings.some((f) => f.code === 'piece-monthly-min')).toBe(false);
		// Outsourced (30 %), hourly: 0.9975 × 20 × multiplier = 15.96, 17.955, 19.95, 21.945 (< 22) for
		// ×0.8–1.1 (90 % of them) and 23.94 for ×1.2: 0.3 × 0.9 = 27 % of all couriers.
		const f = r.findings.find((x) => x.code === 'piece-hourly-min');
		expect(f?.test).toBe('hourly-platform');
		expect(f?.figures.shareBelow).toBeCloseTo(0.27, 9);
		// lowestCountedForMinimum of the courier group: 3319.68
		expect(G(r).current.lowestPayFen).toBe(414960);
		expect(G(r).current.lowestCountedFen).toBe(331968);
	});
});

describe('industry or enterprise minimum wage', () => {
	it('[C26] pay below an agreed floor above the legal minimum is its own finding', () => {
		// least-paid counted pay 2525 ≥ legal 2000 but < an industry minimum of 2600
		const s = enterpriseFixture((x) => {
			x.wageFloor = { kind: 'industry', monthlyYuan: 2600 };
		});
		const r = cost(s);
		expect(r.findings.some((f) => f.code === 'min-wage')).toBe(false);
		const f = r.findings.find((x) => x.code === 'wage-floor');
		expect(f).toMatchObject({
			severity: 'violation',
			test: 'monthly',
			figures: { valueYuan: 2525, floorYuan: 2600 }
		});
		expect(f?.message).toBe('测试组：计入最低工资的月工资 2525 元低于行业最低工资 2600 元');
		// Taixing's forklift-industry 2,200 (docs/sources.md, industry contracts) is met
		const taixing = enterpriseFixture((x) => {
			x.wageFloor = { kind: 'industry', monthlyYuan: 2200 };
		});
		expect(cost(taixing).findings.some((f) => f.code === 'wage-floor')).toBe(false);
	});

	it('[C26] piece-rate employees are checked against the floor on pay for standard hours', () => {
		// S3 with an industry minimum of 3,500: the ×0.8 and ×0.9 couriers earn 3319.68 and
		// 0.9975 × 20 × 0.9 × 10 × 26 × 0.8 = 3734.64 for standard hours: 10 % of employees = 7 % of all
		const s = load('s3-dongzhou-express');
		const r = cost({ ...s, wageFloor: { kind: 'industry', monthlyYuan: 3500, hourlyYuan: 0 } });
		const f = r.findings.find((x) => x.code === 'wage-floor');
		expect(f?.figures.shareBelow).toBeCloseTo(0.07, 9);
	});
});

describe('women’s protection', () => {
	const wp = (patch: Record<string, unknown> = {}) =>
		enterpriseFixture((x) => {
			x.enterprise!.womenProtection = {
				birthsPerWomanYear: 0.04,
				extraMaternityLeaveDays: 30,
				nursingHoursPerDay: 1.5,
				...patch
			};
			x.enterprise!.groups[0]!.womenShare = 0.5;
		});

	it('[C23] extra leave and nursing time above the legal floor are costed from births a year and mean pay', () => {
		// births = 10 workers × 0.5 women × 0.04 = 0.2 a year; mean pay 3324.14 a month
		//   extra leave: 0.2 × 30 days × 3324.14 × 12 / 365 (109.2868…) = 655.72
		//   nursing:     0.2 × (1.5 − 1 legal) h × 21.75 × 12 days × 3324.14 / 174 (19.1043…) = 26.1 × 19.1043 = 498.62
		const w = cost(wp()).womenProtection!.current;
		expect(w.items.map((i) => i.annualFen)).toEqual([65572, 49862]);
		expect(w.annualFen).toBe(115434);
		expect(cost(wp()).annual.currentEmployerCostFen).toBe(12 * 4321380 + 115434);
		// at the legal floor (no extra days, one nursing hour) nothing is priced
		expect(
			cost(wp({ extraMaternityLeaveDays: 0, nursingHoursPerDay: 1 })).womenProtection!.current
				.annualFen
		).toBe(0);
	});

	it('[C24] the legal floors: nursing hour, check-ups in working time, no overtime late in pregnancy or nursing, load', () => {
		expect(cost(wp()).findings.filter((f) => f.code.startsWith('women-'))).toEqual([]);
		const bad = cost(
			wp({
				nursingHoursPerDay: 0.5,
				prenatalCheckupsInWorkingTime: false,
				noOvertimeLatePregnancy: false,
				noOvertimeNursing: false,
				loadLimitKg: 25
			})
		);
		expect(
			bad.findings
				.filter((f) => f.code.startsWith('women-'))
				.map((f) => f.code)
				.sort()
		).toEqual([
			'women-late-pregnancy',
			'women-load',
			'women-nursing-overtime',
			'women-nursing-time',
			'women-prenatal'
		]);
		expect(bad.findings.find((f) => f.code === 'women-nursing-time')?.citation).toBe(
			'《女职工劳动保护特别规定》第九条'
		);
	});
});

describe('the women’s-protection example (docs/examples/women-protection.yaml)', () => {
	const s = scenarioFromText(womenProtectionText, 'docs/examples/women-protection.yaml');

	it('[C23] [C25] the agenda carries the terms; 30 more days of leave are priced per birth', () => {
		// W1: 240 × 0.8 × 0.04 = 7.68 births; pay 2260 + 800 + 30 × 4 + 600 = 3780 a month;
		//   30 days × 3780 × 12 / 365 (124.2740…) × 7.68 = 28,632.72
		// W2: 60 × 0.3 × 0.04 = 0.72 births; 2260 + 1200 + 180 + 800 = 4440; 4440 × 12 / 365 = 145.9726…;
		//   × 30 × 0.72 = 3,153.01
		// total 31,785.73 a year more for the employer; the wage bill is unchanged
		const r = cost(s, { extraMaternityLeave: 30 });
		expect(r.womenProtection!.proposed.items[0]!.annualFen).toBe(2863272 + 315301);
		expect(r.annual.costDeltaFen).toBe(3178573);
		expect(r.annual.wageBillDeltaFen).toBe(0);
		// the legal floors are findings: a 25 kg load limit breaks the 20 kg line
		expect(
			cost(s, { womenLoadLimit: 25 }).findings.find((f) => f.code === 'women-load')?.severity
		).toBe('violation');
	});
});

describe('prepared pay bases', () => {
	it('[C7] [C22] a term that moves a jurisdiction number reprices the same enterprise', () => {
		// Heat allowance paid to 10 exposed workers: 4 months × 300 = 12,000 a year; with the
		// jurisdiction's amount at 400 on the same enterprise object: 4 × 400 × 10 = 16,000.
		const s = enterpriseFixture((x) => {
			x.enterprise!.groups[0]!.heatExposed = true;
			x.enterprise!.paysHeatAllowance = true;
			x.terms[5]!.current = true;
		});
		const base = cost(s).annual.currentEmployerCostFen;
		const richer = {
			...s,
			rules: { ...s.rules, heatAllowance: { ...s.rules.heatAllowance, monthlyYuan: 400 } }
		};
		// heat-month payslips 3324.14 + 400 = 3724.14 (on-costs 1117.242 → 1117.24) instead of 3624.14 (1087.24):
		// + 100 × 4 × 10 wages + 30.00 × 4 × 10 on-costs = 4,000 + 1,200
		expect(cost(richer).annual.currentEmployerCostFen - base).toBe(520000);
	});
});

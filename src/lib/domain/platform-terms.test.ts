import { describe, expect, it } from 'vitest';
import { cost } from './cost.ts';
import { pieceFixture, type LegacyPieceInput } from './fixtures.ts';

// The fixture (fixtures.ts): 100 platform workers, 2 h in band a (3 units/h at 6.00) + 4 h in
// band b (1 unit/h at 5.00), 6 h online, 20 days; ×1 (50 workers) 56/day → 1,120 a month,
// ×0.5 (50) 28/day → 560; bill 84,000; hourly minimum 8; 15,000 units a month.
const withPlatform = (platform: object, patch: (x: LegacyPieceInput) => void = () => {}) =>
	pieceFixture((x) => {
		(x.pieceRate as Record<string, unknown>).platform = platform;
		patch(x);
	});
const P = (s: ReturnType<typeof pieceFixture>, terms = {}) => cost(s, terms).pieceRate!.current;

describe('platform terms', () => {
	it('[P64] a per-order commission cap passes the excess take to the worker; the payer pays the same', () => {
		const s = withPlatform({ commissionCap: { perUnitMax: 0.1 } }, (x) => {
			x.pieceRate!.takeRate = 0.2;
			x.terms[4]!.current = 0.2;
		});
		// rates × (1 − 0.1) ÷ (1 − 0.2) = × 1.125: 56 → 63 (1,260 a month), 28 → 31.5 (630)
		const p = P(s);
		expect(p.wageBillFen).toBe(50 * 126000 + 50 * 63000);
		// payer: 94,500 ÷ 0.9 = 105,000 = 84,000 ÷ 0.8 uncapped; the taker keeps 10,500, not 21,000
		expect(p.employerCostFen).toBe(10500000);
		expect(p.commissionFen).toBe(1050000);
	});

	it('[P64] a monthly average cap refunds busy workers the excess take', () => {
		const s = withPlatform(
			{ commissionCap: { monthlyAverageMax: 0.1, monthlyMinUnits: 150 } },
			(x) => {
				x.pieceRate!.takeRate = 0.2;
				x.terms[4]!.current = 0.2;
			}
		);
		// ×1: 200 units ≥ 150: refund 1,120 × (0.9 ÷ 0.8 − 1) = 140 → 1,260; ×0.5: 100 units, none
		const p = P(s);
		expect(p.wageBillFen).toBe(50 * 126000 + 50 * 56000);
		// payer (91,000 − 7,000 refunds) ÷ 0.8 = 105,000; the taker keeps 105,000 − 91,000 = 14,000
		expect(p.employerCostFen).toBe(10500000);
		expect(p.commissionFen).toBe(1400000);
	});

	it('[P65] a forced stop after 4 h online costs its minutes of online time and their pay', () => {
		const s = withPlatform({ fatigue: { continuousHours: 4, restMinutes: 30 } });
		// 6 h online: ⌈6 ÷ 4⌉ − 1 = 1 stop of 0.5 h → 5.5 h; pay × 5.5 / 6:
		// ×1 56 → 51.333 × 20 = 1,026.67; ×0.5 28 → 25.667 × 20 = 513.33; bill 77,000
		const p = P(s);
		expect(p.wageBillFen).toBe(50 * 102667 + 50 * 51333);
		// 100 workers × 0.5 h × 20 days
		expect(p.lostOnlineHoursPerMonth).toBeCloseTo(1000, 9);
		// the rate per online hour is unchanged: 25.667 / 5.5 = 4.67 for the slow half
		expect(p.shareBelowHourlyMinimum).toBe(0.5);
	});

	it('[P66] a looser delivery-time limit counts more order time, and a guarantee pays for it', () => {
		const s = (extra: number) =>
			withPlatform({ deliveryTime: { basis: 'median', extraMinutesPerUnit: extra } }, (x) => {
				x.pieceRate!.workingTime = { basis: 'order_plus_allowance', orderTimeShare: 0.5 };
				x.terms[2]!.current = 'order_plus_allowance';
				x.pieceRate!.guarantee = { hourlyYuan: 10, monthlyYuan: 0, monthlyMinDays: 22 };
				x.terms[3]!.current = 10;
			});
		// order time 6 × 0.5 = 3 h; ×0.5 earns 28 < 10 × 3: top-up 2 × 20 × 50 = 2,000
		expect(P(s(0)).topUpFen).toBe(200000);
		// + 6 min a unit: ×0.5 makes 5 units → 3.5 h: top-up (35 − 28) × 20 × 50 = 7,000;
		// ×1: 10 units → 4 h, 40 < 56, none
		expect(P(s(6)).topUpFen).toBe(700000);
		expect(P(s(6)).reference.workingHours).toBe(4);
	});

	it('[P67] late deductions take their share of late units’ fees; abolishing them restores pay', () => {
		const s = pieceFixture((x) => {
			(x.pieceRate as Record<string, unknown>).platform = {
				lateDeduction: { shareOfUnitsLate: 0.1, deductionShareOfFee: 0.5 }
			};
			x.terms.push({
				id: 'lateCut',
				title: '超时扣款比例',
				kind: 'number',
				unit: '比例',
				current: 0.5,
				drives: 'pieceRate.platform.lateDeduction.deductionShareOfFee'
			});
		});
		// 10 % late × 50 % of the fee = 5 %: bill 84,000 × 0.95 = 79,800; deducted 4,200
		expect(P(s).wageBillFen).toBe(7980000);
		expect(P(s).lateDeductionsFen).toBe(420000);
		expect(cost(s, { lateCut: 0 }).monthly.deltaWageBillFen).toBe(420000);
	});

	it('[P68] rules without a cost are typed terms that price at zero and show as changes', () => {
		const s = pieceFixture((x) => {
			(x.pieceRate as Record<string, unknown>).platform = {
				rules: { orderDistribution: 'nearest', appealWindowHours: 24 }
			};
			x.terms.push(
				{
					id: 'dispatch',
					title: '派单规则',
					kind: 'choice',
					options: [
						{ value: 'nearest', label: '就近派单' },
						{ value: 'rotation', label: '轮流派单' }
					],
					current: 'nearest',
					drives: 'pieceRate.platform.rules.orderDistribution'
				},
				{
					id: 'appeal',
					title: '申诉期限',
					kind: 'number',
					unit: '小时',
					min: 24,
					max: 168,
					current: 24,
					drives: 'pieceRate.platform.rules.appealWindowHours'
				}
			);
		});
		const r = cost(s, { dispatch: 'rotation', appeal: 72 });
		expect(r.changes.map((c) => c.termId)).toEqual(['dispatch', 'appeal']);
		expect(r.monthly.deltaEmployerCostFen).toBe(0);
		// out of its bounds: priced (at no cost) and flagged
		expect(cost(s, { appeal: 200 }).findings.some((f) => f.termId === 'appeal')).toBe(true);
	});

	it('[P69] [P70] lump sums add to the year; a later effective date leaves the months before at current pay', () => {
		const s = pieceFixture((x) => {
			(x.pieceRate as Record<string, unknown>).lumpSums = [
				{ id: 'bonus', name: '一次性补贴', yuanPerWorker: 0 }
			];
			x.terms.push({
				id: 'lump',
				title: '一次性补贴',
				kind: 'number',
				unit: '元/人',
				current: 0,
				drives: 'pieceRate.lumpSums.bonus.yuanPerWorker'
			});
		});
		// 100 workers × 500 = 50,000 in the year
		expect(cost(s, { lump: 500 }).annual.wageBillDeltaFen).toBe(5000000);
		const late = pieceFixture((x) => {
			x.contract.effectiveMonth = 7;
		});
		// uplift 1: +15,000 a month, paid for months 7–12 only: 6 × 15,000 = 90,000
		expect(cost(late, { uplift: 1 }).annual.costDeltaFen).toBe(9000000);
		expect(cost(pieceFixture(), { uplift: 1 }).annual.costDeltaFen).toBe(18000000);
	});

	it('[P71] context figures a union cites are case data with their sources', () => {
		const s = pieceFixture((x) => {
			x.context = [
				{
					id: 'avgIncome',
					name: '外卖骑手月均收入',
					value: 6803,
					unit: '元/月',
					year: 2023,
					source: 'P47'
				}
			];
		});
		expect(s.context?.[0]?.value).toBe(6803);
	});
});

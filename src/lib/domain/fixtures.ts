/**
 * Small hand-checkable scenarios for the engine's tests. Numbers are chosen so every expected
 * figure can be worked out on paper; the tests show that arithmetic in comments.
 */
import type { Jurisdiction } from './jurisdiction.ts';
import { scenarioSchema, type ResolvedScenario, type ScenarioInput } from './scenario.ts';

export const testRules: Jurisdiction = {
	version: 1,
	kind: 'jurisdiction',
	id: 'test',
	name: '测试法域',
	minimumWage: {
		monthlyYuan: 2000,
		hourlyYuan: 8,
		countedComponents: ['base', 'post', 'skill', 'seniority'],
		includesEmployeeSocialInsurance: true,
		employeeSocialInsuranceRate: 0.1
	},
	hours: {
		standardHoursPerDay: 8,
		standardHoursPerWeek: 40,
		monthlyPayDays: 21.75,
		monthlyPayHours: 174
	},
	overtime: {
		maxHoursPerMonth: 36,
		maxHoursPerDay: 3,
		normalMaxHoursPerDay: 1,
		minPremium: { workday: 1.5, restDay: 2, holiday: 3 }
	},
	heatAllowance: { monthlyYuan: 300, months: [6, 7, 8, 9] },
	onCost: { rate: 0.3 },
	wageGuideline: { baseline: 0.05, upper: 0.08, lower: 0.02 },
	quotaRule: { applies: true, minShare: 0.9 },
	womenWorkers: {
		maternityLeaveDays: 98,
		localExtraMaternityLeaveDays: 0,
		minNursingHoursPerDay: 1,
		maxLoadKg: 20
	},
	procedure: {
		replyDeadline: { value: 20, unit: 'days' },
		minRepresentativesPerSide: 3,
		contractTermYears: { min: 1, max: 3 }
	}
};

const num = (id: string, drives: string, current: number, extra: Record<string, number> = {}) => ({
	id,
	title: id,
	kind: 'number' as const,
	unit: 'x',
	current,
	drives,
	...extra
});

const confidential = {
	labour: {
		brief: '劳方',
		points: {
			seniorityPerYear: {
				bands: [
					{ max: 30, points: 0 },
					{ min: 30, points: 10 }
				]
			},
			heat: { options: { true: 5, false: 0 } }
		}
	},
	management: { brief: '资方' }
};

/** One group of 10: base 2000, post 300, skill mid 200, tenure mean 4 (min 1), 25 yuan/yr, bonus 500, 10 h workday overtime. */
export function enterpriseFixture(
	patch: (s: ScenarioInput) => void = () => {},
	rules: Partial<Jurisdiction> = {}
): ResolvedScenario {
	const s: ScenarioInput = {
		version: 1,
		id: 'fixture-enterprise',
		title: '测试企业',
		background: '测试',
		instrument: '工资专项集体合同',
		jurisdiction: 'test',
		parties: { labour: { name: '工会' }, management: { name: '企业' } },
		contract: { termYears: 1 },
		finance: { revenueYuan: 1_000_000, netProfitYuan: 100_000 },
		enterprise: {
			seniority: { yuanPerYear: 25, capYears: 10 },
			skillWage: { none: 0, mid: 200 },
			overtimePremium: { workday: 1.5, restDay: 2, holiday: 3 },
			overtimeBase: ['base', 'post', 'skill', 'seniority'],
			generalIncrease: { rate: 0, appliesTo: ['base', 'post'] },
			paysHeatAllowance: false,
			thirteenthMonth: 0,
			groups: [
				{
					id: 'G',
					name: '测试组',
					headcount: 10,
					base: 2000,
					post: 300,
					skillLevel: 'mid',
					tenure: { meanYears: 4, minYears: 1 },
					bonus: 500,
					overtime: { workday: 10 }
				}
			]
		},
		terms: [
			num('seniorityPerYear', 'enterprise.seniority.yuanPerYear', 25, { min: 0, max: 100 }),
			num('capYears', 'enterprise.seniority.capYears', 10),
			{
				id: 'skillLadder',
				title: '技能',
				kind: 'table',
				unit: '元',
				current: { none: 0, mid: 200 },
				drives: 'enterprise.skillWage'
			},
			num('increase', 'enterprise.generalIncrease.rate', 0),
			num('workdayPremium', 'enterprise.overtimePremium.workday', 1.5),
			{
				id: 'heat',
				title: '高温',
				kind: 'boolean',
				current: false,
				drives: 'enterprise.paysHeatAllowance'
			},
			num('thirteenth', 'enterprise.thirteenthMonth', 0),
			num('termYears', 'contract.termYears', 1),
			{ id: 'note', title: '条款', kind: 'clause', current: '原文' }
		],
		confidential
	};
	patch(s);
	return { ...scenarioSchema.parse(s), rules: { ...testRules, ...rules } };
}

type PieceInput = NonNullable<ScenarioInput['pieceRate']>;
/** A scenario in the legacy one-population piece-rate form (P40), with its fields required. */
export type LegacyPieceInput = Omit<ScenarioInput, 'pieceRate'> & {
	pieceRate?: PieceInput & {
		workforce: NonNullable<PieceInput['workforce']>;
		population: NonNullable<PieceInput['population']>;
	};
};

/**
 * 100 workers, two bands (a: 3 units/h, b: 1 unit/h), two cells (x 4.00, y 6.00, half each),
 * 1.00 surcharge in band a, pattern 2 h in a + 4 h in b, productivity 1.0 or 0.5 (half each),
 * 20 days a month, every online hour is working time.
 */
export function pieceFixture(
	patch: (s: LegacyPieceInput) => void = () => {},
	rules: Partial<Jurisdiction> = {}
): ResolvedScenario {
	const s: LegacyPieceInput = {
		version: 1,
		id: 'fixture-piece',
		title: '测试计件',
		background: '测试',
		instrument: '协议',
		jurisdiction: 'test',
		parties: { labour: { name: '行业工会' }, management: { name: '协会' } },
		contract: { termYears: 1 },
		pieceRate: {
			unitName: '单',
			workforce: { headcount: 100, employeeShare: 0 },
			bands: [
				{ id: 'a', name: 'A', unitsPerHour: 3 },
				{ id: 'b', name: 'B', unitsPerHour: 1 }
			],
			rateTable: {
				dimension: '距离',
				cells: [
					{ id: 'x', name: 'X', share: 0.5 },
					{ id: 'y', name: 'Y', share: 0.5 }
				],
				yuan: { x: 4, y: 6 }
			},
			surcharges: [{ id: 's1', name: '高峰', yuan: 1, bands: ['a'] }],
			takeRate: 0,
			perUnitCosts: [],
			workingTime: { basis: 'online_time', orderTimeShare: 0.5 },
			population: {
				patterns: [{ id: 'p1', name: 'P1', share: 1, hours: { a: 2, b: 4 } }],
				productivity: [
					{ multiplier: 1, share: 0.5 },
					{ multiplier: 0.5, share: 0.5 }
				],
				daysPerMonth: [{ days: 20, share: 1 }],
				reference: { pattern: 'p1', multiplier: 1, days: 20 }
			}
		},
		terms: [
			num('floor', 'pieceRate.floorYuan', 0),
			num('uplift', 'pieceRate.upliftYuan', 0),
			{
				id: 'basis',
				title: '口径',
				kind: 'choice',
				options: [
					{ value: 'online_time', label: '在线' },
					{ value: 'order_plus_allowance', label: '接单+宽放' }
				],
				current: 'online_time',
				drives: 'pieceRate.workingTime.basis'
			},
			num('guarantee', 'pieceRate.guarantee.hourlyYuan', 0),
			num('takeRate', 'pieceRate.takeRate', 0)
		],
		confidential: { labour: { brief: '劳方' }, management: { brief: '资方' } }
	};
	patch(s);
	return { ...scenarioSchema.parse(s), rules: { ...testRules, ...rules } };
}

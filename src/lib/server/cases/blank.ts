/**
 * The document "new from blank" starts with: the smallest case that validates (K7), so the
 * editor opens on something the engine can already price: one group of workers at the legal
 * minimum, one term (a general increase), both sides' briefs to be written. Every figure is a
 * placeholder the author replaces.
 */
export function blankCaseDocument(): Record<string, unknown> {
	return {
		version: 1,
		id: 'new-case',
		title: '新案例',
		instrument: '工资专项集体合同',
		jurisdiction: 'zhejiang-tier1',
		background: '（请填写案例背景：企业或行业概况、职工人数、现行工资制度和双方的主要诉求。）',
		parties: {
			labour: { name: '某公司工会委员会' },
			management: { name: '某公司' }
		},
		contract: { termYears: 1 },
		enterprise: {
			seniority: { yuanPerYear: 0, capYears: 0 },
			skillWage: { none: 0 },
			overtimePremium: { workday: 1.5, restDay: 2, holiday: 3 },
			overtimeBase: ['base', 'post'],
			generalIncrease: { rate: 0, appliesTo: ['base', 'post'] },
			paysHeatAllowance: false,
			thirteenthMonth: 0,
			groups: [
				{
					id: 'g1',
					name: '一线职工',
					headcount: 100,
					base: 2490,
					post: 0,
					skillLevel: 'none',
					tenure: { meanYears: 3, minYears: 0 },
					bonus: 0,
					overtime: { workday: 0, maxPerDay: 0 },
					heatExposed: false
				}
			]
		},
		terms: [
			{
				id: 'generalIncrease',
				title: '普调增资幅度',
				topic: '劳动报酬',
				kind: 'number',
				unit: '比例',
				min: 0,
				max: 0.2,
				step: 0.005,
				current: 0,
				drives: 'enterprise.generalIncrease.rate'
			}
		],
		confidential: {
			labour: { brief: '（职工方保密信息：目标、底线和理由。）' },
			management: { brief: '（企业方保密信息：目标、底线和理由。）' }
		}
	};
}

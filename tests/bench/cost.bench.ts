/**
 * `npm run bench -- cost`: median time of a full cost report (current vs proposed terms, with
 * findings) for each shipped scenario, a generated enterprise of 1,000 groups with 20 terms, and
 * a piece-rate population of 100,000 workers. Goal (issue 11): shipped ≤ 1 ms, 1,000 groups and
 * 100,000 piece-rate workers ≤ 1 ms, so the browser can recompute on every keystroke. The
 * current terms' side is computed once per scenario object (cost.ts), as in the browser, where
 * every keystroke is priced against the same current terms. Wall-clock medians on a shared
 * machine vary several-fold with load. Prints one JSON line.
 */
import { allScenarioFiles, loadFile } from '../../server/scenario-files.ts';
import { cost, type ResolvedScenario, type TermValues } from '../../src/lib/domain/index.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/lib/domain/scenario.ts';

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(s: ResolvedScenario, terms: TermValues, runs: number): number {
	for (let i = 0; i < Math.min(20, runs); i++) cost(s, terms);
	const t: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		cost(s, terms);
		t.push(performance.now() - t0);
	}
	return Math.round(median(t) * 1000) / 1000;
}

/** Deterministic pseudo-random numbers so every run measures the same scenario. */
function rng(seed: number) {
	let x = seed >>> 0;
	return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function enterprise(
	groups: number,
	terms: number,
	rules: ResolvedScenario['rules']
): { s: ResolvedScenario; t: TermValues } {
	const r = rng(7);
	const levels = { none: 0, l1: 100, l2: 200, l3: 400, l4: 800 };
	const gs = Array.from({ length: groups }, (_, i) => ({
		id: `g${i}`,
		name: `岗位 ${i}`,
		headcount: 5 + Math.floor(r() * 200),
		base: 2490,
		post: 100 * Math.floor(r() * 30),
		skillLevel: Object.keys(levels)[Math.floor(r() * 5)] as string,
		tenure:
			i % 2
				? { meanYears: Math.round(r() * 150) / 10, minYears: 0 }
				: {
						distribution: [
							{ years: 1, share: 0.3 },
							{ years: 6, share: 0.4 },
							{ years: 14, share: 0.3 }
						]
					},
		bonus: 100 * Math.floor(r() * 30),
		overtime: { workday: Math.floor(r() * 30), restDay: Math.floor(r() * 8), maxPerDay: 2 },
		heatExposed: r() < 0.5,
		...(i % 10 === 0
			? {
					quota: {
						unitsPerDay: 400,
						outputPerHour: [
							{ value: 45, share: 0.2 },
							{ value: 50, share: 0.5 },
							{ value: 60, share: 0.3 }
						]
					}
				}
			: {})
	}));
	const termList: ScenarioInput['terms'] = [
		{
			id: 'seniority',
			title: '工龄',
			kind: 'number',
			unit: '元',
			current: 30,
			drives: 'enterprise.seniority.yuanPerYear'
		},
		{
			id: 'cap',
			title: '封顶',
			kind: 'number',
			unit: '年',
			current: 10,
			drives: 'enterprise.seniority.capYears'
		},
		{
			id: 'ladder',
			title: '技能',
			kind: 'table',
			unit: '元',
			current: levels,
			drives: 'enterprise.skillWage'
		},
		{
			id: 'increase',
			title: '普调',
			kind: 'number',
			unit: '比例',
			current: 0,
			drives: 'enterprise.generalIncrease.rate'
		},
		{
			id: 'heat',
			title: '高温',
			kind: 'boolean',
			current: false,
			drives: 'enterprise.paysHeatAllowance'
		},
		{
			id: 'years',
			title: '期限',
			kind: 'number',
			unit: '年',
			current: 1,
			drives: 'contract.termYears'
		}
	];
	for (let k = termList.length; k < terms; k++) {
		const g = gs[(k * 37) % groups]!;
		termList.push({
			id: `post${k}`,
			title: `岗位工资 ${k}`,
			kind: 'number',
			unit: '元',
			current: g.post,
			drives: `enterprise.groups.${g.id}.post`
		});
	}
	const input: ScenarioInput = {
		version: 1,
		id: 'bench-enterprise',
		title: '基准',
		background: '生成',
		instrument: '工资专项集体合同',
		jurisdiction: rules.id,
		parties: { labour: { name: '工会' }, management: { name: '企业' } },
		contract: { termYears: 1 },
		finance: { revenueYuan: 5e9, netProfitYuan: 2e8 },
		enterprise: {
			seniority: { yuanPerYear: 30, capYears: 10 },
			skillWage: levels,
			overtimePremium: { workday: 1.5, restDay: 2, holiday: 3 },
			overtimeBase: ['base', 'post', 'skill', 'seniority'],
			generalIncrease: { rate: 0, appliesTo: ['base', 'post'] },
			groups: gs
		},
		terms: termList,
		confidential: { labour: { brief: '劳' }, management: { brief: '资' } }
	};
	const s = { ...scenarioSchema.parse(input), rules };
	const t: TermValues = {
		seniority: 50,
		cap: 15,
		ladder: { l1: 150, l2: 300, l3: 600, l4: 1200 },
		increase: 0.05,
		heat: true,
		years: 3
	};
	for (let k = 6; k < terms; k++) t[`post${k}`] = (termList[k]!.current as number) + 100;
	return { s, t };
}

export function population(base: ResolvedScenario): ResolvedScenario {
	const p = base.pieceRate!;
	const r = rng(11);
	const patterns = Array.from({ length: 20 }, (_, i) => ({
		id: `p${i}`,
		name: `模式 ${i}`,
		share: 1 / 20,
		hours: {
			peak: 1 + Math.floor(r() * 4),
			shoulder: Math.floor(r() * 5),
			off_peak: Math.floor(r() * 4),
			night: i % 4 === 0 ? 2 : 0
		}
	}));
	const productivity = Array.from({ length: 10 }, (_, i) => ({
		multiplier: 0.6 + i * 0.08,
		share: 0.1
	}));
	const daysPerMonth = Array.from({ length: 10 }, (_, i) => ({ days: 3 + i * 3, share: 0.1 }));
	return {
		...base,
		pieceRate: {
			...p,
			workforce: { ...p.workforce!, headcount: 100_000, employeeShare: 0.3 },
			population: {
				patterns,
				productivity,
				daysPerMonth,
				reference: { pattern: 'p0', multiplier: 1, days: 26 }
			}
		}
	};
}

export async function run(_args: string[]): Promise<void> {
	const result: Record<string, number | string> = { unit: 'ms (median)' };
	const shipped: Record<string, ResolvedScenario> = {};
	for (const f of allScenarioFiles()) {
		const r = loadFile(f);
		if (r.ok && r.kind === 'scenario')
			shipped[(r.value as ResolvedScenario).id] = r.value as ResolvedScenario;
	}
	const demo: Record<string, TermValues> = {
		's1-qiantang-parts': {
			seniorityPerYear: 50,
			seniorityCapYears: 15,
			skillLadder: { junior: 100, mid: 300, senior: 600, technician: 1000, seniorTechnician: 1500 },
			generalIncrease: 0.07,
			contractTerm: 3
		},
		's2-qianhu-food-delivery': {
			upliftPerOrder: 0.8,
			peakSurcharge: 1.5,
			allowanceShare: 0.2,
			hourlyGuarantee: 24
		},
		's3-dongzhou-express': { floorPerParcel: 1, upliftPerParcel: 0.1, industryMinimumWage: 3500 }
	};
	for (const [id, s] of Object.entries(shipped)) {
		console.error(`bench cost: ${id}`);
		result[id] = time(s, demo[id] ?? {}, 2000);
	}
	const rules = Object.values(shipped)[0]!.rules;
	console.error('bench cost: enterprise 1000 groups × 20 terms');
	const e = enterprise(1000, 20, rules);
	result['enterprise-1000-groups-20-terms'] = time(e.s, e.t, 200);
	const s2 = shipped['s2-qianhu-food-delivery'];
	if (s2) {
		console.error('bench cost: piece-rate 100,000 workers (2,000 population cells)');
		result['piece-rate-100000-workers'] = time(
			population(s2),
			demo['s2-qianhu-food-delivery']!,
			200
		);
	}
	console.log(JSON.stringify({ bench: 'cost', ...result }));
}

/**
 * The cost engine (成本测算). Negotiators need to see, while they type, what a set of terms costs
 * the employer and what it gives each group of workers, and whether it breaks a rule; the same
 * function runs in the browser on every keystroke, on the server when an offer is tabled, and in
 * `xs cost`. It never throws on partial or invalid terms: it prices what it can and returns
 * findings for the rest.
 *
 * @example
 *   const report = cost(scenario, { seniorityPerYear: 50 });
 *   report.annual.costDeltaFen; // employer cost incl. on-costs, per year, fen
 */
import {
	groupFindings,
	onCostFen,
	premiumFindings,
	workerPay,
	type PayBreakdown,
	type Rules
} from './enterprise.ts';
import type { Finding } from './findings.ts';
import { roundFen } from './money.ts';
import { pieceRateState, type PieceRateState } from './piece-rate.ts';
import type { ResolvedScenario } from './scenario.ts';
import { applyTerms, type TermChange } from './terms.ts';

export interface PayTotals {
	/** Monthly pay per worker, mean (fen). */
	meanPayFen: number;
	/** Monthly pay of the lowest-paid worker (fen). */
	lowestPayFen: number;
	/** Monthly wage bill (fen). */
	wageBillFen: number;
	/** Monthly employer cost incl. on-costs (and for piece rates per-unit costs and the intermediary's take) (fen). */
	employerCostFen: number;
}

export interface GroupReport {
	id: string;
	name: string;
	kind: 'enterprise' | 'piece-rate';
	headcount: number;
	current: PayTotals;
	proposed: PayTotals;
	/** Per-worker mean pay by component (enterprise groups only). */
	currentBreakdown?: PayBreakdown;
	proposedBreakdown?: PayBreakdown;
	deltaMeanPayFen: number;
	/** Change of mean pay, as a fraction (0.05 = 5 %). */
	deltaPct: number;
	deltaWageBillFen: number;
	deltaEmployerCostFen: number;
}

export interface ProjectionYear {
	year: number;
	/** Annual wage bill under current terms with one more year of seniority each year (fen). */
	currentWageBillFen: number;
	proposedWageBillFen: number;
	currentEmployerCostFen: number;
	proposedEmployerCostFen: number;
	employerCostDeltaFen: number;
}

export interface PieceRateReport {
	unitName: string;
	current: PieceRateState;
	proposed: PieceRateState;
	/** Payer's monthly cost delta (fen). */
	employerMonthlyCostDeltaFen: number;
}

export interface CostReport {
	scenarioId: string;
	termYears: number;
	headcount: number;
	groups: GroupReport[];
	monthly: {
		current: PayTotals;
		proposed: PayTotals;
		deltaWageBillFen: number;
		deltaEmployerCostFen: number;
		/** Wage-bill change as a fraction. */
		deltaPct: number;
	};
	annual: {
		currentEmployerCostFen: number;
		proposedEmployerCostFen: number;
		/** Year-one employer cost delta incl. on-costs (× 12 months). */
		costDeltaFen: number;
		wageBillDeltaFen: number;
	};
	/** Average raise against the wage guideline (C16). */
	averageRaise: {
		pct: number;
		baseline: number;
		upper: number;
		lower: number;
		position: 'below-lower' | 'lower-to-baseline' | 'baseline-to-upper' | 'above-upper';
	};
	/** Labour cost against revenue and profit, where the scenario gives them (C17). */
	finance?: {
		revenueFen?: number;
		netProfitFen?: number;
		currentLabourCostShareOfRevenue?: number;
		proposedLabourCostShareOfRevenue?: number;
		costDeltaShareOfProfit?: number;
	};
	projection: ProjectionYear[];
	pieceRate?: PieceRateReport;
	changes: TermChange[];
	findings: Finding[];
}

interface EnterpriseState {
	groups: { id: string; name: string; headcount: number; mean: PayBreakdown; lowest: PayBreakdown; totals: PayTotals }[];
	findings: Finding[];
}

function enterpriseState(s: ResolvedScenario, extraYears: number, increaseYears: number, withFindings: boolean): EnterpriseState | undefined {
	const ent = s.enterprise;
	if (!ent) return undefined;
	const rules: Rules = s.rules;
	const findings: Finding[] = withFindings ? premiumFindings(ent, rules) : [];
	const groups = ent.groups.map((g) => {
		const opt = { extraYears, increaseYears };
		const mean = workerPay(ent, g, rules, 'mean', opt);
		// Projection years need only the mean; the lowest-paid worker matters for findings and year 1.
		const lowest = withFindings ? workerPay(ent, g, rules, 'lowest', opt) : mean;
		const wageBillFen = mean.totalFen * g.headcount;
		const employerCostFen = wageBillFen + onCostFen(mean.totalFen, rules) * g.headcount;
		if (withFindings) {
			if (!(g.skillLevel in ent.skillWage)) {
				findings.push({
					code: 'skill-level-missing',
					severity: 'input',
					rule: 'scenario term definition',
					message: `${g.name}：技能等级 "${g.skillLevel}" 不在技能工资表中，按 0 元计`,
					groupId: g.id,
					figures: {}
				});
			}
			findings.push(...groupFindings(ent, g, rules, lowest));
		}
		return {
			id: g.id,
			name: g.name,
			headcount: g.headcount,
			mean,
			lowest,
			totals: { meanPayFen: mean.totalFen, lowestPayFen: lowest.totalFen, wageBillFen, employerCostFen }
		};
	});
	return { groups, findings };
}

function pieceTotals(p: PieceRateState): PayTotals {
	return { meanPayFen: p.meanMonthlyFen, lowestPayFen: p.monthlyFen.min, wageBillFen: p.wageBillFen, employerCostFen: p.employerCostFen };
}

function sum(xs: PayTotals[], k: keyof PayTotals): number {
	let t = 0;
	for (const x of xs) t += x[k];
	return t;
}
function minOf(xs: PayTotals[]): number {
	let m = Infinity;
	for (const x of xs) if (x.lowestPayFen < m) m = x.lowestPayFen;
	return xs.length ? m : 0;
}
const frac = (delta: number, base: number) => (base !== 0 ? delta / base : 0);

/** Same rule, same group: the numbers may differ between current and proposed. */
const findingKey = (f: Finding) => `${f.code}|${f.groupId ?? ''}|${f.termId ?? ''}`;

/**
 * Prices `terms` (only the terms that differ from current need be given) against the current
 * terms of `scenario`. Rules C1–C20 and P1–P9 in SPEC.md.
 */
export function cost(scenario: ResolvedScenario, terms?: Readonly<Record<string, unknown>>): CostReport {
	const applied = applyTerms(scenario, terms);
	const prop = applied.scenario;
	const rules = prop.rules;
	const findings: Finding[] = [...applied.findings];

	// C8: current pay is today's pay; proposed year 1 applies the general increase once.
	const entCur = enterpriseState(scenario, 0, 0, true);
	const entProp = enterpriseState(prop, 0, 1, true);
	const groups: GroupReport[] = [];
	if (entCur && entProp) {
		entProp.groups.forEach((gp, i) => {
			const gc = entCur.groups[i];
			if (!gc) return;
			groups.push({
				id: gp.id,
				name: gp.name,
				kind: 'enterprise',
				headcount: gp.headcount,
				current: gc.totals,
				proposed: gp.totals,
				currentBreakdown: gc.mean,
				proposedBreakdown: gp.mean,
				deltaMeanPayFen: gp.totals.meanPayFen - gc.totals.meanPayFen,
				deltaPct: frac(gp.totals.meanPayFen - gc.totals.meanPayFen, gc.totals.meanPayFen),
				deltaWageBillFen: gp.totals.wageBillFen - gc.totals.wageBillFen,
				deltaEmployerCostFen: gp.totals.employerCostFen - gc.totals.employerCostFen
			});
		});
	}

	let pieceRate: PieceRateReport | undefined;
	const prCur = scenario.pieceRate ? pieceRateState(scenario.pieceRate, scenario.rules) : undefined;
	const prProp = prop.pieceRate ? pieceRateState(prop.pieceRate, rules) : undefined;
	if (prCur && prProp && prop.pieceRate) {
		pieceRate = {
			unitName: prop.pieceRate.unitName,
			current: prCur,
			proposed: prProp,
			employerMonthlyCostDeltaFen: prProp.employerCostFen - prCur.employerCostFen
		};
		const c = pieceTotals(prCur);
		const p = pieceTotals(prProp);
		groups.push({
			id: 'piece-rate',
			name: `计件劳动者（${prop.pieceRate.unitName}）`,
			kind: 'piece-rate',
			headcount: prProp.headcount,
			current: c,
			proposed: p,
			deltaMeanPayFen: p.meanPayFen - c.meanPayFen,
			deltaPct: frac(p.meanPayFen - c.meanPayFen, c.meanPayFen),
			deltaWageBillFen: p.wageBillFen - c.wageBillFen,
			deltaEmployerCostFen: p.employerCostFen - c.employerCostFen
		});
	}

	const headcount = groups.reduce((a, g) => a + g.headcount, 0);
	const cur = groups.map((g) => g.current);
	const pro = groups.map((g) => g.proposed);
	const monthlyCurrent: PayTotals = {
		meanPayFen: headcount ? roundFen(sum(cur, 'wageBillFen') / headcount) : 0,
		lowestPayFen: minOf(cur),
		wageBillFen: sum(cur, 'wageBillFen'),
		employerCostFen: sum(cur, 'employerCostFen')
	};
	const monthlyProposed: PayTotals = {
		meanPayFen: headcount ? roundFen(sum(pro, 'wageBillFen') / headcount) : 0,
		lowestPayFen: minOf(pro),
		wageBillFen: sum(pro, 'wageBillFen'),
		employerCostFen: sum(pro, 'employerCostFen')
	};
	const deltaWageBillFen = monthlyProposed.wageBillFen - monthlyCurrent.wageBillFen;
	const deltaEmployerCostFen = monthlyProposed.employerCostFen - monthlyCurrent.employerCostFen;

	// C16: average raise = change of the wage bill per head, against the guideline band.
	const raise = frac(deltaWageBillFen, monthlyCurrent.wageBillFen);
	const g = rules.wageGuideline;
	const position = raise > g.upper + 1e-12 ? 'above-upper' : raise >= g.baseline ? 'baseline-to-upper' : raise >= g.lower ? 'lower-to-baseline' : 'below-lower';
	if (applied.changes.length > 0 && position === 'above-upper') {
		findings.push({
			code: 'guideline-upper',
			severity: 'info',
			rule: '工资指导线 wage guideline upper line [P28]',
			message: `平均增资 ${pct(raise)} 高于工资指导线上线 ${pct(g.upper)}`,
			figures: { raise, upper: g.upper, baseline: g.baseline }
		});
	}
	if (applied.changes.length > 0 && position === 'below-lower' && raise > 0) {
		findings.push({
			code: 'guideline-lower',
			severity: 'info',
			rule: '工资指导线 wage guideline lower line [P28]',
			message: `平均增资 ${pct(raise)} 低于工资指导线下线 ${pct(g.lower)}`,
			figures: { raise, lower: g.lower }
		});
	}

	// C18: contract term 1–3 years (集体合同规定 art 38).
	const termYears = prop.contract.termYears;
	const { min: tMin, max: tMax } = rules.procedure.contractTermYears;
	if (termYears < tMin || termYears > tMax) {
		findings.push({
			code: 'contract-term',
			severity: 'violation',
			rule: '集体合同规定 art 38 [P2]',
			message: `合同期限 ${termYears} 年，应为 ${tMin}–${tMax} 年`,
			figures: { termYears, min: tMin, max: tMax }
		});
	}

	// C19: projection over the contract term, one more year of seniority each year.
	const years = Math.min(tMax, Math.max(tMin, Math.round(termYears) || 1));
	const projection: ProjectionYear[] = [];
	for (let y = 1; y <= years; y++) {
		const c = y === 1 ? entCur : enterpriseState(scenario, y - 1, 0, false);
		const p = y === 1 ? entProp : enterpriseState(prop, y - 1, y, false);
		let cw = prCur?.wageBillFen ?? 0;
		let cc = prCur?.employerCostFen ?? 0;
		let pw = prProp?.wageBillFen ?? 0;
		let pc = prProp?.employerCostFen ?? 0;
		for (const x of c?.groups ?? []) {
			cw += x.totals.wageBillFen;
			cc += x.totals.employerCostFen;
		}
		for (const x of p?.groups ?? []) {
			pw += x.totals.wageBillFen;
			pc += x.totals.employerCostFen;
		}
		projection.push({
			year: y,
			currentWageBillFen: cw * 12,
			proposedWageBillFen: pw * 12,
			currentEmployerCostFen: cc * 12,
			proposedEmployerCostFen: pc * 12,
			employerCostDeltaFen: (pc - cc) * 12
		});
	}

	// C17: labour cost against revenue and profit.
	let finance: CostReport['finance'];
	if (prop.finance && (prop.finance.revenueYuan !== undefined || prop.finance.netProfitYuan !== undefined)) {
		const revenueFen = prop.finance.revenueYuan !== undefined ? Math.round(prop.finance.revenueYuan * 100) : undefined;
		const netProfitFen = prop.finance.netProfitYuan !== undefined ? Math.round(prop.finance.netProfitYuan * 100) : undefined;
		finance = {
			...(revenueFen !== undefined ? { revenueFen } : {}),
			...(netProfitFen !== undefined ? { netProfitFen } : {}),
			...(revenueFen
				? {
						currentLabourCostShareOfRevenue: (monthlyCurrent.employerCostFen * 12) / revenueFen,
						proposedLabourCostShareOfRevenue: (monthlyProposed.employerCostFen * 12) / revenueFen
					}
				: {}),
			...(netProfitFen ? { costDeltaShareOfProfit: (deltaEmployerCostFen * 12) / netProfitFen } : {})
		};
	}

	// C20: legal findings are reported for the proposed terms, flagged when they already hold today.
	const curLegal = [...(entCur?.findings ?? []), ...(prCur?.findings ?? [])];
	const propLegal = [...(entProp?.findings ?? []), ...(prProp?.findings ?? [])];
	const curKeys = new Set<string>();
	for (const f of curLegal) curKeys.add(findingKey(f));
	for (const f of propLegal) {
		f.alsoCurrent = curKeys.has(findingKey(f));
		findings.push(f);
	}

	return {
		scenarioId: scenario.id,
		termYears,
		headcount,
		groups,
		monthly: {
			current: monthlyCurrent,
			proposed: monthlyProposed,
			deltaWageBillFen,
			deltaEmployerCostFen,
			deltaPct: raise
		},
		annual: {
			currentEmployerCostFen: monthlyCurrent.employerCostFen * 12,
			proposedEmployerCostFen: monthlyProposed.employerCostFen * 12,
			costDeltaFen: deltaEmployerCostFen * 12,
			wageBillDeltaFen: deltaWageBillFen * 12
		},
		averageRaise: { pct: raise, baseline: g.baseline, upper: g.upper, lower: g.lower, position },
		...(finance ? { finance } : {}),
		projection,
		...(pieceRate ? { pieceRate } : {}),
		changes: applied.changes,
		findings: findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
	};
}

const SEVERITY_ORDER = { input: 0, violation: 1, warning: 2, info: 3 } as const;
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

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
import { CITATIONS } from './citations.ts';
import { groupFindings, premiumFindings } from './enterprise.ts';
import { finding, type Finding } from './findings.ts';
import { roundFen as moneyRoundFen } from './money.ts';
import {
	enterprisePayroll,
	enterprisePayrollAndLater,
	type GroupPayroll,
	type PayBreakdown,
	type Rules,
	type YearOptions
} from './payroll.ts';
import { pieceRateState, type EmployerPieceState, type PieceRateState } from './piece-rate.ts';
import type { Group, ResolvedScenario } from './scenario.ts';
import { applyTerms, type TermChange } from './terms.ts';
import { womenProtectionCost, womenProtectionFindings, type WomenProtectionCost } from './women.ts';

/**
 * An average month (C15): the year's payslips ÷ 12, so the 13th month and the heat allowance
 * show as paid over the year. Bills here are rounded for display; the exact sums of payslips are
 * the annual figures.
 */
export interface PayTotals {
	/** Monthly pay per worker, mean: bill ÷ headcount, rounded for display (fen). */
	meanPayFen: number;
	/** The lowest-paid worker's payslip in an ordinary month (fen). */
	lowestPayFen: number;
	/** Of that payslip, the part counting toward the minimum wage (C10) (fen). */
	lowestCountedFen: number;
	/** Monthly wage bill: annual bill ÷ 12 (fen). */
	wageBillFen: number;
	/** Monthly employer cost incl. on-costs (and for piece rates per-unit costs and the intermediary's take) (fen). */
	employerCostFen: number;
	/** The year's wage bill: the sum of every payslip (fen). */
	annualWageBillFen: number;
	/** The year's employer cost (fen). */
	annualEmployerCostFen: number;
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

/** One employer's share of a piece-rate population (P60), current and proposed. */
export interface EmployerReport {
	id: string;
	name: string;
	current: EmployerPieceState;
	proposed: EmployerPieceState;
}

export interface PieceRateReport {
	unitName: string;
	current: PieceRateState;
	proposed: PieceRateState;
	/** Per employer where the case names employers (P60–P63). */
	employers?: EmployerReport[];
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
		/** Year-one employer cost delta incl. on-costs: proposed year − current year (C22). */
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
	/** Women's-protection terms and their yearly cost, where the case carries them (C23). */
	womenProtection?: { current: WomenProtectionCost; proposed: WomenProtectionCost };
	changes: TermChange[];
	findings: Finding[];
}

// A module-local binding: called ~30,000 times per 1,000-group report, and a bundler's (or
// tsx's) cross-module export getter on every call is measurable there.
const roundFen = moneyRoundFen;

const YEAR_ONE = {
	current: { extraYears: 0, increaseYears: 0 },
	proposed: { extraYears: 0, increaseYears: 1 }
} as const;

interface EnterpriseSide {
	payroll: GroupPayroll[];
	/** Each group's average month, in `enterprise.groups` order. */
	totals: PayTotals[];
	women?: WomenProtectionCost;
	findings: Finding[];
	/** The bills of the later contract years asked for, priced in the same pass (C19). */
	later: YearTotals[];
}

/** C1–C15, C23: the enterprise groups' payroll for one contract year, and its findings. */
function enterpriseSide(
	s: ResolvedScenario,
	extraYears: number,
	increaseYears: number,
	withFindings: boolean,
	later: readonly YearOptions[] = []
): EnterpriseSide | undefined {
	const ent = s.enterprise;
	if (!ent) return undefined;
	const rules: Rules = s.rules;
	const findings: Finding[] = withFindings
		? [...premiumFindings(ent, rules), ...womenProtectionFindings(ent, rules)]
		: [];
	const priced = enterprisePayrollAndLater(
		ent,
		rules,
		{ extraYears, increaseYears },
		withFindings,
		later
	);
	const payroll = priced.payroll;
	const totals = new Array<PayTotals>(ent.groups.length);
	for (let i = 0; i < ent.groups.length; i++) {
		const g = ent.groups[i] as Group;
		const pr = payroll[i] as GroupPayroll;
		if (withFindings && pr.lowest) {
			if (!(g.skillLevel in ent.skillWage)) {
				findings.push(
					finding(
						'skill-level-missing',
						'input',
						CITATIONS.termDefinition,
						`${g.name}：技能等级 "${g.skillLevel}" 不在技能工资表中，按 0 元计`,
						{},
						{ groupId: g.id }
					)
				);
			}
			groupFindings(ent, g, rules, pr.lowest, s.wageFloor, findings);
		}
		totals[i] = totalsOf(
			pr.annualBillFen,
			pr.annualBillFen + pr.annualOnCostFen,
			g.headcount,
			pr.lowest?.monthFen ?? 0,
			pr.lowest?.countedFen ?? 0
		);
	}
	const women = womenProtectionCost(ent, payroll, rules);
	return {
		payroll,
		totals,
		...(women ? { women } : {}),
		findings,
		later: priced.later.map((b) => ({
			bill: b.annualBillFen,
			cost: b.annualBillFen + b.annualOnCostFen
		}))
	};
}

/** C15: an average month from a year's exact bills; the mean is for display only. */
function totalsOf(
	annualBill: number,
	annualCost: number,
	headcount: number,
	lowestPay: number,
	lowestCounted: number
): PayTotals {
	return {
		meanPayFen: headcount > 0 ? roundFen(annualBill / 12 / headcount) : 0,
		lowestPayFen: lowestPay,
		lowestCountedFen: lowestCounted,
		wageBillFen: roundFen(annualBill / 12),
		employerCostFen: roundFen(annualCost / 12),
		annualWageBillFen: annualBill,
		annualEmployerCostFen: annualCost
	};
}

/**
 * P7: a piece-rate month is the same all year: annual = 12 monthly bills, plus any lump sums
 * (P69). P70: proposed terms that take effect in month m leave months 1…m − 1 at current pay.
 */
function pieceTotals(p: PieceRateState, before?: PieceRateState, effectiveMonth = 1): PayTotals {
	const old = before && effectiveMonth > 1 ? effectiveMonth - 1 : 0;
	const lump = p.lumpSumsAnnualFen;
	return totalsOf(
		p.wageBillFen * (12 - old) + (before?.wageBillFen ?? 0) * old + lump,
		p.employerCostFen * (12 - old) + (before?.employerCostFen ?? 0) * old + lump,
		p.headcount,
		p.monthlyFen.min,
		p.lowestCountedFen
	);
}

function groupReport(
	id: string,
	name: string,
	kind: GroupReport['kind'],
	headcount: number,
	c: PayTotals,
	p: PayTotals
): GroupReport {
	const dBill = p.annualWageBillFen - c.annualWageBillFen;
	return {
		id,
		name,
		kind,
		headcount,
		current: c,
		proposed: p,
		deltaMeanPayFen: headcount > 0 ? roundFen(dBill / 12 / headcount) : 0,
		deltaPct: frac(dBill, c.annualWageBillFen),
		deltaWageBillFen: roundFen(dBill / 12),
		deltaEmployerCostFen: roundFen((p.annualEmployerCostFen - c.annualEmployerCostFen) / 12)
	};
}

function companyTotals(
	groups: readonly GroupReport[],
	side: 'current' | 'proposed',
	extraAnnualCost: number
): PayTotals {
	let bill = 0;
	let costSum = extraAnnualCost;
	let lowest = Infinity;
	let counted = 0;
	const proposed = side === 'proposed';
	for (const g of groups) {
		const t = proposed ? g.proposed : g.current;
		bill += t.annualWageBillFen;
		costSum += t.annualEmployerCostFen;
		if (t.lowestPayFen < lowest) {
			lowest = t.lowestPayFen;
			counted = t.lowestCountedFen;
		}
	}
	// The company mean is set by the caller, which knows the headcount.
	return totalsOf(bill, costSum, 0, groups.length ? lowest : 0, counted);
}

const frac = (delta: number, base: number) => (base !== 0 ? delta / base : 0);

/**
 * Same rule, same group, same term: the numbers may differ between current and proposed. Kept
 * as nested maps of the finding's own strings, so a lookup builds no key string (a 1,000-group
 * report has a hundred findings to look up on every keystroke).
 */
type FindingKeys = Map<string, Map<string, Set<string>>>;

function addFindingKey(keys: FindingKeys, f: Finding): void {
	let byGroup = keys.get(f.code);
	if (!byGroup) keys.set(f.code, (byGroup = new Map()));
	const g = f.groupId ?? '';
	let terms = byGroup.get(g);
	if (!terms) byGroup.set(g, (terms = new Set()));
	terms.add(f.termId ?? '');
}

const hasFindingKey = (keys: FindingKeys, f: Finding): boolean =>
	keys
		.get(f.code)
		?.get(f.groupId ?? '')
		?.has(f.termId ?? '') ?? false;

/** C16: the average raise against the wage guideline band. */
function guideline(
	raise: number,
	rules: Rules,
	changed: boolean
): { position: CostReport['averageRaise']['position']; findings: Finding[] } {
	const g = rules.wageGuideline;
	const position =
		raise > g.upper + 1e-12
			? 'above-upper'
			: raise >= g.baseline
				? 'baseline-to-upper'
				: raise >= g.lower
					? 'lower-to-baseline'
					: 'below-lower';
	const findings: Finding[] = [];
	if (changed && position === 'above-upper') {
		findings.push(
			finding(
				'guideline-upper',
				'info',
				CITATIONS.wageGuideline,
				`平均增资 ${pct(raise)} 高于工资指导线上线 ${pct(g.upper)}`,
				{ raise, upper: g.upper, baseline: g.baseline }
			)
		);
	}
	if (changed && position === 'below-lower' && raise > 0) {
		findings.push(
			finding(
				'guideline-lower',
				'info',
				CITATIONS.wageGuideline,
				`平均增资 ${pct(raise)} 低于工资指导线下线 ${pct(g.lower)}`,
				{ raise, lower: g.lower }
			)
		);
	}
	return { position, findings };
}

/** C18: contract term 1–3 years (集体合同规定 art 38). */
function contractTermFindings(termYears: number, rules: Rules): Finding[] {
	const { min, max } = rules.procedure.contractTermYears;
	if (termYears >= min && termYears <= max) return [];
	return [
		finding(
			'contract-term',
			'violation',
			CITATIONS.contractTerm,
			`合同期限 ${termYears} 年，应为 ${min}–${max} 年`,
			{ termYears, min, max }
		)
	];
}

interface YearTotals {
	bill: number;
	cost: number;
}

function sideTotals(e: EnterpriseSide | undefined): YearTotals {
	let bill = 0;
	let costSum = e?.women?.annualFen ?? 0;
	for (const t of e?.totals ?? []) {
		bill += t.annualWageBillFen;
		costSum += t.annualEmployerCostFen;
	}
	return { bill, cost: costSum };
}

/** C19: a later contract year's bills, summed without building the per-group report. */
function yearTotals(s: ResolvedScenario, extraYears: number, increaseYears: number): YearTotals {
	const ent = s.enterprise;
	if (!ent) return { bill: 0, cost: 0 };
	const payroll = enterprisePayroll(ent, s.rules, { extraYears, increaseYears }, false);
	let bill = 0;
	let onCost = 0;
	for (const pr of payroll) {
		bill += pr.annualBillFen;
		onCost += pr.annualOnCostFen;
	}
	const women = ent.womenProtection ? womenProtectionCost(ent, payroll, s.rules) : undefined;
	return { bill, cost: bill + onCost + (women?.annualFen ?? 0) };
}

/**
 * C19: the proposed terms' years 2..`years`, priced in year 1's pass over the groups (year y:
 * y − 1 more years of tenure, the increase y times). With women's-protection terms each year
 * needs its per-group payroll, so those are priced by `yearTotals` instead.
 */
function laterYearOptions(s: ResolvedScenario): YearOptions[] {
	const opts: YearOptions[] = [];
	if (!s.enterprise || s.enterprise.womenProtection) return opts;
	for (let y = 2; y <= contractYears(s); y++) opts.push({ extraYears: y - 1, increaseYears: y });
	return opts;
}

/** C18: the contract years a projection covers, the term kept within the jurisdiction's bounds. */
function contractYears(s: ResolvedScenario): number {
	const { min, max } = s.rules.procedure.contractTermYears;
	return Math.min(max, Math.max(min, Math.round(s.contract.termYears) || 1));
}

/** C19: each contract year's payslips, one more year of seniority each year. */
function projection(
	cur: ResolvedScenario,
	prop: ResolvedScenario,
	y1: { c: EnterpriseSide | undefined; p: EnterpriseSide | undefined },
	piece: { c: PieceRateState | undefined; p: PieceRateState | undefined }
): ProjectionYear[] {
	const years = contractYears(prop);
	const later = y1.p?.later ?? [];
	const out: ProjectionYear[] = [];
	for (let y = 1; y <= years; y++) {
		const c = y === 1 ? currentYearOne(cur, y1.c) : currentYear(cur, y);
		const p = y === 1 ? sideTotals(y1.p) : (later[y - 2] ?? yearTotals(prop, y - 1, y));
		const cw = c.bill + (piece.c?.wageBillFen ?? 0) * 12;
		const cc = c.cost + (piece.c?.employerCostFen ?? 0) * 12;
		const pw = p.bill + (piece.p?.wageBillFen ?? 0) * 12;
		const pc = p.cost + (piece.p?.employerCostFen ?? 0) * 12;
		out.push({
			year: y,
			currentWageBillFen: cw,
			proposedWageBillFen: pw,
			currentEmployerCostFen: cc,
			proposedEmployerCostFen: pc,
			employerCostDeltaFen: pc - cc
		});
	}
	return out;
}

/** C17: labour cost against revenue and profit. */
function financeOf(
	prop: ResolvedScenario,
	currentAnnualCost: number,
	proposedAnnualCost: number
): CostReport['finance'] {
	const fin = prop.finance;
	if (!fin || (fin.revenueYuan === undefined && fin.netProfitYuan === undefined)) return undefined;
	const revenueFen = fin.revenueYuan !== undefined ? Math.round(fin.revenueYuan * 100) : undefined;
	const netProfitFen =
		fin.netProfitYuan !== undefined ? Math.round(fin.netProfitYuan * 100) : undefined;
	return {
		...(revenueFen !== undefined ? { revenueFen } : {}),
		...(netProfitFen !== undefined ? { netProfitFen } : {}),
		...(revenueFen
			? {
					currentLabourCostShareOfRevenue: currentAnnualCost / revenueFen,
					proposedLabourCostShareOfRevenue: proposedAnnualCost / revenueFen
				}
			: {}),
		...(netProfitFen
			? { costDeltaShareOfProfit: (proposedAnnualCost - currentAnnualCost) / netProfitFen }
			: {})
	};
}

/**
 * The current terms' side of a report depends on the scenario object alone, which is immutable
 * (terms are applied copy-on-write), so it is computed once per scenario: the browser prices
 * every keystroke against the same current terms.
 */
interface CurrentSide {
	ent: EnterpriseSide | undefined;
	piece: PieceRateState | undefined;
	years: Map<number, YearTotals>;
	/** Year one's bills under current terms (C19), on first use. */
	yearOne?: YearTotals;
	/** The current terms' legal findings (`FindingKeys`), filled on first use (C20). */
	findingKeys?: FindingKeys;
}

function currentFindingKeys(c: CurrentSide): FindingKeys {
	const keys: FindingKeys = new Map();
	for (const f of [...(c.ent?.findings ?? []), ...(c.piece?.findings ?? [])])
		addFindingKey(keys, f);
	return keys;
}
const currentCache = new WeakMap<ResolvedScenario, CurrentSide>();

function currentSide(s: ResolvedScenario): CurrentSide {
	let c = currentCache.get(s);
	if (!c) {
		c = {
			ent: enterpriseSide(s, YEAR_ONE.current.extraYears, YEAR_ONE.current.increaseYears, true),
			piece: s.pieceRate ? pieceRateState(s.pieceRate, s.rules, s.wageFloor) : undefined,
			years: new Map()
		};
		currentCache.set(s, c);
	}
	return c;
}

/** C19: year one's bills under current terms, once per scenario. */
function currentYearOne(s: ResolvedScenario, e: EnterpriseSide | undefined): YearTotals {
	const c = currentSide(s);
	return (c.yearOne ??= sideTotals(e));
}

/** C19: current terms in contract year y (y − 1 more years of tenure, no increase), memoised. */
function currentYear(s: ResolvedScenario, y: number): YearTotals {
	const c = currentSide(s);
	let t = c.years.get(y);
	if (!t) c.years.set(y, (t = yearTotals(s, y - 1, 0)));
	return t;
}

export interface CostOptions {
	/**
	 * False: the proposed piece-rate state computes only the hourly distribution of everyone
	 * (P6); its daily, monthly and per-unit distributions and each cohort's are left as zeros.
	 * Every other figure is the same. For sweeps, whose rows read nothing else (G20).
	 */
	distributions?: boolean;
}

/**
 * Prices `terms` (only the terms that differ from current need be given) against the current
 * terms of `scenario`. Rules C1–C26 and P1–P9 in SPEC.md.
 */
export function cost(
	scenario: ResolvedScenario,
	terms?: Readonly<Record<string, unknown>>,
	options: CostOptions = {}
): CostReport {
	const applied = applyTerms(scenario, terms);
	const prop = applied.scenario;
	const rules = prop.rules;

	// C8: current pay is today's pay; proposed year 1 applies the general increase once.
	const cur = currentSide(scenario);
	const entCur = cur.ent;
	const entProp = enterpriseSide(
		prop,
		YEAR_ONE.proposed.extraYears,
		YEAR_ONE.proposed.increaseYears,
		true,
		laterYearOptions(prop)
	);
	const groups: GroupReport[] = [];
	if (entCur && entProp) {
		const gs = prop.enterprise?.groups ?? [];
		entProp.totals.forEach((tp, i) => {
			const tc = entCur.totals[i];
			const gp = gs[i];
			if (!tc || !gp) return;
			const r = groupReport(gp.id, gp.name, 'enterprise', gp.headcount, tc, tp);
			// The mean worker's components, rounded for display (payroll.ts); the current ones are
			// the same record for every report on this scenario.
			const bc = entCur.payroll[i]?.mean;
			const mp = entProp.payroll[i]?.mean;
			if (bc) r.currentBreakdown = bc;
			if (mp) r.proposedBreakdown = mp;
			groups.push(r);
		});
	}

	const prCur = cur.piece;
	const prProp = prop.pieceRate
		? pieceRateState(prop.pieceRate, rules, prop.wageFloor, options.distributions !== false)
		: undefined;
	let pieceRate: PieceRateReport | undefined;
	if (prCur && prProp && prop.pieceRate) {
		pieceRate = {
			unitName: prop.pieceRate.unitName,
			current: prCur,
			proposed: prProp,
			employerMonthlyCostDeltaFen: prProp.employerCostFen - prCur.employerCostFen,
			...(prProp.employers
				? {
						employers: prProp.employers.map((e) => ({
							id: e.id,
							name: e.name,
							current: prCur.employers?.find((c) => c.id === e.id) ?? e,
							proposed: e
						}))
					}
				: {})
		};
		groups.push(
			groupReport(
				'piece-rate',
				`计件劳动者（${prop.pieceRate.unitName}）`,
				'piece-rate',
				prProp.headcount,
				pieceTotals(prCur),
				pieceTotals(prProp, prCur, prop.contract.effectiveMonth)
			)
		);
	}

	const headcount = groups.reduce((a, g) => a + g.headcount, 0);
	const monthlyCurrent = companyTotals(groups, 'current', entCur?.women?.annualFen ?? 0);
	const monthlyProposed = companyTotals(groups, 'proposed', entProp?.women?.annualFen ?? 0);
	for (const t of [monthlyCurrent, monthlyProposed])
		t.meanPayFen = headcount ? roundFen(t.annualWageBillFen / 12 / headcount) : 0;
	const annualWageDelta = monthlyProposed.annualWageBillFen - monthlyCurrent.annualWageBillFen;
	const annualCostDelta =
		monthlyProposed.annualEmployerCostFen - monthlyCurrent.annualEmployerCostFen;

	// C16: average raise = change of the year's wage bill, against the guideline band.
	const raise = frac(annualWageDelta, monthlyCurrent.annualWageBillFen);
	const band = guideline(raise, rules, applied.changes.length > 0);
	const termYears = prop.contract.termYears;

	// C20: legal findings are reported for the proposed terms, flagged when they already hold today.
	const curKeys = (cur.findingKeys ??= currentFindingKeys(cur));
	const legal = [...(entProp?.findings ?? []), ...(prProp?.findings ?? [])];
	for (const f of legal) f.alsoCurrent = hasFindingKey(curKeys, f);
	const findings = [
		...applied.findings,
		...band.findings,
		...contractTermFindings(termYears, rules),
		...legal
	];

	const g = rules.wageGuideline;
	const finance = financeOf(
		prop,
		monthlyCurrent.annualEmployerCostFen,
		monthlyProposed.annualEmployerCostFen
	);
	return {
		scenarioId: scenario.id,
		termYears,
		headcount,
		groups,
		monthly: {
			current: monthlyCurrent,
			proposed: monthlyProposed,
			deltaWageBillFen: roundFen(annualWageDelta / 12),
			deltaEmployerCostFen: roundFen(annualCostDelta / 12),
			deltaPct: raise
		},
		annual: {
			currentEmployerCostFen: monthlyCurrent.annualEmployerCostFen,
			proposedEmployerCostFen: monthlyProposed.annualEmployerCostFen,
			costDeltaFen: annualCostDelta,
			wageBillDeltaFen: annualWageDelta
		},
		averageRaise: {
			pct: raise,
			baseline: g.baseline,
			upper: g.upper,
			lower: g.lower,
			position: band.position
		},
		...(finance ? { finance } : {}),
		projection: projection(scenario, prop, { c: entCur, p: entProp }, { c: prCur, p: prProp }),
		...(pieceRate ? { pieceRate } : {}),
		...(entCur?.women && entProp?.women
			? { womenProtection: { current: entCur.women, proposed: entProp.women } }
			: {}),
		changes: applied.changes,
		findings: findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
	};
}

const SEVERITY_ORDER = { input: 0, violation: 1, warning: 2, info: 3 } as const;
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

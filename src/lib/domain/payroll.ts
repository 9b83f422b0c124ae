/**
 * Payroll for the enterprise wage structure (岗位技能工资制): each worker's payslips as a payroll
 * office computes them, and a group's bills as sums of those payslips. Rules C1–C9 in SPEC.md.
 *
 * Pay components are carried exactly (fractional fen); only a payslip is rounded, once, to the
 * fen (C1). A group is as many payslips as it has workers at each tenure (C3).
 */
import type { PayComponent } from './jurisdiction.ts';
import {
	payslipFen as moneyPayslipFen,
	roundFen as moneyRoundFen,
	yuanToFen as moneyYuanToFen
} from './money.ts';
import type { Enterprise, Group, ResolvedScenario } from './scenario.ts';

export type Rules = ResolvedScenario['rules'];

// Module-local bindings of the money rules: the hot loops below call them ~100,000 times per
// report, and a bundler's (or tsx's) cross-module export getter on every call cost a tenth of it.
const payslipFen = moneyPayslipFen;
const roundFen = moneyRoundFen;
const yuanToFen = moneyYuanToFen;

/** Monthly pay of one worker (or a group's mean, for display) by component, in fen. */
export interface PayBreakdown {
	baseFen: number;
	postFen: number;
	skillFen: number;
	seniorityFen: number;
	bonusFen: number;
	allowancesFen: number;
	/** Allowances that count toward the minimum wage. */
	countedAllowancesFen: number;
	/** The 13th month spread over 12 months (paid once a year on its own payslip, C6). */
	thirteenthMonthFen: number;
	/** The heat allowance spread over 12 months (paid in the heat months only, C7). */
	heatAllowanceFen: number;
	overtimeFen: number;
	/** Hourly base for overtime (C5), fen per hour, not rounded. */
	overtimeHourlyFen: number;
	totalFen: number;
}

export interface YearOptions {
	/** Years added to every tenure (C19: year y of the contract adds y − 1). */
	extraYears: number;
	/** How many times the general increase is applied (0 for current pay, y for proposed year y). */
	increaseYears: number;
}

/** One worker's year of payslips (C1–C7): exact components and the rounded payslips. */
export interface WorkerPay {
	years: number;
	/** Exact components of an ordinary month (no heat allowance, no 13th month), fen. */
	exact: PayBreakdown;
	/** Payslip of an ordinary month, rounded once. */
	monthFen: number;
	/** Payslip of a heat month (heat allowance, and its overtime effect if in the base). */
	heatMonthFen: number;
	heatMonths: number;
	/** The 13th-month payslip, rounded once (0 when none). */
	thirteenthFen: number;
	/** Twelve monthly payslips plus the 13th month. */
	annualFen: number;
	/** The part of an ordinary month's pay that counts toward the minimum wage (C10), rounded once. */
	countedFen: number;
}

/** Years paid on for seniority (C3), capped per worker. */
const paidYears = (years: number, capYears: number) => Math.min(capYears, years);

/**
 * C3: the group's workers by tenure. A distribution is apportioned to whole workers (headcount ×
 * share, largest remainder, ties to the earlier entry); a mean tenure is one class of everyone.
 */
export function tenureClasses(g: Group, extraYears: number): { years: number; count: number }[] {
	const t = g.tenure;
	if (!('distribution' in t)) return [{ years: t.meanYears + extraYears, count: g.headcount }];
	const raw = t.distribution.map((d) => g.headcount * d.share);
	const counts = raw.map((x) => Math.floor(x + 1e-9));
	let left = g.headcount - counts.reduce((a, c) => a + c, 0);
	const order = raw
		.map((x, i) => ({ i, r: x - Math.floor(x + 1e-9) }))
		.sort((a, b) => b.r - a.r || a.i - b.i);
	for (const o of order) {
		if (left <= 0) break;
		counts[o.i] = (counts[o.i] as number) + 1;
		left--;
	}
	return t.distribution.map((d, i) => ({
		years: d.years + extraYears,
		count: counts[i] as number
	}));
}

/** Tenure of the group's shortest-serving worker (the lowest-pay check). */
export function lowestYears(g: Group, extraYears: number): number {
	const t = g.tenure;
	if ('distribution' in t) {
		let m = Infinity;
		for (const d of t.distribution) if (d.years < m) m = d.years;
		return m + extraYears;
	}
	return (t.minYears ?? 0) + extraYears;
}

/** The components a sum can take, as numbers: `componentSum` runs twice per group and keystroke. */
const CODE: Partial<Record<PayComponent, number>> = {
	base: 0,
	post: 1,
	skill: 2,
	seniority: 3,
	bonus: 4,
	allowances: 5,
	thirteenthMonth: 6
};
const codesCache = new WeakMap<readonly PayComponent[], Int8Array>();

/** A list's components as codes, in its order; overtime and the heat allowance add nothing. */
function codesOf(list: readonly PayComponent[]): Int8Array {
	let codes = codesCache.get(list);
	if (!codes) {
		const out: number[] = [];
		for (const c of list) {
			const k = CODE[c];
			if (k !== undefined) out.push(k);
		}
		codesCache.set(list, (codes = Int8Array.from(out)));
	}
	return codes;
}

/**
 * The listed components summed in the order listed (so each double is the same whatever the
 * caller); overtime and the heat allowance add nothing. No record is built: this runs for every
 * group's least-paid worker on every keystroke.
 */
function componentSum(
	codes: Int8Array,
	base: number,
	post: number,
	skill: number,
	seniority: number,
	bonus: number,
	allowances: number,
	thirteenthMonth: number
): number {
	let sum = 0;
	for (let i = 0; i < codes.length; i++) {
		switch (codes[i]) {
			case 0:
				sum += base;
				break;
			case 1:
				sum += post;
				break;
			case 2:
				sum += skill;
				break;
			case 3:
				sum += seniority;
				break;
			case 4:
				sum += bonus;
				break;
			case 5:
				sum += allowances;
				break;
			default:
				sum += thirteenthMonth;
		}
	}
	return sum;
}

/** C9: employer on-costs on one payslip, on a clamped contribution base, rounded per worker. */
export function onCostFen(payFen: number, rules: Rules): number {
	const min = rules.onCost.baseMinYuan !== undefined ? yuanToFen(rules.onCost.baseMinYuan) : 0;
	const max =
		rules.onCost.baseMaxYuan !== undefined ? yuanToFen(rules.onCost.baseMaxYuan) : Infinity;
	return payslipFen(rules.onCost.rate * Math.min(max, Math.max(min, payFen)));
}

/** C10: pay that counts toward the monthly minimum wage under the jurisdiction's inclusion rules. */
export function countedForMinimumFen(b: PayBreakdown, rules: Rules): number {
	return countedFen(
		rules,
		codesOf(rules.minimumWage.countedComponents),
		b.baseFen,
		b.postFen,
		b.skillFen,
		b.seniorityFen,
		b.bonusFen,
		b.countedAllowancesFen,
		b.thirteenthMonthFen
	);
}

function countedFen(
	rules: Rules,
	codes: Int8Array,
	base: number,
	post: number,
	skill: number,
	seniority: number,
	bonus: number,
	countedAllowances: number,
	thirteenthMonth: number
): number {
	// Overtime and heat allowance never count ([P21]), whatever the list says.
	const counted = componentSum(
		codes,
		base,
		post,
		skill,
		seniority,
		bonus,
		countedAllowances,
		thirteenthMonth
	);
	// Shanghai and Beijing exclude the employee's own social-insurance contributions ([P21]).
	return payslipFen(
		rules.minimumWage.includesEmployeeSocialInsurance
			? counted
			: counted * (1 - rules.minimumWage.employeeSocialInsuranceRate)
	);
}

/** A group's payroll for one year of the contract (C1–C9, C15). */
export interface GroupPayroll {
	headcount: number;
	/** Sum of the workers' twelve monthly payslips and 13th month, fen. */
	annualBillFen: number;
	/** Sum of the workers' on-costs over the year, fen. */
	annualOnCostFen: number;
	/**
	 * The group's mean pay by component for an average month, for display: each component rounded
	 * to the fen (the overtime hourly base exact), the total the mean payslip of the year's bill
	 * (bill ÷ 12 ÷ headcount, rounded); with `detail`.
	 */
	mean?: PayBreakdown;
	/** The shortest-serving (least-paid) worker; with `detail`. */
	lowest?: LowestPay;
}

/** The least-paid worker's ordinary-month payslip and its part counted for the minimum (C10). */
export type LowestPay = Pick<WorkerPay, 'years' | 'monthFen' | 'countedFen'>;

/**
 * What a group object fixes by itself: its own pay lines in fen and its workers by tenure (C3).
 * Computed once per group object: terms are applied copy-on-write, so a group no term touched
 * keeps its object, and a keystroke re-reads only the groups it changed.
 */
interface GroupOwn {
	classes: { years: number; count: number }[];
	/** `lowestYears(g, 0)`: the shortest tenure. */
	minYears: number;
	baseFen: number;
	postFen: number;
	bonusFen: number;
	allowancesFen: number;
	countedAllowancesFen: number;
}

const ownCache = new WeakMap<Group, GroupOwn>();

function groupOwn(g: Group): GroupOwn {
	let own = ownCache.get(g);
	if (own) return own;
	let allowancesFen = 0;
	let countedAllowancesFen = 0;
	for (const al of g.allowances) {
		const fen = yuanToFen(al.yuan);
		allowancesFen += fen;
		if (al.countsTowardMinimum) countedAllowancesFen += fen;
	}
	own = {
		classes: tenureClasses(g, 0),
		minYears: lowestYears(g, 0),
		baseFen: yuanToFen(g.base),
		postFen: yuanToFen(g.post),
		bonusFen: yuanToFen(g.bonus),
		allowancesFen,
		countedAllowancesFen
	};
	ownCache.set(g, own);
	return own;
}

/**
 * Every group's `groupOwn`, once per groups array: a report prices the same array for year 1
 * and again for the later years, and the current terms' array for every report.
 */
const ownsCache = new WeakMap<readonly Group[], GroupOwn[]>();
/**
 * The last array priced: a keystroke's groups array is a copy of the previous one with one or a
 * few groups replaced, so its other groups are found here by position, not one by one in
 * `ownCache`.
 */
let last: { groups: readonly Group[]; owns: GroupOwn[] } | undefined;

function groupOwns(groups: readonly Group[]): GroupOwn[] {
	let owns = ownsCache.get(groups);
	if (owns) return owns;
	owns = new Array<GroupOwn>(groups.length);
	const prev = last && last.groups.length === groups.length ? last : undefined;
	for (let i = 0; i < groups.length; i++) {
		const g = groups[i] as Group;
		owns[i] = prev && prev.groups[i] === g ? (prev.owns[i] as GroupOwn) : groupOwn(g);
	}
	ownsCache.set(groups, owns);
	last = { groups, owns };
	return owns;
}

/**
 * The enterprise-wide half of every group's pay (C2–C9): which components the general increase
 * and the overtime base take, read once per enterprise object and rules, not once per group.
 */
interface EnterpriseBasis {
	/** The increase's and the overtime base's components among base 1, post 2, skill 4, bonus 8, allowances 16. */
	incMask: number;
	otMask: number;
	incBase: boolean;
	incPost: boolean;
	incSkill: boolean;
	incBonus: boolean;
	incAllowances: boolean;
	seniorityIncreases: boolean;
	seniorityInOt: boolean;
	thirteenthInOt: boolean;
	heatInOt: boolean;
	seniorityPerYearFen: number;
	/** The overtime base's and the minimum wage's components (C5, C10), as `componentSum` codes. */
	otCodes: Int8Array;
	countedCodes: Int8Array;
	/** Heat months for an exposed group (0 when the employer pays no heat allowance, C7). */
	heatMonthsExposed: number;
	heatFen: number;
	onCostBaseMinFen: number;
	onCostBaseMaxFen: number;
}

const basisCache = new WeakMap<Enterprise, { rules: Rules; basis: EnterpriseBasis }>();

function enterpriseBasis(ent: Enterprise, rules: Rules): EnterpriseBasis {
	const hit = basisCache.get(ent);
	// A term may drive a jurisdiction number (rules) and leave the enterprise object as it was.
	if (hit && hit.rules === rules) return hit.basis;
	const applies = ent.generalIncrease.appliesTo;
	const ob = ent.overtimeBase;
	const heatMonthsExposed = ent.paysHeatAllowance ? rules.heatAllowance.months.length : 0;
	const mask = (list: readonly PayComponent[]) =>
		(list.includes('base') ? 1 : 0) |
		(list.includes('post') ? 2 : 0) |
		(list.includes('skill') ? 4 : 0) |
		(list.includes('bonus') ? 8 : 0) |
		(list.includes('allowances') ? 16 : 0);
	const basis: EnterpriseBasis = {
		incMask: mask(applies),
		otMask: mask(ob),
		incBase: applies.includes('base'),
		incPost: applies.includes('post'),
		incSkill: applies.includes('skill'),
		incBonus: applies.includes('bonus'),
		incAllowances: applies.includes('allowances'),
		seniorityIncreases: applies.includes('seniority'),
		seniorityInOt: ob.includes('seniority'),
		thirteenthInOt: ob.includes('thirteenthMonth'),
		heatInOt: ob.includes('heatAllowance'),
		seniorityPerYearFen: yuanToFen(ent.seniority.yuanPerYear),
		otCodes: codesOf(ob),
		countedCodes: codesOf(rules.minimumWage.countedComponents),
		heatMonthsExposed,
		heatFen: heatMonthsExposed > 0 ? yuanToFen(rules.heatAllowance.monthlyYuan) : 0,
		onCostBaseMinFen:
			rules.onCost.baseMinYuan !== undefined ? yuanToFen(rules.onCost.baseMinYuan) : 0,
		onCostBaseMaxFen:
			rules.onCost.baseMaxYuan !== undefined ? yuanToFen(rules.onCost.baseMaxYuan) : Infinity
	};
	basisCache.set(ent, { rules, basis });
	return basis;
}

function premiumHours(ent: Enterprise, g: Group): number {
	const p = ent.overtimePremium;
	const o = g.overtime;
	return p.workday * o.workday + p.restDay * o.restDay + p.holiday * o.holiday;
}

/**
 * Prices every group for one contract year, in group order: every payslip of every worker,
 * summed (C1, C3, C9). With `detail` each also gives the mean worker's components (display) and
 * the least-paid worker's payslips (C10).
 */
export function enterprisePayroll(
	ent: Enterprise,
	rules: Rules,
	opt: YearOptions,
	detail: boolean
): GroupPayroll[] {
	return enterprisePayrollAndLater(ent, rules, opt, detail, []).payroll;
}

/**
 * `enterprisePayroll` for one year and, in the same pass over the groups, the enterprise's bills
 * for `later` contract years: what a group's payslips share is read
 * once for all the years a report prices.
 */
export function enterprisePayrollAndLater(
	ent: Enterprise,
	rules: Rules,
	opt: YearOptions,
	detail: boolean,
	later: readonly YearOptions[]
): { payroll: GroupPayroll[]; later: YearBill[] } {
	const e = enterpriseBasis(ent, rules);
	const f = increaseFactor(ent, opt);
	const groups = ent.groups;
	const owns = groupOwns(groups);
	const out: GroupPayroll[] = new Array(groups.length);
	const n = later.length;
	const fs = later.map((o) => increaseFactor(ent, o));
	const bills = new Array<number>(n).fill(0);
	const onCosts = new Array<number>(n).fill(0);
	for (let i = 0; i < groups.length; i++) {
		const g = groups[i] as Group;
		groupShared(ent, g, rules, e, owns[i] as GroupOwn);
		groupYear(f, opt.extraYears);
		out[i] = detail
			? groupDetail(ent, g, rules, opt, e, f, owns[i] as GroupOwn)
			: yearOut(g.headcount);
		for (let y = 0; y < n; y++) {
			groupYear(fs[y] as number, (later[y] as YearOptions).extraYears);
			bills[y] = (bills[y] as number) + cur.bill;
			onCosts[y] = (onCosts[y] as number) + cur.onCost;
		}
	}
	return {
		payroll: out,
		later: later.map((_, y) => ({
			annualBillFen: bills[y] as number,
			annualOnCostFen: onCosts[y] as number
		}))
	};
}

/** An enterprise's bills for one contract year, summed over its groups (fen). */
export interface YearBill {
	annualBillFen: number;
	annualOnCostFen: number;
}

const increaseFactor = (ent: Enterprise, opt: YearOptions) =>
	opt.increaseYears > 0 ? (1 + ent.generalIncrease.rate) ** opt.increaseYears : 1;

/**
 * What every payslip of one group shares whatever the contract year (C2–C9): the components
 * under the general increase and outside it, exact fen. One scratch record, refilled per group,
 * so pricing a group allocates nothing.
 */
const shared = {
	skillFen: 0,
	premium: 0,
	fixedInc: 0,
	fixedFlat: 0,
	otInc: 0,
	otFlat: 0,
	bpInc: 0,
	bpFlat: 0,
	perPayHour: 0,
	heatMonths: 0,
	heatExtraFen: 0,
	capYears: 0,
	months13: 0,
	seniorityPerYearFen: 0,
	seniorityIncreases: false,
	seniorityInOt: false,
	thirteenthInOt: false,
	rate: 0,
	baseMin: 0,
	baseMax: 0,
	classes: [] as { years: number; count: number }[]
};

/** One group's year, as `groupYear` leaves it (scratch, read at once). */
const cur = { bill: 0, onCost: 0, seniority: 0, overtime: 0 };

function groupShared(
	ent: Enterprise,
	g: Group,
	rules: Rules,
	e: EnterpriseBasis,
	own: GroupOwn
): void {
	const skillFen = yuanToFen(ent.skillWage[g.skillLevel] ?? 0);
	shared.skillFen = skillFen;
	// Whole fen throughout, so splitting a sum into parts is exact.
	const fixedInc = pick(e.incMask, own, skillFen);
	const fixedFlat = pick(31, own, skillFen) - fixedInc;
	const otInc = pick(e.incMask & e.otMask, own, skillFen);
	const otFlat = pick(e.otMask, own, skillFen) - otInc;
	const s = shared;
	s.fixedInc = fixedInc;
	s.fixedFlat = fixedFlat;
	s.otInc = otInc;
	s.otFlat = otFlat;
	s.bpInc = (e.incBase ? own.baseFen : 0) + (e.incPost ? own.postFen : 0);
	s.bpFlat = (e.incBase ? 0 : own.baseFen) + (e.incPost ? 0 : own.postFen);
	s.premium = premiumHours(ent, g);
	s.perPayHour = s.premium / rules.hours.monthlyPayHours;
	s.heatMonths = g.heatExposed ? e.heatMonthsExposed : 0;
	const heatFen = s.heatMonths > 0 ? e.heatFen : 0;
	s.heatExtraFen = heatFen + (e.heatInOt ? heatFen * s.perPayHour : 0);
	s.capYears = ent.seniority.capYears;
	s.months13 = ent.thirteenthMonth;
	s.seniorityPerYearFen = e.seniorityPerYearFen;
	s.seniorityIncreases = e.seniorityIncreases;
	s.seniorityInOt = e.seniorityInOt;
	s.thirteenthInOt = e.thirteenthInOt;
	s.rate = rules.onCost.rate;
	s.baseMin = e.onCostBaseMinFen;
	s.baseMax = e.onCostBaseMaxFen;
	s.classes = own.classes;
}

/** The sum of a group's components in `mask` (base 1, post 2, skill 4, bonus 8, allowances 16). */
function pick(mask: number, own: GroupOwn, skillFen: number): number {
	return (
		(mask & 1 ? own.baseFen : 0) +
		(mask & 2 ? own.postFen : 0) +
		(mask & 4 ? skillFen : 0) +
		(mask & 8 ? own.bonusFen : 0) +
		(mask & 16 ? own.allowancesFen : 0)
	);
}

/**
 * One year of the group `groupShared` read: each tenure class costs a few operations and its
 * payslip, identical for every worker of the class, is counted `count` times (C1, C3, C9).
 */
function groupYear(f: number, extraYears: number): void {
	const s = shared;
	const h = s.heatMonths;
	const perPayHour = s.perPayHour;
	const thirteenthExact = (s.bpInc * f + s.bpFlat) * s.months13;
	const thirteenthFen = payslipFen(thirteenthExact);
	const fixed = s.fixedInc * f + s.fixedFlat;
	const otNoSen =
		(s.otInc * f + s.otFlat + (s.thirteenthInOt ? thirteenthExact / 12 : 0)) * perPayHour;
	const senPerYear = s.seniorityIncreases ? s.seniorityPerYearFen * f : s.seniorityPerYearFen;
	const rate = s.rate;
	const baseMin = s.baseMin;
	const baseMax = s.baseMax;
	// The contribution base is a monthly wage; the 13th month bears the rate on what it pays.
	const tOn = thirteenthFen > 0 ? payslipFen(rate * thirteenthFen) : 0;
	const classes = s.classes;
	let bill = 0;
	let onCost = 0;
	let seniority = 0;
	let overtime = 0;
	for (let j = 0; j < classes.length; j++) {
		const c = classes[j] as { years: number; count: number };
		if (c.count === 0) continue;
		const sen = senPerYear * Math.min(s.capYears, c.years + extraYears);
		const ot = otNoSen + (s.seniorityInOt ? sen * perPayHour : 0);
		const exact = fixed + sen + ot;
		const month = payslipFen(exact);
		const heat = h > 0 ? payslipFen(exact + s.heatExtraFen) : month;
		bill += c.count * ((12 - h) * month + h * heat + thirteenthFen);
		// C9, as onCostFen, with the base bounds read once per enterprise.
		const mOn = payslipFen(rate * Math.min(baseMax, Math.max(baseMin, month)));
		const hOn = h > 0 ? payslipFen(rate * Math.min(baseMax, Math.max(baseMin, heat))) : mOn;
		onCost += c.count * ((12 - h) * mOn + h * hOn + tOn);
		seniority += c.count * sen;
		overtime += c.count * ot;
	}
	cur.bill = bill;
	cur.onCost = onCost;
	cur.seniority = seniority;
	cur.overtime = overtime;
}

const yearOut = (n: number): GroupPayroll => ({
	headcount: n,
	annualBillFen: cur.bill,
	annualOnCostFen: cur.onCost
});

/**
 * The year `groupYear` left, with the mean worker (display) and the least-paid worker (C10).
 * The least-paid worker's payslip (C1–C7) at the group's shortest tenure, its components
 * written straight into the mean record: this runs once per group on every keystroke,
 * and building the worker's records and copying them cost most of a 1,000-group report's detail.
 */
function groupDetail(
	ent: Enterprise,
	g: Group,
	rules: Rules,
	opt: YearOptions,
	e: EnterpriseBasis,
	f: number,
	own: GroupOwn
): GroupPayroll {
	const n = g.headcount;
	const bill = cur.bill;
	const years = own.minYears + opt.extraYears;
	// C8: the increase (f, `increaseFactor`) multiplies the listed components; nothing is rounded
	// until the payslip. (fen × f is the same double as fen × (1 + rate) ** years.)
	const up = opt.increaseYears > 0;
	const baseFen = up && e.incBase ? own.baseFen * f : own.baseFen;
	const postFen = up && e.incPost ? own.postFen * f : own.postFen;
	// groupShared read the skill wage and the overtime hours at premium for this group.
	const skill = shared.skillFen;
	const skillFen = up && e.incSkill ? skill * f : skill;
	const senior = e.seniorityPerYearFen * paidYears(years, ent.seniority.capYears);
	const seniorityFen = up && e.seniorityIncreases ? senior * f : senior;
	const bonusFen = up && e.incBonus ? own.bonusFen * f : own.bonusFen;
	let allowancesFen = own.allowancesFen;
	let countedAllowancesFen = own.countedAllowancesFen;
	if (up && e.incAllowances) {
		// Each allowance raised on its own, as the payslip lists them.
		allowancesFen = 0;
		countedAllowancesFen = 0;
		for (const al of g.allowances) {
			const fen = yuanToFen(al.yuan) * f;
			allowancesFen += fen;
			if (al.countsTowardMinimum) countedAllowancesFen += fen;
		}
	}
	// C6: the 13th month is (base + post) × months, paid once a year; C7: heat in listed months.
	const thirteenthExact = (baseFen + postFen) * ent.thirteenthMonth;
	const heatMonths = g.heatExposed ? e.heatMonthsExposed : 0;
	const heatFen = heatMonths > 0 ? e.heatFen : 0;
	const thirteenthMonthFen = thirteenthExact / 12;
	// C5: overtime hourly base = chosen components ÷ monthly pay hours, in the case's order.
	const otBase = componentSum(
		e.otCodes,
		baseFen,
		postFen,
		skillFen,
		seniorityFen,
		bonusFen,
		allowancesFen,
		thirteenthMonthFen
	);
	const premium = shared.premium;
	const hourly = otBase / rules.hours.monthlyPayHours;
	const overtimeFen = hourly * premium;
	const ordinary =
		baseFen + postFen + skillFen + seniorityFen + bonusFen + allowancesFen + overtimeFen;
	const meanSeniority = n > 0 ? cur.seniority / n : 0;
	// Built rounded for display at once: a second record per group and keystroke cost more than
	// the rounding.
	const mean: PayBreakdown = {
		baseFen: roundFen(baseFen),
		postFen: roundFen(postFen),
		skillFen: roundFen(skillFen),
		seniorityFen: roundFen(meanSeniority),
		bonusFen: roundFen(bonusFen),
		allowancesFen: roundFen(allowancesFen),
		countedAllowancesFen: roundFen(countedAllowancesFen),
		thirteenthMonthFen: roundFen(thirteenthMonthFen),
		heatAllowanceFen: roundFen((heatFen * heatMonths) / 12),
		overtimeFen: roundFen(n > 0 ? cur.overtime / n : 0),
		overtimeHourlyFen:
			hourly + (e.seniorityInOt ? (meanSeniority - seniorityFen) / rules.hours.monthlyPayHours : 0),
		// The displayed average month carries the 13th month and heat allowance as paid over the
		// year: the mean payslip of the year's bill (C15).
		totalFen: n > 0 ? roundFen(bill / 12 / n) : 0
	};
	const lowest: LowestPay = {
		years,
		monthFen: payslipFen(ordinary),
		countedFen: countedFen(
			rules,
			e.countedCodes,
			baseFen,
			postFen,
			skillFen,
			seniorityFen,
			bonusFen,
			countedAllowancesFen,
			thirteenthMonthFen
		)
	};
	return { headcount: n, annualBillFen: bill, annualOnCostFen: cur.onCost, mean, lowest };
}

/**
 * Payroll for the enterprise wage structure (岗位技能工资制): each worker's payslips as a payroll
 * office computes them, and a group's bills as sums of those payslips. Rules C1–C9 in SPEC.md.
 *
 * Pay components are carried exactly (fractional fen); only a payslip is rounded, once, to the
 * fen (C1). A group is as many payslips as it has workers at each tenure (C3).
 */
import type { PayComponent } from './jurisdiction.ts';
import { payslipFen as moneyPayslipFen, yuanToFen as moneyYuanToFen } from './money.ts';
import type { Enterprise, Group, ResolvedScenario } from './scenario.ts';

export type Rules = ResolvedScenario['rules'];

// Module-local bindings of the money rules: the hot loops below call them ~100,000 times per
// report, and a bundler's (or tsx's) cross-module export getter on every call cost a tenth of it.
const payslipFen = moneyPayslipFen;
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

/** Computes one worker's payslips (C1–C7) at `years` of service. */
export function workerPay(
	ent: Enterprise,
	g: Group,
	rules: Rules,
	years: number,
	opt: YearOptions
): WorkerPay {
	// C8: the increase multiplies the listed components; nothing is rounded until the payslip.
	const baseFen = increased(ent, opt, 'base', yuanToFen(g.base));
	const postFen = increased(ent, opt, 'post', yuanToFen(g.post));
	const skillFen = increased(ent, opt, 'skill', yuanToFen(ent.skillWage[g.skillLevel] ?? 0));
	const seniorityFen = increased(
		ent,
		opt,
		'seniority',
		yuanToFen(ent.seniority.yuanPerYear) * paidYears(years, ent.seniority.capYears)
	);
	const bonusFen = increased(ent, opt, 'bonus', yuanToFen(g.bonus));
	let allowancesFen = 0;
	let countedAllowancesFen = 0;
	for (const al of g.allowances) {
		const fen = increased(ent, opt, 'allowances', yuanToFen(al.yuan));
		allowancesFen += fen;
		if (al.countsTowardMinimum) countedAllowancesFen += fen;
	}
	// C6: the 13th month is (base + post) × months, paid once a year.
	const thirteenthExact = (baseFen + postFen) * ent.thirteenthMonth;
	// C7: the heat allowance is paid in the listed months only.
	const heatMonths = ent.paysHeatAllowance && g.heatExposed ? rules.heatAllowance.months.length : 0;
	const heatFen = heatMonths > 0 ? yuanToFen(rules.heatAllowance.monthlyYuan) : 0;
	// C5: overtime hourly base = chosen components ÷ monthly pay hours (174, [L9]).
	const byComponent: Record<PayComponent, number> = {
		base: baseFen,
		post: postFen,
		skill: skillFen,
		seniority: seniorityFen,
		bonus: bonusFen,
		allowances: allowancesFen,
		thirteenthMonth: thirteenthExact / 12,
		heatAllowance: 0,
		overtime: 0
	};
	let otBase = 0;
	for (const c of ent.overtimeBase) otBase += byComponent[c];
	const p = ent.overtimePremium;
	const o = g.overtime;
	const premiumHours = p.workday * o.workday + p.restDay * o.restDay + p.holiday * o.holiday;
	const hourly = otBase / rules.hours.monthlyPayHours;
	const overtimeFen = hourly * premiumHours;
	const ordinary =
		baseFen + postFen + skillFen + seniorityFen + bonusFen + allowancesFen + overtimeFen;
	// A heat month's overtime is on a base that includes the allowance only if the case says so.
	const heatOvertime = ent.overtimeBase.includes('heatAllowance')
		? (heatFen / rules.hours.monthlyPayHours) * premiumHours
		: 0;
	const monthFen = payslipFen(ordinary);
	const heatMonthFen = heatMonths > 0 ? payslipFen(ordinary + heatFen + heatOvertime) : monthFen;
	const thirteenthFen = payslipFen(thirteenthExact);
	const exact: PayBreakdown = {
		baseFen,
		postFen,
		skillFen,
		seniorityFen,
		bonusFen,
		allowancesFen,
		countedAllowancesFen,
		thirteenthMonthFen: thirteenthExact / 12,
		heatAllowanceFen: (heatFen * heatMonths) / 12,
		overtimeFen,
		overtimeHourlyFen: hourly,
		totalFen: ordinary
	};
	return {
		years,
		exact,
		monthFen,
		heatMonthFen,
		heatMonths,
		thirteenthFen,
		annualFen: (12 - heatMonths) * monthFen + heatMonths * heatMonthFen + thirteenthFen,
		countedFen: countedForMinimumFen(exact, rules)
	};
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
	const pick: Record<PayComponent, number> = {
		base: b.baseFen,
		post: b.postFen,
		skill: b.skillFen,
		seniority: b.seniorityFen,
		bonus: b.bonusFen,
		allowances: b.countedAllowancesFen,
		thirteenthMonth: b.thirteenthMonthFen,
		// Overtime and heat allowance never count ([P21]), whatever the list says.
		heatAllowance: 0,
		overtime: 0
	};
	let counted = 0;
	for (const k of rules.minimumWage.countedComponents) counted += pick[k];
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
	/** The group's mean pay by component for an average month (display only, not rounded); with `detail`. */
	mean?: PayBreakdown;
	/** The shortest-serving (least-paid) worker; with `detail`. */
	lowest?: WorkerPay;
}

/**
 * What a group's payslips share whatever the tenure and the contract year (C2–C8), split into
 * the part the general increase multiplies and the part it does not, computed once per group
 * and side; a year then costs a few multiplications per tenure class (the 1,000-group case
 * prices ~10,000 tenure classes per keystroke).
 */
interface GroupBasis {
	/** base + post + skill + bonus + allowances: increased part, flat part (exact fen). */
	fixedInc: number;
	fixedFlat: number;
	/** The same for the overtime base without seniority (and without the 13th-month twelfth). */
	otInc: number;
	otFlat: number;
	/** (base + post) under and outside the increase, for the 13th month (C6). */
	bpInc: number;
	bpFlat: number;
	seniorityPerYearFen: number;
	seniorityIncreases: boolean;
	capYears: number;
	/** Premium hours ÷ 174: overtime pay per fen of hourly base. */
	perPayHour: number;
	seniorityInOt: boolean;
	thirteenthInOt: boolean;
	months13: number;
	heatMonths: number;
	/** What a heat month adds to the exact pay: the allowance and the overtime on it. */
	heatExtraFen: number;
}

const BASIS_PARTS = ['base', 'post', 'skill', 'bonus', 'allowances'] as const;

function groupBasis(ent: Enterprise, g: Group, rules: Rules): GroupBasis {
	const applies = ent.generalIncrease.appliesTo;
	const ob = ent.overtimeBase;
	let fixedInc = 0;
	let fixedFlat = 0;
	let otInc = 0;
	let otFlat = 0;
	let bpInc = 0;
	let bpFlat = 0;
	let allowances = 0;
	for (const al of g.allowances) allowances += yuanToFen(al.yuan);
	for (const c of BASIS_PARTS) {
		const fen =
			c === 'base'
				? yuanToFen(g.base)
				: c === 'post'
					? yuanToFen(g.post)
					: c === 'skill'
						? yuanToFen(ent.skillWage[g.skillLevel] ?? 0)
						: c === 'bonus'
							? yuanToFen(g.bonus)
							: allowances;
		const inc = applies.includes(c);
		if (inc) fixedInc += fen;
		else fixedFlat += fen;
		if (ob.includes(c)) {
			if (inc) otInc += fen;
			else otFlat += fen;
		}
		if (c === 'base' || c === 'post') {
			if (inc) bpInc += fen;
			else bpFlat += fen;
		}
	}
	const heatMonths = ent.paysHeatAllowance && g.heatExposed ? rules.heatAllowance.months.length : 0;
	const heatFen = heatMonths > 0 ? yuanToFen(rules.heatAllowance.monthlyYuan) : 0;
	const perPayHour = premiumHours(ent, g) / rules.hours.monthlyPayHours;
	return {
		fixedInc,
		fixedFlat,
		otInc,
		otFlat,
		bpInc,
		bpFlat,
		seniorityPerYearFen: yuanToFen(ent.seniority.yuanPerYear),
		seniorityIncreases: applies.includes('seniority'),
		capYears: ent.seniority.capYears,
		perPayHour,
		seniorityInOt: ob.includes('seniority'),
		thirteenthInOt: ob.includes('thirteenthMonth'),
		months13: ent.thirteenthMonth,
		heatMonths,
		heatExtraFen: heatFen + (ob.includes('heatAllowance') ? heatFen * perPayHour : 0)
	};
}

/** The workers of a group by tenure at the start of the contract (C3), computed once per group. */
const classCache = new WeakMap<Group, { years: number; count: number }[]>();

/** A group ready to price: its basis and its workers by tenure. */
interface PreparedGroup {
	basis: GroupBasis;
	classes: { years: number; count: number }[];
}

/**
 * Every group's basis, once per enterprise object (one lookup per contract year, not one per
 * group); the tenure classes once per group object (terms are applied copy-on-write, so an
 * unchanged group keeps its object).
 */
const preparedCache = new WeakMap<Enterprise, { rules: Rules; groups: PreparedGroup[] }>();

function prepared(ent: Enterprise, rules: Rules): PreparedGroup[] {
	const hit = preparedCache.get(ent);
	// A term may drive a jurisdiction number (rules) and leave the enterprise object as it was.
	if (hit && hit.rules === rules) return hit.groups;
	const groups = ent.groups.map((g) => {
		let classes = classCache.get(g);
		if (!classes) classCache.set(g, (classes = tenureClasses(g, 0)));
		return { basis: groupBasis(ent, g, rules), classes };
	});
	preparedCache.set(ent, { rules, groups });
	return groups;
}

function premiumHours(ent: Enterprise, g: Group): number {
	const p = ent.overtimePremium;
	const o = g.overtime;
	return p.workday * o.workday + p.restDay * o.restDay + p.holiday * o.holiday;
}

function increased(ent: Enterprise, opt: YearOptions, c: PayComponent, fen: number): number {
	if (opt.increaseYears <= 0 || !ent.generalIncrease.appliesTo.includes(c)) return fen;
	return fen * (1 + ent.generalIncrease.rate) ** opt.increaseYears;
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
	const prep = prepared(ent, rules);
	const out: GroupPayroll[] = new Array(prep.length);
	for (let i = 0; i < prep.length; i++)
		out[i] = groupPayrollOf(
			ent,
			ent.groups[i] as Group,
			rules,
			opt,
			detail,
			prep[i] as PreparedGroup
		);
	return out;
}

function groupPayrollOf(
	ent: Enterprise,
	g: Group,
	rules: Rules,
	opt: YearOptions,
	detail: boolean,
	pg: PreparedGroup
): GroupPayroll {
	const k = pg.basis;
	const classes = pg.classes;
	const f = opt.increaseYears > 0 ? (1 + ent.generalIncrease.rate) ** opt.increaseYears : 1;
	const n = g.headcount;
	const thirteenthExact = (k.bpInc * f + k.bpFlat) * k.months13;
	const thirteenthFen = payslipFen(thirteenthExact);
	const fixed = k.fixedInc * f + k.fixedFlat;
	const otNoSen =
		(k.otInc * f + k.otFlat + (k.thirteenthInOt ? thirteenthExact / 12 : 0)) * k.perPayHour;
	const senPerYear = k.seniorityIncreases ? k.seniorityPerYearFen * f : k.seniorityPerYearFen;
	const h = k.heatMonths;
	// The contribution base is a monthly wage; the 13th month bears the rate on what it pays.
	const tOn = thirteenthFen > 0 ? payslipFen(rules.onCost.rate * thirteenthFen) : 0;
	const rate = rules.onCost.rate;
	const baseMin = rules.onCost.baseMinYuan !== undefined ? yuanToFen(rules.onCost.baseMinYuan) : 0;
	const baseMax =
		rules.onCost.baseMaxYuan !== undefined ? yuanToFen(rules.onCost.baseMaxYuan) : Infinity;
	let bill = 0;
	let onCost = 0;
	let seniority = 0;
	let overtime = 0;
	for (let j = 0; j < classes.length; j++) {
		const c = classes[j] as { years: number; count: number };
		if (c.count === 0) continue;
		const sen = senPerYear * Math.min(k.capYears, c.years + opt.extraYears);
		const ot = otNoSen + (k.seniorityInOt ? sen * k.perPayHour : 0);
		const exact = fixed + sen + ot;
		const month = payslipFen(exact);
		const heat = h > 0 ? payslipFen(exact + k.heatExtraFen) : month;
		bill += c.count * ((12 - h) * month + h * heat + thirteenthFen);
		// C9, as onCostFen, with the base bounds read once per group.
		const mOn = payslipFen(rate * Math.min(baseMax, Math.max(baseMin, month)));
		const hOn = h > 0 ? payslipFen(rate * Math.min(baseMax, Math.max(baseMin, heat))) : mOn;
		onCost += c.count * ((12 - h) * mOn + h * hOn + tOn);
		seniority += c.count * sen;
		overtime += c.count * ot;
	}
	if (!detail) return { headcount: n, annualBillFen: bill, annualOnCostFen: onCost };
	const lowest = workerPay(ent, g, rules, lowestYears(g, opt.extraYears), opt);
	const mean = { ...lowest.exact };
	mean.seniorityFen = n > 0 ? seniority / n : 0;
	mean.overtimeFen = n > 0 ? overtime / n : 0;
	mean.overtimeHourlyFen =
		lowest.exact.overtimeHourlyFen +
		(ent.overtimeBase.includes('seniority')
			? (mean.seniorityFen - lowest.exact.seniorityFen) / rules.hours.monthlyPayHours
			: 0);
	// The displayed average month carries the 13th month and heat allowance as paid over the year.
	mean.totalFen = n > 0 ? bill / 12 / n : 0;
	return { headcount: n, annualBillFen: bill, annualOnCostFen: onCost, mean, lowest };
}

/**
 * Enterprise wage structure (岗位技能工资制) costing: monthly pay per worker from its components,
 * per group, for a given contract year. Rules C1–C9 in SPEC.md.
 */
import type { Finding } from './findings.ts';
import type { PayComponent } from './jurisdiction.ts';
import { roundFen, yuanToFen } from './money.ts';
import type { Enterprise, Group, ResolvedScenario } from './scenario.ts';

export type Rules = ResolvedScenario['rules'];

/** Monthly pay of one worker (mean or lowest-tenure) by component, in fen. */
export interface PayBreakdown {
	baseFen: number;
	postFen: number;
	skillFen: number;
	seniorityFen: number;
	bonusFen: number;
	allowancesFen: number;
	/** Allowances that count toward the minimum wage. */
	countedAllowancesFen: number;
	thirteenthMonthFen: number;
	heatAllowanceFen: number;
	overtimeFen: number;
	/** Hourly base for overtime (C5), fen per hour, not rounded. */
	overtimeHourlyFen: number;
	totalFen: number;
}

export interface YearOptions {
	/** Years added to every tenure (C8: year y of the contract adds y − 1). */
	extraYears: number;
	/** How many times the general increase is applied (0 for current pay, y for proposed year y). */
	increaseYears: number;
}

/** C3: seniority years paid on, capped per worker (so a distribution is capped before averaging). */
function seniorityYears(g: Group, capYears: number, extra: number, which: 'mean' | 'lowest'): number {
	const t = g.tenure;
	if ('distribution' in t) {
		if (which === 'lowest') return Math.min(capYears, Math.min(...t.distribution.map((d) => d.years)) + extra);
		return t.distribution.reduce((a, d) => a + d.share * Math.min(capYears, d.years + extra), 0);
	}
	if (which === 'lowest') return Math.min(capYears, (t.minYears ?? 0) + extra);
	return Math.min(capYears, t.meanYears + extra);
}

/** C8: the general increase, compounded, on the components it applies to. */
function inc(applies: readonly PayComponent[], factor: number, c: PayComponent, fen: number): number {
	return factor !== 1 && applies.includes(c) ? roundFen(fen * factor) : fen;
}

/** Computes one worker's monthly pay (C1–C7). */
export function workerPay(ent: Enterprise, g: Group, rules: Rules, which: 'mean' | 'lowest', opt: YearOptions): PayBreakdown {
	const f = opt.increaseYears > 0 ? (1 + ent.generalIncrease.rate) ** opt.increaseYears : 1;
	const a = ent.generalIncrease.appliesTo;
	const baseFen = inc(a, f, 'base', yuanToFen(g.base));
	const postFen = inc(a, f, 'post', yuanToFen(g.post));
	const skillFen = inc(a, f, 'skill', yuanToFen(ent.skillWage[g.skillLevel] ?? 0));
	const years = seniorityYears(g, ent.seniority.capYears, opt.extraYears, which);
	const seniorityFen = inc(a, f, 'seniority', roundFen(yuanToFen(ent.seniority.yuanPerYear) * years));
	const bonusFen = inc(a, f, 'bonus', yuanToFen(g.bonus));
	let allowancesFen = 0;
	let countedAllowancesFen = 0;
	for (const al of g.allowances) {
		const fen = inc(a, f, 'allowances', yuanToFen(al.yuan));
		allowancesFen += fen;
		if (al.countsTowardMinimum) countedAllowancesFen += fen;
	}
	// C6: the 13th month is (base + post) × months, spread over 12 months.
	const thirteenthMonthFen = roundFen(((baseFen + postFen) * ent.thirteenthMonth) / 12);
	// C7: the heat allowance is paid in the listed months only; averaged over 12 months.
	const heatAllowanceFen =
		ent.paysHeatAllowance && g.heatExposed
			? roundFen((yuanToFen(rules.heatAllowance.monthlyYuan) * rules.heatAllowance.months.length) / 12)
			: 0;
	// C5: overtime hourly base = chosen components ÷ monthly pay hours (174, [L9]).
	let otBaseFen = 0;
	for (const c of ent.overtimeBase) {
		if (c === 'base') otBaseFen += baseFen;
		else if (c === 'post') otBaseFen += postFen;
		else if (c === 'skill') otBaseFen += skillFen;
		else if (c === 'seniority') otBaseFen += seniorityFen;
		else if (c === 'bonus') otBaseFen += bonusFen;
		else if (c === 'allowances') otBaseFen += allowancesFen;
		else if (c === 'thirteenthMonth') otBaseFen += thirteenthMonthFen;
		else if (c === 'heatAllowance') otBaseFen += heatAllowanceFen;
	}
	const overtimeHourlyFen = otBaseFen / rules.hours.monthlyPayHours;
	const p = ent.overtimePremium;
	const o = g.overtime;
	const overtimeFen = roundFen(overtimeHourlyFen * (p.workday * o.workday + p.restDay * o.restDay + p.holiday * o.holiday));
	const totalFen =
		baseFen + postFen + skillFen + seniorityFen + bonusFen + allowancesFen + thirteenthMonthFen + heatAllowanceFen + overtimeFen;
	return {
		baseFen,
		postFen,
		skillFen,
		seniorityFen,
		bonusFen,
		allowancesFen,
		countedAllowancesFen,
		thirteenthMonthFen,
		heatAllowanceFen,
		overtimeFen,
		overtimeHourlyFen,
		totalFen
	};
}

/** C9: employer on-costs on a clamped contribution base, per worker. */
export function onCostFen(payFen: number, rules: Rules): number {
	const min = rules.onCost.baseMinYuan !== undefined ? yuanToFen(rules.onCost.baseMinYuan) : 0;
	const max = rules.onCost.baseMaxYuan !== undefined ? yuanToFen(rules.onCost.baseMaxYuan) : Infinity;
	return roundFen(rules.onCost.rate * Math.min(max, Math.max(min, payFen)));
}

/** C10: pay that counts toward the monthly minimum wage under the jurisdiction's inclusion rules. */
export function countedForMinimumFen(b: PayBreakdown, rules: Rules): number {
	const c = rules.minimumWage.countedComponents;
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
	const counted = c.reduce((a, k) => a + pick[k], 0);
	// Shanghai and Beijing exclude the employee's own social-insurance contributions ([P21]).
	return rules.minimumWage.includesEmployeeSocialInsurance
		? counted
		: roundFen(counted * (1 - rules.minimumWage.employeeSocialInsuranceRate));
}

/** Compliance checks on one group under one set of terms (C11–C15). */
export function groupFindings(ent: Enterprise, g: Group, rules: Rules, lowest: PayBreakdown): Finding[] {
	const out: Finding[] = [];
	if (g.headcount === 0) return out;
	const minFen = yuanToFen(rules.minimumWage.monthlyYuan);
	const counted = countedForMinimumFen(lowest, rules);
	if (counted < minFen) {
		out.push({
			code: 'min-wage',
			severity: 'violation',
			rule: 'Labour Law art 48; Labour Contract Law art 55 [L1][L2]',
			message: `${g.name}：计入最低工资的月工资 ${counted / 100} 元低于最低工资 ${minFen / 100} 元（不含加班费和特殊津贴）`,
			groupId: g.id,
			figures: { countedYuan: counted / 100, minimumYuan: minFen / 100 }
		});
	}
	const ot = g.overtime.workday + g.overtime.restDay + g.overtime.holiday;
	if (ot > rules.overtime.maxHoursPerMonth) {
		out.push({
			code: 'overtime-monthly',
			severity: 'violation',
			rule: 'Labour Law art 41 [L1]',
			message: `${g.name}：每月加班 ${ot} 小时，超过 ${rules.overtime.maxHoursPerMonth} 小时上限`,
			groupId: g.id,
			figures: { overtimeHours: ot, maxHours: rules.overtime.maxHoursPerMonth }
		});
	}
	if (g.overtime.maxPerDay !== undefined && g.overtime.maxPerDay > rules.overtime.maxHoursPerDay) {
		out.push({
			code: 'overtime-daily',
			severity: 'violation',
			rule: 'Labour Law art 41 [L1]',
			message: `${g.name}：单日加班 ${g.overtime.maxPerDay} 小时，超过每日 ${rules.overtime.maxHoursPerDay} 小时上限`,
			groupId: g.id,
			figures: { overtimeHoursPerDay: g.overtime.maxPerDay, maxHours: rules.overtime.maxHoursPerDay }
		});
	}
	if (g.quota && rules.quotaRule.applies) {
		const need = g.quota.unitsPerDay / rules.hours.standardHoursPerDay;
		const share = g.quota.outputPerHour.reduce((a, d) => a + (d.value >= need - 1e-9 ? d.share : 0), 0);
		if (share < rules.quotaRule.minShare - 1e-9) out.push(quotaFinding(g.name, share, g.quota.unitsPerDay, rules, g.id));
	}
	if (g.heatExposed && !ent.paysHeatAllowance && rules.heatAllowance.monthlyYuan > 0) {
		out.push({
			code: 'heat-allowance',
			severity: 'warning',
			rule: '防暑降温措施管理办法 2012 [P24][P23]',
			message: `${g.name}：高温作业岗位未发高温津贴（本地 ${rules.heatAllowance.monthlyYuan} 元/月，${rules.heatAllowance.months.join('、')} 月）`,
			groupId: g.id,
			figures: { heatAllowanceYuan: rules.heatAllowance.monthlyYuan }
		});
	}
	return out;
}

export function quotaFinding(name: string, share: number, units: number, rules: Rules, groupId?: string): Finding {
	const pct = Math.round(share * 1000) / 10;
	return {
		code: 'quota-90',
		severity: 'warning',
		rule: 'Hangzhou wage-consultation regs art 10; Shandong art 20; Shanxi 2023 [L15][L13][P35]',
		message: `${name}：定额 ${units} 在 ${rules.hours.standardHoursPerDay} 小时内只有 ${pct}% 的人能完成，低于 ${rules.quotaRule.minShare * 100}%`,
		...(groupId ? { groupId } : {}),
		figures: { shareMeeting: share, quotaUnits: units, minShare: rules.quotaRule.minShare }
	};
}

/** C13: overtime premiums actually paid against the statutory minimum. */
export function premiumFindings(ent: Enterprise, rules: Rules): Finding[] {
	const out: Finding[] = [];
	const names = { workday: '工作日延时', restDay: '休息日', holiday: '法定节假日' } as const;
	for (const k of ['workday', 'restDay', 'holiday'] as const) {
		const paid = ent.overtimePremium[k];
		const min = rules.overtime.minPremium[k];
		const used = ent.groups.some((g) => g.headcount > 0 && g.overtime[k] > 0);
		if (paid < min - 1e-9) {
			out.push({
				code: 'overtime-premium',
				severity: used ? 'violation' : 'warning',
				rule: 'Labour Law art 44; 工资支付暂行规定 art 13 [L1][L5]',
				message: `${names[k]}加班工资按 ${Math.round(paid * 100)}% 支付，低于法定 ${Math.round(min * 100)}%`,
				figures: { premium: paid, minimumPremium: min }
			});
		}
	}
	return out;
}

/**
 * Women's protection as costed terms (女职工劳动保护特别规定 2012, [L6]; C23–C25 in SPEC.md):
 * maternity leave agreed beyond the statutory 98 days and the province's extension, nursing
 * time, prenatal check-ups in working time, no overtime or night shifts in late pregnancy and
 * while nursing, and the load limit. Costed where the employer pays for time not worked;
 * checked where the law sets a floor.
 */
import { CITATIONS } from './citations.ts';
import { finding, type Finding } from './findings.ts';
import { payslipFen } from './money.ts';
import type { GroupPayroll, Rules } from './payroll.ts';
import type { Enterprise } from './scenario.ts';

export interface WomenProtectionCost {
	/** Employer's yearly cost of the women's-protection terms (replacement of time not worked), fen. */
	annualFen: number;
	/** Expected births a year across the groups (the cost driver). */
	birthsPerYear: number;
	items: { id: 'extraMaternityLeave' | 'nursingTime'; annualFen: number }[];
}

/**
 * C23: what the agreed terms cost above the legal floor (the floor is today's cost of doing
 * business in every case, so it is not priced). Per group, births = headcount × women share ×
 * births per woman-year; daily pay by calendar day = average-month pay × 12 ÷ 365, hourly =
 * average-month pay ÷ 174 ([L9]).
 *   extra leave  = births × agreed extra days × daily pay
 *   nursing time = births × (hours a day − legal hour) × 21.75 × 12 working days (the infant's
 *                  first year) × hourly
 * Each item is rounded once per group and year.
 */
export function womenProtectionCost(
	ent: Enterprise,
	payroll: GroupPayroll[],
	rules: Rules
): WomenProtectionCost | undefined {
	const wp = ent.womenProtection;
	if (!wp) return undefined;
	let leave = 0;
	let nursing = 0;
	let births = 0;
	ent.groups.forEach((g, i) => {
		const pr = payroll[i];
		if (!pr || g.headcount === 0) return;
		const b = g.headcount * (g.womenShare ?? 0) * wp.birthsPerWomanYear;
		if (b === 0) return;
		births += b;
		const monthFen = pr.annualBillFen / 12 / g.headcount;
		const dailyFen = (monthFen * 12) / 365;
		const hourlyFen = monthFen / rules.hours.monthlyPayHours;
		leave += payslipFen(b * wp.extraMaternityLeaveDays * dailyFen);
		const extraNursing = Math.max(
			0,
			wp.nursingHoursPerDay - rules.womenWorkers.minNursingHoursPerDay
		);
		nursing += payslipFen(b * extraNursing * rules.hours.monthlyPayDays * 12 * hourlyFen);
	});
	return {
		annualFen: leave + nursing,
		birthsPerYear: births,
		items: [
			{ id: 'extraMaternityLeave', annualFen: leave },
			{ id: 'nursingTime', annualFen: nursing }
		]
	};
}

/** C24: the legal floors of the women's-protection terms. */
export function womenProtectionFindings(ent: Enterprise, rules: Rules): Finding[] {
	const wp = ent.womenProtection;
	if (!wp) return [];
	const ww = rules.womenWorkers;
	const out: Finding[] = [];
	if (wp.nursingHoursPerDay < ww.minNursingHoursPerDay - 1e-9) {
		out.push(
			finding(
				'women-nursing-time',
				'violation',
				CITATIONS.nursingTime,
				`哺乳时间每天 ${wp.nursingHoursPerDay} 小时，低于法定每天 ${ww.minNursingHoursPerDay} 小时（不满一周岁婴儿）`,
				{ hoursPerDay: wp.nursingHoursPerDay, minHoursPerDay: ww.minNursingHoursPerDay }
			)
		);
	}
	if (!wp.prenatalCheckupsInWorkingTime) {
		out.push(
			finding(
				'women-prenatal',
				'violation',
				CITATIONS.pregnancy,
				'孕期产前检查所需时间应计入劳动时间'
			)
		);
	}
	if (!wp.noOvertimeLatePregnancy) {
		out.push(
			finding(
				'women-late-pregnancy',
				'violation',
				CITATIONS.pregnancy,
				'怀孕 7 个月以上的女职工不得安排延长劳动时间或夜班劳动'
			)
		);
	}
	if (!wp.noOvertimeNursing) {
		out.push(
			finding(
				'women-nursing-overtime',
				'violation',
				CITATIONS.nursingTime,
				'哺乳未满 1 周岁婴儿的女职工不得安排延长劳动时间或夜班劳动'
			)
		);
	}
	if (wp.loadLimitKg > ww.maxLoadKg + 1e-9) {
		out.push(
			finding(
				'women-load',
				'violation',
				CITATIONS.loadLimit,
				`女职工负重上限 ${wp.loadLimitKg} 公斤，超过法定 ${ww.maxLoadKg} 公斤（每小时 6 次以上）`,
				{ loadKg: wp.loadLimitKg, maxLoadKg: ww.maxLoadKg }
			)
		);
	}
	return out;
}

/** Total maternity leave in days: 98 national + the province's extension + what the parties agree (C25). */
export function maternityLeaveDays(ent: Enterprise, rules: Rules): number {
	const ww = rules.womenWorkers;
	return (
		ww.maternityLeaveDays +
		ww.localExtraMaternityLeaveDays +
		(ent.womenProtection?.extraMaternityLeaveDays ?? 0)
	);
}

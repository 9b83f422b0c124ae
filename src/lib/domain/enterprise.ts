/**
 * Compliance checks on the enterprise wage structure (C10–C14, C26): the minimum-wage test the
 * group's employment status calls for, overtime hours and premiums, the quota rule and the heat
 * allowance. Pay itself is computed in payroll.ts.
 */
import { CITATIONS } from './citations.ts';
import { finding, type Finding } from './findings.ts';
import { yuanToFen } from './money.ts';
import type { Rules, WorkerPay } from './payroll.ts';
import type { Enterprise, Group, ResolvedScenario } from './scenario.ts';

export { countedForMinimumFen, onCostFen, type PayBreakdown, type Rules } from './payroll.ts';

const yuan = (fen: number) => fen / 100;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * C10: the minimum-wage test for the group's least-paid worker. Full-time: counted pay of an
 * ordinary month against the monthly minimum. Part-time and platform: counted pay per hour
 * worked (`hoursPerMonth`, else the 174 pay hours) against the hourly minimum.
 */
export function minimumWageFindings(
	g: Group,
	rules: Rules,
	lowest: Pick<WorkerPay, 'countedFen'>,
	floor: ResolvedScenario['wageFloor'],
	out: Finding[] = []
): Finding[] {
	const counted = lowest.countedFen;
	if (g.employment === 'full-time') {
		const minFen = yuanToFen(rules.minimumWage.monthlyYuan);
		if (counted < minFen) {
			out.push(
				finding(
					'min-wage',
					'violation',
					CITATIONS.minWageMonthly,
					`${g.name}：按月最低工资标准（全日制）检验，计入最低工资的月工资 ${yuan(counted)} 元低于 ${yuan(minFen)} 元（不含加班工资和特殊津贴）`,
					{ countedYuan: yuan(counted), minimumYuan: yuan(minFen) },
					{ groupId: g.id, test: 'monthly' }
				)
			);
		}
		if (floor && floor.monthlyYuan > 0 && counted < yuanToFen(floor.monthlyYuan))
			out.push(floorFinding(g.name, floor, yuan(counted), 'monthly', g.id));
		return out;
	}
	const hours = g.hoursPerMonth ?? rules.hours.monthlyPayHours;
	const perHour = hours > 0 ? counted / hours : 0;
	const test = g.employment === 'part-time' ? 'hourly-part-time' : 'hourly-platform';
	if (perHour < yuanToFen(rules.minimumWage.hourlyYuan) - 1e-9) {
		const what =
			g.employment === 'part-time'
				? '小时最低工资标准（非全日制）'
				: '小时最低工资标准（平台劳动者，按工作时间）';
		out.push(
			finding(
				'min-wage',
				'violation',
				g.employment === 'part-time' ? CITATIONS.minWagePartTime : CITATIONS.minWagePlatform,
				`${g.name}：按${what}检验，每小时 ${round2(perHour / 100)} 元低于 ${rules.minimumWage.hourlyYuan} 元`,
				{ hourlyYuan: round2(perHour / 100), minimumYuan: rules.minimumWage.hourlyYuan, hours },
				{ groupId: g.id, test }
			)
		);
	}
	if (floor && floor.hourlyYuan > 0 && perHour < yuanToFen(floor.hourlyYuan) - 1e-9)
		out.push(floorFinding(g.name, floor, round2(perHour / 100), test, g.id));
	return out;
}

/** C26: pay below the industry or enterprise minimum wage the parties agreed. */
export function floorFinding(
	who: string,
	floor: NonNullable<ResolvedScenario['wageFloor']>,
	value: number,
	test: Finding['test'],
	groupId?: string
): Finding {
	const kind = floor.kind === 'industry' ? '行业最低工资' : '企业最低工资';
	const monthly = test === 'monthly';
	const limit = monthly ? floor.monthlyYuan : floor.hourlyYuan;
	return finding(
		'wage-floor',
		'violation',
		CITATIONS.wageFloor,
		`${who}：${monthly ? '计入最低工资的月工资' : '每小时收入'} ${value} 元低于${kind} ${limit} 元${monthly ? '' : '/小时'}`,
		{ valueYuan: value, floorYuan: limit },
		{ ...(groupId ? { groupId } : {}), ...(test ? { test } : {}) }
	);
}

/** Compliance checks on one group under one set of terms (C10–C14). */
export function groupFindings(
	ent: Enterprise,
	g: Group,
	rules: Rules,
	lowest: Pick<WorkerPay, 'countedFen'>,
	floor?: ResolvedScenario['wageFloor'],
	/** Where to add them (a report's list, so 1,000 groups do not each build one). */
	out: Finding[] = []
): Finding[] {
	if (g.headcount === 0) return out;
	minimumWageFindings(g, rules, lowest, floor, out);
	const ot = g.overtime.workday + g.overtime.restDay + g.overtime.holiday;
	if (ot > rules.overtime.maxHoursPerMonth) {
		out.push(
			finding(
				'overtime-monthly',
				'violation',
				CITATIONS.overtimeHours,
				`${g.name}：每月加班 ${ot} 小时，超过 ${rules.overtime.maxHoursPerMonth} 小时上限`,
				{ overtimeHours: ot, maxHours: rules.overtime.maxHoursPerMonth },
				{ groupId: g.id }
			)
		);
	}
	if (g.overtime.maxPerDay !== undefined && g.overtime.maxPerDay > rules.overtime.maxHoursPerDay) {
		out.push(
			finding(
				'overtime-daily',
				'violation',
				CITATIONS.overtimeHours,
				`${g.name}：单日加班 ${g.overtime.maxPerDay} 小时，超过每日 ${rules.overtime.maxHoursPerDay} 小时上限`,
				{ overtimeHoursPerDay: g.overtime.maxPerDay, maxHours: rules.overtime.maxHoursPerDay },
				{ groupId: g.id }
			)
		);
	}
	if (g.quota && rules.quotaRule.applies) {
		const need = g.quota.unitsPerDay / rules.hours.standardHoursPerDay;
		const share = g.quota.outputPerHour.reduce(
			(a, d) => a + (d.value >= need - 1e-9 ? d.share : 0),
			0
		);
		if (share < rules.quotaRule.minShare - 1e-9)
			out.push(quotaFinding(g.name, share, g.quota.unitsPerDay, rules, g.id));
	}
	if (g.heatExposed && !ent.paysHeatAllowance && rules.heatAllowance.monthlyYuan > 0) {
		out.push(
			finding(
				'heat-allowance',
				'warning',
				CITATIONS.heatAllowance,
				`${g.name}：高温作业岗位未发高温津贴（本地 ${rules.heatAllowance.monthlyYuan} 元/月，${rules.heatAllowance.months.join('、')} 月）`,
				{ heatAllowanceYuan: rules.heatAllowance.monthlyYuan },
				{ groupId: g.id }
			)
		);
	}
	return out;
}

export function quotaFinding(
	name: string,
	share: number,
	units: number,
	rules: Rules,
	groupId?: string
): Finding {
	const pct = Math.round(share * 1000) / 10;
	return finding(
		'quota-90',
		'warning',
		CITATIONS.quota,
		`${name}：定额 ${units} 在 ${rules.hours.standardHoursPerDay} 小时内只有 ${pct}% 的人能完成，低于 ${rules.quotaRule.minShare * 100}%`,
		{ shareMeeting: share, quotaUnits: units, minShare: rules.quotaRule.minShare },
		groupId ? { groupId } : {}
	);
}

/** C12: overtime premiums actually paid against the statutory minimum. */
export function premiumFindings(ent: Enterprise, rules: Rules): Finding[] {
	const out: Finding[] = [];
	const names = { workday: '工作日延时', restDay: '休息日', holiday: '法定节假日' } as const;
	for (const k of ['workday', 'restDay', 'holiday'] as const) {
		const paid = ent.overtimePremium[k];
		const min = rules.overtime.minPremium[k];
		if (paid < min - 1e-9) {
			// Only a premium below the minimum asks whether anyone works that overtime.
			const used = ent.groups.some((g) => g.headcount > 0 && g.overtime[k] > 0);
			out.push(
				finding(
					'overtime-premium',
					used ? 'violation' : 'warning',
					CITATIONS.overtimePremium,
					`${names[k]}加班工资按 ${Math.round(paid * 100)}% 支付，低于法定 ${Math.round(min * 100)}%`,
					{ premium: paid, minimumPremium: min }
				)
			);
		}
	}
	return out;
}

/**
 * The model parameters a term may drive (K52), listed from the case itself so the author picks
 * one instead of typing a path: every number, yes/no and text leaf of the wage model, and every
 * table of numbers (a skill ladder, a rate table). Array elements are addressed by their `id`,
 * as `drives` paths are (domain/paths.ts), so a path survives reordering the grid.
 */
import { m } from '$lib/paraglide/messages.js';

export type ParameterKind = 'number' | 'boolean' | 'string' | 'table';

export interface Parameter {
	path: string;
	/** A readable name: the Chinese words for each step, an element by its own name. */
	label: string;
	kind: ParameterKind;
}

const ROOTS = ['contract', 'wageFloor', 'enterprise', 'pieceRate'] as const;

/** Field names shown to people; unknown fields show as themselves. */
function word(key: string): string | undefined {
	const words: Record<string, () => string> = {
		contract: m.studio_p_contract,
		termYears: m.studio_p_term_years,
		wageFloor: m.studio_p_wage_floor,
		monthlyYuan: m.studio_p_monthly_yuan,
		hourlyYuan: m.studio_p_hourly_yuan,
		enterprise: m.studio_p_enterprise,
		seniority: m.studio_p_seniority,
		yuanPerYear: m.studio_p_yuan_per_year,
		capYears: m.studio_p_cap_years,
		skillWage: m.studio_p_skill_wage,
		overtimePremium: m.studio_p_overtime_premium,
		workday: m.studio_p_workday,
		restDay: m.studio_p_rest_day,
		holiday: m.studio_p_holiday,
		generalIncrease: m.studio_p_general_increase,
		rate: m.studio_p_rate,
		paysHeatAllowance: m.studio_p_pays_heat,
		thirteenthMonth: m.studio_p_thirteenth,
		groups: m.studio_p_groups,
		headcount: m.studio_p_headcount,
		base: m.studio_p_base,
		post: m.studio_p_post,
		bonus: m.studio_p_bonus,
		allowances: m.studio_p_allowances,
		yuan: m.studio_p_yuan,
		overtime: m.studio_p_overtime,
		pieceRate: m.studio_p_piece_rate,
		rateTable: m.studio_p_rate_table,
		floorYuan: m.studio_p_floor_yuan,
		upliftYuan: m.studio_p_uplift_yuan,
		takeRate: m.studio_p_take_rate,
		perUnitCosts: m.studio_p_per_unit_costs,
		guarantee: m.studio_p_guarantee,
		monthlyMinDays: m.studio_p_monthly_min_days,
		dailyMaxHours: m.studio_p_daily_max_hours,
		quotaUnitsPerDay: m.studio_p_quota_units,
		workingTime: m.studio_p_working_time,
		allowanceShare: m.studio_p_allowance_share,
		allowanceMinHours: m.studio_p_allowance_min_hours,
		surcharges: m.studio_p_surcharges,
		womenProtection: m.studio_p_women,
		extraMaternityLeaveDays: m.studio_p_extra_maternity,
		nursingHoursPerDay: m.studio_p_nursing_hours,
		workforce: m.studio_p_workforce,
		employeeShare: m.studio_p_employee_share,
		platform: m.s5p_platform,
		commissionCap: m.s5p_commission_cap,
		perUnitMax: m.s5p_per_unit_max,
		monthlyAverageMax: m.s5p_monthly_average_max,
		monthlyMinUnits: m.s5p_monthly_min_units,
		fatigue: m.s5p_fatigue,
		continuousHours: m.s5p_continuous_hours,
		restMinutes: m.s5p_rest_minutes,
		deliveryTime: m.s5p_delivery_time,
		extraMinutesPerUnit: m.s5p_extra_minutes_per_unit,
		lateDeduction: m.s5p_late_deduction,
		shareOfUnitsLate: m.s5p_share_of_units_late,
		deductionShareOfFee: m.s5p_deduction_share_of_fee,
		rules: m.s5p_rules,
		perKmBeyondYuan: m.s5p_per_km_beyond_yuan,
		unitsPerHour: m.s5p_units_per_hour,
		multiplier: m.s5p_multiplier,
		daysPerMonth: m.s5p_days_per_month,
		overtimeBase: m.s5p_overtime_base,
		maxPerDay: m.s5p_max_per_day,
		unitsPerDay: m.s5p_units_per_day,
		outputPerHour: m.s5p_output_per_hour,
		tenure: m.s5p_tenure,
		meanYears: m.s5p_mean_years,
		minYears: m.s5p_min_years,
		quota: m.s5p_quota,
		cells: m.s5p_cells,
		share: m.s5p_share,
		orderTimeShare: m.s5p_order_time_share,
		heatExposed: m.s5p_heat_exposed,
		kmBeyond: m.s5p_km_beyond,
		shareOfUnits: m.s5p_share_of_units,
		basis: m.s5p_basis,
		orderDistribution: m.s5p_order_distribution,
		appealWindowHours: m.s5p_appeal_window_hours,
		algorithmChangeNoticeDays: m.s5p_algorithm_change_notice_days,
		employeeStatus: m.s5p_employee_status,
		otherStatus: m.s5p_other_status
	};
	return words[key]?.();
}

/**
 * What the case itself calls its keys: a listed item's name by its id (a rate cell, a group) and a
 * term's option labels (skill levels), so a table's row reads 低价电商件, not ecom_low.
 */
function caseNames(doc: unknown): Map<string, string> {
	const names = new Map<string, string>();
	const walk = (node: unknown) => {
		if (Array.isArray(node)) node.forEach(walk);
		else if (isRecord(node)) {
			if (typeof node.id === 'string' && typeof node.name === 'string')
				names.set(node.id, node.name);
			if (isRecord(node.labels))
				for (const [k, v] of Object.entries(node.labels))
					if (typeof v === 'string' && !names.has(k)) names.set(k, v);
			Object.values(node).forEach(walk);
		}
	};
	walk(doc);
	return names;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every parameter a term could drive in `doc`, in document order. */
export function listParameters(doc: unknown): Parameter[] {
	const out: Parameter[] = [];
	const named = caseNames(doc);
	const nameOf = (k: string) => word(k) ?? named.get(k) ?? k;
	const walk = (node: unknown, path: string[], label: string[]) => {
		if (typeof node === 'number')
			out.push({ path: path.join('.'), label: label.join(' · '), kind: 'number' });
		else if (typeof node === 'boolean')
			out.push({ path: path.join('.'), label: label.join(' · '), kind: 'boolean' });
		else if (typeof node === 'string') {
			// Names and ids are labels, not parameters.
			if (
				!['id', 'name', 'unitName', 'dimension', 'skillLevel', 'pattern'].includes(
					path.at(-1) ?? ''
				)
			)
				out.push({ path: path.join('.'), label: label.join(' · '), kind: 'string' });
		} else if (Array.isArray(node)) {
			for (const el of node) {
				if (isRecord(el) && typeof el.id === 'string' && el.id !== '')
					walk(el, [...path, el.id], [...label, typeof el.name === 'string' ? el.name : el.id]);
			}
		} else if (isRecord(node)) {
			const values = Object.values(node);
			if (values.length > 0 && values.every((v) => typeof v === 'number'))
				out.push({ path: path.join('.'), label: label.join(' · '), kind: 'table' });
			for (const [k, v] of Object.entries(node)) walk(v, [...path, k], [...label, nameOf(k)]);
		}
	};
	if (!isRecord(doc)) return out;
	for (const root of ROOTS) if (doc[root] !== undefined) walk(doc[root], [root], [nameOf(root)]);
	// A population's distributions are inputs, not negotiable parameters.
	return out.filter(
		(p) => !p.path.startsWith('pieceRate.population') && !p.path.startsWith('pieceRate.bands')
	);
}

/** Which parameter kinds a term kind may drive. */
export function kindsFor(termKind: string): ParameterKind[] {
	switch (termKind) {
		case 'number':
		case 'cell':
			return ['number'];
		case 'boolean':
			return ['boolean'];
		case 'choice':
			return ['string'];
		case 'table':
			return ['table'];
		default:
			return ['number', 'boolean', 'string', 'table'];
	}
}

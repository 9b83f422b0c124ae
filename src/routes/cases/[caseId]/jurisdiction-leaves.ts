/**
 * Every number of a jurisdiction an author may override (K53), with a readable name: the studio
 * shows the jurisdiction's own value as the placeholder and writes only what the author types
 * into `jurisdictionOverrides`, which the loader merges onto the jurisdiction.
 */
import { m } from '$lib/paraglide/messages.js';
import type { JurisdictionFile } from '$lib/domain/index.ts';

export interface Leaf {
	path: string[];
	label: string;
	/** The jurisdiction's own figure; null when its sources give none and the case must supply it. */
	value: number | null;
}

function names(): Record<string, string> {
	return {
		'minimumWage.monthlyYuan': m.studio_j_min_monthly(),
		'minimumWage.hourlyYuan': m.studio_j_min_hourly(),
		'minimumWage.employeeSocialInsuranceRate': m.studio_j_employee_si(),
		'hours.standardHoursPerDay': m.studio_j_hours_day(),
		'hours.standardHoursPerWeek': m.studio_j_hours_week(),
		'hours.monthlyPayDays': m.studio_j_pay_days(),
		'hours.monthlyPayHours': m.studio_j_pay_hours(),
		'overtime.maxHoursPerMonth': m.studio_j_ot_month(),
		'overtime.maxHoursPerDay': m.studio_j_ot_day(),
		'overtime.normalMaxHoursPerDay': m.studio_j_ot_normal_day(),
		'overtime.minPremium.workday': m.studio_j_premium_workday(),
		'overtime.minPremium.restDay': m.studio_j_premium_rest(),
		'overtime.minPremium.holiday': m.studio_j_premium_holiday(),
		'heatAllowance.monthlyYuan': m.studio_j_heat(),
		'onCost.rate': m.studio_j_oncost_rate(),
		'onCost.baseMinYuan': m.studio_j_oncost_min(),
		'onCost.baseMaxYuan': m.studio_j_oncost_max(),
		'wageGuideline.baseline': m.studio_j_guide_base(),
		'wageGuideline.upper': m.studio_j_guide_upper(),
		'wageGuideline.lower': m.studio_j_guide_lower(),
		'quotaRule.minShare': m.studio_j_quota_share(),
		'womenWorkers.maternityLeaveDays': m.studio_j_maternity(),
		'womenWorkers.localExtraMaternityLeaveDays': m.studio_j_maternity_extra(),
		'womenWorkers.minNursingHoursPerDay': m.studio_j_nursing(),
		'womenWorkers.maxLoadKg': m.studio_j_load(),
		'procedure.replyDeadline.value': m.studio_j_reply_deadline(),
		'procedure.congressSubmission.value': m.s5_j_congress(),
		'procedure.minRepresentativesPerSide': m.studio_j_representatives(),
		'procedure.contractTermYears.min': m.studio_j_term_min(),
		'procedure.contractTermYears.max': m.studio_j_term_max()
	};
}

/** The jurisdiction's numbers in file order (arrays and the format version left out). */
export function jurisdictionLeaves(j: JurisdictionFile): Leaf[] {
	const label = names();
	const out: Leaf[] = [];
	const walk = (node: unknown, path: string[]) => {
		if (typeof node === 'number' || (node === null && path.length > 0)) {
			const key = path.join('.');
			if (key !== 'version') out.push({ path, label: label[key] ?? key, value: node });
		} else if (node !== null && typeof node === 'object' && !Array.isArray(node))
			for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
	};
	walk(j, []);
	return out;
}

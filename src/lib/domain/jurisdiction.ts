/**
 * Jurisdictions (法域) are data: every legal number the engine needs lives in
 * `scenarios/jurisdictions/*.yaml` and is validated by this schema. A scenario names one and may
 * override any value; `mergeJurisdiction` applies the override. No legal number is hard-coded in
 * the engine: where a rule has a value, it comes from here.
 */
import { z } from 'zod';
import { periodSchema } from './procedure/deadlines.ts';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const yuan = z.number().min(0);

/** Pay components an author may name in inclusion lists. */
export const payComponentSchema = z.enum([
	'base',
	'post',
	'skill',
	'seniority',
	'bonus',
	'allowances',
	'thirteenthMonth',
	'heatAllowance',
	'overtime'
]);
export type PayComponent = z.infer<typeof payComponentSchema>;

/** 最低工资 (Labour Law art 48–49): monthly for full-time staff, hourly for part-time and platform workers. */
const minimumWageSchema = z
	.object({
		monthlyYuan: positive,
		hourlyYuan: positive,
		/** Which pay components count toward the monthly minimum (overtime and special allowances never do, [P21]). */
		countedComponents: z.array(payComponentSchema).min(1),
		/** Most regions count the employee's own social-insurance and housing-fund contributions; Shanghai and Beijing do not [P21]. */
		includesEmployeeSocialInsurance: z.boolean(),
		employeeSocialInsuranceRate: share,
		source: z.string().optional()
	})
	.strict();

/** 高温津贴: a monthly amount in the listed months. */
const heatAllowanceSchema = z
	.object({
		monthlyYuan: yuan,
		months: z.array(z.number().int().min(1).max(12)),
		source: z.string().optional()
	})
	.strict();

export const jurisdictionSchema = z
	.object({
		version: z.literal(1),
		kind: z.literal('jurisdiction'),
		id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and hyphens'),
		name: z.string().min(1),
		sources: z.string().optional(),
		/** 最低工资 (Labour Law art 48–49): monthly for full-time staff, hourly for part-time and platform workers. */
		minimumWage: minimumWageSchema,
		hours: z
			.object({
				standardHoursPerDay: positive,
				standardHoursPerWeek: positive,
				/** 月计薪天数 21.75 and 174 h ([L9]). */
				monthlyPayDays: positive,
				monthlyPayHours: positive,
				source: z.string().optional()
			})
			.strict(),
		overtime: z
			.object({
				maxHoursPerMonth: z.number().min(0),
				maxHoursPerDay: z.number().min(0),
				normalMaxHoursPerDay: z.number().min(0),
				minPremium: z.object({ workday: positive, restDay: positive, holiday: positive }).strict(),
				source: z.string().optional()
			})
			.strict(),
		heatAllowance: heatAllowanceSchema,
		/** Employer social insurance and housing fund as one rate on a clamped contribution base ([P27]). */
		onCost: z
			.object({
				rate: share,
				baseMinYuan: yuan.optional(),
				baseMaxYuan: yuan.optional(),
				source: z.string().optional()
			})
			.strict(),
		/** 工资指导线 ([P28]): yearly growth rates. */
		wageGuideline: z
			.object({
				baseline: z.number(),
				upper: z.number(),
				lower: z.number(),
				source: z.string().optional()
			})
			.strict(),
		/** The 90 % quota rule (Shandong art 20, Hangzhou art 10 …). */
		quotaRule: z
			.object({ applies: z.boolean(), minShare: share, source: z.string().optional() })
			.strict(),
		/**
		 * Women workers (女职工劳动保护特别规定 2012, [L6]). 98 days of maternity leave nationally;
		 * provinces extend it (a datum per province, overridable by the scenario).
		 */
		womenWorkers: z
			.object({
				maternityLeaveDays: z.number().min(0).default(98),
				localExtraMaternityLeaveDays: z.number().min(0).default(0),
				minNursingHoursPerDay: z.number().min(0).default(1),
				maxLoadKg: z.number().min(0).default(20),
				source: z.string().optional()
			})
			.strict()
			.default({
				maternityLeaveDays: 98,
				localExtraMaternityLeaveDays: 0,
				minNursingHoursPerDay: 1,
				maxLoadKg: 20
			}),
		procedure: z
			.object({
				replyDeadline: z
					.object({ value: positive, unit: z.enum(['days', 'working_days']) })
					.strict(),
				minRepresentativesPerSide: z.number().int().min(1),
				contractTermYears: z
					.object({ min: z.number().int().min(1), max: z.number().int().min(1) })
					.strict(),
				/** Procedure periods that differ from the national rule (procedure/SPEC.md T4). */
				congressSubmission: periodSchema.optional(),
				filingDeadline: periodSchema.optional(),
				reviewPeriod: periodSchema.optional(),
				source: z.string().optional()
			})
			.strict()
	})
	.strict();

export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

/**
 * A jurisdiction as its file (or the studio) may hold it: a figure its sources do not give is left
 * empty (`null`, "not found") rather than guessed (domain SPEC K14). Only these figures may be
 * empty; a scenario on such a jurisdiction must supply them in `jurisdictionOverrides`, and the
 * merge is validated with the full `jurisdictionSchema`, which reports the gap.
 */
export const jurisdictionFileSchema = jurisdictionSchema.extend({
	minimumWage: minimumWageSchema.extend({
		monthlyYuan: positive.nullable(),
		hourlyYuan: positive.nullable()
	}),
	heatAllowance: heatAllowanceSchema.extend({ monthlyYuan: yuan.nullable() })
});
export type JurisdictionFile = z.infer<typeof jurisdictionFileSchema>;

/** The figures a jurisdiction leaves empty (dotted paths), for lists and messages. */
export function missingFigures(j: JurisdictionFile): string[] {
	const out: string[] = [];
	if (j.minimumWage.monthlyYuan === null) out.push('minimumWage.monthlyYuan');
	if (j.minimumWage.hourlyYuan === null) out.push('minimumWage.hourlyYuan');
	if (j.heatAllowance.monthlyYuan === null) out.push('heatAllowance.monthlyYuan');
	return out;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Deep-merges a scenario's `jurisdictionOverrides` onto a jurisdiction. Objects merge key by key,
 * everything else (numbers, arrays) replaces. The result is not re-validated here; the loader
 * does that so the author sees a located message.
 */
export function mergeJurisdiction(base: JurisdictionFile, overrides: unknown): unknown {
	return mergeDeep(base, overrides);
}

function mergeDeep(a: unknown, b: unknown): unknown {
	if (b === undefined) return a;
	if (isPlain(a) && isPlain(b)) {
		const out: Plain = { ...a };
		for (const [k, v] of Object.entries(b)) out[k] = mergeDeep(a[k], v);
		return out;
	}
	return b;
}

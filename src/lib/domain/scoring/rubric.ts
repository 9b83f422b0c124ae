/**
 * Rubrics (评分表) as data. A competition's score sheet is a list of criteria, each scored by a
 * judge on its own range and step, each either for the whole team or for every contestant. Keeping
 * the rubric as data (not code) lets an organizer publish their own 评分细则 without a release.
 *
 * Example: `rubricTotal(DEFAULT_RUBRIC, { prep: 8, law: 18 }, [...])` turns one judge's sheet into
 * a 0–100 rubric score (rule S2).
 */
import { z } from 'zod';
import { procedureStepSchema } from '../procedure/required-steps.ts';

/** Who a criterion is about: the side as a whole, or each contestant separately. */
export const CriterionScopeSchema = z.enum(['team', 'individual']);
export type CriterionScope = z.infer<typeof CriterionScopeSchema>;

export const CriterionSchema = z
	.object({
		/** Stable key used in score sheets (ASCII so it survives YAML, URLs and spreadsheets). */
		id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'criterion id: lower-case letters, digits, _'),
		/** 评分项 as judges read it, e.g. 法律政策运用. */
		label: z.string().min(1),
		description: z.string().optional(),
		/** Relative weight in the rubric total (S2); need not sum to 100. */
		weight: z.number().positive(),
		min: z.number().default(0),
		max: z.number(),
		/** Smallest increment a judge may give (S3); 0.5 means 7, 7.5, 8 … */
		step: z.number().positive().default(1),
		appliesTo: CriterionScopeSchema,
		/** A procedure step this criterion judges (server/SPEC.md E47): the sheet shows whether it was done. */
		procedureStep: procedureStepSchema.optional()
	})
	.refine((c) => c.max > c.min, { message: 'max must be greater than min', path: ['max'] });
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z
	.object({
		id: z.string().min(1),
		name: z.string().min(1),
		criteria: z.array(CriterionSchema).min(1)
	})
	.superRefine((r, ctx) => {
		const seen = new Set<string>();
		r.criteria.forEach((c, i) => {
			if (seen.has(c.id))
				ctx.addIssue({
					code: 'custom',
					message: `duplicate criterion id "${c.id}"`,
					path: ['criteria', i, 'id']
				});
			seen.add(c.id);
		});
	});
export type Rubric = z.infer<typeof RubricSchema>;

/**
 * Default template derived from DOMAIN.md §4.2 (criteria sourced [P52], weights [PH]). Each
 * criterion is scored out of its weight, the way Chinese 评分表 print "分值", so a judge's raw sum
 * equals the 0–100 rubric score. The §4.2 item "outcome_quality_win_win" is left out on purpose:
 * the outcome is scored from the agreement itself (S20–S24), not by the judges' impression.
 * 语言表达与仪态 and 应变能力 are individual so that 最佳协商员 has something to rank (S31).
 */
export const DEFAULT_RUBRIC: Rubric = {
	id: 'default-2026',
	name: '模拟集体协商评分表（默认模板）',
	criteria: [
		{
			id: 'preparation',
			label: '协商准备',
			weight: 10,
			min: 0,
			max: 10,
			step: 0.5,
			appliesTo: 'team'
		},
		{
			id: 'law_policy',
			label: '法律政策运用',
			weight: 20,
			min: 0,
			max: 20,
			step: 0.5,
			appliesTo: 'team'
		},
		{
			id: 'data_calculation',
			label: '数据运用与测算',
			weight: 20,
			min: 0,
			max: 20,
			step: 0.5,
			appliesTo: 'team'
		},
		{
			id: 'strategy',
			label: '策略技巧',
			weight: 20,
			min: 0,
			max: 20,
			step: 0.5,
			appliesTo: 'team'
		},
		{
			id: 'adaptability',
			label: '应变能力',
			weight: 10,
			min: 0,
			max: 10,
			step: 0.5,
			appliesTo: 'individual'
		},
		{
			id: 'teamwork',
			label: '团队配合',
			weight: 10,
			min: 0,
			max: 10,
			step: 0.5,
			appliesTo: 'team'
		},
		{
			id: 'expression',
			label: '语言表达与仪态',
			weight: 10,
			min: 0,
			max: 10,
			step: 0.5,
			appliesTo: 'individual'
		}
	]
};

/** Criteria of one scope, in rubric order. */
export function criteriaOf(rubric: Rubric, scope: CriterionScope): Criterion[] {
	return rubric.criteria.filter((c) => c.appliesTo === scope);
}

/** A score's position in its criterion's range, 0..1 (S2). */
export function normalisedScore(c: Criterion, value: number): number {
	return (value - c.min) / (c.max - c.min);
}

/**
 * Weighted 0–100 score over a set of criteria (S2). Missing values count as the criterion's
 * minimum: validation (S5) refuses a submitted sheet with gaps, so this only matters for drafts.
 */
export function weightedScore(criteria: Criterion[], scores: Record<string, number>): number {
	let sumW = 0;
	let acc = 0;
	for (const c of criteria) {
		sumW += c.weight;
		const v = scores[c.id];
		acc += c.weight * (v === undefined ? 0 : normalisedScore(c, v));
	}
	return sumW === 0 ? 0 : (100 * acc) / sumW;
}

/**
 * The rubric total of one judge's sheet for one side, 0–100 (S2): team criteria as scored,
 * individual criteria averaged over the contestants scored, all weighted together.
 */
export function rubricTotal(
	rubric: Rubric,
	teamScores: Record<string, number>,
	contestantScores: Record<string, number>[]
): number {
	let sumW = 0;
	let acc = 0;
	for (const c of rubric.criteria) {
		sumW += c.weight;
		if (c.appliesTo === 'team') {
			const v = teamScores[c.id];
			acc += c.weight * (v === undefined ? 0 : normalisedScore(c, v));
		} else {
			if (contestantScores.length === 0) continue;
			let s = 0;
			for (const cs of contestantScores) {
				const v = cs[c.id];
				s += v === undefined ? 0 : normalisedScore(c, v);
			}
			acc += (c.weight * s) / contestantScores.length;
		}
	}
	return sumW === 0 ? 0 : (100 * acc) / sumW;
}

/**
 * Is `value` on the criterion's step grid? Compared in integer step units with a relative
 * tolerance, because 0.1 + 0.2 style binary fractions make `value % step` unreliable (S3).
 */
export function isOnStep(value: number, min: number, step: number): boolean {
	const units = (value - min) / step;
	return Math.abs(units - Math.round(units)) <= 1e-9 * Math.max(1, Math.abs(units));
}

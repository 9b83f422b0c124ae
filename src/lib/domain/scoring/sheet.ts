/**
 * Score sheets (评分表 as filled in): one judge's scores for one side of one match, team criteria
 * once and individual criteria per contestant. Sheets are drafted freely and counted only once
 * submitted (S4); `validateSheet` lists every problem instead of throwing so a form can show them
 * all at once beside the fields they belong to.
 */
import { z } from 'zod';
import { isOnStep, type Rubric } from './rubric.ts';

export const SideSchema = z.enum(['labour', 'management']);
/** 职工方 (labour) or 企业方 (management). */
export type Side = z.infer<typeof SideSchema>;

export const SheetStatusSchema = z.enum(['draft', 'submitted']);

export const ContestantScoresSchema = z.object({
	contestantId: z.string().min(1),
	scores: z.record(z.string(), z.number()),
	comment: z.string().optional(),
	/** Remarks (评语) on this contestant's individual criteria, keyed by criterion id. */
	criterionComments: z.record(z.string(), z.string()).optional()
});
export type ContestantScores = z.infer<typeof ContestantScoresSchema>;

export const ScoreSheetSchema = z.object({
	id: z.string().min(1).optional(),
	matchId: z.string().min(1),
	side: SideSchema,
	teamId: z.string().min(1),
	judgeId: z.string().min(1),
	/** Team criteria, keyed by criterion id. */
	teamScores: z.record(z.string(), z.number()),
	/** Individual criteria, one entry per contestant the judge scored. */
	contestants: z.array(ContestantScoresSchema).default([]),
	comment: z.string().optional(),
	/** Per-criterion remarks (评语) on the side, keyed by criterion id (the app puts team criteria here). */
	criterionComments: z.record(z.string(), z.string()).optional(),
	status: SheetStatusSchema.default('draft')
});
export type ScoreSheet = z.infer<typeof ScoreSheetSchema>;
export type ScoreSheetInput = z.input<typeof ScoreSheetSchema>;

/** One thing wrong with an input, with where it is. Errors block counting; warnings do not. */
export interface ScoringProblem {
	path: (string | number)[];
	message: string;
	severity: 'error' | 'warning';
}

export function formatPath(path: readonly PropertyKey[]): string {
	return path.length === 0 ? '(root)' : path.map((p) => String(p)).join('.');
}

/**
 * Every problem with a sheet against its rubric (S5): shape errors from the schema, then values
 * outside the range, off the step grid, unknown criteria, individual criteria on the team part or
 * the other way round, missing criteria, duplicate contestants. A missing score is an error on a
 * submitted sheet and a warning on a draft, so drafts can be saved half-filled. Never throws.
 */
export function validateSheet(rubric: Rubric, input: unknown): ScoringProblem[] {
	const parsed = ScoreSheetSchema.safeParse(input);
	if (!parsed.success) {
		return parsed.error.issues.map((i) => ({
			path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
			message: i.message,
			severity: 'error' as const
		}));
	}
	const sheet = parsed.data;
	const problems: ScoringProblem[] = [];
	const byId = new Map(rubric.criteria.map((c) => [c.id, c]));
	const missingSeverity = sheet.status === 'submitted' ? 'error' : 'warning';

	const checkValue = (
		path: (string | number)[],
		id: string,
		value: number,
		scope: 'team' | 'individual'
	) => {
		const c = byId.get(id);
		if (!c) {
			problems.push({
				path,
				message: `"${id}" is not a criterion of rubric "${rubric.id}"`,
				severity: 'error'
			});
			return;
		}
		if (c.appliesTo !== scope) {
			const where = c.appliesTo === 'team' ? 'team scores' : "each contestant's scores";
			problems.push({
				path,
				message: `${c.label} (${id}) is scored in ${where}, not here`,
				severity: 'error'
			});
			return;
		}
		if (!Number.isFinite(value)) {
			problems.push({ path, message: `${c.label}: ${value} is not a number`, severity: 'error' });
			return;
		}
		if (value < c.min || value > c.max) {
			problems.push({
				path,
				message: `${c.label}: ${value} is outside ${c.min}–${c.max}`,
				severity: 'error'
			});
			return;
		}
		if (!isOnStep(value, c.min, c.step)) {
			problems.push({
				path,
				message: `${c.label}: ${value} is not a multiple of the step ${c.step} (counting from ${c.min})`,
				severity: 'error'
			});
		}
	};

	for (const [id, v] of Object.entries(sheet.teamScores))
		checkValue(['teamScores', id], id, v, 'team');
	for (const c of rubric.criteria) {
		if (c.appliesTo === 'team' && sheet.teamScores[c.id] === undefined)
			problems.push({
				path: ['teamScores', c.id],
				message: `${c.label} (${c.id}) has no score`,
				severity: missingSeverity
			});
	}

	const hasIndividual = rubric.criteria.some((c) => c.appliesTo === 'individual');
	if (hasIndividual && sheet.contestants.length === 0)
		problems.push({
			path: ['contestants'],
			message: 'the rubric has individual criteria but no contestant is scored',
			severity: missingSeverity
		});
	const seen = new Set<string>();
	sheet.contestants.forEach((ct, i) => {
		if (seen.has(ct.contestantId))
			problems.push({
				path: ['contestants', i, 'contestantId'],
				message: `contestant "${ct.contestantId}" is scored twice`,
				severity: 'error'
			});
		seen.add(ct.contestantId);
		for (const [id, v] of Object.entries(ct.scores))
			checkValue(['contestants', i, 'scores', id], id, v, 'individual');
		for (const c of rubric.criteria) {
			if (c.appliesTo === 'individual' && ct.scores[c.id] === undefined)
				problems.push({
					path: ['contestants', i, 'scores', c.id],
					message: `${c.label} (${c.id}) has no score for contestant "${ct.contestantId}"`,
					severity: missingSeverity
				});
		}
	});
	// A stray remark loses no score, so it is a warning: the sheet still counts.
	const checkComments = (
		path: (string | number)[],
		comments: Record<string, string> | undefined
	) => {
		for (const id of Object.keys(comments ?? {})) {
			if (!byId.has(id))
				problems.push({
					path: [...path, id],
					message: `comment on "${id}", which is not a criterion of rubric "${rubric.id}"`,
					severity: 'warning'
				});
		}
	};
	checkComments(['criterionComments'], sheet.criterionComments);
	sheet.contestants.forEach((ct, i) =>
		checkComments(['contestants', i, 'criterionComments'], ct.criterionComments)
	);
	return problems;
}

/** True when a sheet counts toward results: submitted and free of errors (S4, S5). */
export function isCountable(rubric: Rubric, sheet: ScoreSheet): boolean {
	return (
		sheet.status === 'submitted' &&
		!validateSheet(rubric, sheet).some((p) => p.severity === 'error')
	);
}

/**
 * A judge's score-sheet form: field names, parsing of the posted body, and validation through the
 * engine's `validateSheet` (S3, S5), with each problem put back beside the field it belongs to.
 */
import { z } from 'zod';
import { isOnStep, validateSheet, type Rubric } from '../../domain/scoring/index.ts';
import type { Contestant, SheetValues } from './judging.ts';
import type { Side } from '../events/events.ts';

/** Field names: `t.<criterion>` for team criteria, `c.<contestant seat>.<criterion>` for individual ones. */
export const teamField = (criterionId: string) => `t.${criterionId}`;
export const contestantField = (contestantId: string, criterionId: string) =>
	`c.${contestantId}.${criterionId}`;
/** The remark (评语) beside a score: `tn.<criterion>` and `cn.<contestant seat>.<criterion>`. */
export const teamNoteField = (criterionId: string) => `tn.${criterionId}`;
export const contestantNoteField = (contestantId: string, criterionId: string) =>
	`cn.${contestantId}.${criterionId}`;

/** A remark on one criterion: short enough to read on the scoreboard and in a spreadsheet cell. */
export const CRITERION_COMMENT_MAX = 500;
const CriterionCommentSchema = z.string().max(CRITERION_COMMENT_MAX);

export type FieldErrorCode =
	'nan' | 'range' | 'step' | 'missing' | 'no-contestants' | 'too-long' | 'other';
export interface FieldError {
	code: FieldErrorCode;
	min?: number;
	max?: number;
	step?: number;
	message?: string;
}

const HeaderSchema = z.object({
	match: z.string().regex(/^[a-z0-9]{1,64}$/),
	side: z.enum(['labour', 'management']),
	comment: z.string().max(2000).default(''),
	reason: z.string().max(500).default('')
});

export interface ParsedSheetForm {
	matchId: string;
	side: Side;
	reason: string;
	values: SheetValues;
	/** What was typed, by field, to refill the form after a refusal. */
	raw: Record<string, string>;
	errors: Record<string, FieldError>;
}

/** Reads the posted form; unparsable numbers become field errors, empty fields are left out. */
export function parseSheetForm(
	form: FormData,
	rubric: Rubric,
	contestants: Contestant[]
): ParsedSheetForm | null {
	const head = HeaderSchema.safeParse({
		match: form.get('match') ?? undefined,
		side: form.get('side') ?? undefined,
		comment: String(form.get('comment') ?? '').trim(),
		reason: String(form.get('reason') ?? '').trim()
	});
	if (!head.success) return null;
	const raw: Record<string, string> = {};
	const errors: Record<string, FieldError> = {};
	const read = (field: string): number | undefined => {
		const s = String(form.get(field) ?? '').trim();
		raw[field] = s;
		if (s === '') return undefined;
		// Full-width digits and the ideographic full stop come from Chinese input methods.
		const n = Number(s.normalize('NFKC').replace('。', '.'));
		if (!Number.isFinite(n)) {
			errors[field] = { code: 'nan' };
			return undefined;
		}
		return n;
	};
	// Line endings are normalised so a resubmission from another browser is not a "change".
	const readNote = (field: string): string | undefined => {
		const s = String(form.get(field) ?? '')
			.replace(/\r\n?/g, '\n')
			.trim();
		raw[field] = s;
		if (s === '') return undefined;
		if (!CriterionCommentSchema.safeParse(s).success) {
			errors[field] = { code: 'too-long', max: CRITERION_COMMENT_MAX };
			return undefined;
		}
		return s;
	};
	const teamScores: Record<string, number> = {};
	const criterionComments: Record<string, string> = {};
	for (const c of rubric.criteria.filter((c) => c.appliesTo === 'team')) {
		const v = read(teamField(c.id));
		if (v !== undefined) teamScores[c.id] = v;
		const note = readNote(teamNoteField(c.id));
		if (note !== undefined) criterionComments[c.id] = note;
	}
	const indiv = rubric.criteria.filter((c) => c.appliesTo === 'individual');
	const cs = indiv.length
		? contestants.map((ct) => {
				const scores: Record<string, number> = {};
				const notes: Record<string, string> = {};
				for (const c of indiv) {
					const v = read(contestantField(ct.id, c.id));
					if (v !== undefined) scores[c.id] = v;
					const note = readNote(contestantNoteField(ct.id, c.id));
					if (note !== undefined) notes[c.id] = note;
				}
				return Object.keys(notes).length
					? { contestantId: ct.id, scores, criterionComments: notes }
					: { contestantId: ct.id, scores };
			})
		: [];
	return {
		matchId: head.data.match,
		side: head.data.side,
		reason: head.data.reason,
		values: { teamScores, contestants: cs, comment: head.data.comment, criterionComments },
		raw,
		errors
	};
}

/**
 * Validates with the engine (S5) and maps each problem to its field. Missing scores are errors
 * only on submission. Returns the field errors plus any problem that has no field (`_sheet`).
 */
export function checkSheet(
	rubric: Rubric,
	p: ParsedSheetForm,
	status: 'draft' | 'submitted',
	judgeId: string
): Record<string, FieldError> {
	const errors: Record<string, FieldError> = { ...p.errors };
	const byId = new Map(rubric.criteria.map((c) => [c.id, c]));
	const problems = validateSheet(rubric, {
		matchId: p.matchId,
		side: p.side,
		teamId: p.side,
		judgeId,
		teamScores: p.values.teamScores,
		contestants: p.values.contestants,
		comment: p.values.comment || undefined,
		criterionComments: p.values.criterionComments,
		status
	});
	for (const pr of problems) {
		if (pr.severity !== 'error') continue;
		let field: string | null = null;
		let critId: string | undefined;
		let value: number | undefined;
		if (pr.path[0] === 'teamScores' && typeof pr.path[1] === 'string') {
			critId = pr.path[1];
			field = teamField(critId);
			value = p.values.teamScores[critId];
		} else if (
			pr.path[0] === 'contestants' &&
			typeof pr.path[1] === 'number' &&
			pr.path[2] === 'scores' &&
			typeof pr.path[3] === 'string'
		) {
			const ct = p.values.contestants[pr.path[1]];
			critId = pr.path[3];
			if (ct) {
				field = contestantField(ct.contestantId, critId);
				value = ct.scores[critId];
			}
		}
		const c = critId ? byId.get(critId) : undefined;
		if (!field || !c) {
			const isNoContestants = pr.path.length === 1 && pr.path[0] === 'contestants';
			errors._sheet ??= isNoContestants
				? { code: 'no-contestants' }
				: { code: 'other', message: pr.message };
			continue;
		}
		if (errors[field]) continue;
		if (value === undefined) errors[field] = { code: 'missing' };
		else if (value < c.min || value > c.max)
			errors[field] = { code: 'range', min: c.min, max: c.max };
		else if (!isOnStep(value, c.min, c.step))
			errors[field] = { code: 'step', step: c.step, min: c.min };
		else errors[field] = { code: 'other', message: pr.message };
	}
	return errors;
}

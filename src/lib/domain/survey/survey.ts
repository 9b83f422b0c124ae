/**
 * Surveys (征求意见): the union asks the workers what matters before bargaining starts. A survey
 * is data (its questions are stored as JSON and validated here), built from a case's agenda, and
 * each answer is checked against the survey it answers (survey/SPEC.md V1). Pure: no I/O.
 */
import { z } from 'zod';
import type { Term } from '../scenario.ts';

export const WEIGHT_MAX = 5;
export const COMMENT_MAX = 500;

const qid = z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,40}$/);
const option = z
	.object({ value: z.string().min(1).max(60), label: z.string().min(1).max(60) })
	.strict();

export const questionSchema = z.discriminatedUnion('kind', [
	z
		.object({
			id: qid,
			kind: z.literal('weights'),
			prompt: z.string().min(1).max(200),
			terms: z
				.array(z.object({ termId: z.string().min(1), title: z.string().min(1) }).strict())
				.min(1)
		})
		.strict(),
	z
		.object({
			id: qid,
			kind: z.literal('choice'),
			prompt: z.string().min(1).max(200),
			termId: z.string().min(1).optional(),
			options: z.array(option).min(2)
		})
		.strict(),
	z
		.object({
			id: qid,
			kind: z.literal('number'),
			prompt: z.string().min(1).max(200),
			termId: z.string().min(1).optional(),
			unit: z.string().max(20),
			min: z.number(),
			max: z.number()
		})
		.strict()
		.refine((q) => q.min < q.max, '下限应小于上限'),
	z
		.object({
			id: qid,
			kind: z.literal('segment'),
			prompt: z.string().min(1).max(200),
			options: z.array(option).min(2)
		})
		.strict(),
	z.object({ id: qid, kind: z.literal('comment'), prompt: z.string().min(1).max(200) }).strict()
]);
export type Question = z.infer<typeof questionSchema>;

export const questionsSchema = z
	.array(questionSchema)
	.min(1, '问卷至少要有一个问题')
	.superRefine((qs, ctx) => {
		const seen = new Set<string>();
		for (const [i, q] of qs.entries()) {
			if (seen.has(q.id))
				ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `问题编号重复：${q.id}` });
			seen.add(q.id);
		}
		if (qs.filter((q) => q.kind === 'segment').length > 1)
			ctx.addIssue({ code: 'custom', path: [], message: '只能有一个身份分组问题' });
	});

/** One answer: question id → a weight per term, an option value, a number, or a comment. */
export type AnswerValue = Record<string, number> | string | number;
export type Answers = Record<string, AnswerValue>;

/**
 * The zod schema an answer to these questions must pass (V1): every question but the comment is
 * required, weights are whole numbers 0–5 for exactly the question's terms, options must exist,
 * numbers must lie within the bounds.
 */
export function answersSchemaFor(questions: Question[]): z.ZodType<Answers> {
	const shape: Record<string, z.ZodType> = {};
	for (const q of questions) {
		switch (q.kind) {
			case 'weights': {
				const terms: Record<string, z.ZodType> = {};
				for (const t of q.terms)
					terms[t.termId] = z
						.number({ error: `请为「${t.title}」打分` })
						.int()
						.min(0)
						.max(WEIGHT_MAX);
				shape[q.id] = z.object(terms).strict();
				break;
			}
			case 'choice':
			case 'segment': {
				const values = q.options.map((o) => o.value) as [string, ...string[]];
				shape[q.id] = z.enum(values, { error: `请选择：${q.prompt}` });
				break;
			}
			case 'number':
				shape[q.id] = z
					.number({ error: `请填写：${q.prompt}` })
					.min(q.min, `不能小于 ${q.min}`)
					.max(q.max, `不能大于 ${q.max}`);
				break;
			case 'comment':
				shape[q.id] = z.string().trim().max(COMMENT_MAX, `意见不超过 ${COMMENT_MAX} 字`).optional();
				break;
		}
	}
	return z.object(shape).strict() as unknown as z.ZodType<Answers>;
}

/** What the survey editor sends; the questions are built from it and the case's terms. */
export const surveyDesignSchema = z
	.object({
		weightTerms: z.array(z.string().min(1)).min(1, '至少选择一个议题请职工打分'),
		weightPrompt: z.string().trim().min(1).max(200).default('下面这些议题，对您有多重要？'),
		choiceTerms: z.array(z.string().min(1)).default([]),
		number: z
			.object({
				prompt: z.string().trim().min(1).max(200),
				termId: z.string().min(1).optional(),
				unit: z.string().trim().max(20),
				min: z.number(),
				max: z.number()
			})
			.strict()
			.refine((n) => n.min < n.max, { message: '下限应小于上限', path: ['max'] })
			.optional(),
		segment: z
			.object({
				prompt: z.string().trim().min(1).max(200),
				options: z.array(z.string().trim().min(1).max(60)).min(2, '身份分组至少两个选项')
			})
			.strict()
			.optional(),
		comment: z.string().trim().min(1).max(200).optional()
	})
	.strict();
export type SurveyDesign = z.input<typeof surveyDesignSchema>;

/** A choice term's options as survey options; a yes/no term as 是/否. */
function termOptions(t: Term): { value: string; label: string }[] | null {
	if (t.kind === 'choice') return t.options.map((o) => ({ value: o.value, label: o.label }));
	if (t.kind === 'boolean')
		return [
			{ value: 'true', label: '是' },
			{ value: 'false', label: '否' }
		];
	return null;
}

/** Builds the questions from an editor design and the case's agenda; unknown terms are refused. */
export function buildQuestions(input: SurveyDesign, terms: Term[]): Question[] {
	const d = surveyDesignSchema.parse(input);
	const byId = new Map(terms.map((t) => [t.id, t]));
	const term = (id: string) => {
		const t = byId.get(id);
		if (!t) throw new Error(`案例里没有议题 ${id}`);
		return t;
	};
	const qs: Question[] = [];
	if (d.segment)
		qs.push({
			id: 'segment',
			kind: 'segment',
			prompt: d.segment.prompt,
			options: d.segment.options.map((o) => ({ value: o, label: o }))
		});
	qs.push({
		id: 'weights',
		kind: 'weights',
		prompt: d.weightPrompt,
		// Agenda order, whatever order the editor sent.
		terms: terms
			.filter((t) => d.weightTerms.includes(t.id))
			.map((t) => ({ termId: t.id, title: t.title }))
	});
	for (const id of d.weightTerms) term(id);
	for (const id of d.choiceTerms) {
		const t = term(id);
		const options = termOptions(t);
		if (!options) throw new Error(`议题「${t.title}」没有可选项`);
		qs.push({
			id: `choice-${id}`,
			kind: 'choice',
			prompt: `「${t.title}」您选哪一种？`,
			termId: id,
			options
		});
	}
	if (d.number) {
		if (d.number.termId) term(d.number.termId);
		qs.push({ id: 'number', kind: 'number', ...d.number });
	}
	if (d.comment) qs.push({ id: 'comment', kind: 'comment', prompt: d.comment });
	return questionsSchema.parse(qs);
}

/** The design a set of questions came from, to fill the editor again. */
export function designOf(questions: Question[]): SurveyDesign {
	const w = questions.find((q) => q.kind === 'weights');
	const n = questions.find((q) => q.kind === 'number');
	const s = questions.find((q) => q.kind === 'segment');
	const c = questions.find((q) => q.kind === 'comment');
	return {
		weightTerms: w?.kind === 'weights' ? w.terms.map((t) => t.termId) : [],
		weightPrompt: w?.prompt,
		choiceTerms: questions.flatMap((q) => (q.kind === 'choice' && q.termId ? [q.termId] : [])),
		number:
			n?.kind === 'number'
				? { prompt: n.prompt, termId: n.termId, unit: n.unit, min: n.min, max: n.max }
				: undefined,
		segment:
			s?.kind === 'segment'
				? { prompt: s.prompt, options: s.options.map((o) => o.label) }
				: undefined,
		comment: c?.kind === 'comment' ? c.prompt : undefined
	};
}

/** The segment question's answer, when the survey has one (V4). */
export function segmentOf(questions: Question[], answers: Answers): string | null {
	const s = questions.find((q) => q.kind === 'segment');
	const v = s ? answers[s.id] : undefined;
	return typeof v === 'string' ? v : null;
}

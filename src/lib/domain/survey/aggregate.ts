/**
 * Survey results (survey/SPEC.md V3–V5): counts, mean and quartiles of every weight and number,
 * option counts, comments — for all answers and per segment. Pure arithmetic over the stored
 * answers, so the results page, an export and a test all see the same figures.
 */
import type { Answers, Question } from './survey.ts';
import { segmentOf } from './survey.ts';

export interface Spread {
	n: number;
	mean: number;
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
}

/** Linear interpolation between order statistics at position (n − 1) × p (V3). */
function quantile(sorted: number[], p: number): number {
	const pos = (sorted.length - 1) * p;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Mean and quartiles of a list of values; null for none (V3). */
export function spreadOf(values: number[]): Spread | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	return {
		n: s.length,
		mean: s.reduce((a, b) => a + b, 0) / s.length,
		min: s[0]!,
		q1: quantile(s, 0.25),
		median: quantile(s, 0.5),
		q3: quantile(s, 0.75),
		max: s[s.length - 1]!
	};
}

export type QuestionResult =
	| {
			id: string;
			kind: 'weights';
			prompt: string;
			terms: { termId: string; title: string; spread: Spread | null }[];
	  }
	| {
			id: string;
			kind: 'choice' | 'segment';
			prompt: string;
			termId?: string;
			counts: { value: string; label: string; count: number }[];
	  }
	| {
			id: string;
			kind: 'number';
			prompt: string;
			termId?: string;
			unit: string;
			spread: Spread | null;
	  }
	| { id: string; kind: 'comment'; prompt: string; comments: string[] };

export interface ResultSet {
	responses: number;
	questions: QuestionResult[];
}

export interface SurveyResults extends ResultSet {
	/** Per segment option (V4), in the question's order; empty when the survey has no segment question. */
	segments: { value: string; label: string; results: ResultSet }[];
}

function resultSet(questions: Question[], answers: Answers[]): ResultSet {
	const out: QuestionResult[] = questions.map((q): QuestionResult => {
		switch (q.kind) {
			case 'weights':
				return {
					id: q.id,
					kind: 'weights',
					prompt: q.prompt,
					terms: q.terms.map((t) => ({
						...t,
						spread: spreadOf(
							answers.flatMap((a) => {
								const w = a[q.id];
								const v = typeof w === 'object' ? w[t.termId] : undefined;
								return typeof v === 'number' ? [v] : [];
							})
						)
					}))
				};
			case 'choice':
			case 'segment':
				return {
					id: q.id,
					kind: q.kind,
					prompt: q.prompt,
					...(q.kind === 'choice' && q.termId ? { termId: q.termId } : {}),
					counts: q.options.map((o) => ({
						...o,
						count: answers.filter((a) => a[q.id] === o.value).length
					}))
				};
			case 'number':
				return {
					id: q.id,
					kind: 'number',
					prompt: q.prompt,
					...(q.termId ? { termId: q.termId } : {}),
					unit: q.unit,
					spread: spreadOf(
						answers.flatMap((a) => (typeof a[q.id] === 'number' ? [a[q.id] as number] : []))
					)
				};
			case 'comment':
				return {
					id: q.id,
					kind: 'comment',
					prompt: q.prompt,
					comments: answers.flatMap((a) => {
						const c = a[q.id];
						return typeof c === 'string' && c.trim() ? [c.trim()] : [];
					})
				};
		}
	});
	return { responses: answers.length, questions: out };
}

/** Every statistic over all answers, and per segment when the survey asks for one (V4). */
export function aggregateSurvey(questions: Question[], answers: Answers[]): SurveyResults {
	const seg = questions.find((q) => q.kind === 'segment');
	return {
		...resultSet(questions, answers),
		segments:
			seg?.kind === 'segment'
				? seg.options.map((o) => ({
						...o,
						results: resultSet(
							questions,
							answers.filter((a) => segmentOf(questions, a) === o.value)
						)
					}))
				: []
	};
}

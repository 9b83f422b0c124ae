/**
 * Aggregating judges' scores for one subject (a side in a match, or a contestant) into one figure.
 * Panels disagree and some judges are harsher than others; the event picks how to combine
 * (S6–S9), and both the plain mean (raw) and the method's figure (adjusted) are always kept so an
 * organizer can show that the choice did or did not matter (S10).
 *
 * Example: `aggregateScores([{ judgeId: 'j1', subjectId: 'm1/labour', value: 82 }, …], 'trimmed')`.
 */
import { z } from 'zod';

export const AggregationMethodSchema = z.enum(['mean', 'trimmed', 'severity']);
export type AggregationMethod = z.infer<typeof AggregationMethodSchema>;

/** One judge's total for one subject, already on the 0–100 rubric scale. */
export interface JudgeScore {
	judgeId: string;
	subjectId: string;
	value: number;
}

export interface JudgeStats {
	judgeId: string;
	count: number;
	mean: number;
	/** Population standard deviation of this judge's totals across the event. */
	sd: number;
	/** How this judge's scores are adjusted under `severity` (S8, S9). */
	treatment: 'standardised' | 'centred-only' | 'unadjusted';
}

export interface Aggregate {
	subjectId: string;
	judgeCount: number;
	/** Plain mean of the judges' totals (S6). Always available. */
	raw: number;
	/** The event method's figure; equals `raw` under `mean`. */
	adjusted: number;
	method: AggregationMethod;
	/** What was actually applied: `trimmed` falls back to `mean` under 5 judges (S7). */
	applied: AggregationMethod;
	perJudge: { judgeId: string; raw: number; adjusted: number }[];
	notes: string[];
}

export interface AggregationResult {
	method: AggregationMethod;
	subjects: Aggregate[];
	/** Per-judge statistics and the event-wide ones; filled for every method, used by `severity`. */
	judges: JudgeStats[];
	eventMean: number;
	eventSd: number;
}

/** Fewest judges for which the trimmed mean is used (S7): with 5, three scores remain. */
export const TRIMMED_MIN_JUDGES = 5;

export function mean(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	let s = 0;
	for (const v of values) s += v;
	return s / values.length;
}

/** Population standard deviation (divide by n): judges' spread is described, not estimated. */
export function populationSd(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const m = mean(values);
	let s = 0;
	for (const v of values) s += (v - m) * (v - m);
	return Math.sqrt(s / values.length);
}

/**
 * 去掉一个最高分和一个最低分 (S7): drop exactly one highest and one lowest score, average the rest.
 * Under 5 scores it returns the plain mean and `isTrimmed: false`.
 */
export function trimmedMean(values: readonly number[]): { value: number; isTrimmed: boolean } {
	if (values.length < TRIMMED_MIN_JUDGES) return { value: mean(values), isTrimmed: false };
	const sorted = [...values].sort((a, b) => a - b);
	return { value: mean(sorted.slice(1, -1)), isTrimmed: true };
}

/**
 * Combine judges' totals per subject by the chosen method. `scale` bounds the severity mapping
 * (S8): an adjusted score is clamped to the rubric scale so a harsh judge's top sheet cannot
 * exceed 100.
 */
export function aggregateScores(
	scores: readonly JudgeScore[],
	method: AggregationMethod,
	scale: { min: number; max: number } = { min: 0, max: 100 }
): AggregationResult {
	const all = scores.map((s) => s.value);
	const eventMean = all.length ? mean(all) : 0;
	const eventSd = all.length ? populationSd(all) : 0;

	const byJudge = new Map<string, number[]>();
	for (const s of scores) {
		const list = byJudge.get(s.judgeId) ?? [];
		list.push(s.value);
		byJudge.set(s.judgeId, list);
	}
	const judges: JudgeStats[] = [...byJudge.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([judgeId, vals]) => {
			const sd = populationSd(vals);
			// S9: one sheet says nothing about a judge's habits; zero spread says the judge's level
			// but not their scale, so only the level is corrected.
			const treatment: JudgeStats['treatment'] =
				vals.length < 2 ? 'unadjusted' : sd > 1e-12 ? 'standardised' : 'centred-only';
			return { judgeId, count: vals.length, mean: mean(vals), sd, treatment };
		});
	const statsOf = new Map(judges.map((j) => [j.judgeId, j]));

	const severityAdjust = (judgeId: string, x: number): number => {
		const j = statsOf.get(judgeId);
		if (!j || j.treatment === 'unadjusted') return x;
		const y =
			j.treatment === 'standardised'
				? eventMean + (eventSd * (x - j.mean)) / j.sd
				: eventMean + (x - j.mean);
		return Math.min(scale.max, Math.max(scale.min, y));
	};

	const bySubject = new Map<string, JudgeScore[]>();
	for (const s of scores) {
		const list = bySubject.get(s.subjectId) ?? [];
		list.push(s);
		bySubject.set(s.subjectId, list);
	}
	const subjects: Aggregate[] = [];
	for (const [subjectId, list] of bySubject) {
		const values = list.map((s) => s.value);
		const raw = mean(values);
		const notes: string[] = [];
		let adjusted = raw;
		let applied: AggregationMethod = method;
		let perJudge = list.map((s) => ({ judgeId: s.judgeId, raw: s.value, adjusted: s.value }));
		if (method === 'trimmed') {
			const t = trimmedMean(values);
			adjusted = t.value;
			if (!t.isTrimmed) {
				applied = 'mean';
				notes.push(
					`only ${values.length} judge(s): trimmed mean needs ${TRIMMED_MIN_JUDGES}, plain mean used`
				);
			}
		} else if (method === 'severity') {
			perJudge = list.map((s) => ({
				judgeId: s.judgeId,
				raw: s.value,
				adjusted: severityAdjust(s.judgeId, s.value)
			}));
			adjusted = mean(perJudge.map((p) => p.adjusted));
			for (const p of perJudge) {
				const t = statsOf.get(p.judgeId)?.treatment;
				if (t === 'unadjusted')
					notes.push(`judge ${p.judgeId} scored one sheet only: score left unadjusted`);
				if (t === 'centred-only')
					notes.push(`judge ${p.judgeId} gave identical totals: level corrected, scale not`);
			}
		}
		subjects.push({
			subjectId,
			judgeCount: list.length,
			raw,
			adjusted,
			method,
			applied,
			perJudge,
			notes
		});
	}
	return { method, subjects, judges, eventMean, eventSd };
}

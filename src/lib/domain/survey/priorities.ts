/**
 * From the workers' weights to the labour side's priorities (survey/SPEC.md V6) and a draft points
 * table in the case's format (V7), so a trainer or a union can put the members' voice straight
 * into the team's confidential brief.
 */
import { stringify } from 'yaml';
import { pointsEntrySchema, type PointsEntry } from '../scenario.ts';
import type { QuestionResult, SurveyResults } from './aggregate.ts';

export const PRIORITY_TOTAL = 100;

export interface Priority {
	termId: string;
	title: string;
	/** Mean weight (0–5) the workers gave; 0 when nobody answered. */
	meanWeight: number;
	points: number;
}

export interface PrioritiesDraft {
	responses: number;
	priorities: Priority[];
	/** `confidential.labour.points` of the case: term id → bands or options. */
	points: Record<string, PointsEntry>;
}

/**
 * Splits `total` whole points in proportion to `shares` by largest remainder (V6): floors first,
 * then one more point to the largest remainders, ties to the earlier entry.
 */
export function apportion(shares: number[], total = PRIORITY_TOTAL): number[] {
	if (shares.length === 0) return [];
	const sum = shares.reduce((a, b) => a + b, 0);
	const exact =
		sum > 0 ? shares.map((s) => (s / sum) * total) : shares.map(() => total / shares.length);
	const out = exact.map(Math.floor);
	let left = total - out.reduce((a, b) => a + b, 0);
	const order = exact
		.map((e, i) => ({ i, r: e - Math.floor(e) }))
		.sort((a, b) => b.r - a.r || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		out[i]! += 1;
		left -= 1;
	}
	return out;
}

/** Half up to a whole number (points are whole). */
const roundHalfUp = (x: number) => Math.floor(x + 0.5);

/** A case entry scaled so its highest points equal `budget` (V7). */
function scaleEntry(entry: PointsEntry, budget: number): PointsEntry {
	const pts = 'options' in entry ? Object.values(entry.options) : entry.bands.map((b) => b.points);
	const top = Math.max(...pts);
	if (!(top > 0)) return entry;
	const f = (p: number) => roundHalfUp((p * budget) / top);
	return 'options' in entry
		? { options: Object.fromEntries(Object.entries(entry.options).map(([k, v]) => [k, f(v)])) }
		: { bands: entry.bands.map((b) => ({ ...b, points: f(b.points) })) };
}

export function draftPriorities(
	results: SurveyResults,
	casePoints: Record<string, PointsEntry> = {}
): PrioritiesDraft {
	const weights = results.questions.find((q) => q.kind === 'weights') as
		Extract<QuestionResult, { kind: 'weights' }> | undefined;
	const terms = weights?.terms ?? [];
	const means = terms.map((t) => t.spread?.mean ?? 0);
	const budgets = apportion(means);
	const priorities = terms.map((t, i) => ({
		termId: t.termId,
		title: t.title,
		meanWeight: means[i]!,
		points: budgets[i]!
	}));
	const points: Record<string, PointsEntry> = {};
	for (const p of priorities) {
		const existing = casePoints[p.termId];
		const number = results.questions.find((q) => q.kind === 'number' && q.termId === p.termId);
		const choice = results.questions.find((q) => q.kind === 'choice' && q.termId === p.termId);
		if (existing) points[p.termId] = scaleEntry(existing, p.points);
		else if (number?.kind === 'number' && number.spread) {
			const s = number.spread;
			points[p.termId] = {
				bands: [
					{ max: s.q1, points: 0 },
					{ min: s.q1, max: s.median, points: roundHalfUp(p.points / 3) },
					{ min: s.median, max: s.q3, points: roundHalfUp((2 * p.points) / 3) },
					{ min: s.q3, points: p.points }
				]
			};
		} else if (choice?.kind === 'choice') {
			const top = Math.max(...choice.counts.map((c) => c.count));
			if (top > 0)
				points[p.termId] = {
					options: Object.fromEntries(
						choice.counts.map((c) => [c.value, roundHalfUp((c.count * p.points) / top)])
					)
				};
		}
	}
	for (const [k, v] of Object.entries(points)) points[k] = pointsEntrySchema.parse(v);
	return { responses: results.responses, priorities, points };
}

/** The draft as YAML to paste under `confidential.labour.points`, headed with where it came from. */
export function draftToYaml(draft: PrioritiesDraft, surveyTitle: string): string {
	const head = [
		`# 职工方优先级草案：来自问卷「${surveyTitle}」，共 ${draft.responses} 份答卷`,
		`# 各议题分值按平均权重分配 ${PRIORITY_TOTAL} 分：${draft.priorities.map((p) => `${p.title} ${p.points}`).join('，')}`,
		'# 粘贴到案例的 confidential.labour.points 下'
	].join('\n');
	return `${head}\n${stringify({ points: draft.points })}`;
}

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
	aggregateSurvey,
	answersSchemaFor,
	apportion,
	buildQuestions,
	designOf,
	draftPriorities,
	draftToYaml,
	spreadOf,
	type Answers,
	type Question
} from './index.ts';
import type { Term } from '../scenario.ts';

const terms: Term[] = [
	{ id: 'upliftPerOrder', title: '每单加价', kind: 'number', unit: '元', current: 0 },
	{ id: 'hourlyGuarantee', title: '小时保障', kind: 'number', unit: '元/小时', current: 0 },
	{
		id: 'workingTimeBasis',
		title: '工时口径',
		kind: 'choice',
		options: [
			{ value: 'order_plus_allowance', label: '接单加宽放' },
			{ value: 'online_time', label: '在线时长' }
		],
		current: 'order_plus_allowance'
	},
	{ id: 'notes', title: '附则', kind: 'clause', current: '' }
];

const questions: Question[] = buildQuestions(
	{
		weightTerms: ['workingTimeBasis', 'upliftPerOrder', 'hourlyGuarantee'],
		choiceTerms: ['workingTimeBasis'],
		number: {
			prompt: '您每小时至少需要多少钱？',
			termId: 'hourlyGuarantee',
			unit: '元/小时',
			min: 0,
			max: 100
		},
		segment: { prompt: '您是？', options: ['专送', '众包'] },
		comment: '还有什么想说的？'
	},
	terms
);

const a = (
	seg: string,
	w: [number, number, number],
	basis: string,
	hourly: number,
	comment?: string
): Answers => ({
	segment: seg,
	weights: { upliftPerOrder: w[0], hourlyGuarantee: w[1], workingTimeBasis: w[2] },
	'choice-workingTimeBasis': basis,
	number: hourly,
	...(comment === undefined ? {} : { comment })
});

// Weights (uplift, hourly, basis) per answer: uplift 5,4,2,1; hourly 3,3,3,3; basis 0,0,1,1.
const answers: Answers[] = [
	a('专送', [5, 3, 0], 'online_time', 20, '高峰期太累'),
	a('专送', [4, 3, 0], 'online_time', 24),
	a('众包', [2, 3, 1], 'online_time', 26, '  '),
	a('众包', [1, 3, 1], 'order_plus_allowance', 30, '希望公开算法')
];

describe('survey questions and answers', () => {
	it('[V1] questions follow the agenda order, with the segment first', () => {
		expect(questions.map((q) => q.id)).toEqual([
			'segment',
			'weights',
			'choice-workingTimeBasis',
			'number',
			'comment'
		]);
		const w = questions[1]!;
		expect(w.kind === 'weights' && w.terms.map((t) => t.termId)).toEqual([
			'upliftPerOrder',
			'hourlyGuarantee',
			'workingTimeBasis'
		]);
		expect(buildQuestions(designOf(questions), terms)).toEqual(questions);
	});

	it('[V1] a term the case does not have, or a clause as a choice, is refused', () => {
		expect(() => buildQuestions({ weightTerms: ['nope'] }, terms)).toThrow(/nope/);
		expect(() => buildQuestions({ weightTerms: ['notes'], choiceTerms: ['notes'] }, terms)).toThrow(
			/没有可选项/
		);
	});

	it('[V1] answers: every question but the comment required, weights 0–5 whole, options and bounds checked', () => {
		const schema = answersSchemaFor(questions);
		expect(schema.safeParse(answers[0]).success).toBe(true);
		expect(schema.safeParse(answers[1]).success).toBe(true); // no comment
		const bad = (patch: Record<string, unknown>) =>
			schema.safeParse({ ...answers[0], ...patch }).success;
		expect(bad({ weights: { upliftPerOrder: 6, hourlyGuarantee: 3, workingTimeBasis: 0 } })).toBe(
			false
		);
		expect(bad({ weights: { upliftPerOrder: 2.5, hourlyGuarantee: 3, workingTimeBasis: 0 } })).toBe(
			false
		);
		expect(bad({ weights: { upliftPerOrder: 2, hourlyGuarantee: 3 } })).toBe(false);
		expect(
			bad({ weights: { upliftPerOrder: 2, hourlyGuarantee: 3, workingTimeBasis: 0, other: 1 } })
		).toBe(false);
		expect(bad({ segment: '兼职' })).toBe(false);
		expect(bad({ number: 101 })).toBe(false);
		expect(bad({ comment: '字'.repeat(501) })).toBe(false);
		expect(bad({ extra: 1 })).toBe(false);
		const { number: _n, ...noNumber } = answers[0]!;
		expect(schema.safeParse(noNumber).success).toBe(false);
	});
});

describe('survey aggregation', () => {
	it('[V3] quartiles interpolate at (n − 1) × p', () => {
		// Sorted 1,2,4,5: mean 12/4 = 3; Q1 at 0.75 → 1 + 0.75 × (2 − 1) = 1.75; median at 1.5 →
		// 2 + 0.5 × (4 − 2) = 3; Q3 at 2.25 → 4 + 0.25 × (5 − 4) = 4.25.
		expect(spreadOf([5, 1, 4, 2])).toEqual({
			n: 4,
			mean: 3,
			min: 1,
			q1: 1.75,
			median: 3,
			q3: 4.25,
			max: 5
		});
		expect(spreadOf([7])).toEqual({ n: 1, mean: 7, min: 7, q1: 7, median: 7, q3: 7, max: 7 });
		expect(spreadOf([])).toBeNull();
	});

	const r = aggregateSurvey(questions, answers);

	it('[V3][V5] weights, numbers, counts and comments over all answers', () => {
		expect(r.responses).toBe(4);
		const w = r.questions.find((q) => q.id === 'weights');
		if (w?.kind !== 'weights') throw new Error('no weights');
		expect(
			w.terms.map((t) => [t.termId, t.spread?.mean, t.spread?.q1, t.spread?.median, t.spread?.q3])
		).toEqual([
			['upliftPerOrder', 3, 1.75, 3, 4.25],
			['hourlyGuarantee', 3, 3, 3, 3],
			// 0,0,1,1: mean 0.5; Q1 at 0.75 → 0; median at 1.5 → 0.5; Q3 at 2.25 → 1.
			['workingTimeBasis', 0.5, 0, 0.5, 1]
		]);
		const n = r.questions.find((q) => q.id === 'number');
		// 20,24,26,30: mean 25; Q1 20 + 0.75 × 4 = 23; median 25; Q3 26 + 0.25 × 4 = 27.
		expect(n?.kind === 'number' && n.spread).toMatchObject({
			mean: 25,
			q1: 23,
			median: 25,
			q3: 27
		});
		const c = r.questions.find((q) => q.id === 'choice-workingTimeBasis');
		expect(c?.kind === 'choice' && c.counts.map((x) => x.count)).toEqual([1, 3]);
		const cm = r.questions.find((q) => q.id === 'comment');
		expect(cm?.kind === 'comment' && cm.comments).toEqual(['高峰期太累', '希望公开算法']);
	});

	it('[V4] per segment: 专送 and 众包 each over their own answers', () => {
		expect(r.segments.map((s) => [s.label, s.results.responses])).toEqual([
			['专送', 2],
			['众包', 2]
		]);
		const w = r.segments[0]!.results.questions.find((q) => q.id === 'weights');
		// 专送 uplift 5,4: mean 4.5; Q1 at 0.25 → 4 + 0.25 × 1 = 4.25; Q3 at 0.75 → 4.75.
		expect(w?.kind === 'weights' && w.terms[0]!.spread).toMatchObject({
			mean: 4.5,
			q1: 4.25,
			median: 4.5,
			q3: 4.75
		});
		const seg = r.questions.find((q) => q.id === 'segment');
		expect(seg?.kind === 'segment' && seg.counts.map((x) => x.count)).toEqual([2, 2]);
	});
});

describe('labour priorities from the weights', () => {
	it('[V6] 100 points by largest remainder', () => {
		// 3, 3, 0.5 of 6.5: 46.15…, 46.15…, 7.69… → floors 46, 46, 7 (99); the largest remainder
		// (0.69) gets the last point → 46, 46, 8.
		expect(apportion([3, 3, 0.5])).toEqual([46, 46, 8]);
		// All zero: 33.33… each → 33, 33, 33, the tie's extra point to the first → 34, 33, 33.
		expect(apportion([0, 0, 0])).toEqual([34, 33, 33]);
	});

	it('[V7] draft points table: case entries scaled, number bands at quartiles, choice by counts', () => {
		const casePoints = {
			upliftPerOrder: {
				bands: [
					{ max: 0.2, points: 0 },
					{ min: 0.2, max: 0.4, points: 8 },
					{ min: 0.4, max: 0.8, points: 18 },
					{ min: 0.8, points: 25 }
				]
			}
		};
		const d = draftPriorities(aggregateSurvey(questions, answers), casePoints);
		expect(d.responses).toBe(4);
		expect(d.priorities.map((p) => [p.termId, p.points])).toEqual([
			['upliftPerOrder', 46],
			['hourlyGuarantee', 46],
			['workingTimeBasis', 8]
		]);
		// Scaled to 46 from a top of 25: 8 × 46/25 = 14.72 → 15; 18 × 46/25 = 33.12 → 33; 25 → 46.
		expect(d.points.upliftPerOrder).toEqual({
			bands: [
				{ max: 0.2, points: 0 },
				{ min: 0.2, max: 0.4, points: 15 },
				{ min: 0.4, max: 0.8, points: 33 },
				{ min: 0.8, points: 46 }
			]
		});
		// Quartiles 23 / 25 / 27; 46/3 = 15.33 → 15, 92/3 = 30.67 → 31.
		expect(d.points.hourlyGuarantee).toEqual({
			bands: [
				{ max: 23, points: 0 },
				{ min: 23, max: 25, points: 15 },
				{ min: 25, max: 27, points: 31 },
				{ min: 27, points: 46 }
			]
		});
		// Counts 1 and 3 of budget 8: 1 × 8/3 = 2.67 → 3; 3 → 8.
		expect(d.points.workingTimeBasis).toEqual({
			options: { order_plus_allowance: 3, online_time: 8 }
		});
		const y = draftToYaml(d, '骑手问卷');
		expect(y).toContain('共 4 份答卷');
		expect(parse(y)).toEqual({ points: d.points });
	});
});

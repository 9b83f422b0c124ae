import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, isOnStep, rubricTotal, RubricSchema, type Rubric } from './rubric.ts';
import { validateSheet, type ScoreSheetInput } from './sheet.ts';

const fullSheet = (): ScoreSheetInput => ({
	matchId: 'm1',
	side: 'labour',
	teamId: 'L1',
	judgeId: 'j1',
	status: 'submitted',
	teamScores: { preparation: 8, law_policy: 16, data_calculation: 15.5, strategy: 17, teamwork: 9 },
	contestants: [
		{ contestantId: 'a', scores: { adaptability: 8, expression: 9 } },
		{ contestantId: 'b', scores: { adaptability: 7, expression: 7.5 } }
	]
});

describe('rubric', () => {
	it('[S1] the default template parses, weights sum to 100, labels are Chinese', () => {
		const r = RubricSchema.parse(DEFAULT_RUBRIC);
		expect(r.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
		expect(r.criteria.map((c) => c.label)).toContain('法律政策运用');
		expect(r.criteria.filter((c) => c.appliesTo === 'individual').map((c) => c.id)).toEqual([
			'adaptability',
			'expression'
		]);
	});

	it('[S1] a rubric with a duplicate criterion id or max ≤ min is refused', () => {
		const dup = {
			id: 'r',
			name: 'r',
			criteria: [DEFAULT_RUBRIC.criteria[0], DEFAULT_RUBRIC.criteria[0]]
		};
		expect(RubricSchema.safeParse(dup).success).toBe(false);
		const bad = {
			id: 'r',
			name: 'r',
			criteria: [{ id: 'x', label: '甲', weight: 1, min: 5, max: 5, appliesTo: 'team' }]
		};
		expect(RubricSchema.safeParse(bad).success).toBe(false);
	});

	it('[S2] the total adds team scores and the mean of individual scores when each is out of its weight', () => {
		const s = fullSheet();
		// team 8 + 16 + 15.5 + 17 + 9 = 65.5; adaptability mean (8+7)/2 = 7.5; expression (9+7.5)/2 = 8.25
		// total = 65.5 + 7.5 + 8.25 = 81.25
		expect(
			rubricTotal(
				DEFAULT_RUBRIC,
				s.teamScores,
				(s.contestants ?? []).map((c) => c.scores)
			)
		).toBeCloseTo(81.25, 9);
	});

	it('[S2] criteria on different ranges are normalised before weighting', () => {
		const r: Rubric = RubricSchema.parse({
			id: 'r',
			name: 'r',
			criteria: [
				{ id: 'a', label: '甲', weight: 3, min: 0, max: 10, step: 1, appliesTo: 'team' },
				{ id: 'b', label: '乙', weight: 1, min: 1, max: 5, step: 1, appliesTo: 'team' }
			]
		});
		// a: 6/10 = 0.6, b: (4−1)/(5−1) = 0.75 → 100 × (3×0.6 + 1×0.75)/4 = 100 × 2.55/4 = 63.75
		expect(rubricTotal(r, { a: 6, b: 4 }, [])).toBeCloseTo(63.75, 9);
	});
});

describe('validateSheet', () => {
	it('[S5] a complete, in-range, on-step submitted sheet has no problems', () => {
		expect(validateSheet(DEFAULT_RUBRIC, fullSheet())).toEqual([]);
	});

	it('[S5] a value outside the range is refused with its path', () => {
		const s = fullSheet();
		s.teamScores.law_policy = 21;
		const p = validateSheet(DEFAULT_RUBRIC, s);
		expect(p).toHaveLength(1);
		expect(p[0]).toMatchObject({ path: ['teamScores', 'law_policy'], severity: 'error' });
		expect(p[0]?.message).toContain('outside 0–20');
	});

	it('[S3] an off-step value is refused; step checks survive binary fractions', () => {
		const s = fullSheet();
		s.teamScores.strategy = 17.25;
		const p = validateSheet(DEFAULT_RUBRIC, s);
		expect(p.map((x) => x.path)).toEqual([['teamScores', 'strategy']]);
		expect(p[0]?.message).toContain('step 0.5');
		expect(isOnStep(0.3, 0, 0.1)).toBe(true); // 0.3/0.1 = 2.9999999999999996 in binary
		expect(isOnStep(0.7, 0.1, 0.2)).toBe(true); // (0.7−0.1)/0.2 = 2.9999999999999996
		expect(isOnStep(0.35, 0, 0.1)).toBe(false);
		expect(isOnStep(1.1 + 2.2, 0, 1.1)).toBe(true); // 3.3000000000000003 / 1.1
	});

	it('[S5] a missing criterion is an error on a submitted sheet and a warning on a draft', () => {
		const s = fullSheet();
		delete s.teamScores.teamwork;
		expect(validateSheet(DEFAULT_RUBRIC, s)).toEqual([
			expect.objectContaining({ path: ['teamScores', 'teamwork'], severity: 'error' })
		]);
		s.status = 'draft';
		expect(validateSheet(DEFAULT_RUBRIC, s)).toEqual([
			expect.objectContaining({ path: ['teamScores', 'teamwork'], severity: 'warning' })
		]);
	});

	it('[S5] unknown criteria, criteria in the wrong part and duplicate contestants are refused', () => {
		const s = fullSheet();
		s.teamScores.charisma = 5;
		s.teamScores.expression = 5;
		s.contestants = [
			...(s.contestants ?? []),
			{ contestantId: 'a', scores: { adaptability: 8, expression: 9 } }
		];
		const paths = validateSheet(DEFAULT_RUBRIC, s).map((p) => p.path.join('.'));
		expect(paths).toEqual([
			'teamScores.charisma',
			'teamScores.expression',
			'contestants.2.contestantId'
		]);
	});

	it('[S5] remarks on known criteria pass; a remark on an unknown criterion is a warning with its path', () => {
		const s = fullSheet();
		s.criterionComments = { law_policy: '引用条款准确' };
		s.contestants![0]!.criterionComments = { adaptability: '临场反应快' };
		expect(validateSheet(DEFAULT_RUBRIC, s)).toEqual([]);
		s.contestants![1]!.criterionComments = { charisma: '?' };
		const problems = validateSheet(DEFAULT_RUBRIC, s);
		expect(problems.map((p) => [p.path.join('.'), p.severity])).toEqual([
			['contestants.1.criterionComments.charisma', 'warning']
		]);
	});

	it('[S5] malformed input gives problems, never an exception', () => {
		expect(() => validateSheet(DEFAULT_RUBRIC, null)).not.toThrow();
		expect(validateSheet(DEFAULT_RUBRIC, null).length).toBeGreaterThan(0);
		const p = validateSheet(DEFAULT_RUBRIC, {
			...fullSheet(),
			side: 'union',
			teamScores: { law_policy: 'ten' }
		});
		expect(p.map((x) => x.path.join('.'))).toEqual(
			expect.arrayContaining(['side', 'teamScores.law_policy'])
		);
		expect(p.every((x) => x.severity === 'error')).toBe(true);
	});

	it('[S5] a rubric with individual criteria needs at least one contestant on a submitted sheet', () => {
		const s = fullSheet();
		s.contestants = [];
		expect(validateSheet(DEFAULT_RUBRIC, s)).toEqual([
			expect.objectContaining({ path: ['contestants'], severity: 'error' })
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { changedRules, rulesLockOf, type Rules } from './rules.ts';

const rules = (): Rules => ({
	rubric: {
		id: 'r',
		name: '评分表',
		criteria: [{ id: 'a', label: '甲', weight: 10, min: 0, max: 10, step: 0.5, appliesTo: 'team' }]
	},
	method: 'mean',
	weights: { rubric: 70, outcome: 30 },
	noAgreement: 'zero',
	tieBreak: ['total', 'outcome', 'rubric', 'lot'],
	prizes: { mode: 'share', bands: [{ label: '一等奖', share: 0.1 }] },
	individualAwards: { mode: 'count', bands: [{ label: '最佳协商员', count: 1 }] },
	ranking: 'separate'
});

describe('rules lock', () => {
	it('locks on the first submitted sheet, or on the first match leaving its initial phase, citing the sheet first', () => {
		expect(rulesLockOf({ hasSubmittedSheet: false, hasStartedMatch: false })).toBeNull();
		expect(rulesLockOf({ hasSubmittedSheet: false, hasStartedMatch: true })).toBe('match-started');
		expect(rulesLockOf({ hasSubmittedSheet: true, hasStartedMatch: false })).toBe(
			'sheet-submitted'
		);
		expect(rulesLockOf({ hasSubmittedSheet: true, hasStartedMatch: true })).toBe('sheet-submitted');
	});

	it('sees no change when the same rules come back with their object keys in another order', () => {
		const a = rules();
		const b = {
			...rules(),
			weights: { outcome: 30, rubric: 70 },
			prizes: { bands: [{ share: 0.1, label: '一等奖' }], mode: 'share' }
		};
		expect(changedRules(a, b)).toEqual([]);
	});

	it('names each rule that changed: weights, tie-break order (order counts), prize bands, no-agreement rule, rubric', () => {
		const b = rules();
		b.weights = { rubric: 60, outcome: 40 };
		b.tieBreak = ['total', 'rubric', 'outcome', 'lot'];
		b.prizes = { mode: 'share', bands: [{ label: '一等奖', share: 0.2 }] };
		b.noAgreement = 'last-offers';
		(b.rubric as { name: string }).name = '新评分表';
		expect(changedRules(rules(), b)).toEqual([
			'rubric',
			'weights',
			'noAgreement',
			'tieBreak',
			'prizes'
		]);
	});
});

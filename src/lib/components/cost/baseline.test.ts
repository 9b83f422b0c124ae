import { describe, expect, it } from 'vitest';
import { cost, currentTerms } from '$lib/domain/index.ts';
import { enterpriseFixture } from '$lib/domain/fixtures.ts';
import { rebase } from './baseline.ts';

describe('rebase', () => {
	it('returns the scenario itself when current terms are the scenario’s own', () => {
		const s = enterpriseFixture();
		expect(rebase(s, currentTerms(s))).toBe(s);
		expect(rebase(s, undefined)).toBe(s);
	});

	it('prices proposed terms against the given current terms', () => {
		const s = enterpriseFixture();
		const b = rebase(s, { ...currentTerms(s), seniorityPerYear: 35 });
		expect(b.terms.find((t) => t.id === 'seniorityPerYear')?.current).toBe(35);
		expect(b.enterprise?.seniority.yuanPerYear).toBe(35);
		const at35 = cost(s, { seniorityPerYear: 35 }).monthly.proposed.employerCostFen;
		const at45 = cost(s, { seniorityPerYear: 45 }).monthly.proposed.employerCostFen;
		const r = cost(b, { seniorityPerYear: 45 });
		expect(r.annual.costDeltaFen).toBe((at45 - at35) * 12);
		expect(r.changes.map((c) => c.termId)).toEqual(['seniorityPerYear']);
	});

	it('rebases table terms by merging cells', () => {
		const s = enterpriseFixture();
		const b = rebase(s, { skillLadder: { mid: 250 } });
		expect(b.terms.find((t) => t.id === 'skillLadder')?.current).toEqual({ none: 0, mid: 250 });
		expect(cost(b, { skillLadder: { none: 0, mid: 250 } }).changes).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { loadFile } from '../../../../server/scenario-files.ts';
import type { ResolvedScenario } from '$lib/domain/index.ts';
import { termEffect } from './term-effect.ts';

const r = loadFile(
	new URL('../../../../scenarios/s1-qiantang-parts.yaml', import.meta.url).pathname
);
if (!r.ok) throw new Error('S1 does not load');
const s1 = r.value as ResolvedScenario;

describe('one term’s effect beside its control', () => {
	it('[C22] prices the term alone against the current terms and names who gains', () => {
		// S1 seniority 30 → 50: the group-by-group arithmetic is in tests/e2e/scenario-explorer.spec.ts
		// (annual +1,775,806.80 yuan; P1 mean pay 4,682.62 → 4,762.07, +79.45 a month).
		const e = termEffect(s1, 'seniorityPerYear', 50);
		expect(e.annualFen).toBe(177_580_680);
		expect(
			e.groups.find((g) => g.name === s1.enterprise!.groups.find((x) => x.id === 'P1')!.name)
				?.deltaMeanPayFen
		).toBe(7_945);
		expect(e.groups.map((g) => g.deltaMeanPayFen)).toEqual(
			[...e.groups.map((g) => g.deltaMeanPayFen)].sort((a, b) => b - a)
		);
		expect(e.groups.every((g) => g.deltaMeanPayFen > 0)).toBe(true);
	});

	it('is zero at the current value', () => {
		expect(termEffect(s1, 'seniorityPerYear', 30)).toEqual({ annualFen: 0, groups: [] });
	});
});

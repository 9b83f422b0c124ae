import { describe, expect, it } from 'vitest';
import { getScenario, listScenarios } from './scenarios.ts';
import { toPublic } from '../scenario-public.ts';

describe('shipped scenarios on the server', () => {
	it('lists every shipped scenario by file name with its pay model and jurisdiction', () => {
		const list = listScenarios();
		const ids = list.map((s) => s.id);
		expect(ids).toEqual(
			expect.arrayContaining([
				's1-qiantang-parts',
				's2-qianhu-food-delivery',
				's3-dongzhou-express'
			])
		);
		expect(list.find((s) => s.id === 's1-qiantang-parts')?.payModel).toBe('enterprise');
		expect(list.find((s) => s.id === 's2-qianhu-food-delivery')?.payModel).toBe('piece-rate');
		for (const s of list) expect(s.jurisdiction.length).toBeGreaterThan(0);
	});

	it('returns undefined for an unknown id', () => {
		expect(getScenario('no-such-case')).toBeUndefined();
		expect(getScenario('../scenarios/s1-qiantang-parts')).toBeUndefined();
	});

	it('the public shape carries no confidential brief', () => {
		const s = getScenario('s1-qiantang-parts');
		expect(s?.confidential.labour.brief).toContain('工会的目标');
		const pub = JSON.stringify(toPublic(s!));
		expect(pub).not.toContain('confidential');
		expect(pub).not.toContain('工会的目标');
		expect(pub).not.toContain('董事会要求');
		expect(s?.confidential).toBeDefined(); // the cached scenario is untouched
	});
});

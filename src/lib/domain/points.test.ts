import { describe, expect, it } from 'vitest';
import { enterpriseFixture } from './fixtures.ts';
import { pointsFor } from './points.ts';
import { currentTerms } from './terms.ts';

describe('points tables', () => {
	const s = enterpriseFixture();
	it('[S0] bands are min-inclusive, max-exclusive; options are keyed by the value as a string', () => {
		// fixture labour table: seniority < 30 → 0, ≥ 30 → 10; heat true → 5, false → 0
		expect(pointsFor(s, 'labour', { seniorityPerYear: 29.99 })).toBe(0);
		expect(pointsFor(s, 'labour', { seniorityPerYear: 30 })).toBe(10);
		expect(pointsFor(s, 'labour', { seniorityPerYear: 30, heat: true })).toBe(15);
	});
	it('[S0] omitted terms count at their current value; a side without a table scores 0', () => {
		// current: seniority 25 → 0, heat false → 0
		expect(pointsFor(s, 'labour', {})).toBe(0);
		expect(pointsFor(s, 'labour', currentTerms(s))).toBe(0);
		expect(pointsFor(s, 'management', { seniorityPerYear: 50 })).toBe(0);
	});
});

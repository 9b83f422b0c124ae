import { describe, expect, it } from 'vitest';
import {
	analyzeMatchOutcome,
	MatchOutcomeSchema,
	resolveOutcome
} from '../../domain/scoring/index.ts';
import { getScenario } from '../scenarios.ts';
import { outcomeFromPackages, scorePackage } from './outcome.ts';

/**
 * S1 (钱塘零部件) points tables, by hand:
 *   labour reservation (40, 12, 0.05, 是, 460): 15 + 5 + 15 + 15 + 6 = 56; best 25 + 10 + 20 + 15 + 10 = 80
 *   management reservation (45, 12, 0.055, 是, 450): 8 + 8 + 5 + 5 + 5 = 31; best 20 + 15 + 25 + 5 + 10 = 75
 * Package P = 工龄 50, 封顶 12, 普调 4.5%, 高温 是, 定额 450:
 *   labour 25 + 5 + 8 + 15 + 6 = 59 → 100 × (59 − 56)/(80 − 56) = 12.5
 *   management 0 + 8 + 15 + 5 + 5 = 33 → 100 × (33 − 31)/(75 − 31) = 200/44
 * 4.5% is on the 0.005 grid but not among S26's candidates (first value in each band gap), so
 * the exported agenda must list it.
 */
const s1 = getScenario('s1-qiantang-parts')!;
const P = {
	seniorityPerYear: 50,
	seniorityCapYears: 12,
	generalIncrease: 0.045,
	heatAllowance: true,
	operatorQuota: 450,
	innovationAward: '条款',
	skillLadder: { none: 0 }
};

describe('[S29] the event file’s outcome from the signed terms', () => {
	it('exports a points outcome that recomputes to the hand-computed scores', () => {
		const o = outcomeFromPackages(s1, P, { labour: null, management: null });
		expect(MatchOutcomeSchema.safeParse(o).success).toBe(true);
		expect(o.kind).toBe('points');
		if (o.kind !== 'points') return;
		expect(o.reservation).toEqual({ labour: 56, management: 31 });
		expect(o.agreement).toEqual({
			seniorityPerYear: 50,
			seniorityCapYears: 12,
			generalIncrease: 0.045,
			heatAllowance: true,
			operatorQuota: 450
		});
		expect(o.agreedTerms).toMatchObject({ innovationAward: '条款', skillLadder: { none: 0 } });
		const r = resolveOutcome(o, 'zero');
		expect(r.labour).toBeCloseTo(12.5, 9);
		expect(r.management).toBeCloseTo(200 / 44, 9);
		expect(r.notes).toEqual([]);
		const a = analyzeMatchOutcome(o, 'zero');
		expect(a.kind === 'points' && [a.point.labour, a.point.management]).toEqual([59, 33]);
	});

	it('scores every package as the app scored it before (scorePackage)', () => {
		const cur = Object.fromEntries(s1.terms.map((t) => [t.id, t.current]));
		const packages = [
			cur,
			P,
			{ ...cur, generalIncrease: 0.07, seniorityPerYear: 50 },
			{ seniorityPerYear: 45 }
		];
		for (const p of packages) {
			const r = resolveOutcome(
				outcomeFromPackages(s1, p, { labour: null, management: null }),
				'zero'
			);
			const before = scorePackage(s1, p);
			expect(r.labour).toBeCloseTo(before.labour, 9);
			expect(r.management).toBeCloseTo(before.management, 9);
		}
	});

	it('[S21] keeps agreed values in the Nash package where another value is worth the same to both sides', () => {
		// The seniority cap scores 0 / 15 anywhere below 11 years, so 0 and the agreed 10 tie; the
		// package must read 10. Nash (61, 40): labour 25 + 0 + 15 + 15 + 6 = 61, management
		// 0 + 15 + 15 + 5 + 5 = 40; gains 61 − 56 = 5 and 40 − 31 = 9, product 45.
		const cur = Object.fromEntries(s1.terms.map((t) => [t.id, t.current]));
		const a = analyzeMatchOutcome(
			outcomeFromPackages(
				s1,
				{ ...cur, seniorityPerYear: 45, generalIncrease: 0.05, heatAllowance: true },
				{ labour: null, management: null }
			),
			'zero'
		);
		if (a.kind !== 'points') throw new Error('kind');
		expect(a.nash).toMatchObject({ labour: 61, management: 40, product: 45 });
		expect(a.nash?.package).toEqual({
			seniorityPerYear: 50,
			seniorityCapYears: 10,
			generalIncrease: 0.05,
			heatAllowance: true,
			operatorQuota: 450
		});
	});

	it('[S27] scores each side on the other side’s last offer, omitted terms at their current value', () => {
		// Management's offer leaves everything current (30, 10, 0, 否, 480): labour 0 points → 0.
		// Labour's offer P: management 33 points → 200/44 as above.
		const o = outcomeFromPackages(s1, null, { labour: P, management: {} });
		const r = resolveOutcome(o, 'last-offers');
		expect(r.labour).toBe(0);
		expect(r.management).toBeCloseTo(200 / 44, 9);
		expect(o.kind === 'points' && o.agreedTerms).toBeNull();
	});
});

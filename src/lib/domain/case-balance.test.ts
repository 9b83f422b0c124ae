import { describe, expect, it } from 'vitest';
import { caseBalance } from './case-balance.ts';
import type { Scenario } from './scenario.ts';

type Case = Pick<Scenario, 'terms' | 'confidential'>;

/**
 * Three terms, option points (labour, management):
 *   raise 0/2/4/6 %  → (0,30) (10,20) (20,10) (30,0)      current 2
 *   heat  true/false → (15,0) (0,10)                       current false
 *   shift a/b        → (0,10) (5,12)   (b dominates a)     current a
 */
function fixture(
	positions: {
		labour?: Scenario['confidential']['labour']['positions'];
		management?: Scenario['confidential']['management']['positions'];
	} = {}
): Case {
	return {
		terms: [
			{
				id: 'raise',
				title: '涨幅',
				kind: 'number',
				unit: '%',
				min: 0,
				max: 6,
				step: 2,
				current: 2
			},
			{ id: 'heat', title: '高温津贴', kind: 'boolean', current: false },
			{
				id: 'shift',
				title: '班制',
				kind: 'choice',
				options: [
					{ value: 'a', label: '甲' },
					{ value: 'b', label: '乙' }
				],
				current: 'a'
			},
			{ id: 'note', title: '条款', kind: 'clause', current: '' }
		],
		confidential: {
			labour: {
				brief: '职工方',
				positions: positions.labour ?? {
					raise: { target: 4, reservation: 2 },
					heat: { target: true, reservation: false }
				},
				points: {
					raise: {
						bands: [
							{ max: 2, points: 0 },
							{ min: 2, max: 4, points: 10 },
							{ min: 4, max: 6, points: 20 },
							{ min: 6, points: 30 }
						]
					},
					heat: { options: { true: 15, false: 0 } },
					shift: { options: { a: 0, b: 5 } }
				}
			},
			management: {
				brief: '企业方',
				positions: positions.management ?? {
					raise: { target: 0, reservation: 4 }
				},
				points: {
					raise: {
						bands: [
							{ max: 2, points: 30 },
							{ min: 2, max: 4, points: 20 },
							{ min: 4, max: 6, points: 10 },
							{ min: 6, points: 0 }
						]
					},
					heat: { options: { true: 0, false: 10 } },
					shift: { options: { a: 10, b: 12 } }
				}
			}
		}
	};
}

describe('case balance check', () => {
	it('[K40] counts the packages and the distinct points on the Pareto frontier', () => {
		const b = caseBalance(fixture());
		if (b.kind !== 'points') throw new Error('expected points');
		// 4 raise × 2 heat × 2 shift = 16 packages over 3 valued terms (the clause carries no points).
		expect(b.termCount).toBe(3);
		expect(b.packageCount).toBe(16);
		// raise+heat sums pruned: (45,0) (35,10) (25,20) (15,30) (0,40); shift b (5,12) dominates a,
		// so the frontier is those five + (5,12): (50,12) (40,22) (30,32) (20,42) (5,52).
		expect(b.frontierSize).toBe(5);
	});

	it('[K41] gives each side its best and worst score over every package', () => {
		const b = caseBalance(fixture());
		if (b.kind !== 'points') throw new Error('expected points');
		// labour best 30+15+5 = 50, worst 0+0+0 = 0; management best 30+10+12 = 52, worst 0+0+10 = 10
		expect(b.labour.range).toEqual({ best: 50, worst: 0 });
		expect(b.management.range).toEqual({ best: 52, worst: 10 });
	});

	it('[K42] [K43] [K44] finds the zone of agreement and the Nash point over the reservation values', () => {
		const b = caseBalance(fixture());
		if (b.kind !== 'points') throw new Error('expected points');
		// labour 底线 raise 2 (heat false, shift a at current): 10 + 0 + 0 = 10; 期望 raise 4 + heat: 20 + 15 + 0 = 35
		expect(b.labour.reservation).toBe(10);
		expect(b.labour.target).toBe(35);
		// management 底线 raise 4: 10 + 10 + 10 = 30; 期望 raise 0: 30 + 10 + 10 = 50
		expect(b.management.reservation).toBe(30);
		expect(b.management.target).toBe(50);
		// frontier points with labour ≥ 10 and management ≥ 30: (30,32) and (20,42)
		expect(b.hasZone).toBe(true);
		expect(b.labour.inZone).toEqual({ best: 30, worst: 20 });
		expect(b.management.inZone).toEqual({ best: 42, worst: 32 });
		// gains products: (30−10)(32−30) = 40, (20−10)(42−30) = 120 → Nash (20,42): raise 0, heat, shift b
		expect(b.nash).toEqual({
			labour: 20,
			management: 42,
			package: { raise: 0, heat: true, shift: 'b' }
		});
	});

	it('[K44] reports no zone and no Nash point when the reservation values cannot both be met', () => {
		// management 底线 raise 0: 30 + 10 + 10 = 50; only (5,52) reaches it, and labour needs 10
		const b = caseBalance(fixture({ management: { raise: { target: 0, reservation: 0 } } }));
		if (b.kind !== 'points') throw new Error('expected points');
		expect(b.hasZone).toBe(false);
		expect(b.nash).toBeNull();
		expect(b.labour.inZone).toBeNull();
	});

	it('[K45] warns when a side reaches its target while the other side keeps its best score', () => {
		const balanced = caseBalance(fixture());
		if (balanced.kind !== 'points') throw new Error('expected points');
		// management at its best per term: raise 0, heat false, shift b → labour 0 + 0 + 5 = 5 < 35
		expect(balanced.labour.bestWhileOtherAtBest).toBe(5);
		expect(balanced.labour.reachesTargetUnopposed).toBe(false);
		// labour at its best: raise 6, heat true, shift b → management 0 + 0 + 12 = 12 < 50
		expect(balanced.management.bestWhileOtherAtBest).toBe(12);
		expect(balanced.management.reachesTargetUnopposed).toBe(false);

		// labour 期望 only raise 0 and shift b: 0 + 0 (heat current false) + 5 = 5 ≤ 5
		const easy = caseBalance(
			fixture({
				labour: { raise: { target: 0, reservation: 0 }, shift: { target: 'b', reservation: 'a' } }
			})
		);
		if (easy.kind !== 'points') throw new Error('expected points');
		expect(easy.labour.target).toBe(5);
		expect(easy.labour.reachesTargetUnopposed).toBe(true);
		expect(easy.management.reachesTargetUnopposed).toBe(false);
	});

	it('[K46] a case without both points tables is not a competition case', () => {
		const c = fixture();
		const noMgmt: Case = {
			...c,
			confidential: {
				...c.confidential,
				management: { brief: '企业方', positions: {} }
			}
		};
		expect(caseBalance(noMgmt)).toEqual({ kind: 'no-points', missing: ['management'] });
	});
});

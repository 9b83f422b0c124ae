import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	analyzeAgreement,
	kalaiSmorodinskyPoint,
	nashPoint,
	packagePoints,
	paretoFrontier
} from './analytics.ts';
import { costingOutcome, pointsScore } from './outcome.ts';
import {
	agendaFromPointsTables,
	numericCandidates,
	tablePointsFor,
	type Agenda,
	type PointsTables
} from './points.ts';

// wage: (L,M) 3→(0,40) 5→(30,20) 7→(50,0); leave: 5→(0,20) 7→(10,15) 10→(20,0); heat: 150→(0,10) 200→(30,5)
const agenda: Agenda = {
	terms: [
		{
			id: 'wage',
			options: [
				{ value: 3, labour: 0, management: 40 },
				{ value: 5, labour: 30, management: 20 },
				{ value: 7, labour: 50, management: 0 }
			]
		},
		{
			id: 'leave',
			options: [
				{ value: 5, labour: 0, management: 20 },
				{ value: 7, labour: 10, management: 15 },
				{ value: 10, labour: 20, management: 0 }
			]
		},
		{
			id: 'heat',
			options: [
				{ value: 150, labour: 0, management: 10 },
				{ value: 200, labour: 30, management: 5 }
			]
		}
	]
};

/** Independent reference: enumerate every package, keep the undominated distinct points. */
function bruteForcePoints(a: Agenda): { l: number; m: number }[] {
	let pts: { l: number; m: number }[] = [{ l: 0, m: 0 }];
	for (const t of a.terms)
		pts = pts.flatMap((p) => t.options.map((o) => ({ l: p.l + o.labour, m: p.m + o.management })));
	const undominated = pts.filter(
		(p) => !pts.some((q) => q.l >= p.l && q.m >= p.m && (q.l > p.l || q.m > p.m))
	);
	const uniq = new Map(undominated.map((p) => [`${p.l}|${p.m}`, p]));
	return [...uniq.values()].sort((x, y) => x.l - y.l || y.m - x.m);
}
function allPoints(a: Agenda): { l: number; m: number }[] {
	let pts: { l: number; m: number }[] = [{ l: 0, m: 0 }];
	for (const t of a.terms)
		pts = pts.flatMap((p) => t.options.map((o) => ({ l: p.l + o.labour, m: p.m + o.management })));
	return pts;
}

describe('points and frontier', () => {
	it('[S20] a package scores the sum of its options, by value or by text', () => {
		// (5, 7, 200): labour 30+10+30 = 70, management 20+15+5 = 40
		expect(packagePoints(agenda, { wage: 5, leave: 7, heat: 200 })).toMatchObject({
			labour: 70,
			management: 40,
			joint: 110,
			problems: []
		});
		expect(packagePoints(agenda, { wage: '5', leave: '7', heat: '200' })).toMatchObject({
			labour: 70,
			management: 40
		});
		const partial = packagePoints(agenda, { wage: 5, leave: 8 });
		expect(partial.problems.map((p) => p.termId)).toEqual(['leave', 'heat']);
		expect(partial.labour).toBe(30);
	});

	it('[S21] the frontier of a small agenda equals brute-force enumeration, and each point carries its package', () => {
		const f = paretoFrontier(agenda);
		expect(f.map((p) => ({ l: p.labour, m: p.management }))).toEqual(bruteForcePoints(agenda));
		for (const p of f)
			expect(packagePoints(agenda, p.package)).toMatchObject({
				labour: p.labour,
				management: p.management
			});
		// hand check of the ends: all-labour (7,10,200) = (100, 5); all-management (3,5,150) = (0, 70)
		expect(f[f.length - 1]).toMatchObject({ labour: 100, management: 5 });
		expect(f[0]).toMatchObject({
			labour: 0,
			management: 70,
			package: { wage: 3, leave: 5, heat: 150 }
		});
	});

	it('[S21] the fast frontier equals the brute-force one on random additive tables', () => {
		const option = fc.record({
			l: fc.integer({ min: -20, max: 50 }),
			m: fc.integer({ min: -20, max: 50 })
		});
		const arbAgenda = fc
			.array(fc.array(option, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 5 })
			.map((terms): Agenda => ({
				terms: terms.map((opts, i) => ({
					id: `t${i}`,
					options: opts.map((o, k) => ({ value: k, labour: o.l, management: o.m }))
				}))
			}));
		fc.assert(
			fc.property(arbAgenda, (a) => {
				const f = paretoFrontier(a);
				expect(f.map((p) => ({ l: p.labour, m: p.management }))).toEqual(bruteForcePoints(a));
				for (const p of f)
					expect(packagePoints(a, p.package)).toMatchObject({
						labour: p.labour,
						management: p.management
					});
			}),
			{ numRuns: 300, seed: 6 }
		);
	});

	it('[S23] the Nash point found on the frontier equals the brute-force maximum on random tables', () => {
		const option = fc.record({
			l: fc.integer({ min: 0, max: 30 }),
			m: fc.integer({ min: 0, max: 30 })
		});
		const arb = fc.record({
			terms: fc.array(fc.array(option, { minLength: 1, maxLength: 4 }), {
				minLength: 1,
				maxLength: 4
			}),
			rl: fc.integer({ min: 0, max: 60 }),
			rm: fc.integer({ min: 0, max: 60 })
		});
		fc.assert(
			fc.property(arb, ({ terms, rl, rm }) => {
				const a: Agenda = {
					terms: terms.map((opts, i) => ({
						id: `t${i}`,
						options: opts.map((o, k) => ({ value: k, labour: o.l, management: o.m }))
					}))
				};
				const feasible = allPoints(a).filter((p) => p.l >= rl && p.m >= rm);
				const n = nashPoint(paretoFrontier(a), { labour: rl, management: rm });
				if (feasible.length === 0) expect(n).toBeNull();
				else expect(n?.value).toBe(Math.max(...feasible.map((p) => (p.l - rl) * (p.m - rm))));
			}),
			{ numRuns: 300, seed: 11 }
		);
	});

	it('[S21] decimal points sum to the same frontier point whichever way they are reached', () => {
		const a: Agenda = {
			terms: [
				{
					id: 'x',
					options: [
						{ value: 'a', labour: 0.1, management: 0 },
						{ value: 'b', labour: 0.3, management: 0 }
					]
				},
				{
					id: 'y',
					options: [
						{ value: 'a', labour: 0.2, management: 0 },
						{ value: 'b', labour: 0, management: 0 }
					]
				}
			]
		};
		// 0.1 + 0.2 and 0.3 + 0 are both 0.3: one frontier point, labour 0.5 = 0.3 + 0.2 is the max
		expect(paretoFrontier(a).map((p) => [p.labour, p.management])).toEqual([[0.5, 0]]);
	});
});

describe('bargaining solutions and agreement analysis', () => {
	const r = { labour: 30, management: 30 };

	it('[S23] the Nash point maximises the product of gains over all packages (brute force)', () => {
		const best = Math.max(
			...allPoints(agenda)
				.filter((p) => p.l >= 30 && p.m >= 30)
				.map((p) => (p.l - 30) * (p.m - 30))
		);
		const n = nashPoint(paretoFrontier(agenda), r);
		expect(n?.value).toBe(best);
		// by hand: (5,5,200) = (60, 45) → 30 × 15 = 450; (5,7,200) = (70, 40) → 40 × 10 = 400;
		// (3,7,200) = (40, 60) → 10 × 30 = 300; (3,5,200) = (30, 65) → 0; so 450 at (60, 45)
		expect(best).toBe(450);
		expect(n?.point).toMatchObject({
			labour: 60,
			management: 45,
			package: { wage: 5, leave: 5, heat: 200 }
		});
	});

	it('[S23] no Nash point when no package meets both reservations', () => {
		expect(nashPoint(paretoFrontier(agenda), { labour: 90, management: 30 })).toBeNull();
	});

	it("[S24] Kalai–Smorodinsky balances each side's share of its ideal gain", () => {
		// feasible with r = (30, 30): ideal gains labour 100−30 = 70 (at (100,5)? no: M 5 < 30) …
		// feasible points (L ≥ 30, M ≥ 30): (30,65) (40,60) (60,45) (70,40); ideal L gain 40, ideal M gain 35
		// min shares: (30,65) → min(0, 1) = 0; (40,60) → min(.25, 30/35) = .25; (60,45) → min(.75, 15/35 = .4286) = .4286;
		// (70,40) → min(1, 10/35 = .2857) = .2857 → (60, 45)
		const k = kalaiSmorodinskyPoint(paretoFrontier(agenda), r);
		expect(k?.point).toMatchObject({ labour: 60, management: 45 });
		expect(k?.value).toBeCloseTo(15 / 35, 9);
	});

	it('[S22][S24a] an inefficient agreement: shares, efficiency and value left on the table', () => {
		// (7, 10, 150): labour 50+20+0 = 70, management 0+0+10 = 10, joint 80
		const a = analyzeAgreement(agenda, { wage: 7, leave: 10, heat: 150 });
		expect(a).toMatchObject({
			labour: 70,
			management: 10,
			joint: 80,
			bestLabour: 100,
			bestManagement: 70,
			maxJoint: 110,
			isOnFrontier: false
		});
		expect(a.labourShare).toBeCloseTo(0.7, 9); // 70 / 100
		expect(a.managementShare).toBeCloseTo(10 / 70, 9);
		expect(a.efficiency).toBeCloseTo(80 / 110, 9); // max joint = 50 + 25 + 35 per-term maxima
		// packages with L ≥ 70 and M ≥ 10: (5,7,200) = (70,40) and (7,7,200) = (90,20), joint 110 → 110 − 80 = 30
		expect(a.valueLeftOnTable).toBe(30);
		expect(a.improvement?.joint).toBe(110);
	});

	it('[S24a] an agreement on the frontier leaves nothing on the table', () => {
		const a = analyzeAgreement(agenda, { wage: 5, leave: 7, heat: 200 });
		expect(a).toMatchObject({ isOnFrontier: true, valueLeftOnTable: 0, efficiency: 1 });
	});

	it('[S22] side outcome is the share of the possible gain over the reservation value', () => {
		expect(pointsScore(70, 30, 100)).toBeCloseTo((100 * 40) / 70, 9); // (70−30)/(100−30)
		expect(pointsScore(20, 30, 100)).toBe(0); // below reservation: as bad as walking away
		expect(pointsScore(30, 30, 30)).toBe(100); // nothing to win, reservation met
	});

	it('[S25] costing outcome: gain against target, cost against twice the budget', () => {
		// labour 150/200 = 0.75 → 75; management 1 − 500 000/(2 × 1 000 000) = 0.75 → 75
		expect(
			costingOutcome({
				costDeltaAnnualYuan: 500_000,
				managementBudgetYuan: 1_000_000,
				gainPerWorkerMonthlyYuan: 150,
				labourTargetYuan: 200
			})
		).toEqual({ labour: 75, management: 75 });
		// a wage cut scores 0 for labour; a saving 100 for management; 3× budget 0; exceeding target 100
		expect(
			costingOutcome({
				costDeltaAnnualYuan: -10,
				managementBudgetYuan: 100,
				gainPerWorkerMonthlyYuan: -5,
				labourTargetYuan: 200
			})
		).toEqual({ labour: 0, management: 100 });
		expect(
			costingOutcome({
				costDeltaAnnualYuan: 300,
				managementBudgetYuan: 100,
				gainPerWorkerMonthlyYuan: 300,
				labourTargetYuan: 200
			})
		).toEqual({ labour: 100, management: 0 });
		// exactly the budget: 1 − 100/200 = 0.5 → 50
		expect(
			costingOutcome({
				costDeltaAnnualYuan: 100,
				managementBudgetYuan: 100,
				gainPerWorkerMonthlyYuan: 0,
				labourTargetYuan: 200
			}).management
		).toBe(50);
	});
});

describe('agendaFromPointsTables', () => {
	const labour: PointsTables = {
		raise_pct: {
			bands: [
				{ max: 3, points: 0 },
				{ min: 3, max: 5, points: 20 },
				{ min: 5, points: 40 }
			]
		},
		shift: { options: { day: 10, night: 0 } },
		union_fee: { options: { true: 5, false: 0 } }
	};
	const management: PointsTables = {
		raise_pct: {
			bands: [
				{ max: 4, points: 30 },
				{ min: 4, max: 6, points: 15 },
				{ min: 6, points: 0 }
			]
		},
		shift: { options: { day: 0, night: 8 } }
	};

	it('[S26] bands are min-inclusive, max-exclusive; no entry scores 0', () => {
		expect(tablePointsFor(labour.raise_pct, 3)).toBe(20);
		expect(tablePointsFor(labour.raise_pct, 2.99)).toBe(0);
		expect(tablePointsFor(labour.raise_pct, 5)).toBe(40);
		expect(tablePointsFor(management.union_fee, true)).toBe(0);
		expect(tablePointsFor(labour.union_fee, true)).toBe(5);
	});

	it('[S26] a small step grid is used whole; listed options keep their values', () => {
		const a = agendaFromPointsTables(
			[
				{ id: 'raise_pct', min: 0, max: 8, step: 1 },
				{ id: 'shift', options: ['day', 'night'] },
				{ id: 'union_fee', options: [true, false] }
			],
			labour,
			management
		);
		expect(a.terms[0]?.options.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		// 4%: labour band [3,5) → 20, management band [4,6) → 15
		expect(a.terms[0]?.options[4]).toEqual({ value: 4, labour: 20, management: 15 });
		expect(a.terms[1]?.options).toEqual([
			{ value: 'day', labour: 10, management: 0 },
			{ value: 'night', labour: 0, management: 8 }
		]);
		expect(a.terms[2]?.options).toEqual([
			{ value: true, labour: 5, management: 0 },
			{ value: false, labour: 0, management: 0 }
		]);
	});

	it('[S26] a large grid becomes band edges plus one value inside each gap, without losing frontier points', () => {
		const spec = { id: 'raise_pct', min: 0, max: 10, step: 0.5 };
		// edges 0, 3, 4, 5, 6, 10; inside each gap the first grid value above the lower edge: 0.5, 3.5, 4.5, 5.5, 6.5
		expect(numericCandidates(spec, labour.raise_pct, management.raise_pct, 11)).toEqual([
			0, 0.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 10
		]);
		// above a cap of 10 the candidates with equal (labour, management) points merge, lowest value kept:
		// 0,0.5 → (0,30); 3,3.5 → (20,30); 4,4.5 → (20,15); 5,5.5 → (40,15); 6,6.5,10 → (40,0)
		expect(numericCandidates(spec, labour.raise_pct, management.raise_pct, 10)).toEqual([
			0, 3, 4, 5, 6
		]);
		const coarse = agendaFromPointsTables(
			[spec, { id: 'shift', options: ['day', 'night'] }],
			labour,
			management,
			{ maxCandidates: 10 }
		);
		const fine = agendaFromPointsTables(
			[spec, { id: 'shift', options: ['day', 'night'] }],
			labour,
			management,
			{ maxCandidates: 100 }
		);
		expect(fine.terms[0]?.options).toHaveLength(21);
		const pts = (a: Agenda) => paretoFrontier(a).map((p) => [p.labour, p.management]);
		expect(pts(coarse)).toEqual(pts(fine));
	});

	it('[S26] a term valued only by listed options in the tables takes the options from the tables', () => {
		const a = agendaFromPointsTables([{ id: 'shift' }], labour, management);
		expect(a.terms[0]?.options.map((o) => o.value).sort()).toEqual(['day', 'night']);
	});
});

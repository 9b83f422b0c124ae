import { describe, expect, it } from 'vitest';
import { analyzeAgreement, paretoFrontier } from './analytics.ts';
import { analyzeEventOutcomes, computeEventStandings, parseEventExport } from './event-export.ts';
import { analyzeMatchOutcome, analyzeOutcomePoint } from './outcome-analysis.ts';
import type { MatchOutcome } from './outcome.ts';
import type { Agenda, Package } from './points.ts';

/**
 * A two-term agenda small enough to enumerate by hand. Packages (labour, management):
 *   3%+5 (0,60)   3%+10 (20,50)  3%+15 (30,40)
 *   5%+5 (30,50)  5%+10 (50,40)  5%+15 (60,30)
 *   7%+5 (40,20)  7%+10 (60,10)  7%+15 (70,0)
 * Frontier (undominated): (0,60) (30,50) (50,40) (60,30) (70,0); joints 60 80 90 90 70 → max 90.
 * Best labour 40 + 30 = 70, best management 40 + 20 = 60. Reservation 20 / 20.
 * Nash gains: (30,50) 10×30 = 300, (50,40) 30×20 = 600, (60,30) 40×10 = 400 → (50,40) = 5% + 10.
 */
const agenda: Agenda = {
	terms: [
		{
			id: 'raise',
			options: [
				{ value: '3%', labour: 0, management: 40 },
				{ value: '5%', labour: 30, management: 30 },
				{ value: '7%', labour: 40, management: 0 }
			]
		},
		{
			id: 'leave',
			options: [
				{ value: 5, labour: 0, management: 20 },
				{ value: 10, labour: 20, management: 10 },
				{ value: 15, labour: 30, management: 0 }
			]
		}
	]
};
const reservation = { labour: 20, management: 20 };
const points = (
	agreement: Package | null,
	lastOffers: { labour?: Package; management?: Package } = {}
): MatchOutcome => ({
	kind: 'points',
	agenda,
	reservation,
	agreement,
	lastOffers
});

describe('[S28] outcome analysis of a match', () => {
	it('analyses a signed package: points, shares, efficiency, value left, Nash', () => {
		const a = analyzeMatchOutcome(points({ raise: '3%', leave: 15 }), 'zero');
		expect(a.kind).toBe('points');
		if (a.kind !== 'points') return;
		// 3% + 15 = (0 + 30, 40 + 0) = (30, 40), joint 70.
		expect(a.point).toMatchObject({
			labour: 30,
			management: 40,
			joint: 70,
			bestLabour: 70,
			bestManagement: 60,
			maxJoint: 90,
			isOnFrontier: false
		});
		expect(a.point.labourShare).toBeCloseTo(30 / 70, 12);
		expect(a.point.managementShare).toBeCloseTo(40 / 60, 12);
		expect(a.point.efficiency).toBeCloseTo(70 / 90, 12);
		// Frontier points with labour ≥ 30 and management ≥ 40: (30,50) +10, (50,40) +20 → 20 by 5% + 10.
		expect(a.point.valueLeftOnTable).toBe(20);
		expect(a.point.improvement).toEqual({
			labour: 50,
			management: 40,
			joint: 90,
			package: { raise: '5%', leave: 10 }
		});
		expect(a.nash).toEqual({
			labour: 50,
			management: 40,
			joint: 90,
			labourGain: 30,
			managementGain: 20,
			product: 600,
			package: { raise: '5%', leave: 10 }
		});
		expect(a.frontier.map((p) => [p.labour, p.management])).toEqual([
			[0, 60],
			[30, 50],
			[50, 40],
			[60, 30],
			[70, 0]
		]);
		// S22: labour 100 × (30 − 20)/(70 − 20) = 20, management 100 × (40 − 20)/(60 − 20) = 50.
		expect(a.scores.labour).toBeCloseTo(20, 9);
		expect(a.scores.management).toBeCloseTo(50, 9);
		expect(a.basis).toBe('agreement');
		expect(a.package).toEqual({ raise: '3%', leave: 15 });
	});

	it('gives a package’s point the same figures as analyzeAgreement', () => {
		const f = paretoFrontier(agenda);
		for (const pkg of [
			{ raise: '5%', leave: 10 },
			{ raise: '7%', leave: 5 },
			{ raise: '3%', leave: 5 }
		]) {
			const a = analyzeAgreement(agenda, pkg, f);
			const p = analyzeOutcomePoint(agenda, { labour: a.labour, management: a.management }, f);
			const { problems: _problems, improvement, ...figures } = a;
			expect(p).toMatchObject(figures);
			expect(p.improvement?.package).toEqual(improvement?.package);
		}
	});

	it('[S27] without agreement under zero analyses the walk-away point (both reservation values)', () => {
		const a = analyzeMatchOutcome(points(null), 'zero');
		if (a.kind !== 'points') throw new Error('kind');
		// (20, 20), joint 40: efficiency 40/90; best frontier point ≥ (20,20) is (50,40) → 90 − 40 = 50 left.
		expect(a.point).toMatchObject({ labour: 20, management: 20, joint: 40, valueLeftOnTable: 50 });
		expect(a.point.efficiency).toBeCloseTo(40 / 90, 12);
		expect(a.point.improvement?.package).toEqual({ raise: '5%', leave: 10 });
		expect(a.scores).toEqual({ labour: 0, management: 0 });
		expect(a.basis).toBe('zero');
		expect(a.package).toBeNull();
	});

	it('[S27] without agreement under last-offers analyses each side on the other side’s last offer', () => {
		const a = analyzeMatchOutcome(
			points(null, { labour: { raise: '5%', leave: 15 }, management: { raise: '5%', leave: 5 } }),
			'last-offers'
		);
		if (a.kind !== 'points') throw new Error('kind');
		// Labour on management's 5% + 5: 30 + 0 = 30; management on labour's 5% + 15: 30 + 0 = 30.
		// Joint 60; frontier points ≥ (30,30): (30,50) 80, (50,40) 90, (60,30) 90 → 30 left.
		expect(a.point).toMatchObject({ labour: 30, management: 30, joint: 60, valueLeftOnTable: 30 });
		// Scores: labour 100 × 10/50 = 20, management 100 × 10/40 = 25.
		expect(a.scores.labour).toBeCloseTo(20, 9);
		expect(a.scores.management).toBeCloseTo(25, 9);
		expect(a.lastOffers).toEqual({
			labour: { raise: '5%', leave: 15 },
			management: { raise: '5%', leave: 5 }
		});
	});

	it('[S27] a missing last offer leaves that side at its reservation value', () => {
		const a = analyzeMatchOutcome(
			points(null, { labour: { raise: '5%', leave: 15 } }),
			'last-offers'
		);
		if (a.kind !== 'points') throw new Error('kind');
		expect([a.point.labour, a.point.management]).toEqual([20, 30]);
	});

	it('[S23] has no Nash point when no package meets both reservation values', () => {
		const a = analyzeMatchOutcome(
			{ kind: 'points', agenda, reservation: { labour: 65, management: 50 }, agreement: null },
			'zero'
		);
		if (a.kind !== 'points') throw new Error('kind');
		expect(a.nash).toBeNull();
	});

	it('[S25] reports the costed figures and scores of a costing outcome', () => {
		const input = {
			costDeltaAnnualYuan: 500_000,
			managementBudgetYuan: 1_000_000,
			gainPerWorkerMonthlyYuan: 150,
			labourTargetYuan: 200
		};
		const a = analyzeMatchOutcome({ kind: 'costing', agreement: input }, 'zero');
		expect(a.kind).toBe('costing');
		if (a.kind !== 'costing') return;
		expect(a.agreement).toEqual(input);
		// Labour 100 × 150/200 = 75; management 100 × (1 − 500000/2000000) = 75.
		expect(a.scores).toEqual({ labour: 75, management: 75 });
	});

	it('passes scores-only outcomes through', () => {
		const a = analyzeMatchOutcome(
			{ kind: 'scores', agreement: { labour: 40, management: 60 } },
			'zero'
		);
		expect(a).toMatchObject({
			kind: 'scores',
			scores: { labour: 40, management: 60 },
			isSigned: true
		});
	});
});

describe('[S28][S29] event files', () => {
	const file = {
		version: 1,
		event: { id: 'e', name: 'e' },
		weights: { rubric: 70, outcome: 30 },
		seed: 1,
		prizes: { mode: 'count', bands: [{ label: '一等奖', count: 1 }] },
		teams: [
			{ id: 'L', name: 'L', side: 'labour' },
			{ id: 'M', name: 'M', side: 'management' }
		],
		matches: [
			{
				id: 'm1',
				labourTeamId: 'L',
				managementTeamId: 'M',
				outcome: {
					...points({ raise: '3%', leave: 15 }),
					agreedTerms: { raise: '3%', leave: 15, note: '条款文字', ladder: { a: 1 } }
				}
			}
		],
		sheets: []
	};

	it('keeps the confidential analytics out of the standings unless asked', () => {
		const parsed = parseEventExport(file);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		expect(computeEventStandings(parsed.event).matches[0]?.outcome.analysis).toBeUndefined();
		expect(JSON.stringify(computeEventStandings(parsed.event))).not.toContain('"agenda"');
		expect(
			computeEventStandings(parsed.event, { withAnalysis: true }).matches[0]?.outcome.analysis
				?.labour
		).toBe(30);
	});

	it('analyses every match and keeps the full agreed terms', () => {
		const parsed = parseEventExport(file);
		if (!parsed.ok) throw new Error('invalid');
		const [m] = analyzeEventOutcomes(parsed.event);
		expect(m?.agreedTerms).toEqual({ raise: '3%', leave: 15, note: '条款文字', ladder: { a: 1 } });
		expect(m?.analysis.kind === 'points' && m.analysis.point.valueLeftOnTable).toBe(20);
	});
});

import { describe, expect, it } from 'vitest';
import { aggregateScores, trimmedMean } from './aggregate.ts';
import {
	computeEventStandings,
	EventExportSchema,
	parseEventExport,
	type EventExport,
	type EventExportInput
} from './event-export.ts';
import { judgeDeviations, kendallW } from './judge-agreement.ts';
import { resolveOutcome } from './outcome.ts';
import { assignPrizes, bandSizes, rankEntries } from './standings.ts';

/**
 * A tiny event builder: the rubric has one team criterion `q` (0–100, step 0.5), so a judge's
 * sheet total is simply q and the hand arithmetic stays short.
 */
const Q_RUBRIC = {
	id: 'q',
	name: '单项评分',
	criteria: [
		{ id: 'q', label: '综合', weight: 1, min: 0, max: 100, step: 0.5, appliesTo: 'team' as const }
	]
};

interface MatchSpec {
	id: string;
	labour: string;
	management: string;
	/** judgeId → [labour total, management total]; undefined side = no sheet. */
	scores: Record<string, [number | undefined, number | undefined]>;
	outcome?: [number, number] | null;
}

function buildEvent(matches: MatchSpec[], over: Partial<EventExportInput> = {}): EventExport {
	const teams = new Map<string, 'labour' | 'management'>();
	for (const m of matches) {
		teams.set(m.labour, 'labour');
		teams.set(m.management, 'management');
	}
	const input: EventExportInput = {
		version: 1,
		event: { id: 'e', name: '测试赛' },
		rubric: Q_RUBRIC,
		weights: { rubric: 1, outcome: 0 },
		seed: 7,
		prizes: {
			mode: 'count',
			bands: [
				{ label: '一等奖', count: 1 },
				{ label: '二等奖', count: 1 }
			]
		},
		teams: [...teams].map(([id, side]) => ({ id, name: `队${id}`, side, members: [] })),
		matches: matches.map((m) => ({
			id: m.id,
			labourTeamId: m.labour,
			managementTeamId: m.management,
			outcome: {
				kind: 'scores' as const,
				agreement:
					m.outcome === null
						? null
						: { labour: m.outcome?.[0] ?? 0, management: m.outcome?.[1] ?? 0 }
			}
		})),
		sheets: matches.flatMap((m) =>
			Object.entries(m.scores).flatMap(([judgeId, [l, mg]]) => [
				...(l === undefined
					? []
					: [
							{
								matchId: m.id,
								side: 'labour' as const,
								teamId: m.labour,
								judgeId,
								status: 'submitted' as const,
								teamScores: { q: l }
							}
						]),
				...(mg === undefined
					? []
					: [
							{
								matchId: m.id,
								side: 'management' as const,
								teamId: m.management,
								judgeId,
								status: 'submitted' as const,
								teamScores: { q: mg }
							}
						])
			])
		),
		...over
	};
	const parsed = parseEventExport(input);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
	return parsed.event;
}

const order = (ev: EventExport, pool = 'labour') =>
	computeEventStandings(ev)
		.pools.find((p) => p.pool === pool)
		?.teams.map((t) => t.id);

describe('aggregation', () => {
	it('[S7] trimmed mean drops one highest and one lowest with 5 judges', () => {
		// (90, 70, 71, 72, 73): drop 90 and 70 → (71 + 72 + 73)/3 = 72
		expect(trimmedMean([90, 70, 71, 72, 73])).toEqual({ value: 72, isTrimmed: true });
		// only one of two equal highest is dropped: (80, 80, 60, 70, 75) → (80 + 70 + 75)/3 = 75
		expect(trimmedMean([80, 80, 60, 70, 75]).value).toBe(75);
	});

	it('[S7] with fewer than 5 judges trimmed falls back to the mean and says so', () => {
		const r = aggregateScores(
			[1, 2, 3, 4].map((i) => ({ judgeId: `j${i}`, subjectId: 's', value: 60 + 10 * i })),
			'trimmed'
		);
		// (70 + 80 + 90 + 100)/4 = 85
		expect(r.subjects[0]).toMatchObject({ raw: 85, adjusted: 85, applied: 'mean' });
		expect(r.subjects[0]?.notes[0]).toContain('trimmed mean needs 5');
	});

	it('[S6][S7] mean vs trimmed mean with 5 judges changes the winner', () => {
		const ev = (method: 'mean' | 'trimmed') =>
			buildEvent(
				[
					{
						id: 'm1',
						labour: 'A',
						management: 'X',
						scores: { j1: [90, 60], j2: [70, 60], j3: [71, 60], j4: [72, 60], j5: [73, 60] }
					},
					{
						id: 'm2',
						labour: 'B',
						management: 'Y',
						scores: { j1: [74, 60], j2: [74, 60], j3: [74, 60], j4: [74, 60], j5: [60, 60] }
					}
				],
				{ method }
			);
		// mean: A (90+70+71+72+73)/5 = 75.2, B (74×4 + 60)/5 = 71.2 → A first
		// trimmed: A (71+72+73)/3 = 72, B (74+74+74)/3 = 74 → B first
		const mean = computeEventStandings(ev('mean')).pools[0];
		expect(mean?.teams.map((t) => [t.id, t.total])).toEqual([
			['A', 75.2],
			['B', expect.closeTo(71.2, 9)]
		]);
		const trimmed = computeEventStandings(ev('trimmed'));
		expect(trimmed.pools[0]?.teams.map((t) => [t.id, t.rubric, t.rubricRaw])).toEqual([
			['B', 74, expect.closeTo(71.2, 9)],
			['A', 72, expect.closeTo(75.2, 9)]
		]);
		// [S10] the method changed the order and both prizes
		expect(trimmed.adjustment).toMatchObject({ changesOrder: true, changesPrizes: true });
		expect(trimmed.adjustment.changes).toContainEqual({
			pool: 'labour',
			teamId: 'B',
			rawRank: 2,
			adjustedRank: 1,
			rawPrize: '二等奖',
			adjustedPrize: '一等奖'
		});
	});

	it("[S8] severity normalisation changes a rank: a harsh judge's best sheet beats a lenient judge's", () => {
		// j1 (harsh) judges m1 and m3: A 70, P 50, C 60, R 60 → μ1 = 60, σ1 = √((100+100+0+0)/4) = √50
		// j2 (lenient) judges m2: B 80, Q 76 → μ2 = 78, σ2 = 2
		// event: 70, 50, 60, 60, 80, 76 → μ = 396/6 = 66; Σ(x−μ)² = 16+256+36+36+196+100 = 640, σ = √(640/6)
		// A' = 66 + σ × 10/√50 = 66 + √(640/6 × 2) = 66 + √213.33 = 80.6059
		// B' = 66 + σ × 2/2 = 66 + √106.67 = 76.3280; C' = 66 + 0 = 66
		const ev = (method: 'mean' | 'severity') =>
			buildEvent(
				[
					{ id: 'm1', labour: 'A', management: 'P', scores: { j1: [70, 50] } },
					{ id: 'm2', labour: 'B', management: 'Q', scores: { j2: [80, 76] } },
					{ id: 'm3', labour: 'C', management: 'R', scores: { j1: [60, 60] } }
				],
				{ method }
			);
		expect(order(ev('mean'))).toEqual(['B', 'A', 'C']);
		const s = computeEventStandings(ev('severity'));
		const lab = s.pools.find((p) => p.pool === 'labour')?.teams ?? [];
		expect(lab.map((t) => t.id)).toEqual(['A', 'B', 'C']);
		expect(lab[0]?.rubric).toBeCloseTo(66 + Math.sqrt((640 / 6) * 2), 9);
		expect(lab[0]?.rubric).toBeCloseTo(80.6059, 3);
		expect(lab[1]?.rubric).toBeCloseTo(76.328, 3);
		expect(lab[2]?.rubric).toBeCloseTo(66, 9);
		expect(s.adjustment.changesPrizes).toBe(true);
	});

	it('[S9] severity: a judge with one sheet is unadjusted; a judge with zero spread is only re-centred', () => {
		const r = aggregateScores(
			[
				{ judgeId: 'one', subjectId: 'a', value: 90 },
				{ judgeId: 'flat', subjectId: 'b', value: 50 },
				{ judgeId: 'flat', subjectId: 'c', value: 50 },
				{ judgeId: 'k', subjectId: 'd', value: 60 },
				{ judgeId: 'k', subjectId: 'e', value: 80 }
			],
			'severity'
		);
		// μ = (90 + 50 + 50 + 60 + 80)/5 = 66
		expect(r.eventMean).toBe(66);
		expect(r.judges.map((j) => [j.judgeId, j.treatment])).toEqual([
			['flat', 'centred-only'],
			['k', 'standardised'],
			['one', 'unadjusted']
		]);
		const adj = Object.fromEntries(r.subjects.map((s) => [s.subjectId, s.adjusted]));
		expect(adj.a).toBe(90); // unadjusted
		expect(adj.b).toBe(66); // 50 − 50 + 66
		// σ: deviations 24, −16, −16, −6, 14 → 576+256+256+36+196 = 1320 → σ = √264 = 16.248; k: μ 70, σ 10
		expect(adj.e).toBeCloseTo(66 + Math.sqrt(264), 9);
	});
});

describe('final score, ranking and tie-breaks', () => {
	it('[S11] the outcome weight changes a rank', () => {
		const ms: MatchSpec[] = [
			{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [80, 50] }, outcome: [40, 50] },
			{ id: 'm2', labour: 'B', management: 'Y', scores: { j1: [70, 50] }, outcome: [80, 50] }
		];
		// rubric only: A 80 > B 70
		expect(order(buildEvent(ms, { weights: { rubric: 1, outcome: 0 } }))).toEqual(['A', 'B']);
		// 70/30: A 0.7×80 + 0.3×40 = 56 + 12 = 68; B 0.7×70 + 0.3×80 = 49 + 24 = 73 → B first
		const s = computeEventStandings(buildEvent(ms, { weights: { rubric: 70, outcome: 30 } }));
		expect(s.pools[0]?.teams.map((t) => [t.id, t.total])).toEqual([
			['B', expect.closeTo(73, 9)],
			['A', expect.closeTo(68, 9)]
		]);
	});

	it('[S13] labour and management are ranked separately by default, together on request', () => {
		const ms: MatchSpec[] = [{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [70, 80] } }];
		const sep = computeEventStandings(buildEvent(ms));
		expect(sep.pools.map((p) => [p.pool, p.teams.map((t) => [t.id, t.prize])])).toEqual([
			['labour', [['A', '一等奖']]],
			['management', [['X', '一等奖']]]
		]);
		const comb = computeEventStandings(buildEvent(ms, { ranking: 'combined' }));
		expect(comb.pools.map((p) => [p.pool, p.teams.map((t) => [t.id, t.prize])])).toEqual([
			[
				'combined',
				[
					['X', '一等奖'],
					['A', '二等奖']
				]
			]
		]);
	});

	it('[S14][S15] total decides first, then outcome', () => {
		const ms: MatchSpec[] = [
			// 50/50: A (80 + 60)/2 = 70, B (60 + 80)/2 = 70, C (90 + 10)/2 = 50 → A, B tie on total; B's outcome 80 > 60
			{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [80, 50] }, outcome: [60, 50] },
			{ id: 'm2', labour: 'B', management: 'Y', scores: { j1: [60, 50] }, outcome: [80, 50] },
			{ id: 'm3', labour: 'C', management: 'Z', scores: { j1: [90, 50] }, outcome: [10, 50] }
		];
		const t =
			computeEventStandings(buildEvent(ms, { weights: { rubric: 1, outcome: 1 } })).pools[0]
				?.teams ?? [];
		expect(t.map((x) => [x.id, x.rank, x.decidedBy])).toEqual([
			['B', 1, null],
			['A', 2, 'outcome'],
			['C', 3, 'total']
		]);
	});

	it('[S14][S15] rubric decides when total and outcome tie', () => {
		// outcome weight only: totals = outcomes = 50 for both; rubric A 80 < B 90 → B first by rubric
		const ms: MatchSpec[] = [
			{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [80, 50] }, outcome: [50, 50] },
			{ id: 'm2', labour: 'B', management: 'Y', scores: { j1: [90, 50] }, outcome: [50, 50] }
		];
		const t =
			computeEventStandings(buildEvent(ms, { weights: { rubric: 0, outcome: 1 } })).pools[0]
				?.teams ?? [];
		expect(t.map((x) => [x.id, x.decidedBy])).toEqual([
			['B', null],
			['A', 'rubric']
		]);
	});

	it('[S14] the declared order is followed: rubric before outcome', () => {
		const ms: MatchSpec[] = [
			{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [80, 50] }, outcome: [60, 50] },
			{ id: 'm2', labour: 'B', management: 'Y', scores: { j1: [60, 50] }, outcome: [80, 50] }
		];
		// totals tie at 70 (50/50); with rubric declared before outcome, A (80) beats B (60)
		const ev = buildEvent(ms, {
			weights: { rubric: 1, outcome: 1 },
			tieBreak: ['total', 'rubric', 'outcome', 'lot']
		});
		expect(computeEventStandings(ev).pools[0]?.teams.map((x) => [x.id, x.decidedBy])).toEqual([
			['A', null],
			['B', 'rubric']
		]);
	});

	it('[S16] a full tie goes to a seeded lot that is logged and reproducible', () => {
		const entries = ['c', 'a', 'b'].map((id) => ({
			id,
			values: { total: 70, outcome: 50, rubric: 80 }
		}));
		const r1 = rankEntries(entries, ['total', 'outcome', 'rubric'], 42);
		expect(r1.ranked.map((x) => x.decidedBy)).toEqual([null, 'lot', 'lot']);
		expect(r1.seed).toBe(42);
		expect(r1.lotLog).toHaveLength(1);
		expect(r1.lotLog[0]).toContain('seed 42');
		// the same seed gives the same order whatever order the entries come in
		const r2 = rankEntries([...entries].reverse(), ['total', 'outcome', 'rubric', 'lot'], 42);
		expect(r2.ranked.map((x) => x.entry.id)).toEqual(r1.ranked.map((x) => x.entry.id));
		// the lot really depends on the seed: over 20 seeds, more than one team comes first
		const firsts = new Set(
			Array.from({ length: 20 }, (_, s) => rankEntries(entries, ['total'], s).ranked[0]?.entry.id)
		);
		expect(firsts.size).toBeGreaterThan(1);
	});

	it('[S16] the lot only orders entries tied on every declared key', () => {
		const entries = [
			{ id: 'x', values: { total: 70 } },
			{ id: 'y', values: { total: 70.0000000001 } }, // equal at 1e-6 (S14)
			{ id: 'z', values: { total: 71 } }
		];
		const r = rankEntries(entries, ['total', 'lot'], 1);
		expect(r.ranked[0]?.entry.id).toBe('z');
		expect(r.ranked.map((x) => x.decidedBy)).toEqual([null, 'total', 'lot']);
	});

	it('[S17][S18] prize bands by count and by share', () => {
		expect(
			assignPrizes(
				{
					mode: 'count',
					bands: [
						{ label: '一等奖', count: 1 },
						{ label: '二等奖', count: 2 },
						{ label: '三等奖', count: 3 }
					]
				},
				4
			)
		).toEqual(['一等奖', '二等奖', '二等奖', '三等奖']);
		// 7 entries, 10/20/30%: cumulative 0.7 → 1, 2.1 → 2, 4.2 → 4 → sizes 1, 1, 2; ranks 5–7 nothing
		const share = {
			mode: 'share' as const,
			bands: [
				{ label: '一等奖', share: 0.1 },
				{ label: '二等奖', share: 0.2 },
				{ label: '三等奖', share: 0.3 }
			]
		};
		expect(bandSizes(share, 7).map((b) => b.count)).toEqual([1, 1, 2]);
		expect(assignPrizes(share, 7)).toEqual([
			'一等奖',
			'二等奖',
			'三等奖',
			'三等奖',
			null,
			null,
			null
		]);
		// 10 entries: 1, 3 → 2, 6 → 3
		expect(bandSizes(share, 10).map((b) => b.count)).toEqual([1, 2, 3]);
	});

	it('[S19] a side no judge scored gets rubric 0 and a note', () => {
		const s = computeEventStandings(
			buildEvent([{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [70, undefined] } }])
		);
		const x = s.matches[0]?.sides.find((d) => d.side === 'management');
		expect(x).toMatchObject({ rubricRaw: 0, judgeCount: 0 });
		expect(x?.notes[0]).toContain('no submitted sheet');
	});
});

describe('no agreement', () => {
	const agenda = {
		terms: [
			{
				id: 'w',
				options: [
					{ value: 3, labour: 0, management: 60 },
					{ value: 5, labour: 40, management: 30 },
					{ value: 7, labour: 80, management: 0 }
				]
			}
		]
	};
	it('[S27] rule zero: both sides score 0', () => {
		expect(
			resolveOutcome(
				{ kind: 'points', agenda, reservation: { labour: 0, management: 0 }, agreement: null },
				'zero'
			)
		).toMatchObject({
			labour: 0,
			management: 0,
			isSigned: false,
			basis: 'zero'
		});
	});
	it("[S27] rule last-offers: each side is scored on the other side's last offer; a missing offer scores 0", () => {
		const o = {
			kind: 'points' as const,
			agenda,
			reservation: { labour: 20, management: 10 },
			agreement: null,
			lastOffers: { labour: { w: 7 }, management: { w: 5 } }
		};
		// labour on management's offer 5: (40 − 20)/(80 − 20) = 1/3 → 33.33
		// management on labour's offer 7: (0 − 10) < 0 → 0
		const r = resolveOutcome(o, 'last-offers');
		expect(r.labour).toBeCloseTo(100 / 3, 9);
		expect(r.management).toBe(0);
		const r2 = resolveOutcome({ ...o, lastOffers: { labour: { w: 3 } } }, 'last-offers');
		// management on labour's offer 3: (60 − 10)/(60 − 10) = 1 → 100; labour: no management offer → 0
		expect([r2.labour, r2.management]).toEqual([0, 100]);
		expect(r2.notes.join()).toContain('no management last offer');
	});
	it('[S27] the default rule is zero', () => {
		const ev = EventExportSchema.parse({
			version: 1,
			event: { id: 'e', name: 'e' },
			weights: { rubric: 1, outcome: 1 },
			seed: 1,
			prizes: { mode: 'count', bands: [{ label: '一等奖', count: 1 }] },
			teams: [{ id: 'A', name: 'A', side: 'labour' }],
			matches: [],
			sheets: []
		});
		expect(ev.noAgreement).toBe('zero');
		expect(ev.tieBreak).toEqual(['total', 'outcome', 'rubric', 'lot']);
	});
});

describe('individual awards', () => {
	it('[S31][S32] 最佳协商员 and 优秀协商员 come from individual criteria only', () => {
		const rubric = {
			id: 'r',
			name: 'r',
			criteria: [
				{
					id: 'team',
					label: '团队配合',
					weight: 60,
					min: 0,
					max: 60,
					step: 1,
					appliesTo: 'team' as const
				},
				{
					id: 'talk',
					label: '语言表达与仪态',
					weight: 40,
					min: 0,
					max: 40,
					step: 0.5,
					appliesTo: 'individual' as const
				}
			]
		};
		const sheet = (
			judgeId: string,
			matchId: string,
			side: 'labour' | 'management',
			teamId: string,
			team: number,
			talks: [string, number][]
		) => ({
			matchId,
			side,
			teamId,
			judgeId,
			status: 'submitted' as const,
			teamScores: { team },
			contestants: talks.map(([contestantId, talk]) => ({ contestantId, scores: { talk } }))
		});
		const parsed = parseEventExport({
			version: 1,
			event: { id: 'e', name: 'e' },
			rubric,
			weights: { rubric: 1, outcome: 0 },
			seed: 3,
			prizes: { mode: 'count', bands: [{ label: '一等奖', count: 1 }] },
			individualAwards: {
				mode: 'count',
				bands: [
					{ label: '最佳协商员', count: 1 },
					{ label: '优秀协商员', count: 2 }
				]
			},
			teams: [
				{
					id: 'L',
					name: '职工队',
					side: 'labour',
					members: [
						{ id: 'zhang', name: '张伟' },
						{ id: 'li', name: '李娜' }
					]
				},
				{
					id: 'M',
					name: '企业队',
					side: 'management',
					members: [
						{ id: 'wang', name: '王芳' },
						{ id: 'zhao', name: '赵敏' }
					]
				}
			],
			matches: [
				{
					id: 'm1',
					labourTeamId: 'L',
					managementTeamId: 'M',
					outcome: { kind: 'scores', agreement: { labour: 50, management: 50 } }
				}
			],
			sheets: [
				// the management team has the higher team score, which must not affect individuals
				sheet('j1', 'm1', 'labour', 'L', 30, [
					['zhang', 36],
					['li', 30]
				]),
				sheet('j2', 'm1', 'labour', 'L', 30, [
					['zhang', 34],
					['li', 31]
				]),
				sheet('j1', 'm1', 'management', 'M', 60, [
					['wang', 35],
					['zhao', 20]
				]),
				sheet('j2', 'm1', 'management', 'M', 60, [
					['wang', 33.5],
					['zhao', 22]
				])
			]
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		const ind = computeEventStandings(parsed.event).individuals[0]?.contestants ?? [];
		// zhang (36+34)/2 = 35 → 35/40 = 87.5; wang (35+33.5)/2 = 34.25 → 85.625; li 30.5 → 76.25; zhao 21 → 52.5
		expect(ind.map((c) => [c.id, c.score, c.award])).toEqual([
			['zhang', 87.5, '最佳协商员'],
			['wang', 85.625, '优秀协商员'],
			['li', 76.25, '优秀协商员'],
			['zhao', 52.5, null]
		]);
	});
});

describe('judge agreement', () => {
	it('[S33] Kendall W is 1 for identical rankings and corrects for ties', () => {
		expect(
			kendallW([
				[1, 2, 3],
				[10, 20, 30],
				[5, 6, 7]
			])
		).toBeCloseTo(1, 12);
		// ranks (1,2,3), (1,2,3), (1.5,1.5,3); sums 3.5, 5.5, 9; mean sum 3×4/2 = 6
		// S = 6.25 + 0.25 + 9 = 15.5; ΣT = 2³ − 2 = 6; W = 12×15.5 / (9×24 − 3×6) = 186/198
		expect(
			kendallW([
				[1, 2, 3],
				[1, 2, 3],
				[2, 2, 3]
			])
		).toBeCloseTo(186 / 198, 12);
		// two judges, opposite orders of two items: sums 3, 3 → S = 0 → W = 0
		expect(
			kendallW([
				[1, 2],
				[2, 1]
			])
		).toBe(0);
		expect(kendallW([[1, 2]])).toBeNull();
		expect(
			kendallW([
				[5, 5],
				[3, 3]
			])
		).toBeNull();
	});

	it('[S34] a sheet far from the panel mean is flagged', () => {
		const d = judgeDeviations([
			{ judgeId: 'j1', itemId: 'm1/labour', score: 80 },
			{ judgeId: 'j2', itemId: 'm1/labour', score: 82 },
			{ judgeId: 'j3', itemId: 'm1/labour', score: 60 }
		]);
		// mean (80 + 82 + 60)/3 = 74: deviations +6, +8, −14 → only j3 ≥ 10
		expect(d.map((x) => [x.judgeId, x.deviation, x.isOutlier])).toEqual([
			['j1', 6, false],
			['j2', 8, false],
			['j3', -14, true]
		]);
	});

	it('[S33] per match, W is computed over the two sides from judges who scored both', () => {
		const s = computeEventStandings(
			buildEvent([
				{
					id: 'm1',
					labour: 'A',
					management: 'X',
					scores: { j1: [70, 60], j2: [65, 60], j3: [50, 60] }
				}
			])
		);
		// ranks L/M: j1 2/1, j2 2/1, j3 1/2 → sums 5, 4; mean 4.5; S = 0.5; W = 12×0.5/(9×6) = 1/9
		expect(s.agreement[0]?.kendallW).toBeCloseTo(1 / 9, 12);
		// labour mean (70+65+50)/3 = 61.67: j3 −11.67 is flagged
		expect(s.agreement[0]?.deviations.filter((x) => x.isOutlier).map((x) => x.judgeId)).toEqual([
			'j3'
		]);
	});
});

describe('event export checks', () => {
	it('[S35] wrong references are refused with their paths; drafts are warnings', () => {
		const base = buildEvent([{ id: 'm1', labour: 'A', management: 'X', scores: { j1: [70, 60] } }]);
		const bad = {
			...base,
			sheets: [
				...base.sheets,
				{ ...base.sheets[0], teamId: 'X' },
				{ ...base.sheets[0], matchId: 'nope' },
				{ ...base.sheets[0], judgeId: 'j9', teamScores: { q: 101 } },
				{ ...base.sheets[0], judgeId: 'j8', status: 'draft' }
			]
		};
		const r = parseEventExport(bad);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const errs = r.problems.filter((p) => p.severity === 'error').map((p) => `${p.path.join('.')}`);
		expect(errs).toEqual(
			expect.arrayContaining(['sheets.2.teamId', 'sheets.3.matchId', 'sheets.4.teamScores.q'])
		);
		// sheet 2 repeats j1's labour sheet for m1 (S4)
		expect(r.problems.some((p) => p.message.includes('submitted two sheets'))).toBe(true);
		expect(r.problems.find((p) => p.path.join('.') === 'sheets.5.status')?.severity).toBe(
			'warning'
		);
	});

	it('[S35] a schema error is reported with its path', () => {
		const r = parseEventExport({ version: 1, event: { id: 'e' } });
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.problems.map((p) => p.path.join('.'))).toEqual(
				expect.arrayContaining(['event.name', 'weights', 'seed'])
			);
	});
});

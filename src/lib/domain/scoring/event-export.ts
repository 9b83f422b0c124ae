/**
 * An event's scoring as one exported file: rubric, teams, matches with their outcomes, judges'
 * sheets, and the rules the organizer published (method, weights, tie-break order, seed, prize
 * bands). `computeEventStandings` turns it into the published standings; `xs standings` prints
 * them. Because every input and rule is in the file, anyone can recompute and check the results.
 */
import { z } from 'zod';
import {
	aggregateScores,
	AggregationMethodSchema,
	mean,
	type AggregationResult,
	type JudgeScore
} from './aggregate.ts';
import { judgeDeviations, kendallW, type JudgeDeviation } from './judge-agreement.ts';
import {
	MatchOutcomeSchema,
	NoAgreementRuleSchema,
	resolveOutcome,
	type AgreedTerms,
	type ResolvedOutcome
} from './outcome.ts';
import { analyzeMatchOutcome, type MatchOutcomeAnalysis } from './outcome-analysis.ts';
import {
	criteriaOf,
	DEFAULT_RUBRIC,
	rubricTotal,
	RubricSchema,
	weightedScore,
	type Rubric
} from './rubric.ts';
import {
	ScoreSheetSchema,
	SideSchema,
	validateSheet,
	type ScoringProblem,
	type ScoreSheet,
	type Side
} from './sheet.ts';
import {
	assignPrizes,
	DEFAULT_TIE_BREAK,
	finalScore,
	PrizeBandsSchema,
	rankEntries,
	TieBreakKeySchema,
	WeightsSchema,
	type Rankable,
	type TieBreakKey
} from './standings.ts';

export const PoolingSchema = z.enum(['separate', 'combined']);

export const EventExportSchema = z.object({
	version: z.literal(1),
	event: z.object({ id: z.string().min(1), name: z.string().min(1) }),
	/** Omitted: the default template (DEFAULT_RUBRIC). */
	rubric: RubricSchema.optional(),
	method: AggregationMethodSchema.default('mean'),
	weights: WeightsSchema,
	/** Labour teams ranked against labour teams, management against management (S13). */
	ranking: PoolingSchema.default('separate'),
	noAgreement: NoAgreementRuleSchema.default('zero'),
	tieBreak: z
		.array(TieBreakKeySchema)
		.min(1)
		.default(DEFAULT_TIE_BREAK)
		.refine((k) => new Set(k).size === k.length, { message: 'a tie-break key appears twice' }),
	/** Seed of the lot (S16), published with the results. */
	seed: z.number().int().min(0).max(0xffffffff),
	prizes: PrizeBandsSchema,
	/** 最佳协商员 / 优秀协商员 bands over contestants (S31, S32). */
	individualAwards: PrizeBandsSchema.optional(),
	individualRanking: PoolingSchema.default('combined'),
	/** Rubric points from the panel mean at which a sheet is flagged (S34). */
	outlierThreshold: z.number().positive().default(10),
	judges: z.array(z.object({ id: z.string().min(1), name: z.string().optional() })).optional(),
	teams: z
		.array(
			z.object({
				id: z.string().min(1),
				name: z.string().min(1),
				side: SideSchema,
				members: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })).default([])
			})
		)
		.min(1),
	matches: z.array(
		z.object({
			id: z.string().min(1),
			round: z.string().optional(),
			labourTeamId: z.string().min(1),
			managementTeamId: z.string().min(1),
			outcome: MatchOutcomeSchema
		})
	),
	sheets: z.array(ScoreSheetSchema)
});
export type EventExport = z.infer<typeof EventExportSchema>;
export type EventExportInput = z.input<typeof EventExportSchema>;

/**
 * Cross-reference checks the schema cannot express (S4, S5, S35): ids that must exist, a sheet's
 * team matching its match and side, contestants belonging to the team, one sheet per judge and
 * side, and every sheet against the rubric. Drafts are reported as warnings and not counted.
 */
export function checkEventExport(ev: EventExport): ScoringProblem[] {
	const rubric = ev.rubric ?? DEFAULT_RUBRIC;
	const problems: ScoringProblem[] = [];
	const teams = new Map(ev.teams.map((t) => [t.id, t]));
	const dup = (ids: string[], path: string) => {
		const seen = new Set<string>();
		ids.forEach((id, i) => {
			if (seen.has(id))
				problems.push({
					path: [path, i, 'id'],
					message: `duplicate id "${id}"`,
					severity: 'error'
				});
			seen.add(id);
		});
	};
	dup(
		ev.teams.map((t) => t.id),
		'teams'
	);
	dup(
		ev.matches.map((m) => m.id),
		'matches'
	);
	const matches = new Map(ev.matches.map((m) => [m.id, m]));
	ev.matches.forEach((m, i) => {
		for (const side of ['labour', 'management'] as const) {
			const key = side === 'labour' ? 'labourTeamId' : 'managementTeamId';
			const t = teams.get(m[key]);
			if (!t)
				problems.push({
					path: ['matches', i, key],
					message: `no team "${m[key]}"`,
					severity: 'error'
				});
			else if (t.side !== side)
				problems.push({
					path: ['matches', i, key],
					message: `team "${t.id}" is a ${t.side} team, not ${side}`,
					severity: 'error'
				});
		}
	});
	const judgeIds = ev.judges ? new Set(ev.judges.map((j) => j.id)) : null;
	const seenSheet = new Set<string>();
	ev.sheets.forEach((s, i) => {
		const at = (p: (string | number)[]): (string | number)[] => ['sheets', i, ...p];
		const m = matches.get(s.matchId);
		if (!m)
			problems.push({
				path: at(['matchId']),
				message: `no match "${s.matchId}"`,
				severity: 'error'
			});
		else {
			const expected = s.side === 'labour' ? m.labourTeamId : m.managementTeamId;
			if (expected !== s.teamId)
				problems.push({
					path: at(['teamId']),
					message: `match "${m.id}" ${s.side} side is team "${expected}", not "${s.teamId}"`,
					severity: 'error'
				});
		}
		if (judgeIds && !judgeIds.has(s.judgeId))
			problems.push({
				path: at(['judgeId']),
				message: `no judge "${s.judgeId}"`,
				severity: 'error'
			});
		const team = teams.get(s.teamId);
		if (team)
			s.contestants.forEach((c, k) => {
				if (!team.members.some((mb) => mb.id === c.contestantId))
					problems.push({
						path: at(['contestants', k, 'contestantId']),
						message: `"${c.contestantId}" is not a member of team "${team.id}"`,
						severity: 'error'
					});
			});
		if (s.status === 'draft') {
			problems.push({
				path: at(['status']),
				message: `draft sheet of judge "${s.judgeId}" for ${s.matchId}/${s.side} is not counted`,
				severity: 'warning'
			});
			return;
		}
		const key = `${s.judgeId}|${s.matchId}|${s.side}`;
		if (seenSheet.has(key))
			problems.push({
				path: at([]),
				message: `judge "${s.judgeId}" submitted two sheets for ${s.matchId}/${s.side}`,
				severity: 'error'
			});
		seenSheet.add(key);
		for (const p of validateSheet(rubric, s)) problems.push({ ...p, path: at(p.path) });
	});
	return problems;
}

export type ParsedEventExport =
	| { ok: true; event: EventExport; warnings: ScoringProblem[] }
	| { ok: false; problems: ScoringProblem[] };

/** Schema then cross-reference checks; `ok: false` when anything is an error. Never throws. */
export function parseEventExport(input: unknown): ParsedEventExport {
	const r = EventExportSchema.safeParse(input);
	if (!r.success)
		return {
			ok: false,
			problems: r.error.issues.map((i) => ({
				path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
				message: i.message,
				severity: 'error' as const
			}))
		};
	const problems = checkEventExport(r.data);
	if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
	return { ok: true, event: r.data, warnings: problems };
}

export interface MatchSideResult {
	matchId: string;
	side: Side;
	teamId: string;
	judgeCount: number;
	rubricRaw: number;
	rubricAdjusted: number;
	outcome: number;
	notes: string[];
}

export interface TeamStanding extends Rankable {
	id: string;
	name: string;
	side: Side;
	matches: MatchSideResult[];
	rubricRaw: number;
	rubric: number;
	outcome: number;
	/** Final score on the adjusted rubric figure (S11). */
	total: number;
	/** Final score on the raw (plain mean) rubric figure, for S10. */
	totalRaw: number;
	rank: number;
	decidedBy: TieBreakKey | null;
	lot?: number;
	prize: string | null;
}

export interface PoolStandings {
	pool: 'labour' | 'management' | 'combined';
	teams: TeamStanding[];
	lotLog: string[];
}

export interface ContestantStanding extends Rankable {
	id: string;
	name: string;
	teamId: string;
	side: Side;
	scoreRaw: number;
	score: number;
	rank: number;
	decidedBy: TieBreakKey | null;
	award: string | null;
}

export interface MatchAgreement {
	matchId: string;
	/** Kendall's W over the sides each judge scored (S33); null with < 2 judges scoring both. */
	kendallW: number | null;
	deviations: JudgeDeviation[];
}

export interface PrizeChange {
	pool: string;
	teamId: string;
	rawRank: number;
	adjustedRank: number;
	rawPrize: string | null;
	adjustedPrize: string | null;
}

export interface EventStandings {
	eventId: string;
	eventName: string;
	method: EventExport['method'];
	weights: EventExport['weights'];
	tieBreak: TieBreakKey[];
	noAgreement: EventExport['noAgreement'];
	seed: number;
	/** Standings on the method's (adjusted) rubric figures: the published result. */
	pools: PoolStandings[];
	/** The same on raw means (S10). */
	rawPools: PoolStandings[];
	/** Whether using the method instead of the plain mean changed any prize or the order (S10). */
	adjustment: { changesPrizes: boolean; changesOrder: boolean; changes: PrizeChange[] };
	individuals: { pool: string; contestants: ContestantStanding[]; lotLog: string[] }[];
	matches: { matchId: string; outcome: ResolvedOutcome; sides: MatchSideResult[] }[];
	agreement: MatchAgreement[];
	aggregation: Pick<AggregationResult, 'judges' | 'eventMean' | 'eventSd'>;
	notes: string[];
}

/** S10: compare two rankings of the same pools; prizes and order by team. */
export function adjustmentChangesPrizes(
	raw: PoolStandings[],
	adjusted: PoolStandings[]
): EventStandings['adjustment'] {
	const changes: PrizeChange[] = [];
	let changesOrder = false;
	for (const a of adjusted) {
		const r = raw.find((p) => p.pool === a.pool);
		if (!r) continue;
		for (const t of a.teams) {
			const rt = r.teams.find((x) => x.id === t.id);
			if (!rt) continue;
			if (rt.rank !== t.rank) changesOrder = true;
			if (rt.rank !== t.rank || rt.prize !== t.prize)
				changes.push({
					pool: a.pool,
					teamId: t.id,
					rawRank: rt.rank,
					adjustedRank: t.rank,
					rawPrize: rt.prize,
					adjustedPrize: t.prize
				});
		}
	}
	return {
		changesPrizes: changes.some((c) => c.rawPrize !== c.adjustedPrize),
		changesOrder,
		changes
	};
}

const sideKey = (matchId: string, side: Side) => `${matchId}/${side}`;

export interface StandingsOptions {
	/**
	 * Keep each match's points analytics (`matches[].outcome.analysis`). Off by default: the
	 * standings are what gets published, and the analytics come from the sides' confidential
	 * points tables (S28). `xs standings`, run by whoever holds the file, turns it on.
	 */
	withAnalysis?: boolean;
}

/**
 * Published standings of an event (S1–S35). Only submitted, valid sheets count; call
 * `parseEventExport` first to refuse a file with errors. A match side nobody scored gets rubric 0
 * and a note (S19) rather than dropping out, so a missing sheet is visible, not silently averaged
 * away. The steps, each below: the sheets that count, each match side's result, the team pools,
 * the individual awards, the judges' agreement.
 */
export function computeEventStandings(
	ev: EventExport,
	options: StandingsOptions = {}
): EventStandings {
	const rubric: Rubric = ev.rubric ?? DEFAULT_RUBRIC;
	const notes: string[] = [];
	const countable = countableSheets(ev, rubric, notes);
	// Team rubric totals per match side (S2), aggregated by the event's method (S6–S9).
	const teamObs: JudgeScore[] = countable.map((s) => ({
		judgeId: s.judgeId,
		subjectId: sideKey(s.matchId, s.side),
		value: rubricTotal(
			rubric,
			s.teamScores,
			s.contestants.map((c) => c.scores)
		)
	}));
	const agg = aggregateScores(teamObs, ev.method);
	const { matchResults, sideResults } = matchSideResults(ev, agg, options);
	const baseTeams = teamFigures(ev, sideResults, notes);
	const pools = rankTeamPools(ev, baseTeams, 'adjusted');
	const rawPools = rankTeamPools(ev, baseTeams, 'raw');
	return {
		eventId: ev.event.id,
		eventName: ev.event.name,
		method: ev.method,
		weights: ev.weights,
		tieBreak: ev.tieBreak,
		noAgreement: ev.noAgreement,
		seed: ev.seed,
		pools,
		rawPools,
		adjustment: adjustmentChangesPrizes(rawPools, pools),
		individuals: individualStandings(ev, rubric, countable, notes),
		matches: matchResults,
		agreement: judgeAgreement(ev, teamObs),
		aggregation: { judges: agg.judges, eventMean: agg.eventMean, eventSd: agg.eventSd },
		notes
	};
}

/** Submitted sheets without errors (S3); how many did not count goes into `notes`. */
function countableSheets(ev: EventExport, rubric: Rubric, notes: string[]): ScoreSheet[] {
	const countable = ev.sheets.filter(
		(s) => s.status === 'submitted' && !validateSheet(rubric, s).some((p) => p.severity === 'error')
	);
	const skipped = ev.sheets.length - countable.length;
	if (skipped > 0) notes.push(`${skipped} sheet(s) not counted (draft or invalid)`);
	return countable;
}

/** Each match's resolved outcome and its two sides' results (S19–S29), and each team's sides. */
function matchSideResults(
	ev: EventExport,
	agg: ReturnType<typeof aggregateScores>,
	options: StandingsOptions
): { matchResults: EventStandings['matches']; sideResults: Map<string, MatchSideResult[]> } {
	const aggOf = new Map(agg.subjects.map((a) => [a.subjectId, a]));
	const matchResults: EventStandings['matches'] = [];
	const sideResults = new Map<string, MatchSideResult[]>();
	for (const m of ev.matches) {
		const outcome = resolveOutcome(m.outcome, ev.noAgreement);
		if (!options.withAnalysis) delete outcome.analysis;
		const sides: MatchSideResult[] = (['labour', 'management'] as const).map((side) => {
			const a = aggOf.get(sideKey(m.id, side));
			const teamId = side === 'labour' ? m.labourTeamId : m.managementTeamId;
			const sideNotes = [...(a?.notes ?? [])];
			if (!a) sideNotes.push('no submitted sheet: rubric 0');
			return {
				matchId: m.id,
				side,
				teamId,
				judgeCount: a?.judgeCount ?? 0,
				rubricRaw: a?.raw ?? 0,
				rubricAdjusted: a?.adjusted ?? 0,
				outcome: outcome[side],
				notes: sideNotes
			};
		});
		for (const s of sides) sideResults.set(s.teamId, [...(sideResults.get(s.teamId) ?? []), s]);
		matchResults.push({ matchId: m.id, outcome, sides });
	}
	return { matchResults, sideResults };
}

type TeamFigures = {
	t: EventExport['teams'][number];
	ms: MatchSideResult[];
	rubricRaw: number;
	rubricAdj: number;
	outcome: number;
};

/**
 * A team's figures are the mean over its matches (S12), so a team that played an extra round is
 * neither helped nor hurt by the count.
 */
function teamFigures(
	ev: EventExport,
	sideResults: Map<string, MatchSideResult[]>,
	notes: string[]
): TeamFigures[] {
	return ev.teams.map((t) => {
		const ms = sideResults.get(t.id) ?? [];
		const rubricRaw = ms.length ? mean(ms.map((x) => x.rubricRaw)) : 0;
		const rubricAdj = ms.length ? mean(ms.map((x) => x.rubricAdjusted)) : 0;
		const outcome = ms.length ? mean(ms.map((x) => x.outcome)) : 0;
		if (!ms.length) notes.push(`team ${t.id} played no match`);
		return { t, ms, rubricRaw, rubricAdj, outcome };
	});
}

/** The team pools ranked (S13–S18) with prizes, on the raw or the adjusted rubric (S35). */
function rankTeamPools(
	ev: EventExport,
	baseTeams: TeamFigures[],
	basis: 'raw' | 'adjusted'
): PoolStandings[] {
	const pools: { pool: PoolStandings['pool']; members: TeamFigures[] }[] =
		ev.ranking === 'combined'
			? [{ pool: 'combined', members: baseTeams }]
			: (['labour', 'management'] as const).map((side) => ({
					pool: side,
					members: baseTeams.filter((b) => b.t.side === side)
				}));
	return pools
		.filter((p) => p.members.length > 0)
		.map(({ pool, members }) => {
			const entries = members.map((b) => {
				const rubricUsed = basis === 'raw' ? b.rubricRaw : b.rubricAdj;
				const total = finalScore(ev.weights, rubricUsed, b.outcome);
				return {
					id: b.t.id,
					name: b.t.name,
					side: b.t.side,
					matches: b.ms,
					rubricRaw: b.rubricRaw,
					rubric: rubricUsed,
					outcome: b.outcome,
					total,
					totalRaw: finalScore(ev.weights, b.rubricRaw, b.outcome),
					values: { total, outcome: b.outcome, rubric: rubricUsed }
				};
			});
			const r = rankEntries(entries, ev.tieBreak, ev.seed);
			const prizes = assignPrizes(ev.prizes, r.ranked.length);
			return {
				pool,
				lotLog: r.lotLog,
				teams: r.ranked.map((x, i) => ({
					...x.entry,
					rank: x.rank,
					decidedBy: x.decidedBy,
					...(x.lot !== undefined ? { lot: x.lot } : {}),
					prize: prizes[i] ?? null
				}))
			};
		});
}

/**
 * Individual awards from individual criteria only (S31, S32), aggregated like team scores but
 * in their own pool, per match first and then averaged over a contestant's matches.
 */
function individualStandings(
	ev: EventExport,
	rubric: Rubric,
	countable: ScoreSheet[],
	notes: string[]
): EventStandings['individuals'] {
	const indiv = criteriaOf(rubric, 'individual');
	const individuals: EventStandings['individuals'] = [];
	if (indiv.length === 0) {
		notes.push('rubric has no individual criteria: no individual ranking');
		return individuals;
	}
	const obs: JudgeScore[] = [];
	for (const s of countable)
		for (const c of s.contestants)
			obs.push({
				judgeId: s.judgeId,
				subjectId: `${s.matchId}/${c.contestantId}`,
				value: weightedScore(indiv, c.scores)
			});
	const ia = aggregateScores(obs, ev.method);
	const perContestant = new Map<string, { raw: number[]; adj: number[] }>();
	for (const a of ia.subjects) {
		const cid = a.subjectId.slice(a.subjectId.indexOf('/') + 1);
		const e = perContestant.get(cid) ?? { raw: [], adj: [] };
		e.raw.push(a.raw);
		e.adj.push(a.adjusted);
		perContestant.set(cid, e);
	}
	const people = ev.teams.flatMap((t) =>
		t.members
			.filter((mb) => perContestant.has(mb.id))
			.map((mb) => {
				const e = perContestant.get(mb.id) as { raw: number[]; adj: number[] };
				const score = mean(e.adj);
				return {
					id: mb.id,
					name: mb.name,
					teamId: t.id,
					side: t.side,
					scoreRaw: mean(e.raw),
					score,
					values: { total: score }
				};
			})
	);
	const groups =
		ev.individualRanking === 'combined'
			? [{ pool: 'combined', list: people }]
			: (['labour', 'management'] as const).map((side) => ({
					pool: side as string,
					list: people.filter((p) => p.side === side)
				}));
	for (const g of groups) {
		if (g.list.length === 0) continue;
		const r = rankEntries(g.list, ['total', 'lot'], ev.seed);
		const awards = ev.individualAwards ? assignPrizes(ev.individualAwards, r.ranked.length) : [];
		individuals.push({
			pool: g.pool,
			lotLog: r.lotLog,
			contestants: r.ranked.map((x, i) => ({
				...x.entry,
				rank: x.rank,
				decidedBy: x.decidedBy,
				award: awards[i] ?? null
			}))
		});
	}
	return individuals;
}

/** Judge agreement per match (S33, S34): W over the two sides, from judges who scored both. */
function judgeAgreement(ev: EventExport, teamObs: JudgeScore[]): MatchAgreement[] {
	return ev.matches.map((m) => {
		const sheetsOf = teamObs.filter((o) => o.subjectId.startsWith(`${m.id}/`));
		const byJudge = new Map<string, Partial<Record<Side, number>>>();
		for (const o of sheetsOf) {
			const side = o.subjectId.slice(m.id.length + 1) as Side;
			byJudge.set(o.judgeId, { ...(byJudge.get(o.judgeId) ?? {}), [side]: o.value });
		}
		const rows = [...byJudge.values()]
			.filter((r) => r.labour !== undefined && r.management !== undefined)
			.map((r) => [r.labour as number, r.management as number]);
		return {
			matchId: m.id,
			kendallW: kendallW(rows),
			deviations: judgeDeviations(
				sheetsOf.map((o) => ({ judgeId: o.judgeId, itemId: o.subjectId, score: o.value })),
				ev.outlierThreshold
			)
		};
	});
}

export interface EventOutcomeAnalysis {
	matchId: string;
	round?: string;
	labourTeamId: string;
	managementTeamId: string;
	/** The full signed terms when the file carries them (S29); null without an agreement. */
	agreedTerms: AgreedTerms | null;
	analysis: MatchOutcomeAnalysis;
}

/**
 * Every match's outcome analysis (S28) under the event's no-agreement rule, in file order. Kept
 * apart from `computeEventStandings` because it reads the confidential points tables: a host
 * shows it only to those allowed to see them.
 */
export function analyzeEventOutcomes(ev: EventExport): EventOutcomeAnalysis[] {
	return ev.matches.map((m) => ({
		matchId: m.id,
		...(m.round !== undefined ? { round: m.round } : {}),
		labourTeamId: m.labourTeamId,
		managementTeamId: m.managementTeamId,
		agreedTerms: m.outcome.kind === 'scores' ? null : (m.outcome.agreedTerms ?? null),
		analysis: analyzeMatchOutcome(m.outcome, ev.noAgreement)
	}));
}

/**
 * Judging inside the app (issue 6): an event's rubric and published rules, judges' score sheets,
 * conflicts of interest (回避), and the standings computed by the scoring engine from an event
 * file built out of the database, so the app and `xs standings` can never disagree.
 */
import { z } from 'zod';
import { SIDE_NAME_ZH } from '../../domain/roles.ts';
import {
	AggregationMethodSchema,
	computeEventStandings,
	DEFAULT_RUBRIC,
	NoAgreementRuleSchema,
	parseEventExport,
	PrizeBandsSchema,
	RubricSchema,
	TieBreakKeySchema,
	type EventExport,
	type EventStandings,
	type PrizeBands,
	type Rubric,
	type ScoringProblem
} from '../../domain/scoring/index.ts';
import type { Db } from '../storage/db.ts';
import { getEvent, matchesOf, moveSeat, seatsOfEvent, seatsOfMatch, sideOf, teamsOf, type Match, type Seat, type Side } from '../events/events.ts';
import { newId } from '../ids.ts';
import { audit } from '../audit.ts';
import { matchOutcomeFor } from './outcome.ts';
import { changedRules, rulesLockOf, type RuleKey, type RulesLock } from './rules.ts';
import { getScenario } from '../scenarios.ts';
import { unscoredMatches, withoutMatches, type UnscoredMatch } from './unscored.ts';

export const DEFAULT_TEAM_PRIZES: PrizeBands = {
	mode: 'share',
	bands: [
		{ label: '一等奖', share: 0.1 },
		{ label: '二等奖', share: 0.2 },
		{ label: '三等奖', share: 0.3 }
	]
};
/** 最佳协商员 / 优秀协商员 (docs/sources.md §5: Huainan's 最佳协商员, the universities' 最佳谈判员). */
export const DEFAULT_INDIVIDUAL_AWARDS: PrizeBands = {
	mode: 'count',
	bands: [
		{ label: '最佳协商员', count: 1 },
		{ label: '优秀协商员', count: 2 }
	]
};

export const JudgingSettingsSchema = z.object({
	rubric: RubricSchema,
	method: AggregationMethodSchema,
	weights: z
		.object({ rubric: z.number().min(0).max(1000), outcome: z.number().min(0).max(1000) })
		.refine((w) => w.rubric + w.outcome > 0, { message: 'weights must not both be 0' }),
	noAgreement: NoAgreementRuleSchema,
	tieBreak: z
		.array(TieBreakKeySchema)
		.min(1)
		.refine((k) => new Set(k).size === k.length, { message: 'a tie-break key appears twice' }),
	prizes: PrizeBandsSchema,
	individualAwards: PrizeBandsSchema,
	ranking: z.enum(['separate', 'combined'])
});
export type JudgingSettingsInput = z.infer<typeof JudgingSettingsSchema>;

export interface JudgingSettings extends JudgingSettingsInput {
	eventId: string;
	/** Rubric points from the panel mean at which a sheet is flagged (S34); not a rule, see saveOutlierThreshold. */
	outlierThreshold: number;
	seed: number;
	isStored: boolean;
	isReleased: boolean;
	releasedAt: number | null;
}

type SettingsDb = {
	event_id: string;
	rubric: string;
	method: string;
	weight_rubric: number;
	weight_outcome: number;
	no_agreement: string;
	tie_break: string;
	prizes: string;
	individual_awards: string;
	ranking: string;
	seed: number;
	released: number;
	released_at: number | null;
	frozen_results: string | null;
};

/** A seed for the lot (S16) derived from the event id, so unsaved defaults are stable too. */
function seedFor(eventId: string): number {
	let h = 2166136261;
	for (const ch of eventId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
	return h >>> 0;
}

/** S34's default: 10 points on the rubric's 0–100 total. */
export const DEFAULT_OUTLIER_THRESHOLD = 10;

/** What the organizer may set: more than 0, at most the rubric's 100, in steps of 0.5. */
export const OutlierThresholdSchema = z.number().positive().max(100).multipleOf(0.5);

function outlierThresholdOf(db: Db, eventId: string): number {
	const r = db.prepare<[string], { threshold: number }>('SELECT threshold FROM judging_outlier_thresholds WHERE event_id = ?').get(eventId);
	return r?.threshold ?? DEFAULT_OUTLIER_THRESHOLD;
}

export function defaultSettings(eventId: string): JudgingSettings {
	return {
		eventId,
		outlierThreshold: DEFAULT_OUTLIER_THRESHOLD,
		rubric: structuredClone(DEFAULT_RUBRIC),
		method: 'mean',
		weights: { rubric: 70, outcome: 30 },
		noAgreement: 'zero',
		tieBreak: ['total', 'outcome', 'rubric', 'lot'],
		prizes: structuredClone(DEFAULT_TEAM_PRIZES),
		individualAwards: structuredClone(DEFAULT_INDIVIDUAL_AWARDS),
		ranking: 'separate',
		seed: seedFor(eventId),
		isStored: false,
		isReleased: false,
		releasedAt: null
	};
}

/** The event's rubric and rules; the defaults (DEFAULT_RUBRIC, 70/30, zero…) until saved. */
export function getSettings(db: Db, eventId: string): JudgingSettings {
	const r = db.prepare<[string], SettingsDb>('SELECT * FROM judging_settings WHERE event_id = ?').get(eventId);
	if (!r) return { ...defaultSettings(eventId), outlierThreshold: outlierThresholdOf(db, eventId) };
	const parsed = JudgingSettingsSchema.parse({
		rubric: JSON.parse(r.rubric),
		method: r.method,
		weights: { rubric: r.weight_rubric, outcome: r.weight_outcome },
		noAgreement: r.no_agreement,
		tieBreak: JSON.parse(r.tie_break),
		prizes: JSON.parse(r.prizes),
		individualAwards: JSON.parse(r.individual_awards),
		ranking: r.ranking
	});
	return {
		...parsed,
		eventId,
		outlierThreshold: outlierThresholdOf(db, eventId),
		seed: r.seed,
		isStored: true,
		isReleased: r.released === 1,
		releasedAt: r.released_at
	};
}

/** True once any judge has submitted a sheet in the event. */
export function isRubricLocked(db: Db, eventId: string): boolean {
	return !!db.prepare("SELECT 1 FROM score_sheets WHERE event_id = ? AND status = 'submitted' LIMIT 1").get(eventId);
}

/**
 * True once a match of the event has left its initial phase: its status is no longer `scheduled`
 * (the clock was started or an offer tabled), or its clock moved past the first phase or ended
 * (the organizer may step the phases without starting the clock).
 */
export function hasStartedMatch(db: Db, eventId: string): boolean {
	return !!db
		.prepare(
			`SELECT 1 FROM matches m LEFT JOIN clocks c ON c.match_id = m.id
			 WHERE m.event_id = ? AND (m.status != 'scheduled'
				OR json_extract(c.state, '$.phaseIndex') > 0 OR json_extract(c.state, '$.ended') = 1) LIMIT 1`
		)
		.get(eventId);
}

/** Whether, and why, the event's scoring rules can no longer change (judging-rules.ts). */
export function rulesLock(db: Db, eventId: string): RulesLock | null {
	return rulesLockOf({ hasSubmittedSheet: isRubricLocked(db, eventId), hasStartedMatch: hasStartedMatch(db, eventId) });
}

export class JudgingError extends Error {}

/** A save refused because the rules are locked; `changed` names what the save would have changed. */
export class RulesLockedError extends JudgingError {
	constructor(
		readonly lock: RulesLock,
		readonly changed: RuleKey[]
	) {
		super('rules-locked');
	}
}

/**
 * Saves (publishes) the rules. Once the first sheet is submitted or the first match has begun,
 * nothing that decides a result may change (judging-rules.ts); saving the same rules again is fine.
 */
export function saveSettings(db: Db, eventId: string, input: JudgingSettingsInput): JudgingSettings {
	const s = JudgingSettingsSchema.parse(input);
	const tieBreak = s.tieBreak.includes('lot') ? s.tieBreak : [...s.tieBreak, 'lot' as const];
	return db.transaction(() => {
		const current = getSettings(db, eventId);
		if (current.isReleased) throw new JudgingError('released');
		const lock = rulesLock(db, eventId);
		if (lock) {
			const changed = changedRules(current, { ...s, tieBreak });
			if (changed.length > 0) throw new RulesLockedError(lock, changed);
		}
		db.prepare(
			`INSERT INTO judging_settings (event_id, rubric, method, weight_rubric, weight_outcome, no_agreement, tie_break, prizes,
				individual_awards, ranking, seed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (event_id) DO UPDATE SET rubric = excluded.rubric, method = excluded.method,
				weight_rubric = excluded.weight_rubric, weight_outcome = excluded.weight_outcome, no_agreement = excluded.no_agreement,
				tie_break = excluded.tie_break, prizes = excluded.prizes, individual_awards = excluded.individual_awards,
				ranking = excluded.ranking, updated_at = excluded.updated_at`
		).run(
			eventId,
			JSON.stringify(s.rubric),
			s.method,
			s.weights.rubric,
			s.weights.outcome,
			s.noAgreement,
			JSON.stringify(tieBreak),
			JSON.stringify(s.prizes),
			JSON.stringify(s.individualAwards),
			s.ranking,
			current.seed,
			Date.now()
		);
		return getSettings(db, eventId);
	})();
}

/**
 * Sets the outlier threshold (S34). It decides no score, only which sheets the scoreboard flags,
 * so it is not one of the locked rules (judging-rules.ts) and stays editable once play has begun;
 * it lives in its own table so setting it does not publish the rules. After release the scoreboard
 * shows the frozen figures, flags included, so a change then is refused like any other.
 */
export function saveOutlierThreshold(db: Db, eventId: string, threshold: number): { before: number; after: number } {
	const value = OutlierThresholdSchema.parse(threshold);
	return db.transaction(() => {
		const current = getSettings(db, eventId);
		if (current.isReleased) throw new JudgingError('released');
		db.prepare(
			`INSERT INTO judging_outlier_thresholds (event_id, threshold, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT (event_id) DO UPDATE SET threshold = excluded.threshold, updated_at = excluded.updated_at`
		).run(eventId, value, Date.now());
		return { before: current.outlierThreshold, after: value };
	})();
}

/* Judges and their matches ------------------------------------------------------------------ */

export const isJudge = (seat: Seat | null | undefined): seat is Seat => !!seat && seat.role === 'judge' && seat.revokedAt === null;

/** The matches a judge seat scores: its own match, or every match of the event when event-wide. */
export function matchesForJudge(db: Db, seat: Seat): Match[] {
	const all = matchesOf(db, seat.eventId);
	return seat.matchId ? all.filter((m) => m.id === seat.matchId) : all;
}

export interface Contestant {
	id: string;
	name: string;
}

/** The contestants of a side in a match: its seats that have joined (individual criteria, S2). */
export function contestantsOf(db: Db, matchId: string, side: Side): Contestant[] {
	return seatsOfMatch(db, matchId)
		.filter((s) => sideOf(s.role) === side && s.personName && s.revokedAt === null)
		.map((s) => ({ id: s.id, name: s.personName ?? s.label }));
}

/* Conflicts of interest (回避) ------------------------------------------------------------------ */

/** Affiliations compare case- and whitespace-insensitively; an empty one never conflicts. */
export const normaliseAffiliation = (a: string) => a.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export interface Conflict {
	matchId: string;
	judgeSeatId: string;
	judgeName: string;
	teamId: string;
	teamName: string;
	side: Side;
	affiliation: string;
	confirmedBy: string | null;
	confirmedAt: number | null;
}

export function conflictsOf(db: Db, eventId: string): Conflict[] {
	const teams = new Map(teamsOf(db, eventId).map((t) => [t.id, t]));
	const judges = seatsOfEvent(db, eventId).filter(isJudge);
	const confirmed = new Map(
		db
			.prepare<[string], { match_id: string; judge_seat_id: string; team_id: string; confirmed_by: string; confirmed_at: number }>(
				'SELECT * FROM conflict_confirmations WHERE event_id = ?'
			)
			.all(eventId)
			.map((r) => [`${r.match_id}|${r.judge_seat_id}|${r.team_id}`, r])
	);
	const out: Conflict[] = [];
	for (const j of judges) {
		const aff = normaliseAffiliation(j.affiliation);
		if (!aff) continue;
		for (const m of matchesForJudge(db, j)) {
			for (const side of ['labour', 'management'] as const) {
				const teamId = side === 'labour' ? m.labourTeamId : m.managementTeamId;
				const team = teamId ? teams.get(teamId) : undefined;
				if (!team || normaliseAffiliation(team.affiliation) !== aff) continue;
				const c = confirmed.get(`${m.id}|${j.id}|${team.id}`);
				out.push({
					matchId: m.id,
					judgeSeatId: j.id,
					judgeName: j.personName ?? j.label,
					teamId: team.id,
					teamName: team.name,
					side,
					affiliation: team.affiliation,
					confirmedBy: c?.confirmed_by ?? null,
					confirmedAt: c?.confirmed_at ?? null
				});
			}
		}
	}
	return out;
}

export function confirmConflict(db: Db, eventId: string, matchId: string, judgeSeatId: string, teamId: string, actor: string): boolean {
	const c = conflictsOf(db, eventId).find((x) => x.matchId === matchId && x.judgeSeatId === judgeSeatId && x.teamId === teamId);
	if (!c) return false;
	db.prepare(
		'INSERT OR IGNORE INTO conflict_confirmations (match_id, judge_seat_id, team_id, event_id, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?)'
	).run(matchId, judgeSeatId, teamId, eventId, actor, Date.now());
	return true;
}

/**
 * Audits each conflict the predicate selects (a judge seat just added, its affiliation just set,
 * a match just created) so the organizer sees it when it arises, not only on the judging page.
 */
export function flagConflicts(db: Db, eventId: string, actor: string, which: (c: Conflict) => boolean): Conflict[] {
	const found = conflictsOf(db, eventId).filter(which);
	for (const c of found)
		audit(db, eventId, actor, 'judging.conflict.flag', {
			match: c.matchId,
			judge: c.judgeSeatId,
			judgeName: c.judgeName,
			team: c.teamId,
			teamName: c.teamName,
			affiliation: c.affiliation,
			isConfirmed: c.confirmedAt !== null
		});
	return found;
}

export type ReassignRefusal = 'no-seat' | 'event-wide' | 'target' | 'other-round' | 'target-conflict' | 'submitted';

/**
 * The matches a per-match judge seat may be moved to: the other matches of its round, with both
 * teams, where the judge's affiliation matches neither team.
 */
export function reassignTargets(db: Db, seat: Seat): Match[] {
	if (!seat.matchId) return [];
	const all = matchesOf(db, seat.eventId);
	const from = all.find((m) => m.id === seat.matchId);
	if (!from) return [];
	const aff = normaliseAffiliation(seat.affiliation);
	const teams = new Map(teamsOf(db, seat.eventId).map((t) => [t.id, normaliseAffiliation(t.affiliation)]));
	const clashes = (m: Match) => !!aff && [m.labourTeamId, m.managementTeamId].some((id) => id && teams.get(id) === aff);
	return all.filter((m) => m.id !== from.id && m.roundNumber === from.roundNumber && m.labourTeamId && m.managementTeamId && !clashes(m));
}

/**
 * 改派: moves a per-match judge seat to another match of the same round. The judge keeps the seat,
 * its code and their name; drafts for the old match are dropped (they belong to the old teams) and
 * returned for the audit log, and a judge who has already submitted there is refused (the sheet
 * would be orphaned).
 */
export function reassignJudge(
	db: Db,
	seat: Seat,
	targetMatchId: string
): { ok: true; from: string; to: string; droppedDrafts: StoredSheet[] } | { ok: false; reason: ReassignRefusal } {
	if (!isJudge(seat)) return { ok: false, reason: 'no-seat' };
	if (!seat.matchId) return { ok: false, reason: 'event-wide' };
	const target = matchesOf(db, seat.eventId).find((m) => m.id === targetMatchId);
	const from = matchesOf(db, seat.eventId).find((m) => m.id === seat.matchId);
	if (!target || !from || target.id === from.id) return { ok: false, reason: 'target' };
	if (target.roundNumber !== from.roundNumber) return { ok: false, reason: 'other-round' };
	if (!reassignTargets(db, seat).some((m) => m.id === target.id)) return { ok: false, reason: 'target-conflict' };
	const fromId = from.id;
	return db.transaction(() => {
		const submitted = db
			.prepare("SELECT 1 FROM score_sheets WHERE judge_seat_id = ? AND match_id = ? AND status = 'submitted' LIMIT 1")
			.get(seat.id, fromId);
		if (submitted) return { ok: false as const, reason: 'submitted' as const };
		// What is dropped goes to the caller, which records it in the audit log: nothing typed vanishes untraced.
		const droppedDrafts = sheetsOfJudge(db, seat.id).filter((sh) => sh.matchId === fromId && sh.status === 'draft');
		db.prepare("DELETE FROM score_sheets WHERE judge_seat_id = ? AND match_id = ? AND status = 'draft'").run(seat.id, fromId);
		moveSeat(db, seat.id, target.id);
		return { ok: true as const, from: fromId, to: target.id, droppedDrafts };
	})();
}

/** Unconfirmed conflicts that keep this judge from submitting for this match. */
export function openConflictsFor(db: Db, seat: Seat, matchId: string): Conflict[] {
	return conflictsOf(db, seat.eventId).filter((c) => c.judgeSeatId === seat.id && c.matchId === matchId && c.confirmedAt === null);
}

/* Score sheets ------------------------------------------------------------------------------- */

export interface StoredSheet {
	id: string;
	eventId: string;
	matchId: string;
	judgeSeatId: string;
	side: Side;
	teamScores: Record<string, number>;
	contestants: SheetContestant[];
	comment: string;
	/** 评语 on team criteria, by criterion id; individual criteria's remarks are on each contestant. */
	criterionComments: Record<string, string>;
	status: 'draft' | 'submitted';
	submittedAt: number | null;
	updatedAt: number;
}
type SheetDb = {
	id: string;
	event_id: string;
	match_id: string;
	judge_seat_id: string;
	side: Side;
	team_scores: string;
	contestant_scores: string;
	comment: string;
	criterion_comments: string;
	status: 'draft' | 'submitted';
	submitted_at: number | null;
	updated_at: number;
};
const ScoresSchema = z.record(z.string(), z.number());
const CommentsSchema = z.record(z.string(), z.string());
const ContestantsSchema = z.array(z.object({ contestantId: z.string(), scores: ScoresSchema, criterionComments: CommentsSchema.optional() }));

/** One contestant's scores on a sheet, with the judge's remarks on their individual criteria. */
export interface SheetContestant {
	contestantId: string;
	scores: Record<string, number>;
	criterionComments?: Record<string, string>;
}
const toSheet = (r: SheetDb): StoredSheet => ({
	id: r.id,
	eventId: r.event_id,
	matchId: r.match_id,
	judgeSeatId: r.judge_seat_id,
	side: r.side,
	teamScores: ScoresSchema.parse(JSON.parse(r.team_scores)),
	contestants: ContestantsSchema.parse(JSON.parse(r.contestant_scores)),
	comment: r.comment,
	criterionComments: CommentsSchema.parse(JSON.parse(r.criterion_comments)),
	status: r.status,
	submittedAt: r.submitted_at,
	updatedAt: r.updated_at
});

export function sheetsOfEvent(db: Db, eventId: string): StoredSheet[] {
	return db.prepare<[string], SheetDb>('SELECT * FROM score_sheets WHERE event_id = ? ORDER BY rowid').all(eventId).map(toSheet);
}
export function sheetsOfJudge(db: Db, seatId: string): StoredSheet[] {
	return db.prepare<[string], SheetDb>('SELECT * FROM score_sheets WHERE judge_seat_id = ? ORDER BY rowid').all(seatId).map(toSheet);
}
export function getSheet(db: Db, seatId: string, matchId: string, side: Side): StoredSheet | null {
	const r = db
		.prepare<[string, string, Side], SheetDb>('SELECT * FROM score_sheets WHERE judge_seat_id = ? AND match_id = ? AND side = ?')
		.get(seatId, matchId, side);
	return r ? toSheet(r) : null;
}

export interface SheetValues {
	teamScores: Record<string, number>;
	contestants: SheetContestant[];
	comment: string;
	criterionComments: Record<string, string>;
}

/**
 * A sheet's values in one fixed key order, for the audit record and for telling a real change
 * from a resubmission of the same figures (JSON comparison depends on key order).
 */
export const sheetValuesOf = (v: SheetValues): SheetValues => ({
	teamScores: v.teamScores,
	contestants: v.contestants.map((c) => ({
		contestantId: c.contestantId,
		scores: c.scores,
		...(c.criterionComments && Object.keys(c.criterionComments).length ? { criterionComments: c.criterionComments } : {})
	})),
	comment: v.comment,
	criterionComments: v.criterionComments
});

/** Writes a sheet (insert or update). Validation and the change-after-submission rule are the caller's. */
export function writeSheet(db: Db, seat: Seat, matchId: string, side: Side, v: SheetValues, status: 'draft' | 'submitted'): StoredSheet {
	const now = Date.now();
	db.prepare(
		`INSERT INTO score_sheets (id, event_id, match_id, judge_seat_id, side, team_scores, contestant_scores, comment, criterion_comments,
			status, submitted_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (judge_seat_id, match_id, side) DO UPDATE SET team_scores = excluded.team_scores,
			contestant_scores = excluded.contestant_scores, comment = excluded.comment,
			criterion_comments = excluded.criterion_comments, status = excluded.status,
			submitted_at = COALESCE(score_sheets.submitted_at, excluded.submitted_at), updated_at = excluded.updated_at`
	).run(
		newId(),
		seat.eventId,
		matchId,
		seat.id,
		side,
		JSON.stringify(v.teamScores),
		JSON.stringify(sheetValuesOf(v).contestants),
		v.comment,
		JSON.stringify(v.criterionComments),
		status,
		status === 'submitted' ? now : null,
		now
	);
	return getSheet(db, seat.id, matchId, side)!;
}

/* Event file and standings -------------------------------------------------------------------- */

/**
 * The event as an `EventExportSchema` file: rubric, rules, teams with their contestants (seat ids,
 * names), matches with outcomes, every sheet. `xs standings` on this file prints the scoreboard.
 */
export function buildEventExport(db: Db, eventId: string): EventExport {
	const event = getEvent(db, eventId);
	if (!event) throw new JudgingError('no-event');
	const settings = getSettings(db, eventId);
	const scenario = getScenario(event.scenarioId);
	const teams = teamsOf(db, eventId);
	const matches = matchesOf(db, eventId).filter((m) => m.labourTeamId && m.managementTeamId);
	const seats = seatsOfEvent(db, eventId);
	const sheets = sheetsOfEvent(db, eventId).filter((s) => matches.some((m) => m.id === s.matchId));
	const seatById = new Map(seats.map((s) => [s.id, s]));

	// A team's side comes from the matches it plays; a team on both sides (eachTeamBothSides)
	// is split into one entry per side, since the engine ranks labour and management apart (S13).
	const teamKey = (teamId: string, side: Side, both: boolean) => (both ? `${teamId}~${side}` : teamId);
	const sidesOf = new Map<string, Set<Side>>();
	for (const m of matches) {
		sidesOf.set(m.labourTeamId!, (sidesOf.get(m.labourTeamId!) ?? new Set()).add('labour'));
		sidesOf.set(m.managementTeamId!, (sidesOf.get(m.managementTeamId!) ?? new Set()).add('management'));
	}
	const isBoth = (teamId: string) => (sidesOf.get(teamId)?.size ?? 0) > 1;
	const members = new Map<string, Map<string, string>>();
	const addMember = (key: string, id: string, name: string) => {
		const mm = members.get(key) ?? new Map<string, string>();
		if (!mm.has(id)) mm.set(id, name);
		members.set(key, mm);
	};
	for (const m of matches) {
		for (const s of seatsOfMatch(db, m.id)) {
			const side = sideOf(s.role);
			if (!side || !s.personName || s.revokedAt !== null) continue;
			const teamId = side === 'labour' ? m.labourTeamId! : m.managementTeamId!;
			addMember(teamKey(teamId, side, isBoth(teamId)), s.id, s.personName);
		}
	}
	// A contestant scored on a sheet stays a member even if their seat was later reissued.
	for (const sh of sheets) {
		const m = matches.find((x) => x.id === sh.matchId)!;
		const teamId = sh.side === 'labour' ? m.labourTeamId! : m.managementTeamId!;
		for (const c of sh.contestants) {
			const seat = seatById.get(c.contestantId);
			addMember(teamKey(teamId, sh.side, isBoth(teamId)), c.contestantId, seat?.personName ?? seat?.label ?? c.contestantId);
		}
	}
	const exportTeams: EventExport['teams'] = [];
	for (const t of teams) {
		const sides = [...(sidesOf.get(t.id) ?? [])];
		for (const side of sides) {
			const key = teamKey(t.id, side, sides.length > 1);
			exportTeams.push({
				id: key,
				name: sides.length > 1 ? `${t.name}（${SIDE_NAME_ZH[side]}）` : t.name,
				side,
				members: [...(members.get(key) ?? new Map()).entries()].map(([id, name]) => ({ id, name }))
			});
		}
	}
	const judges = seats.filter((s) => s.role === 'judge' && sheets.some((sh) => sh.judgeSeatId === s.id));
	const raw = {
		version: 1 as const,
		event: { id: event.id, name: event.name },
		rubric: settings.rubric,
		method: settings.method,
		weights: settings.weights,
		ranking: settings.ranking,
		noAgreement: settings.noAgreement,
		tieBreak: settings.tieBreak,
		seed: settings.seed,
		prizes: settings.prizes,
		individualAwards: settings.individualAwards,
		individualRanking: 'combined' as const,
		outlierThreshold: settings.outlierThreshold,
		judges: judges.map((j) => ({ id: j.id, name: j.personName ?? j.label ?? j.id })),
		teams: exportTeams,
		matches: matches.map((m) => ({
			id: m.id,
			round: String(m.roundNumber),
			labourTeamId: teamKey(m.labourTeamId!, 'labour', isBoth(m.labourTeamId!)),
			managementTeamId: teamKey(m.managementTeamId!, 'management', isBoth(m.managementTeamId!)),
			outcome: matchOutcomeFor(db, m.id, scenario).outcome
		})),
		sheets: sheets.map((sh) => {
			const m = matches.find((x) => x.id === sh.matchId)!;
			const teamId = sh.side === 'labour' ? m.labourTeamId! : m.managementTeamId!;
			return {
				id: sh.id,
				matchId: sh.matchId,
				side: sh.side,
				teamId: teamKey(teamId, sh.side, isBoth(teamId)),
				judgeId: sh.judgeSeatId,
				teamScores: sh.teamScores,
				contestants: sh.contestants,
				...(sh.comment ? { comment: sh.comment } : {}),
				...(Object.keys(sh.criterionComments).length ? { criterionComments: sh.criterionComments } : {}),
				status: sh.status
			};
		})
	};
	return raw as EventExport;
}

export type StandingsResult =
	| { ok: true; standings: EventStandings; file: EventExport; warnings: ScoringProblem[]; unscored: UnscoredMatch[] }
	| { ok: false; problems: ScoringProblem[]; file: EventExport; unscored: UnscoredMatch[] };

/**
 * Live standings from the database, through exactly the path `xs standings` takes on a file. The
 * file leaves out matches not played or not fully scored (`unscored`), so none is ranked on 0.
 */
export function liveStandings(db: Db, eventId: string): StandingsResult {
	const unscored = unscoredMatches(db, eventId, sheetsOfEvent(db, eventId));
	const file = withoutMatches(buildEventExport(db, eventId), new Set(unscored.map((u) => u.matchId)));
	if (file.teams.length === 0) return { ok: false, problems: [{ path: ['matches'], message: '尚无评完的场次', severity: 'error' }], file, unscored };
	const parsed = parseEventExport(JSON.parse(JSON.stringify(file)));
	if (!parsed.ok) return { ok: false, problems: parsed.problems, file, unscored };
	return { ok: true, standings: computeEventStandings(parsed.event), file: parsed.event, warnings: parsed.warnings, unscored };
}

export interface FrozenResults {
	releasedAt: number;
	standings: EventStandings;
	file: EventExport;
	/** Matches left out of the published ranking (absent in results released before it existed). */
	unscored?: UnscoredMatch[];
}

/**
 * Freezes the current standings (and their event file) as the published result. With matches
 * left out it refuses (`unscored`) unless the organizer confirmed (`allowUnscored`).
 */
export function releaseResults(db: Db, eventId: string, actor: string, options: { allowUnscored?: boolean } = {}): FrozenResults {
	return db.transaction(() => {
		const settings = getSettings(db, eventId);
		if (settings.isReleased) throw new JudgingError('released');
		if (!settings.isStored) saveSettings(db, eventId, settings);
		const live = liveStandings(db, eventId);
		if (!live.ok) throw new JudgingError('invalid');
		if (live.unscored.length > 0 && !options.allowUnscored) throw new JudgingError('unscored');
		const frozen: FrozenResults = { releasedAt: Date.now(), standings: live.standings, file: live.file, unscored: live.unscored };
		db.prepare('UPDATE judging_settings SET released = 1, released_at = ?, released_by = ?, frozen_results = ? WHERE event_id = ?').run(
			frozen.releasedAt,
			actor,
			JSON.stringify(frozen),
			eventId
		);
		return frozen;
	})();
}

/** Takes published results back: the public page shows no ranking until released again. */
export function withdrawResults(db: Db, eventId: string): FrozenResults {
	return db.transaction(() => {
		const frozen = frozenResults(db, eventId);
		if (!frozen) throw new JudgingError('not-released');
		db.prepare('UPDATE judging_settings SET released = 0, released_at = NULL, released_by = NULL, frozen_results = NULL WHERE event_id = ?').run(eventId);
		return frozen;
	})();
}

export function frozenResults(db: Db, eventId: string): FrozenResults | null {
	const r = db
		.prepare<[string], { frozen_results: string | null; released: number }>('SELECT frozen_results, released FROM judging_settings WHERE event_id = ?')
		.get(eventId);
	if (!r || r.released !== 1 || !r.frozen_results) return null;
	return JSON.parse(r.frozen_results) as FrozenResults;
}

export type { Rubric };

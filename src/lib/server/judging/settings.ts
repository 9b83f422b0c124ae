/**
 * The judging rules of an event: rubric, weights, aggregation, tie-breaks, prize bands, the no-
 * agreement rule and the outlier threshold (S34); when they lock (rules.ts) and how they are
 * saved.
 */
import { z } from 'zod';
import {
	AggregationMethodSchema,
	DEFAULT_RUBRIC,
	NoAgreementRuleSchema,
	PrizeBandsSchema,
	RubricSchema,
	TieBreakKeySchema,
	type PrizeBands
} from '../../domain/scoring/index.ts';
import { inTransaction, type SqlDb } from '../sql/handle.ts';
import { changedRules, rulesLockOf, type RuleKey, type RulesLock } from './rules.ts';

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

async function outlierThresholdOf(db: SqlDb, eventId: string): Promise<number> {
	const r = await db
		.selectFrom('judging_outlier_thresholds')
		.select('threshold')
		.where('event_id', '=', eventId)
		.executeTakeFirst();
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
export async function getSettings(db: SqlDb, eventId: string): Promise<JudgingSettings> {
	const r: SettingsDb | undefined = await db
		.selectFrom('judging_settings')
		.selectAll()
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	if (!r)
		return { ...defaultSettings(eventId), outlierThreshold: await outlierThresholdOf(db, eventId) };
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
		outlierThreshold: await outlierThresholdOf(db, eventId),
		seed: r.seed,
		isStored: true,
		isReleased: r.released === 1,
		releasedAt: r.released_at
	};
}

/** True once any judge has submitted a sheet in the event. */
export async function isRubricLocked(db: SqlDb, eventId: string): Promise<boolean> {
	return !!(await db
		.selectFrom('score_sheets')
		.select('id')
		.where('event_id', '=', eventId)
		.where('status', '=', 'submitted')
		.limit(1)
		.executeTakeFirst());
}

/**
 * True once a match of the event has left its initial phase: its status is no longer `scheduled`
 * (the clock was started or an offer tabled), or its clock moved past the first phase or ended
 * (the organizer may step the phases without starting the clock).
 */
export async function hasStartedMatch(db: SqlDb, eventId: string): Promise<boolean> {
	const rows = await db
		.selectFrom('matches as m')
		.leftJoin('clocks as c', 'c.match_id', 'm.id')
		.select(['m.status', 'c.state'])
		.where('m.event_id', '=', eventId)
		.execute();
	// The clock's state is JSON: read in code, not with either engine's JSON functions.
	return rows.some((r) => {
		if (r.status !== 'scheduled') return true;
		if (!r.state) return false;
		const c = JSON.parse(r.state) as { phaseIndex?: number; ended?: boolean };
		return (c.phaseIndex ?? 0) > 0 || c.ended === true;
	});
}

/** Whether, and why, the event's scoring rules can no longer change (judging-rules.ts). */
export async function rulesLock(db: SqlDb, eventId: string): Promise<RulesLock | null> {
	return rulesLockOf({
		hasSubmittedSheet: await isRubricLocked(db, eventId),
		hasStartedMatch: await hasStartedMatch(db, eventId)
	});
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
export async function saveSettings(
	db: SqlDb,
	eventId: string,
	input: JudgingSettingsInput
): Promise<JudgingSettings> {
	const s = JudgingSettingsSchema.parse(input);
	const tieBreak = s.tieBreak.includes('lot') ? s.tieBreak : [...s.tieBreak, 'lot' as const];
	return inTransaction(db, async (trx) => {
		const current = await getSettings(trx, eventId);
		if (current.isReleased) throw new JudgingError('released');
		const lock = await rulesLock(trx, eventId);
		if (lock) {
			const changed = changedRules(current, { ...s, tieBreak });
			if (changed.length > 0) throw new RulesLockedError(lock, changed);
		}
		const row = {
			event_id: eventId,
			rubric: JSON.stringify(s.rubric),
			method: s.method,
			weight_rubric: s.weights.rubric,
			weight_outcome: s.weights.outcome,
			no_agreement: s.noAgreement,
			tie_break: JSON.stringify(tieBreak),
			prizes: JSON.stringify(s.prizes),
			individual_awards: JSON.stringify(s.individualAwards),
			ranking: s.ranking,
			seed: current.seed,
			updated_at: Date.now()
		};
		const { event_id: _key, seed: _seed, ...changes } = row;
		await trx
			.insertInto('judging_settings')
			.values(row)
			.onConflict((oc) => oc.column('event_id').doUpdateSet(changes))
			.execute();
		return getSettings(trx, eventId);
	});
}

/**
 * Sets the outlier threshold (S34). It decides no score, only which sheets the scoreboard flags,
 * so it is not one of the locked rules (judging-rules.ts) and stays editable once play has begun;
 * it lives in its own table so setting it does not publish the rules. After release the scoreboard
 * shows the frozen figures, flags included, so a change then is refused like any other.
 */
export async function saveOutlierThreshold(
	db: SqlDb,
	eventId: string,
	threshold: number
): Promise<{ before: number; after: number }> {
	const value = OutlierThresholdSchema.parse(threshold);
	return inTransaction(db, async (trx) => {
		const current = await getSettings(trx, eventId);
		if (current.isReleased) throw new JudgingError('released');
		const updatedAt = Date.now();
		await trx
			.insertInto('judging_outlier_thresholds')
			.values({ event_id: eventId, threshold: value, updated_at: updatedAt })
			.onConflict((oc) =>
				oc.column('event_id').doUpdateSet({ threshold: value, updated_at: updatedAt })
			)
			.execute();
		return { before: current.outlierThreshold, after: value };
	});
}

/**
 * The outcome half of judging (SPEC S20–S27): what each side of a match got from the agreement,
 * 0–100, turned into the engine's `MatchOutcome` (kind `scores`, so the event file carries the
 * figures and `xs standings` recomputes the standings from exactly them).
 *
 * The agreed terms and the last offers belong to the negotiation module (`agreementFor`,
 * `lastOffersFor`); this file only scores them.
 */
import {
	agendaFromPointsTables,
	costingOutcome,
	paretoFrontier,
	pointsScore,
	type AgendaTermSpec,
	type MatchOutcome,
	type PointsTables
} from '../domain/scoring/index.ts';
import { cost, pointsFor, type ResolvedScenario, type TermValue } from '../domain/index.ts';
import type { Db } from './db.ts';
import { agreementFor, lastOffersFor } from './negotiation.ts';

export interface AgreementRecord {
	terms: Record<string, unknown>;
	signedAt: number;
}
export interface LastOffers {
	labour: Record<string, unknown> | null;
	management: Record<string, unknown> | null;
}

// The agreed terms and the last offers come from the negotiation module's immutable rows.
export { agreementFor, lastOffersFor };

type Side = 'labour' | 'management';
export interface SideScoresPair {
	labour: number;
	management: number;
}

/** How a scenario's outcome is scored: points tables when both sides have one (S22), else costing (S25). */
export function outcomeBasis(s: ResolvedScenario): 'points' | 'costing' {
	return s.confidential.labour.points && s.confidential.management.points ? 'points' : 'costing';
}

function agendaSpecs(s: ResolvedScenario): AgendaTermSpec[] {
	const out: AgendaTermSpec[] = [];
	for (const t of s.terms) {
		if (t.kind === 'number' || t.kind === 'cell') out.push({ id: t.id, min: t.min, max: t.max, step: t.step });
		else if (t.kind === 'choice') out.push({ id: t.id, options: t.options.map((o) => o.value) });
		else if (t.kind === 'boolean') out.push({ id: t.id, options: [true, false] });
	}
	return out;
}

const positionTerms = (s: ResolvedScenario, side: Side, key: 'target' | 'reservation') =>
	Object.fromEntries(Object.entries(s.confidential[side].positions).map(([k, v]) => [k, v[key]])) as Record<string, TermValue>;

const cache = new WeakMap<ResolvedScenario, { best: SideScoresPair; reservation: SideScoresPair }>();

/**
 * A side's best achievable points (the frontier's top for that side, S21) and its reservation
 * value: the points of the package made of the side's own 底线 positions (other terms at current).
 */
export function pointsBounds(s: ResolvedScenario): { best: SideScoresPair; reservation: SideScoresPair } {
	const hit = cache.get(s);
	if (hit) return hit;
	const agenda = agendaFromPointsTables(
		agendaSpecs(s),
		(s.confidential.labour.points ?? {}) as PointsTables,
		(s.confidential.management.points ?? {}) as PointsTables
	);
	const frontier = paretoFrontier(agenda);
	const best = {
		labour: Math.max(0, ...frontier.map((p) => p.labour)),
		management: Math.max(0, ...frontier.map((p) => p.management))
	};
	const reservation = {
		labour: pointsFor(s, 'labour', positionTerms(s, 'labour', 'reservation')),
		management: pointsFor(s, 'management', positionTerms(s, 'management', 'reservation'))
	};
	const out = { best, reservation };
	cache.set(s, out);
	return out;
}

/** Both sides' 0–100 outcome of one package of terms (S22 or S25). */
export function scorePackage(s: ResolvedScenario, terms: Record<string, unknown>): SideScoresPair {
	if (outcomeBasis(s) === 'points') {
		const { best, reservation } = pointsBounds(s);
		const t = terms as Record<string, TermValue>;
		return {
			labour: pointsScore(pointsFor(s, 'labour', t), reservation.labour, best.labour),
			management: pointsScore(pointsFor(s, 'management', t), reservation.management, best.management)
		};
	}
	return costingOutcome(costingInput(s, terms));
}

const perWorkerMonthlyYuan = (s: ResolvedScenario, terms: Record<string, unknown> | undefined) => {
	const r = cost(s, terms);
	return r.headcount > 0 ? r.monthly.deltaWageBillFen / r.headcount / 100 : 0;
};

/**
 * S25's inputs from the briefs: labour's target is the monthly gain per worker its own 期望
 * positions would bring; management's budget is the annual cost of its own 底线 positions. Both
 * are floored at 1 yuan, because a brief that asks for nothing still needs a positive scale.
 */
export function costingInput(s: ResolvedScenario, terms: Record<string, unknown>) {
	const r = cost(s, terms);
	return {
		costDeltaAnnualYuan: r.annual.costDeltaFen / 100,
		managementBudgetYuan: Math.max(1, cost(s, positionTerms(s, 'management', 'reservation')).annual.costDeltaFen / 100),
		gainPerWorkerMonthlyYuan: r.headcount > 0 ? r.monthly.deltaWageBillFen / r.headcount / 100 : 0,
		labourTargetYuan: Math.max(1, perWorkerMonthlyYuan(s, positionTerms(s, 'labour', 'target')))
	};
}

/** The match's outcome for the event file: the agreement's scores, and the last offers' for S27. */
export function matchOutcomeFor(db: Db, matchId: string, s: ResolvedScenario | undefined): { outcome: MatchOutcome; basis: 'points' | 'costing' | 'none' } {
	const agreement = agreementFor(db, matchId);
	if (!s) return { outcome: { kind: 'scores', agreement: null }, basis: 'none' };
	const offers = lastOffersFor(db, matchId);
	const lastOffers: { labour?: SideScoresPair; management?: SideScoresPair } = {};
	if (offers.labour) lastOffers.labour = clampPair(scorePackage(s, offers.labour));
	if (offers.management) lastOffers.management = clampPair(scorePackage(s, offers.management));
	return {
		outcome: { kind: 'scores', agreement: agreement ? clampPair(scorePackage(s, agreement.terms)) : null, lastOffers },
		basis: outcomeBasis(s)
	};
}

// The engine's `scores` outcome accepts 0–100; round to 1e-6 so float noise never fails the schema.
const clampPair = (p: SideScoresPair): SideScoresPair => ({
	labour: Math.min(100, Math.max(0, Math.round(p.labour * 1e6) / 1e6)),
	management: Math.min(100, Math.max(0, Math.round(p.management * 1e6) / 1e6))
});

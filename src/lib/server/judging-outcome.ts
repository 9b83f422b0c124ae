/**
 * The outcome half of judging (SPEC S20–S27): what each side of a match got from the agreement,
 * 0–100, turned into the engine's `MatchOutcome` (kind `scores`, so the event file carries the
 * figures and `xs standings` recomputes the standings from exactly them).
 *
 * The agreed terms and the last offers belong to the negotiation module. Until it exports
 * `agreementFor` / `lastOffersFor`, the two readers below look for its `agreements` and `offers`
 * tables themselves (and return null when the tables are not there yet).
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

export interface AgreementRecord {
	terms: Record<string, unknown>;
	signedAt: number;
}
export interface LastOffers {
	labour: Record<string, unknown> | null;
	management: Record<string, unknown> | null;
}

// FIXME(negotiation not merged yet): replace these two readers with
// `export { agreementFor, lastOffersFor } from './negotiation.ts'` once that module exports them.
function hasTable(db: Db, name: string): boolean {
	return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}
function columns(db: Db, table: string): Set<string> {
	return new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name));
}
const firstOf = (cols: Set<string>, names: string[]) => names.find((n) => cols.has(n));
function parseTerms(raw: unknown): Record<string, unknown> | null {
	if (typeof raw !== 'string') return null;
	try {
		const v = JSON.parse(raw) as unknown;
		if (v && typeof v === 'object' && !Array.isArray(v)) {
			const o = v as Record<string, unknown>;
			// A stored snapshot may wrap the terms: { terms: {...}, ... }.
			if (o.terms && typeof o.terms === 'object' && !Array.isArray(o.terms)) return o.terms as Record<string, unknown>;
			return o;
		}
	} catch {
		/* not JSON: no terms */
	}
	return null;
}

/** The signed agreement's terms of a match, or null (no table yet, or nothing signed). */
export function agreementFor(db: Db, matchId: string): AgreementRecord | null {
	if (!hasTable(db, 'agreements')) return null;
	const cols = columns(db, 'agreements');
	const termsCol = firstOf(cols, ['terms', 'terms_json', 'snapshot', 'content']);
	const atCol = firstOf(cols, ['signed_at', 'created_at', 'at']);
	if (!cols.has('match_id') || !termsCol) return null;
	const row = db
		.prepare<[string], Record<string, unknown>>(`SELECT * FROM agreements WHERE match_id = ? ORDER BY rowid DESC LIMIT 1`)
		.get(matchId);
	if (!row) return null;
	const terms = parseTerms(row[termsCol]);
	return terms ? { terms, signedAt: Number(atCol ? row[atCol] : 0) || 0 } : null;
}

/** Each side's last tabled offer (提出方案) of a match; nulls when there is none or no table yet. */
export function lastOffersFor(db: Db, matchId: string): LastOffers {
	const none: LastOffers = { labour: null, management: null };
	if (!hasTable(db, 'offers')) return none;
	const cols = columns(db, 'offers');
	const termsCol = firstOf(cols, ['terms', 'terms_json', 'snapshot', 'content']);
	if (!cols.has('match_id') || !cols.has('side') || !termsCol) return none;
	const last = (side: string) => {
		const row = db
			.prepare<[string, string], Record<string, unknown>>(`SELECT * FROM offers WHERE match_id = ? AND side = ? ORDER BY rowid DESC LIMIT 1`)
			.get(matchId, side);
		return row ? parseTerms(row[termsCol]) : null;
	};
	return { labour: last('labour'), management: last('management') };
}

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

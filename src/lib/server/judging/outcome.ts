/**
 * The outcome half of judging (SPEC S20–S29): what each side of a match got from the agreement,
 * turned into the engine's `MatchOutcome` for the event file. The file carries what the scores
 * are computed from, not only the scores: on points tables (kind `points`) the agenda with both
 * sides' points, the reservation values and the agreed package; otherwise (kind `costing`) the
 * costed figures. `xs standings` recomputes the same scores from them (S29), and the organizer's
 * scoreboard analyses them (S28).
 *
 * The agreed terms and the last offers belong to the negotiation module (`agreementFor`,
 * `lastOffersFor`); this file only scores them.
 */
import {
	agendaFromPointsTables,
	costingOutcome,
	paretoFrontier,
	pointsScore,
	tablePointsFor,
	type Agenda,
	type AgreedTerms,
	type MatchOutcome,
	type OptionValue,
	type Package,
	type PointsTables
} from '../../domain/scoring/index.ts';
import { cost, pointsFor, type ResolvedScenario, type TermValue } from '../../domain/index.ts';
import { agendaSpecs as termSpecs } from '../../domain/case-balance.ts';
import type { SqlDb } from '../sql/handle.ts';
import { agreementFor, lastOffersFor } from '../negotiation/negotiation.ts';

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

const agendaSpecs = (s: ResolvedScenario) => termSpecs(s.terms);

const positionTerms = (s: ResolvedScenario, side: Side, key: 'target' | 'reservation') =>
	Object.fromEntries(
		Object.entries(s.confidential[side].positions).map(([k, v]) => [k, v[key]])
	) as Record<string, TermValue>;

const cache = new WeakMap<
	ResolvedScenario,
	{ best: SideScoresPair; reservation: SideScoresPair }
>();

/**
 * A side's best achievable points (the frontier's top for that side, S21) and its reservation
 * value: the points of the package made of the side's own 底线 positions (other terms at current).
 */
export function pointsBounds(s: ResolvedScenario): {
	best: SideScoresPair;
	reservation: SideScoresPair;
} {
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
			management: pointsScore(
				pointsFor(s, 'management', t),
				reservation.management,
				best.management
			)
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
		managementBudgetYuan: Math.max(
			1,
			cost(s, positionTerms(s, 'management', 'reservation')).annual.costDeltaFen / 100
		),
		gainPerWorkerMonthlyYuan: r.headcount > 0 ? r.monthly.deltaWageBillFen / r.headcount / 100 : 0,
		labourTargetYuan: Math.max(1, perWorkerMonthlyYuan(s, positionTerms(s, 'labour', 'target')))
	};
}

const agendaCache = new WeakMap<ResolvedScenario, Agenda>();

/**
 * The scenario's agenda for the analytics (S26), built once per scenario. Terms neither table
 * values are left out: they add nothing to any side's points and would only lengthen packages.
 */
export function pointsAgenda(s: ResolvedScenario): Agenda {
	const hit = agendaCache.get(s);
	if (hit) return hit;
	const full = agendaFromPointsTables(
		agendaSpecs(s),
		(s.confidential.labour.points ?? {}) as PointsTables,
		(s.confidential.management.points ?? {}) as PointsTables
	);
	const agenda = {
		terms: full.terms.filter((t) => t.options.some((o) => o.labour !== 0 || o.management !== 0))
	};
	agendaCache.set(s, agenda);
	return agenda;
}

const isOptionValue = (v: unknown): v is OptionValue =>
	typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * A package of terms as the agenda reads it (S29): agenda terms only (tables and clauses carry
 * no points), a term the package leaves out at its current value (N2, as `pointsFor` counts it).
 */
function agendaPackage(
	s: ResolvedScenario,
	agenda: Agenda,
	terms: Record<string, unknown>
): Package {
	const pkg: Package = {};
	for (const t of agenda.terms) {
		const v = terms[t.id] ?? s.terms.find((x) => x.id === t.id)?.current;
		if (isOptionValue(v)) pkg[t.id] = v;
	}
	return pkg;
}

/**
 * The agenda with every value the packages use listed as an option, and those values first.
 * A numeric term's candidates (S26) cover every band but not every value on its grid, and an
 * agreed 4.5% must be scored as 4.5%, not refused as "not an option"; the added option takes its
 * points from the tables. Order matters because among options worth the same to both sides the
 * frontier keeps the first (S21): listing the agreed values, then the current ones, first makes
 * the Nash and "better" packages change only what has to change (a seniority cap equal in points
 * at 0 and 10 years reads as 10, not 0).
 */
function agendaWith(s: ResolvedScenario, agenda: Agenda, packages: Package[]): Agenda {
	const labour = (s.confidential.labour.points ?? {}) as PointsTables;
	const management = (s.confidential.management.points ?? {}) as PointsTables;
	return {
		terms: agenda.terms.map((t) => {
			const current = s.terms.find((x) => x.id === t.id)?.current;
			const preferred: OptionValue[] = [];
			for (const v of [...packages.map((p) => p[t.id]), current]) {
				if (isOptionValue(v) && !preferred.includes(v)) preferred.push(v);
			}
			const first = preferred.map(
				(value) =>
					t.options.find((o) => o.value === value) ?? {
						value,
						labour: tablePointsFor(labour[t.id], value),
						management: tablePointsFor(management[t.id], value)
					}
			);
			return {
				id: t.id,
				options: [...first, ...t.options.filter((o) => !preferred.includes(o.value))]
			};
		})
	};
}

const plainTerms = (terms: Record<string, unknown>): AgreedTerms => {
	const out: AgreedTerms = {};
	for (const [k, v] of Object.entries(terms)) {
		if (isOptionValue(v)) out[k] = v;
		else if (v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'number'))
			out[k] = v as Record<string, number>;
	}
	return out;
};

/**
 * The match's outcome for the event file from the signed terms and both last offers (S29):
 * kind `points` when both briefs have points tables, else kind `costing`. Pure, so the app's
 * scores and `xs standings`'s are one computation.
 */
export function outcomeFromPackages(
	s: ResolvedScenario,
	agreement: Record<string, unknown> | null,
	offers: LastOffers
): MatchOutcome {
	const agreedTerms = agreement ? plainTerms(agreement) : null;
	if (outcomeBasis(s) === 'points') {
		const base = pointsAgenda(s);
		const pkg = agreement ? agendaPackage(s, base, agreement) : null;
		const lastOffers: { labour?: Package; management?: Package } = {};
		if (offers.labour) lastOffers.labour = agendaPackage(s, base, offers.labour);
		if (offers.management) lastOffers.management = agendaPackage(s, base, offers.management);
		const agenda = agendaWith(
			s,
			base,
			[pkg, lastOffers.labour, lastOffers.management].filter((p): p is Package => !!p)
		);
		return {
			kind: 'points',
			agenda,
			reservation: pointsBounds(s).reservation,
			agreement: pkg,
			lastOffers,
			agreedTerms
		};
	}
	const lastOffers: {
		labour?: ReturnType<typeof costingInput>;
		management?: ReturnType<typeof costingInput>;
	} = {};
	if (offers.labour) lastOffers.labour = costingInput(s, offers.labour);
	if (offers.management) lastOffers.management = costingInput(s, offers.management);
	return {
		kind: 'costing',
		agreement: agreement ? costingInput(s, agreement) : null,
		lastOffers,
		agreedTerms
	};
}

/** The match's outcome for the event file (S29); kind `scores` with no agreement when the scenario is gone. */
export async function matchOutcomeFor(
	db: SqlDb,
	matchId: string,
	s: ResolvedScenario | undefined
): Promise<{ outcome: MatchOutcome; basis: 'points' | 'costing' | 'none' }> {
	if (!s) return { outcome: { kind: 'scores', agreement: null }, basis: 'none' };
	const agreement = await agreementFor(db, matchId);
	return {
		outcome: outcomeFromPackages(s, agreement?.terms ?? null, await lastOffersFor(db, matchId)),
		basis: outcomeBasis(s)
	};
}

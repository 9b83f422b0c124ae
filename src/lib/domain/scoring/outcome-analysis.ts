/**
 * What a match's outcome was worth, for the people who judge and debrief it (S22–S25, S27,
 * S28): each side's points, its share of the best it could have had, joint points against the
 * Pareto frontier, the value both sides left on the table, and the Nash point for comparison.
 * The 0–100 outcome scores (`resolveOutcome`) say *how well* a side did; this says *why*.
 *
 * The figures come from the sides' confidential points tables, so callers must keep them away
 * from anyone who may not see those tables (the public results page, judges before release).
 *
 * Example: `analyzeMatchOutcome(match.outcome, 'zero')` → `{ kind: 'points', point: { efficiency: 0.9, … }, nash, frontier }`.
 */
import {
	analyzeAgreement,
	analyzePoint,
	nashPoint,
	packagePoints,
	paretoFrontier,
	type FrontierPoint,
	type PointAnalysis
} from './analytics.ts';
import {
	resolveOutcome,
	type CostingOutcomeInput,
	type MatchOutcome,
	type NoAgreementRule,
	type SideScores
} from './outcome.ts';
import type { Agenda, Package, Reservation } from './points.ts';

export interface PointsPair {
	labour: number;
	management: number;
}

/** The S22/S24a figures of one outcome point (an agreement, or what no agreement leaves). */
export type OutcomePointAnalysis = Omit<PointAnalysis, 'improvement'> & {
	/** The frontier point realising `valueLeftOnTable`, with one package that reaches it. */
	improvement: { labour: number; management: number; joint: number; package: Package } | null;
};

/**
 * S22 and S24a for any point in the points plane (`analyzePoint`), with the improvement reduced
 * to what the reports show. For a package's own point this gives `analyzeAgreement`'s figures.
 */
export function analyzeOutcomePoint(
	agenda: Agenda,
	point: PointsPair,
	frontier: FrontierPoint[] = paretoFrontier(agenda)
): OutcomePointAnalysis {
	const r = analyzePoint(agenda, point, frontier);
	const i = r.improvement;
	return {
		...r,
		improvement: i
			? { labour: i.labour, management: i.management, joint: i.joint, package: i.package }
			: null
	};
}

export interface NashSummary {
	labour: number;
	management: number;
	joint: number;
	labourGain: number;
	managementGain: number;
	/** (labour − r_labour) × (management − r_management), the product S23 maximises. */
	product: number;
	package: Package;
}

interface Basis {
	basis: 'agreement' | 'zero' | 'last-offers';
	isSigned: boolean;
	/** The 0–100 outcome scores the standings use (S22, S25, S27). */
	scores: SideScores;
	notes: string[];
}

export type MatchOutcomeAnalysis =
	| (Basis & {
			kind: 'points';
			reservation: Reservation;
			/** The signed package (agenda terms only); null without an agreement. */
			package: Package | null;
			/** Under `last-offers` without an agreement: the offers each side was scored on. */
			lastOffers?: { labour?: Package; management?: Package };
			point: OutcomePointAnalysis;
			/** S23; null when no package meets both reservation values. */
			nash: NashSummary | null;
			/** The Pareto frontier's points, labour ascending (S21), for plotting. */
			frontier: { labour: number; management: number; joint: number }[];
	  })
	| (Basis & {
			kind: 'costing';
			/** The agreement's costed figures (S25); null without an agreement. */
			agreement: CostingOutcomeInput | null;
			lastOffers?: { labour?: CostingOutcomeInput; management?: CostingOutcomeInput };
	  })
	| (Basis & { kind: 'scores' });

/**
 * The analysis of one match's recorded outcome under the event's no-agreement rule (S27).
 *
 * Without an agreement the analysed point is what the rule gives each side in its own points:
 * under `zero` both sides' reservation values (walking away, S22's 0), under `last-offers` each
 * side's points on the other side's last offer, or its reservation value when there was none.
 * Files that carry only scores (kind `scores`) have nothing to analyse beyond the scores.
 */
export function analyzeMatchOutcome(
	outcome: MatchOutcome,
	rule: NoAgreementRule
): MatchOutcomeAnalysis {
	const resolved = resolveOutcome(outcome, rule);
	const base: Basis = {
		basis: resolved.basis,
		isSigned: resolved.isSigned,
		scores: { labour: resolved.labour, management: resolved.management },
		notes: resolved.notes
	};
	if (outcome.kind === 'scores') return { ...base, kind: 'scores' };
	if (outcome.kind === 'costing') {
		return {
			...base,
			kind: 'costing',
			agreement: outcome.agreement,
			...(outcome.agreement === null && rule === 'last-offers' && outcome.lastOffers
				? { lastOffers: outcome.lastOffers }
				: {})
		};
	}
	const { agenda, reservation } = outcome;
	const frontier = paretoFrontier(agenda);
	let point: OutcomePointAnalysis;
	let lastOffers: { labour?: Package; management?: Package } | undefined;
	if (outcome.agreement !== null) {
		const a = analyzeAgreement(agenda, outcome.agreement, frontier);
		point = {
			labour: a.labour,
			management: a.management,
			joint: a.joint,
			bestLabour: a.bestLabour,
			bestManagement: a.bestManagement,
			labourShare: a.labourShare,
			managementShare: a.managementShare,
			maxJoint: a.maxJoint,
			efficiency: a.efficiency,
			isOnFrontier: a.isOnFrontier,
			valueLeftOnTable: a.valueLeftOnTable,
			improvement: a.improvement
				? {
						labour: a.improvement.labour,
						management: a.improvement.management,
						joint: a.improvement.joint,
						package: a.improvement.package
					}
				: null
		};
	} else if (rule === 'zero') {
		point = analyzeOutcomePoint(agenda, reservation, frontier);
	} else {
		lastOffers = outcome.lastOffers ?? {};
		const byManagement = lastOffers.management;
		const byLabour = lastOffers.labour;
		point = analyzeOutcomePoint(
			agenda,
			{
				labour: byManagement ? packagePoints(agenda, byManagement).labour : reservation.labour,
				management: byLabour ? packagePoints(agenda, byLabour).management : reservation.management
			},
			frontier
		);
	}
	const n = nashPoint(frontier, reservation);
	return {
		...base,
		kind: 'points',
		reservation,
		package: outcome.agreement,
		...(lastOffers ? { lastOffers } : {}),
		point,
		nash: n
			? {
					labour: n.point.labour,
					management: n.point.management,
					joint: n.point.joint,
					labourGain: n.labourGain,
					managementGain: n.managementGain,
					product: n.value,
					package: n.point.package
				}
			: null,
		frontier: frontier.map((p) => ({ labour: p.labour, management: p.management, joint: p.joint }))
	};
}

/**
 * Case balance check (案例平衡检查, K40–K47): before teams see a competition case, a trainer
 * needs to know the two points tables make a real negotiation. From both sides' confidential
 * points tables this reports how many packages are Pareto-efficient, each side's best and worst
 * score over every package the agenda allows, the Nash point, whether any package meets both
 * reservation values (a zone of agreement), and which side can reach its target while the other
 * side keeps its best score (it needs no concession, so the case is lopsided).
 *
 * It reuses the judging analytics (S20–S26): the agenda is built by `agendaFromPointsTables`, the
 * frontier by `paretoFrontier`, the Nash point by `nashPoint`, and reservation and target values
 * are the points of a side's own 底线 / 期望 positions (other terms at their current value), as the
 * judges' scores read them (`pointsBounds`).
 *
 * Example: `caseBalance(scenario)` → `{ kind: 'points', frontierSize: 3, nash: {…}, … }`.
 */
import { pointsFor } from './points.ts';
import type { Scenario, Term, TermValue } from './scenario.ts';
import {
	agendaFromPointsTables,
	type Agenda,
	type AgendaTermSpec,
	type Package,
	type PointsTables
} from './scoring/points.ts';
import { nashPoint, paretoFrontier } from './scoring/analytics.ts';

export type BalanceSide = 'labour' | 'management';
const SIDES: readonly BalanceSide[] = ['labour', 'management'];
const other = (s: BalanceSide): BalanceSide => (s === 'labour' ? 'management' : 'labour');
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * What the analytics may choose for each term (S26): a numeric term's range and step, a choice's
 * options, yes/no for a boolean. Tables and clauses carry no points and are left out.
 */
export function agendaSpecs(terms: readonly Term[]): AgendaTermSpec[] {
	const out: AgendaTermSpec[] = [];
	for (const t of terms) {
		if (t.kind === 'number' || t.kind === 'cell')
			out.push({ id: t.id, min: t.min, max: t.max, step: t.step });
		else if (t.kind === 'choice') out.push({ id: t.id, options: t.options.map((o) => o.value) });
		else if (t.kind === 'boolean') out.push({ id: t.id, options: [true, false] });
	}
	return out;
}

/** A side's best and worst points over a set of packages. */
export interface ScoreRange {
	best: number;
	worst: number;
}

export interface SideBalance {
	/** K41: over every package the agenda allows. */
	range: ScoreRange;
	/** K43: points of the side's own 底线 positions (other terms at current). */
	reservation: number;
	/** K43: points of the side's own 期望 positions (other terms at current). */
	target: number;
	/** K44: over the Pareto-efficient packages meeting both reservation values; null without a zone. */
	inZone: ScoreRange | null;
	/**
	 * K45: the most this side can score while the other side keeps its best score. When it reaches
	 * `target`, the side gets what its brief asks without the other side conceding anything.
	 */
	bestWhileOtherAtBest: number;
	reachesTargetUnopposed: boolean;
}

export type CaseBalance =
	| { kind: 'no-points'; missing: BalanceSide[] }
	| {
			kind: 'points';
			/** K40: number of terms either table values, and how many packages they make. */
			termCount: number;
			packageCount: number;
			/** K40: distinct points pairs on the Pareto frontier (one package each). */
			frontierSize: number;
			labour: SideBalance;
			management: SideBalance;
			/** K42: the Nash point over the reservation values; null when there is no zone. */
			nash: { labour: number; management: number; package: Package } | null;
			/** K44: some package gives both sides at least their reservation value. */
			hasZone: boolean;
	  };

/**
 * The balance of a competition case's points tables (K40–K47). Pure and cheap (the frontier is
 * built term by term), so the studio recomputes it on every keystroke.
 */
export function caseBalance(
	scenario: Pick<Scenario, 'terms' | 'confidential'>,
	options: { maxCandidates?: number } = {}
): CaseBalance {
	const { labour: lt, management: mt } = scenario.confidential;
	const missing = SIDES.filter((s) => !scenario.confidential[s].points);
	if (missing.length > 0 || !lt.points || !mt.points) return { kind: 'no-points', missing };
	const full = agendaFromPointsTables(
		agendaSpecs(scenario.terms),
		lt.points as PointsTables,
		mt.points as PointsTables,
		options
	);
	// K40: terms no table values add nothing to either side and would only multiply the count.
	const agenda: Agenda = {
		terms: full.terms.filter((t) => t.options.some((o) => o.labour !== 0 || o.management !== 0))
	};
	const frontier = paretoFrontier(agenda);
	const positions = (side: BalanceSide, key: 'target' | 'reservation') =>
		Object.fromEntries(
			Object.entries(scenario.confidential[side].positions ?? {}).map(([k, v]) => [k, v[key]])
		) as Record<string, TermValue>;
	const reservation = {
		labour: pointsFor(scenario, 'labour', positions('labour', 'reservation')),
		management: pointsFor(scenario, 'management', positions('management', 'reservation'))
	};
	const nash = nashPoint(frontier, reservation);
	const zone = frontier.filter(
		(p) => p.labour >= reservation.labour - 1e-9 && p.management >= reservation.management - 1e-9
	);
	const side = (s: BalanceSide): SideBalance => {
		let best = 0;
		let worst = 0;
		let whileOther = 0;
		for (const t of agenda.terms) {
			const mine = t.options.map((o) => o[s]);
			best += Math.max(...mine);
			worst += Math.min(...mine);
			// K45: among the options that give the other side its most on this term, this side's most.
			const top = Math.max(...t.options.map((o) => o[other(s)]));
			whileOther += Math.max(
				...t.options.filter((o) => o[other(s)] >= top - 1e-9).map((o) => o[s])
			);
		}
		const target = pointsFor(scenario, s, positions(s, 'target'));
		const zonePoints = zone.map((p) => p[s]);
		return {
			range: { best: tidy(best), worst: tidy(worst) },
			reservation: reservation[s],
			target,
			inZone:
				zonePoints.length > 0
					? { best: Math.max(...zonePoints), worst: Math.min(...zonePoints) }
					: null,
			bestWhileOtherAtBest: tidy(whileOther),
			reachesTargetUnopposed: tidy(whileOther) >= target - 1e-9
		};
	};
	return {
		kind: 'points',
		termCount: agenda.terms.length,
		packageCount: agenda.terms.reduce((n, t) => n * t.options.length, 1),
		frontierSize: frontier.length,
		labour: side('labour'),
		management: side('management'),
		nash: nash
			? {
					labour: nash.point.labour,
					management: nash.point.management,
					package: nash.point.package
				}
			: null,
		hasZone: zone.length > 0
	};
}

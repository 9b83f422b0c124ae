/**
 * The scoreboard's outcome analysis (S28) as the page shows it: the domain's per-match analysis
 * with every package turned into readable rows (term title, value with its unit, N5). Built on
 * the server for the organizer only, because it carries the sides' confidential points.
 */
import { formatTermValue, type Scenario, type TermValue } from '$lib/domain/index.ts';
import {
	analyzeMatchOutcome,
	type AgreedTerms,
	type CostingOutcomeInput,
	type EventExport,
	type MatchOutcomeAnalysis,
	type NoAgreementRule,
	type OutcomePointAnalysis,
	type Package,
	type Reservation,
	type SideScores
} from '$lib/domain/scoring/index.ts';

export interface TermRow {
	id: string;
	title: string;
	value: string;
}

interface Common {
	matchId: string;
	basis: MatchOutcomeAnalysis['basis'];
	scores: SideScores;
	/** The full signed terms as read (S29), empty without an agreement. */
	agreedRows: TermRow[];
}

export type OutcomeView =
	| (Common & {
			kind: 'points';
			reservation: Reservation;
			point: OutcomePointAnalysis;
			packageRows: TermRow[] | null;
			labourOfferRows: TermRow[] | null;
			managementOfferRows: TermRow[] | null;
			improvementRows: TermRow[] | null;
			nash: { labour: number; management: number; joint: number; rows: TermRow[] } | null;
			frontier: { labour: number; management: number }[];
	  })
	| (Common & { kind: 'costing'; costing: CostingOutcomeInput | null })
	| (Common & { kind: 'scores' });

/** Term rows in the scenario's order (ids the scenario does not know follow, as given). */
export function termRows(
	scenario: Pick<Scenario, 'terms'> | undefined,
	values: Package | AgreedTerms | null | undefined
): TermRow[] {
	if (!values) return [];
	const rows: TermRow[] = [];
	const seen = new Set<string>();
	for (const t of scenario?.terms ?? []) {
		const v = values[t.id];
		if (v === undefined) continue;
		seen.add(t.id);
		rows.push({ id: t.id, title: t.title, value: formatTermValue(t, v as TermValue) });
	}
	for (const [id, v] of Object.entries(values)) {
		if (!seen.has(id))
			rows.push({ id, title: id, value: typeof v === 'object' ? JSON.stringify(v) : String(v) });
	}
	return rows;
}

/** One view per match of the event file, in file order. */
export function outcomeViews(
	file: Pick<EventExport, 'matches'>,
	rule: NoAgreementRule,
	scenario: Pick<Scenario, 'terms'> | undefined
): OutcomeView[] {
	return file.matches.map((m) => {
		const a = analyzeMatchOutcome(m.outcome, rule);
		const common: Common = {
			matchId: m.id,
			basis: a.basis,
			scores: a.scores,
			agreedRows: m.outcome.kind === 'scores' ? [] : termRows(scenario, m.outcome.agreedTerms)
		};
		if (a.kind === 'scores') return { ...common, kind: 'scores' };
		if (a.kind === 'costing') return { ...common, kind: 'costing', costing: a.agreement };
		return {
			...common,
			kind: 'points',
			reservation: a.reservation,
			point: a.point,
			packageRows: a.package ? termRows(scenario, a.package) : null,
			labourOfferRows: a.lastOffers?.labour ? termRows(scenario, a.lastOffers.labour) : null,
			managementOfferRows: a.lastOffers?.management
				? termRows(scenario, a.lastOffers.management)
				: null,
			improvementRows:
				a.point.valueLeftOnTable > 0 && a.point.improvement
					? termRows(scenario, a.point.improvement.package)
					: null,
			nash: a.nash
				? {
						labour: a.nash.labour,
						management: a.nash.management,
						joint: a.nash.joint,
						rows: termRows(scenario, a.nash.package)
					}
				: null,
			frontier: a.frontier.map((p) => ({ labour: p.labour, management: p.management }))
		};
	});
}

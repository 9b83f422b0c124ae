/**
 * Outcome scores (0–100 per side) for a match: from a points-table agreement (S22), from the
 * costing engine's figures when no points tables exist (S25), or given directly by the organizer.
 * A match that ended without a signed agreement is scored by the event's no-agreement rule (S27).
 */
import { z } from 'zod';
import {
	analyzeAgreement,
	packagePoints,
	paretoFrontier,
	type AgreementAnalysis
} from './analytics.ts';
import {
	AgendaSchema,
	PackageSchema,
	ReservationSchema,
	type Agenda,
	type Package,
	type Reservation
} from './points.ts';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export const CostingOutcomeInputSchema = z.object({
	/** Extra annual cost to the employer of the agreed package, yuan (from the costing engine). */
	costDeltaAnnualYuan: z.number(),
	/** What management's brief allows it to spend per year, yuan. */
	managementBudgetYuan: z.number().positive(),
	/** Average monthly gain per worker, yuan. */
	gainPerWorkerMonthlyYuan: z.number(),
	/** Labour's brief: the monthly gain per worker it is told to aim for, yuan. */
	labourTargetYuan: z.number().positive()
});
export type CostingOutcomeInput = z.infer<typeof CostingOutcomeInputSchema>;

export interface SideScores {
	labour: number;
	management: number;
}

/**
 * Outcome from costed figures (S25). Labour: 100 × gain / target, capped to 0–100 (reaching the
 * brief's target is full marks; a cut scores 0). Management: 100 × (1 − cost / (2 × budget)),
 * capped to 0–100: no extra cost is full marks, spending exactly the budget scores 50, twice the
 * budget scores 0; a saving scores 100. Spending the budget is therefore middling, not failure,
 * as a board that authorised a budget expects it may be used.
 */
export function costingOutcome(input: CostingOutcomeInput): SideScores {
	const { costDeltaAnnualYuan, managementBudgetYuan, gainPerWorkerMonthlyYuan, labourTargetYuan } =
		input;
	return {
		labour: 100 * clamp01(gainPerWorkerMonthlyYuan / labourTargetYuan),
		management: 100 * clamp01(1 - costDeltaAnnualYuan / (2 * managementBudgetYuan))
	};
}

/**
 * A side's 0–100 outcome from its points (S22): the share of the gain over its reservation value
 * it could at most have got, 100 × (points − reservation) / (best − reservation), capped to
 * 0–100. Agreeing below the reservation value scores 0, like walking away. When the best package
 * is no better than the reservation value there is nothing to win: 100 if the reservation is met,
 * else 0.
 */
export function pointsScore(points: number, reservation: number, best: number): number {
	if (best - reservation <= 1e-9) return points >= reservation - 1e-9 ? 100 : 0;
	return 100 * clamp01((points - reservation) / (best - reservation));
}

export const NoAgreementRuleSchema = z.enum(['zero', 'last-offers']);
/** How a match without a signed agreement scores its outcome (S27); default `zero`. */
export type NoAgreementRule = z.infer<typeof NoAgreementRuleSchema>;

const ScoresPairSchema = z.object({
	labour: z.number().min(0).max(100),
	management: z.number().min(0).max(100)
});

/**
 * The signed agreement's full terms as the parties wrote them (S29): every term value, tables and
 * clause wording included, for reading and checking; the score is recomputed from `agreement`.
 */
export const AgreedTermsSchema = z.record(
	z.string(),
	z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.number())])
);
export type AgreedTerms = z.infer<typeof AgreedTermsSchema>;

/**
 * How a match's outcome is recorded. `lastOffers.labour` is the last offer labour tabled (提出方案),
 * `lastOffers.management` management's; null `agreement` means nothing was signed.
 */
export const MatchOutcomeSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('scores'),
		agreement: ScoresPairSchema.nullable(),
		lastOffers: z
			.object({ labour: ScoresPairSchema.optional(), management: ScoresPairSchema.optional() })
			.optional()
	}),
	z.object({
		kind: z.literal('points'),
		agenda: AgendaSchema,
		reservation: ReservationSchema,
		agreement: PackageSchema.nullable(),
		lastOffers: z
			.object({ labour: PackageSchema.optional(), management: PackageSchema.optional() })
			.optional(),
		agreedTerms: AgreedTermsSchema.nullable().optional()
	}),
	z.object({
		kind: z.literal('costing'),
		agreement: CostingOutcomeInputSchema.nullable(),
		lastOffers: z
			.object({
				labour: CostingOutcomeInputSchema.optional(),
				management: CostingOutcomeInputSchema.optional()
			})
			.optional(),
		agreedTerms: AgreedTermsSchema.nullable().optional()
	})
]);
export type MatchOutcome = z.infer<typeof MatchOutcomeSchema>;

export interface ResolvedOutcome extends SideScores {
	isSigned: boolean;
	basis: 'agreement' | 'zero' | 'last-offers';
	notes: string[];
	/** Points analytics of the signed package, when the match used points tables. */
	analysis?: AgreementAnalysis;
}

function pointsScores(agenda: Agenda, reservation: Reservation, pkg: Package): SideScores {
	const p = packagePoints(agenda, pkg);
	let bestL = 0;
	let bestM = 0;
	for (const t of agenda.terms) {
		bestL += Math.max(...t.options.map((o) => o.labour));
		bestM += Math.max(...t.options.map((o) => o.management));
	}
	return {
		labour: pointsScore(p.labour, reservation.labour, bestL),
		management: pointsScore(p.management, reservation.management, bestM)
	};
}

/**
 * Each side's outcome score for one match (S22, S25, S27). Under `last-offers` each side is scored
 * on the last offer the *other* side tabled, i.e. what it could have signed, judged by its own
 * table; a side's own last demand is never rewarded, so holding out on an extreme offer gains
 * nothing. A missing offer scores 0 for the side that would have been scored on it.
 */
export function resolveOutcome(outcome: MatchOutcome, rule: NoAgreementRule): ResolvedOutcome {
	const score = (x: unknown): SideScores => {
		if (outcome.kind === 'scores') return x as SideScores;
		if (outcome.kind === 'costing') return costingOutcome(x as CostingOutcomeInput);
		return pointsScores(outcome.agenda, outcome.reservation, x as Package);
	};
	if (outcome.agreement !== null) {
		const s = score(outcome.agreement);
		const res: ResolvedOutcome = { ...s, isSigned: true, basis: 'agreement', notes: [] };
		if (outcome.kind === 'points') {
			res.analysis = analyzeAgreement(
				outcome.agenda,
				outcome.agreement,
				paretoFrontier(outcome.agenda)
			);
			for (const p of res.analysis.problems) res.notes.push(p.message);
		}
		return res;
	}
	if (rule === 'zero')
		return {
			labour: 0,
			management: 0,
			isSigned: false,
			basis: 'zero',
			notes: ['no agreement: outcome 0 (rule zero)']
		};
	const notes: string[] = [];
	const byManagement = outcome.lastOffers?.management;
	const byLabour = outcome.lastOffers?.labour;
	if (byManagement === undefined)
		notes.push("no agreement and no management last offer: labour's outcome 0");
	if (byLabour === undefined)
		notes.push("no agreement and no labour last offer: management's outcome 0");
	return {
		labour: byManagement === undefined ? 0 : score(byManagement).labour,
		management: byLabour === undefined ? 0 : score(byLabour).management,
		isSigned: false,
		basis: 'last-offers',
		notes
	};
}

/**
 * A proposal's versions side by side (rules WS20–WS24 in SPEC.md): what differs term by term,
 * and what each version does to cost and to pay, from the same `cost()` the table and `xs cost`
 * use. The workspace page, its printable summary and its Excel workbook all read these rows, so
 * a figure is computed one way wherever it appears.
 *
 * ```ts
 * const rows = termDiff(scenario, [a.values, b.values]);   // rows[i].differs
 * const r = versionResults(scenario, b.values);            // r.costPerUnitFen, r.hourlyFen.p10 …
 * ```
 */
import { cost, type CostReport, type ProjectionYear } from './cost.ts';
import type { Finding } from './findings.ts';
import { formatTermValue } from './negotiation/format.ts';
import type { ResolvedScenario, Term, TermValue } from './scenario.ts';
import { currentTerms } from './terms.ts';

/** p10 / p50 / p90 of a distribution over riders, fen. */
export interface Spread {
	p10: number;
	p50: number;
	p90: number;
}

/** What one version does, in the figures a union officer compares (WS21). */
export interface VersionResults {
	/** Payer's (platform or employer) monthly cost, proposed, and its change against current (fen). */
	monthlyCostFen: number;
	monthlyCostDeltaFen: number;
	/** Year-one cost, proposed, and its change (fen). */
	annualCostFen: number;
	annualCostDeltaFen: number;
	/** Payer's monthly cost ÷ units per month, fen per unit (order, parcel); null without piece rates. */
	costPerUnitFen: number | null;
	unitName: string | null;
	/** Earnings per worker per hour of working time and per month (fen); null without piece rates. */
	hourlyFen: Spread | null;
	monthlyFen: Spread | null;
	/** Share of riders whose pay per working hour is under the hourly minimum wage (0–1). */
	shareBelowHourlyMinimum: number | null;
	/** Monthly cost of the hourly guarantee's top-ups (fen). */
	topUpFen: number | null;
	/** Findings of the proposed terms: violations and warnings, most severe first. */
	findings: Finding[];
	projection: ProjectionYear[];
	report: CostReport;
}

const spread = (p: { p10: number; p50: number; p90: number }): Spread => ({
	p10: p.p10,
	p50: p.p50,
	p90: p.p90
});

const SEVERITY_ORDER = { violation: 0, warning: 1, input: 2, info: 3 } as const;

/**
 * The figures of one version (WS21). The cost per unit divides the month's payer cost by the
 * month's units (P7 ÷ P3), after the month is summed, never per order (money habit: bills are sums
 * of payslips).
 */
export function versionResults(
	scenario: ResolvedScenario,
	values: Readonly<Record<string, unknown>>
): VersionResults {
	const r = cost(scenario, values);
	const pr = r.pieceRate?.proposed;
	return {
		monthlyCostFen: r.monthly.proposed.employerCostFen,
		monthlyCostDeltaFen: r.monthly.deltaEmployerCostFen,
		annualCostFen: r.annual.proposedEmployerCostFen,
		annualCostDeltaFen: r.annual.costDeltaFen,
		costPerUnitFen: pr && pr.unitsPerMonth > 0 ? pr.employerCostFen / pr.unitsPerMonth : null,
		unitName: r.pieceRate?.unitName ?? null,
		hourlyFen: pr ? spread(pr.hourlyFen) : null,
		monthlyFen: pr ? spread(pr.monthlyFen) : null,
		shareBelowHourlyMinimum: pr ? pr.shareBelowHourlyMinimum : null,
		topUpFen: pr ? pr.topUpFen : null,
		findings: r.findings
			.filter((f) => f.severity === 'violation' || f.severity === 'warning')
			.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
		projection: r.projection,
		report: r
	};
}

/** One term across the versions (WS20). */
export interface TermDiffRow {
	termId: string;
	title: string;
	/** Each version's value as a contract would print it (unit, percentage, choice label). */
	shown: string[];
	values: (TermValue | undefined)[];
	/** True when not every version holds the same value. */
	differs: boolean;
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every agenda term across the versions, in agenda order (WS20). A term a version leaves out
 * stands at its current value, as in an offer (N2), so leaving it out is not a difference.
 */
export function termDiff(
	scenario: Pick<ResolvedScenario, 'terms'>,
	versions: readonly Readonly<Record<string, unknown>>[]
): TermDiffRow[] {
	const current = currentTerms(scenario);
	return scenario.terms.map((t: Term) => {
		const values = versions.map((v) => (v[t.id] ?? current[t.id]) as TermValue | undefined);
		return {
			termId: t.id,
			title: t.title,
			values,
			shown: values.map((v) => formatTermValue(t, v)),
			differs: values.some((v) => !same(v, values[0]))
		};
	});
}

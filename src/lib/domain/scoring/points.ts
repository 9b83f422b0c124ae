/**
 * Additive points tables (积分表): each side privately values every option of every term, and a
 * package's value to a side is the sum over terms (S20). This module holds the agenda shape the
 * analytics run on and the adapter from scenario-style confidential tables, where a numeric term
 * (a raise in %, a piece rate in yuan) is valued by bands rather than by listed options.
 */
import { z } from 'zod';

export const OptionValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type OptionValue = z.infer<typeof OptionValueSchema>;

export const AgendaOptionSchema = z.object({
	value: OptionValueSchema,
	labour: z.number(),
	management: z.number()
});
export type AgendaOption = z.infer<typeof AgendaOptionSchema>;

export const AgendaTermSchema = z.object({
	id: z.string().min(1),
	options: z.array(AgendaOptionSchema).min(1)
});
export type AgendaTerm = z.infer<typeof AgendaTermSchema>;

export const AgendaSchema = z.object({ terms: z.array(AgendaTermSchema) }).superRefine((a, ctx) => {
	const seen = new Set<string>();
	a.terms.forEach((t, i) => {
		if (seen.has(t.id))
			ctx.addIssue({
				code: 'custom',
				message: `duplicate term id "${t.id}"`,
				path: ['terms', i, 'id']
			});
		seen.add(t.id);
	});
});
export type Agenda = z.infer<typeof AgendaSchema>;

/** Each side's value of walking away (BATNA) in its own points (S22). */
export const ReservationSchema = z.object({ labour: z.number(), management: z.number() });
export type Reservation = z.infer<typeof ReservationSchema>;

/** A package: one chosen option value per term id. */
export const PackageSchema = z.record(z.string(), OptionValueSchema);
export type Package = z.infer<typeof PackageSchema>;

export const PointsBandSchema = z.object({
	min: z.number().optional(),
	max: z.number().optional(),
	points: z.number()
});
export type PointsBand = z.infer<typeof PointsBandSchema>;

/** One term's valuation: listed options (keyed by the option value as text) or numeric bands. */
export const TermPointsSchema = z.union([
	z.object({ options: z.record(z.string(), z.number()) }),
	z.object({ bands: z.array(PointsBandSchema).min(1) })
]);
export type TermPoints = z.infer<typeof TermPointsSchema>;

/** A side's confidential points table, keyed by term id (same shape as the scenario schema's). */
export const PointsTablesSchema = z.record(z.string(), TermPointsSchema);
export type PointsTables = z.infer<typeof PointsTablesSchema>;

/** A term as the scenario states it: listed options, or a numeric range with an optional step. */
export interface AgendaTermSpec {
	id: string;
	options?: OptionValue[];
	min?: number;
	max?: number;
	step?: number;
}

/**
 * Points a side's table gives one value of a term (S26): listed options match by their text form
 * (YAML keys are strings, values may be numbers, yes/no is "true"/"false"); bands match the first
 * band with min ≤ value < max (min inclusive, max exclusive, either may be open), the same reading
 * as the scenario engine's `pointsForValue`. No entry or no matching band: 0 points, i.e. the side
 * is indifferent to that term.
 */
export function tablePointsFor(table: TermPoints | undefined, value: OptionValue): number {
	if (!table) return 0;
	if ('options' in table) return table.options[String(value)] ?? 0;
	if (typeof value !== 'number') return 0;
	for (const b of table.bands) {
		if ((b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max))
			return b.points;
	}
	return 0;
}

const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Candidate values for a numeric term (S26). Points are constant between band edges, so the
 * frontier needs only each edge and one value strictly inside each gap between consecutive edges
 * (on the step grid when there is one); one value beyond an open end covers open bands. When the
 * whole step grid is small (≤ `maxCandidates`) it is used as is, which reads better in a package.
 * Above the cap, candidates with identical points for both sides are merged (lossless for the
 * frontier) keeping the lowest value.
 */
export function numericCandidates(
	spec: AgendaTermSpec,
	labour: TermPoints | undefined,
	management: TermPoints | undefined,
	maxCandidates = 25
): number[] {
	const { min, max, step } = spec;
	const inRange = (v: number) =>
		(min === undefined || v >= min - 1e-9) && (max === undefined || v <= max + 1e-9);
	const anchor = min ?? 0;
	const onGrid = (v: number) =>
		step === undefined || Math.abs((v - anchor) / step - Math.round((v - anchor) / step)) < 1e-9;

	if (min !== undefined && max !== undefined && step !== undefined) {
		const n = Math.floor((max - min) / step + 1e-9) + 1;
		if (n <= maxCandidates) return Array.from({ length: n }, (_, i) => tidy(min + i * step));
	}
	const edges = new Set<number>();
	if (min !== undefined) edges.add(min);
	if (max !== undefined) edges.add(max);
	for (const t of [labour, management]) {
		if (!t || !('bands' in t)) continue;
		for (const b of t.bands) {
			if (b.min !== undefined && inRange(b.min)) edges.add(b.min);
			if (b.max !== undefined && inRange(b.max)) edges.add(b.max);
		}
	}
	const sorted = [...edges].sort((a, b) => a - b);
	const out = new Set<number>(sorted.filter(onGrid));
	const unit = step ?? 1;
	if (sorted.length === 0) out.add(min ?? max ?? 0);
	for (let i = 0; i + 1 < sorted.length; i++) {
		const lo = sorted[i] as number;
		const hi = sorted[i + 1] as number;
		if (step === undefined) out.add(tidy((lo + hi) / 2));
		else {
			const first = tidy(anchor + Math.floor((lo - anchor) / step + 1e-9 + 1) * step);
			if (first < hi - 1e-9) out.add(first);
		}
	}
	const lowest = sorted[0];
	const highest = sorted[sorted.length - 1];
	if (min === undefined && lowest !== undefined) out.add(tidy(lowest - unit));
	if (max === undefined && highest !== undefined) out.add(tidy(highest + unit));
	let values = [...out].filter(inRange).sort((a, b) => a - b);
	if (values.length > maxCandidates) {
		const seen = new Set<string>();
		values = values.filter((v) => {
			const key = `${tablePointsFor(labour, v)}|${tablePointsFor(management, v)}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	}
	return values;
}

/**
 * Build the analytics agenda from the scenario's term list and both sides' points tables (S26).
 * Listed options are valued as they are; numeric terms get candidate values from
 * `numericCandidates`. A term that has neither options nor a range nor bands is left out: there
 * is nothing to choose.
 */
export function agendaFromPointsTables(
	terms: AgendaTermSpec[],
	labour: PointsTables,
	management: PointsTables,
	options: { maxCandidates?: number } = {}
): Agenda {
	const out: AgendaTerm[] = [];
	for (const spec of terms) {
		const l = labour[spec.id];
		const m = management[spec.id];
		let values: OptionValue[];
		if (spec.options && spec.options.length > 0) values = spec.options;
		else {
			const hasBands = (l && 'bands' in l) || (m && 'bands' in m);
			if (!hasBands && (spec.min === undefined || spec.max === undefined)) {
				// Listed options only in the tables: take their keys (numbers when they read as numbers).
				const keys = new Set<string>([
					...(l && 'options' in l ? Object.keys(l.options) : []),
					...(m && 'options' in m ? Object.keys(m.options) : [])
				]);
				if (keys.size === 0) continue;
				values = [...keys];
			} else values = numericCandidates(spec, l, m, options.maxCandidates);
		}
		if (values.length === 0) continue;
		out.push({
			id: spec.id,
			options: values.map((value) => ({
				value,
				labour: tablePointsFor(l, value),
				management: tablePointsFor(m, value)
			}))
		});
	}
	return { terms: out };
}

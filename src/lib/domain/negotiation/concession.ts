/**
 * Concession series (让步轨迹): how each side's position on a term moved offer by offer, and
 * whether the two positions are closing in. Feeds a chart per term; judges read it to see who
 * conceded what, and when.
 */
import type { ResolvedScenario } from '../scenario.ts';
import type { Offer, Side } from './offer.ts';
import { resolveOfferTerms } from './offer.ts';

export interface ConcessionPoint {
	offerId: string;
	seq: number;
	/** The offer's `createdAt` (ISO). */
	at: string;
	value: number;
}

export interface GapPoint {
	seq: number;
	/** |labour's latest value − management's latest value| after offer `seq`. */
	gap: number;
}

export type ConcessionTrend = 'met' | 'converging' | 'diverging' | 'steady' | 'unknown';

export interface ConcessionSeries {
	/** `termId`, or `termId.cell` for one cell of a table term. */
	key: string;
	termId: string;
	cell?: string;
	title: string;
	unit: string;
	/** 'ordinal': values are option indexes (choice) or 0/1 (yes/no); `labels` names them. */
	scale: 'numeric' | 'ordinal';
	labels?: string[];
	/** The value under the current terms (现行标准) on this axis: the chart's reference line. */
	current: number | undefined;
	labour: ConcessionPoint[];
	management: ConcessionPoint[];
	gaps: GapPoint[];
	trend: ConcessionTrend;
	/** The latest gap is smaller than the first gap seen (N8). */
	isConverging: boolean;
}

/** Gaps closer than this are equal: 0.07 − 0.065 is not exactly 0.005 in binary. */
const GAP_EPSILON = 1e-9;

/** One series' identity, and how to read its value from a set of terms. */
type Axis = Pick<
	ConcessionSeries,
	'key' | 'termId' | 'cell' | 'title' | 'unit' | 'scale' | 'labels'
> & {
	read: (values: Record<string, unknown>) => number | undefined;
};

function axes(scenario: Pick<ResolvedScenario, 'terms'>): Axis[] {
	const out: Axis[] = [];
	for (const t of scenario.terms) {
		const base = { termId: t.id, title: t.title };
		switch (t.kind) {
			case 'number':
			case 'cell':
				out.push({ ...base, key: t.id, unit: t.unit, scale: 'numeric', read: (v) => num(v[t.id]) });
				break;
			case 'table':
				for (const cell of Object.keys(t.current)) {
					out.push({
						...base,
						key: `${t.id}.${cell}`,
						cell,
						// The cell by its L3 name (无等级, 中级工 …), as the other displays print it.
						title: `${t.title}：${t.labels?.[cell] ?? cell}`,
						unit: t.unit,
						scale: 'numeric',
						read: (v) => num((v[t.id] as Record<string, unknown> | undefined)?.[cell])
					});
				}
				break;
			case 'choice': {
				const values = t.options.map((o) => o.value);
				out.push({
					...base,
					key: t.id,
					unit: '',
					scale: 'ordinal',
					labels: t.options.map((o) => o.label),
					read: (v) => {
						const i = values.indexOf(v[t.id] as string);
						return i < 0 ? undefined : i;
					}
				});
				break;
			}
			case 'boolean':
				out.push({
					...base,
					key: t.id,
					unit: '',
					scale: 'ordinal',
					labels: ['否', '是'],
					read: (v) => (v[t.id] === true ? 1 : v[t.id] === false ? 0 : undefined)
				});
				break;
			case 'clause':
				break; // wording has no axis
		}
	}
	return out;
}

/** 12 significant digits: a chart should show 0.02, not 0.020000000000000004. */
const clean = (x: number) => Number(x.toPrecision(12));

const num = (x: unknown): number | undefined =>
	typeof x === 'number' && Number.isFinite(x) ? x : undefined;

function trendOf(gaps: GapPoint[]): ConcessionTrend {
	const last = gaps.at(-1);
	const first = gaps[0];
	if (!last || !first) return 'unknown';
	if (last.gap <= GAP_EPSILON) return 'met';
	if (gaps.length < 2) return 'unknown';
	if (last.gap < first.gap - GAP_EPSILON) return 'converging';
	if (last.gap > first.gap + GAP_EPSILON) return 'diverging';
	return 'steady';
}

/**
 * One series per axis (N7): number and cell terms, each cell of a table term (the cells of its
 * current table), choice terms by option index and yes/no terms as 0/1; clause terms have none.
 * Every offer adds a point for its side, read through N2 (a silent term stands at its current
 * value). Offers are taken in `seq` order; `current` is the axis's value under the current terms. After each offer, once both sides have tabled, the gap
 * is |labour's latest − management's latest| (N8): the trend is 'met' when the latest gap is 0,
 * 'converging' / 'diverging' / 'steady' comparing the latest gap with the first, 'unknown' with
 * fewer than two gaps.
 */
export function concessionSeries(
	scenario: Pick<ResolvedScenario, 'terms'>,
	offers: readonly Offer[]
): ConcessionSeries[] {
	const sorted = [...offers].sort((a, b) => a.seq - b.seq);
	const resolved = sorted.map((o) => ({ offer: o, values: resolveOfferTerms(scenario, o.terms) }));
	const currentValues = resolveOfferTerms(scenario, {});
	return axes(scenario).map((axis) => {
		const series: Record<Side, ConcessionPoint[]> = { labour: [], management: [] };
		const latest: Partial<Record<Side, number>> = {};
		const gaps: GapPoint[] = [];
		for (const { offer, values } of resolved) {
			const value = axis.read(values);
			if (value === undefined) continue;
			series[offer.side].push({ offerId: offer.id, seq: offer.seq, at: offer.createdAt, value });
			latest[offer.side] = value;
			if (latest.labour !== undefined && latest.management !== undefined) {
				gaps.push({ seq: offer.seq, gap: clean(Math.abs(latest.labour - latest.management)) });
			}
		}
		const trend = trendOf(gaps);
		const first = gaps[0];
		const last = gaps.at(-1);
		const { read: _read, ...shape } = axis;
		return {
			...shape,
			current: axis.read(currentValues),
			labour: series.labour,
			management: series.management,
			gaps,
			trend,
			isConverging: first !== undefined && last !== undefined && last.gap < first.gap - GAP_EPSILON
		};
	});
}

/**
 * Geometry of one concession chart (让步轨迹图): where each offer's dot, its value label, each
 * side's line and the current-terms reference line go in the SVG. Pure, so the layout can be
 * tested without a browser; the component only draws what this returns.
 */
import type { ConcessionPoint, ConcessionSeries, Side } from '$lib/domain/negotiation/index.ts';

export const CHART = { width: 320, height: 128, left: 14, right: 14, top: 20, bottom: 24 } as const;

export interface ChartDot {
	side: Side;
	seq: number;
	value: number;
	cx: number;
	cy: number;
	/** The printed value (unit or option label); null when labels would crowd the chart. */
	label: string | null;
	/** Label above the dot, or below when the dot sits near the top. */
	labelY: number;
	/** Labels at the chart's edges grow inwards so they are not cut off. */
	anchor: 'start' | 'middle' | 'end';
}

export interface ChartLayout {
	dots: ChartDot[];
	/** SVG path per side; null for a side with fewer than two offers (its dot stands alone). */
	lines: Record<Side, string | null>;
	/** y of the current-terms line; null when the series has no current value. */
	currentY: number | null;
	/** One tick per offer number on the x axis. */
	ticks: { seq: number; x: number }[];
}

const anchorAt = (cx: number): ChartDot['anchor'] =>
	cx < 40 ? 'start' : cx > CHART.width - 40 ? 'end' : 'middle';

/** With more dots than this, only each side's first and last offer carry a value label. */
const MAX_LABELS = 8;

/**
 * Lays out one series against a shared x axis of offer numbers (`seqs`, every offer tabled so
 * far, so all charts line up). The y range spans every offer and the current value, padded so
 * that equal values draw a flat line in the middle rather than dividing by zero.
 */
export function chartLayout(
	series: Pick<ConcessionSeries, 'labour' | 'management' | 'current'>,
	seqs: readonly number[],
	format: (value: number) => string
): ChartLayout {
	const { width, height, left, right, top, bottom } = CHART;
	const xs = [...new Set(seqs)].sort((a, b) => a - b);
	const x0 = xs[0] ?? 1;
	const x1 = xs.at(-1) ?? 1;
	const x = (seq: number) =>
		x1 === x0 ? width / 2 : left + ((seq - x0) / (x1 - x0)) * (width - left - right);
	const values = [...series.labour, ...series.management].map((p) => p.value);
	if (series.current !== undefined) values.push(series.current);
	let lo = Math.min(...values);
	let hi = Math.max(...values);
	if (!Number.isFinite(lo)) lo = hi = 0;
	const pad = hi === lo ? Math.max(Math.abs(hi) * 0.1, 1) : (hi - lo) * 0.12;
	lo -= pad;
	hi += pad;
	const y = (v: number) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);

	const sides: Side[] = ['labour', 'management'];
	const count = series.labour.length + series.management.length;
	const labelled = (points: ConcessionPoint[], i: number) =>
		count <= MAX_LABELS || i === 0 || i === points.length - 1;
	const dots: ChartDot[] = sides
		.flatMap((side) =>
			series[side].map((p, i) => {
				const cy = y(p.value);
				return {
					side,
					seq: p.seq,
					value: p.value,
					cx: x(p.seq),
					cy,
					label: labelled(series[side], i) ? format(p.value) : null,
					labelY: cy - top < 12 ? cy + 14 : cy - 6,
					anchor: anchorAt(x(p.seq))
				};
			})
		)
		.sort((a, b) => a.seq - b.seq);
	const line = (points: ConcessionPoint[]) =>
		points.length < 2
			? null
			: points
					.map((p, i) => `${i ? 'L' : 'M'}${x(p.seq).toFixed(1)},${y(p.value).toFixed(1)}`)
					.join(' ');
	return {
		dots,
		lines: { labour: line(series.labour), management: line(series.management) },
		currentY: series.current === undefined ? null : y(series.current),
		ticks: xs.map((seq) => ({ seq, x: x(seq) }))
	};
}

import { describe, expect, it } from 'vitest';
import { CHART, chartLayout } from './concession-chart.ts';

const point = (seq: number, value: number) => ({
	offerId: `o${seq}`,
	seq,
	at: '2025-03-01T01:00:00Z',
	value
});
const years = (v: number) => `${v} 年`;

describe('chartLayout', () => {
	it('one offer per side: a labelled dot each, no lines, the current value as reference', () => {
		// Labour offers 10 (seq 1), management counters 12 (seq 2); current 10.
		const l = chartLayout(
			{ labour: [point(1, 10)], management: [point(2, 12)], current: 10 },
			[1, 2],
			years
		);
		expect(l.lines).toEqual({ labour: null, management: null });
		expect(l.dots.map((d) => [d.side, d.seq, d.label])).toEqual([
			['labour', 1, '10 年'],
			['management', 2, '12 年']
		]);
		// x: seq 1 at the left margin, seq 2 at width − right margin.
		expect(l.ticks).toEqual([
			{ seq: 1, x: CHART.left },
			{ seq: 2, x: CHART.width - CHART.right }
		]);
		// y range 10…12 padded by 12 % of 2 = 0.24 → 9.76…12.24 over the plot height 128 − 20 − 24 = 84:
		// 12 sits at 20 + (1 − 2.24 / 2.48) × 84 = 28.13 (rounded), 10 at 20 + (1 − 0.24 / 2.48) × 84 = 95.87.
		expect(l.dots[1]!.cy).toBeCloseTo(28.13, 2);
		expect(l.dots[0]!.cy).toBeCloseTo(95.87, 2);
		expect(l.currentY).toBeCloseTo(95.87, 2);
		// Edge labels grow inwards.
		expect(l.dots.map((d) => d.anchor)).toEqual(['start', 'end']);
	});

	it('draws a line for a side with two or more offers, in offer order', () => {
		const l = chartLayout(
			{ labour: [point(1, 50), point(3, 45)], management: [point(2, 35)], current: 30 },
			[1, 2, 3],
			String
		);
		expect(l.lines.management).toBeNull();
		expect(l.lines.labour).toMatch(/^M14\.0,[\d.]+ L306\.0,[\d.]+$/);
		// 50 is the highest value, so labour's first dot is the topmost.
		expect(Math.min(...l.dots.map((d) => d.cy))).toBe(l.dots[0]!.cy);
	});

	it('equal values draw a flat line across the middle; crowded charts label only the ends', () => {
		const labour = [1, 3, 5, 7, 9].map((s) => point(s, 4));
		const management = [2, 4, 6, 8, 10].map((s) => point(s, 4));
		const l = chartLayout(
			{ labour, management, current: 4 },
			[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
			String
		);
		// 4 ± max(0.4, 1) = 3…5: the middle is 20 + 0.5 × 84 = 62.
		expect(new Set(l.dots.map((d) => d.cy))).toEqual(new Set([62]));
		// 10 dots > 8: labels on each side's first and last only → 4.
		expect(l.dots.filter((d) => d.label !== null).map((d) => d.seq)).toEqual([1, 2, 9, 10]);
	});
});

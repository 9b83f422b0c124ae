/**
 * Weighted percentiles (P6) over flat typed arrays, in linear time: a piece-rate population kept
 * as 100,000 individual records is 100,000 cells per distribution, and sorting four of them on
 * every keystroke would cost more than the rest of the report. A histogram pass finds the bucket
 * holding each quantile, and only that bucket's values are sorted, so the answer is exact: the
 * smallest value whose cumulative weight reaches q of the total.
 */

export interface Percentiles {
	p10: number;
	p50: number;
	p90: number;
	min: number;
	max: number;
}

const QS = [0.1, 0.5, 0.9] as const;
const EMPTY: Percentiles = { p10: 0, p50: 0, p90: 0, min: 0, max: 0 };
const BUCKETS = 1024;

/** Cells of one distribution: value, weight and the cohort (P43) each belongs to. */
export class Cells {
	v: Float64Array;
	w: Float64Array;
	c: Int32Array;
	n = 0;
	constructor(capacity: number) {
		const cap = Math.max(4, capacity);
		this.v = new Float64Array(cap);
		this.w = new Float64Array(cap);
		this.c = new Int32Array(cap);
	}
	push(v: number, w: number, cohort: number): void {
		if (this.n === this.v.length) this.grow();
		this.v[this.n] = v;
		this.w[this.n] = w;
		this.c[this.n] = cohort;
		this.n++;
	}
	private grow(): void {
		const cap = this.v.length * 2;
		const v = new Float64Array(cap);
		const w = new Float64Array(cap);
		const c = new Int32Array(cap);
		v.set(this.v);
		w.set(this.w);
		c.set(this.c);
		this.v = v;
		this.w = w;
		this.c = c;
	}
}

/** Percentiles of the cells at `idx[from..to)` (all cells when `idx` is omitted). */
export function weightedPercentiles(
	cells: Cells,
	idx?: Int32Array,
	from = 0,
	to = idx ? idx.length : cells.n
): Percentiles {
	const { v, w } = cells;
	const at = (k: number) => (idx ? (idx[k] as number) : k);
	let total = 0;
	let min = Infinity;
	let max = -Infinity;
	let live = 0;
	for (let k = from; k < to; k++) {
		const i = at(k);
		const wi = w[i] as number;
		if (!(wi > 0)) continue;
		const vi = v[i] as number;
		total += wi;
		live++;
		if (vi < min) min = vi;
		if (vi > max) max = vi;
	}
	if (live === 0) return { ...EMPTY };
	if (min === max) return { p10: min, p50: min, p90: min, min, max };
	if (live <= 64) return smallPercentiles(cells, idx, from, to, total, min, max);
	// One pass into buckets, then the exact answer inside each quantile's bucket.
	const span = max - min;
	const scale = (BUCKETS - 1) / span;
	const bw = new Float64Array(BUCKETS);
	for (let k = from; k < to; k++) {
		const i = at(k);
		const wi = w[i] as number;
		if (!(wi > 0)) continue;
		const bk = Math.floor(((v[i] as number) - min) * scale);
		bw[bk] = (bw[bk] as number) + wi;
	}
	const out: number[] = [];
	let acc = 0;
	let b = 0;
	for (const q of QS) {
		const target = q * total - 1e-9;
		while (b < BUCKETS - 1 && acc + (bw[b] as number) < target) acc += bw[b++] as number;
		// The bucket b holds the quantile: its values sorted, walked from the weight before it.
		const inBucket: [number, number][] = [];
		for (let k = from; k < to; k++) {
			const i = at(k);
			const wi = w[i] as number;
			if (!(wi > 0)) continue;
			if (Math.floor(((v[i] as number) - min) * scale) === b) inBucket.push([v[i] as number, wi]);
		}
		inBucket.sort((x, y) => x[0] - y[0]);
		let a = acc;
		let found = inBucket[inBucket.length - 1]?.[0] ?? max;
		for (const [vi, wi] of inBucket) {
			a += wi;
			if (a >= target) {
				found = vi;
				break;
			}
		}
		out.push(found);
	}
	return { p10: out[0] as number, p50: out[1] as number, p90: out[2] as number, min, max };
}

function smallPercentiles(
	cells: Cells,
	idx: Int32Array | undefined,
	from: number,
	to: number,
	total: number,
	min: number,
	max: number
): Percentiles {
	const live: [number, number][] = [];
	for (let k = from; k < to; k++) {
		const i = idx ? (idx[k] as number) : k;
		const wi = cells.w[i] as number;
		if (wi > 0) live.push([cells.v[i] as number, wi]);
	}
	live.sort((a, b) => a[0] - b[0]);
	const found: number[] = [];
	let acc = 0;
	let k = 0;
	for (const [vi, wi] of live) {
		acc += wi;
		while (k < QS.length && acc >= (QS[k] as number) * total - 1e-9) {
			found.push(vi);
			k++;
		}
		if (k === QS.length) break;
	}
	return { p10: found[0] ?? max, p50: found[1] ?? max, p90: found[2] ?? max, min, max };
}

/**
 * Cell indices grouped by cohort (a counting sort): cohort k's cells are
 * `order[start[k] .. start[k + 1])`.
 */
export function byCohort(cells: Cells, cohorts: number): { order: Int32Array; start: Int32Array } {
	const start = new Int32Array(cohorts + 1);
	for (let i = 0; i < cells.n; i++) {
		const k = (cells.c[i] as number) + 1;
		start[k] = (start[k] as number) + 1;
	}
	for (let k = 1; k <= cohorts; k++) start[k] = (start[k] as number) + (start[k - 1] as number);
	const next = start.slice(0, cohorts);
	const order = new Int32Array(cells.n);
	for (let i = 0; i < cells.n; i++) {
		const k = cells.c[i] as number;
		order[next[k] as number] = i;
		next[k] = (next[k] as number) + 1;
	}
	return { order, start };
}

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
	let total = 0;
	let min = Infinity;
	let max = -Infinity;
	let live = 0;
	for (let k = from; k < to; k++) {
		const i = idx ? (idx[k] as number) : k;
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
	const targets = QS.map((q) => q * total - 1e-9);
	if (live <= 256) {
		const ids: number[] = [];
		for (let k = from; k < to; k++) {
			const i = idx ? (idx[k] as number) : k;
			if ((w[i] as number) > 0) ids.push(i);
		}
		const out = targets.map((t) => walkSorted(v, w, ids, 0, t, max));
		return { p10: out[0] as number, p50: out[1] as number, p90: out[2] as number, min, max };
	}
	// One histogram for the three quantiles, then only their buckets' cells are searched.
	const scale = (BUCKETS - 1) / (max - min);
	const bw = new Float64Array(BUCKETS);
	for (let k = from; k < to; k++) {
		const i = idx ? (idx[k] as number) : k;
		const wi = w[i] as number;
		if (!(wi > 0)) continue;
		const bk = Math.floor(((v[i] as number) - min) * scale);
		bw[bk] = (bw[bk] as number) + wi;
	}
	const bucket: number[] = [];
	const before: number[] = [];
	let acc = 0;
	let b = 0;
	for (const t of targets) {
		while (b < BUCKETS - 1 && acc + (bw[b] as number) < t) acc += bw[b++] as number;
		bucket.push(b);
		before.push(acc);
	}
	const members: number[][] = bucket.map(() => []);
	for (let k = from; k < to; k++) {
		const i = idx ? (idx[k] as number) : k;
		if (!((w[i] as number) > 0)) continue;
		const bk = Math.floor(((v[i] as number) - min) * scale);
		for (let q = 0; q < bucket.length; q++) if (bucket[q] === bk) (members[q] as number[]).push(i);
	}
	const out = targets.map((t, q) =>
		select(v, w, members[q] as number[], before[q] as number, t, max)
	);
	return { p10: out[0] as number, p50: out[1] as number, p90: out[2] as number, min, max };
}

/** Walks `ids` in value order from the weight before them to the first reaching `target`. */
function walkSorted(
	v: Float64Array,
	w: Float64Array,
	ids: number[],
	before: number,
	target: number,
	fallback: number
): number {
	const sorted = ids.slice().sort((a, b) => (v[a] as number) - (v[b] as number));
	let acc = before;
	for (const i of sorted) {
		acc += w[i] as number;
		if (acc >= target) return v[i] as number;
	}
	return fallback;
}

/**
 * The smallest value among `ids` at which the weight before them (`before`) plus their own
 * cumulative weight, in value order, reaches `target`. A large set is narrowed by a histogram
 * to the one bucket holding the answer, which is searched the same way.
 */
function select(
	v: Float64Array,
	w: Float64Array,
	ids: number[],
	before: number,
	target: number,
	fallback: number
): number {
	if (ids.length <= 256) return walkSorted(v, w, ids, before, target, fallback);
	let min = Infinity;
	let max = -Infinity;
	for (const i of ids) {
		const vi = v[i] as number;
		if (vi < min) min = vi;
		if (vi > max) max = vi;
	}
	if (min === max) return min;
	const scale = (BUCKETS - 1) / (max - min);
	const bw = new Float64Array(BUCKETS);
	for (const i of ids) {
		const bk = Math.floor(((v[i] as number) - min) * scale);
		bw[bk] = (bw[bk] as number) + (w[i] as number);
	}
	let acc = before;
	let b = 0;
	while (b < BUCKETS - 1 && acc + (bw[b] as number) < target) acc += bw[b++] as number;
	const inBucket: number[] = [];
	for (const i of ids) if (Math.floor(((v[i] as number) - min) * scale) === b) inBucket.push(i);
	// A bucket as large as the set cannot narrow it further: finish by sorting.
	if (inBucket.length === ids.length) return walkSorted(v, w, ids, before, target, fallback);
	return select(v, w, inBucket, acc, target, fallback);
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

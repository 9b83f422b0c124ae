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

/**
 * Cells of one distribution: value, weight and the cohort (P43) each belongs to. As cells are
 * pushed it keeps, per group (cohort k < `cohorts`, and group `cohorts`, every cell), what a
 * percentile's first pass over the cells would find: the total weight, the number of cells and
 * the least and greatest value of the cells of positive weight, the totals summed in push order
 * (cell order), so they are the same doubles. With 100,000 individual records that pass was a
 * third of the percentiles' time; filled here it reads values already in registers.
 */
export class Cells {
	v: Float64Array;
	w: Float64Array;
	c: Int32Array;
	n = 0;
	readonly cohorts: number;
	total: Float64Array;
	live: Int32Array;
	min: Float64Array;
	max: Float64Array;
	constructor(capacity: number, cohorts = 0) {
		const cap = Math.max(4, capacity);
		this.v = new Float64Array(cap);
		this.w = new Float64Array(cap);
		this.c = new Int32Array(cap);
		this.cohorts = cohorts;
		this.total = new Float64Array(cohorts + 1);
		this.live = new Int32Array(cohorts + 1);
		this.min = new Float64Array(cohorts + 1).fill(Infinity);
		this.max = new Float64Array(cohorts + 1).fill(-Infinity);
	}
	/** Empties the cells for a new report. */
	clear(): void {
		this.n = 0;
		this.total.fill(0);
		this.live.fill(0);
		this.min.fill(Infinity);
		this.max.fill(-Infinity);
	}
	/** `cohort` must be below `cohorts`. */
	push(v: number, w: number, cohort: number): void {
		if (this.n === this.v.length) this.grow();
		this.v[this.n] = v;
		this.w[this.n] = w;
		this.c[this.n] = cohort;
		this.n++;
		if (!(w > 0)) return;
		const { total, live, min, max } = this;
		const all = this.cohorts;
		total[all] = (total[all] as number) + w;
		live[all] = (live[all] as number) + 1;
		if (v < (min[all] as number)) min[all] = v;
		if (v > (max[all] as number)) max[all] = v;
		total[cohort] = (total[cohort] as number) + w;
		live[cohort] = (live[cohort] as number) + 1;
		if (v < (min[cohort] as number)) min[cohort] = v;
		if (v > (max[cohort] as number)) max[cohort] = v;
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
	if (!idx && from === 0 && to === cells.n) {
		// Every cell: the figures the cells kept as they were pushed.
		const all = cells.cohorts;
		total = cells.total[all] as number;
		live = cells.live[all] as number;
		min = cells.min[all] as number;
		max = cells.max[all] as number;
	} else
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
		const out = walkSortedAll(v, w, ids, targets, max);
		return { p10: out[0] as number, p50: out[1] as number, p90: out[2] as number, min, max };
	}
	// One histogram for the three quantiles, then only their buckets' cells are searched.
	const scale = (BUCKETS - 1) / (max - min);
	const bw = histogramScratch(BUCKETS);
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
	const members: number[][] = [[], [], []];
	// Which quantiles each bucket holds (bit q), so a cell is tested once, not once per quantile.
	// Quantiles in one bucket share one list of its cells (the same cells in the same order).
	const want = wantScratch(BUCKETS);
	for (let q = 0; q < 3; q++) {
		const b = bucket[q] as number;
		if (want[b] === 0) want[b] = 1 << q;
		else members[q] = members[31 - Math.clz32(want[b] as number)] as number[];
	}
	for (let k = from; k < to; k++) {
		const i = idx ? (idx[k] as number) : k;
		if (!((w[i] as number) > 0)) continue;
		const m = want[Math.floor(((v[i] as number) - min) * scale)] as number;
		if (m === 0) continue;
		if (m & 1) (members[0] as number[]).push(i);
		if (m & 2) (members[1] as number[]).push(i);
		if (m & 4) (members[2] as number[]).push(i);
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
	const sorted = sortedByValue(v, ids);
	let acc = before;
	for (let k = 0; k < sorted.length; k++) {
		const i = sorted[k] as number;
		acc += w[i] as number;
		if (acc >= target) return v[i] as number;
	}
	return fallback;
}

/**
 * `walkSorted` from zero weight for several targets, sorting once: the running sum is the same
 * sequence of additions for each target, so each answer is the one a walk of its own finds.
 */
function walkSortedAll(
	v: Float64Array,
	w: Float64Array,
	ids: number[],
	targets: readonly number[],
	fallback: number
): number[] {
	const sorted = sortedByValue(v, ids);
	const out = targets.map(() => fallback);
	const found = targets.map(() => false);
	let left = targets.length;
	let acc = 0;
	for (let k = 0; k < sorted.length && left > 0; k++) {
		const i = sorted[k] as number;
		acc += w[i] as number;
		for (let q = 0; q < targets.length; q++) {
			if (!found[q] && acc >= (targets[q] as number)) {
				found[q] = true;
				out[q] = v[i] as number;
				left--;
			}
		}
	}
	return out;
}

/**
 * `ids` ordered by value, equal values kept in their given order: the order
 * `ids.slice().sort((a, b) => v[a] - v[b])` gives (a stable sort), by a merge sort on typed
 * arrays without a comparator call per comparison.
 */
function sortedByValue(v: Float64Array, ids: number[]): Int32Array {
	const n = ids.length;
	let a = Int32Array.from(ids);
	if (n < 2) return a;
	let b = new Int32Array(n);
	// Runs of 8 by insertion (stable: an element moves only past strictly greater values).
	for (let lo = 0; lo < n; lo += 8) {
		const hi = Math.min(n, lo + 8);
		for (let i = lo + 1; i < hi; i++) {
			const x = a[i] as number;
			const vx = v[x] as number;
			let j = i - 1;
			while (j >= lo && (v[a[j] as number] as number) > vx) {
				a[j + 1] = a[j] as number;
				j--;
			}
			a[j + 1] = x;
		}
	}
	for (let width = 8; width < n; width *= 2) {
		for (let lo = 0; lo < n; lo += 2 * width) {
			const mid = Math.min(n, lo + width);
			const hi = Math.min(n, lo + 2 * width);
			let i = lo;
			let j = mid;
			let k = lo;
			// Stable: on equal values the left run's element comes first.
			while (i < mid && j < hi) {
				const x = a[i] as number;
				const y = a[j] as number;
				if ((v[y] as number) < (v[x] as number)) {
					b[k++] = y;
					j++;
				} else {
					b[k++] = x;
					i++;
				}
			}
			while (i < mid) b[k++] = a[i++] as number;
			while (j < hi) b[k++] = a[j++] as number;
		}
		const t = a;
		a = b;
		b = t;
	}
	return a;
}

/*
 * Scratch histograms, reused by every call: a report asks for a dozen percentiles, and a fresh
 * 8 KB typed array each time is an off-heap allocation the garbage collector must track.
 * Callers use them before calling anything that uses the same scratch.
 */
let histogram = new Float64Array(BUCKETS);
let wanted = new Uint8Array(BUCKETS);
const selectHistogram = new Float64Array(BUCKETS);

function histogramScratch(n: number): Float64Array {
	if (histogram.length < n) histogram = new Float64Array(n);
	return histogram.fill(0, 0, n);
}

let slotsKept = new Int32Array(0);

function slotScratch(n: number): Int32Array {
	if (slotsKept.length < n) slotsKept = new Int32Array(n);
	return slotsKept;
}

function wantScratch(n: number): Uint8Array {
	if (wanted.length < n) wanted = new Uint8Array(n);
	return wanted.fill(0, 0, n);
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
	const bw = selectHistogram.fill(0);
	for (const i of ids) {
		const bk = Math.floor(((v[i] as number) - min) * scale);
		bw[bk] = (bw[bk] as number) + (w[i] as number);
	}
	let acc = before;
	let b = 0;
	while (b < BUCKETS - 1 && acc + (bw[b] as number) < target) acc += bw[b++] as number;
	const inBucket: number[] = [];
	let lo = Infinity;
	let hi = -Infinity;
	for (const i of ids) {
		const vi = v[i] as number;
		if (Math.floor((vi - min) * scale) !== b) continue;
		inBucket.push(i);
		if (vi < lo) lo = vi;
		if (vi > hi) hi = vi;
	}
	// A bucket as large as the set cannot narrow it further: finish by sorting.
	if (inBucket.length === ids.length) return walkSorted(v, w, ids, before, target, fallback);
	// One value in a bucket too large to sort: what the call below would return at once.
	if (inBucket.length > 256 && lo === hi) return lo;
	return select(v, w, inBucket, acc, target, fallback);
}

/**
 * `weightedPercentiles` of all cells and of each cohort's cells (P43) at once: two passes over
 * the cells (after the one `Cells.push` makes) for every group instead of three per group plus a sort by cohort. Each group is
 * summed, bucketed and searched exactly as `weightedPercentiles` does it over that group's cells
 * in cell order (same totals, same buckets, same members in the same order), so every answer is
 * the same double.
 */
export function percentilesByCohort(
	cells: Cells,
	cohorts: number
): { all: Percentiles; byCohort: Percentiles[] } {
	const { v, w, c } = cells;
	const n = cells.n;
	if (cells.cohorts !== cohorts) throw new Error('cells kept for another number of cohorts');
	// Group g < cohorts is cohort g; group `cohorts` is every cell. Totals, counts, least and
	// greatest values as the cells were pushed (`Cells`), in cell order.
	const G = cohorts + 1;
	const all = cohorts;
	const { total, live, min, max } = cells;
	// Per group: 0 done (empty or one value), 1 few cells (sorted), 2 histogram.
	const mode = new Uint8Array(G);
	const scale = new Float64Array(G);
	const small: number[][] = [];
	let anySmall = false;
	let anyHist = false;
	for (let g = 0; g < G; g++) {
		if (live[g] === 0 || min[g] === max[g]) continue;
		if ((live[g] as number) <= 256) {
			mode[g] = 1;
			small[g] = [];
			anySmall = true;
		} else {
			mode[g] = 2;
			scale[g] = (BUCKETS - 1) / ((max[g] as number) - (min[g] as number));
			anyHist = true;
		}
	}
	const bw = histogramScratch(anyHist ? G * BUCKETS : 0);
	// Each cell's histogram slot in every cells' group and in its cohort's (-1: none), kept for
	// the pass that collects the quantiles' buckets: the same slots, not computed twice.
	const slots = anyHist ? slotScratch(2 * n) : slotScratch(0);
	if (anySmall || anyHist) {
		const histAll = mode[all] === 2;
		const smallAll = mode[all] === 1;
		const minAll = min[all] as number;
		const scaleAll = scale[all] as number;
		const offAll = all * BUCKETS;
		for (let i = 0; i < n; i++) {
			const wi = w[i] as number;
			if (anyHist) {
				slots[2 * i] = -1;
				slots[2 * i + 1] = -1;
			}
			if (!(wi > 0)) continue;
			const vi = v[i] as number;
			const k = c[i] as number;
			if (histAll) {
				const b = offAll + Math.floor((vi - minAll) * scaleAll);
				bw[b] = (bw[b] as number) + wi;
				slots[2 * i] = b;
			} else if (smallAll) (small[all] as number[]).push(i);
			const mk = mode[k];
			if (mk === 2) {
				const b = k * BUCKETS + Math.floor((vi - (min[k] as number)) * (scale[k] as number));
				bw[b] = (bw[b] as number) + wi;
				slots[2 * i + 1] = b;
			} else if (mk === 1) (small[k] as number[]).push(i);
		}
	}
	// The buckets holding each group's quantiles, and the weight below them (as weightedPercentiles).
	const bucket = new Int32Array(G * 3);
	const before = new Float64Array(G * 3);
	const want = wantScratch(anyHist ? G * BUCKETS : 0);
	const members: number[][] = [];
	if (anyHist) for (let g = 0; g < G * 3; g++) members.push([]);
	for (let g = 0; g < G; g++) {
		if (mode[g] !== 2) continue;
		const off = g * BUCKETS;
		let acc = 0;
		let b = 0;
		for (let q = 0; q < 3; q++) {
			const t = (QS[q] as number) * (total[g] as number) - 1e-9;
			while (b < BUCKETS - 1 && acc + (bw[off + b] as number) < t) acc += bw[off + b++] as number;
			bucket[g * 3 + q] = b;
			before[g * 3 + q] = acc;
			// Quantiles in one bucket share one list of its cells (the same cells, same order).
			const first = want[off + b] as number;
			if (first === 0) want[off + b] = 1 << q;
			else members[g * 3 + q] = members[g * 3 + 31 - Math.clz32(first)] as number[];
		}
	}
	if (anyHist) {
		for (let i = 0; i < n; i++) {
			const ba = slots[2 * i] as number;
			if (ba >= 0) {
				const m = want[ba] as number;
				if (m !== 0) pushMembers(members, all * 3, m, i);
			}
			const bk = slots[2 * i + 1] as number;
			if (bk >= 0) {
				const m = want[bk] as number;
				if (m !== 0) pushMembers(members, (c[i] as number) * 3, m, i);
			}
		}
	}
	const result = (g: number): Percentiles => {
		if (live[g] === 0) return { ...EMPTY };
		const lo = min[g] as number;
		const hi = max[g] as number;
		if (lo === hi) return { p10: lo, p50: lo, p90: lo, min: lo, max: hi };
		const targets = QS.map((q) => q * (total[g] as number) - 1e-9);
		const out =
			mode[g] === 1
				? walkSortedAll(v, w, small[g] as number[], targets, hi)
				: targets.map((t, q) =>
						select(v, w, members[g * 3 + q] as number[], before[g * 3 + q] as number, t, hi)
					);
		return {
			p10: out[0] as number,
			p50: out[1] as number,
			p90: out[2] as number,
			min: lo,
			max: hi
		};
	};
	const byCohort: Percentiles[] = [];
	for (let k = 0; k < cohorts; k++) byCohort.push(result(k));
	return { all: result(all), byCohort };
}

function pushMembers(members: number[][], at: number, m: number, i: number): void {
	if (m & 1) (members[at] as number[]).push(i);
	if (m & 2) (members[at + 1] as number[]).push(i);
	if (m & 4) (members[at + 2] as number[]).push(i);
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

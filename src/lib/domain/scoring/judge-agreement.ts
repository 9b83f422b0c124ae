/**
 * How far a panel agreed (S33, S34). An organizer reviewing a match wants to know whether the
 * judges saw the same ranking (Kendall's W) and which sheet stands out from the panel.
 */

/** Midranks (1 = lowest) of `values`; tied values share the mean of the ranks they occupy. */
export function midranks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
	const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
	const ranks = new Array<number>(values.length).fill(0);
	const tieGroups: number[] = [];
	let k = 0;
	while (k < order.length) {
		let e = k;
		while (e + 1 < order.length && Math.abs((order[e + 1]?.v ?? 0) - (order[k]?.v ?? 0)) < 1e-9)
			e++;
		const r = (k + 1 + e + 1) / 2;
		for (let x = k; x <= e; x++) ranks[order[x]?.i ?? 0] = r;
		if (e > k) tieGroups.push(e - k + 1);
		k = e + 1;
	}
	return { ranks, tieGroups };
}

/**
 * Kendall's coefficient of concordance W with tie correction (S33), for m judges (rows) each
 * scoring the same n items (columns):
 *   W = 12·S / (m²(n³ − n) − m·ΣT),  S = Σᵢ (Rᵢ − m(n+1)/2)²,  T = Σ over a judge's tie groups (t³ − t)
 * where Rᵢ is item i's rank sum. 1 = every judge ranked the items the same way, 0 = no agreement.
 * `null` when fewer than 2 judges or 2 items, or when every judge tied every item (W undefined).
 */
export function kendallW(scores: readonly (readonly number[])[]): number | null {
	const m = scores.length;
	const n = scores[0]?.length ?? 0;
	if (m < 2 || n < 2 || scores.some((r) => r.length !== n)) return null;
	const rankSums = new Array<number>(n).fill(0);
	let tieSum = 0;
	for (const row of scores) {
		const { ranks, tieGroups } = midranks(row);
		ranks.forEach((r, i) => (rankSums[i] = (rankSums[i] ?? 0) + r));
		for (const t of tieGroups) tieSum += t * t * t - t;
	}
	const meanSum = (m * (n + 1)) / 2;
	let s = 0;
	for (const r of rankSums) s += (r - meanSum) ** 2;
	const denom = m * m * (n * n * n - n) - m * tieSum;
	if (denom <= 1e-12) return null;
	return (12 * s) / denom;
}

export interface JudgeDeviation {
	judgeId: string;
	itemId: string;
	score: number;
	panelMean: number;
	/** score − panel mean, in rubric points. */
	deviation: number;
	/** |deviation| ≥ threshold (S34). */
	isOutlier: boolean;
}

/**
 * Each judge's deviation from the panel mean for every item they scored (S34), flagged when at
 * least `threshold` rubric points (default 10 on the 0–100 scale) away, so an organizer can open
 * that sheet and check for a slip of the pen before results are published.
 */
export function judgeDeviations(
	scores: readonly { judgeId: string; itemId: string; score: number }[],
	threshold = 10
): JudgeDeviation[] {
	const byItem = new Map<string, number[]>();
	for (const s of scores) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s.score]);
	return scores.map((s) => {
		const vals = byItem.get(s.itemId) ?? [s.score];
		const panelMean = vals.reduce((a, b) => a + b, 0) / vals.length;
		const deviation = s.score - panelMean;
		return { ...s, panelMean, deviation, isOutlier: Math.abs(deviation) >= threshold - 1e-9 };
	});
}

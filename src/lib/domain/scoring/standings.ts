/**
 * Final scores, rankings with a tie-break order declared in advance, and prize bands (S11–S19).
 * Everything here is about ordering numbers fairly and reproducibly; where the numbers come from
 * (sheets, outcomes) is event-export.ts's job.
 *
 * Example: `rankEntries(teams, ['total', 'outcome', 'rubric', 'lot'], 20260501)`.
 */
import { z } from 'zod';
import { mulberry32, shuffled } from './prng.ts';

/** Published weights (S11); normalised by their sum so 70/30 and 0.7/0.3 mean the same. */
export const WeightsSchema = z
	.object({ rubric: z.number().min(0), outcome: z.number().min(0) })
	.refine((w) => w.rubric + w.outcome > 0, { message: 'weights must not both be 0' });
export type Weights = z.infer<typeof WeightsSchema>;

/** final = (w_rubric × rubric + w_outcome × outcome) / (w_rubric + w_outcome), both on 0–100 (S11). */
export function finalScore(weights: Weights, rubric: number, outcome: number): number {
	return (weights.rubric * rubric + weights.outcome * outcome) / (weights.rubric + weights.outcome);
}

export const TieBreakKeySchema = z.enum(['total', 'outcome', 'rubric', 'lot']);
export type TieBreakKey = z.infer<typeof TieBreakKeySchema>;
export const DEFAULT_TIE_BREAK: TieBreakKey[] = ['total', 'outcome', 'rubric', 'lot'];

export const PrizeBandsSchema = z.discriminatedUnion('mode', [
	z.object({
		mode: z.literal('count'),
		bands: z.array(z.object({ label: z.string().min(1), count: z.number().int().min(0) })).min(1)
	}),
	z.object({
		mode: z.literal('share'),
		bands: z.array(z.object({ label: z.string().min(1), share: z.number().min(0).max(1) })).min(1)
	})
]);
export type PrizeBands = z.infer<typeof PrizeBandsSchema>;

export const DEFAULT_PRIZES: PrizeBands = {
	mode: 'share',
	bands: [
		{ label: '一等奖', share: 0.1 },
		{ label: '二等奖', share: 0.2 },
		{ label: '三等奖', share: 0.3 }
	]
};

export interface Rankable {
	id: string;
	/** Values for the tie-break keys other than `lot`. */
	values: Partial<Record<Exclude<TieBreakKey, 'lot'>, number>>;
}

export interface RankedEntry<T extends Rankable> {
	entry: T;
	/** 1-based, strict: lots leave no shared ranks. */
	rank: number;
	/** The key that put this entry below the one ranked just above it; null for rank 1. */
	decidedBy: TieBreakKey | null;
	/** Position in the drawn lot order, when the lot was needed for this entry. */
	lot?: number;
}

export interface RankingResult<T extends Rankable> {
	ranked: RankedEntry<T>[];
	seed: number;
	/** One line per tied group that needed the lot, naming the seed and the drawn order. */
	lotLog: string[];
}

// Scores are compared at 1e-6: two totals that are equal by hand must not differ by float noise.
const key6 = (x: number | undefined) => Math.round((x ?? 0) * 1e6);

/**
 * Rank entries, highest first, by the keys in order (S12–S16). `lot` is appended when missing, so
 * the order is always strict. The lot is drawn once per call: entries sorted by id are shuffled
 * with mulberry32(seed), and a tie is broken by that drawn order. The same seed and the same
 * entries always give the same order, whatever order the entries arrive in.
 */
export function rankEntries<T extends Rankable>(
	entries: readonly T[],
	order: readonly TieBreakKey[],
	seed: number
): RankingResult<T> {
	const keys = order.includes('lot') ? order.slice(0, order.indexOf('lot')) : [...order];
	const scoreKeys = keys.filter((k): k is Exclude<TieBreakKey, 'lot'> => k !== 'lot');
	const drawn = shuffled(
		[...entries].map((e) => e.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
		mulberry32(seed)
	);
	const lotOf = new Map(drawn.map((id, i) => [id, i + 1]));
	const sorted = [...entries].sort((a, b) => {
		for (const k of scoreKeys) {
			const d = key6(b.values[k]) - key6(a.values[k]);
			if (d !== 0) return d;
		}
		return (lotOf.get(a.id) ?? 0) - (lotOf.get(b.id) ?? 0);
	});
	const ranked: RankedEntry<T>[] = [];
	const lotLog: string[] = [];
	let group: T[] = [];
	const flush = () => {
		if (group.length > 1) {
			const vals = scoreKeys.map((k) => `${k} ${(group[0]?.values[k] ?? 0).toFixed(2)}`).join(', ');
			lotLog.push(
				`lot (seed ${seed}) between ${group.map((g) => g.id).join(', ')}${vals ? ` (tied on ${vals})` : ''}: order ${group.map((g) => g.id).join(' > ')}`
			);
		}
		group = [];
	};
	sorted.forEach((e, i) => {
		const prev = sorted[i - 1];
		let decidedBy: TieBreakKey | null = null;
		if (prev) {
			decidedBy = 'lot';
			for (const k of scoreKeys) {
				if (key6(prev.values[k]) !== key6(e.values[k])) {
					decidedBy = k;
					break;
				}
			}
		}
		if (decidedBy !== 'lot') flush();
		group.push(e);
		const r: RankedEntry<T> = { entry: e, rank: i + 1, decidedBy };
		ranked.push(r);
		if (decidedBy === 'lot') {
			const prevRanked = ranked[i - 1];
			if (prevRanked) prevRanked.lot = lotOf.get(prevRanked.entry.id);
			r.lot = lotOf.get(e.id);
		}
	});
	flush();
	return { ranked, seed, lotLog };
}

/**
 * How many entries each band gets (S17, S18). `count`: as stated, in order, until entries run
 * out. `share`: the cumulative share × n rounded half up gives the last rank of each band, so
 * rounding errors do not pile up across bands (10%/20%/30% of 7 → 1, 1, 2).
 */
export function bandSizes(bands: PrizeBands, n: number): { label: string; count: number }[] {
	const out: { label: string; count: number }[] = [];
	let used = 0;
	if (bands.mode === 'count') {
		for (const b of bands.bands) {
			const c = Math.max(0, Math.min(b.count, n - used));
			out.push({ label: b.label, count: c });
			used += c;
		}
		return out;
	}
	let cum = 0;
	for (const b of bands.bands) {
		cum += b.share;
		const upto = Math.min(n, Math.floor(cum * n + 0.5 + 1e-9));
		const c = Math.max(0, upto - used);
		out.push({ label: b.label, count: c });
		used += c;
	}
	return out;
}

/** Prize label for each rank position 0..n-1, null beyond the last band (S17). */
export function assignPrizes(bands: PrizeBands, n: number): (string | null)[] {
	const out: (string | null)[] = [];
	for (const b of bandSizes(bands, n)) for (let i = 0; i < b.count; i++) out.push(b.label);
	while (out.length < n) out.push(null);
	return out.slice(0, n);
}

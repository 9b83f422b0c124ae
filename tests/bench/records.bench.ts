/**
 * `npm run bench -- records`: median time of a full cost report for the food-delivery case with
 * its population kept as 100,000 individual records (segments of headcount 1, one pattern,
 * productivity and days value each, in three cohorts), as the spreadsheet import's "keep
 * individual records" mode builds it. Goal (issue 13): ≤ 10 ms median, so the table still
 * recomputes on every keystroke. Prints one JSON line.
 */
import { loadFile } from '../../server/scenario-files.ts';
import { cost, type ResolvedScenario, type TermValues } from '../../src/lib/domain/index.ts';
import { scenarioSchema } from '../../src/lib/domain/scenario.ts';

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Deterministic pseudo-random numbers so every run measures the same population. */
function rng(seed: number) {
	let x = seed >>> 0;
	return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const COHORTS = [
	{ cohort: 'zs', name: '专送', status: 'full-time' },
	{ cohort: 'zb', name: '众包', status: 'platform' },
	{ cohort: 'pt', name: '兼职', status: 'part-time' }
] as const;

/** The case with `n` individual records in place of its population. */
export function records(base: ResolvedScenario, n: number): ResolvedScenario {
	const r = rng(13);
	const segments = Array.from({ length: n }, (_, i) => {
		const c = COHORTS[i % 3]!;
		return {
			id: `r${i}`,
			name: c.name,
			headcount: 1,
			status: c.status,
			cohort: c.cohort,
			patterns: [
				{
					id: 'h',
					name: '记录',
					share: 1,
					hours: {
						peak: 1 + Math.floor(r() * 4),
						shoulder: Math.floor(r() * 5),
						off_peak: Math.floor(r() * 4),
						night: r() < 0.1 ? 2 : 0
					}
				}
			],
			productivity: [{ multiplier: 0.6 + Math.floor(r() * 10) * 0.08, share: 1 }],
			daysPerMonth: [{ days: 3 + Math.floor(r() * 10) * 3, share: 1 }]
		};
	});
	const { workforce: _w, population: _p, ...rest } = base.pieceRate!;
	const { rules, ...input } = base;
	const parsed = scenarioSchema.parse({ ...input, pieceRate: { ...rest, segments } });
	return { ...parsed, rules };
}

export async function run(args: string[]): Promise<void> {
	const n = Number(args[0] ?? 100_000);
	const loaded = loadFile('scenarios/s2-qianhu-food-delivery.yaml');
	if (!loaded.ok || loaded.kind !== 'scenario') throw new Error('s2 does not load');
	const t0 = performance.now();
	const s = records(loaded.value as ResolvedScenario, n);
	const buildMs = performance.now() - t0;
	const terms: TermValues = { upliftPerOrder: 0.8, peakSurcharge: 1.5, hourlyGuarantee: 24 };
	console.error(`bench records: ${n} individual records`);
	for (let i = 0; i < 10; i++) cost(s, terms);
	const t: number[] = [];
	for (let i = 0; i < 100; i++) {
		const a = performance.now();
		cost(s, terms);
		t.push(performance.now() - a);
	}
	console.log(
		JSON.stringify({
			bench: 'records',
			records: n,
			unit: 'ms (median)',
			costReport: Math.round(median(t) * 1000) / 1000,
			parseRecords: Math.round(buildMs)
		})
	);
}

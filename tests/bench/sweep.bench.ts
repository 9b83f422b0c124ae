/**
 * `npm run bench -- sweep`: time of a 100-step sweep of the per-order uplift over the
 * food-delivery case with a 100,000-rider population (the cost bench's 2,000-cell population),
 * with goal seeking, and of a 20 × 20 heat map (uplift × hourly guarantee). Goal (issue 14):
 * the sweep under 200 ms, so a slider can drive it. Wall-clock medians of 5 runs on a shared
 * machine vary several-fold with load. Prints one JSON line.
 */
import { loadFile } from '../../server/scenario-files.ts';
import type { ResolvedScenario } from '../../src/lib/domain/index.ts';
import { parseTarget, seekGoal, sweep, sweepGrid } from '../../src/lib/domain/sweep/index.ts';
import { population } from './cost.bench.ts';

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(f: () => unknown, runs: number): number {
	f();
	const t: number[] = [];
	for (let i = 0; i < runs; i++) {
		const a = performance.now();
		f();
		t.push(performance.now() - a);
	}
	return Math.round(median(t) * 10) / 10;
}

export async function run(_args: string[]): Promise<void> {
	const loaded = loadFile('scenarios/s2-qianhu-food-delivery.yaml');
	if (!loaded.ok || loaded.kind !== 'scenario') throw new Error('s2 does not load');
	const s = population(loaded.value as ResolvedScenario);
	const target = parseTarget('shareBelowHourlyMinimum<=0.2')!;
	console.error('bench sweep: 100 steps over 100,000 riders');
	let answer: number | null = null;
	const sweepMs = time(() => {
		const rows = sweep(s, {}, 'upliftPerOrder', { from: 0, to: 2.97, step: 0.03 });
		answer = seekGoal(rows, target).answer?.value ?? null;
	}, 5);
	console.error('bench sweep: 20 × 20 heat map');
	const gridMs = time(
		() =>
			sweepGrid(
				s,
				{},
				{ term: 'upliftPerOrder', range: { from: 0, to: 1.9, step: 0.1 } },
				{ term: 'hourlyGuarantee', range: { from: 20, to: 29.5, step: 0.5 } }
			),
		3
	);
	console.log(
		JSON.stringify({
			bench: 'sweep',
			riders: 100_000,
			unit: 'ms (median)',
			sweep100Steps: sweepMs,
			heatMap20x20: gridMs,
			answer
		})
	);
}

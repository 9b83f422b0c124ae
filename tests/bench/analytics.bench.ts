/**
 * Frontier benchmark: median time of `paretoFrontier` on random additive agendas of 8, 10 and 12
 * terms × 10 options (integer points 0–100 per side, seeded so runs are comparable). Prints one
 * JSON line. `npm run bench -- analytics [--runs N] [--seed S]`.
 */
import { performance } from 'node:perf_hooks';
import { paretoFrontier } from '../../src/lib/domain/scoring/analytics.ts';
import type { Agenda } from '../../src/lib/domain/scoring/points.ts';
import { mulberry32 } from '../../src/lib/domain/scoring/prng.ts';

function randomAgenda(terms: number, options: number, seed: number): Agenda {
	const rand = mulberry32(seed);
	const pts = () => Math.floor(rand() * 101);
	return {
		terms: Array.from({ length: terms }, (_, t) => ({
			id: `t${t}`,
			options: Array.from({ length: options }, (_, o) => ({
				value: o,
				labour: pts(),
				management: pts()
			}))
		}))
	};
}

function arg(args: string[], name: string, fallback: number): number {
	const i = args.indexOf(name);
	const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
	return Number.isFinite(v) ? v : fallback;
}

export async function run(args: string[]): Promise<void> {
	const runs = arg(args, '--runs', 15);
	const seed = arg(args, '--seed', 20260501);
	const result: Record<string, unknown> = { bench: 'analytics', options: 10, runs, seed };
	for (const terms of [8, 10, 12]) {
		const times: number[] = [];
		let size = 0;
		for (let r = 0; r < runs; r++) {
			const agenda = randomAgenda(terms, 10, seed + r);
			const t0 = performance.now();
			size = paretoFrontier(agenda).length;
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		const mid = Math.floor(times.length / 2);
		const median =
			times.length % 2
				? (times[mid] as number)
				: ((times[mid - 1] as number) + (times[mid] as number)) / 2;
		result[`frontierMedianMs_${terms}x10`] = Math.round(median * 1000) / 1000;
		result[`frontierSize_${terms}x10`] = size;
		process.stderr.write(
			`${terms}×10: median ${median.toFixed(3)} ms, frontier ${size} points (last run)\n`
		);
	}
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Runs a heat map (G7) in a Web Worker when the browser has one, else on this thread, reporting
 * each finished row so the page shows progress. A newer run supersedes an older one: its rows
 * are ignored, and a stopped worker is replaced.
 */
import {
	sweepGrid,
	sweepValues,
	type ResolvedScenario,
	type SweepRange,
	type SweepRow,
	type TermValues
} from '$lib/domain/index.ts';

export interface HeatmapAxis {
	term: string;
	range: SweepRange;
}

export interface HeatmapRequest {
	runId: number;
	scenario: ResolvedScenario;
	base: TermValues;
	x: HeatmapAxis;
	y: HeatmapAxis;
}

export type HeatmapReply =
	| { runId: number; kind: 'row'; iy: number; total: number; cells: SweepRow[] }
	| { runId: number; kind: 'done' }
	| { runId: number; kind: 'error' };

export interface HeatmapRun {
	cancel(): void;
}

let worker: Worker | null = null;
let runs = 0;

export function runHeatmap(
	req: Omit<HeatmapRequest, 'runId'>,
	onReply: (r: HeatmapReply) => void
): HeatmapRun {
	const runId = ++runs;
	if (typeof Worker === 'undefined') {
		// No worker (an old browser): the same rows, on this thread, one per task so the page repaints.
		const ys = sweepValues(req.y.range);
		let stopped = false;
		const step = (iy: number) => {
			if (stopped) return;
			if (iy >= ys.length) return onReply({ runId, kind: 'done' });
			const vy = ys[iy] as number;
			const g = sweepGrid(req.scenario, req.base, req.x, {
				term: req.y.term,
				range: { from: vy, to: vy, step: 1 }
			});
			if (!g) return onReply({ runId, kind: 'error' });
			onReply({ runId, kind: 'row', iy, total: ys.length, cells: g.cells[0] ?? [] });
			setTimeout(() => step(iy + 1), 0);
		};
		setTimeout(() => step(0), 0);
		return { cancel: () => (stopped = true) };
	}
	worker ??= new Worker(new URL('./heatmap.worker.ts', import.meta.url), { type: 'module' });
	const w = worker;
	const listen = (e: MessageEvent<HeatmapReply>) => {
		if (e.data.runId !== runId) return;
		onReply(e.data);
		if (e.data.kind !== 'row') w.removeEventListener('message', listen);
	};
	w.addEventListener('message', listen);
	w.postMessage({ ...req, runId } satisfies HeatmapRequest);
	return {
		cancel() {
			w.removeEventListener('message', listen);
			// The worker is busy with rows nobody wants: stop it; the next run starts a fresh one.
			w.terminate();
			if (worker === w) worker = null;
		}
	};
}

/**
 * Prices a heat map (G7) off the page's thread: 400 cells of the food-delivery case take about half
 * a second, long enough to freeze typing. Row by row (one y value at a time, through the engine's
 * own `sweepGrid`), posting each row as it is done so the page can show progress and draw early.
 */
import { sweepGrid, sweepValues } from '$lib/domain/index.ts';
import type { HeatmapRequest, HeatmapReply } from './heatmap-run.ts';

const post = (m: HeatmapReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<HeatmapRequest>) => {
	const { runId, scenario, base, x, y } = e.data;
	try {
		const ys = sweepValues(y.range);
		ys.forEach((vy, iy) => {
			const g = sweepGrid(scenario, base, x, {
				term: y.term,
				range: { from: vy, to: vy, step: 1 }
			});
			if (!g) throw new Error('term');
			post({ runId, kind: 'row', iy, total: ys.length, cells: g.cells[0] ?? [] });
		});
		post({ runId, kind: 'done' });
	} catch {
		post({ runId, kind: 'error' });
	}
};

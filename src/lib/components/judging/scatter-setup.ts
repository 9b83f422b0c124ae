/**
 * chart.js with only what the Pareto frontier plot uses (tree-shaken registration). Imported
 * dynamically from `FrontierChart`'s onMount, so chart.js is in no route's initial bundle, as
 * the cost charts do (`../cost/chart-setup.ts`).
 */
import {
	Chart,
	Legend,
	LinearScale,
	LineElement,
	PointElement,
	ScatterController,
	Tooltip
} from 'chart.js';

Chart.register(ScatterController, PointElement, LineElement, LinearScale, Tooltip, Legend);

export { Chart };

/** The app palette: the frontier in slate, the outcome in the app's red, Nash in teal. */
export const FRONTIER_COLOR = '#64748b';
export const OUTCOME_COLOR = '#b91c1c';
export const NASH_COLOR = '#0f766e';
export const RESERVATION_COLOR = '#a16207';

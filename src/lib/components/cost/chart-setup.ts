/**
 * chart.js with only what our bar charts use (tree-shaken registration). Imported dynamically
 * from the chart components' onMount, so chart.js is in no route's initial bundle.
 * `Colors` is registered so a dataset without explicit colours does not come out grey.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Colors,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, Colors);
// The proposal workspace's sweeps draw lines (a result over a range of one term).
Chart.register(LineController, LineElement, PointElement);

export { Chart };

/** The app palette: current in slate, proposed in the app's red. */
export const CURRENT_COLOR = '#94a3b8';
export const PROPOSED_COLOR = '#b91c1c';
export const MINIMUM_COLOR = '#0f766e';

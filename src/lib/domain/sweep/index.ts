/** Sweeps, goal seeking and heat maps over the cost engine (G1–G9 in ../SPEC.md). */
export {
	meets,
	parseTarget,
	resolveSweepTerm,
	rowOf,
	seekGoal,
	sweep,
	sweepGrid,
	sweepValues
} from './sweep.ts';
export type {
	EmployerRow,
	GoalAnswer,
	NumericMetric,
	SweepGrid,
	SweepRange,
	SweepRow,
	SweepTerm,
	Target
} from './sweep.ts';
export { compareVersions } from './compare.ts';
export type { Comparison, VersionTermDiff } from './compare.ts';

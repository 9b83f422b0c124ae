/**
 * Sweeps and goal seeking (G1–G9 in SPEC.md). A union drafting a piece-rate proposal asks
 * "which per-order rate keeps 90 % of riders at or above the hourly minimum wage, and what does
 * it cost each platform?": a sweep prices one numeric term over a range, one result row per
 * value, with the same `cost` the table uses; goal seeking reads the rows for the least (or
 * greatest) value that meets a target; a two-term sweep is a heat-map grid.
 *
 * @example
 *   const rows = sweep(s2, {}, 'upliftPerOrder', { from: 0, to: 2, step: 0.1 });
 *   const g = seekGoal(rows, parseTarget('shareBelowHourlyMinimum<=0.1'));
 *   g.answer?.value; // the least uplift meeting the target, or null
 */
import { cost, type CostOptions, type CostReport } from '../cost.ts';
import { getPath, setPath } from '../paths.ts';
import type { ResolvedScenario, TermValues } from '../scenario.ts';

/** What a sweep moves: a term id, a table term's cell (`termId.cellKey`) or a model path. */
export type SweepTerm =
	| { kind: 'term'; termId: string }
	| { kind: 'cell'; termId: string; cell: string }
	| { kind: 'path'; path: string };

export interface SweepRange {
	from: number;
	to: number;
	step: number;
}

export interface EmployerRow {
	id: string;
	name: string;
	/** Employer's monthly cost delta against the current terms (yuan). */
	monthlyCostDelta: number;
	monthlyCostDeltaShare: number;
	shareBelowHourlyMinimum: number;
}

/** One value of a sweep (G2): yuan and shares, as `xs sweep --json` prints them. */
export interface SweepRow {
	value: number;
	/** Share of piece-rate workers below the hourly minimum on the case's working time (P6). */
	shareBelowHourlyMinimum: number;
	/** The same on each working-time definition (P42). */
	shareBelowHourlyMinimumOnlineTime: number;
	shareBelowHourlyMinimumOrderPlusAllowance: number;
	/** Monthly employer cost delta against the current terms, yuan (C15). */
	monthlyCostDelta: number;
	/** The delta as a share of the current monthly employer cost. */
	monthlyCostDeltaShare: number;
	monthlyEmployerCost: number;
	/** Hourly earnings P10 / P50 (yuan), monthly guarantee top-up (yuan). */
	hourlyP10: number;
	hourlyP50: number;
	topUp: number;
	/** Findings of severity violation under these terms. */
	violations: number;
	/** Per employer, where the case names several (P60). */
	employers?: EmployerRow[];
}

/** G20: what a row reads, and no more: the distributions a row does not show are skipped. */
const ROW_ONLY: CostOptions = { distributions: false };

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const y = (fen: number) => Math.round(fen) / 100;
/** Grid values without binary noise: 12 significant digits (as N5 prints numbers). */
const clean = (x: number) => Number(x.toPrecision(12));

/** G1: the values of a range, from `from` to `to` inclusive in steps of `step`. */
export function sweepValues(r: SweepRange): number[] {
	if (!(r.step > 0) || !Number.isFinite(r.from) || !Number.isFinite(r.to) || r.to < r.from)
		return [];
	const n = Math.floor((r.to - r.from) / r.step + 1e-9);
	return Array.from({ length: n + 1 }, (_, i) => clean(r.from + i * r.step));
}

/**
 * G1: reads `TERM` as a CLI or UI names it: a term id; `termId.cell` for a cell of a table term;
 * otherwise a dotted model path holding a number (`rules.minimumWage.hourlyYuan`,
 * `pieceRate.floorYuan`). Returns null when it names nothing numeric.
 */
export function resolveSweepTerm(s: ResolvedScenario, name: string): SweepTerm | null {
	const term = s.terms.find((t) => t.id === name);
	if (term)
		return term.kind === 'number' || term.kind === 'cell' ? { kind: 'term', termId: name } : null;
	const dot = name.indexOf('.');
	if (dot > 0) {
		const t = s.terms.find((x) => x.id === name.slice(0, dot));
		if (t?.kind === 'table') return { kind: 'cell', termId: t.id, cell: name.slice(dot + 1) };
	}
	const found = getPath(s, name);
	return found.ok && typeof found.value === 'number' ? { kind: 'path', path: name } : null;
}

/** The scenario and terms with `term` at `value` (a path changes the model itself). */
function at(
	s: ResolvedScenario,
	base: TermValues,
	term: SweepTerm,
	value: number
): { s: ResolvedScenario; terms: TermValues } {
	if (term.kind === 'term') return { s, terms: { ...base, [term.termId]: value } };
	if (term.kind === 'cell') {
		const t = s.terms.find((x) => x.id === term.termId);
		const cur = (base[term.termId] ?? (t?.current as Record<string, number>)) as Record<
			string,
			number
		>;
		return { s, terms: { ...base, [term.termId]: { ...cur, [term.cell]: value } } };
	}
	return { s: setPath(s, term.path, value), terms: base };
}

/**
 * G2: the row a cost report gives. It reads the piece-rate state's hourly distribution of
 * everyone and no other distribution, so sweeps price with `{ distributions: false }` (G20);
 * a field read here from another distribution would need them back.
 */
export function rowOf(value: number, r: CostReport): SweepRow {
	const pr = r.pieceRate?.proposed;
	const cur = r.monthly.current.employerCostFen;
	const row: SweepRow = {
		value,
		shareBelowHourlyMinimum: r4(pr?.shareBelowHourlyMinimum ?? 0),
		shareBelowHourlyMinimumOnlineTime: r4(pr?.shareBelowHourlyMinimumByBasis.online_time ?? 0),
		shareBelowHourlyMinimumOrderPlusAllowance: r4(
			pr?.shareBelowHourlyMinimumByBasis.order_plus_allowance ?? 0
		),
		monthlyCostDelta: y(r.monthly.deltaEmployerCostFen),
		monthlyCostDeltaShare: r4(cur !== 0 ? r.monthly.deltaEmployerCostFen / cur : 0),
		monthlyEmployerCost: y(r.monthly.proposed.employerCostFen),
		hourlyP10: y(pr?.hourlyFen.p10 ?? 0),
		hourlyP50: y(pr?.hourlyFen.p50 ?? 0),
		topUp: y(pr?.topUpFen ?? 0),
		violations: r.findings.filter((f) => f.severity === 'violation').length
	};
	const emp = r.pieceRate?.employers;
	if (emp && emp.length > 1)
		row.employers = emp.map((e) => ({
			id: e.id,
			name: e.name,
			monthlyCostDelta: y(e.proposed.employerCostFen - e.current.employerCostFen),
			monthlyCostDeltaShare: r4(
				e.current.employerCostFen !== 0
					? (e.proposed.employerCostFen - e.current.employerCostFen) / e.current.employerCostFen
					: 0
			),
			shareBelowHourlyMinimum: r4(e.proposed.shareBelowHourlyMinimum)
		}));
	return row;
}

/**
 * G2: prices `term` at every value of `range` on top of `base` (a version's terms; only those
 * that differ from current need be given), one row per value, each against the current terms.
 */
export function sweep(
	s: ResolvedScenario,
	base: TermValues,
	term: SweepTerm | string,
	range: SweepRange
): SweepRow[] {
	const t = typeof term === 'string' ? resolveSweepTerm(s, term) : term;
	if (!t) return [];
	return sweepValues(range).map((v) => {
		const x = at(s, base, t, v);
		return rowOf(v, cost(x.s, x.terms, ROW_ONLY));
	});
}

/** A goal: `metric op bound`, e.g. `shareBelowHourlyMinimum<=0.1` (G3). */
export interface Target {
	metric: NumericMetric;
	op: '<=' | '<' | '>=' | '>';
	bound: number;
	/** An employer's figure instead of the total (`monthlyCostDeltaShare@meituan<=0.03`). */
	employer?: string;
}

export type NumericMetric = Exclude<keyof SweepRow, 'employers'>;
const METRICS: readonly NumericMetric[] = [
	'value',
	'shareBelowHourlyMinimum',
	'shareBelowHourlyMinimumOnlineTime',
	'shareBelowHourlyMinimumOrderPlusAllowance',
	'monthlyCostDelta',
	'monthlyCostDeltaShare',
	'monthlyEmployerCost',
	'hourlyP10',
	'hourlyP50',
	'topUp',
	'violations'
];

/** G3: parses `metric[@employer] op number`; null when it is not one. */
export function parseTarget(text: string): Target | null {
	const m =
		/^\s*([A-Za-z0-9]+)(?:@([A-Za-z][A-Za-z0-9_-]*))?\s*(<=|>=|<|>)\s*(-?[0-9.]+(?:e-?\d+)?)\s*$/.exec(
			text
		);
	if (!m) return null;
	const metric = m[1] as NumericMetric;
	const bound = Number(m[4]);
	if (!METRICS.includes(metric) || !Number.isFinite(bound)) return null;
	return {
		metric,
		op: m[3] as Target['op'],
		bound,
		...(m[2] ? { employer: m[2] } : {})
	};
}

/** G3: whether a row meets the target (an employer's figure where the target names one). */
export function meets(row: SweepRow, t: Target): boolean {
	let x: number | undefined;
	if (t.employer) {
		const e = row.employers?.find((r) => r.id === t.employer);
		x = e && t.metric in e ? (e[t.metric as keyof EmployerRow] as number) : undefined;
	} else x = row[t.metric];
	if (x === undefined) return false;
	const eps = 1e-12;
	switch (t.op) {
		case '<=':
			return x <= t.bound + eps;
		case '<':
			return x < t.bound - eps;
		case '>=':
			return x >= t.bound - eps;
		case '>':
			return x > t.bound + eps;
	}
}

export interface GoalAnswer {
	/** The least (or greatest) value meeting the target, with its row; null when none does. */
	answer: SweepRow | null;
	/** The neighbouring step that misses: below the answer (least) or above it (greatest). */
	missedAt: SweepRow | null;
	/** False when meets and misses alternate more than once along the range (G5). */
	isMonotone: boolean;
	/** Every run of consecutive values meeting the target, in order (G5). */
	meetingRanges: { from: number; to: number }[];
}

/**
 * G4–G6: the least (`direction: 'least'`) or greatest value whose row meets the target. The
 * answer is read off the grid, never interpolated. Non-monotone results are not smoothed: the
 * answer is still the least (greatest) meeting value, `isMonotone` is false and
 * `meetingRanges` shows where higher (lower) values miss again.
 */
export function seekGoal(
	rows: readonly SweepRow[],
	target: Target,
	direction: 'least' | 'greatest' = 'least'
): GoalAnswer {
	const ok = rows.map((r) => meets(r, target));
	const meetingRanges: GoalAnswer['meetingRanges'] = [];
	ok.forEach((m, i) => {
		if (!m) return;
		const last = meetingRanges[meetingRanges.length - 1];
		if (last && ok[i - 1]) last.to = (rows[i] as SweepRow).value;
		else meetingRanges.push({ from: (rows[i] as SweepRow).value, to: (rows[i] as SweepRow).value });
	});
	let switches = 0;
	for (let i = 1; i < ok.length; i++) if (ok[i] !== ok[i - 1]) switches++;
	const i = direction === 'least' ? ok.indexOf(true) : ok.lastIndexOf(true);
	const answer = i >= 0 ? (rows[i] as SweepRow) : null;
	const j = direction === 'least' ? i - 1 : i + 1;
	const missedAt = i >= 0 && j >= 0 && j < rows.length ? (rows[j] as SweepRow) : null;
	return { answer, missedAt, isMonotone: switches <= 1, meetingRanges };
}

/** G7: a two-term sweep as a heat map: `cells[iy][ix]` is the row at (xs[ix], ys[iy]). */
export interface SweepGrid {
	x: { term: string; values: number[] };
	y: { term: string; values: number[] };
	cells: SweepRow[][];
}

export function sweepGrid(
	s: ResolvedScenario,
	base: TermValues,
	x: { term: string; range: SweepRange },
	yAxis: { term: string; range: SweepRange }
): SweepGrid | null {
	const tx = resolveSweepTerm(s, x.term);
	const ty = resolveSweepTerm(s, yAxis.term);
	if (!tx || !ty) return null;
	const xs = sweepValues(x.range);
	const ys = sweepValues(yAxis.range);
	const cells = ys.map((vy) => {
		const row = at(s, base, ty, vy);
		return xs.map((vx) => {
			const p = at(row.s, row.terms, tx, vx);
			return rowOf(vx, cost(p.s, p.terms, ROW_ONLY));
		});
	});
	return { x: { term: x.term, values: xs }, y: { term: yAxis.term, values: ys }, cells };
}

/**
 * Piece-rate costing (计件) for platform and delivery workers: what a rate table pays per unit,
 * per day and per hour of working time across a worker population described by distributions,
 * what a guarantee tops up, and what the payer spends. Rules P1–P9 in SPEC.md.
 */
import { CITATIONS } from './citations.ts';
import { floorFinding, quotaFinding } from './enterprise.ts';
import { finding, type Finding } from './findings.ts';
import { payslipFen as moneyPayslipFen, roundFen as moneyRoundFen, yuanToFen } from './money.ts';
import type { Rules } from './payroll.ts';
import {
	Cells,
	percentilesByCohort,
	weightedPercentiles,
	type Percentiles
} from './percentiles.ts';
import { pieceSegments, type PieceSegment, type SegmentedPopulation } from './population.ts';
import type { PieceRate, ResolvedScenario } from './scenario.ts';

export type { Percentiles } from './percentiles.ts';

// Module-local bindings: called per cell of 100,000 records, where a cross-module export getter
// on every call is measurable (cost.ts does the same).
const payslipFen = moneyPayslipFen;
const roundFen = moneyRoundFen;

/** One worker's day (the reference worker, or any population cell). */
export interface WorkerDay {
	onlineHours: number;
	/** Working time under the agreed definition (P4). */
	workingHours: number;
	unitsPerDay: number;
	/** Piece earnings before any guarantee (P2–P3), fen, rounded for display. */
	grossFen: number;
	/** Hourly-guarantee top-up (P5), fen, rounded for display. */
	topUpFen: number;
	/** The day's pay, rounded for display; the month's payslip is rounded from `exactPayFen`. */
	payFen: number;
	/** The day's pay, exact (P3: never rounded per day or per unit before the month). */
	exactPayFen: number;
	/** Piece earnings before any guarantee, exact. */
	exactGrossFen: number;
	/** payFen / workingHours, fen per hour. */
	hourlyFen: number;
	/** grossFen / workingHours, fen per hour. */
	grossHourlyFen: number;
}

export interface PieceRateState {
	headcount: number;
	/** Mean rate per unit incl. floor, uplift and surcharges, fen (not rounded). */
	meanRatePerUnitFen: number;
	reference: WorkerDay & { days: number; monthlyFen: number };
	/** Distributions over workers (weights = headcount shares), in fen. */
	hourlyFen: Percentiles;
	dailyFen: Percentiles;
	monthlyFen: Percentiles;
	perUnitFen: Percentiles;
	/** Counted toward the minimum wage for the least-paid worker (pay for standard hours, C10), fen. */
	lowestCountedFen: number;
	meanMonthlyFen: number;
	shareBelowHourlyMinimum: number;
	shareBelowHourlyMinimumBeforeTopUp: number;
	/** P42: the share below the hourly minimum under each working-time definition. */
	shareBelowHourlyMinimumByBasis: { online_time: number; order_plus_allowance: number };
	wageBillFen: number;
	topUpFen: number;
	unitsPerMonth: number;
	perUnitCostsFen: number;
	onCostsFen: number;
	/** Payer's monthly cost (P7). */
	employerCostFen: number;
	/** The taker's (platform's or service provider's) monthly share after any cap (P64), fen. */
	commissionFen: number;
	/** Online hours lost to forced rests a month, all workers (P65). */
	lostOnlineHoursPerMonth: number;
	/** Fees deducted for late units a month (P67), fen. */
	lateDeductionsFen: number;
	/** One-off payments in the contract year: Σ headcount × yuan per worker (P69), fen. */
	lumpSumsAnnualFen: number;
	/** Results per segment cohort (P43). */
	segments: SegmentResult[];
	/** Per employer where the case names employers (P60–P63). */
	employers?: EmployerPieceState[];
	findings: Finding[];
}

/** P2: mean rate per unit across the rate table, with floor and uplift, before surcharges. */
export function meanRateFen(p: PieceRate): number {
	let r = 0;
	for (const c of p.rateTable.cells) {
		const cell = (p.rateTable.yuan[c.id] ?? 0) + (c.perKmBeyondYuan ?? 0) * (c.kmBeyond ?? 0);
		r += c.share * (Math.max(cell, p.floorYuan) + p.upliftYuan);
	}
	return r * 100;
}

/** P3: surcharge per unit in each band (yuan × share of qualifying units), fen. */
function surchargeByBandFen(p: PieceRate): Map<string, number> {
	const out = new Map<string, number>();
	for (const b of p.bands) {
		let s = 0;
		for (const sc of p.surcharges)
			if (sc.bands.length === 0 || sc.bands.includes(b.id)) s += sc.yuan * sc.shareOfUnits;
		out.set(b.id, s * 100);
	}
	return out;
}

/** P4 with P66: order time grows by `extraOrderHours`, never above online time. */
function workingHoursWith(p: PieceRate, onlineHours: number, extraOrderHours: number): number {
	const w = p.workingTime;
	const order = Math.min(onlineHours, onlineHours * w.orderTimeShare + extraOrderHours);
	return Math.min(onlineHours, order + Math.max(w.allowanceMinHours, w.allowanceShare * order));
}

/** P4: working time = online time, or accepted-order time + allowance (宽放), never above online time. */
export function workingHours(p: PieceRate, onlineHours: number): number {
	const w = p.workingTime;
	if (w.basis === 'online_time') return onlineHours;
	const order = onlineHours * w.orderTimeShare;
	return Math.min(onlineHours, order + Math.max(w.allowanceMinHours, w.allowanceShare * order));
}

/** The model's bands as flat arrays, with each band's rate per unit incl. surcharges (fen). */
interface DayModel {
	meanRateFen: number;
	/** P65–P67: fatigue stop (hours after which, hours lost), extra order hours a unit, late cut. */
	fatigueH: number;
	restH: number;
	extraH: number;
	lateCut: number;
	ids: string[];
	unitsPerHour: Float64Array;
	rate: Float64Array;
	guaranteeFen: number;
	p: PieceRate;
}

/** P64: the take after the per-unit commission cap. */
export function effectiveTake(p: PieceRate): number {
	const cap = p.platform?.commissionCap?.perUnitMax ?? 0;
	return cap > 0 ? Math.min(p.takeRate, cap) : p.takeRate;
}

function dayModel(p: PieceRate, rateFen: number, sur: Map<string, number>): DayModel {
	const n = p.bands.length;
	// P64: a capped take passes the difference to the worker: the order's price (rate ÷ (1 −
	// take)) stays, the worker's rate becomes price × (1 − capped take).
	const eff = effectiveTake(p);
	const k = eff < p.takeRate ? (1 - eff) / (1 - p.takeRate) : 1;
	const pf = p.platform;
	const m: DayModel = {
		meanRateFen: rateFen,
		fatigueH: pf?.fatigue?.continuousHours ?? 0,
		restH: (pf?.fatigue?.restMinutes ?? 0) / 60,
		extraH: (pf?.deliveryTime?.extraMinutesPerUnit ?? 0) / 60,
		lateCut:
			(pf?.lateDeduction?.shareOfUnitsLate ?? 0) * (pf?.lateDeduction?.deductionShareOfFee ?? 0),
		ids: p.bands.map((b) => b.id),
		unitsPerHour: new Float64Array(n),
		rate: new Float64Array(n),
		guaranteeFen: yuanToFen(p.guarantee.hourlyYuan),
		p
	};
	p.bands.forEach((b, i) => {
		m.unitsPerHour[i] = b.unitsPerHour;
		m.rate[i] = k === 1 ? rateFen + (sur.get(b.id) ?? 0) : (rateFen + (sur.get(b.id) ?? 0)) * k;
	});
	return m;
}

const emptyDay = (): WorkerDay => ({
	onlineHours: 0,
	workingHours: 0,
	unitsPerDay: 0,
	grossFen: 0,
	topUpFen: 0,
	payFen: 0,
	exactPayFen: 0,
	exactGrossFen: 0,
	hourlyFen: 0,
	grossHourlyFen: 0
});

/**
 * P3–P5: one worker's day, exact, written into `out` (the population walk reuses one object
 * for 100,000 records); the guarantee tops up the day to guarantee × working time.
 */
function dayInto(
	out: WorkerDay,
	m: DayModel,
	hours: Record<string, number>,
	multiplier: number
): WorkerDay {
	let onlineHours = 0;
	let units = 0;
	let gross = 0;
	for (let b = 0; b < m.ids.length; b++) {
		const h = hours[m.ids[b] as string] ?? 0;
		if (h === 0) continue;
		const u = h * (m.unitsPerHour[b] as number) * multiplier;
		onlineHours += h;
		units += u;
		gross += u * (m.rate[b] as number);
	}
	// P65–P67 as in the population walk.
	if (m.fatigueH > 0 && m.restH > 0 && onlineHours > m.fatigueH) {
		const lost = Math.min(onlineHours, (Math.ceil(onlineHours / m.fatigueH - 1e-9) - 1) * m.restH);
		const f = (onlineHours - lost) / onlineHours;
		onlineHours -= lost;
		units *= f;
		gross *= f;
	}
	if (m.lateCut > 0) gross -= gross * m.lateCut;
	const wh =
		m.extraH > 0 && m.p.workingTime.basis !== 'online_time'
			? workingHoursWith(m.p, onlineHours, units * m.extraH)
			: workingHours(m.p, onlineHours);
	const topUp = m.guaranteeFen > 0 ? Math.max(0, m.guaranteeFen * wh - gross) : 0;
	const pay = gross + topUp;
	out.onlineHours = onlineHours;
	out.workingHours = wh;
	out.unitsPerDay = units;
	out.grossFen = roundFen(gross);
	out.topUpFen = roundFen(topUp);
	out.payFen = roundFen(pay);
	out.exactPayFen = pay;
	out.exactGrossFen = gross;
	out.hourlyFen = wh > 0 ? pay / wh : 0;
	out.grossHourlyFen = wh > 0 ? gross / wh : 0;
	return out;
}

/** Sums over workers (weights in workers) for the whole population, a cohort or an employer. */
export interface PieceTotals {
	/** P64: monthly-average commission refunds paid by the taker (fen). */
	refunds?: number;
	/** Workers (may be fractional in the legacy split). */
	headcount: number;
	/** Σ weight × monthly payslip, exact sum of rounded payslips (fen). */
	wageBill: number;
	topUp: number;
	units: number;
	onCosts: number;
	/** Weight below the hourly minimum on the case's working time, after and before top-up (P6). */
	below: number;
	belowBefore: number;
	/** P42: weight below the hourly minimum with working time = online time, and = order + allowance. */
	belowOnline: number;
	belowOrderAllowance: number;
}

const zeroTotals = (): PieceTotals => ({
	headcount: 0,
	wageBill: 0,
	topUp: 0,
	units: 0,
	onCosts: 0,
	below: 0,
	belowBefore: 0,
	belowOnline: 0,
	belowOrderAllowance: 0
});

/** Weights (in workers) of everyone a rule concerns, summed over the population walk. */
interface Tally extends PieceTotals {
	overDailyMax: number;
	overtimeMonthly: number;
	overtimeDaily: number;
	/** C10 by segment: full-time employees below the monthly minimum, hourly-tested below the hourly one. */
	belowMonthlyMin: number;
	belowHourlyTest: number;
	/** Of `belowHourlyTest`, platform workers (the finding names their test when any). */
	belowHourlyPlatform: number;
	belowFloor: number;
	quotaMet: number;
	weightAll: number;
	lowestPay: number;
	lowestCounted: number;
	hourly: Cells;
	daily: Cells;
	monthly: Cells;
	perUnit: Cells;
	cohorts: PieceTotals[];
	/** P65: online hours lost to forced rests a month; P67: fees deducted for late units (fen). */
	lostHours: number;
	deductions: number;
	/** By day model: each employer in `pieceRate.employers` order, then the case's own rates. */
	employers: PieceTotals[];
}

/** What one worker's month is measured against (C10, P5, P9). */
interface MonthRules {
	hourlyMinFen: number;
	monthlyMinFen: number;
	floorMonthlyFen: number;
	floorHourlyFen: number;
	monthlyFloorFen: number;
	stdMonthlyHours: number;
}

/** The distributions' cells of a population, emptied for a new report (`FlatPopulation.scratch`). */
function tallyCells(
	pop: SegmentedPopulation,
	flat: FlatPopulation
): { hourly: Cells; daily: Cells; monthly: Cells; perUnit: Cells } {
	const k = pop.cohorts.length;
	const cells = (flat.scratch ??= {
		hourly: new Cells(pop.dayCells, k),
		daily: new Cells(pop.dayCells, k),
		monthly: new Cells(pop.monthCells, k),
		perUnit: new Cells(pop.dayCells, k)
	});
	cells.hourly.clear();
	cells.daily.clear();
	cells.monthly.clear();
	cells.perUnit.clear();
	return cells;
}

/**
 * The population's cells as flat arrays (P1, P40), built once per segment list and band order:
 * the walk then reads numbers, not 100,000 records' objects. Day cell c belongs to segment
 * `seg[c]`, weighs `weight[c]` workers (headcount × pattern share × productivity share), and
 * works `hours[c × bands + b]` hours in band b; its month cells are the segment's days entries.
 */
interface FlatPopulation {
	bands: number;
	cells: number;
	seg: Int32Array;
	weight: Float64Array;
	multiplier: Float64Array;
	hours: Float64Array;
	/** Segment i's days entries are `days[daysFrom[i] .. daysFrom[i + 1])`. */
	daysFrom: Int32Array;
	days: Float64Array;
	daysShare: Float64Array;
	/** Per segment: status (0 full-time, 1 part-time, 2 platform) and labour contract. */
	status: Int8Array;
	employee: Uint8Array;
	/**
	 * The distributions' cells, reused by every report on this population: a report fills them
	 * and reads its percentiles before it returns, and allocating 10 MB of typed arrays per
	 * keystroke for 100,000 records costs more in garbage collection than the walk itself.
	 */
	scratch?: { hourly: Cells; daily: Cells; monthly: Cells; perUnit: Cells };
	/** Its distinct days and months, found on first use (`cellTypes`). */
	types?: CellTypes;
}

const flatCache = new WeakMap<object, Map<string, FlatPopulation>>();

function flatPopulation(p: PieceRate, pop: SegmentedPopulation): FlatPopulation {
	const key = p.bands.map((b) => b.id).join('\u0000');
	let byBands = flatCache.get(pop);
	if (!byBands) flatCache.set(pop, (byBands = new Map()));
	let f = byBands.get(key);
	if (f) return f;
	const nb = p.bands.length;
	const ids = p.bands.map((b) => b.id);
	let nDays = 0;
	for (const s of pop.segments) nDays += s.daysPerMonth.length;
	f = {
		bands: nb,
		cells: pop.dayCells,
		seg: new Int32Array(pop.dayCells),
		weight: new Float64Array(pop.dayCells),
		multiplier: new Float64Array(pop.dayCells),
		hours: new Float64Array(pop.dayCells * nb),
		daysFrom: new Int32Array(pop.segments.length + 1),
		days: new Float64Array(nDays),
		daysShare: new Float64Array(nDays),
		status: Int8Array.from(pop.segments, (x) => STATUS[x.status]),
		employee: Uint8Array.from(pop.segments, (x) => (x.hasLabourContract ? 1 : 0))
	};
	let c = 0;
	let d = 0;
	pop.segments.forEach((s, si) => {
		f!.daysFrom[si] = d;
		for (const dm of s.daysPerMonth) {
			f!.days[d] = dm.days;
			f!.daysShare[d++] = dm.share;
		}
		for (const pat of s.patterns) {
			for (const prod of s.productivity) {
				f!.seg[c] = si;
				f!.weight[c] = s.headcount * pat.share * prod.share;
				f!.multiplier[c] = prod.multiplier;
				for (let b = 0; b < nb; b++) f!.hours[c * nb + b] = pat.hours[ids[b] as string] ?? 0;
				c++;
			}
		}
	});
	f.daysFrom[pop.segments.length] = d;
	byBands.set(key, f);
	return f;
}

const STATUS = { 'full-time': 0, 'part-time': 1, platform: 2 } as const;

/**
 * The population's distinct days and months (P1, P40), found once per population: 100,000
 * individual records are a few thousand distinct days (hours in each band, output multiplier,
 * employer) and some more distinct months (a day × days worked). A report prices each distinct
 * day and month once, with the same operations in the same order as for one cell, so every
 * cell reads the same doubles it would have computed; only the sums over cells stay per cell,
 * in cell order, as before.
 */
interface CellTypes {
	/** Day cell c is day type `dayOf[c]`; type d was first seen at cell `dayRep[d]`. */
	dayOf: Int32Array;
	dayRep: Int32Array;
	/** Month cell j (cell c's k-th days entry is j = monthFrom[c] + k) is month type `monthOf[j]`. */
	monthFrom: Int32Array;
	monthOf: Int32Array;
	/** Month type m is day type `monthDay[m]` worked `monthDays[m]` days a month. */
	monthDay: Int32Array;
	monthDays: Float64Array;
	/**
	 * Every weight (day cell and month cell) a whole number of workers: sums of weights are then
	 * exact in any order, so a distribution may be kept as distinct values with their summed
	 * weights, and its percentiles are the same numbers (`percentiles.ts` returns the smallest
	 * value whose cumulative weight reaches the target; with exact sums that depends only on the
	 * values and their weights).
	 */
	wholeWeights: boolean;
	/** The cells as groups (`CellGroups`): by type and class with whole weights, else by cell. */
	grouped?: CellGroups;
	byCell?: CellGroups;
	/**
	 * Per-report scratch, sized once: each day type's figures at `day[d × DAY_FIELDS + field]`,
	 * each month type's at `month[m × MONTH_FIELDS + field]` (one type's figures side by side, as
	 * the walk reads them).
	 */
	day: Float64Array;
	month: Float64Array;
	/**
	 * What each month cell reads for the fractional sums, side by side: month type m's top-up,
	 * refund, and its day's units, lost hours and deductions at `fractions[5m + 0 … 4]`.
	 */
	fractions: Float64Array;
	/** The month cells the fractional sums walk (`MonthCells`), found on first use. */
	monthCells?: MonthCells;
}

/**
 * A population's workers as groups of a day type or a month type and a class (a segment's
 * cohort, status and labour contract), which the walk sums over. With whole weights a group is
 * every cell of its type and class (`grouped`): a sum of whole-number figures (payslips,
 * on-costs, heads below a test) is exact in any order, so it is workers × figure per group. Any
 * other population is grouped by cell (`byCell`), in walk order, so each sum is the sequence of
 * additions of a walk over the cells. The sums of fractional figures (units, top-ups, lost
 * hours, deductions, refunds) are always taken per cell, in cell order.
 */
interface CellGroups {
	clsCohort: Int32Array;
	clsStatus: Int8Array;
	clsEmployee: Uint8Array;
	/** Group i: day type `dayType[i]`, class `dayCls[i]`, `dayW[i]` workers (likewise months). */
	dayType: Int32Array;
	dayCls: Int32Array;
	dayW: Float64Array;
	monthType: Int32Array;
	monthCls: Int32Array;
	monthW: Float64Array;
	/** Each month group's first month cell in walk order: the lowest payslip's tie-break. */
	monthFirst: Int32Array;
	/** Grouped: month type j's groups are `monthStart[j] .. monthStart[j + 1]` (listed by type). */
	monthStart?: Int32Array;
	/** Workers in all month cells: with figures below 2^53 ÷ this, grouped sums are exact. */
	workers: number;
}

function cellGroups(
	flat: FlatPopulation,
	pop: SegmentedPopulation,
	types: Pick<CellTypes, 'dayOf' | 'monthFrom' | 'monthOf' | 'dayRep' | 'monthDay'>,
	grouped: boolean
): CellGroups {
	const { dayOf, monthFrom, monthOf } = types;
	const clsIndex = new Map<number, number>();
	const cohort: number[] = [];
	const status: number[] = [];
	const employee: number[] = [];
	const classOf = new Int32Array(pop.segments.length);
	for (let si = 0; si < pop.segments.length; si++) {
		const ci = pop.cohortOf[si] as number;
		const st = flat.status[si] as number;
		const emp = flat.employee[si] as number;
		const key = (ci * 3 + st) * 2 + emp;
		let cls = clsIndex.get(key);
		if (cls === undefined) {
			cls = cohort.length;
			clsIndex.set(key, cls);
			cohort.push(ci);
			status.push(st);
			employee.push(emp);
		}
		classOf[si] = cls;
	}
	const C = cohort.length;
	const D = types.dayRep.length;
	const M = types.monthDay.length;
	// Grouped: one group per type and class; by cell: one group per cell, in walk order.
	const day = { type: [] as number[], cls: [] as number[], w: [] as number[] };
	const month = {
		type: [] as number[],
		cls: [] as number[],
		w: [] as number[],
		first: [] as number[]
	};
	const dayAt = grouped ? new Int32Array(D * C).fill(-1) : undefined;
	const monthAt = grouped ? new Int32Array(M * C).fill(-1) : undefined;
	let workers = 0;
	for (let c = 0; c < flat.cells; c++) {
		const w2 = flat.weight[c] as number;
		if (!(w2 > 0)) continue;
		const si = flat.seg[c] as number;
		const cls = classOf[si] as number;
		const d = dayOf[c] as number;
		let i = dayAt ? (dayAt[d * C + cls] as number) : -1;
		if (i === -1) {
			i = day.w.length;
			day.type.push(d);
			day.cls.push(cls);
			day.w.push(0);
			if (dayAt) dayAt[d * C + cls] = i;
		}
		day.w[i] = (day.w[i] as number) + w2;
		const k0 = flat.daysFrom[si] as number;
		const j0 = (monthFrom[c] as number) - k0;
		for (let kd = k0; kd < (flat.daysFrom[si + 1] as number); kd++) {
			const w = w2 * (flat.daysShare[kd] as number);
			if (w === 0) continue;
			workers += w;
			const j = monthOf[j0 + kd] as number;
			let x = monthAt ? (monthAt[j * C + cls] as number) : -1;
			if (x === -1) {
				x = month.w.length;
				month.type.push(j);
				month.cls.push(cls);
				month.w.push(0);
				month.first.push(j0 + kd);
				if (monthAt) monthAt[j * C + cls] = x;
			}
			month.w[x] = (month.w[x] as number) + w;
		}
	}
	// Grouped sums are exact in any order, so the groups are listed by type: the walk then reads
	// the 75,000 month types' figures in order instead of jumping through 3 MB of them. By cell,
	// the groups keep walk order (their sums are the walk's sequence of additions).
	const dayOrder = grouped ? byType(day.type, D) : undefined;
	const monthOrder = grouped ? byType(month.type, M) : undefined;
	const monthStart = grouped ? new Int32Array(M + 1) : undefined;
	if (monthStart) {
		for (const j of month.type) monthStart[j + 1] = (monthStart[j + 1] as number) + 1;
		for (let j = 0; j < M; j++)
			monthStart[j + 1] = (monthStart[j + 1] as number) + (monthStart[j] as number);
	}
	return {
		clsCohort: Int32Array.from(cohort),
		clsStatus: Int8Array.from(status),
		clsEmployee: Uint8Array.from(employee),
		dayType: Int32Array.from(permuted(day.type, dayOrder)),
		dayCls: Int32Array.from(permuted(day.cls, dayOrder)),
		dayW: Float64Array.from(permuted(day.w, dayOrder)),
		monthType: Int32Array.from(permuted(month.type, monthOrder)),
		monthCls: Int32Array.from(permuted(month.cls, monthOrder)),
		monthW: Float64Array.from(permuted(month.w, monthOrder)),
		monthFirst: Int32Array.from(permuted(month.first, monthOrder)),
		...(monthStart ? { monthStart } : {}),
		workers
	};
}

/** Indices of `type` ordered by type (of `types` types), first-seen order within a type. */
function byType(type: readonly number[], types: number): Int32Array {
	const start = new Int32Array(types + 1);
	for (const t of type) start[t + 1] = (start[t + 1] as number) + 1;
	for (let t = 0; t < types; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
	const order = new Int32Array(type.length);
	type.forEach((t, i) => {
		order[start[t] as number] = i;
		start[t] = (start[t] as number) + 1;
	});
	return order;
}

const permuted = (xs: number[], order: Int32Array | undefined): ArrayLike<number> =>
	order ? Array.from(order, (i) => xs[i] as number) : xs;

const numKey = (x: number) => (Object.is(x, -0) ? '-0' : String(x));

function cellTypes(flat: FlatPopulation, pop: SegmentedPopulation): CellTypes {
	if (flat.types) return flat.types;
	const n = flat.cells;
	const nb = flat.bands;
	const dayOf = new Int32Array(n);
	const reps: number[] = [];
	const dayIndex = new Map<string, number>();
	const monthFrom = new Int32Array(n + 1);
	let months = 0;
	let whole = true;
	for (let c = 0; c < n; c++) {
		const si = flat.seg[c] as number;
		// The day model is chosen by the segment's employer (P60); the rest is hours and pace.
		let key = `${pop.segments[si]?.employer ?? ''}\u0000${numKey(flat.multiplier[c] as number)}`;
		for (let b = 0; b < nb; b++) key += `\u0000${numKey(flat.hours[c * nb + b] as number)}`;
		let d = dayIndex.get(key);
		if (d === undefined) {
			d = reps.length;
			dayIndex.set(key, d);
			reps.push(c);
		}
		dayOf[c] = d;
		monthFrom[c] = months;
		months += (flat.daysFrom[si + 1] as number) - (flat.daysFrom[si] as number);
		if (!Number.isInteger(flat.weight[c])) whole = false;
	}
	monthFrom[n] = months;
	for (let k = 0; k < flat.daysShare.length; k++)
		if (!Number.isInteger(flat.daysShare[k])) whole = false;
	const monthOf = new Int32Array(months);
	const monthDay: number[] = [];
	const monthDays: number[] = [];
	const monthIndex = new Map<string, number>();
	for (let c = 0; c < n; c++) {
		const si = flat.seg[c] as number;
		const d = dayOf[c] as number;
		const from = flat.daysFrom[si] as number;
		const to = flat.daysFrom[si + 1] as number;
		for (let k = from; k < to; k++) {
			const days = flat.days[k] as number;
			const key = `${d}\u0000${numKey(days)}`;
			let m = monthIndex.get(key);
			if (m === undefined) {
				m = monthDay.length;
				monthIndex.set(key, m);
				monthDay.push(d);
				monthDays.push(days);
			}
			monthOf[(monthFrom[c] as number) + k - from] = m;
		}
	}
	const D = reps.length;
	const M = monthDay.length;
	const found = {
		dayOf,
		dayRep: Int32Array.from(reps),
		monthFrom,
		monthOf,
		monthDay: Int32Array.from(monthDay)
	};
	flat.types = {
		...found,
		monthDays: Float64Array.from(monthDays),
		wholeWeights: whole,
		...(whole ? { grouped: cellGroups(flat, pop, found, true) } : {}),
		day: new Float64Array(D * DAY_FIELDS),
		month: new Float64Array(M * MONTH_FIELDS),
		fractions: new Float64Array(M * FRACTION_FIELDS)
	};
	return flat.types;
}

/**
 * The month cells of positive weight in walk order (cell by cell, each cell's days entries in
 * order), as flat arrays: the fractional sums then read one row per month cell and one month
 * type's figures, not a cell's segment, day type, days entries and month types one by one.
 * Month cell x weighs `w[x]` workers (the cell's weight × the days entry's share, the same
 * product the walk took), works `days[x]` days, is month type `type[x]`, of segment `seg[x]`.
 */
interface MonthCells {
	n: number;
	w: Float64Array;
	days: Float64Array;
	type: Int32Array;
	seg: Int32Array;
}

function monthCells(flat: FlatPopulation, types: CellTypes): MonthCells {
	if (types.monthCells) return types.monthCells;
	const cap = types.monthOf.length;
	const w = new Float64Array(cap);
	const days = new Float64Array(cap);
	const type = new Int32Array(cap);
	const seg = new Int32Array(cap);
	let n = 0;
	for (let c = 0; c < flat.cells; c++) {
		const w2 = flat.weight[c] as number;
		if (!(w2 > 0)) continue;
		const si = flat.seg[c] as number;
		const k0 = flat.daysFrom[si] as number;
		const k1 = flat.daysFrom[si + 1] as number;
		const j0 = (types.monthFrom[c] as number) - k0;
		for (let kd = k0; kd < k1; kd++) {
			const wm = w2 * (flat.daysShare[kd] as number);
			if (wm === 0) continue;
			w[n] = wm;
			days[n] = flat.days[kd] as number;
			type[n] = types.monthOf[j0 + kd] as number;
			seg[n] = si;
			n++;
		}
	}
	types.monthCells = { n, w, days, type, seg };
	return types.monthCells;
}

const F_TOP = 0;
const F_REFUND = 1;
const F_UNITS = 2;
const F_LOST = 3;
const F_CUT = 4;
const FRACTION_FIELDS = 5;

// A day type's figures (`CellTypes.day[field][d]`) and flags.
const D_ONLINE = 0;
const D_UNITS = 1;
const D_GROSS = 2;
const D_LOST = 3;
const D_CUT = 4;
const D_WH = 5;
const D_PAY = 6;
const D_MODEL = 7;
const D_FLAGS = 8;
const DAY_FIELDS = 9;
const F_BELOW = 1;
const F_BELOW_BEFORE = 2;
const F_BELOW_ONLINE = 4;
const F_BELOW_OA = 8;
const F_OVER_DAILY_MAX = 16;
const F_OVERTIME_DAILY = 32;
const F_QUOTA_MET = 64;
// A month type's figures (`CellTypes.month[field][m]`) and flags.
// (Its top-up and refund are read only by the fractional sums, from `CellTypes.fractions`.)
const M_PAY = 0;
const M_ON_COST = 1;
const M_COUNTED = 2;
const M_FLAGS = 3;
const M_MODEL = 4;
const MONTH_FIELDS = 5;
const F_OVERTIME_MONTHLY = 1;
const F_BELOW_MONTHLY = 2;
const F_FLOOR_MONTHLY = 4;
const F_BELOW_HOURLY_WH = 8;
const F_FLOOR_HOURLY_WH = 16;
const F_BELOW_HOURLY_ONLINE = 32;
const F_FLOOR_HOURLY_ONLINE = 64;

/**
 * What a population's segment list fixes by itself, read once per population rather than from
 * 100,000 segment objects on every report: each cohort's first segment (its name and status,
 * P43), and per employer list the segments' day models (P60) and headcounts.
 */
interface SegmentFacts {
	first: Int32Array;
	models?: SegmentModels & { key: string };
}

/** Each segment's day model, and the workers by cohort and by model (summed in segment order). */
interface SegmentModels {
	modelOf: Int32Array;
	cohort: Float64Array;
	employer: Float64Array;
}

const factsCache = new WeakMap<SegmentedPopulation, SegmentFacts>();

function segmentFacts(pop: SegmentedPopulation): SegmentFacts {
	let f = factsCache.get(pop);
	if (f) return f;
	const first = new Int32Array(pop.cohorts.length).fill(-1);
	pop.segments.forEach((_, i) => {
		const c = pop.cohortOf[i] as number;
		if (first[c] === -1) first[c] = i;
	});
	factsCache.set(pop, (f = { first }));
	return f;
}

/** P60: each segment's day model: its employer's, else the case's own rates (the last model). */
function modelsOf(
	pop: SegmentedPopulation,
	emps: NonNullable<PieceRate['employers']>
): SegmentModels {
	const facts = segmentFacts(pop);
	const key = emps.map((e) => e.id).join('\u0000');
	if (facts.models?.key === key) return facts.models;
	const modelOf = new Int32Array(pop.segments.length);
	pop.segments.forEach((sg, i) => {
		const e = sg.employer === undefined ? -1 : emps.findIndex((x) => x.id === sg.employer);
		modelOf[i] = e >= 0 ? e : emps.length;
	});
	// Workers by cohort and by model, summed in segment order.
	const cohort = new Float64Array(pop.cohorts.length);
	const employer = new Float64Array(emps.length + 1);
	for (let si = 0; si < pop.segments.length; si++) {
		const n = (pop.segments[si] as PieceSegment).headcount;
		const ci = pop.cohortOf[si] as number;
		const ei = modelOf[si] as number;
		if (n > 0) {
			cohort[ci] = (cohort[ci] as number) + n;
			employer[ei] = (employer[ei] as number) + n;
		}
	}
	facts.models = { key, modelOf, cohort, employer };
	return facts.models;
}

// The whole-number sums over month groups (P80), in one array so that the month types' loop
// (grouped populations) and the loop over month groups (any other) add to the same places.
const S_BILL = 0;
const S_ON = 1;
const S_OT_MONTH = 2;
const S_BELOW_MONTHLY = 3;
const S_BELOW_TEST = 4;
const S_BELOW_PLATFORM = 5;
const S_FLOOR = 6;
const S_LOWEST = 7;
const S_LOWEST_COUNTED = 8;
const S_LOWEST_FIRST = 9;
const MONTH_SUMS = 10;

interface MonthSums {
	s: Float64Array;
	cBill: Float64Array;
	cOn: Float64Array;
	eBill: Float64Array;
	eOn: Float64Array;
	/** The monthly distribution's cells, when the report keeps distributions. */
	monthly: Cells | undefined;
}

function clearMonthSums(a: MonthSums): void {
	a.s.fill(0);
	a.s[S_LOWEST] = Infinity;
	a.s[S_LOWEST_FIRST] = -1;
	a.cBill.fill(0);
	a.cOn.fill(0);
	a.eBill.fill(0);
	a.eOn.fill(0);
	a.monthly?.clear();
}

/**
 * Month group i of `g`, of a month type paid `m` fen (on-costs `onCost`, counted pay `cm`,
 * flags `mf`, day model `ei`), added to the sums: workers × figure (P80, C9, C10).
 */
function addMonthGroup(
	a: MonthSums,
	g: CellGroups,
	i: number,
	m: number,
	onCost: number,
	cm: number,
	mf: number,
	ei: number
): void {
	const cls = g.monthCls[i] as number;
	const w = g.monthW[i] as number;
	const ci = g.clsCohort[cls] as number;
	const st = g.clsStatus[cls] as number;
	const s = a.s;
	if (a.monthly) a.monthly.push(m, w, ci);
	// The lowest payslip, and of equal ones the first in the walk, as a walk finds it.
	const first = g.monthFirst[i] as number;
	const lowest = s[S_LOWEST] as number;
	if (m < lowest || (m === lowest && first < (s[S_LOWEST_FIRST] as number))) {
		s[S_LOWEST] = m;
		s[S_LOWEST_COUNTED] = cm;
		s[S_LOWEST_FIRST] = first;
	}
	s[S_BILL] = (s[S_BILL] as number) + w * m;
	a.cBill[ci] = (a.cBill[ci] as number) + w * m;
	a.eBill[ei] = (a.eBill[ei] as number) + w * m;
	if (g.clsEmployee[cls] === 1) {
		const oc = w * onCost;
		s[S_ON] = (s[S_ON] as number) + oc;
		a.cOn[ci] = (a.cOn[ci] as number) + oc;
		a.eOn[ei] = (a.eOn[ei] as number) + oc;
		if (mf & F_OVERTIME_MONTHLY) s[S_OT_MONTH] = (s[S_OT_MONTH] as number) + w;
	}
	if (st === 0) {
		if (mf & F_BELOW_MONTHLY) s[S_BELOW_MONTHLY] = (s[S_BELOW_MONTHLY] as number) + w;
		if (mf & F_FLOOR_MONTHLY) s[S_FLOOR] = (s[S_FLOOR] as number) + w;
	} else {
		const wh2 = st === 2;
		if (mf & (wh2 ? F_BELOW_HOURLY_WH : F_BELOW_HOURLY_ONLINE)) {
			s[S_BELOW_TEST] = (s[S_BELOW_TEST] as number) + w;
			if (wh2) s[S_BELOW_PLATFORM] = (s[S_BELOW_PLATFORM] as number) + w;
		}
		if (mf & (wh2 ? F_FLOOR_HOURLY_WH : F_FLOOR_HOURLY_ONLINE))
			s[S_FLOOR] = (s[S_FLOOR] as number) + w;
	}
}

/** P1, P5–P9, P40–P43: walks every segment's cells and each worker's month. */
function walkPopulation(
	p: PieceRate,
	pop: SegmentedPopulation,
	rules: Rules,
	mr: MonthRules,
	models: readonly DayModel[],
	seg: SegmentModels,
	full: boolean
): Tally {
	const flat = flatPopulation(p, pop);
	const types = cellTypes(flat, pop);
	const modelOf = seg.modelOf;
	// The tally is built once, at the end: filled field by field it cost a tenth of a sweep step.
	const t = tallyCells(pop, flat);
	const hourlyMin = mr.hourlyMinFen - 1e-9;
	const ne = models.length;
	const eHead = new Float64Array(ne);
	const eTop = new Float64Array(ne);
	const eUnits = new Float64Array(ne);
	const eBelow = new Float64Array(ne);
	const nb = flat.bands;
	const stdDay = rules.hours.standardHoursPerDay;
	const maxOtDay = rules.overtime.maxHoursPerDay + 1e-9;
	const maxOtMonth = rules.overtime.maxHoursPerMonth + 1e-9;
	const monthlyPayDays = rules.hours.monthlyPayDays;
	const guaranteeFen = (models[0] as DayModel).guaranteeFen;
	const onCostRate = rules.onCost.rate;
	const onCostMin =
		rules.onCost.baseMinYuan !== undefined ? yuanToFen(rules.onCost.baseMinYuan) : 0;
	const onCostMax =
		rules.onCost.baseMaxYuan !== undefined ? yuanToFen(rules.onCost.baseMaxYuan) : Infinity;
	const wt = p.workingTime;
	const quota = p.quotaUnitsPerDay;
	const dailyMax = p.dailyMaxHours;
	const minDaysFloor = p.guarantee.monthlyMinDays;
	const pf = p.platform;
	const { fatigueH, restH, extraH, lateCut } = models[0] as DayModel;
	const avgCap = pf?.commissionCap?.monthlyAverageMax ?? 0;
	const avgMinUnits = pf?.commissionCap?.monthlyMinUnits ?? 0;
	const takes = models.map((m) => effectiveTake(m.p));
	const eRefund = new Float64Array(ne);

	// P3–P5, P42, P65–P67: each distinct day, exact, as one cell of it would be priced.
	const D = types.dayRep.length;
	const dv = types.day;
	for (let d = 0; d < D; d++) {
		const c = types.dayRep[d] as number;
		const si = flat.seg[c] as number;
		const mult = flat.multiplier[c] as number;
		const ei = modelOf[si] as number;
		const model = models[ei] as DayModel;
		let online = 0;
		let unitsDay = 0;
		let gross = 0;
		const base = c * nb;
		for (let b = 0; b < nb; b++) {
			const h = flat.hours[base + b] as number;
			if (h === 0) continue;
			const u = h * (model.unitsPerHour[b] as number) * mult;
			online += h;
			unitsDay += u;
			gross += u * (model.rate[b] as number);
		}
		// P65: each forced stop after `continuousHours` online removes its minutes from the day's
		// online time, and the units and pay of those minutes with them.
		let lostDay = 0;
		if (fatigueH > 0 && restH > 0 && online > fatigueH) {
			lostDay = Math.min(online, (Math.ceil(online / fatigueH - 1e-9) - 1) * restH);
			const f = (online - lostDay) / online;
			online -= lostDay;
			unitsDay *= f;
			gross *= f;
		}
		// P67: late-delivery deductions take their share of the fees of late units.
		let cutDay = 0;
		if (lateCut > 0) {
			cutDay = gross * lateCut;
			gross -= cutDay;
		}
		let wh = online;
		if (wt.basis !== 'online_time') {
			// P66: a looser delivery-time limit counts more order time per unit.
			const order =
				extraH > 0
					? Math.min(online, online * wt.orderTimeShare + unitsDay * extraH)
					: online * wt.orderTimeShare;
			wh = Math.min(online, order + Math.max(wt.allowanceMinHours, wt.allowanceShare * order));
		}
		const dayTop = guaranteeFen > 0 ? Math.max(0, guaranteeFen * wh - gross) : 0;
		const pay = gross + dayTop;
		let flags = 0;
		if (wh > 0) {
			if (pay / wh < hourlyMin) flags |= F_BELOW;
			if (gross / wh < hourlyMin) flags |= F_BELOW_BEFORE;
		}
		// P42: the same day's pay on each definition of working time.
		if (online > 0) {
			if (pay / online < hourlyMin) flags |= F_BELOW_ONLINE;
			const order = online * wt.orderTimeShare;
			const oa = Math.min(
				online,
				order + Math.max(wt.allowanceMinHours, wt.allowanceShare * order)
			);
			if (oa > 0 && pay / oa < hourlyMin) flags |= F_BELOW_OA;
		}
		if (dailyMax > 0 && online > dailyMax + 1e-9) flags |= F_OVER_DAILY_MAX;
		if (online - stdDay > maxOtDay) flags |= F_OVERTIME_DAILY;
		// P8: achievable units in a statutory day at this worker's own pace.
		if (quota > 0 && online > 0 && (unitsDay / online) * stdDay >= quota - 1e-9)
			flags |= F_QUOTA_MET;
		const o = d * DAY_FIELDS;
		dv[o + D_ONLINE] = online;
		dv[o + D_UNITS] = unitsDay;
		dv[o + D_GROSS] = gross;
		dv[o + D_LOST] = lostDay;
		dv[o + D_CUT] = cutDay;
		dv[o + D_WH] = wh;
		dv[o + D_PAY] = pay;
		dv[o + D_MODEL] = ei;
		dv[o + D_FLAGS] = flags;
	}

	// P3, P5, P7, P64, C1, C9, C10: each distinct month (a day type × days worked), exact.
	const M = types.monthDay.length;
	const mv = types.month;
	const fr = types.fractions;
	const k = pop.cohorts.length;
	const sums: MonthSums = {
		s: new Float64Array(MONTH_SUMS),
		cBill: new Float64Array(k),
		cOn: new Float64Array(k),
		eBill: new Float64Array(ne),
		eOn: new Float64Array(ne),
		monthly: full ? t.monthly : undefined
	};
	clearMonthSums(sums);
	// A grouped population's month groups are summed as their type is priced (they are listed by
	// type), so its figures are not stored and read back: 75,000 month types of 100,000 imported
	// records are megabytes of them. Should the payslips prove too large for exact grouped sums,
	// the months are priced again and summed by cell, as for any other population.
	const grouped = types.grouped;
	const groupStart = grouped?.monthStart;
	let fuse = groupStart !== undefined;
	let largest = 0;
	for (;;) {
		for (let j = 0; j < M; j++) {
			const o = (types.monthDay[j] as number) * DAY_FIELDS;
			const days = types.monthDays[j] as number;
			const online = dv[o + D_ONLINE] as number;
			const unitsDay = dv[o + D_UNITS] as number;
			const gross = dv[o + D_GROSS] as number;
			const wh = dv[o + D_WH] as number;
			const pay = dv[o + D_PAY] as number;
			// P64: busy workers' monthly average take is capped too; the taker refunds the excess.
			const take = takes[dv[o + D_MODEL] as number] as number;
			const refund =
				avgCap > 0 && take > avgCap && unitsDay * days >= avgMinUnits
					? gross * days * ((1 - avgCap) / (1 - take) - 1)
					: 0;
			const piece = refund > 0 ? pay * days + refund : pay * days;
			// P5: a monthly floor tops up workers doing normal (full-time) work.
			const mTop =
				mr.monthlyFloorFen > 0 && days >= minDaysFloor
					? Math.max(0, mr.monthlyFloorFen - piece)
					: 0;
			// C1, P3: the month's pay is rounded once, on the payslip.
			const m = payslipFen(piece + mTop);
			const counted = online > stdDay ? stdDay / online : 1;
			const cm = payslipFen(m * counted);
			let flags = 0;
			if (online * days - mr.stdMonthlyHours > maxOtMonth) flags |= F_OVERTIME_MONTHLY;
			// C10 by status: full-time pay for standard hours on a full month; part-time per online
			// hour; platform per hour of working time (P4).
			if (days >= monthlyPayDays) {
				if (cm < mr.monthlyMinFen) flags |= F_BELOW_MONTHLY;
				if (mr.floorMonthlyFen > 0 && cm < mr.floorMonthlyFen) flags |= F_FLOOR_MONTHLY;
			}
			const perHourWh = wh > 0 ? m / (wh * days) : Infinity;
			if (perHourWh < hourlyMin) flags |= F_BELOW_HOURLY_WH;
			if (mr.floorHourlyFen > 0 && perHourWh < mr.floorHourlyFen - 1e-9) flags |= F_FLOOR_HOURLY_WH;
			const perHourOnline = online > 0 ? m / (online * days) : Infinity;
			if (perHourOnline < hourlyMin) flags |= F_BELOW_HOURLY_ONLINE;
			if (mr.floorHourlyFen > 0 && perHourOnline < mr.floorHourlyFen - 1e-9)
				flags |= F_FLOOR_HOURLY_ONLINE;
			// P7, C9: on-costs per payslip (only workers with a labour contract bear them).
			const onCost = payslipFen(onCostRate * Math.min(onCostMax, Math.max(onCostMin, m)));
			const ei = dv[o + D_MODEL] as number;
			largest = Math.max(largest, Math.abs(m), Math.abs(onCost));
			if (fuse) {
				const to = (groupStart as Int32Array)[j + 1] as number;
				for (let i = (groupStart as Int32Array)[j] as number; i < to; i++)
					addMonthGroup(sums, grouped as CellGroups, i, m, onCost, cm, flags, ei);
			} else {
				const q = j * MONTH_FIELDS;
				mv[q + M_PAY] = m;
				mv[q + M_ON_COST] = onCost;
				mv[q + M_COUNTED] = cm;
				mv[q + M_FLAGS] = flags;
				mv[q + M_MODEL] = ei;
			}
			const f = j * FRACTION_FIELDS;
			fr[f + F_TOP] = (pay - gross) * days + mTop;
			fr[f + F_REFUND] = refund;
			fr[f + F_UNITS] = unitsDay;
			fr[f + F_LOST] = dv[o + D_LOST] as number;
			fr[f + F_CUT] = dv[o + D_CUT] as number;
		}
		// Whole-number sums are exact in any order below 2^53: a whole-weight population is summed
		// by groups then (P80); any other by its cells in walk order, each its own group.
		if (!fuse || (grouped as CellGroups).workers * (largest + 1) < 2 ** 53) break;
		fuse = false;
		largest = 0;
		clearMonthSums(sums);
	}

	let lostHours = 0;
	let deductions = 0;
	let refunds = 0;
	let topUpSum = 0;
	let unitsSum = 0;
	// Per-cohort sums in typed arrays and whole-population sums in locals: number fields of an
	// object updated 100,000 times a report would each allocate.
	const cHead = new Float64Array(k);
	const cTop = new Float64Array(k);
	const cUnits = new Float64Array(k);
	const cBelow = new Float64Array(k);
	const cBefore = new Float64Array(k);
	const cOnline = new Float64Array(k);
	const cOA = new Float64Array(k);
	let below = 0;
	let belowBefore = 0;
	let belowOnline = 0;
	let belowOA = 0;
	let overDailyMax = 0;
	let overtimeDaily = 0;
	let quotaMet = 0;
	let weightAll = 0;
	cHead.set(seg.cohort);
	eHead.set(seg.employer);
	const g = fuse ? (grouped as CellGroups) : (types.byCell ??= cellGroups(flat, pop, types, false));
	// Every whole-number sum by group, workers × figure.
	for (let i = 0; i < g.dayW.length; i++) {
		const d = g.dayType[i] as number;
		const cls = g.dayCls[i] as number;
		const w2 = g.dayW[i] as number;
		const ci = g.clsCohort[cls] as number;
		const o = d * DAY_FIELDS;
		const ei = dv[o + D_MODEL] as number;
		const unitsDay = dv[o + D_UNITS] as number;
		const wh = dv[o + D_WH] as number;
		const pay = dv[o + D_PAY] as number;
		const df = dv[o + D_FLAGS] as number;
		if (wh > 0) {
			t.hourly.push(pay / wh, w2, ci);
			if (df & F_BELOW) {
				below += w2;
				eBelow[ei] = (eBelow[ei] as number) + w2;
				cBelow[ci] = (cBelow[ci] as number) + w2;
			}
			if (df & F_BELOW_BEFORE) {
				belowBefore += w2;
				cBefore[ci] = (cBefore[ci] as number) + w2;
			}
		}
		if (df & F_BELOW_ONLINE) {
			belowOnline += w2;
			cOnline[ci] = (cOnline[ci] as number) + w2;
		}
		if (df & F_BELOW_OA) {
			belowOA += w2;
			cOA[ci] = (cOA[ci] as number) + w2;
		}
		if (full) {
			t.daily.push(roundFen(pay), w2, ci);
			if (unitsDay > 0) t.perUnit.push((dv[o + D_GROSS] as number) / unitsDay, w2, ci);
		}
		if (df & F_OVER_DAILY_MAX) overDailyMax += w2;
		if (g.clsEmployee[cls] === 1 && df & F_OVERTIME_DAILY) overtimeDaily += w2;
		if (df & F_QUOTA_MET) quotaMet += w2;
		weightAll += w2;
	}
	if (!fuse)
		for (let i = 0; i < g.monthW.length; i++) {
			const q = (g.monthType[i] as number) * MONTH_FIELDS;
			addMonthGroup(
				sums,
				g,
				i,
				mv[q + M_PAY] as number,
				mv[q + M_ON_COST] as number,
				mv[q + M_COUNTED] as number,
				mv[q + M_FLAGS] as number,
				mv[q + M_MODEL] as number
			);
		}
	// The fractional sums, per month cell in walk order (a term that is zero leaves a sum as it is).
	const mc = monthCells(flat, types);
	const cohortOf = pop.cohortOf;
	for (let x = 0; x < mc.n; x++) {
		const w = mc.w[x] as number;
		const days = mc.days[x] as number;
		const f = (mc.type[x] as number) * FRACTION_FIELDS;
		const si = mc.seg[x] as number;
		const ci = cohortOf[si] as number;
		const ei = modelOf[si] as number;
		const lostDay = fr[f + F_LOST] as number;
		const cutDay = fr[f + F_CUT] as number;
		if (lostDay !== 0) lostHours += w * lostDay * days;
		if (cutDay !== 0) deductions += w * cutDay * days;
		const refund = fr[f + F_REFUND] as number;
		if (refund > 0) {
			refunds += w * refund;
			eRefund[ei] = (eRefund[ei] as number) + w * refund;
		}
		const top = w * (fr[f + F_TOP] as number);
		const units = w * (fr[f + F_UNITS] as number) * days;
		topUpSum += top;
		cTop[ci] = (cTop[ci] as number) + top;
		unitsSum += units;
		cUnits[ci] = (cUnits[ci] as number) + units;
		eTop[ei] = (eTop[ei] as number) + top;
		eUnits[ei] = (eUnits[ei] as number) + units;
	}
	return {
		headcount: pop.headcount,
		wageBill: sums.s[S_BILL] as number,
		topUp: topUpSum,
		units: unitsSum,
		onCosts: sums.s[S_ON] as number,
		below,
		belowBefore,
		belowOnline,
		belowOrderAllowance: belowOA,
		refunds,
		overDailyMax,
		overtimeMonthly: sums.s[S_OT_MONTH] as number,
		overtimeDaily,
		belowMonthlyMin: sums.s[S_BELOW_MONTHLY] as number,
		belowHourlyTest: sums.s[S_BELOW_TEST] as number,
		belowHourlyPlatform: sums.s[S_BELOW_PLATFORM] as number,
		belowFloor: sums.s[S_FLOOR] as number,
		quotaMet,
		weightAll,
		lowestPay: sums.s[S_LOWEST] as number,
		lowestCounted: sums.s[S_LOWEST_COUNTED] as number,
		hourly: t.hourly,
		daily: t.daily,
		monthly: t.monthly,
		perUnit: t.perUnit,
		cohorts: pop.cohorts.map((_, i) => ({
			headcount: cHead[i] as number,
			wageBill: sums.cBill[i] as number,
			topUp: cTop[i] as number,
			units: cUnits[i] as number,
			onCosts: sums.cOn[i] as number,
			below: cBelow[i] as number,
			belowBefore: cBefore[i] as number,
			belowOnline: cOnline[i] as number,
			belowOrderAllowance: cOA[i] as number
		})),
		lostHours,
		deductions,
		employers: Array.from({ length: ne }, (_, i) => ({
			...zeroTotals(),
			headcount: eHead[i] as number,
			wageBill: sums.eBill[i] as number,
			topUp: eTop[i] as number,
			units: eUnits[i] as number,
			onCosts: sums.eOn[i] as number,
			below: eBelow[i] as number,
			refunds: eRefund[i] as number
		}))
	};
}

/** Results of one cohort of segments (P43). */
export interface SegmentResult {
	/** The cohort: the segment's id, or the cohort its individual records share. */
	id: string;
	name: string;
	status: PieceSegment['status'];
	employer?: string;
	headcount: number;
	hourlyFen: Percentiles;
	monthlyFen: Percentiles;
	meanMonthlyFen: number;
	wageBillFen: number;
	/** Guarantee top-up (hourly and monthly), monthly (P5). */
	topUpFen: number;
	onCostsFen: number;
	unitsPerMonth: number;
	shareBelowHourlyMinimum: number;
	shareBelowHourlyMinimumBeforeTopUp: number;
	/** P42: share below the hourly minimum under each working-time definition. */
	shareBelowHourlyMinimumByBasis: { online_time: number; order_plus_allowance: number };
}

function segmentResults(
	pop: SegmentedPopulation,
	t: Tally,
	hourly: Percentiles[],
	monthly: Percentiles[]
): SegmentResult[] {
	const first = segmentFacts(pop).first;
	return pop.cohorts.map((id, c) => {
		const seg = pop.segments[first[c] as number] as PieceSegment;
		const x = t.cohorts[c] as PieceTotals;
		const share = (v: number) => (x.headcount > 0 ? v / x.headcount : 0);
		return {
			id,
			name: seg.name,
			status: seg.status,
			...(seg.employer !== undefined ? { employer: seg.employer } : {}),
			headcount: x.headcount,
			hourlyFen: hourly[c] as Percentiles,
			monthlyFen: monthly[c] as Percentiles,
			meanMonthlyFen: x.headcount > 0 ? roundFen(x.wageBill / x.headcount) : 0,
			wageBillFen: roundFen(x.wageBill),
			topUpFen: roundFen(x.topUp),
			onCostsFen: roundFen(x.onCosts),
			unitsPerMonth: x.units,
			shareBelowHourlyMinimum: share(x.below),
			shareBelowHourlyMinimumBeforeTopUp: share(x.belowBefore),
			shareBelowHourlyMinimumByBasis: {
				online_time: share(x.belowOnline),
				order_plus_allowance: share(x.belowOrderAllowance)
			}
		};
	});
}

/** Findings of a piece-rate population (C10, C26, P6, P8, P9). */
function pieceFindings(
	p: PieceRate,
	rules: Rules,
	t: Tally,
	mr: MonthRules,
	hp: Percentiles,
	floor: ResolvedScenario['wageFloor']
): Finding[] {
	const n = t.headcount;
	const share = (x: number) => (n > 0 ? x / n : 0);
	const out: Finding[] = [];
	const platform = t.belowHourlyPlatform > 0;
	if (t.belowHourlyTest > 0) {
		const test = platform ? 'hourly-platform' : 'hourly-part-time';
		const what =
			test === 'hourly-platform'
				? '平台劳动者（不完全符合确立劳动关系情形）按约定的工作时间'
				: '非全日制劳动者按工作小时';
		out.push(
			finding(
				'piece-hourly-min',
				'violation',
				test === 'hourly-platform' ? CITATIONS.minWagePlatform : CITATIONS.minWagePartTime,
				`按小时最低工资标准检验：${round1(share(t.belowHourlyTest) * 100)}% 的劳动者（${what}计）小时收入低于 ${rules.minimumWage.hourlyYuan} 元（全体 P10 ${round2(hp.p10 / 100)} 元/小时）`,
				{
					shareBelow: share(t.belowHourlyTest),
					hourlyMinimumYuan: rules.minimumWage.hourlyYuan,
					p10HourlyYuan: hp.p10 / 100
				},
				{ test }
			)
		);
	}
	if (t.belowMonthlyMin > 0) {
		out.push(
			finding(
				'piece-monthly-min',
				'violation',
				CITATIONS.minWageMonthly,
				`按月最低工资标准（全日制）检验：${round1(share(t.belowMonthlyMin) * 100)}% 的劳动者（有劳动合同、全月出勤）标准工时内的收入低于 ${rules.minimumWage.monthlyYuan} 元`,
				{ shareBelow: share(t.belowMonthlyMin), monthlyMinimumYuan: rules.minimumWage.monthlyYuan },
				{ test: 'monthly' }
			)
		);
	}
	if (floor && t.belowFloor > 0) {
		const f = floorFinding(
			`${round1(share(t.belowFloor) * 100)}% 的劳动者`,
			floor,
			t.lowestCounted / 100,
			mr.floorMonthlyFen > 0 ? 'monthly' : 'hourly-platform'
		);
		f.figures = { ...f.figures, shareBelow: share(t.belowFloor) };
		out.push(f);
	}
	if (t.overtimeMonthly > 0) {
		out.push(
			finding(
				'overtime-monthly',
				'violation',
				CITATIONS.overtimeHours,
				`${round1(share(t.overtimeMonthly) * 100)}% 的劳动者（有劳动合同）每月工时超过标准工时 ${round1(mr.stdMonthlyHours)} 小时加 ${rules.overtime.maxHoursPerMonth} 小时加班上限`,
				{
					share: share(t.overtimeMonthly),
					standardMonthlyHours: mr.stdMonthlyHours,
					maxOvertimeHours: rules.overtime.maxHoursPerMonth
				}
			)
		);
	}
	if (t.overtimeDaily > 0) {
		const max = rules.hours.standardHoursPerDay + rules.overtime.maxHoursPerDay;
		out.push(
			finding(
				'overtime-daily',
				'violation',
				CITATIONS.overtimeHours,
				`${round1(share(t.overtimeDaily) * 100)}% 的劳动者（有劳动合同）每日工作超过 ${max} 小时`,
				{ share: share(t.overtimeDaily), maxHoursPerDay: max }
			)
		);
	}
	if (t.overDailyMax > 0) {
		out.push(
			finding(
				'daily-max-hours',
				'warning',
				CITATIONS.dailyMaxHours,
				`${round1(share(t.overDailyMax) * 100)}% 的劳动者每日在线超过约定的 ${p.dailyMaxHours} 小时上限`,
				{ share: share(t.overDailyMax), dailyMaxHours: p.dailyMaxHours }
			)
		);
	}
	if (p.quotaUnitsPerDay > 0 && rules.quotaRule.applies && t.weightAll > 0) {
		const s = t.quotaMet / t.weightAll;
		if (s < rules.quotaRule.minShare - 1e-9)
			out.push(quotaFinding(`计件定额（${p.unitName}/天）`, s, p.quotaUnitsPerDay, rules));
	}
	return out;
}

/** One employer's part of a piece-rate population under one set of terms (P60–P63). */
export interface EmployerPieceState {
	id: string;
	name: string;
	headcount: number;
	/** Its mean rate per unit (its own cells, the agreed floor and uplift), fen. */
	meanRatePerUnitFen: number;
	wageBillFen: number;
	topUpFen: number;
	onCostsFen: number;
	perUnitCostsFen: number;
	unitsPerMonth: number;
	/** Its monthly cost (P7 with its own take rate). */
	employerCostFen: number;
	meanMonthlyFen: number;
	shareBelowHourlyMinimum: number;
}

/** P60: an employer's rates: its own cells, take rate and uplift where it has them. */
function employerRates(p: PieceRate, e: NonNullable<PieceRate['employers']>[number]): PieceRate {
	return {
		...p,
		rateTable: { ...p.rateTable, yuan: { ...p.rateTable.yuan, ...e.rateYuan } },
		upliftYuan: e.upliftYuan ?? p.upliftYuan,
		takeRate: e.takeRate ?? p.takeRate
	};
}

/** P7: a payer's monthly cost from its bills. */
function payerCostFen(
	p: PieceRate,
	x: PieceTotals
): { bill: number; on: number; unit: number; cost: number; commission: number } {
	const bill = roundFen(x.wageBill);
	const on = roundFen(x.onCosts);
	const unit = roundFen(x.units * p.perUnitCosts.reduce((a, c) => a + c.yuan * 100, 0));
	// P64: refunds under a monthly average cap come out of the taker's share, not the payer's.
	const refunds = roundFen(x.refunds ?? 0);
	const gross = roundFen((bill - refunds) / (1 - effectiveTake(p)));
	return { bill, on, unit, cost: gross + on + unit, commission: gross - bill };
}

/** Costs a piece-rate model under one set of terms (P1–P9, P40–P43, P60–P63, C10, C26). */
export function pieceRateState(
	p: PieceRate,
	rules: Rules,
	floor?: ResolvedScenario['wageFloor'],
	/**
	 * False: only the hourly distribution of everyone is computed; the daily, monthly and
	 * per-unit distributions and every cohort's are left empty (zeros). What a sweep row reads
	 * (G20); everything else is the same.
	 */
	distributions = true
): PieceRateState {
	const rateFen = meanRateFen(p);
	const sur = surchargeByBandFen(p);
	const mr: MonthRules = {
		hourlyMinFen: yuanToFen(rules.minimumWage.hourlyYuan),
		monthlyMinFen: yuanToFen(rules.minimumWage.monthlyYuan),
		floorMonthlyFen: floor ? yuanToFen(floor.monthlyYuan) : 0,
		floorHourlyFen: floor ? yuanToFen(floor.hourlyYuan) : 0,
		monthlyFloorFen: yuanToFen(p.guarantee.monthlyYuan),
		stdMonthlyHours: (rules.hours.standardHoursPerWeek * 52) / 12
	};
	const pop = pieceSegments(p);
	const emps = p.employers ?? [];
	const rated = emps.map((e) => employerRates(p, e));
	// Day models: one per employer, then the case's own rates (segments without an employer).
	const models = [...rated.map((x) => dayModel(x, meanRateFen(x), sur)), dayModel(p, rateFen, sur)];
	const seg = modelsOf(pop, emps);
	const modelOf = seg.modelOf;
	const t = walkPopulation(p, pop, rules, mr, models, seg, distributions);
	const n = t.headcount;
	const refSeg = pop.segments[pop.reference.segment];
	const ref = refSeg?.patterns.find((x) => x.id === pop.reference.pattern) ?? refSeg?.patterns[0];
	const refDay = dayInto(
		emptyDay(),
		models[modelOf[pop.reference.segment] ?? emps.length] as DayModel,
		ref?.hours ?? {},
		pop.reference.multiplier
	);
	const share = (x: number) => (n > 0 ? x / n : 0);
	const employers: EmployerPieceState[] = emps.map((e, i) => {
		const x = t.employers[i] as PieceTotals;
		const c = payerCostFen(rated[i] as PieceRate, x);
		return {
			id: e.id,
			name: e.name,
			headcount: x.headcount,
			meanRatePerUnitFen: (models[i] as DayModel).meanRateFen,
			wageBillFen: c.bill,
			topUpFen: roundFen(x.topUp),
			onCostsFen: c.on,
			perUnitCostsFen: c.unit,
			unitsPerMonth: x.units,
			employerCostFen: c.cost,
			meanMonthlyFen: x.headcount > 0 ? roundFen(x.wageBill / x.headcount) : 0,
			shareBelowHourlyMinimum: x.headcount > 0 ? x.below / x.headcount : 0
		};
	});
	const own = payerCostFen(p, t);
	// P7, P61: with employers, the payers' cost is the sum of each employer's (own take rate).
	const unassigned = t.employers[emps.length] as PieceTotals;
	const rest = emps.length > 0 && unassigned.headcount > 0 ? payerCostFen(p, unassigned).cost : 0;
	const employerCostFen =
		emps.length > 0 ? employers.reduce((a, e) => a + e.employerCostFen, 0) + rest : own.cost;
	// P6, P43: the distributions of everyone and of each cohort, in one go per distribution.
	const hourly = distributions
		? percentilesByCohort(t.hourly, pop.cohorts.length)
		: { all: weightedPercentiles(t.hourly), byCohort: pop.cohorts.map(() => emptyPercentiles()) };
	const monthly = distributions
		? percentilesByCohort(t.monthly, pop.cohorts.length)
		: { all: emptyPercentiles(), byCohort: hourly.byCohort };
	const hp = hourly.all;
	return {
		headcount: n,
		meanRatePerUnitFen: rateFen,
		reference: {
			...refDay,
			days: pop.reference.days,
			monthlyFen: payslipFen(refDay.exactPayFen * pop.reference.days)
		},
		hourlyFen: hp,
		dailyFen: distributions ? weightedPercentiles(t.daily) : emptyPercentiles(),
		monthlyFen: monthly.all,
		perUnitFen: distributions ? weightedPercentiles(t.perUnit) : emptyPercentiles(),
		lowestCountedFen: Number.isFinite(t.lowestPay) ? t.lowestCounted : 0,
		meanMonthlyFen: n > 0 ? roundFen(t.wageBill / n) : 0,
		shareBelowHourlyMinimum: share(t.below),
		shareBelowHourlyMinimumBeforeTopUp: share(t.belowBefore),
		shareBelowHourlyMinimumByBasis: {
			online_time: share(t.belowOnline),
			order_plus_allowance: share(t.belowOrderAllowance)
		},
		wageBillFen: own.bill,
		topUpFen: roundFen(t.topUp),
		unitsPerMonth: t.units,
		perUnitCostsFen: own.unit,
		onCostsFen: own.on,
		employerCostFen,
		commissionFen:
			emps.length > 0
				? rated.reduce(
						(a, x, i) => a + payerCostFen(x, t.employers[i] as PieceTotals).commission,
						0
					) + (unassigned.headcount > 0 ? payerCostFen(p, unassigned).commission : 0)
				: own.commission,
		lostOnlineHoursPerMonth: t.lostHours,
		lateDeductionsFen: roundFen(t.deductions),
		lumpSumsAnnualFen: p.lumpSums.reduce((a, l) => a + roundFen(n * yuanToFen(l.yuanPerWorker)), 0),
		segments: segmentResults(pop, t, hourly.byCohort, monthly.byCohort),
		...(emps.length > 0 ? { employers } : {}),
		findings: pieceFindings(p, rules, t, mr, hp, floor)
	};
}

const emptyPercentiles = (): Percentiles => ({ p10: 0, p50: 0, p90: 0, min: 0, max: 0 });
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

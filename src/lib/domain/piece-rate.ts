/**
 * Piece-rate costing (计件) for platform and delivery workers: what a rate table pays per unit,
 * per day and per hour of working time across a worker population described by distributions,
 * what a guarantee tops up, and what the payer spends. Rules P1–P9 in SPEC.md.
 */
import { CITATIONS } from './citations.ts';
import { floorFinding, quotaFinding } from './enterprise.ts';
import { finding, type Finding } from './findings.ts';
import { payslipFen, roundFen, yuanToFen } from './money.ts';
import { onCostFen, type Rules } from './payroll.ts';
import { byCohort, Cells, weightedPercentiles, type Percentiles } from './percentiles.ts';
import { pieceSegments, type PieceSegment } from './population.ts';
import type { PieceRate, ResolvedScenario } from './scenario.ts';

export type { Percentiles } from './percentiles.ts';

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
	/** Results per segment cohort (P43). */
	segments: SegmentResult[];
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

/** P4: working time = online time, or accepted-order time + allowance (宽放), never above online time. */
export function workingHours(p: PieceRate, onlineHours: number): number {
	const w = p.workingTime;
	if (w.basis === 'online_time') return onlineHours;
	const order = onlineHours * w.orderTimeShare;
	return Math.min(onlineHours, order + Math.max(w.allowanceMinHours, w.allowanceShare * order));
}

/** P3–P5: one worker's day, exact; the guarantee tops up the day to guarantee × working time. */
function day(
	p: PieceRate,
	hours: Record<string, number>,
	multiplier: number,
	rateFen: number,
	sur: Map<string, number>
): WorkerDay {
	let onlineHours = 0;
	let units = 0;
	let gross = 0;
	for (const b of p.bands) {
		const h = hours[b.id] ?? 0;
		if (h === 0) continue;
		const u = h * b.unitsPerHour * multiplier;
		onlineHours += h;
		units += u;
		gross += u * (rateFen + (sur.get(b.id) ?? 0));
	}
	const wh = workingHours(p, onlineHours);
	const guaranteeFen = yuanToFen(p.guarantee.hourlyYuan);
	const topUp = guaranteeFen > 0 ? Math.max(0, guaranteeFen * wh - gross) : 0;
	const pay = gross + topUp;
	return {
		onlineHours,
		workingHours: wh,
		unitsPerDay: units,
		grossFen: roundFen(gross),
		topUpFen: roundFen(topUp),
		payFen: roundFen(pay),
		exactPayFen: pay,
		exactGrossFen: gross,
		hourlyFen: wh > 0 ? pay / wh : 0,
		grossHourlyFen: wh > 0 ? gross / wh : 0
	};
}

/** Sums over workers (weights in workers) for the whole population, a cohort or an employer. */
export interface PieceTotals {
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

/**
 * C10 for one population cell's month, by the segment's status: full-time pay for standard
 * hours against the monthly minimum, for a full month's work; part-time pay per online hour;
 * platform pay per hour of working time as the case defines it (P4).
 */
function minimumWageTally(
	t: Tally,
	seg: PieceSegment,
	rules: Rules,
	mr: MonthRules,
	d: WorkerDay,
	days: number,
	pay: number,
	w: number
): void {
	if (seg.status === 'full-time') {
		if (days >= rules.hours.monthlyPayDays) {
			const counted = countedForStandardHours(pay, d.onlineHours, rules);
			if (counted < mr.monthlyMinFen) t.belowMonthlyMin += w;
			if (mr.floorMonthlyFen > 0 && counted < mr.floorMonthlyFen) t.belowFloor += w;
		}
		return;
	}
	const hoursTested = seg.status === 'platform' ? d.workingHours : d.onlineHours;
	const perHour = hoursTested > 0 ? pay / (hoursTested * days) : Infinity;
	if (perHour < mr.hourlyMinFen - 1e-9) {
		t.belowHourlyTest += w;
		if (seg.status === 'platform') t.belowHourlyPlatform += w;
	}
	if (mr.floorHourlyFen > 0 && perHour < mr.floorHourlyFen - 1e-9) t.belowFloor += w;
}

/** C10: the part of a month's piece pay earned in standard hours (overtime never counts). */
function countedForStandardHours(payFen: number, onlineHoursPerDay: number, rules: Rules): number {
	const share =
		onlineHoursPerDay > rules.hours.standardHoursPerDay
			? rules.hours.standardHoursPerDay / onlineHoursPerDay
			: 1;
	return payslipFen(payFen * share);
}

/** P4 with the other definition's parameters: working time as order time + allowance. */
function orderAllowanceHours(p: PieceRate, onlineHours: number): number {
	const w = p.workingTime;
	const order = onlineHours * w.orderTimeShare;
	return Math.min(onlineHours, order + Math.max(w.allowanceMinHours, w.allowanceShare * order));
}

function newTally(cap: { dayCells: number; monthCells: number }, cohorts: number): Tally {
	return {
		...zeroTotals(),
		overDailyMax: 0,
		overtimeMonthly: 0,
		overtimeDaily: 0,
		belowMonthlyMin: 0,
		belowHourlyTest: 0,
		belowHourlyPlatform: 0,
		belowFloor: 0,
		quotaMet: 0,
		weightAll: 0,
		lowestPay: Infinity,
		lowestCounted: 0,
		hourly: new Cells(cap.dayCells),
		daily: new Cells(cap.dayCells),
		monthly: new Cells(cap.monthCells),
		perUnit: new Cells(cap.dayCells),
		cohorts: Array.from({ length: cohorts }, zeroTotals)
	};
}

/** P1, P5–P9, P40–P43: walks every segment's cells and each worker's month. */
function walkPopulation(
	p: PieceRate,
	rules: Rules,
	mr: MonthRules,
	rateFen: number,
	sur: Map<string, number>
): Tally {
	const pop = pieceSegments(p);
	const t = newTally(pop, pop.cohorts.length);
	const hourlyMin = mr.hourlyMinFen - 1e-9;
	pop.segments.forEach((seg, si) => {
		const n = seg.headcount;
		if (!(n > 0)) return;
		const ci = pop.cohortOf[si] as number;
		const ct = t.cohorts[ci] as PieceTotals;
		ct.headcount += n;
		const employee = seg.hasLabourContract;
		for (const pat of seg.patterns) {
			for (const prod of seg.productivity) {
				const w2 = n * pat.share * prod.share;
				if (w2 === 0) continue;
				const d = day(p, pat.hours, prod.multiplier, rateFen, sur);
				if (d.workingHours > 0) {
					t.hourly.push(d.hourlyFen, w2, ci);
					if (d.hourlyFen < hourlyMin) {
						t.below += w2;
						ct.below += w2;
					}
					if (d.grossHourlyFen < hourlyMin) {
						t.belowBefore += w2;
						ct.belowBefore += w2;
					}
				}
				// P42: the same day's pay on each definition of working time.
				if (d.onlineHours > 0) {
					if (d.payFen / d.onlineHours < hourlyMin) {
						t.belowOnline += w2;
						ct.belowOnline += w2;
					}
					const oa = orderAllowanceHours(p, d.onlineHours);
					if (oa > 0 && d.exactPayFen / oa < hourlyMin) {
						t.belowOrderAllowance += w2;
						ct.belowOrderAllowance += w2;
					}
				}
				t.daily.push(d.payFen, w2, ci);
				if (d.unitsPerDay > 0) t.perUnit.push(d.exactGrossFen / d.unitsPerDay, w2, ci);
				if (p.dailyMaxHours > 0 && d.onlineHours > p.dailyMaxHours + 1e-9) t.overDailyMax += w2;
				if (
					employee &&
					d.onlineHours - rules.hours.standardHoursPerDay > rules.overtime.maxHoursPerDay + 1e-9
				)
					t.overtimeDaily += w2;
				// P8: achievable units in a statutory day at this worker's own pace.
				if (p.quotaUnitsPerDay > 0 && d.onlineHours > 0) {
					if (
						(d.unitsPerDay / d.onlineHours) * rules.hours.standardHoursPerDay >=
						p.quotaUnitsPerDay - 1e-9
					)
						t.quotaMet += w2;
				}
				t.weightAll += w2;
				for (const dm of seg.daysPerMonth) {
					const w = w2 * dm.share;
					if (w === 0) continue;
					const piece = d.exactPayFen * dm.days;
					// P5: a monthly floor tops up workers doing normal (full-time) work.
					const mTop =
						mr.monthlyFloorFen > 0 && dm.days >= p.guarantee.monthlyMinDays
							? Math.max(0, mr.monthlyFloorFen - piece)
							: 0;
					// C1, P3: the month's pay is rounded once, on the payslip.
					const m = payslipFen(piece + mTop);
					t.monthly.push(m, w, ci);
					if (m < t.lowestPay) {
						t.lowestPay = m;
						t.lowestCounted = countedForStandardHours(m, d.onlineHours, rules);
					}
					const top = w * ((d.exactPayFen - d.exactGrossFen) * dm.days + mTop);
					const units = w * d.unitsPerDay * dm.days;
					t.wageBill += w * m;
					ct.wageBill += w * m;
					t.topUp += top;
					ct.topUp += top;
					t.units += units;
					ct.units += units;
					// P7: on-costs only for workers with a labour contract, per payslip (C9).
					if (employee) {
						const oc = w * onCostFen(m, rules);
						t.onCosts += oc;
						ct.onCosts += oc;
						if (
							d.onlineHours * dm.days - mr.stdMonthlyHours >
							rules.overtime.maxHoursPerMonth + 1e-9
						)
							t.overtimeMonthly += w;
					}
					minimumWageTally(t, seg, rules, mr, d, dm.days, m, w);
				}
			}
		}
	});
	t.headcount = pop.headcount;
	return t;
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

function segmentResults(p: PieceRate, t: Tally): SegmentResult[] {
	const pop = pieceSegments(p);
	const k = pop.cohorts.length;
	const hourly = byCohort(t.hourly, k);
	const monthly = byCohort(t.monthly, k);
	const first = new Int32Array(k).fill(-1);
	pop.segments.forEach((_, i) => {
		const c = pop.cohortOf[i] as number;
		if (first[c] === -1) first[c] = i;
	});
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
			hourlyFen: weightedPercentiles(t.hourly, hourly.order, hourly.start[c], hourly.start[c + 1]),
			monthlyFen: weightedPercentiles(
				t.monthly,
				monthly.order,
				monthly.start[c],
				monthly.start[c + 1]
			),
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

/** Costs a piece-rate model under one set of terms (P1–P9, P40–P43, C10, C26). */
export function pieceRateState(
	p: PieceRate,
	rules: Rules,
	floor?: ResolvedScenario['wageFloor']
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
	const t = walkPopulation(p, rules, mr, rateFen, sur);
	const n = t.headcount;
	const pop = pieceSegments(p);
	const refSeg = pop.segments[pop.reference.segment];
	const ref = refSeg?.patterns.find((x) => x.id === pop.reference.pattern) ?? refSeg?.patterns[0];
	const refDay = day(p, ref?.hours ?? {}, pop.reference.multiplier, rateFen, sur);
	const wageBillFen = roundFen(t.wageBill);
	const perUnitCostsFen = roundFen(t.units * p.perUnitCosts.reduce((a, c) => a + c.yuan * 100, 0));
	const onCostsFen = roundFen(t.onCosts);
	// P7: the payer funds pay grossed up by the intermediary's take, plus on-costs and per-unit costs.
	const employerCostFen = roundFen(wageBillFen / (1 - p.takeRate)) + onCostsFen + perUnitCostsFen;
	const share = (x: number) => (n > 0 ? x / n : 0);
	const hp = weightedPercentiles(t.hourly);
	return {
		headcount: n,
		meanRatePerUnitFen: rateFen,
		reference: {
			...refDay,
			days: pop.reference.days,
			monthlyFen: payslipFen(refDay.exactPayFen * pop.reference.days)
		},
		hourlyFen: hp,
		dailyFen: weightedPercentiles(t.daily),
		monthlyFen: weightedPercentiles(t.monthly),
		perUnitFen: weightedPercentiles(t.perUnit),
		lowestCountedFen: Number.isFinite(t.lowestPay) ? t.lowestCounted : 0,
		meanMonthlyFen: n > 0 ? roundFen(t.wageBill / n) : 0,
		shareBelowHourlyMinimum: share(t.below),
		shareBelowHourlyMinimumBeforeTopUp: share(t.belowBefore),
		shareBelowHourlyMinimumByBasis: {
			online_time: share(t.belowOnline),
			order_plus_allowance: share(t.belowOrderAllowance)
		},
		wageBillFen,
		topUpFen: roundFen(t.topUp),
		unitsPerMonth: t.units,
		perUnitCostsFen,
		onCostsFen,
		employerCostFen,
		segments: segmentResults(p, t),
		findings: pieceFindings(p, rules, t, mr, hp, floor)
	};
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

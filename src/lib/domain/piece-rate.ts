/**
 * Piece-rate costing (计件) for platform and delivery workers: what a rate table pays per unit,
 * per day and per hour of working time across a worker population described by distributions,
 * what a guarantee tops up, and what the payer spends. Rules P1–P9 in SPEC.md.
 */
import type { Finding } from './findings.ts';
import { quotaFinding, onCostFen, type Rules } from './enterprise.ts';
import { roundFen, yuanToFen } from './money.ts';
import type { PieceRate } from './scenario.ts';

export interface Percentiles {
	p10: number;
	p50: number;
	p90: number;
	min: number;
	max: number;
}

/** One worker's day (the reference worker, or any population cell). */
export interface WorkerDay {
	onlineHours: number;
	/** Working time under the agreed definition (P4). */
	workingHours: number;
	unitsPerDay: number;
	/** Piece earnings before any guarantee (P2–P3), fen. */
	grossFen: number;
	/** Hourly-guarantee top-up (P5), fen. */
	topUpFen: number;
	/** grossFen + topUpFen. */
	payFen: number;
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
	meanMonthlyFen: number;
	shareBelowHourlyMinimum: number;
	shareBelowHourlyMinimumBeforeTopUp: number;
	wageBillFen: number;
	topUpFen: number;
	unitsPerMonth: number;
	perUnitCostsFen: number;
	onCostsFen: number;
	/** Payer's monthly cost (P7). */
	employerCostFen: number;
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
		for (const sc of p.surcharges) if (sc.bands.length === 0 || sc.bands.includes(b.id)) s += sc.yuan * sc.shareOfUnits;
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

function day(p: PieceRate, hours: Record<string, number>, multiplier: number, rateFen: number, sur: Map<string, number>): WorkerDay {
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
	const grossFen = roundFen(gross);
	const wh = workingHours(p, onlineHours);
	const guaranteeFen = yuanToFen(p.guarantee.hourlyYuan);
	const topUpFen = guaranteeFen > 0 ? Math.max(0, roundFen(guaranteeFen * wh) - grossFen) : 0;
	const payFen = grossFen + topUpFen;
	return {
		onlineHours,
		workingHours: wh,
		unitsPerDay: units,
		grossFen,
		topUpFen,
		payFen,
		hourlyFen: wh > 0 ? payFen / wh : 0,
		grossHourlyFen: wh > 0 ? grossFen / wh : 0
	};
}

interface Cell {
	weight: number;
	v: number;
}

/** Weighted percentiles: the smallest value whose cumulative weight reaches q. */
function percentiles(cells: Cell[]): Percentiles {
	const live = cells.filter((c) => c.weight > 0).sort((a, b) => a.v - b.v);
	if (live.length === 0) return { p10: 0, p50: 0, p90: 0, min: 0, max: 0 };
	const total = live.reduce((a, c) => a + c.weight, 0);
	const at = (q: number) => {
		let acc = 0;
		for (const c of live) {
			acc += c.weight;
			if (acc >= q * total - 1e-9) return c.v;
		}
		return (live[live.length - 1] as Cell).v;
	};
	return { p10: at(0.1), p50: at(0.5), p90: at(0.9), min: (live[0] as Cell).v, max: (live[live.length - 1] as Cell).v };
}

/** Costs a piece-rate model under one set of terms (P1–P9). */
export function pieceRateState(p: PieceRate, rules: Rules): PieceRateState {
	const rateFen = meanRateFen(p);
	const sur = surchargeByBandFen(p);
	const pop = p.population;
	const n = p.workforce.headcount;
	const hourlyMinFen = yuanToFen(rules.minimumWage.hourlyYuan);
	const monthlyMinFen = yuanToFen(rules.minimumWage.monthlyYuan);
	const monthlyFloorFen = yuanToFen(p.guarantee.monthlyYuan);
	const hourly: Cell[] = [];
	const daily: Cell[] = [];
	const monthly: Cell[] = [];
	const perUnit: Cell[] = [];
	let wageBill = 0;
	let topUp = 0;
	let units = 0;
	let onCosts = 0;
	let below = 0;
	let belowBefore = 0;
	let overDailyMax = 0;
	let overtimeMonthly = 0;
	let overtimeDaily = 0;
	let belowMonthlyMin = 0;
	let quotaMet = 0;
	let weightAll = 0;
	const stdMonthlyHours = (rules.hours.standardHoursPerWeek * 52) / 12;
	for (const pat of pop.patterns) {
		for (const prod of pop.productivity) {
			const d = day(p, pat.hours, prod.multiplier, rateFen, sur);
			const w2 = n * pat.share * prod.share;
			if (w2 === 0) continue;
			if (d.workingHours > 0) {
				hourly.push({ weight: w2, v: d.hourlyFen });
				if (d.hourlyFen < hourlyMinFen - 1e-9) below += w2;
				if (d.grossHourlyFen < hourlyMinFen - 1e-9) belowBefore += w2;
			}
			daily.push({ weight: w2, v: d.payFen });
			if (d.unitsPerDay > 0) perUnit.push({ weight: w2, v: d.grossFen / d.unitsPerDay });
			if (p.dailyMaxHours > 0 && d.onlineHours > p.dailyMaxHours + 1e-9) overDailyMax += w2;
			if (d.onlineHours - rules.hours.standardHoursPerDay > rules.overtime.maxHoursPerDay + 1e-9) overtimeDaily += w2 * p.workforce.employeeShare;
			// P8: achievable units in a statutory day at this worker's own pace.
			if (p.quotaUnitsPerDay > 0 && d.onlineHours > 0) {
				if ((d.unitsPerDay / d.onlineHours) * rules.hours.standardHoursPerDay >= p.quotaUnitsPerDay - 1e-9) quotaMet += w2;
			}
			weightAll += w2;
			for (const dm of pop.daysPerMonth) {
				const w = w2 * dm.share;
				if (w === 0) continue;
				const piece = d.payFen * dm.days;
				// P5: a monthly floor tops up workers doing normal (full-time) work.
				const mTop = monthlyFloorFen > 0 && dm.days >= p.guarantee.monthlyMinDays ? Math.max(0, monthlyFloorFen - piece) : 0;
				const m = piece + mTop;
				monthly.push({ weight: w, v: m });
				wageBill += w * m;
				topUp += w * (d.topUpFen * dm.days + mTop);
				units += w * d.unitsPerDay * dm.days;
				// P7: on-costs only for the employee share.
				onCosts += w * p.workforce.employeeShare * onCostFen(m, rules);
				if (d.onlineHours * dm.days - stdMonthlyHours > rules.overtime.maxHoursPerMonth + 1e-9) overtimeMonthly += w * p.workforce.employeeShare;
				if (dm.days >= rules.hours.monthlyPayDays && m < monthlyMinFen) belowMonthlyMin += w * p.workforce.employeeShare;
			}
		}
	}
	const ref = pop.patterns.find((x) => x.id === pop.reference.pattern) ?? pop.patterns[0];
	const refDay = day(p, ref?.hours ?? {}, pop.reference.multiplier, rateFen, sur);
	const wageBillFen = roundFen(wageBill);
	const unitsPerMonth = units;
	const perUnitCostsFen = roundFen(units * p.perUnitCosts.reduce((a, c) => a + c.yuan * 100, 0));
	const onCostsFen = roundFen(onCosts);
	// P7: the payer funds pay grossed up by the intermediary's take, plus on-costs and per-unit costs.
	const employerCostFen = roundFen(wageBillFen / (1 - p.takeRate)) + onCostsFen + perUnitCostsFen;
	const share = (x: number) => (n > 0 ? x / n : 0);
	const findings: Finding[] = [];
	const hp = percentiles(hourly);
	if (below > 0) {
		findings.push({
			code: 'piece-hourly-min',
			severity: 'violation',
			rule: '人社部 休息和劳动报酬权益保障指引 2023 [P31]; 国市监网监发〔2021〕38号 [P30]',
			message: `${round1(share(below) * 100)}% 的劳动者按工作时间计的小时收入低于最低小时工资 ${rules.minimumWage.hourlyYuan} 元（P10 ${round2(hp.p10 / 100)} 元/小时）`,
			figures: { shareBelow: share(below), hourlyMinimumYuan: rules.minimumWage.hourlyYuan, p10HourlyYuan: hp.p10 / 100 }
		});
	}
	if (belowMonthlyMin > 0) {
		findings.push({
			code: 'piece-monthly-min',
			severity: 'violation',
			rule: 'Labour Law art 48 [L1]',
			message: `${round1(share(belowMonthlyMin) * 100)}% 的劳动者（有劳动合同、全月出勤）月收入低于最低工资 ${rules.minimumWage.monthlyYuan} 元`,
			figures: { shareBelow: share(belowMonthlyMin), monthlyMinimumYuan: rules.minimumWage.monthlyYuan }
		});
	}
	if (overtimeMonthly > 0) {
		findings.push({
			code: 'overtime-monthly',
			severity: 'violation',
			rule: 'Labour Law art 41 [L1]',
			message: `${round1(share(overtimeMonthly) * 100)}% 的劳动者（有劳动合同）每月工时超过标准工时 ${round1(stdMonthlyHours)} 小时加 ${rules.overtime.maxHoursPerMonth} 小时加班上限`,
			figures: { share: share(overtimeMonthly), standardMonthlyHours: stdMonthlyHours, maxOvertimeHours: rules.overtime.maxHoursPerMonth }
		});
	}
	if (overtimeDaily > 0) {
		findings.push({
			code: 'overtime-daily',
			severity: 'violation',
			rule: 'Labour Law art 41 [L1]',
			message: `${round1(share(overtimeDaily) * 100)}% 的劳动者（有劳动合同）每日工作超过 ${rules.hours.standardHoursPerDay + rules.overtime.maxHoursPerDay} 小时`,
			figures: { share: share(overtimeDaily), maxHoursPerDay: rules.hours.standardHoursPerDay + rules.overtime.maxHoursPerDay }
		});
	}
	if (overDailyMax > 0) {
		findings.push({
			code: 'daily-max-hours',
			severity: 'warning',
			rule: '人社部 休息和劳动报酬权益保障指引 2023 art 5 [P31]',
			message: `${round1(share(overDailyMax) * 100)}% 的劳动者每日在线超过约定的 ${p.dailyMaxHours} 小时上限`,
			figures: { share: share(overDailyMax), dailyMaxHours: p.dailyMaxHours }
		});
	}
	if (p.quotaUnitsPerDay > 0 && rules.quotaRule.applies && weightAll > 0) {
		const s = quotaMet / weightAll;
		if (s < rules.quotaRule.minShare - 1e-9) findings.push(quotaFinding(`计件定额（${p.unitName}/天）`, s, p.quotaUnitsPerDay, rules));
	}
	return {
		headcount: n,
		meanRatePerUnitFen: rateFen,
		reference: { ...refDay, days: pop.reference.days, monthlyFen: refDay.payFen * pop.reference.days },
		hourlyFen: hp,
		dailyFen: percentiles(daily),
		monthlyFen: percentiles(monthly),
		perUnitFen: percentiles(perUnit),
		meanMonthlyFen: n > 0 ? roundFen(wageBill / n) : 0,
		shareBelowHourlyMinimum: share(below),
		shareBelowHourlyMinimumBeforeTopUp: share(belowBefore),
		wageBillFen,
		topUpFen: roundFen(topUp),
		unitsPerMonth,
		perUnitCostsFen,
		onCostsFen,
		employerCostFen,
		findings
	};
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

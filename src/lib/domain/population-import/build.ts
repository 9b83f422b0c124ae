/**
 * From checked records to the population fragment a case takes (I11–I16 in SPEC.md): either
 * every worker kept as a record of their own (a headcount-1 segment per rider, a headcount-1
 * group, hence one payslip, per payroll row) or a summary (segments with distributions of hours,
 * days and output; groups with a tenure distribution and mean pay components).
 */
import type { Group, SegmentInput } from '../scenario.ts';
import type { ImportBand, ImportContext, PayrollRecord, RiderRecord } from './rows.ts';

export type ImportMode = 'individual' | 'summary';

/** A piece-rate population segment as `pieceRate.segments` takes it (P40). */
export type SegmentFragment = SegmentInput & {
	productivity: { multiplier: number; share: number }[];
};

/** An employer named in the sheet; segments refer to it by id (`segment.employer`). */
export interface EmployerFragment {
	id: string;
	name: string;
}

export type PopulationFragment =
	| {
			kind: 'rider';
			mode: ImportMode;
			workers: number;
			segments: SegmentFragment[];
			/** Employers the sheet names (用工单位/服务商), in first-seen order; empty when none. */
			employers: EmployerFragment[];
	  }
	| {
			kind: 'payroll';
			mode: ImportMode;
			workers: number;
			groups: Group[];
			/** 技能工资 by level, the mean of the rows that give it (absent: not in the sheet). */
			skillWage?: Record<string, number>;
	  };

/** I12: output multiplier = orders per day ÷ (hours × the band's orders per hour). */
function multiplierOf(r: RiderRecord, bands: Map<string, ImportBand>): number {
	const perHour = bands.get(r.band)?.unitsPerHour ?? 0;
	const capacity = r.hoursPerDay * perHour;
	return capacity > 0 ? r.unitsPerDay / capacity : 0;
}

const round = (x: number, step: number) => Math.round(x / step) * step;
/** Strips float noise from a bucketed value (0.1 * 3 → 0.3). */
const clean = (x: number) => Number(x.toFixed(6));

/** Distinct values with their share of n (I13), in ascending order of value. */
function distribution(values: number[]): { value: number; share: number }[] {
	const counts = new Map<number, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return [...counts]
		.sort((a, b) => a[0] - b[0])
		.map(([value, c]) => ({ value, share: c / values.length }));
}

/** I16: each employer name gets an id, e1, e2 … in first-seen order. */
function employersOf(records: RiderRecord[]): Map<string, string> {
	const ids = new Map<string, string>();
	for (const r of records)
		if (r.employer && !ids.has(r.employer)) ids.set(r.employer, `e${ids.size + 1}`);
	return ids;
}

/** The summary segment's id, which is also the cohort individual records report under (P43). */
function segmentKey(segment: string, employer: string, employers: Map<string, string>): string {
	return employer ? `${segment}-${employers.get(employer)}` : segment;
}

/** The kind's name, with the employer when the sheet names one: "众包 · 顺达". */
function segmentName(name: string, employer: string): string {
	return employer ? `${name} · ${employer}` : name;
}

/** I11: one headcount-1 segment per rider, exact figures, reported with its kind (cohort). */
function riderIndividuals(
	records: RiderRecord[],
	ctx: ImportContext,
	employers: Map<string, string>
): SegmentFragment[] {
	const bands = new Map(ctx.bands.map((b) => [b.id, b]));
	const segments = new Map(ctx.segments.map((s) => [s.id, s]));
	return records.map((r) => {
		const seg = segments.get(r.segment);
		const band = bands.get(r.band);
		const out: SegmentFragment = {
			id: `w${r.row}`,
			// The engine names a cohort's results after its first segment (P43): the kind's name.
			name: segmentName(seg?.name ?? r.segment, r.employer),
			headcount: 1,
			status: seg?.employment ?? 'platform',
			cohort: segmentKey(r.segment, r.employer, employers),
			patterns: [
				{
					id: 'p1',
					// Who the record is, so the rider can still be found in the case.
					name: `${[r.workerId, r.name].filter(Boolean).join(' ') || `第 ${r.row} 行`} · ${band?.name ?? r.band} ${r.hoursPerDay} 小时`,
					share: 1,
					hours: { [r.band]: r.hoursPerDay }
				}
			],
			productivity: [{ multiplier: multiplierOf(r, bands), share: 1 }],
			daysPerMonth: [{ days: r.daysPerMonth, share: 1 }]
		};
		if (r.employer) out.employer = employers.get(r.employer) as string;
		return out;
	});
}

/**
 * I13: riders summarised by segment (and employer, when the sheet names one): hours in steps of
 * half an hour per band, whole days, output multipliers in steps of 0.05; each a distribution
 * of the segment's riders.
 */
function riderSummary(
	records: RiderRecord[],
	ctx: ImportContext,
	employers: Map<string, string>
): SegmentFragment[] {
	const bands = new Map(ctx.bands.map((b) => [b.id, b]));
	const byKey = new Map<string, RiderRecord[]>();
	for (const r of records) {
		const k = `${r.segment}\u0000${r.employer}`;
		const list = byKey.get(k);
		if (list) list.push(r);
		else byKey.set(k, [r]);
	}
	const out: SegmentFragment[] = [];
	for (const seg of ctx.segments) {
		for (const [k, list] of byKey) {
			const [segId, employer = ''] = k.split('\u0000');
			if (segId !== seg.id) continue;
			const id = segmentKey(seg.id, employer, employers);
			const patterns = new Map<string, { band: string; hours: number; n: number }>();
			for (const r of list) {
				const hours = clean(round(r.hoursPerDay, 0.5));
				const pk = `${r.band}@${hours}`;
				const p = patterns.get(pk);
				if (p) p.n++;
				else patterns.set(pk, { band: r.band, hours, n: 1 });
			}
			const fragment: SegmentFragment = {
				id,
				name: segmentName(seg.name, employer),
				headcount: list.length,
				status: seg.employment,
				patterns: [...patterns.values()]
					.sort((a, b) => a.band.localeCompare(b.band) || a.hours - b.hours)
					.map((p, i) => ({
						id: `p${i + 1}`,
						name: `${bands.get(p.band)?.name ?? p.band} ${p.hours} 小时`,
						share: p.n / list.length,
						hours: { [p.band]: p.hours }
					})),
				productivity: distribution(list.map((r) => clean(round(multiplierOf(r, bands), 0.05)))).map(
					(d) => ({ multiplier: d.value, share: d.share })
				),
				daysPerMonth: distribution(list.map((r) => Math.round(r.daysPerMonth))).map((d) => ({
					days: d.value,
					share: d.share
				}))
			};
			if (employer) fragment.employer = employers.get(employer) as string;
			out.push(fragment);
		}
	}
	return out;
}

const toFen = (yuan: number) => Math.round(yuan * 100) / 100;

function groupOf(
	id: string,
	name: string,
	list: PayrollRecord[],
	allowanceNames: string[],
	exact: boolean
): Group {
	const n = list.length;
	const first = list[0] as PayrollRecord;
	// Individual records keep their amounts as written; a summary's means are rounded to the fen.
	const mean = (f: (r: PayrollRecord) => number) => {
		const m = list.reduce((s, r) => s + f(r), 0) / n;
		return exact ? m : toFen(m);
	};
	const withHours = list.filter((r) => r.hoursPerMonth !== null);
	const g: Group = {
		id,
		name,
		headcount: n,
		base: mean((r) => r.base),
		post: mean((r) => r.post),
		skillLevel: first.skillLevel,
		tenure:
			n === 1
				? { meanYears: first.tenureYears }
				: {
						distribution: distribution(list.map((r) => Math.round(r.tenureYears))).map((d) => ({
							years: d.value,
							share: d.share
						}))
					},
		bonus: mean((r) => r.bonus),
		allowances: allowanceNames.map((a, i) => ({
			id: `a${i + 1}`,
			name: a,
			yuan: mean((r) => r.allowances[i] ?? 0),
			countsTowardMinimum: false
		})),
		overtime: {
			workday: clean(list.reduce((s, r) => s + r.overtimeHours, 0) / n),
			restDay: 0,
			holiday: 0
		},
		heatExposed: false,
		employment: first.employment
	};
	if (withHours.length > 0)
		g.hoursPerMonth = clean(
			withHours.reduce((s, r) => s + (r.hoursPerMonth ?? 0), 0) / withHours.length
		);
	return g;
}

/** I15: 技能工资 per level, the mean of the rows that state it, to the fen. */
function skillWageOf(records: PayrollRecord[]): Record<string, number> | undefined {
	const sums = new Map<string, { s: number; n: number }>();
	for (const r of records) {
		if (r.skillWage === null) continue;
		const e = sums.get(r.skillLevel) ?? { s: 0, n: 0 };
		e.s += r.skillWage;
		e.n++;
		sums.set(r.skillLevel, e);
	}
	if (sums.size === 0) return undefined;
	return Object.fromEntries([...sums].map(([k, e]) => [k, toFen(e.s / e.n)]));
}

/**
 * I14: payroll rows kept one group (one payslip) per worker, or summarised into one group per
 * 班组/岗位, skill level and employment status, with tenure as a distribution of whole years.
 */
function payrollGroups(
	records: PayrollRecord[],
	mode: ImportMode,
	allowanceNames: string[]
): Group[] {
	if (mode === 'individual')
		return records.map((r) =>
			groupOf(`w${r.row}`, r.name || r.workerId || `第 ${r.row} 行`, [r], allowanceNames, true)
		);
	const byKey = new Map<string, PayrollRecord[]>();
	for (const r of records) {
		const k = `${r.group}\u0000${r.skillLevel}\u0000${r.employment}`;
		const list = byKey.get(k);
		if (list) list.push(r);
		else byKey.set(k, [r]);
	}
	return [...byKey.values()].map((list, i) => {
		const r = list[0] as PayrollRecord;
		const name = r.skillLevel === 'none' ? r.group : `${r.group}（${r.skillLevel}）`;
		return groupOf(`g${i + 1}`, name, list, allowanceNames, false);
	});
}

export function buildRiderFragment(
	records: RiderRecord[],
	mode: ImportMode,
	ctx: ImportContext
): PopulationFragment {
	const employers = employersOf(records);
	return {
		kind: 'rider',
		mode,
		workers: records.length,
		segments:
			mode === 'individual'
				? riderIndividuals(records, ctx, employers)
				: riderSummary(records, ctx, employers),
		employers: [...employers].map(([name, id]) => ({ id, name }))
	};
}

/** `allowanceNames`: the header of each allowance column, in column order. */
export function buildPayrollFragment(
	records: PayrollRecord[],
	mode: ImportMode,
	allowanceNames: string[]
): PopulationFragment {
	const skillWage = skillWageOf(records);
	return {
		kind: 'payroll',
		mode,
		workers: records.length,
		groups: payrollGroups(records, mode, allowanceNames),
		...(skillWage ? { skillWage } : {})
	};
}

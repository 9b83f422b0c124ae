/**
 * A piece-rate population as segments (P40–P43). A case either lists `pieceRate.segments` (专送
 * full-time riders, 众包 crowd riders, part-timers, or individual records), or keeps the legacy
 * form, `workforce` + one `population`, which is read here as two segments sharing its
 * distributions: the labour-contract share and everyone else. The engine, the sweeps and the
 * UIs read the population only through `pieceSegments`, so both forms cost alike.
 *
 * @example
 *   for (const s of pieceSegments(scenario.pieceRate)) console.log(s.id, s.headcount, s.status);
 */
import type { EmploymentStatus, PieceRate } from './scenario.ts';

type Population = NonNullable<PieceRate['population']>;

export interface PieceSegment {
	id: string;
	name: string;
	/** Workers in the segment; a legacy split may be fractional (headcount × employee share). */
	headcount: number;
	status: EmploymentStatus;
	hasLabourContract: boolean;
	employer?: string;
	/** Results are reported per cohort (P43); the segment's own id unless it names one. */
	cohort: string;
	patterns: Population['patterns'];
	productivity: Population['productivity'];
	daysPerMonth: Population['daysPerMonth'];
}

export interface SegmentedPopulation {
	segments: PieceSegment[];
	/** Whole population (legacy: `workforce.headcount`; segments: the sum). */
	headcount: number;
	/** Distinct cohorts in first-seen order; `cohortOf[i]` is segment i's index into it. */
	cohorts: string[];
	cohortOf: Int32Array;
	/** Number of day cells (pattern × productivity) and month cells (× days), for buffers. */
	dayCells: number;
	monthCells: number;
	reference: { segment: number; pattern: string; multiplier: number; days: number };
}

// Terms are applied copy-on-write, so the arrays and objects read here identify their content.
const bySegments = new WeakMap<object, SegmentedPopulation>();
const byLegacy = new WeakMap<object, WeakMap<object, SegmentedPopulation>>();

/**
 * P40, P60: the population's segments, whichever form the case uses (memoised per content).
 * Where the case names employers with shares, every segment without an employer is split
 * among them by share (same cohort, headcount × share), so each worker has one employer.
 */
export function pieceSegments(p: PieceRate): SegmentedPopulation {
	const base = ownSegments(p);
	const shares = (p.employers ?? []).filter((e) => e.share !== undefined);
	if (shares.length === 0 || base.segments.every((s) => s.employer !== undefined)) return base;
	const key = shares.map((e) => `${e.id}:${e.share}`).join(',');
	let byKey = splitCache.get(base);
	if (!byKey) splitCache.set(base, (byKey = new Map()));
	let r = byKey.get(key);
	if (!r) {
		const segments: PieceSegment[] = [];
		for (const s of base.segments) {
			if (s.employer !== undefined) segments.push(s);
			else
				for (const e of shares)
					segments.push({
						...s,
						id: `${s.id}@${e.id}`,
						headcount: s.headcount * (e.share as number),
						employer: e.id
					});
		}
		const seg = base.segments[base.reference.segment];
		const refIndex = Math.max(
			0,
			segments.findIndex((x) => x.id === seg?.id || x.id.startsWith(`${seg?.id}@`))
		);
		byKey.set(
			key,
			(r = finish(segments, base.headcount, { ...base.reference, segment: refIndex }))
		);
	}
	return r;
}

const splitCache = new WeakMap<SegmentedPopulation, Map<string, SegmentedPopulation>>();

function ownSegments(p: PieceRate): SegmentedPopulation {
	if (p.segments) {
		let r = bySegments.get(p.segments);
		if (!r) bySegments.set(p.segments, (r = fromSegments(p)));
		else if (p.reference && !sameReference(r, p)) r = { ...r, reference: referenceOf(p, r) };
		return r;
	}
	const pop = p.population;
	const wf = p.workforce;
	if (!pop || !wf) return finish([], 0, { segment: 0, pattern: '', multiplier: 1, days: 0 });
	let inner = byLegacy.get(pop);
	if (!inner) byLegacy.set(pop, (inner = new WeakMap()));
	let r = inner.get(wf);
	if (!r) inner.set(wf, (r = fromLegacy(pop, wf)));
	return r;
}

/** P40: the legacy form is two segments with the same distributions. */
function fromLegacy(pop: Population, wf: NonNullable<PieceRate['workforce']>): SegmentedPopulation {
	const n = wf.headcount;
	const employees = n * wf.employeeShare;
	const shared = {
		patterns: pop.patterns,
		productivity: pop.productivity,
		daysPerMonth: pop.daysPerMonth
	};
	const segments: PieceSegment[] = [
		{
			id: 'employees',
			name: '签订劳动合同的劳动者',
			headcount: employees,
			status: wf.employeeStatus,
			hasLabourContract: true,
			cohort: 'employees',
			...shared
		},
		{
			id: 'others',
			name: wf.otherStatus === 'platform' ? '平台劳动者' : '非全日制劳动者',
			headcount: n - employees,
			status: wf.otherStatus,
			hasLabourContract: false,
			cohort: 'others',
			...shared
		}
	];
	return finish(segments, n, {
		segment: wf.employeeShare > 0 ? 0 : 1,
		pattern: pop.reference.pattern,
		multiplier: pop.reference.multiplier,
		days: pop.reference.days
	});
}

function fromSegments(p: PieceRate): SegmentedPopulation {
	const segments: PieceSegment[] = (p.segments ?? []).map((s) => ({
		id: s.id,
		name: s.name,
		headcount: s.headcount,
		status: s.status,
		hasLabourContract: s.hasLabourContract ?? s.status !== 'platform',
		...(s.employer !== undefined ? { employer: s.employer } : {}),
		cohort: s.cohort ?? s.id,
		patterns: s.patterns,
		productivity: s.productivity,
		daysPerMonth: s.daysPerMonth
	}));
	let n = 0;
	for (const s of segments) n += s.headcount;
	const r = finish(segments, n, { segment: 0, pattern: '', multiplier: 1, days: 0 });
	r.reference = referenceOf(p, r);
	return r;
}

/**
 * P41: the reference worker of the segment form: `pieceRate.reference`, else the first segment
 * with workers, its most common pattern and days, multiplier 1.
 */
function referenceOf(p: PieceRate, r: SegmentedPopulation): SegmentedPopulation['reference'] {
	const ref = p.reference;
	if (ref) {
		const i = r.segments.findIndex((s) => s.id === ref.segment);
		if (i >= 0)
			return { segment: i, pattern: ref.pattern, multiplier: ref.multiplier, days: ref.days };
	}
	const i = Math.max(
		0,
		r.segments.findIndex((s) => s.headcount > 0)
	);
	const s = r.segments[i];
	const top = <T extends { share: number }>(xs: readonly T[] | undefined) =>
		xs?.reduce((a, x) => (x.share > a.share ? x : a), xs[0] as T);
	return {
		segment: i,
		pattern: top(s?.patterns)?.id ?? '',
		multiplier: 1,
		days: top(s?.daysPerMonth)?.days ?? 0
	};
}

function sameReference(r: SegmentedPopulation, p: PieceRate): boolean {
	const ref = p.reference;
	if (!ref) return true;
	const x = r.reference;
	return (
		r.segments[x.segment]?.id === ref.segment &&
		x.pattern === ref.pattern &&
		x.multiplier === ref.multiplier &&
		x.days === ref.days
	);
}

function finish(
	segments: PieceSegment[],
	headcount: number,
	reference: SegmentedPopulation['reference']
): SegmentedPopulation {
	const index = new Map<string, number>();
	const cohorts: string[] = [];
	const cohortOf = new Int32Array(segments.length);
	let dayCells = 0;
	let monthCells = 0;
	segments.forEach((s, i) => {
		let k = index.get(s.cohort);
		if (k === undefined) {
			k = cohorts.length;
			index.set(s.cohort, k);
			cohorts.push(s.cohort);
		}
		cohortOf[i] = k;
		const d = s.patterns.length * s.productivity.length;
		dayCells += d;
		monthCells += d * s.daysPerMonth.length;
	});
	return { segments, headcount, cohorts, cohortOf, dayCells, monthCells, reference };
}

/**
 * The studio's piece-rate population and payroll groups (K60–K64 in server/SPEC.md): what the
 * population import gets from the case (time bands, known segments), where an applied import goes
 * in the document, the legacy population turned into segments, and the summary that stands in for
 * many imported individual records. Plain functions on the JSON document, valid or not, so each
 * change is one `ed.change` (one undo step).
 */
import {
	DEFAULT_SEGMENTS,
	type ImportContext,
	type ImportSegment,
	type PopulationFragment
} from '$lib/domain/population-import/index.ts';
import { m } from '$lib/paraglide/messages.js';

type Row = Record<string, unknown>;
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const STATUSES = new Set(['full-time', 'part-time', 'platform']);

/**
 * K60: an imported individual record is a segment of one worker with one value per distribution
 * that reports under a cohort other than its own id (I11); anything else is edited as a segment.
 */
export function isRecord(s: Row): boolean {
	return (
		s.headcount === 1 &&
		typeof s.cohort === 'string' &&
		s.cohort !== s.id &&
		rows(s.patterns).length === 1 &&
		rows(s.productivity).length <= 1 &&
		rows(s.daysPerMonth).length === 1
	);
}

/**
 * K60: what rider rows may refer to: the case's time bands, the usual 专送/众包/兼职 segments and
 * the case's own segments (not individual records), the case's first taking precedence.
 */
export function riderContext(pieceRate: Row | undefined): ImportContext {
	const named = rows(pieceRate?.bands)
		.filter((b) => str(b.id) !== '')
		.map((b) => ({
			id: str(b.id),
			name: str(b.name) || str(b.id),
			unitsPerHour: num(b.unitsPerHour)
		}));
	// A sheet says 高峰 where the case says 高峰（12–14、18–20 时）: the name without its bracketed
	// note is an alias, unless another band already goes by it.
	const taken0 = new Set(named.flatMap((b) => [b.id, b.name]));
	const bands = named.map((b) => {
		const short = b.name.replace(/\s*[（(][^（()）]*[)）]\s*$/, '');
		return short !== b.name && short !== '' && !taken0.has(short) ? { ...b, aliases: [short] } : b;
	});
	const own: ImportSegment[] = rows(pieceRate?.segments)
		.filter((s) => !isRecord(s) && str(s.id) !== '' && STATUSES.has(str(s.status)))
		.map((s) => ({
			id: str(s.id),
			name: str(s.name) || str(s.id),
			employment: s.status as ImportSegment['employment']
		}));
	const taken = new Set(own.flatMap((s) => [s.id, s.name]));
	const segments = [
		...own,
		...DEFAULT_SEGMENTS.filter((s) => !taken.has(s.id) && !taken.has(s.name))
	];
	// A band with orders per hour carries output; the first such is where rows without a band go.
	const defaultBand = (bands.find((b) => b.unitsPerHour > 0) ?? bands[0])?.id ?? '';
	const defaultSegment = segments.find((s) => s.employment === 'platform')?.id ?? segments[0]!.id;
	return { bands, defaultBand, segments, defaultSegment };
}

/**
 * K61: rider rows replace the population: `segments` take the fragment's, the legacy
 * `workforce` + `population` and a reference to a segment that is gone are dropped (a case gives
 * one form, P40); employers the sheet names replace the case's, otherwise the case's stay.
 */
export function applyRiders(
	pieceRate: Row,
	fragment: Extract<PopulationFragment, { kind: 'rider' }>
): Row {
	const next: Row = { ...pieceRate, segments: fragment.segments };
	delete next.workforce;
	delete next.population;
	const ref = next.reference as Row | undefined;
	if (ref && !fragment.segments.some((s) => s.id === ref.segment)) delete next.reference;
	if (fragment.employers.length > 0) next.employers = fragment.employers;
	return next;
}

/**
 * K62: payroll rows replace the enterprise's groups. A level the sheet names by its Chinese name
 * (中级) is the case's level with that name (a skill-ladder term's labels: mid → 中级); a 技能工资
 * column updates those levels and keeps the others; a level no skill wage names gets 0 for the
 * author to fill in; a term driving the skill ladder takes the new ladder as its current value
 * (K52). A case without an enterprise gets `base` (the usual pay rules).
 */
export function applyPayroll(
	doc: Row,
	fragment: Extract<PopulationFragment, { kind: 'payroll' }>,
	base: () => Row
): Row {
	const ent = (doc.enterprise as Row | undefined) ?? base();
	const terms = rows(doc.terms);
	const ladder = (t: Row) => t.drives === 'enterprise.skillWage';
	const code = new Map<string, string>();
	for (const t of terms.filter(ladder))
		for (const [k, name] of Object.entries((t.labels as Record<string, unknown>) ?? {}))
			if (typeof name === 'string') code.set(name, k);
	const level = (l: string) => code.get(l) ?? l;
	const groups = fragment.groups.map((g) =>
		typeof g.skillLevel === 'string' ? { ...g, skillLevel: level(g.skillLevel) } : g
	);
	const skill: Record<string, unknown> = { ...((ent.skillWage as Row | undefined) ?? {}) };
	for (const [l, yuan] of Object.entries(fragment.skillWage ?? {})) skill[level(l)] = yuan;
	for (const g of groups)
		if (typeof g.skillLevel === 'string' && !(g.skillLevel in skill)) skill[g.skillLevel] = 0;
	return {
		...doc,
		enterprise: { ...ent, groups, skillWage: skill },
		...(Array.isArray(doc.terms)
			? {
					terms: terms.map((t) => (ladder(t) && t.kind === 'table' ? { ...t, current: skill } : t))
				}
			: {})
	};
}

/**
 * K63: the legacy population as the two segments it reads as (P40): those with a labour contract
 * (headcount × employee share, rounded to whole workers) and the rest, each with the population's
 * distributions; the reference pattern, multiplier and days carry over.
 */
export function legacyToSegments(pieceRate: Row): Row {
	const wf = (pieceRate.workforce as Row | undefined) ?? {};
	const pop = (pieceRate.population as Row | undefined) ?? {};
	const n = Math.round(num(wf.headcount));
	const employees = Math.round(n * num(wf.employeeShare));
	const shared = {
		patterns: pop.patterns ?? [],
		productivity: pop.productivity ?? [{ multiplier: 1, share: 1 }],
		daysPerMonth: pop.daysPerMonth ?? []
	};
	const otherStatus = str(wf.otherStatus) || 'platform';
	const segments: Row[] = [
		{
			id: 'employees',
			name: m.studio2_seg_employees(),
			headcount: employees,
			status: str(wf.employeeStatus) || 'full-time',
			hasLabourContract: true,
			...structuredClone(shared)
		},
		{
			id: 'others',
			name: otherStatus === 'platform' ? m.studio2_seg_platform() : m.studio2_seg_part_time(),
			headcount: n - employees,
			status: otherStatus,
			hasLabourContract: false,
			...structuredClone(shared)
		}
	];
	const next: Row = { ...pieceRate, segments };
	delete next.workforce;
	delete next.population;
	const ref = pop.reference as Row | undefined;
	if (ref)
		next.reference = {
			segment: employees > 0 ? 'employees' : 'others',
			pattern: ref.pattern,
			multiplier: ref.multiplier,
			days: ref.days
		};
	return next;
}

export interface Cohort {
	cohort: string;
	name: string;
	status: string;
	/** Imported records in it. */
	records: number;
	/** Mean online hours per day, days per month and output multiplier over its records. */
	hours: number;
	days: number;
	multiplier: number;
}

/**
 * K60: many individual records are shown as one line per cohort (kind of rider), never one
 * editable row per worker: count, mean hours, days and output.
 */
export function cohortsOf(segments: readonly Row[]): Cohort[] {
	const by = new Map<string, Cohort & { n: number }>();
	for (const s of segments) {
		if (!isRecord(s)) continue;
		const key = str(s.cohort);
		let c = by.get(key);
		if (!c) {
			// Records are named after their kind, "众包" or "众包 · 顺达" (I11).
			c = {
				cohort: key,
				name: str(s.name) || key,
				status: str(s.status),
				records: 0,
				hours: 0,
				days: 0,
				multiplier: 0,
				n: 0
			};
			by.set(key, c);
		}
		const hours = Object.values(
			(rows(s.patterns)[0]?.hours as Row | undefined) ?? {}
		).reduce<number>((a, h) => a + num(h), 0);
		c.records++;
		c.hours += hours;
		c.days += num(rows(s.daysPerMonth)[0]?.days);
		c.multiplier += num(rows(s.productivity)[0]?.multiplier ?? 1);
	}
	return [...by.values()].map(({ n: _n, ...c }) => ({
		...c,
		hours: c.hours / c.records,
		days: c.days / c.records,
		multiplier: c.multiplier / c.records
	}));
}

/**
 * K60: removes segments (one cohort's records, or one segment) in one step; a reference to a
 * removed segment is dropped so the default reference (P41) applies. Removing every segment of
 * a case that had them leaves an empty list, reported at its field.
 */
export function removeSegments(pieceRate: Row, drop: (s: Row, i: number) => boolean): Row {
	const kept = rows(pieceRate.segments).filter((s, i) => !drop(s, i));
	const next: Row = { ...pieceRate, segments: kept };
	const ref = next.reference as Row | undefined;
	if (ref && !kept.some((s) => s.id === ref.segment)) delete next.reference;
	return next;
}

/** A new segment: valid by itself, one 8-hour pattern in the first band, 22 days. */
export function newSegment(pieceRate: Row): Row {
	const segs = rows(pieceRate.segments);
	const ids = new Set(segs.map((s) => s.id));
	let n = segs.filter((s) => !isRecord(s)).length + 1;
	while (ids.has(`seg${n}`)) n++;
	const band = str(rows(pieceRate.bands)[0]?.id);
	return {
		id: `seg${n}`,
		name: m.studio2_new_segment(),
		headcount: 100,
		status: 'platform',
		patterns: [
			{ id: 'p1', name: m.studio2_new_pattern_8h(), share: 1, hours: band ? { [band]: 8 } : {} }
		],
		productivity: [{ multiplier: 1, share: 1 }],
		daysPerMonth: [{ days: 22, share: 1 }]
	};
}

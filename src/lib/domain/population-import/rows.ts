/**
 * Row checks (I4–I9 in SPEC.md): every data row of a sheet becomes a record or a list of
 * problems, each naming the row as the spreadsheet numbers it (the header is row 1) and the
 * reason in Chinese. Nothing is built from a sheet while any row it keeps has a problem (I10):
 * the user fixes the row or excludes it explicitly.
 */
import type { EmploymentStatus } from '../scenario.ts';
import { FIELD_LABELS, type ColumnMapping, type ImportField } from './fields.ts';

/** A time band of the case (`pieceRate.bands`): imported hours land in one of them. */
export interface ImportBand {
	id: string;
	name: string;
	unitsPerHour: number;
}

/** A segment rows may name, by its name, id or one of its aliases (专送, 众包 …). */
export interface ImportSegment {
	id: string;
	name: string;
	employment: EmploymentStatus;
	aliases?: string[];
}

/** What the case already defines that rows refer to. */
export interface ImportContext {
	bands: ImportBand[];
	/** Band for rows without a time band column or with an empty cell. */
	defaultBand: string;
	segments: ImportSegment[];
	/** Segment for rows without a segment column or with an empty cell. */
	defaultSegment: string;
}

/** The segments a delivery case usually has (I7): 专送 full-time, 众包 crowd, 兼职 part-time. */
export const DEFAULT_SEGMENTS: ImportSegment[] = [
	{ id: 'dedicated', name: '专送', employment: 'full-time', aliases: ['专送骑手', '全职', '专职'] },
	{ id: 'crowd', name: '众包', employment: 'platform', aliases: ['众包骑手', '乐跑', '灵活'] },
	{ id: 'part-time', name: '兼职', employment: 'part-time', aliases: ['兼职骑手', '非全日制'] }
];

export interface RowProblem {
	/** Row number as the spreadsheet shows it (header = 1). */
	row: number;
	field: ImportField | null;
	message: string;
}

export interface RiderRecord {
	row: number;
	workerId: string;
	name: string;
	segment: string;
	employer: string;
	band: string;
	hoursPerDay: number;
	daysPerMonth: number;
	unitsPerDay: number;
}

export interface PayrollRecord {
	row: number;
	workerId: string;
	name: string;
	group: string;
	employment: EmploymentStatus;
	tenureYears: number;
	skillLevel: string;
	hoursPerMonth: number | null;
	overtimeHours: number;
	base: number;
	post: number;
	skillWage: number | null;
	bonus: number;
	/** One amount per allowance column, in column order. */
	allowances: number[];
}

export interface CheckResult<R> {
	records: R[];
	problems: RowProblem[];
	/** Rows left out: blank, or excluded by the user. */
	skipped: number;
}

const FULLWIDTH = /[０-９．－]/g;
/** A unit or currency sign users type after or before a figure. */
const UNIT = /^[¥￥]|(小时|个小时|时|h|hr|天|日|d|单|件|元|年|岁|月)$/i;

/**
 * I5: a number as people type it in spreadsheets: thousands separators, full-width digits, a
 * currency sign or a trailing unit ("8小时", "1,200元") are accepted; anything else is not.
 */
export function parseNumber(raw: string): number | null {
	let s = raw.trim().replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
	s = s.replace(/[,，\s]/g, '').replace(UNIT, '');
	if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
	return Number(s);
}

interface Range {
	min: number;
	max: number;
	/** The lower bound itself is out (hours per day must be above 0). */
	aboveMin?: boolean;
	integer?: boolean;
}

/** I6: plausible ranges; a value outside is a typing or unit error (minutes for hours …). */
export const RANGES: Partial<Record<ImportField, Range>> = {
	hoursPerDay: { min: 0, max: 24, aboveMin: true },
	daysPerMonth: { min: 1, max: 31 },
	unitsPerDay: { min: 0, max: 300 },
	unitsPerHour: { min: 0, max: 30 },
	tenureYears: { min: 0, max: 60 },
	hoursPerMonth: { min: 0, max: 400 },
	overtimeHours: { min: 0, max: 200 },
	base: { min: 0, max: 1_000_000 },
	post: { min: 0, max: 1_000_000 },
	skillWage: { min: 0, max: 1_000_000 },
	bonus: { min: 0, max: 1_000_000 },
	allowance: { min: 0, max: 1_000_000 }
};

function rangeText(r: Range): string {
	return `${r.aboveMin ? '大于' : '不小于'} ${r.min}、不大于 ${r.max}`;
}

const EMPLOYMENT: Record<string, EmploymentStatus> = {
	全日制: 'full-time',
	全职: 'full-time',
	劳动合同: 'full-time',
	'full-time': 'full-time',
	非全日制: 'part-time',
	兼职: 'part-time',
	'part-time': 'part-time',
	平台: 'platform',
	众包: 'platform',
	灵活用工: 'platform',
	platform: 'platform'
};

/** Reads one row's cells by field, collecting that row's problems. */
class RowReader {
	problems: RowProblem[] = [];
	constructor(
		private readonly cells: readonly string[],
		private readonly columns: Map<ImportField, number[]>,
		readonly row: number
	) {}

	text(f: ImportField): string {
		const i = this.columns.get(f)?.[0];
		return i === undefined ? '' : (this.cells[i] ?? '').trim();
	}

	problem(f: ImportField | null, message: string): void {
		this.problems.push({ row: this.row, field: f, message });
	}

	/** A number from a column, or null when the column is not mapped or (if optional) blank. */
	number(f: ImportField, required: boolean, column?: number): number | null {
		const i = column ?? this.columns.get(f)?.[0];
		if (i === undefined) return null;
		const raw = (this.cells[i] ?? '').trim();
		if (raw === '') {
			if (required) this.problem(f, `「${FIELD_LABELS[f]}」为空`);
			return null;
		}
		const n = parseNumber(raw);
		if (n === null) {
			this.problem(f, `「${FIELD_LABELS[f]}」不是数字：「${raw}」`);
			return null;
		}
		const r = RANGES[f];
		if (r && (n > r.max || (r.aboveMin ? n <= r.min : n < r.min))) {
			this.problem(f, `「${FIELD_LABELS[f]}」为 ${raw}，超出范围（应${rangeText(r)}）`);
			return null;
		}
		return n;
	}
}

function columnsOf(mapping: ColumnMapping): Map<ImportField, number[]> {
	const m = new Map<ImportField, number[]>();
	mapping.forEach((f, i) => {
		if (f !== null) m.set(f, [...(m.get(f) ?? []), i]);
	});
	return m;
}

function isBlank(cells: readonly string[]): boolean {
	for (const c of cells) if (c.trim() !== '') return false;
	return true;
}

/** Lookup by id, name or alias, case-insensitively and ignoring spaces. */
function lookup<T extends { id: string; name: string; aliases?: string[] }>(
	items: readonly T[]
): Map<string, T> {
	const m = new Map<string, T>();
	const key = (s: string) => s.replace(/\s/g, '').toLowerCase();
	for (const it of items)
		for (const k of [it.id, it.name, ...(it.aliases ?? [])]) m.set(key(k), it);
	return m;
}
const lookupKey = (s: string) => s.replace(/\s/g, '').toLowerCase();

/** The shared loop (I4): numbering, blank and excluded rows, duplicate worker ids (I8). */
function checkRows<R>(
	rows: readonly (readonly string[])[],
	mapping: ColumnMapping,
	excluded: ReadonlySet<number>,
	read: (r: RowReader) => R | null
): CheckResult<R> {
	const columns = columnsOf(mapping);
	const records: R[] = [];
	const problems: RowProblem[] = [];
	const ids = new Map<string, number>();
	let skipped = 0;
	for (let i = 0; i < rows.length; i++) {
		const row = i + 2;
		const cells = rows[i] ?? [];
		if (excluded.has(row) || isBlank(cells)) {
			skipped++;
			continue;
		}
		const r = new RowReader(cells, columns, row);
		const id = r.text('workerId');
		if (id !== '') {
			const first = ids.get(id);
			if (first !== undefined) r.problem('workerId', `工号「${id}」重复（与第 ${first} 行相同）`);
			else ids.set(id, row);
		}
		const rec = read(r);
		if (r.problems.length > 0) for (const p of r.problems) problems.push(p);
		else if (rec !== null) records.push(rec);
	}
	return { records, problems, skipped };
}

/**
 * I4–I8 for rider rows: hours, days and output are required numbers in range; the output is
 * orders per day, or orders per hour × hours; the segment and the time band must be ones the
 * case knows.
 */
export function checkRiderRows(
	rows: readonly (readonly string[])[],
	mapping: ColumnMapping,
	ctx: ImportContext,
	excluded: ReadonlySet<number> = new Set()
): CheckResult<RiderRecord> {
	const segments = lookup(ctx.segments);
	const bands = lookup(ctx.bands);
	const segmentNames = ctx.segments.map((s) => s.name).join('、');
	const bandNames = ctx.bands.map((b) => b.name).join('、');
	return checkRows(rows, mapping, excluded, (r) => {
		const hours = r.number('hoursPerDay', true);
		const days = r.number('daysPerMonth', true);
		const perDay = r.number('unitsPerDay', true);
		const perHour = r.number('unitsPerHour', true);
		const segText = r.text('segment');
		const segment = segText === '' ? ctx.defaultSegment : segments.get(lookupKey(segText))?.id;
		if (segment === undefined)
			r.problem('segment', `未知的分组「${segText}」（可用：${segmentNames}）`);
		const bandText = r.text('band');
		const band = bandText === '' ? ctx.defaultBand : bands.get(lookupKey(bandText))?.id;
		if (band === undefined) r.problem('band', `未知的时段「${bandText}」（可用：${bandNames}）`);
		const units = perDay ?? (perHour !== null && hours !== null ? perHour * hours : null);
		if (
			units !== null &&
			units > 0 &&
			band !== undefined &&
			(ctx.bands.find((b) => b.id === band)?.unitsPerHour ?? 0) === 0
		)
			r.problem('band', `时段「${bandText || band}」的每小时单量为 0，无法折算出单效率`);
		if (hours === null || days === null || units === null || !segment || !band) return null;
		return {
			row: r.row,
			workerId: r.text('workerId'),
			name: r.text('name'),
			segment,
			employer: r.text('employer'),
			band,
			hoursPerDay: hours,
			daysPerMonth: days,
			unitsPerDay: units
		};
	});
}

/**
 * I4–I8 for payroll rows: a group (班组/岗位) and a base wage are required; other pay components
 * and hours are optional numbers in range (blank = 0, or unknown for monthly hours).
 */
export function checkPayrollRows(
	rows: readonly (readonly string[])[],
	mapping: ColumnMapping,
	excluded: ReadonlySet<number> = new Set()
): CheckResult<PayrollRecord> {
	const allowanceColumns = columnsOf(mapping).get('allowance') ?? [];
	return checkRows(rows, mapping, excluded, (r) => {
		const group = r.text('group');
		if (group === '') r.problem('group', `「${FIELD_LABELS.group}」为空`);
		const base = r.number('base', true);
		const empText = r.text('employment');
		const employment = empText === '' ? 'full-time' : EMPLOYMENT[lookupKey(empText)];
		if (employment === undefined)
			r.problem('employment', `未知的用工形式「${empText}」（可用：全日制、非全日制、平台）`);
		const tenure = r.number('tenureYears', false) ?? 0;
		const hoursPerMonth = r.number('hoursPerMonth', false);
		const overtime = r.number('overtimeHours', false) ?? 0;
		const post = r.number('post', false) ?? 0;
		const skillWage = r.number('skillWage', false);
		const bonus = r.number('bonus', false) ?? 0;
		const allowances = allowanceColumns.map((c) => r.number('allowance', false, c) ?? 0);
		if (group === '' || base === null || employment === undefined) return null;
		return {
			row: r.row,
			workerId: r.text('workerId'),
			name: r.text('name'),
			group,
			employment,
			tenureYears: tenure,
			skillLevel: r.text('skillLevel') || 'none',
			hoursPerMonth,
			overtimeHours: overtime,
			base,
			post,
			skillWage,
			bonus,
			allowances
		};
	});
}

/**
 * Population import from a spreadsheet (人员导入, I1–I16 in SPEC.md): header guesses, row checks
 * and the fragment a case takes. Pure: the file reading lives in `src/lib/import`, the preview in
 * `components/import`. A host calls `guessKind` and `guessMapping` on the header row, lets the user
 * confirm the mapping, then `checkSheet` and, once no kept row has a problem, `buildFragment`.
 */
import type { ImportMode, PopulationFragment } from './build.ts';
import { buildPayrollFragment, buildRiderFragment } from './build.ts';
import { mappingProblems, type ColumnMapping, type ImportKind } from './fields.ts';
import {
	checkPayrollRows,
	checkRiderRows,
	type CheckResult,
	type ImportContext,
	type PayrollRecord,
	type RiderRecord,
	type RowProblem
} from './rows.ts';

export * from './fields.ts';
export * from './rows.ts';
export * from './build.ts';

export interface Sheet {
	/** The first row of the sheet. */
	headers: string[];
	/** Every row after the header, blank rows included so row numbers stay the sheet's (row i is number i + 2). */
	rows: string[][];
}

export type SheetCheck =
	| { kind: 'rider'; result: CheckResult<RiderRecord> }
	| { kind: 'payroll'; result: CheckResult<PayrollRecord> };

/** I3, I4: the mapping's own problems (no row is read until it is complete), else every row's. */
export function checkSheet(
	sheet: Sheet,
	kind: ImportKind,
	mapping: ColumnMapping,
	ctx: ImportContext,
	excluded: ReadonlySet<number> = new Set()
): { mappingProblems: string[]; check: SheetCheck | null } {
	const mp = mappingProblems(kind, mapping);
	if (mp.length > 0) return { mappingProblems: mp, check: null };
	return {
		mappingProblems: [],
		check:
			kind === 'rider'
				? { kind, result: checkRiderRows(sheet.rows, mapping, ctx, excluded) }
				: { kind, result: checkPayrollRows(sheet.rows, mapping, excluded) }
	};
}

/**
 * I10: the fragment, only when no kept row has a problem and at least one row is kept; otherwise
 * the problems, and nothing is built.
 */
export function buildFragment(
	sheet: Sheet,
	check: SheetCheck,
	mapping: ColumnMapping,
	mode: ImportMode,
	ctx: ImportContext
): { ok: true; fragment: PopulationFragment } | { ok: false; problems: RowProblem[] } {
	const { problems } = check.result;
	if (problems.length > 0) return { ok: false, problems };
	if (check.result.records.length === 0)
		return { ok: false, problems: [{ row: 0, field: null, message: '没有可导入的数据行' }] };
	if (check.kind === 'rider')
		return { ok: true, fragment: buildRiderFragment(check.result.records, mode, ctx) };
	const allowanceNames = mapping.flatMap((f, i) =>
		f === 'allowance' ? [sheet.headers[i]?.trim() || `津贴${i + 1}`] : []
	);
	return { ok: true, fragment: buildPayrollFragment(check.result.records, mode, allowanceNames) };
}

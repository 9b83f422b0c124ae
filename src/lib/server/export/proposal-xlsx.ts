/**
 * A proposal workspace as an Excel workbook (server/SPEC.md WS9): a sheet per version with its
 * terms and results, and a comparison sheet. Numbers go in as numbers (yuan with two decimals,
 * shares as percentages), text as text: a cell is a formula only when this code writes one, so
 * a version named `=HYPERLINK(…)` stays a string however Excel opens it.
 */
import type { Workbook, Worksheet } from 'exceljs';
import {
	fenToYuan,
	isShareUnit,
	termDiff,
	versionResults,
	type ResolvedScenario,
	type Term,
	type VersionResults
} from '../../domain/index.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface WorkbookVersion {
	name: string;
	rationale: string;
	values: Readonly<Record<string, unknown>>;
	/** Who set each term last, by term id. */
	by: Readonly<Record<string, string | null>>;
}

const YUAN = '#,##0.00';
const PCT = '0.0%';
type Cell = string | number | null;

/** A result figure as a row: label, value (yuan or share), and its number format. */
function resultRows(r: VersionResults): [string, number | null, string][] {
	const y = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);
	const unit = r.unitName ?? '单位';
	return [
		['平台/企业每月成本（元）', y(r.monthlyCostFen), YUAN],
		['较现行每月增加（元）', y(r.monthlyCostDeltaFen), YUAN],
		['全年成本（元）', y(r.annualCostFen), YUAN],
		['较现行全年增加（元）', y(r.annualCostDeltaFen), YUAN],
		[`每${unit}成本（元）`, y(r.costPerUnitFen), YUAN],
		['每工作小时收入 p10（元）', y(r.hourlyFen?.p10 ?? null), YUAN],
		['每工作小时收入 p50（元）', y(r.hourlyFen?.p50 ?? null), YUAN],
		['每工作小时收入 p90（元）', y(r.hourlyFen?.p90 ?? null), YUAN],
		['月收入 p10（元）', y(r.monthlyFen?.p10 ?? null), YUAN],
		['月收入 p50（元）', y(r.monthlyFen?.p50 ?? null), YUAN],
		['月收入 p90（元）', y(r.monthlyFen?.p90 ?? null), YUAN],
		['低于小时最低工资的比例', r.shareBelowHourlyMinimum, PCT],
		['小时保障补足成本（元/月）', y(r.topUpFen), YUAN],
		['违规提示（条）', r.findings.filter((f) => f.severity === 'violation').length, '0'],
		['风险提示（条）', r.findings.filter((f) => f.severity === 'warning').length, '0']
	];
}

/** A term's value as cells: a number stays a number (a share as a percentage), a choice its label. */
function termCells(t: Term, v: unknown): { label: string; value: Cell; fmt?: string }[] {
	const unit = 'unit' in t ? (t.unit ?? '') : '';
	const share = isShareUnit(unit);
	if (t.kind === 'table' && v && typeof v === 'object')
		return Object.entries(v as Record<string, number>).map(([k, x]) => ({
			label: `${t.title}（${t.labels?.[k] ?? k}）`,
			value: x,
			fmt: '0.00'
		}));
	if (typeof v === 'number') return [{ label: t.title, value: v, fmt: share ? PCT : '0.00' }];
	if (t.kind === 'choice')
		return [{ label: t.title, value: t.options.find((o) => o.value === v)?.label ?? String(v) }];
	if (t.kind === 'boolean') return [{ label: t.title, value: v ? '是' : '否' }];
	return [{ label: t.title, value: v === undefined || v === null ? '' : String(v) }];
}

/** Excel sheet names: ≤ 31 characters, none of `[]:*?/\`, unique in the workbook. */
function sheetName(wb: Workbook, wanted: string): string {
	const base = [...wanted.replace(/[[\]:*?/\\]/g, ' ').trim()].slice(0, 28).join('') || '方案';
	let name = base;
	for (let i = 2; wb.getWorksheet(name); i++) name = `${base}(${i})`;
	return name;
}

function addRows(ws: Worksheet, rows: Cell[][], formats: (string | undefined)[] = []): void {
	rows.forEach((r, i) => {
		const row = ws.addRow(r);
		const fmt = formats[i];
		if (fmt) row.eachCell((c) => typeof c.value === 'number' && (c.numFmt = fmt));
	});
}

export async function proposalXlsx(
	title: string,
	scenario: ResolvedScenario,
	versions: readonly WorkbookVersion[]
): Promise<Buffer> {
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	wb.creator = scenario.parties.labour.name;
	const results = versions.map((v) => versionResults(scenario, v.values));
	const current = versionResults(scenario, {});

	const info = wb.addWorksheet('说明');
	addRows(info, [
		['协商方案', title],
		['案例', scenario.title],
		['要约方', scenario.parties.labour.name],
		['受约方', scenario.parties.management.name],
		['方案数', versions.length],
		['说明', '金额单位为元；比例为百分数；测算方法见 docs/sources.md 与引擎规则 WS20–WS22。']
	]);
	info.getColumn(1).width = 14;
	info.getColumn(2).width = 70;

	versions.forEach((v, i) => {
		const ws = wb.addWorksheet(sheetName(wb, v.name));
		ws.addRow(['方案', v.name]).font = { bold: true };
		ws.addRow(['理由', v.rationale]);
		ws.addRow([]);
		ws.addRow(['议题', '本方案', '现行', '最后修改人']).font = { bold: true };
		for (const t of scenario.terms) {
			const mine = termCells(t, v.values[t.id] ?? t.current);
			const cur = termCells(t, t.current);
			mine.forEach((c, k) => {
				const row = ws.addRow([c.label, c.value, cur[k]?.value ?? null, v.by[t.id] ?? '']);
				if (c.fmt) for (const col of [2, 3]) row.getCell(col).numFmt = c.fmt;
			});
		}
		ws.addRow([]);
		ws.addRow(['测算结果', '本方案', '现行']).font = { bold: true };
		const mineRows = resultRows(results[i]!);
		const curRows = resultRows(current);
		mineRows.forEach(([label, value, fmt], k) =>
			addRows(ws, [[label, value, curRows[k]![1]]], [fmt])
		);
		ws.getColumn(1).width = 34;
		ws.getColumn(2).width = 22;
		ws.getColumn(3).width = 22;
		ws.getColumn(4).width = 14;
	});

	const cmp = wb.addWorksheet('方案对比');
	cmp.addRow(['议题', ...versions.map((v) => v.name), '是否不同']).font = { bold: true };
	for (const r of termDiff(
		scenario,
		versions.map((v) => v.values)
	))
		cmp.addRow([r.title, ...r.shown, r.differs ? '不同' : '相同']);
	cmp.addRow([]);
	cmp.addRow(['测算结果', '现行', ...versions.map((v) => v.name)]).font = { bold: true };
	const all = [current, ...results].map(resultRows);
	all[0]!.forEach(([label, , fmt], k) =>
		addRows(cmp, [[label, ...all.map((rows) => rows[k]![1])]], [fmt])
	);
	cmp.addRow([]);
	cmp.addRow(['多年度成本（元）', '现行', ...versions.map((v) => v.name)]).font = { bold: true };
	current.projection.forEach((y, k) =>
		addRows(
			cmp,
			[
				[
					`第 ${y.year} 年`,
					fenToYuan(y.currentEmployerCostFen),
					...results.map((r) => fenToYuan(r.projection[k]?.proposedEmployerCostFen ?? 0))
				]
			],
			[YUAN]
		)
	);
	cmp.getColumn(1).width = 34;
	for (let c = 2; c <= versions.length + 2; c++) cmp.getColumn(c).width = 24;

	return Buffer.from(await wb.xlsx.writeBuffer());
}

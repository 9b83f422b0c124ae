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
	meets,
	parseTarget,
	seekGoal,
	sweep,
	sweepGrid,
	sweepValues,
	termDiff,
	versionResults,
	type NumericMetric,
	type ResolvedScenario,
	type SweepRow,
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

/**
 * A kept sweep (WS30) as its sheet takes it: the question, on the terms of the version it was
 * kept on (the current terms when that version is gone).
 */
export interface WorkbookSweep {
	name: string;
	versionName: string;
	base: Readonly<Record<string, unknown>>;
	x: { term: string; from: number; to: number; step: number };
	y?: { term: string; from: number; to: number; step: number };
	metric?: string;
	target?: string;
}

/**
 * The limits the page keeps (WS11: 400 steps; a heat map 30 × 30), enforced again here, and a
 * budget for the whole workbook: about 1.1 ms a value on the food-delivery case, so 2,500 values
 * hold a download to some 3 s. The pricing runs on the server's one event loop but yields to it
 * every SLICE_MS of work (`sweepRows`), so live rooms on the same process keep answering while a
 * workbook is priced; a worker thread would take the work off the loop altogether, at the cost
 * of a second copy of the case in it.
 */
export const SWEEP_LIMITS = { lineValues: 400, axisValues: 30, workbookCells: 2500 } as const;

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

/** A sweep row's columns on its sheet: heading and number format, in `xs sweep --json` order. */
const SWEEP_COLUMNS: [NumericMetric, string, string][] = [
	['shareBelowHourlyMinimum', '低于小时最低工资的比例', PCT],
	['shareBelowHourlyMinimumOnlineTime', '低于小时最低工资的比例（按在线时长）', PCT],
	[
		'shareBelowHourlyMinimumOrderPlusAllowance',
		'低于小时最低工资的比例（按订单时间加补贴时间）',
		PCT
	],
	['monthlyCostDelta', '较现行每月成本变化（元）', YUAN],
	['monthlyCostDeltaShare', '每月成本变化幅度', PCT],
	['monthlyEmployerCost', '平台/企业每月成本（元）', YUAN],
	['hourlyP10', '每工作小时收入 p10（元）', YUAN],
	['hourlyP50', '每工作小时收入 p50（元）', YUAN],
	['topUp', '小时保障补足成本（元/月）', YUAN],
	['violations', '违规提示（条）', '0']
];

/** How many values a range has, without making them (a stored range may be absurd). */
const countValues = (a: { from: number; to: number; step: number }) =>
	a.step > 0 && a.to >= a.from ? Math.floor((a.to - a.from) / a.step + 1e-9) + 1 : 0;

/** The longest stretch of pricing between two turns of the event loop, in ms. */
export const SLICE_MS = 10;

/** A pause that hands the event loop over (a macrotask: timers, sockets, I/O run first) once `SLICE_MS` of work has run since the last one. */
function slicer(): () => Promise<void> {
	let since = performance.now();
	return async () => {
		if (performance.now() - since < SLICE_MS) return;
		await new Promise<void>((resolve) => setImmediate(resolve));
		since = performance.now();
	};
}

/** A range of one value: the domain's sweep prices it exactly as that value of the whole range. */
const only = (v: number) => ({ from: v, to: v, step: 1 });

/**
 * The rows of one kept sweep (a heat map: by pairs, y outer), the same rows `sweep` and
 * `sweepGrid` give for the whole range, priced one value at a time so the event loop turns
 * between them (see SWEEP_LIMITS). `sweepValues` is idempotent on its own values, so a range of
 * one value reproduces the row at that value exactly.
 */
export async function sweepRows(
	scenario: ResolvedScenario,
	sw: Pick<WorkbookSweep, 'base' | 'x' | 'y'>,
	pause: () => Promise<void> = slicer()
): Promise<{ y?: number; row: SweepRow }[]> {
	const rows: { y?: number; row: SweepRow }[] = [];
	const xs = sweepValues(sw.x);
	if (sw.y) {
		for (const vy of sweepValues(sw.y))
			for (const vx of xs) {
				const g = sweepGrid(
					scenario,
					sw.base as never,
					{ term: sw.x.term, range: only(vx) },
					{ term: sw.y.term, range: only(vy) }
				);
				const row = g?.cells[0]?.[0];
				if (!g || !row) return rows;
				rows.push({ y: g.y.values[0] as number, row });
				await pause();
			}
	} else
		for (const vx of xs) {
			const [row] = sweep(scenario, sw.base as never, sw.x.term, only(vx));
			if (!row) return rows;
			rows.push({ row });
			await pause();
		}
	return rows;
}

/**
 * WS31: one sheet per kept sweep: what it moves and on which version, its target and answer,
 * then one row per value (a heat map: per pair of values) with every result as a number. A
 * sweep beyond the page's limits, or past the workbook's budget of priced cells, gets its sheet
 * with a note instead of rows, so one oversized entry cannot stall the download.
 */
async function addSweepSheets(
	wb: Workbook,
	scenario: ResolvedScenario,
	sweeps: readonly WorkbookSweep[]
): Promise<void> {
	let budget: number = SWEEP_LIMITS.workbookCells;
	const termOf = (id: string) => scenario.terms.find((t) => t.id === id);
	const titleOf = (id: string) => termOf(id)?.title ?? id;
	const valueFmt = (id: string) => {
		const t = termOf(id);
		return t && 'unit' in t && isShareUnit(t.unit ?? '') ? PCT : '0.####';
	};
	const employers = (rows: SweepRow[]) => rows.find((r) => r.employers)?.employers ?? [];
	for (const sw of sweeps) {
		const ws = wb.addWorksheet(sheetName(wb, `测算 ${sw.name}`));
		ws.addRow(['测算', sw.name]).font = { bold: true };
		ws.addRow(['类型', sw.y ? '热力图（两个议题同时变化）' : '区间测算']);
		ws.addRow(['基于方案', sw.versionName]);
		for (const [label, a] of [
			['横轴议题', sw.x],
			...(sw.y ? [['纵轴议题', sw.y] as const] : [])
		] as const) {
			ws.addRow([label, titleOf(a.term)]);
			const r = ws.addRow(['从 / 到 / 步长', a.from, a.to, a.step]);
			for (const c of [2, 3, 4]) r.getCell(c).numFmt = valueFmt(a.term);
		}
		const target = sw.target ? parseTarget(sw.target) : null;
		const nx = countValues(sw.x);
		const ny = sw.y ? countValues(sw.y) : 1;
		const tooBig = sw.y
			? nx > SWEEP_LIMITS.axisValues || ny > SWEEP_LIMITS.axisValues
			: nx > SWEEP_LIMITS.lineValues;
		if (tooBig || nx * ny > budget) {
			ws.addRow([]);
			ws.addRow(['说明', '取值太多，未在工作簿中测算；请在网页上缩小区间或加大步长后重新保存。']);
			continue;
		}
		budget -= nx * ny;
		const rows = await sweepRows(scenario, sw);
		if (target) {
			const metric = SWEEP_COLUMNS.find(([k]) => k === target.metric);
			const op = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' }[target.op];
			// A share bound reads as a percentage (0.1 → 10%), as the page shows it.
			const bound =
				metric?.[2] === PCT ? `${Number((target.bound * 100).toPrecision(12))}%` : target.bound;
			ws.addRow(['目标', `${metric?.[1] ?? target.metric} ${op} ${bound}`]);
			if (!sw.y) {
				const goal = seekGoal(
					rows.map((r) => r.row),
					target
				);
				const r = ws.addRow(['满足目标的最小取值', goal.answer?.value ?? '区间内没有']);
				r.getCell(2).numFmt = valueFmt(sw.x.term);
			} else {
				const n = rows.filter((r) => meets(r.row, target)).length;
				ws.addRow(['满足目标的格子数', n]);
			}
		}
		if (rows.length === 0) {
			ws.addRow([]);
			ws.addRow(['说明', '所选议题在本案例中已不存在，无法测算。']);
			continue;
		}
		ws.addRow([]);
		const emp = employers(rows.map((r) => r.row));
		const head = [
			titleOf(sw.x.term),
			...(sw.y ? [titleOf(sw.y.term)] : []),
			...SWEEP_COLUMNS.map(([, h]) => h),
			...emp.flatMap((e) => [`${e.name} 每月成本变化（元）`, `${e.name} 低于小时最低工资的比例`]),
			...(target ? ['是否满足目标'] : [])
		];
		ws.addRow(head).font = { bold: true };
		const fmts = [
			valueFmt(sw.x.term),
			...(sw.y ? [valueFmt(sw.y.term)] : []),
			...SWEEP_COLUMNS.map(([, , f]) => f),
			...emp.flatMap(() => [YUAN, PCT])
		];
		for (const { y: vy, row } of rows) {
			const r = ws.addRow([
				row.value,
				...(sw.y ? [vy as number] : []),
				...SWEEP_COLUMNS.map(([k]) => row[k]),
				...emp.flatMap((e) => {
					const mine = row.employers?.find((x) => x.id === e.id);
					return [mine?.monthlyCostDelta ?? null, mine?.shareBelowHourlyMinimum ?? null];
				}),
				...(target ? [meets(row, target) ? '是' : '否'] : [])
			]);
			fmts.forEach((f, i) => (r.getCell(i + 1).numFmt = f));
		}
		ws.getColumn(1).width = 22;
		for (let c = 2; c <= head.length; c++) ws.getColumn(c).width = 18;
	}
}

export async function proposalXlsx(
	title: string,
	scenario: ResolvedScenario,
	versions: readonly WorkbookVersion[],
	sweeps: readonly WorkbookSweep[] = []
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
		['保存的测算', sweeps.length],
		['说明', '金额单位为元；比例为百分数；各项数值按本系统的测算规则计算，个人月工资四舍五入到分。']
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

	await addSweepSheets(wb, scenario, sweeps);

	return Buffer.from(await wb.xlsx.writeBuffer());
}

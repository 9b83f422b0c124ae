import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Worksheet } from 'exceljs';
import { loadFile } from '../../../../server/scenario-files.ts';
import { sweep, sweepGrid, type ResolvedScenario } from '../../domain/index.ts';
import { proposalXlsx, sweepRows } from './proposal-xlsx.ts';

const r = loadFile(
	new URL('../../../../scenarios/s2-qianhu-food-delivery.yaml', import.meta.url).pathname
);
if (!r.ok || r.kind !== 'scenario') throw new Error('s2 does not load');
const s2 = r.value as ResolvedScenario;

/** Every row of a sheet as plain values (column A first). */
function rowsOf(ws: Worksheet): unknown[][] {
	const out: unknown[][] = [];
	ws.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
	return out;
}

describe('proposal workbook: kept sweeps (WS31)', () => {
	it('[WS31] one sheet per kept sweep with its rows as numbers, the goal answered, a heat map by pairs, an oversized one refused with a note, user text never a formula', async () => {
		const base = { upliftPerOrder: 0.8 };
		const buf = await proposalXlsx(
			'骑手单价',
			s2,
			[{ name: '方案 A', rationale: '', values: base, by: {} }],
			[
				{
					name: '=HYPERLINK("http://x","保障")',
					versionName: '方案 A',
					base,
					x: { term: 'hourlyGuarantee', from: 23, to: 24, step: 0.5 },
					target: 'shareBelowHourlyMinimum<=0.1'
				},
				{
					name: '加价×保障',
					versionName: '方案 A',
					base,
					x: { term: 'upliftPerOrder', from: 0, to: 1, step: 1 },
					y: { term: 'hourlyGuarantee', from: 0, to: 24, step: 24 },
					metric: 'monthlyCostDelta',
					target: 'shareBelowHourlyMinimum<=0.1'
				},
				{
					name: '太大',
					versionName: '方案 A',
					base,
					x: { term: 'hourlyGuarantee', from: 0, to: 1e9, step: 1e-6 }
				}
			]
		);
		const { default: ExcelJS } = await import('exceljs');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ArrayBuffer);
		// Sheet names lose Excel's forbidden characters (`/`, `:`) and stay within 31 characters.
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'说明',
			'方案 A',
			'方案对比',
			'测算 =HYPERLINK("http   x","保障")'.slice(0, 28),
			'测算 加价×保障',
			'测算 太大'
		]);

		const line = wb.worksheets[3]!;
		expect(line.getCell('B1').value).toBe('=HYPERLINK("http://x","保障")');
		expect(line.getCell('B1').type).toBe(ExcelJS.ValueType.String);
		const rows = rowsOf(line);
		// The values 23, 23.5, 24 (from 23 to 24 in steps of 0.5): three data rows after the heading.
		const head = rows.findIndex((x) => x[0] === '小时收入保障（按工作时间补足）' && x.length > 4);
		expect(rows[head]!.slice(0, 3)).toEqual([
			'小时收入保障（按工作时间补足）',
			'低于小时最低工资的比例',
			'低于小时最低工资的比例（按在线时长）'
		]);
		const data = rows.slice(head + 1);
		expect(data.map((x) => x[0])).toEqual([23, 23.5, 24]);
		// The figures are the engine's own rows (G2), as numbers.
		const engine = sweep(s2, base, 'hourlyGuarantee', { from: 23, to: 24, step: 0.5 });
		expect(data.map((x) => x[1])).toEqual(engine.map((e) => e.shareBelowHourlyMinimum));
		expect(data.map((x) => x[4])).toEqual(engine.map((e) => e.monthlyCostDelta));
		// A guarantee below the hourly minimum (24 yuan) lifts riders only to it, still under it;
		// at 24 nobody is under: the least value meeting ≤ 10 % is 24.
		expect(data[2]![1]).toBe(0);
		expect(data[1]![1] as number).toBeGreaterThan(0.1);
		expect(rows.find((x) => x[0] === '满足目标的最小取值')?.[1]).toBe(24);
		expect(rows.find((x) => x[0] === '目标')?.[1]).toBe('低于小时最低工资的比例 ≤ 10%');
		expect(data.map((x) => x[x.length - 1])).toEqual(['否', '否', '是']);

		// The heat map: x 0, 1 (step 1) × y 0, 24 (step 24) = 4 pairs, y in column B.
		const heat = rowsOf(wb.getWorksheet('测算 加价×保障')!);
		const hHead = heat.findIndex((x) => x[0] === '每单统一加价' && x.length > 4);
		expect(heat[hHead]![1]).toBe('小时收入保障（按工作时间补足）');
		const pairs = heat.slice(hHead + 1).map((x) => [x[0], x[1]]);
		expect(pairs).toEqual([
			[0, 0],
			[1, 0],
			[0, 24],
			[1, 24]
		]);
		// With the guarantee at 24 nobody is under the minimum; without it some are: 2 of 4 cells.
		expect(heat.find((x) => x[0] === '满足目标的格子数')?.[1]).toBe(2);

		const big = rowsOf(wb.getWorksheet('测算 太大')!);
		expect(big.some((x) => String(x[1]).includes('取值太多'))).toBe(true);

		// No cell anywhere is a formula.
		const zip = await JSZip.loadAsync(buf);
		for (const f of Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet')))
			expect(await zip.file(f)!.async('string')).not.toContain('<f>');
	});

	it('[WS31] the workbook prices at most 2,500 values in all: a heat map past the budget gets a note', async () => {
		const heat = (name: string) => ({
			name,
			versionName: '现行标准',
			base: {},
			// 30 values across (0 to 2.9 by 0.1) × 30 down (0 to 29 by 1) = 900 cells, the page's most.
			x: { term: 'upliftPerOrder', from: 0, to: 2.9, step: 0.1 },
			y: { term: 'hourlyGuarantee', from: 0, to: 29, step: 1 }
		});
		// 900 + 900 = 1,800 fit in 2,500; a third would make 2,700.
		const buf = await proposalXlsx('骑手单价', s2, [], [heat('一'), heat('二'), heat('三')]);
		const { default: ExcelJS } = await import('exceljs');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ArrayBuffer);
		const dataRows = (name: string) => {
			const rows = rowsOf(wb.getWorksheet(`测算 ${name}`)!);
			const head = rows.findIndex((x) => x[0] === '每单统一加价' && x.length > 4);
			return head < 0 ? -1 : rows.length - head - 1;
		};
		expect(dataRows('一')).toBe(900);
		expect(dataRows('二')).toBe(900);
		expect(dataRows('三')).toBe(-1);
		expect(rowsOf(wb.getWorksheet('测算 三')!).some((x) => String(x[1]).includes('取值太多'))).toBe(
			true
		);
	}, 60_000);

	it('[WS31] pricing one value at a time gives the very rows of the whole-range sweep and heat map', async () => {
		const base = { upliftPerOrder: 0.8 };
		// 0.1 steps carry binary noise (0.1 + 2 × 0.1 ≠ 0.3) that sweepValues cleans; the rows must match.
		const x = { term: 'upliftPerOrder', from: 0, to: 0.5, step: 0.1 };
		const y = { term: 'hourlyGuarantee', from: 22, to: 24, step: 1 };
		const line = await sweepRows(s2, { base, x });
		expect(line.map((r) => r.row)).toEqual(sweep(s2, base, x.term, x));
		const grid = sweepGrid(s2, base, { term: x.term, range: x }, { term: y.term, range: y })!;
		const pairs = await sweepRows(s2, { base, x, y });
		// 6 values across × 3 down = 18 pairs, y outer as the sheet lists them.
		expect(pairs).toHaveLength(18);
		expect(pairs).toEqual(
			grid.cells.flatMap((cells, iy) => cells.map((row) => ({ y: grid.y.values[iy], row })))
		);
		expect(await sweepRows(s2, { base, x: { ...x, term: 'noSuchTerm' } })).toEqual([]);
	});

	it('[WS31] the event loop keeps turning while a large heat map is priced', async () => {
		// A 5 ms timer notes the longest wait between its ticks while 30 × 80 = 2,400 pairs are
		// priced (about 0.1 ms each since sweeps price only what a row shows, G20: some 250 ms in
		// all). Priced in one go, the timer would wait for the whole job; yielding every SLICE_MS
		// it waits one slice plus a timer period plus one value (~16 ms). The bound is a share of
		// the job's own duration, not a fixed time, so a loaded machine (slower pricing, late timers
		// alike) moves both sides together: without the yields the gap is ~100% of the job, with
		// them well under a quarter. (With 600 pairs the job was only ~65 ms, a quarter of which is
		// one slice: too small a job to tell the two apart.)
		let last = performance.now();
		let longest = 0;
		const timer = setInterval(() => {
			const now = performance.now();
			longest = Math.max(longest, now - last);
			last = now;
		}, 5);
		const start = performance.now();
		try {
			const rows = await sweepRows(s2, {
				base: {},
				x: { term: 'upliftPerOrder', from: 0, to: 2.9, step: 0.1 },
				y: { term: 'hourlyGuarantee', from: 0, to: 39.5, step: 0.5 }
			});
			expect(rows).toHaveLength(2400);
		} finally {
			clearInterval(timer);
		}
		const total = performance.now() - start;
		longest = Math.max(longest, performance.now() - last);
		expect(longest).toBeLessThan(total / 4);
	}, 60_000);
});

import { describe, expect, it } from 'vitest';
import { decodeCsv, readSheet } from './read-sheet.ts';

const hex = (s: string) => new Uint8Array(s.split(' ').map((b) => parseInt(b, 16)));

describe('reading a sheet', () => {
	it('[I17] reads UTF-8 with and without a byte-order mark, quoted cells and CRLF', async () => {
		const text = '工号,姓名,备注\r\nA1,张三,"有逗号,\n和换行"\r\n\r\nA2,李四,\r\n';
		const plain = new TextEncoder().encode(text);
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
		for (const bytes of [plain, bom]) {
			const r = await readSheet(bytes, '骑手.csv');
			if (!r.ok) throw new Error(r.message);
			expect(r.encoding).toBe('utf-8');
			expect(r.sheet.headers).toEqual(['工号', '姓名', '备注']);
			// The blank line stays as row 3 so A2 keeps its sheet row number 4.
			expect(r.sheet.rows).toEqual([['A1', '张三', '有逗号,\n和换行'], [''], ['A2', '李四', '']]);
		}
	});

	it('[I17] takes bytes that are not UTF-8 as GBK', async () => {
		// "工号,姓名,日均在线时长\r\n" in GBK (python: '…'.encode('gbk')), then "A1,王五,8".
		const header = hex('b9 a4 ba c5 2c d0 d5 c3 fb 2c c8 d5 be f9 d4 da cf df ca b1 b3 a4 0d 0a');
		const row = new Uint8Array([
			...new TextEncoder().encode('A1,'),
			...hex('cd f5 ce e5'),
			0x2c,
			0x38
		]);
		const bytes = new Uint8Array([...header, ...row]);
		expect(decodeCsv(bytes).encoding).toBe('gbk');
		const r = await readSheet(bytes, 'riders.CSV');
		if (!r.ok) throw new Error(r.message);
		expect(r.sheet.headers).toEqual(['工号', '姓名', '日均在线时长']);
		expect(r.sheet.rows).toEqual([['A1', '王五', '8']]);
	});

	it('[I18] reads the first worksheet of an .xlsx, keeping row numbers across empty rows', async () => {
		const { default: ExcelJS } = await import('exceljs');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('骑手');
		ws.addRow(['工号', '日均在线时长', '日均单量']);
		ws.addRow(['A1', 8, 24]);
		ws.getCell('A4').value = 'A3';
		ws.getCell('B4').value = { formula: '2*5', result: 10 };
		ws.getCell('C4').value = 30;
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const progress: number[] = [];
		const r = await readSheet(bytes, '骑手.xlsx', (f) => progress.push(f));
		if (!r.ok) throw new Error(r.message);
		expect(r.sheet.headers).toEqual(['工号', '日均在线时长', '日均单量']);
		expect(r.sheet.rows).toEqual([['A1', '8', '24'], [], ['A3', '10', '30']]);
		expect(progress.at(-1)).toBe(1);
	}, 60_000); // exceljs is large: importing it takes seconds on a busy machine

	it('[I19] refuses an old .xls with a Chinese reason', async () => {
		const r = await readSheet(new Uint8Array([0xd0, 0xcf]), '工资表.xls');
		expect(r).toEqual({
			ok: false,
			message: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV'
		});
	});
});

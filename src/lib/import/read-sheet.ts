/**
 * Reads a population spreadsheet into header + rows of strings (I17–I19 in the domain SPEC), in
 * the browser and in Node alike: .csv/.txt in UTF-8 (with or without BOM), UTF-16 (Excel's
 * "Unicode text") or GBK, parsed by papaparse in chunks that yield to the event loop so a
 * progress bar can move; .xlsx through exceljs, loaded only when needed (it is large).
 */
import Papa from 'papaparse';
import type { Sheet } from '../domain/population-import/index.ts';

export type SheetEncoding = 'utf-8' | 'utf-16le' | 'gbk' | 'xlsx';

export type ReadResult =
	{ ok: true; sheet: Sheet; encoding: SheetEncoding } | { ok: false; message: string };

/** Progress as a fraction in [0, 1]. */
export type OnProgress = (fraction: number) => void;

const CHUNK_CHARS = 512 * 1024;

/**
 * I17: the text of a CSV file. A UTF-8 or UTF-16 byte-order mark decides; otherwise bytes that are
 * valid UTF-8 are UTF-8 and anything else is taken as GBK (Excel's default CSV encoding on
 * Chinese Windows), decoded by the platform's TextDecoder (GB18030, a superset of GBK).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: SheetEncoding } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
	}
}

/** Papa parses a string synchronously; pausing after each chunk lets the page repaint. */
function parseCsvText(text: string, onProgress?: OnProgress): Promise<string[][]> {
	return new Promise((resolve, reject) => {
		const all: string[][] = [];
		Papa.parse<string[]>(text, {
			chunkSize: CHUNK_CHARS,
			skipEmptyLines: false,
			chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
				for (const r of results.data) all.push(r);
				onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, text.length)));
				parser.pause();
				setTimeout(() => parser.resume(), 0);
			},
			complete: () => resolve(all),
			error: (e: Error) => reject(e)
		});
	});
}

/** Header row first; every later row kept (blank ones too) so row i is the sheet's row i + 2. */
function toSheet(rows: string[][]): Sheet | null {
	const [headers, ...rest] = rows;
	if (!headers || headers.every((h) => h.trim() === '')) return null;
	// A final newline yields one empty row: not part of the sheet.
	while (rest.length > 0 && (rest[rest.length - 1] ?? []).every((c) => c.trim() === '')) rest.pop();
	return { headers: headers.map((h) => h.replace(/^\uFEFF/, '').trim()), rows: rest };
}

export async function readCsv(bytes: Uint8Array, onProgress?: OnProgress): Promise<ReadResult> {
	let decoded: { text: string; encoding: SheetEncoding };
	try {
		decoded = decodeCsv(bytes);
	} catch {
		return { ok: false, message: '无法识别文件编码，请在 Excel 中另存为「CSV UTF-8」后重试' };
	}
	const rows = await parseCsvText(decoded.text, onProgress);
	const sheet = toSheet(rows);
	if (!sheet) return { ok: false, message: '文件是空的，或第一行不是表头' };
	return { ok: true, sheet, encoding: decoded.encoding };
}

/** A cell's text as the sheet shows it (numbers plain, formulas by their result). */
function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (typeof v === 'string') return v;
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown };
		if ('result' in o) return cellText(o.result);
		if (o.richText) return o.richText.map((t) => t.text).join('');
		if (o.text !== undefined) return cellText(o.text);
	}
	return String(v);
}

/** I18: the first worksheet of an .xlsx workbook; rows keep their own numbers. */
export async function readXlsx(bytes: Uint8Array, onProgress?: OnProgress): Promise<ReadResult> {
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	try {
		// exceljs types ask for a Node Buffer; it takes any ArrayBuffer at run time, in Node and browsers.
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
		await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
	} catch {
		return { ok: false, message: '无法读取这个 Excel 文件（只支持 .xlsx）' };
	}
	onProgress?.(0.5);
	const ws = wb.worksheets[0];
	if (!ws) return { ok: false, message: '工作簿里没有工作表' };
	const rows: string[][] = [];
	ws.eachRow({ includeEmpty: false }, (row, n) => {
		const values = row.values as unknown[];
		const cells: string[] = [];
		for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).trim());
		rows[n - 1] = cells;
	});
	for (let i = 0; i < rows.length; i++) rows[i] ??= [];
	onProgress?.(1);
	const sheet = toSheet(rows);
	if (!sheet) return { ok: false, message: '工作表是空的，或第一行不是表头' };
	return { ok: true, sheet, encoding: 'xlsx' };
}

/** I19: by the file's name, .xlsx or text (.csv, .txt, .tsv). */
export async function readSheet(
	bytes: Uint8Array,
	fileName: string,
	onProgress?: OnProgress
): Promise<ReadResult> {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.xlsx')) return readXlsx(bytes, onProgress);
	if (lower.endsWith('.xls'))
		return { ok: false, message: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV' };
	return readCsv(bytes, onProgress);
}

/**
 * Term values as people read them (议题取值的显示), shared by the offer timeline, the CSV export
 * and the agreement document so one value never reads two ways. Pure strings; no locale APIs,
 * so the browser, the server and tests print the same characters.
 */
import type { Term, TermValue } from '../scenario.ts';

/** Drops binary floating-point noise (0.1 + 0.2) without rounding away authored precision. */
export function plainNumber(x: number): string {
	if (!Number.isFinite(x)) return String(x);
	return String(Number(x.toPrecision(12)));
}

/** Units authored as a share ("比例（0.07 即 7%）") print as a percentage. */
export const isShareUnit = (unit: string): boolean => unit.startsWith('比例');

/** One number with its term's unit: `50 元/年·月`, `7%` for share units. */
export function formatTermNumber(term: { unit?: string }, x: number): string {
	const unit = term.unit ?? '';
	if (isShareUnit(unit)) return `${plainNumber(x * 100)}%`;
	return unit ? `${plainNumber(x)} ${unit}` : plainNumber(x);
}

/**
 * A term value for display (N5): numbers with their unit, choices by label, yes/no as 是/否,
 * tables as `key value unit` pairs joined by `；`, clause text as is. A value of the wrong type
 * prints raw rather than throwing: the timeline must draw whatever was stored.
 */
export function formatTermValue(term: Term, value: TermValue | undefined): string {
	if (value === undefined) return '';
	switch (term.kind) {
		case 'number':
		case 'cell':
			return typeof value === 'number' ? formatTermNumber(term, value) : String(value);
		case 'choice':
			return term.options.find((o) => o.value === value)?.label ?? String(value);
		case 'boolean':
			return value === true ? '是' : value === false ? '否' : String(value);
		case 'table':
			if (typeof value !== 'object') return String(value);
			return Object.entries(value)
				.map(([k, v]) => `${term.labels?.[k] ?? k} ${formatTermNumber(term, v)}`)
				.join('；');
		case 'clause':
			return String(value);
	}
}

/** A value without its unit, for spreadsheet cells that should stay numbers (N5). */
export function formatTermValuePlain(term: Term, value: TermValue | undefined): string {
	if (value === undefined) return '';
	// A share prints as its percentage (0.07 → 7), the column header says %.
	const num = (x: number) =>
		plainNumber('unit' in term && term.unit && isShareUnit(term.unit) ? x * 100 : x);
	if (typeof value === 'number') return num(value);
	if (term.kind === 'table' && typeof value === 'object') {
		// Cells by their labels (中级工 150), never by internal keys (mid=150).
		return Object.entries(value)
			.map(([k, v]) => `${term.labels?.[k] ?? k} ${num(v)}`)
			.join('；');
	}
	return formatTermValue(term, value);
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Chinese numerals for article numbers (第一条 … 第九十九条, 第一百零一条), 1–9999. Ten to
 * nineteen read 十, 十一 … as in legal texts, not 一十一.
 */
export function chineseNumeral(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 9999)
		throw new RangeError(`chineseNumeral: ${n} is outside 1–9999`);
	const units = ['千', '百', '十', ''];
	const digits = String(n).padStart(4, '0').split('').map(Number);
	let out = '';
	let zero = false;
	digits.forEach((d, i) => {
		if (d === 0) {
			if (out) zero = true;
			return;
		}
		if (zero) out += '零';
		zero = false;
		out += `${DIGITS[d]}${units[i]}`;
	});
	return out.startsWith('一十') ? out.slice(1) : out;
}

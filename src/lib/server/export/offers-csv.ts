/**
 * The offer log as CSV (方案记录导出), for trainers and judges who analyse a match in Excel.
 * One row per offer and term, so a pivot table can chart any term by offer. Built from stored
 * offer rows. Rule N19 in src/lib/domain/SPEC.md.
 */
import {
	beijingDateTime,
	formatTermValuePlain,
	isShareUnit,
	resolveOfferClauses,
	resolveOfferTerms,
	type Offer,
	type ResolvedScenario
} from '../../domain/index.ts';
import { SIDE_NAME_ZH } from '../../domain/roles.ts';

export const CSV_MIME = 'text/csv; charset=utf-8';

export const OFFER_CSV_HEADER = ['序号', '时间', '提出方', '类型', '议题', '数值', '说明'] as const;

const SIDE = SIDE_NAME_ZH;
const KIND: Record<Offer['kind'], string> = { offer: '方案', counter: '反方案' };

/** Excel runs a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quotes one field per RFC 4180: fields holding a comma, quote, CR or LF are wrapped in quotes
 * and inner quotes doubled. Text fields typed by people are prefixed with `'` when they would
 * start a formula; numeric fields are not, so −5 stays a number.
 */
export function csvField(value: string, isText = true): string {
	const safe = isText && FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The CSV text (N19): UTF-8 byte-order mark first (Excel otherwise reads UTF-8 as the local
 * code page and garbles Chinese), CRLF line ends, header row, then for each offer in seq order
 * one row per scenario term (clause terms too, and clauses added at the table, by id) with the
 * value the offer stands for (N2). 议题 is the title with the unit in brackets; 数值 is the bare
 * number (so Excel keeps it numeric; a share as its percentage, the unit %), the option label,
 * 是/否, `label value；…` for tables (中级工 150；高级工 300), or
 * the clause text; 说明 is the offer's message; 时间 is Beijing time.
 */
export function offersToCsv(
	scenario: Pick<ResolvedScenario, 'terms'>,
	offers: readonly Offer[]
): string {
	const rows: string[] = [OFFER_CSV_HEADER.join(',')];
	for (const o of [...offers].sort((a, b) => a.seq - b.seq)) {
		const values = resolveOfferTerms(scenario, o.terms);
		const clauses = resolveOfferClauses(scenario, o.clauses);
		const lead = [String(o.seq), beijingDateTime(o.createdAt), SIDE[o.side], KIND[o.kind]].map(
			(f) => csvField(f, false)
		);
		const message = csvField(o.message);
		const titled = new Set<string>();
		for (const term of scenario.terms) {
			titled.add(term.id);
			const isClause = term.kind === 'clause';
			const value = isClause ? clauses[term.id] : values[term.id];
			const unit =
				'unit' in term && term.unit ? `（${isShareUnit(term.unit) ? '%' : term.unit}）` : '';
			const isNumber = typeof value === 'number';
			rows.push(
				[
					...lead,
					csvField(`${term.title}${unit}`),
					csvField(formatTermValuePlain(term, value), !isNumber),
					message
				].join(',')
			);
		}
		for (const [id, text] of Object.entries(clauses)) {
			if (!titled.has(id)) rows.push([...lead, csvField(id), csvField(text), message].join(','));
		}
	}
	return `\uFEFF${rows.join('\r\n')}\r\n`;
}

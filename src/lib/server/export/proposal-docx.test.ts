import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../../../server/scenario-files.ts';
import type { ResolvedScenario } from '../../domain/index.ts';
import { offerLetterText } from '../../domain/proposal-offer.ts';
import { indexCalendar } from '../../domain/procedure/calendar.ts';
import { procedureSteps } from '../../domain/procedure/deadlines.ts';
import { parseCalendar } from '../../domain/load.ts';
import { readFileSync } from 'node:fs';
import { buildOfferDocx } from './proposal-docx.ts';
import { proposalXlsx } from './proposal-xlsx.ts';

function load(file: string): ResolvedScenario {
	const r = loadFile(new URL(`../../../../scenarios/${file}`, import.meta.url).pathname);
	if (!r.ok || r.kind !== 'scenario') throw new Error(`${file} does not load`);
	return r.value as ResolvedScenario;
}
const s2 = load('s2-qianhu-food-delivery.yaml');
const cal = (() => {
	const path = new URL('../../../../scenarios/calendars/cn.yaml', import.meta.url).pathname;
	const r = parseCalendar(readFileSync(path, 'utf8'), 'cn.yaml');
	if (!r.ok) throw new Error('calendar');
	return indexCalendar(r.value);
})();

const textOf = (xml: string) =>
	[...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('要约书 (WS8)', () => {
	// 浙江 (zhejiang-tier1): reply within 10 working days of receiving the offer. Sent Monday
	// 2026-12-07: Dec 8, 9, 10, 11, 14, 15, 16, 17, 18, 21 → due Monday 2026-12-21.
	const reply = procedureSteps({ offerDate: '2026-12-07' }, s2.rules.procedure ?? {}, cal).find(
		(s) => s.id === 'reply'
	)!;
	const letter = offerLetterText(
		s2,
		{
			versionName: '方案 B',
			values: { upliftPerOrder: 0.8, hourlyGuarantee: 24, timeEstimate: '取历史用时中位数' },
			rationale: '九成骑手达到小时最低工资'
		},
		{ offerDate: '2026-12-07', meeting: '2026年12月15日上午9时', place: '' },
		reply
	);

	it('[WS8] names the parties, the proposed time, the topics, the terms with current values and the reply deadline', () => {
		expect(reply.due).toBe('2026-12-21');
		expect(letter.parties.map((p) => p.name)).toEqual([
			'千湖市外卖配送行业工会联合会',
			'千湖市配送服务商协会及两家平台本地运营单位'
		]);
		expect(letter.meeting).toBe('2026年12月15日上午9时');
		// An empty place prints as a blank to fill in by hand.
		expect(letter.place).toMatch(/^＿+$/);
		expect(letter.topics).toContain('收入与抽成');
		expect(letter.terms.find((t) => t.title === '每单统一加价')).toEqual({
			title: '每单统一加价',
			proposed: '0.8 元/单',
			current: '0 元/单'
		});
		// A term the version keeps prints without a "current" note.
		expect(letter.terms.find((t) => t.title === '高峰加价')!.current).toBeNull();
		expect(letter.clauses.find((c) => c.title === '配送时限算法')!.text).toBe('取历史用时中位数');
		expect(letter.reply).toContain('2026年12月21日');
		expect(letter.reply).toContain('10个工作日');
		expect(letter.signature.date).toBe('2026年12月7日');
	});

	it('[WS8] the Word file carries the same text in Chinese typefaces', async () => {
		const buf = await buildOfferDocx(letter, s2.parties.labour.name);
		const zip = await JSZip.loadAsync(buf);
		const xml = (await zip.file('word/document.xml')!.async('string')) ?? '';
		const text = textOf(xml);
		expect(text).toContain('集体协商要约书');
		expect(text).toContain('我方协商方案（方案 B）');
		expect(text).toContain('24 元/小时');
		expect(text).toContain('2026年12月21日');
		expect(text).toContain('九成骑手达到小时最低工资');
		const styles = (await zip.file('word/styles.xml')!.async('string')) ?? '';
		expect(styles).toContain('w:eastAsia="宋体"');
	});
});

describe('proposal workbook (WS9)', () => {
	it('[WS9] a sheet per version and a comparison, numbers as numbers, user text never a formula', async () => {
		const buf = await proposalXlsx('骑手单价', s2, [
			{ name: '=1+1', rationale: '=HYPERLINK("http://x","y")', values: {}, by: {} },
			{
				name: '方案 B',
				rationale: '',
				values: { upliftPerOrder: 0.8, takeRate: 0.15 },
				by: { upliftPerOrder: '钱同事' }
			}
		]);
		const { default: ExcelJS } = await import('exceljs');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '=1+1', '方案 B', '方案对比']);
		const a = wb.getWorksheet('=1+1')!;
		expect(a.getCell('B1').value).toBe('=1+1');
		expect(a.getCell('B2').value).toBe('=HYPERLINK("http://x","y")');
		expect(a.getCell('B1').type).toBe(ExcelJS.ValueType.String);
		const b = wb.getWorksheet('方案 B')!;
		const rowOf = (title: string) => {
			let found: (string | number | null)[] = [];
			b.eachRow((r) => {
				if (r.getCell(1).value === title) found = (r.values as (string | number | null)[]).slice(1);
			});
			return found;
		};
		expect(rowOf('每单统一加价')).toEqual(['每单统一加价', 0.8, 0, '钱同事']);
		// A share stays the fraction, shown as a percentage by its number format.
		expect(rowOf('配送服务商留存比例').slice(1, 3)).toEqual([0.15, 0.2]);
		const share = rowOf('低于小时最低工资的比例');
		expect(typeof share[1]).toBe('number');
		// No cell anywhere is a formula: only this code could write one, and it writes none.
		const xml = await (
			await JSZip.loadAsync(buf)
		)
			.file('xl/worksheets/sheet2.xml')!
			.async('string');
		expect(xml).not.toContain('<f>');
	});
});

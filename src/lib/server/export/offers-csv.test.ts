import { describe, expect, it } from 'vitest';
import { scenario } from '../../domain/negotiation/fixtures.ts';
import type { Offer } from '../../domain/index.ts';
import { csvField, offersToCsv } from './offers-csv.ts';

const mk = (o: Partial<Offer> & Pick<Offer, 'seq' | 'side'>): Offer => ({
	id: `o${o.seq}`,
	matchId: 'm1',
	kind: 'offer',
	terms: {},
	clauses: {},
	message: '',
	createdBy: '王工会',
	createdAt: '2025-03-01T02:00:00Z',
	...o
});

/** Splits the CSV into records, honouring quoted CR/LF (a minimal RFC 4180 reader for the test). */
function records(csv: string): string[][] {
	const out: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < csv.length; i++) {
		const c = csv[i]!;
		if (quoted) {
			if (c === '"' && csv[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\r' && csv[i + 1] === '\n') {
			row.push(field);
			out.push(row);
			row = [];
			field = '';
			i++;
		} else field += c;
	}
	return out;
}

describe('csvField', () => {
	it('[N19] quotes commas, quotes and line breaks per RFC 4180; leaves plain text bare', () => {
		expect(csvField('工龄工资')).toBe('工龄工资');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('他说"好"')).toBe('"他说""好"""');
		expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
		expect(csvField('x\r\ny')).toBe('"x\r\ny"');
	});

	it('[N19] defuses text that Excel would run as a formula, but not numbers', () => {
		expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
		expect(csvField('@cmd')).toBe("'@cmd");
		expect(csvField('-5', false)).toBe('-5');
	});
});

describe('offersToCsv', () => {
	const offers = [
		mk({
			seq: 2,
			side: 'management',
			kind: 'counter',
			terms: { seniority: 35 },
			message: '成本压力大, 请理解"底线"',
			createdAt: '2025-03-01T16:05:00Z'
		}),
		mk({
			seq: 1,
			side: 'labour',
			terms: { seniority: 50, increase: 0.07, basis: 'order', heat: true, ladder: { mid: 200 } },
			clauses: { award: '按节约额5%奖励，\n每季度发放' },
			message: '首轮方案'
		})
	];
	// The ladder's cells named as a scenario names them (the fixture leaves them unnamed).
	const labelled = {
		...scenario,
		terms: scenario.terms.map((t) =>
			t.id === 'ladder' ? { ...t, labels: { none: '无等级', mid: '中级工', senior: '高级工' } } : t
		)
	} as typeof scenario;
	const csv = offersToCsv(labelled, offers);

	it('[N19] starts with the UTF-8 BOM and ends rows with CRLF', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(csv.slice(1).split('\r\n')[0]).toBe('序号,时间,提出方,类型,议题,数值,说明');
		expect(csv.endsWith('\r\n')).toBe(true);
	});

	it('[N19] one row per offer and term, in seq order, with hand-checked values', () => {
		const rows = records(csv.slice(1));
		// header + 2 offers × 8 terms (7 valued + 1 clause) = 17
		expect(rows).toHaveLength(17);
		expect(rows.slice(1, 9)).toEqual([
			// 02:00Z is 10:00 in Beijing (UTC+8)
			['1', '2025-03-01 10:00:00', '职工方', '方案', '工龄工资标准（元/年·月）', '50', '首轮方案'],
			// A share as its percentage: 0.07 × 100 = 7, the header says %.
			['1', '2025-03-01 10:00:00', '职工方', '方案', '普调幅度（%）', '7', '首轮方案'],
			['1', '2025-03-01 10:00:00', '职工方', '方案', '加班倍数（倍）', '1.5', '首轮方案'], // silent: current 1.5
			['1', '2025-03-01 10:00:00', '职工方', '方案', '高峰加价（元/单）', '1', '首轮方案'],
			['1', '2025-03-01 10:00:00', '职工方', '方案', '工作时间口径', '接单时间加宽放', '首轮方案'],
			['1', '2025-03-01 10:00:00', '职工方', '方案', '高温津贴', '是', '首轮方案'],
			[
				'1',
				'2025-03-01 10:00:00',
				'职工方',
				'方案',
				'技能工资阶梯（元/月）',
				'无等级 0；中级工 200；高级工 300',
				'首轮方案'
			], // labels, never keys
			[
				'1',
				'2025-03-01 10:00:00',
				'职工方',
				'方案',
				'创新奖励条款',
				'按节约额5%奖励，\n每季度发放',
				'首轮方案'
			]
		]);
		// 16:05Z is 00:05 the next day in Beijing; the message keeps its comma and quotes.
		expect(rows[9]).toEqual([
			'2',
			'2025-03-02 00:05:00',
			'企业方',
			'反方案',
			'工龄工资标准（元/年·月）',
			'35',
			'成本压力大, 请理解"底线"'
		]);
		expect(rows[16]).toEqual([
			'2',
			'2025-03-02 00:05:00',
			'企业方',
			'反方案',
			'创新奖励条款',
			'经采纳的合理化建议酌情奖励。',
			'成本压力大, 请理解"底线"'
		]);
	});

	it('[N19] the raw text quotes the message and the multi-line clause', () => {
		expect(csv).toContain(',"成本压力大, 请理解""底线"""\r\n');
		expect(csv).toContain(',"按节约额5%奖励，\n每季度发放",首轮方案\r\n');
	});

	it('[N19] clauses added at the table get a row titled by id; no offers gives the header only', () => {
		const rows = records(
			offersToCsv(scenario, [mk({ seq: 1, side: 'labour', clauses: { extra: '新增条款' } })]).slice(
				1
			)
		);
		expect(rows.at(-1)).toEqual([
			'1',
			'2025-03-01 10:00:00',
			'职工方',
			'方案',
			'extra',
			'新增条款',
			''
		]);
		expect(offersToCsv(scenario, [])).toBe('\uFEFF序号,时间,提出方,类型,议题,数值,说明\r\n');
	});
});

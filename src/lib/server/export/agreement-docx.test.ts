import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../../../server/scenario-files.ts';
import { agreementText, type ResolvedScenario } from '../../domain/index.ts';
import { buildAgreementDocx, type AgreementDocxInput } from './agreement-docx.ts';

function loadS1(): ResolvedScenario {
	const r = loadFile(
		new URL('../../../../scenarios/s1-qiantang-parts.yaml', import.meta.url).pathname
	);
	if (!r.ok || r.kind !== 'scenario') throw new Error('S1 does not load');
	return r.value as ResolvedScenario;
}

const s1 = loadS1();

/** The text of every w:t in a part, joined: Word splits text into runs wherever formatting changes. */
const textOf = (xml: string) =>
	[...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

async function parts(
	buf: Buffer
): Promise<{ document: string; text: string; all: string; footer: string }> {
	const zip = await JSZip.loadAsync(buf);
	const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
	const document = await read('word/document.xml');
	const names = Object.keys(zip.files).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n));
	const headersFooters = await Promise.all(names.map(read));
	const footer = (await Promise.all(names.filter((n) => n.includes('footer')).map(read)))
		.map(textOf)
		.join('|');
	return {
		document,
		text: textOf(document),
		all: [textOf(document), ...headersFooters.map(textOf)].join('|'),
		footer
	};
}

const HASH = 'ab'.repeat(32);

const base: AgreementDocxInput = {
	scenario: s1,
	// Changed from S1's current 30 / 10 / 0 / false / 1 year; the rest stand at current.
	terms: {
		seniorityPerYear: 45,
		seniorityCapYears: 12,
		generalIncrease: 0.055,
		heatAllowance: true,
		contractTerm: 2,
		skillLadder: { mid: 200 }
	},
	clauses: [
		{
			id: 'innovationAward',
			title: '创新奖励条款',
			text: '职工提出的合理化建议经采纳的，按年度节约成本的5%给予奖励。\n奖励每季度发放一次。'
		}
	],
	signers: [
		{ side: 'labour', name: '王建国', signedAt: '2025-03-01T16:30:00Z' }, // 2025-03-02 00:30 in Beijing
		{ side: 'management', name: '李明', signedAt: '2025-03-02T02:00:00Z' }
	],
	isDraft: false,
	hash: HASH
};

describe('buildAgreementDocx', () => {
	it('[N17] a signed agreement: parties, term, agreed figures with units and current values, clauses, signers', async () => {
		const buf = await buildAgreementDocx(base);
		expect(buf.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container
		const { text } = await parts(buf);
		expect(text).toContain('钱塘精密零部件有限公司工资专项集体合同');
		expect(text).toContain('甲方（企业方）：钱塘精密零部件有限公司');
		expect(text).toContain('乙方（职工方）：钱塘精密零部件有限公司工会委员会');
		expect(text).toContain('合同期限：2年'); // from the negotiated contractTerm, not the file's 1
		// Articles in scenario term order; numbers with unit, then the current value for reference.
		expect(text).toContain('第一条　工龄工资标准：45 元/年·月（现行标准：30 元/年·月）。');
		expect(text).toContain('第二条　工龄工资封顶年限：12 年（现行标准：10 年）。');
		// A grade paid nothing (无等级 0 元/月) is no row of the contract.
		expect(text).toContain(
			'第三条　技能工资阶梯（按认定等级）：中级工 200 元/月；高级工 300 元/月；技师 500 元/月（现行标准：中级工 150 元/月；高级工 300 元/月；技师 500 元/月）。'
		);
		expect(text).not.toContain('无等级');
		expect(text).toContain('第四条　普调增资幅度（基本工资与岗位工资）：5.5%（现行标准：0%）。'); // 0.055 × 100 = 5.5
		expect(text).toContain('第五条　工作日延时加班工资倍数：1.5 倍（维持现行标准）。');
		// A yes/no term as a sentence, never 是/否.
		expect(text).toContain(
			'第六条　车间高温津贴（6–9 月，每月 300 元）：甲方自本合同生效之日起执行本项待遇（现行未执行）。'
		);
		expect(text).not.toMatch(/：[是否]（/);
		// The contract term once, in the 合同期限 line: 8 terms less contractTerm, so the clause is
		// article 8 and keeps its second paragraph.
		expect(text.match(/合同期限/g)).toHaveLength(1);
		expect(text.match(/(?<![0-9])2\s?年/g)).toHaveLength(1);
		expect(text).toContain(
			'第八条　创新奖励条款：职工提出的合理化建议经采纳的，按年度节约成本的5%给予奖励。奖励每季度发放一次。'
		);
		expect(text).toContain('第九条　本合同期满前三个月内');
		expect(text).toContain(
			'劳动保障行政部门自收到文本之日起15日内未提出异议的，本合同即行生效（第四十七条；《中华人民共和国劳动法》第三十四条）'
		);
		expect(text).toContain('职工代表大会');
		expect(text).toContain('首席代表（签字）：王建国日期：2025年3月2日');
		expect(text).toContain('首席代表（签字）：李明日期：2025年3月2日');
	});

	it('[N17] carries the event as the document author', async () => {
		const zip = await JSZip.loadAsync(
			await buildAgreementDocx({ ...base, author: '2026 钱塘模拟协商赛' })
		);
		const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
		expect(core).toContain('<dc:creator>2026 钱塘模拟协商赛</dc:creator>');
	});

	it('[N17] sets the East Asian fonts: 宋体 for the body, 黑体 for headings', async () => {
		const zip = await JSZip.loadAsync(await buildAgreementDocx(base));
		const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
		expect(styles).toMatch(/w:eastAsia="宋体"/);
		const { document } = await parts(await buildAgreementDocx(base));
		expect(document).toMatch(/w:eastAsia="黑体"/);
	});

	it('[N18] a signed agreement prints its hash in the body and footer and never says 草案', async () => {
		const { text, all, footer } = await parts(await buildAgreementDocx(base));
		expect(text).toContain(`本合同文本摘要（SHA-256）：${HASH}`);
		expect(footer).toContain(HASH);
		expect(all).not.toContain('草案');
	});

	it('[N18] a draft says 草案 in the title, banner, header and footer, has blank signatures and no hash', async () => {
		const { text, all, footer } = await parts(
			await buildAgreementDocx({ ...base, isDraft: true, signers: [], hash: HASH })
		);
		expect(text).toContain('钱塘精密零部件有限公司工资专项集体合同（草案）');
		expect(text.startsWith('草案')).toBe(true); // the banner comes first
		expect(footer).toContain('草案');
		expect(all.split('|').filter((p) => p.includes('草案')).length).toBeGreaterThanOrEqual(3); // body, header, footer
		expect(all).not.toContain(HASH);
		expect(text).toContain('首席代表（签字）：＿＿＿＿＿＿＿＿日期：＿＿＿＿年＿＿月＿＿日');
		// The draft still shows the figures under discussion.
		expect(text).toContain('工龄工资标准：45 元/年·月');
	});

	it('[N17] terms left out stand at their current value', async () => {
		const { text } = await parts(await buildAgreementDocx({ ...base, terms: {}, clauses: [] }));
		expect(text).toContain('第一条　工龄工资标准：30 元/年·月（维持现行标准）。');
		expect(text).toContain('合同期限：1年');
	});

	it('[N17] prints every article exactly as agreementText words it (the print view reads the same text)', async () => {
		const { text } = await parts(await buildAgreementDocx(base));
		const words = agreementText(s1, base);
		for (const a of words.articles)
			expect(text).toContain(
				`${a.label}　${a.title ? `${a.title}：` : ''}${a.paragraphs.join('')}`
			);
		expect(text).toContain(words.title);
	});
});

import { describe, expect, it } from 'vitest';
import { shippedScenario } from '../../../../tests/helpers/shipped-scenarios.ts';
import type { ResolvedScenario } from '../scenario.ts';
import { agreementText, type AgreementTextInput } from './agreement-text.ts';

function loadS1(): ResolvedScenario {
	return shippedScenario('s1-qiantang-parts');
}

const s1 = loadS1();

const signed: AgreementTextInput = {
	// S1 current: seniority 30 元/年·月, cap 10 年, increase 0, contract term 1 年.
	terms: { seniorityPerYear: 45, seniorityCapYears: 12, generalIncrease: 0.055, contractTerm: 2 },
	clauses: [
		{
			id: 'innovationAward',
			title: '创新奖励条款',
			text: '经采纳的建议按节约成本的5%奖励。\n\n奖励每季度发放一次。'
		}
	],
	signers: [
		{ side: 'labour', name: '王建国', signedAt: '2025-03-01T16:30:00Z' }, // 16:30 UTC + 8 h = 2025-03-02 00:30 Beijing
		{ side: 'management', name: '李明', signedAt: '2025-03-02T02:00:00Z' }
	],
	isDraft: false
};

describe('agreementText', () => {
	it('[N17] numbers one article per non-clause term in scenario order, with the figure, its unit and the current value', () => {
		const t = agreementText(s1, signed);
		expect(t.title).toBe('钱塘精密零部件有限公司工资专项集体合同');
		expect(t.draftNotice).toBeNull();
		expect(t.parties.map((p) => `${p.label}：${p.name}`)).toEqual([
			'甲方（企业方）：钱塘精密零部件有限公司',
			'乙方（职工方）：钱塘精密零部件有限公司工会委员会'
		]);
		expect(t.termYears).toBe(2); // the negotiated contractTerm, not the file's 1
		expect(t.termLine).toBe('2年，自本合同生效之日起计算');
		expect(t.articles[0]).toEqual({
			label: '第一条',
			title: '工龄工资标准',
			paragraphs: ['45 元/年·月（现行标准：30 元/年·月）。']
		});
		expect(t.articles[1]).toEqual({
			label: '第二条',
			title: '工龄工资封顶年限',
			paragraphs: ['12 年（现行标准：10 年）。']
		});
		// 0.055 × 100 = 5.5 (a share unit prints as a percentage)
		expect(t.articles[3]!.paragraphs[0]).toBe('5.5%（现行标准：0%）。');
		// Untouched: the overtime premium stays at 1.5.
		expect(t.articles[4]).toEqual({
			label: '第五条',
			title: '工作日延时加班工资倍数',
			paragraphs: ['1.5 倍（维持现行标准）。']
		});
	});

	it('[N17] clauses follow the terms and keep their paragraphs; the closing articles have no title', () => {
		const t = agreementText(s1, signed);
		// S1 has 8 non-clause terms; the contract term is stated in the 合同期限 line, not as an
		// article, so the clause is article 8 (八), then 9–11 close the contract.
		expect(t.articles[7]).toEqual({
			label: '第八条',
			title: '创新奖励条款',
			paragraphs: ['经采纳的建议按节约成本的5%奖励。', '奖励每季度发放一次。']
		});
		expect(t.articles).toHaveLength(11);
		expect(t.articles[8]!.title).toBeUndefined();
		expect(t.articles[8]!.paragraphs[0]).toMatch(/^本合同期满前三个月内/);
		expect(t.articles[10]!.label).toBe('第十一条');
	});

	it('[N17] signature lines: 甲方 first, names and Beijing dates of the signers', () => {
		const t = agreementText(s1, signed);
		expect(t.signatures).toEqual([
			{
				side: 'management',
				label: '甲方（企业方）',
				partyName: '钱塘精密零部件有限公司',
				signerName: '李明',
				date: '2025年3月2日'
			},
			{
				side: 'labour',
				label: '乙方（职工方）',
				partyName: '钱塘精密零部件有限公司工会委员会',
				signerName: '王建国',
				date: '2025年3月2日'
			}
		]);
	});

	it('[N18] a draft says 草案 in its title and notice and leaves the signature lines blank', () => {
		const t = agreementText(s1, { ...signed, signers: [], isDraft: true });
		expect(t.title).toBe('钱塘精密零部件有限公司工资专项集体合同（草案）');
		expect(t.draftNotice).toContain('草案');
		expect(t.signatures.map((s) => [s.signerName, s.date])).toEqual([
			[null, null],
			[null, null]
		]);
		// The draft still shows the figures under discussion.
		expect(t.articles[0]!.paragraphs[0]).toBe('45 元/年·月（现行标准：30 元/年·月）。');
	});

	it('[N2] terms left out stand at their current value', () => {
		const t = agreementText(s1, { terms: {}, clauses: [], signers: [], isDraft: true });
		expect(t.articles[0]!.paragraphs[0]).toBe('30 元/年·月（维持现行标准）。');
		expect(t.termYears).toBe(1);
		expect(t.articles).toHaveLength(7 + 3); // 8 terms less the contract term, no clause, 3 closing articles
	});

	it('[N17] states the contract term once: in the 合同期限 line, never again as an article', () => {
		const t = agreementText(s1, signed);
		const all = [t.termLine, ...t.articles.flatMap((a) => [a.title ?? '', ...a.paragraphs])].join(
			''
		);
		expect(all.match(/(?<![0-9])2\s?年/g)).toHaveLength(1);
		expect(t.articles.some((a) => a.title === '合同期限')).toBe(false);
	});

	it('[N17] words a yes/no term as a sentence, by what it was before', () => {
		const heat = (v: boolean) =>
			agreementText(s1, { ...signed, terms: { heatAllowance: v } }).articles.find((a) =>
				a.title?.startsWith('车间高温津贴')
			)!.paragraphs[0];
		expect(heat(true)).toBe('甲方自本合同生效之日起执行本项待遇（现行未执行）。');
		expect(heat(false)).toBe('本合同期内不作约定（现行未执行）。');
	});

	it('[N17] leaves out the rows of a table that pay nothing (无等级 0 元/月)', () => {
		const ladder = agreementText(s1, {
			...signed,
			terms: { skillLadder: { none: 0, junior: 80, mid: 150, senior: 300, technician: 500 } }
		}).articles[2]!;
		expect(ladder.paragraphs[0]).toBe(
			'初级工 80 元/月；中级工 150 元/月；高级工 300 元/月；技师 500 元/月（现行标准：中级工 150 元/月；高级工 300 元/月；技师 500 元/月）。'
		);
	});
});

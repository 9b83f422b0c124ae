import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
	shippedJurisdictions,
	shippedScenarioText
} from '../../../tests/helpers/shipped-scenarios.ts';
import { caseDocumentFromYaml, caseDocumentToYaml, checkCaseDocument } from './case-document.ts';
import { problemMessageZh } from './problem-zh.ts';
import { cost } from './cost.ts';

const s2 = () => parse(shippedScenarioText('s2-qianhu-food-delivery')) as Record<string, unknown>;

describe('case documents', () => {
	it('[K14] a figure a jurisdiction leaves empty must come from the case', () => {
		const j = shippedJurisdictions();
		// §3 of docs/sources.md: no hourly minimum wage was found for Guangdong tier 1 or Shenzhen.
		expect(j['guangdong-tier1']!.minimumWage.hourlyYuan).toBeNull();
		expect(j['shenzhen']!.minimumWage.hourlyYuan).toBeNull();
		expect(j['shenzhen']!.minimumWage.monthlyYuan).toBe(2520);
		const doc = { ...s2(), jurisdiction: 'shenzhen', jurisdictionOverrides: undefined };
		const r = checkCaseDocument(doc, j);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const gap = r.problems.find((p) => p.path === 'jurisdictionOverrides.minimumWage.hourlyYuan');
		expect(gap?.message).toMatch(/has no figure here/);
		expect(problemMessageZh(gap!.message)).toBe(
			'法域“shenzhen”没有这项数值（资料中未找到），请在本案例的法域覆盖中填写'
		);
		const filled = checkCaseDocument(
			{ ...doc, jurisdictionOverrides: { minimumWage: { hourlyYuan: 23 } } },
			j
		);
		expect(filled.ok).toBe(true);
		if (filled.ok) expect(filled.value.rules.minimumWage.hourlyYuan).toBe(23);
	});

	it('[K15] a document exported as YAML reads back to the same document and figures', () => {
		const doc = s2();
		const back = caseDocumentFromYaml(caseDocumentToYaml(doc));
		expect(back).toEqual(doc);
		const a = checkCaseDocument(doc, shippedJurisdictions());
		const b = checkCaseDocument(back, shippedJurisdictions());
		if (!a.ok || !b.ok) throw new Error('S2 should validate');
		expect(cost(b.value, {})).toEqual(cost(a.value, {}));
	});

	it('[K15] problems read in Chinese, with unknown messages kept', () => {
		expect(problemMessageZh('missing; expected number')).toBe('缺少此项（应为数字）');
		expect(problemMessageZh('expected number, got string "two"')).toBe(
			'应为数字，实际是文字 "two"'
		);
		expect(problemMessageZh('must be ≥ 0')).toBe('必须 ≥ 0');
		// One wording per rule, the studio's (it calls terms 议题): this read 条款编号“x”重复 while the
		// studio said 议题代号“x”重复 for the same check.
		expect(problemMessageZh('term id "x" is used twice')).toBe('议题代号“x”重复');
		expect(problemMessageZh('some new check')).toBe('some new check');
		expect(checkCaseDocument([], {}).ok).toBe(false);
	});
});

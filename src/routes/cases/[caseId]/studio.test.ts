import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCaseDocument, issuesAtFields, issuesZh, scenarioSchema } from '$lib/domain/index.ts';
import { shippedJurisdictions } from '../../../../tests/helpers/shipped-scenarios.ts';
import { getIn, indexPath, setIn } from './doc-path.ts';
import { listParameters, kindsFor } from './parameters.ts';
import { DraftSync, newerDraft } from './draft-sync.svelte.ts';
import { convertKind } from './term-kinds.ts';
import { renameKey } from './templates.ts';

const s1 = () =>
	parse(readFileSync('scenarios/s1-qiantang-parts.yaml', 'utf8')) as Record<string, unknown>;

const issuesOf = (doc: unknown) => {
	const r = scenarioSchema.safeParse(doc, { reportInput: true });
	return r.success ? [] : issuesAtFields(r.error.issues);
};
const CJK_OR_DATA = /^[^A-Za-z]*$/;

describe('case studio', () => {
	it('[K50] every problem is said in Chinese at the path of its field', () => {
		let doc = s1();
		doc = setIn(doc, ['title'], '');
		doc = setIn(doc, ['terms', 0, 'max'], '六十');
		doc = setIn(doc, ['contract', 'termYears'], undefined);
		doc = setIn(doc, ['enterprise', 'groups', 1, 'skillLevel'], 'master');
		const issues = issuesOf(doc);
		const at = (p: string) => issues.filter((i) => i.path.join('.') === p).map((i) => i.message);
		expect(at('title')).toEqual(['不能为空']);
		expect(at('terms.0.max')).toEqual(['请填写数字']);
		expect(at('contract.termYears')).toEqual(['必填']);
		expect(at('enterprise.groups.1.skillLevel')).toEqual(['技能等级“master”不在技能工资表中']);
		// No English words from the schema reach the screen (codes the author typed may appear in quotes).
		for (const i of issues) expect(i.message.replace(/“[^”]*”/g, '')).toMatch(CJK_OR_DATA);
	});

	it('[K50] the studio and the server say a rule in the same words (one home: domain/problem-zh.ts)', () => {
		let doc = s1();
		doc = setIn(doc, ['terms', 0, 'current'], 500);
		doc = setIn(doc, ['enterprise', 'seniority', 'yuanPerYear'], 500);
		doc = setIn(doc, ['enterprise', 'groups', 1, 'skillLevel'], 'master');
		const studio = issuesOf(doc).map((i) => `${i.path.join('.')}: ${i.message}`);
		const r = checkCaseDocument(doc, shippedJurisdictions());
		expect(r.ok).toBe(false);
		const server = r.ok ? [] : issuesZh(r.problems).map((p) => `${p.path}: ${p.message}`);
		for (const line of [
			'terms.0.current: 现行值 500 超出范围 0 至 200',
			'enterprise.groups.1.skillLevel: 技能等级“master”不在技能工资表中'
		]) {
			expect(studio).toContain(line);
			expect(server).toContain(line);
		}
	});

	it('[K50] shares that do not add up and a current value out of bounds are explained', () => {
		let doc = s1();
		doc = setIn(doc, ['terms', 0, 'current'], 500);
		doc = setIn(doc, ['enterprise', 'seniority', 'yuanPerYear'], 500);
		doc = setIn(doc, ['enterprise', 'groups', 0, 'quota', 'outputPerHour', 0, 'share'], 0.2);
		const msgs = issuesOf(doc).map((i) => `${i.path.join('.')}: ${i.message}`);
		// term 0 (seniorityPerYear) has min 0, max 200; output shares 0.2+0.2+0.4+0.2+0.1 = 1.1
		expect(msgs).toContain('terms.0.current: 现行值 500 超出范围 0 至 200');
		expect(msgs).toContain(
			'enterprise.groups.0.quota.outputPerHour: 各项占比合计为 1.1，应为 1（即 100%）'
		);
	});

	it('[K52] the parameter picker lists the case’s own parameters by id path, filtered by term kind', () => {
		const params = listParameters(s1());
		const byPath = new Map(params.map((p) => [p.path, p]));
		expect(byPath.get('enterprise.seniority.yuanPerYear')).toMatchObject({
			kind: 'number',
			label: '企业工资 · 工龄工资 · 每年金额'
		});
		// array elements by their id, labelled by their name
		expect(byPath.get('enterprise.groups.P1.base')).toMatchObject({
			kind: 'number',
			label: '企业工资 · 人员组 · 普工 · 基本工资'
		});
		expect(byPath.get('enterprise.skillWage')?.kind).toBe('table');
		expect(byPath.get('enterprise.paysHeatAllowance')?.kind).toBe('boolean');
		// names and ids are not parameters
		expect(byPath.has('enterprise.groups.P1.name')).toBe(false);
		expect(kindsFor('cell')).toEqual(['number']);
		expect(kindsFor('table')).toEqual(['table']);
		// every term of the shipped case drives a parameter the picker offers
		for (const f of ['s1-qiantang-parts', 's2-qianhu-food-delivery', 's3-dongzhou-express'])
			for (const t of (
				parse(readFileSync(`scenarios/${f}.yaml`, 'utf8')) as { terms: { drives?: string }[] }
			).terms)
				if (t.drives)
					expect(
						listParameters(parse(readFileSync(`scenarios/${f}.yaml`, 'utf8'))).some(
							(p) => p.path === t.drives
						),
						`${f} ${t.drives}`
					).toBe(true);
	});

	it('[K52] the picker names every parameter of the shipped cases in Chinese: keys by their words, ids by the case’s own names', () => {
		const read = (f: string) => parse(readFileSync(`scenarios/${f}.yaml`, 'utf8'));
		const s1Params = new Map(listParameters(read('s1-qiantang-parts')).map((p) => [p.path, p]));
		// S1's skill levels are named by the skill-ladder term's labels (mid: 中级工).
		expect(s1Params.get('enterprise.skillWage.mid')?.label).toBe('企业工资 · 技能工资 · 中级工');
		const s3Params = new Map(listParameters(read('s3-dongzhou-express')).map((p) => [p.path, p]));
		// S3's rate cell ecom_low is the cell named 低价电商件.
		expect(s3Params.get('pieceRate.rateTable.yuan.ecom_low')?.label).toBe(
			'计件单价 · 单价表 · 金额 · 低价电商件'
		);
		for (const f of ['s1-qiantang-parts', 's2-qianhu-food-delivery', 's3-dongzhou-express'])
			for (const p of listParameters(read(f)))
				expect(p.label, `${f} ${p.path}`).not.toMatch(/[A-Za-z]{3,}/);
	});

	it('[K52] a drives path maps to the document path it writes', () => {
		const doc = s1();
		expect(indexPath(doc, 'enterprise.groups.P2.post')).toEqual([
			'enterprise',
			'groups',
			1,
			'post'
		]);
		expect(getIn(doc, ['enterprise', 'groups', 1, 'post'])).toBe(500);
		expect(indexPath(doc, 'enterprise.groups.P9.post')).toBeNull();
	});

	it('[K51] writes copy only the path and leave the previous document intact for undo', () => {
		const doc = s1();
		const next = setIn(doc, ['enterprise', 'groups', 0, 'headcount'], 421);
		expect(getIn(doc, ['enterprise', 'groups', 0, 'headcount'])).toBe(420);
		expect(getIn(next, ['enterprise', 'groups', 0, 'headcount'])).toBe(421);
		expect(getIn(next, ['terms'])).toBe(getIn(doc, ['terms']));
		// an emptied optional value is removed, not kept as undefined
		const cleared = setIn(doc, ['finance', 'revenueYuan'], undefined);
		expect(Object.keys(getIn(cleared, ['finance']) as object)).toEqual(['netProfitYuan']);
	});

	it('[K54] a reload restores the newer of the server and local drafts, and none equal to the version', () => {
		const version = { title: 'v' };
		const server = { document: { title: 'server' }, savedAt: 1000 };
		const local = { document: { title: 'local' }, savedAt: 2000 };
		expect(newerDraft(server, local)).toBe(local);
		expect(DraftSync.restore(version, server, null)).toBe(server);
		expect(DraftSync.restore(version, null, { document: { title: 'v' }, savedAt: 3 })).toBeNull();
		expect(DraftSync.restore(version, null, null)).toBeNull();
	});

	it('[K52] changing a term’s kind keeps its id and title and starts the new kind valid', () => {
		const t = convertKind(
			{
				id: 'x',
				title: '标题',
				kind: 'number',
				unit: '元',
				min: 0,
				max: 9,
				current: 3,
				drives: 'a.b'
			},
			'boolean'
		);
		expect(t).toEqual({ id: 'x', title: '标题', kind: 'boolean', current: false });
		expect(renameKey({ a: 1, b: 2 }, 'a', 'c')).toEqual({ c: 1, b: 2 });
		expect(Object.keys(renameKey({ a: 1, b: 2 }, 'a', 'c'))).toEqual(['c', 'b']);
		expect(renameKey({ a: 1, b: 2 }, 'a', 'b')).toEqual({ a: 1, b: 2 });
	});
});

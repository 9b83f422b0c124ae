import { describe, expect, it } from 'vitest';
import { testRules } from './fixtures.ts';
import { formatProblem, parseJurisdiction, parseScenario } from './load.ts';
import { tableKeys, type ResolvedScenario } from './scenario.ts';
import { shippedScenario } from '../../../tests/helpers/shipped-scenarios.ts';

const J = { test: testRules };

const bad = `version: 1
id: Bad_Id
title: ""
background: 测试
instrument: x
jurisdiction: test
parties:
  labour: {name: 工会}
  management: {name: 企业, extra: 1}
contract: {termYears: 1}
enterprise:
  seniority: {yuanPerYear: "thirty", capYears: 10}
  skillWage: {none: 0}
  overtimePremium: {workday: 1.5, restDay: 2, holiday: 3}
  overtimeBase: [base]
  generalIncrease: {rate: 0, appliesTo: [base]}
  groups:
    - {id: G, name: 组, headcount: -3, base: 2490, tenure: {meanYears: 1}, skillLevel: gold}
terms:
  - {id: t1, title: 工龄, kind: number, unit: 元, current: 30, drives: enterprise.seniority.perYear}
confidential:
  labour: {brief: a}
  management: {brief: b}
`;

describe('loading scenario files', () => {
	it('[L1] reports every problem at once as file:line:column path: message', () => {
		const r = parseScenario(bad, 'bad.yaml', J);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const lines = r.problems.map(formatProblem);
		expect(lines).toEqual(
			expect.arrayContaining([
				'bad.yaml:2:5 id: use lower-case letters, digits and hyphens',
				'bad.yaml:9:26 parties.management: unknown field "extra" (check the spelling)',
				'bad.yaml:12:28 enterprise.seniority.yuanPerYear: expected number, got string "thirty"',
				'bad.yaml:18:35 enterprise.groups.0.headcount: must be ≥ 0'
			])
		);
		// cross-field checks run despite the shape errors
		expect(lines.some((l) => l.includes('skillLevel: skill level "gold"'))).toBe(true);
		expect(
			lines.some((l) =>
				/^bad\.yaml:20:\d+ terms\.0\.drives: "enterprise\.seniority\.perYear" does not name/.test(l)
			)
		).toBe(true);
		for (const l of lines) expect(l).toMatch(/^bad\.yaml:\d+:\d+ \S+: [^\n]+$/);
	});

	it('[L1] reports YAML syntax errors with their position', () => {
		const r = parseScenario('version: 1\ntitle: [unclosed\n', 'x.yaml', J);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems[0]).toMatchObject({ file: 'x.yaml', line: expect.any(Number) });
	});

	it('[L2] an unknown jurisdiction and a bad override are located', () => {
		const r = parseScenario(bad.replace('jurisdiction: test', 'jurisdiction: mars'), 'b.yaml', J);
		expect(
			!r.ok &&
				r.problems.some(
					(p) =>
						p.path === 'jurisdiction' &&
						p.line === 6 &&
						p.message.includes('unknown jurisdiction "mars"')
				)
		).toBe(true);
		const o = parseScenario(
			bad.replace(
				'jurisdiction: test',
				'jurisdiction: test\njurisdictionOverrides:\n  minimumWage: {monthlyYuan: -5}'
			),
			'c.yaml',
			J
		);
		expect(
			!o.ok &&
				o.problems.some(
					(p) => p.path === 'jurisdictionOverrides.minimumWage.monthlyYuan' && p.line === 8
				)
		).toBe(true);
	});

	it('[L2] a jurisdiction file is validated on its own', () => {
		const r = parseJurisdiction('version: 1\nkind: jurisdiction\nid: x\nname: X\n', 'j.yaml');
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.problems.map((p) => p.path)).toEqual(
				expect.arrayContaining(['minimumWage', 'hours', 'overtime'])
			);
	});
});

describe('[L3] table cell names', () => {
	const s1 = shippedScenario('s1-qiantang-parts');
	const s2 = shippedScenario('s2-qianhu-food-delivery');
	const table = (r: ResolvedScenario, id: string) => {
		const t = r.terms.find((x) => x.id === id);
		if (t?.kind !== 'table') throw new Error(`${id} is not a table term`);
		return t;
	};

	it('S1 names all six grades, two of which the union may add', () => {
		const ladder = table(s1, 'skillLadder');
		// The demand D2 (case S1, docs/sources.md) adds 初级工 and 高级技师 to today's four grades.
		expect(tableKeys(ladder)).toEqual([
			'none',
			'junior',
			'mid',
			'senior',
			'technician',
			'seniorTechnician'
		]);
		expect(ladder.labels?.junior).toBe('初级工');
		expect('junior' in ladder.current).toBe(false);
	});

	it('a term driving the piece-rate table takes the rate cells’ names', () => {
		const fees = table(s2, 'baseFees');
		expect(fees.labels).toEqual({
			d0_1: '0–1 公里',
			d1_3: '1–3 公里',
			d3_5: '3–5 公里',
			d5p: '5 公里以上'
		});
	});

	it('keys a value adds come after the named ones', () => {
		const ladder = table(s1, 'skillLadder');
		expect(tableKeys(ladder, { extra: 1, mid: 2 }).slice(-1)).toEqual(['extra']);
	});
});

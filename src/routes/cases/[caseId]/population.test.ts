import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cost, type JurisdictionFile } from '$lib/domain/index.ts';
import { parseJurisdiction } from '$lib/domain/load.ts';
import {
	buildFragment,
	checkSheet,
	guessMapping,
	type PopulationFragment
} from '$lib/domain/population-import/index.ts';
import { checkDocument } from './case-editor.svelte.ts';
import {
	applyPayroll,
	applyRiders,
	cohortsOf,
	isRecord,
	legacyToSegments,
	removeSegments,
	riderContext
} from './population.ts';

type Row = Record<string, unknown>;
const s2 = () =>
	parse(readFileSync('scenarios/s2-qianhu-food-delivery.yaml', 'utf8')) as Record<string, unknown>;
const jurisdictions = (): Record<string, JurisdictionFile> => {
	const file = 'scenarios/jurisdictions/zhejiang-tier1.yaml';
	const r = parseJurisdiction(readFileSync(file, 'utf8'), file);
	if (!r.ok) throw new Error(file);
	return { 'zhejiang-tier1': r.value };
};

/** Riders as a platform exports them; every row the same 8 h in 平峰, 22 days, 20 orders. */
function riders(types: string[]): PopulationFragment & { kind: 'rider' } {
	const headers = [
		'骑手ID',
		'姓名',
		'骑手类型',
		'时段',
		'日均在线时长(小时)',
		'每月出勤天数',
		'日均单量'
	];
	const rows = types.map((t, i) => [`R${i}`, `骑手${i}`, t, '平峰', '8', '22', '20']);
	const sheet = { headers, rows };
	const ctx = riderContext(s2().pieceRate as Row);
	const mapping = guessMapping('rider', headers);
	const { check } = checkSheet(sheet, 'rider', mapping, ctx);
	const built = buildFragment(sheet, check!, mapping, 'individual', ctx);
	if (!built.ok || built.fragment.kind !== 'rider') throw new Error('not built');
	return built.fragment;
}

describe('studio population', () => {
	it('[K60] rider rows may name the case’s bands (without their bracketed note) and the usual 专送/众包/兼职 segments', () => {
		const ctx = riderContext(s2().pieceRate as Row);
		expect(ctx.bands.map((b) => b.id)).toEqual(['peak', 'shoulder', 'off_peak', 'night']);
		expect(ctx.segments.map((s) => s.name)).toEqual(['专送', '众包', '兼职']);
		expect(ctx.defaultSegment).toBe('crowd');
		// A sheet's 高峰 and 夜间 are the case's 高峰（12–14、18–20 时） and 夜间（22–6 时）.
		const headers = ['时段', '日均在线时长(小时)', '每月出勤天数', '日均单量'];
		const sheet = {
			headers,
			rows: [
				['高峰', '4', '22', '18'],
				['夜间', '3', '22', '5'],
				['早班', '3', '22', '5']
			]
		};
		const { check } = checkSheet(sheet, 'rider', guessMapping('rider', headers), ctx);
		expect(check!.result.problems.map((p) => [p.row, p.field])).toEqual([[4, 'band']]);
	});

	it('[K61] applied rider records replace the legacy population, validate, and price from their own hours', () => {
		const doc = s2();
		const f = riders(['专送', '众包', '兼职', '众包']);
		doc.pieceRate = applyRiders(doc.pieceRate as Row, f);
		const pr = doc.pieceRate as Row;
		expect(pr.workforce).toBeUndefined();
		expect(pr.population).toBeUndefined();
		expect((pr.segments as Row[]).length).toBe(4);
		const { issues, resolved } = checkDocument(doc, jurisdictions());
		expect(issues).toEqual([]);
		// Reference worker (P41): the first record, 8 h in 平峰 at 2.5 orders/h, multiplier 1:
		// 20 orders a day. Mean rate over the cells 0.15 × 5 + 0.55 × 6 + 0.25 × 7.5 +
		// 0.05 × (7.5 + 1.5 × 1 km) = 0.75 + 3.3 + 1.875 + 0.45 = 6.375, no surcharge in 平峰:
		// 20 × 6.375 = 127.50 a day. Working time = order time 0.7 × 8 = 5.6 h + 1 h allowance
		// = 6.6 h: 127.50 / 6.6 = 19.318… → 19.32 an hour.
		const r = cost(resolved!, {});
		expect(r.pieceRate!.current.reference.payFen).toBe(12750);
		expect(Math.round(r.pieceRate!.current.reference.hourlyFen)).toBe(1932);
		// Four riders, kept one by one, summarised per kind: 专送 1, 众包 2, 兼职 1.
		expect(
			cohortsOf(pr.segments as Row[]).map((c) => [c.name, c.records, c.hours, c.days])
		).toEqual([
			['专送', 1, 8, 22],
			['众包', 2, 8, 22],
			['兼职', 1, 8, 22]
		]);
	});

	it('[K60] removing one kind of records is one change and drops a reference to them', () => {
		const pr = applyRiders(s2().pieceRate as Row, riders(['专送', '众包', '众包']));
		const first = (pr.segments as Row[])[0]!;
		pr.reference = { segment: first.id, pattern: 'p1', multiplier: 1, days: 22 };
		const next = removeSegments(pr, (s) => isRecord(s) && s.cohort === first.cohort);
		expect((next.segments as Row[]).length).toBe(2);
		expect(next.reference).toBeUndefined();
		expect((pr.segments as Row[]).length).toBe(3);
	});

	it('[K63] the legacy population split into segments keeps every figure', () => {
		const before = s2();
		const after = s2();
		after.pieceRate = legacyToSegments(after.pieceRate as Row);
		const segs = (after.pieceRate as Row).segments as Row[];
		// 60,000 riders × 0.30 with a labour contract = 18,000; the other 42,000 platform workers.
		expect(segs.map((s) => [s.id, s.headcount, s.status, s.hasLabourContract])).toEqual([
			['employees', 18000, 'full-time', true],
			['others', 42000, 'platform', false]
		]);
		const a = checkDocument(before, jurisdictions());
		const b = checkDocument(after, jurisdictions());
		expect(b.issues).toEqual([]);
		const ra = cost(a.resolved!, { upliftPerOrder: 0.5 });
		const rb = cost(b.resolved!, { upliftPerOrder: 0.5 });
		expect(rb.annual).toEqual(ra.annual);
		expect(rb.pieceRate!.proposed.reference).toEqual(ra.pieceRate!.proposed.reference);
		expect(rb.pieceRate!.proposed.shareBelowHourlyMinimum).toBe(
			ra.pieceRate!.proposed.shareBelowHourlyMinimum
		);
	});

	it('[K62] payroll rows replace the groups, levels by their Chinese name, and the ladder term follows', () => {
		const doc = {
			enterprise: { skillWage: { none: 0, mid: 150, senior: 300 }, groups: [{ id: 'old' }] },
			terms: [
				{
					id: 'ladder',
					kind: 'table',
					drives: 'enterprise.skillWage',
					labels: { mid: '中级', senior: '高级' },
					current: { none: 0, mid: 150, senior: 300 }
				}
			]
		};
		const f: PopulationFragment & { kind: 'payroll' } = {
			kind: 'payroll',
			mode: 'summary',
			workers: 5,
			groups: [
				{ id: 'g1', name: '装配（中级）', headcount: 3, base: 2600, post: 0, skillLevel: '中级' },
				{ id: 'g2', name: '检验（技师）', headcount: 2, base: 2900, post: 0, skillLevel: '技师' }
			] as never,
			skillWage: { 中级: 200 }
		};
		const next = applyPayroll(doc, f, () => ({}));
		const ent = next.enterprise as Row;
		expect((ent.groups as Row[]).map((g) => g.skillLevel)).toEqual(['mid', '技师']);
		// 中级 is mid: its 200 from the sheet; senior kept; 技师 unknown to the case: 0 to fill in.
		expect(ent.skillWage).toEqual({ none: 0, mid: 200, senior: 300, 技师: 0 });
		expect((next.terms as Row[])[0]!.current).toEqual(ent.skillWage);
	});
});

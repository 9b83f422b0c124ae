import { describe, expect, it } from 'vitest';
import { groupSchema, segmentSchema } from '../scenario.ts';
import {
	buildFragment,
	checkSheet,
	DEFAULT_SEGMENTS,
	guessKind,
	guessMapping,
	mappingProblems,
	parseNumber,
	type ImportContext,
	type Sheet
} from './index.ts';

const ctx: ImportContext = {
	bands: [
		{ id: 'lunch', name: '午高峰', unitsPerHour: 3 },
		{ id: 'evening', name: '晚高峰', unitsPerHour: 2.5 },
		{ id: 'offpeak', name: '平峰', unitsPerHour: 1.5 }
	],
	defaultBand: 'offpeak',
	segments: DEFAULT_SEGMENTS,
	defaultSegment: 'crowd'
};

describe('column mapping', () => {
	it('[I1] guesses rider fields from Chinese headers, the specific before the general', () => {
		const headers = [
			'骑手工号',
			'姓名',
			'类型',
			'服务商',
			'时段',
			'日均在线时长(小时)',
			'每月出勤天数',
			'日均单量',
			'备注'
		];
		expect(guessMapping('rider', headers)).toEqual([
			'workerId',
			'name',
			'segment',
			'employer',
			'band',
			'hoursPerDay',
			'daysPerMonth',
			'unitsPerDay',
			null
		]);
		// 每小时单量 is orders per hour, not orders per day; a second 单量 column stays unmapped.
		expect(guessMapping('rider', ['工号', '每小时单量', '天数', '在线时长', '日单量'])).toEqual([
			'workerId',
			'unitsPerHour',
			'daysPerMonth',
			'hoursPerDay',
			'unitsPerDay'
		]);
	});

	it('[I1] guesses rider fields from English headers', () => {
		expect(
			guessMapping('rider', ['Rider ID', 'Name', 'Type', 'Hours per day', 'Days', 'Orders'])
		).toEqual(['workerId', 'name', 'segment', 'hoursPerDay', 'daysPerMonth', 'unitsPerDay']);
	});

	it('[I1] guesses payroll fields: 岗位工资 is pay, 岗位 the group, 工龄工资 not imported', () => {
		const headers = [
			'工号',
			'姓名',
			'班组',
			'岗位工资',
			'基本工资',
			'工龄',
			'工龄工资',
			'技能等级',
			'月工时',
			'加班工时',
			'交通补贴',
			'餐费津贴',
			'绩效奖金'
		];
		expect(guessMapping('payroll', headers)).toEqual([
			'workerId',
			'name',
			'group',
			'post',
			'base',
			'tenureYears',
			null,
			'skillLevel',
			'hoursPerMonth',
			'overtimeHours',
			'allowance',
			'allowance',
			'bonus'
		]);
		expect(guessKind(headers)).toBe('payroll');
		expect(guessKind(['工号', '日均在线时长', '天数', '日均单量'])).toBe('rider');
	});

	it('[I3] names what the mapping lacks before any row is read', () => {
		expect(mappingProblems('rider', ['workerId', 'hoursPerDay', null])).toEqual([
			'请指定「每月出勤天数」所在的列',
			'请指定「日均单量」或「每小时单量」所在的列'
		]);
		expect(mappingProblems('payroll', ['group', 'base', 'base'])).toEqual([
			'「基本工资（元）」被指定给了多列'
		]);
	});
});

describe('row checks', () => {
	it('[I5] reads numbers as spreadsheets hold them, and nothing else', () => {
		expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
		expect(parseNumber('８小时')).toBe(8);
		expect(parseNumber('￥3,000')).toBe(3000);
		expect(parseNumber('26天')).toBe(26);
		expect(parseNumber('八')).toBeNull();
		expect(parseNumber('1.2.3')).toBeNull();
		expect(parseNumber('')).toBeNull();
	});

	it('[I4] [I6] [I7] [I8] reports every bad row by its sheet row number and reason', () => {
		const sheet: Sheet = {
			headers: ['工号', '类型', '时段', '日均在线时长', '出勤天数', '日均单量'],
			rows: [
				['A1', '专送', '午高峰', '10', '26', '30'], // row 2: fine
				['A2', '外卖', '午高峰', '8', '20', '20'], // row 3: unknown segment
				['A3', '众包', '', '', '20', '12'], // row 4: hours missing
				[], // row 5: blank, skipped
				['A4', '众包', '夜宵', '30', 'abc', '12'], // row 6: unknown band, hours out of range, days not a number
				['A1', '兼职', '晚高峰', '4', '10', '8'] // row 7: duplicate id
			]
		};
		const mapping = guessMapping('rider', sheet.headers);
		const { check } = checkSheet(sheet, 'rider', mapping, ctx);
		expect(check?.result.records.map((r) => r.row)).toEqual([2]);
		expect(check?.result.skipped).toBe(1);
		expect(check?.result.problems.map((p) => `${p.row} ${p.message}`)).toEqual([
			'3 未知的分组「外卖」（可用：专送、众包、兼职）',
			'4 「日均在线时长（小时）」为空',
			'6 「日均在线时长（小时）」为 30，超出范围（应大于 0、不大于 24）',
			'6 「每月出勤天数」不是数字：「abc」',
			'6 未知的时段「夜宵」（可用：午高峰、晚高峰、平峰）',
			'7 工号「A1」重复（与第 2 行相同）'
		]);
		// I10: nothing is built while a kept row has a problem …
		const refused = buildFragment(sheet, check!, mapping, 'individual', ctx);
		expect(refused.ok).toBe(false);
		// … and excluding the bad rows explicitly lets the good one through.
		const kept = checkSheet(sheet, 'rider', mapping, ctx, new Set([3, 4, 6, 7])).check!;
		const built = buildFragment(sheet, kept, mapping, 'individual', ctx);
		expect(built.ok).toBe(true);
	});

	it('[I8] payroll rows: group and base required, employment known', () => {
		const sheet: Sheet = {
			headers: ['班组', '基本工资', '用工形式', '工龄'],
			rows: [
				['装配', '2690', '全日制', '3'],
				['', '2690', '', '1'],
				['装配', '', '临时工', '-1']
			]
		};
		const { check } = checkSheet(sheet, 'payroll', guessMapping('payroll', sheet.headers), ctx);
		expect(check?.result.problems.map((p) => `${p.row} ${p.message}`)).toEqual([
			'3 「班组/岗位」为空',
			'4 「基本工资（元）」为空',
			'4 未知的用工形式「临时工」（可用：全日制、非全日制、平台）',
			'4 「工龄（年）」为 -1，超出范围（应不小于 0、不大于 60）'
		]);
	});
});

describe('building the population', () => {
	const riders: Sheet = {
		headers: ['工号', '类型', '时段', '在线时长', '出勤天数', '日均单量', '每小时单量'],
		rows: [
			['R1', '专送', '午高峰', '10', '26', '33', ''],
			['R2', '专送', '午高峰', '10.2', '25.6', '30', ''],
			['R3', '专送', '晚高峰', '8', '22', '20', ''],
			['R4', '众包', '', '4', '10', '6', '']
		]
	};
	// The 每小时单量 column is left out: orders per day are used.
	const mapping = guessMapping('rider', riders.headers).map((f) =>
		f === 'unitsPerHour' ? null : f
	);

	it('[I11] [I12] keeps each rider as a headcount-1 segment with their own output multiplier', () => {
		const { check } = checkSheet(riders, 'rider', mapping, ctx);
		const built = buildFragment(riders, check!, mapping, 'individual', ctx);
		if (!built.ok || built.fragment.kind !== 'rider') throw new Error('not built');
		const s = built.fragment.segments;
		expect(s).toHaveLength(4);
		// R1: 33 orders ÷ (10 h × 3 orders/h in 午高峰) = 1.1
		expect(s[0]?.productivity[0]?.multiplier).toBeCloseTo(1.1, 12);
		expect(s[0]).toMatchObject({
			id: 'w2',
			name: '专送',
			headcount: 1,
			status: 'full-time',
			cohort: 'dedicated',
			patterns: [{ name: 'R1 · 午高峰 10 小时', share: 1, hours: { lunch: 10 } }],
			daysPerMonth: [{ days: 26, share: 1 }]
		});
		// R4: no band given → 平峰 (1.5/h); 6 ÷ (4 × 1.5) = 1; 众包 → platform
		expect(s[3]).toMatchObject({
			status: 'platform',
			cohort: 'crowd',
			patterns: [{ hours: { offpeak: 4 } }],
			productivity: [{ multiplier: 1, share: 1 }]
		});
	});

	it('[I13] summarises riders into segments with distributions of hours, output and days', () => {
		const { check } = checkSheet(riders, 'rider', mapping, ctx);
		const built = buildFragment(riders, check!, mapping, 'summary', ctx);
		if (!built.ok || built.fragment.kind !== 'rider') throw new Error('not built');
		const [dedicated, crowd] = built.fragment.segments;
		if (!dedicated) throw new Error('no segment');
		expect(dedicated.headcount).toBe(3);
		// Hours in half-hour steps: 10 → 10, 10.2 → 10 (both 午高峰), 8 (晚高峰): 2/3 and 1/3.
		expect(dedicated.patterns).toEqual([
			{ id: 'p1', name: '晚高峰 8 小时', share: 1 / 3, hours: { evening: 8 } },
			{ id: 'p2', name: '午高峰 10 小时', share: 2 / 3, hours: { lunch: 10 } }
		]);
		// Multipliers: R1 33/(10×3) = 1.1; R2 30/(10.2×3) = 0.980… → 1.0 (step 0.05);
		// R3 20/(8×2.5) = 1.0. So 1.0 for 2/3, 1.1 for 1/3.
		expect(dedicated.productivity).toEqual([
			{ multiplier: 1, share: 2 / 3 },
			{ multiplier: 1.1, share: 1 / 3 }
		]);
		// Days rounded to whole days: 26, 25.6 → 26, 22.
		expect(dedicated.daysPerMonth).toEqual([
			{ days: 22, share: 1 / 3 },
			{ days: 26, share: 2 / 3 }
		]);
		expect(crowd).toMatchObject({ id: 'crowd', name: '众包', headcount: 1, status: 'platform' });
		for (const seg of built.fragment.segments)
			expect(segmentSchema.safeParse(seg).success).toBe(true);
	});

	it('[I16] employers named in the sheet get ids; segments split by employer and refer to them', () => {
		const sheet: Sheet = {
			headers: ['类型', '服务商', '在线时长', '天数', '单量'],
			rows: [
				['众包', '顺达', '5', '20', '7.5'],
				['众包', '', '5', '20', '7.5'],
				['众包', '快马', '5', '20', '7.5'],
				['众包', '顺达', '5', '20', '7.5']
			]
		};
		const m = guessMapping('rider', sheet.headers);
		const { check } = checkSheet(sheet, 'rider', m, ctx);
		const sum = buildFragment(sheet, check!, m, 'summary', ctx);
		if (!sum.ok || sum.fragment.kind !== 'rider') throw new Error('not built');
		expect(sum.fragment.employers).toEqual([
			{ id: 'e1', name: '顺达' },
			{ id: 'e2', name: '快马' }
		]);
		expect(sum.fragment.segments.map((x) => [x.id, x.name, x.headcount, x.employer])).toEqual([
			['crowd-e1', '众包 · 顺达', 2, 'e1'],
			['crowd', '众包', 1, undefined],
			['crowd-e2', '众包 · 快马', 1, 'e2']
		]);
		// Individual records report under the same ids (their cohort).
		const one = buildFragment(sheet, check!, m, 'individual', ctx);
		if (!one.ok || one.fragment.kind !== 'rider') throw new Error('not built');
		expect(one.fragment.segments.map((x) => x.cohort)).toEqual([
			'crowd-e1',
			'crowd',
			'crowd-e2',
			'crowd-e1'
		]);
		for (const seg of one.fragment.segments)
			expect(segmentSchema.safeParse(seg).success).toBe(true);
	});

	it('[I14] [I15] payroll rows: one payslip per worker, or groups with a tenure distribution', () => {
		const sheet: Sheet = {
			headers: ['工号', '班组', '技能等级', '工龄', '基本工资', '岗位工资', '技能工资', '交通补贴'],
			rows: [
				['E1', '装配', '初级', '2.4', '2690', '500', '200', '100'],
				['E2', '装配', '初级', '5', '2690', '600', '300', '100'],
				['E3', '装配', '初级', '4.6', '2700', '600', '250', '0'],
				['E4', '质检', '', '10', '3000', '800', '', '']
			]
		};
		const m = guessMapping('payroll', sheet.headers);
		const { check } = checkSheet(sheet, 'payroll', m, ctx);
		const one = buildFragment(sheet, check!, m, 'individual', ctx);
		if (!one.ok || one.fragment.kind !== 'payroll') throw new Error('not built');
		expect(one.fragment.groups).toHaveLength(4);
		expect(one.fragment.groups[0]).toMatchObject({
			headcount: 1,
			base: 2690,
			post: 500,
			tenure: { meanYears: 2.4 },
			allowances: [{ name: '交通补贴', yuan: 100 }]
		});
		const sum = buildFragment(sheet, check!, m, 'summary', ctx);
		if (!sum.ok || sum.fragment.kind !== 'payroll') throw new Error('not built');
		const [assembly, qc] = sum.fragment.groups;
		// base (2690 + 2690 + 2700) / 3 = 2693.333… → 2693.33; post (500 + 600 + 600) / 3 = 566.67;
		// transport (100 + 100 + 0) / 3 = 66.67; tenure whole years 2, 5, 5 → 2: 1/3, 5: 2/3.
		expect(assembly).toMatchObject({
			name: '装配（初级）',
			headcount: 3,
			base: 2693.33,
			post: 566.67,
			skillLevel: '初级',
			tenure: {
				distribution: [
					{ years: 2, share: 1 / 3 },
					{ years: 5, share: 2 / 3 }
				]
			},
			allowances: [{ id: 'a1', name: '交通补贴', yuan: 66.67 }]
		});
		expect(qc).toMatchObject({ name: '质检', headcount: 1, skillLevel: 'none' });
		// 技能工资 初级: (200 + 300 + 250) / 3 = 250.
		expect(sum.fragment.skillWage).toEqual({ 初级: 250 });
		for (const g of sum.fragment.groups) expect(groupSchema.safeParse(g).success).toBe(true);
	});
});

import stringWidth from 'string-width';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.ts';

let out: string[];
let err: string[];
beforeEach(() => {
	out = [];
	err = [];
	vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
	vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const S3 = 'scenarios/s3-dongzhou-express.yaml';

describe('xs', () => {
	it('prints usage listing the commands for an unknown command', async () => {
		expect(await main(['nope'])).toBe(2);
		expect(err.join('\n')).toMatch(/validate[\s\S]*cost/);
	});

	it('validate exits 0 for the shipped files and 1 with located messages for a bad one', async () => {
		expect(
			await main([
				'validate',
				'scenarios/s1-qiantang-parts.yaml',
				'scenarios/jurisdictions/zhejiang-tier1.yaml'
			])
		).toBe(0);
		const dir = mkdtempSync(join(tmpdir(), 'xs-'));
		const f = join(dir, 'bad.yaml');
		writeFileSync(f, 'version: 2\nid: x\n');
		expect(await main(['validate', f])).toBe(1);
		expect(err.join('\n')).toMatch(/bad\.yaml:1:10 version: must be 1/);
		expect(err.join('\n')).not.toMatch(/\bat .*\.ts:\d+/);
	});

	it('[C22] cost --json gives annual.costDelta, monthly bills, groups and piece-rate figures', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xs-'));
		const t = join(dir, 'terms.yaml');
		writeFileSync(t, 'floorPerParcel: 1.0\n');
		expect(await main(['cost', S3, '--terms', t, '--json'])).toBe(0);
		const j = JSON.parse(out[0]!);
		// 481 × 6000 = 2,886,000 a month more wages
		expect(j.monthly.proposed - j.monthly.current).toBe(2_886_000);
		expect(j.groups[0]).toMatchObject({
			id: 'piece-rate',
			headcount: 6000,
			currentMonthlyPay: 5187,
			proposedMonthlyPay: 5668
		});
		// employer cost: wages + 30 % on-costs for the 70 % employees: 2,886,000 × (1 + 0.3 × 0.7) × 12
		expect(j.annual.costDelta).toBeCloseTo(2_886_000 * 1.21 * 12, 0);
		expect(j.hourlyEarnings).toMatchObject({ p50: 21.8 });
		expect(j.shareBelowHourlyMinimum).toBeCloseTo(0.7, 9);
		expect(j.findings[0]).toEqual(
			expect.objectContaining({
				severity: expect.any(String),
				citation: expect.any(String),
				sourceTags: expect.any(Array),
				message: expect.any(String)
			})
		);
		// [C10] the least-paid courier (×0.8): 1.09 × 20 × 0.8 × 10 h = 174.40 a day × 26 = 4,534.40; for the
		// 8 standard hours of a 10-hour day 4,534.40 × 8 / 10 = 3,627.52 counts toward the minimum wage
		expect(j.groups[0]).toMatchObject({
			lowestMonthlyPay: 4534.4,
			lowestCountedForMinimum: 3627.52
		});
		// [C20] no source tag in the on-screen citation; the tags are a separate field
		for (const f of j.findings) expect(f.citation).not.toMatch(/\[[LP]\d/);
	});

	/** The output's lines with runs of spaces collapsed, so a test reads figures, not column widths. */
	const lines = () =>
		out
			.join('\n')
			.split('\n')
			.map((l) => l.trim().replace(/\s+/g, ' '));

	it('[P2] [P3] [P4] cost prints S2’s reference courier and lowest month from the shipped distributions', async () => {
		expect(await main(['cost', 'scenarios/s2-qianhu-food-delivery.yaml'])).toBe(0);
		const l = lines();
		expect(l).toContain('议题变化：无（按现行条件测算）');
		// rate per order: 0.15 × 5 + 0.55 × 6 + 0.25 × 7.5 + 0.05 × (7.5 + 1.5 × 1 km) = 0.75 + 3.30 + 1.875 + 0.45 = 6.375
		expect(l).toContain('平均单价 6.3750 6.3750');
		// ft10, ×1.0: peak 4 h × 4.5 = 18 orders at 6.375 + 1.00 peak surcharge, shoulder 3 × 2.5 = 7.5 and
		// off-peak 3 × 1.2 = 3.6 at 6.375: 132.75 + 47.8125 + 22.95 = 203.5125 → 203.51 a day
		expect(l).toContain('参照劳动者日收入 203.51 203.51');
		// working time: order time 0.7 × 10 h = 7 h + max(1 h, 0 × 7) allowance = 8 h; 203.51 / 8 = 25.44
		expect(l).toContain('参照劳动者工作时间 8.00 8.00');
		expect(l).toContain('参照劳动者小时收入 25.44 25.44');
		// [C1] [P3] 26 days, rounded once for the month: 203.5125 × 26 = 5,291.325 → 5,291.33
		expect(l).toContain('参照劳动者月收入 5,291.33 5,291.33');
		// lowest: night6 at ×0.8 for 4 days: shoulder 1 × 2.5 × 0.8 = 2 and off-peak 2 × 1.2 × 0.8 = 1.92 orders at
		// 6.375 (12.75 + 12.24), night 3 × 1.5 × 0.8 = 3.6 at 7.375 (26.55): 51.54 a day × 4 = 206.16
		expect(l.find((x) => x.startsWith('piece-rate 计件劳动者（单） 60000 '))).toMatch(
			/ 206\.16 206\.16 206\.16$/
		);
		// [C10] the hourly minimum of Zhejiang tier 1 is 24 yuan; the findings name the test (platform riders:
		// hourly on working time), and that today's terms break it
		expect(
			l.some(
				(x) =>
					x.startsWith('[违法]') &&
					x.includes('按小时最低工资标准检验') &&
					x.includes('平台劳动者') &&
					x.includes('低于 24 元') &&
					x.endsWith('〔现行已存在〕')
			)
		).toBe(true);
	});

	it('cost aligns its table by display width, Chinese headers by default, shares without a + sign', async () => {
		expect(await main(['cost', 'scenarios/s2-qianhu-food-delivery.yaml'])).toBe(0);
		const raw = out.join('\n').split('\n');
		const at = raw.findIndex((x) => x.startsWith('群体'));
		expect(raw[at]).toMatch(
			/^群体 +人数 +现行月均 +方案月均 +增减 +增幅 +现行最低 +方案最低 +计入最低工资$/
		);
		// header, rule and the piece-rate row end in the same terminal column (CJK = 2 columns)
		const widths = raw.slice(at, at + 3).map((x) => stringWidth(x));
		expect(new Set(widths).size).toBe(1);
		// the guideline lines are rates, not changes: no sign
		expect(raw.some((x) => /工资指导线 下线 \d/.test(x))).toBe(true);
	});

	it('[P2] [P6] [P7] [P8] cost prints S3’s courier figures, all of which can be worked by hand', async () => {
		expect(await main(['cost', S3])).toBe(0);
		const l = lines();
		// rate per parcel: 0.45 × 1.20 + 0.40 × 0.90 + 0.15 × 0.65 = 0.54 + 0.36 + 0.0975 = 0.9975
		expect(l).toContain('平均单价 0.9975 0.9975');
		// reference: 10 h × 20 parcels × 0.9975 = 199.50 a day, 19.95 an hour, × 26 days = 5,187.00;
		// lowest (×0.8): 160 × 0.9975 = 159.60 × 26 = 4,149.60
		expect(l).toContain(
			'piece-rate 计件劳动者（件） 6000 5,187.00 5,187.00 无变化 无变化 4,149.60 4,149.60 3,319.68'
		);
		expect(l).toContain('参照劳动者日收入 199.50 199.50');
		expect(l).toContain('参照劳动者小时收入 19.95 19.95');
		// hourly P10 = ×0.8: 15.96; P50 = ×1.0 (cumulative 0.1 + 0.2 + 0.4 reaches 0.5): 19.95; P90 = ×1.1: 21.945 → 21.95
		expect(l).toContain('小时收入 P10 15.96 15.96');
		expect(l).toContain('小时收入 P50 19.95 19.95');
		expect(l).toContain('小时收入 P90 21.95 21.95');
		// below 22 an hour: ×0.8, ×0.9, ×1.0 and ×1.1 (21.945) = 0.1 + 0.2 + 0.4 + 0.2 = 90 %
		expect(l).toContain('低于小时最低工资比例 90.0% 90.0%');
		// wage bill 5,187 × 6000 = 31,122,000; employer cost + 30 % on-costs for the 70 % employees: × 1.21 = 37,657,620
		expect(l).toContain('月工资总额 现行 31,122,000.00 方案 31,122,000.00 增减 无变化 (无变化)');
		expect(l).toContain('月用工成本 现行 37,657,620.00 方案 37,657,620.00 增减 无变化');
		// quota 150 in 8 h needs 150 / 160 = ×0.9375: ×1.0, ×1.1, ×1.2 reach it = 70 %
		expect(
			l.some((x) => x.startsWith('[警示]') && x.includes('定额 150 在 8 小时内只有 70% 的人能完成'))
		).toBe(true);
	});

	it('[C3] [C5] [C18] cost prints S1 with changed terms: seniority 50 a year and a four-year term', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xs-'));
		const t = join(dir, 'terms.yaml');
		writeFileSync(t, 'seniorityPerYear: 50\ncontractTerm: 4\n');
		expect(await main(['cost', 'scenarios/s1-qiantang-parts.yaml', '--terms', t])).toBe(0);
		const l = lines();
		expect(l).toContain('工龄工资标准: 30 → 50');
		expect(l).toContain('合同期限: 1 → 4');
		expect(l).toContain('法域 浙江省一类地区；合同期限 4 年；人数 950');
		// S1 (no overtime): 4200 + 2200 + 0 + seniority + 2000 bonus; mean 6 years: 30 × 6 = 180 → 8,580.00,
		// 50 × 6 = 300 → 8,700.00 (+120.00, 120 / 8580 = +1.40 %); the lowest has 0 years: 8,400.00 either way;
		// [C10] counted toward the minimum: base 4200 + post 2200 (bonus does not count) = 6,400.00
		expect(l).toContain(
			'S1 管理及办公室人员 110 8,580.00 8,700.00 +120.00 +1.40% 8,400.00 8,400.00 6,400.00'
		);
		// P4 (base 2490, post 1000, skill 500, bonus 2200, 16 h overtime at 150 %, mean 9.5 years, min 5):
		//   now   seniority 285 → fixed 4275; OT 24 × 4275 / 174 = 589.655… → 589.66; 4275 + 2200 + 589.66 = 7,064.66
		//   50    seniority 475 → fixed 4465; OT 24 × 4465 / 174 = 615.862… → 615.86; 7,280.86 (+216.20, +3.06 %)
		//   lowest 5 years: 150 → 4140, OT 571.03 → 6,911.03; 250 → 4240, OT 584.83 → 7,024.83
		//   [C10] counted toward the minimum (proposed, lowest): 2490 + 1000 + 500 + 250 = 4,240.00
		expect(l).toContain('P4 技师 30 7,064.66 7,280.86 +216.20 +3.06% 6,911.03 7,024.83 4,240.00');
		expect(l).toContain('[违法] 合同期限 4 年，应为 1–3 年（《集体合同规定》第三十八条）');
	});

	it('cost prints a table by default and reports a bad terms file', async () => {
		expect(await main(['cost', 'scenarios/s1-qiantang-parts.yaml'])).toBe(0);
		expect(out.join('\n')).toMatch(/P1 普工/);
		expect(await main(['cost', S3, '--terms', '/nonexistent/terms.json'])).toBe(1);
	});
});

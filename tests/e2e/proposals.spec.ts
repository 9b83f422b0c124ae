import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAccount, hydrated, loginAsOrganizer } from './helpers.ts';

const COLLEAGUE = { login: 'union-colleague', name: '钱同事', password: 'colleague-pass-1' };

const box = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

async function setNumber(page: Page, name: string, value: string): Promise<void> {
	await box(page, name).fill(value);
	await box(page, name).press('Tab');
}

/** The text of a Word file's body: Word splits text into runs wherever formatting changes. */
function docxText(file: string): string {
	const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
	return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

test('[WS4] [WS7] [WS8] [WS9] [WS11] two union colleagues draft three versions of a proposal on the food-delivery case, compare them, seek a goal and download the 要约书 and the workbook', async ({
	browser
}) => {
	const a = await (await browser.newContext({ acceptDownloads: true })).newPage();
	await loginAsOrganizer(a);
	await ensureAccount(COLLEAGUE);

	// The first colleague makes the workspace on the shipped food-delivery case and shares it.
	await a.goto('/proposals');
	await hydrated(a);
	await a.getByLabel('案例').selectOption('s2-qianhu-food-delivery');
	await a.getByLabel('方案名称').fill('千湖骑手单价协商方案');
	await a.getByRole('button', { name: '新建方案' }).click();
	await expect(a).toHaveURL(/\/proposals\/[a-z0-9]+$/);
	const url = new URL(a.url()).pathname;
	await a.getByText(/方案成员/).click();
	await a.getByLabel('同事的登录名').fill(COLLEAGUE.login);
	await a.getByRole('button', { name: '共享给同事' }).click();
	await expect(a.getByRole('status').filter({ hasText: '已共享给 钱同事' })).toBeVisible();

	const b = await (await browser.newContext({ acceptDownloads: true })).newPage();
	await b.goto('/login');
	await b.getByLabel('登录名').fill(COLLEAGUE.login);
	await b.getByLabel('密码').fill(COLLEAGUE.password);
	await b.getByRole('button', { name: '登录' }).click();
	await expect(b).toHaveURL(/\/events$/);
	await b.goto(url);
	await expect(a.locator('[data-sync="synced"]')).toBeVisible();
	await expect(b.locator('[data-sync="synced"]')).toBeVisible();
	// Each sees the other present, under their account's name.
	await expect(a.locator('[data-peer="钱同事"]')).toBeVisible();
	await expect(b.locator('[data-peer="赵组织"]')).toBeVisible();

	// 方案 A: 0.80 more per order, typed by the first colleague, seen live by the second.
	await setNumber(a, '每单统一加价', '0.8');
	await expect(box(b, '每单统一加价')).toHaveValue('0.8');

	// 方案 B: the second colleague copies A and adds the hourly guarantee of 24 yuan.
	await b.getByTestId('copy-version').click();
	await expect(b.getByRole('tab', { name: '方案 B' })).toHaveAttribute('aria-selected', 'true');
	await setNumber(b, '小时收入保障（按工作时间补足）', '24');
	await b.getByTestId('rationale').fill('按工作时间补足到每小时 24 元');
	await expect(a.getByRole('tab', { name: '方案 B' })).toBeVisible();

	// 方案 C: the first colleague starts from the current terms and raises the peak surcharge.
	await a.getByRole('button', { name: '新方案（现行标准起步）' }).click();
	await expect(a.getByRole('tab', { name: '方案 C' })).toHaveAttribute('aria-selected', 'true');
	await setNumber(a, '高峰加价', '1.5');
	await expect(b.getByRole('tab', { name: '方案 C' })).toBeVisible();

	// The three side by side, term by term and in results.
	const diff = a.getByTestId('term-diff');
	await expect(diff.locator('thead')).toContainText('方案 A');
	await expect(diff.locator('thead')).toContainText('方案 C');
	const uplift = diff.locator('[data-term="upliftPerOrder"] td');
	await expect(uplift).toHaveText(['0.8 元/单', '0.8 元/单', '0 元/单']);
	await expect(diff.locator('[data-term="hourlyGuarantee"] td')).toHaveText([
		'0 元/小时',
		'24 元/小时',
		'0 元/小时'
	]);
	await expect(diff.locator('[data-term="peakSurcharge"] td')).toHaveText([
		'1 元/单',
		'1 元/单',
		'1.5 元/单'
	]);
	const results = a.getByTestId('result-diff');
	// Columns: current, A, B, C. The guarantee leaves no rider under the hourly minimum.
	const below = results.locator('[data-row="below"] td');
	await expect(below).toHaveCount(4);
	await expect(below.nth(2)).toHaveText('0%');
	await expect(below.nth(0)).not.toHaveText('0%');
	await expect(results.locator('[data-row="topup"] td').nth(1)).toHaveText('¥0.00');
	await expect(results.locator('[data-row="topup"] td').nth(2)).not.toHaveText('¥0.00');
	// Goal seeking on 方案 C: the least hourly guarantee that leaves at most 10 % of riders under
	// the hourly minimum of 24 yuan. A guarantee below 24 lifts riders only to it, still under the
	// minimum, so the answer is exactly 24, and the step below (23.5, the term's step) misses.
	await a.getByTestId('sweep').getByLabel('变化的议题').selectOption('hourlyGuarantee');
	await expect(a.getByTestId('sweep').getByLabel('步长')).toHaveValue('0.5');
	await a.getByTestId('sweep').getByRole('button', { name: '测算' }).click();
	const answer = a.getByTestId('sweep-answer');
	await expect(answer).toContainText('满足目标的最小取值：24 元/小时');
	await expect(answer).toContainText('再低一步 23.5 元/小时');
	// The change log names who did what.
	await a.getByText(/修改记录/).click();
	await expect(
		a.getByText('钱同事 修改了「方案 B」的「小时收入保障（按工作时间补足）」')
	).toBeVisible();

	// The second colleague downloads 方案 B's 要约书, dated 7 December 2026.
	await b.getByRole('tab', { name: '方案 B' }).click();
	await b.getByLabel('要约日期').fill('2026-12-07');
	await b.getByLabel('建议协商时间').fill('2026年12月15日上午9时');
	await b.getByLabel('建议协商地点').fill('市总工会三楼会议室');
	const dir = mkdtempSync(join(tmpdir(), 'xs-ws-'));
	const [offer] = await Promise.all([
		b.waitForEvent('download'),
		b.getByTestId('offer-docx').click()
	]);
	const offerFile = join(dir, 'offer.docx');
	await offer.saveAs(offerFile);
	const text = docxText(offerFile);
	expect(text).toContain('集体协商要约书');
	expect(text).toContain('千湖市外卖配送行业工会联合会');
	expect(text).toContain('我方协商方案（方案 B）');
	expect(text).toContain('0.8 元/单');
	expect(text).toContain('24 元/小时');
	expect(text).toContain('市总工会三楼会议室');
	expect(text).toContain('按工作时间补足到每小时 24 元');
	// 浙江: 10 working days from Monday 7 December: 8, 9, 10, 11, 14, 15, 16, 17, 18, 21.
	expect(text).toContain('2026年12月21日');

	// The first colleague downloads the workbook of all three versions.
	const [book] = await Promise.all([
		a.waitForEvent('download'),
		a.getByTestId('workbook-xlsx').click()
	]);
	const bookFile = join(dir, 'proposal.xlsx');
	await book.saveAs(bookFile);
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(bookFile);
	expect(wb.worksheets.map((w) => w.name)).toEqual([
		'说明',
		'方案 A',
		'方案 B',
		'方案 C',
		'方案对比'
	]);
	const rowOf = (sheet: string, title: string) => {
		let found: unknown[] = [];
		wb.getWorksheet(sheet)!.eachRow((r) => {
			if (r.getCell(1).value === title) found = (r.values as unknown[]).slice(1);
		});
		return found;
	};
	expect(rowOf('方案 B', '小时收入保障（按工作时间补足）')).toEqual([
		'小时收入保障（按工作时间补足）',
		24,
		0,
		'钱同事'
	]);
	expect(rowOf('方案 C', '高峰加价').slice(1, 3)).toEqual([1.5, 1]);
	// Comparison: current, A, B, C; B's share under the hourly minimum is a number, 0.
	const share = rowOf('方案对比', '低于小时最低工资的比例');
	expect(share[3]).toBe(0);
	expect(typeof share[1]).toBe('number');
	expect(share[1] as number).toBeGreaterThan(0);
});

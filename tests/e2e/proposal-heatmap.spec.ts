import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAccount, hydrated, loginAsOrganizer } from './helpers.ts';

/** A union colleague with an account who is not yet a member: the invite link makes them one. */
const INVITED = { login: 'union-invited', name: '孙同事', password: 'invited-pass-1' };

test('[WS32] [WS30] [WS31] [WS33] a heat map of two terms, read by keyboard, kept in the workspace and in the workbook; a colleague joins by an invite link and sees it', async ({
	browser
}) => {
	const a = await (await browser.newContext({ acceptDownloads: true })).newPage();
	await loginAsOrganizer(a);
	await ensureAccount(INVITED);
	await a.goto('/proposals');
	await hydrated(a);
	await a.getByLabel('案例').selectOption('s2-qianhu-food-delivery');
	await a.getByLabel('方案名称').fill('热力图方案');
	await a.getByRole('button', { name: '新建方案' }).click();
	await expect(a).toHaveURL(/\/proposals\/[a-z0-9]+$/);
	await expect(a.locator('[data-sync="synced"]')).toBeVisible();

	// 方案 A at the current terms: the per-order uplift across (0 and 1 yuan), the hourly
	// guarantee down (0 and 24 yuan), coloured by the share of riders under the hourly minimum.
	const heat = a.getByTestId('heatmap');
	await heat.getByTestId('heat-x').selectOption('upliftPerOrder');
	await heat.getByRole('group', { name: '横轴议题' }).getByLabel('从').fill('0');
	await heat.getByRole('group', { name: '横轴议题' }).getByLabel('到').fill('1');
	await heat.getByRole('group', { name: '横轴议题' }).getByLabel('步长').fill('1');
	await heat.getByTestId('heat-y').selectOption('hourlyGuarantee');
	await heat.getByRole('group', { name: '纵轴议题' }).getByLabel('从').fill('0');
	await heat.getByRole('group', { name: '纵轴议题' }).getByLabel('到').fill('24');
	await heat.getByRole('group', { name: '纵轴议题' }).getByLabel('步长').fill('24');
	await heat.getByTestId('heat-bound').fill('10');
	await heat.getByTestId('heat-run').click();
	// A guarantee of 24 yuan, the hourly minimum, lifts every rider to it: 0 % under, both cells
	// of that row meet "≤ 10 %"; without it 28 % are under at the current rates (xs sweep, G9),
	// and 1 yuan more per order is not enough (the earlier heat map rows: it takes 1.4 yuan).
	await expect(heat.getByTestId('heat-summary')).toHaveText(
		'共 4 个格子，其中 2 个满足目标（打 ✓ 的格子）。'
	);
	await expect(heat.locator('td[data-meets="yes"]')).toHaveCount(2);
	await expect(heat.locator('td[data-iy="1"][data-meets="yes"]')).toHaveCount(2);

	// Keyboard: the first cell, then up to the 24-yuan row; each says its values and result.
	await heat.locator('td[data-ix="0"][data-iy="0"]').focus();
	const readout = heat.getByTestId('heat-readout');
	await expect(readout).toHaveText(
		'每单统一加价 0 元/单，小时收入保障（按工作时间补足） 0 元/小时：低于小时最低工资的比例 28%'
	);
	await a.keyboard.press('ArrowUp');
	await expect(heat.locator('td[data-ix="0"][data-iy="1"]')).toBeFocused();
	await expect(readout).toHaveText(
		'每单统一加价 0 元/单，小时收入保障（按工作时间补足） 24 元/小时：低于小时最低工资的比例 0%（满足目标）'
	);
	await a.keyboard.press('ArrowRight');
	await expect(heat.locator('td[data-ix="1"][data-iy="1"]')).toBeFocused();

	// Kept in the workspace under a name.
	await heat.getByTestId('heat-keep-name').fill('加价×保障');
	await heat.getByTestId('heat-keep').click();
	await expect(a.getByTestId('kept-sweeps')).toContainText('加价×保障');
	await expect(a.getByTestId('kept-sweeps')).toContainText('热力图 · 方案 A · 赵组织');

	// The workbook has its sheet: the four pairs with every result as a number.
	const dir = mkdtempSync(join(tmpdir(), 'xs-heat-'));
	const [book] = await Promise.all([
		a.waitForEvent('download'),
		a.getByTestId('workbook-xlsx').click()
	]);
	const file = join(dir, 'book.xlsx');
	await book.saveAs(file);
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(file);
	expect(wb.worksheets.map((w) => w.name)).toEqual([
		'说明',
		'方案 A',
		'方案对比',
		'测算 加价×保障'
	]);
	const rows: unknown[][] = [];
	wb.getWorksheet('测算 加价×保障')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
	expect(rows.find((r) => r[0] === '满足目标的格子数')?.[1]).toBe(2);
	const head = rows.findIndex((r) => r[0] === '每单统一加价' && r.length > 4);
	const data = rows.slice(head + 1);
	expect(data.map((r) => [r[0], r[1], r[2]])).toEqual([
		[0, 0, 0.28],
		[1, 0, data[1]![2]],
		[0, 24, 0],
		[1, 24, 0]
	]);
	expect(typeof data[1]![2]).toBe('number');
	expect(data[1]![2] as number).toBeGreaterThan(0.1);

	// An invite link: the owner makes it; a colleague who is no member opens it, accepts, and
	// lands in the workspace with the kept heat map.
	await a.getByText(/方案成员/).click();
	await a.getByTestId('make-invite').click();
	const link = await a.getByTestId('invite-link').inputValue();
	expect(link).toMatch(/\/proposals\/invite\/[a-z2-7]{32}$/);
	const b = await (await browser.newContext()).newPage();
	await b.goto(new URL(link).pathname);
	await expect(b).toHaveURL(/\/login\?next=/);
	await b.getByLabel('登录名').fill(INVITED.login);
	await b.getByLabel('密码').fill(INVITED.password);
	await b.getByRole('button', { name: '登录' }).click();
	await expect(b).toHaveURL(/\/proposals\/invite\//);
	await expect(b.getByText('热力图方案')).toBeVisible();
	await b.getByTestId('accept-invite').click();
	await expect(b).toHaveURL(new URL(a.url()).pathname);
	await expect(b.locator('[data-sync="synced"]')).toBeVisible();
	await expect(b.getByTestId('kept-sweeps')).toContainText('加价×保障');
	// Opening the kept heat map fills the form and prices it again in the colleague's browser.
	await b.getByTestId('kept-sweeps').getByRole('button', { name: '打开' }).click();
	await expect(b.getByTestId('heat-summary')).toHaveText(
		'共 4 个格子，其中 2 个满足目标（打 ✓ 的格子）。'
	);
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated } from './helpers.ts';

/** Opens the demo table in a fresh browser context as `name` and waits until it is synced. */
async function seat(browser: Browser, name: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/');
	await hydrated(page);
	await page.getByRole('textbox', { name: '姓名' }).fill(name);
	await page.getByRole('button', { name: '进入协商桌' }).click();
	await expect(page.locator('[data-sync="synced"]')).toBeVisible();
	return page;
}

test('[Y1][A11][D3][D4][D7] two people at the demo table see each other and each other’s edits', async ({
	browser
}) => {
	const wang = await seat(browser, '王师傅');
	const li = await seat(browser, '李经理');

	await expect(wang.getByTestId('presence')).toContainText('李经理');
	await expect(li.getByTestId('presence')).toContainText('王师傅');

	await wang.locator('#term-seniorityPerYear').fill('50');
	await expect(li.locator('#term-seniorityPerYear')).toHaveValue('50');
	await expect(li.locator('[data-term="seniorityPerYear"]')).toContainText('王师傅 修改');

	await li.locator('#term-heatAllowance').selectOption('400');
	await expect(wang.locator('#term-heatAllowance')).toHaveValue('400');

	// Clause wording is rich text co-edited in Tiptap.
	const clause = li.getByRole('textbox', { name: '女职工特殊保护' });
	await clause.click();
	await clause.press('End');
	await clause.pressSequentially('哺乳期每天一小时哺乳时间。');
	await expect(wang.getByRole('textbox', { name: '女职工特殊保护' })).toContainText(
		'哺乳期每天一小时哺乳时间。'
	);

	// Each term has a comment thread.
	const wangThread = wang.locator('[data-comments="baseWage"]');
	await wangThread.locator('summary').click();
	await wangThread.getByRole('textbox').fill('物价上涨 3%，基本工资应同步调整');
	await wangThread.getByRole('button', { name: '发送' }).click();
	await expect(li.locator('[data-comments="baseWage"] summary')).toContainText('评论（1）');
	await li.locator('[data-comments="baseWage"] summary').click();
	await expect(li.locator('[data-comments="baseWage"]')).toContainText('王师傅');
	await expect(li.locator('[data-comments="baseWage"]')).toContainText('物价上涨 3%');

	// A reload keeps everything, and the name is not asked again.
	await wang.reload();
	await expect(wang.locator('[data-sync="synced"]')).toBeVisible();
	await expect(wang.getByRole('textbox', { name: '姓名' })).toHaveCount(0);
	await expect(wang.locator('#term-seniorityPerYear')).toHaveValue('50');
	await expect(wang.locator('#term-heatAllowance')).toHaveValue('400');
	await expect(wang.getByRole('textbox', { name: '女职工特殊保护' })).toContainText(
		'哺乳期每天一小时哺乳时间。'
	);
});

test('[B1] edits made offline merge with the other side’s edits on reconnect', async ({
	browser
}) => {
	const wang = await seat(browser, '王师傅');
	const li = await seat(browser, '李经理');

	await wang.context().setOffline(true);
	await expect(wang.locator('[data-sync="offline"]')).toBeVisible();
	await wang.locator('#term-pieceRate').fill('5.2');
	await li.locator('#term-baseWage').fill('2700');
	await expect(wang.locator('#term-baseWage')).not.toHaveValue('2700');

	await wang.context().setOffline(false);
	await expect(wang.locator('[data-sync="synced"]')).toBeVisible();
	await expect(wang.locator('#term-baseWage')).toHaveValue('2700');
	await expect(li.locator('#term-pieceRate')).toHaveValue('5.2');
});

test('[B3] undo takes back my own last change and leaves the other side’s alone', async ({
	browser
}) => {
	const wang = await seat(browser, '王师傅');
	const li = await seat(browser, '李经理');
	const before = await wang.locator('#term-pieceRate').inputValue();

	await li.locator('#term-baseWage').fill('3100');
	await expect(wang.locator('#term-baseWage')).toHaveValue('3100');
	await wang.locator('#term-pieceRate').fill('6.6');
	await expect(li.locator('#term-pieceRate')).toHaveValue('6.6');

	await wang.getByRole('button', { name: '撤销' }).click();
	await expect(li.locator('#term-pieceRate')).toHaveValue(before);
	await expect(li.locator('#term-baseWage')).toHaveValue('3100');
});

test('[B2] out-of-range values are shown as such without breaking the page', async ({
	browser
}) => {
	const wang = await seat(browser, '王师傅');
	await wang.locator('#term-baseWage').fill('99999');
	await expect(wang.locator('[data-term="baseWage"]')).toContainText('超出范围');
	await wang.locator('#term-baseWage').fill('abc');
	await expect(wang.locator('[data-term="baseWage"]')).toContainText('请输入数字');
	await wang.locator('#term-baseWage').fill('2600');
	await expect(wang.locator('[data-term="baseWage"] [role="alert"]')).toHaveCount(0);
});

test('[B1] edits made while the server is unreachable survive a reload and reach the table later', async ({
	browser
}) => {
	const wang = await seat(browser, '王师傅');
	const li = await seat(browser, '李经理');
	const ctx = wang.context();
	// The page itself loads, but every Yjs socket is refused: the table is out of reach.
	let reachable = false;
	await ctx.routeWebSocket(/\/yjs\//, (ws) => {
		if (reachable) ws.connectToServer();
		else ws.close({ code: 1011, reason: 'unreachable' });
	});
	await wang.reload();
	await expect(wang.locator('#term-seniorityPerYear')).toBeVisible();
	await wang.locator('#term-seniorityPerYear').fill('77');
	await expect(li.locator('#term-seniorityPerYear')).not.toHaveValue('77');

	await wang.reload();
	await expect(wang.locator('#term-seniorityPerYear')).toHaveValue('77');

	reachable = true;
	await wang.reload();
	await expect(wang.locator('[data-sync="synced"]')).toBeVisible();
	await expect(li.locator('#term-seniorityPerYear')).toHaveValue('77');
});

test('[U4][W5] the home page offers the demo event’s seats, and one click and a name lead to its table', async ({
	browser
}) => {
	const page = await (await browser.newContext()).newPage();
	await page.goto('/');
	await page.locator('[data-demo-seat="labour-chief"]').click();
	await expect(page).toHaveURL(/\/join\//);
	await page.getByRole('textbox', { name: '您的姓名' }).fill('张代表');
	await page.getByRole('button', { name: '确认入座' }).click();
	await expect(page.locator('[data-sync="synced"]')).toBeVisible();
	await expect(page.locator('[data-role]')).toHaveAttribute('data-role', 'labour-chief');
	await expect(page.getByRole('button', { name: '提出方案' })).toBeVisible();
});

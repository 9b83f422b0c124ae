import { expect, test } from '@playwright/test';
import { loginAsOrganizer } from './helpers.ts';

test('[R3][A2][A3][A11][W5] an organizer runs an event from scenario to seated table, and sides stay apart', async ({
	browser
}) => {
	const org = await (await browser.newContext()).newPage();
	await loginAsOrganizer(org);

	await org.getByLabel('活动名称').fill('二〇二六年职工集体协商竞赛');
	await org.getByLabel('案例').selectOption('s1-qiantang-parts');
	await org.getByRole('button', { name: '创建活动' }).click();
	await expect(org.getByRole('heading', { name: '二〇二六年职工集体协商竞赛' })).toBeVisible();

	for (const [name, unit] of [
		['钱江队', '杭州市总工会'],
		['之江队', '宁波市总工会'],
		['西溪队', '温州市总工会'],
		['运河队', '嘉兴市总工会']
	]) {
		await org.getByLabel('队名').fill(name!);
		await org.getByLabel('所属单位').first().fill(unit!);
		await org.getByRole('button', { name: '添加队伍' }).click();
		await expect(org.locator('.teams')).toContainText(name!);
	}
	await org.getByLabel('分组方式').selectOption('both-sides');
	await org.getByRole('button', { name: '生成对阵' }).click();
	// 4 teams, each plays both sides once: 2 rounds × 2 tables.
	await expect(org.locator('article.match')).toHaveCount(4);

	const first = org.locator('article.match').first();
	const labourUrl = await first
		.locator('tr[data-seat="labour-chief"] a[data-join-url]')
		.getAttribute('href');
	const managementUrl = await first
		.locator('tr[data-seat="management-chief"] a[data-join-url]')
		.getAttribute('href');
	expect(labourUrl).toBeTruthy();
	expect(managementUrl).toBeTruthy();

	const labour = await (await browser.newContext()).newPage();
	await labour.goto(labourUrl!);
	await labour.getByLabel('您的姓名').fill('王师傅');
	await labour.getByRole('button', { name: '确认入座' }).click();
	await expect(labour.locator('[data-sync="synced"]')).toBeVisible();

	const management = await (await browser.newContext()).newPage();
	await management.goto(managementUrl!);
	await management.getByLabel('您的姓名').fill('李经理');
	await management.getByRole('button', { name: '确认入座' }).click();
	await expect(management.locator('[data-sync="synced"]')).toBeVisible();

	// Same table, opposite sides, each seeing the other.
	expect(new URL(labour.url()).pathname).toBe(new URL(management.url()).pathname);
	await expect(labour.locator('[data-role]')).toHaveAttribute('data-role', 'labour-chief');
	await expect(management.locator('[data-role]')).toHaveAttribute('data-role', 'management-chief');
	await expect(labour.getByTestId('presence')).toContainText('李经理');
	await expect(management.getByTestId('presence')).toContainText('王师傅');
	// Each sees its own confidential brief only.
	await expect(labour.locator('[data-brief="labour"]')).toBeVisible();
	await expect(labour.locator('[data-brief="management"]')).toHaveCount(0);
	await expect(management.locator('[data-brief="management"]')).toBeVisible();
	await expect(management.locator('[data-brief="labour"]')).toHaveCount(0);

	// The organizer sees who joined.
	await org.reload();
	await expect(
		org.locator('article.match').first().locator('tr[data-seat="labour-chief"]')
	).toContainText('王师傅');

	// Management cannot open the labour caucus.
	const matchPath = new URL(management.url()).pathname;
	const res = await management.goto(`${matchPath}/caucus/labour`);
	expect(res?.status()).toBe(404);
	// Labour can, and types a private note there.
	await labour.goto(`${matchPath}/caucus/labour`);
	await expect(labour.locator('[data-caucus="labour"]')).toBeVisible();
});

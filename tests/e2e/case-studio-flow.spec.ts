import { expect, test } from '@playwright/test';
import { hydrated, loginAsOrganizer, seat } from './helpers.ts';

/**
 * Issue 13's whole flow in one browser run: a trainer copies the shipped food-delivery case,
 * changes a term's bounds and a points table, imports 1,000 riders from a CSV with two bad rows,
 * saves a version, runs an event on it where a seated team sees the imported riders' figures, then
 * edits and saves the case again while the event keeps the figures of the version it pinned.
 */

/**
 * 1,000 riders as a platform exports them (UTF-8 with a BOM). Row 2, the first rider, is 专送:
 * 8 h in 平峰, 22 days, 20 orders a day; the others vary kind and time band.
 */
function riderCsv(bad: Record<number, (cells: string[]) => void>): Buffer {
	const lines = ['骑手ID,姓名,骑手类型,时段,日均在线时长(小时),每月出勤天数,日均单量'];
	const types = ['专送', '众包', '兼职'];
	const bands = ['平峰', '低谷', '高峰（12–14、18–20 时）'];
	for (let i = 0; i < 1000; i++) {
		const cells = [`R${1000 + i}`, `骑手${i}`, types[i % 3]!, bands[i % 3]!, '8', '22', '20'];
		bad[i + 2]?.(cells);
		lines.push(cells.join(','));
	}
	return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}

// The reference worker (P41) of the imported population is the first record: 8 h in 平峰 at
// 2.5 orders an hour, multiplier 1 → 20 orders a day. The case's mean rate over its distance
// cells: 0.15 × 5 + 0.55 × 6 + 0.25 × 7.5 + 0.05 × (7.5 + 1.5 × 1 km) = 6.375 a order, no
// surcharge in 平峰: 20 × 6.375 = ¥127.50 a day. Working time = order time 0.7 × 8 = 5.6 h +
// 1 h allowance = 6.6 h: 127.50 / 6.6 = ¥19.32 an hour. (The shipped case's reference is a
// 10-hour rider at about ¥204 a day.)
const IMPORTED = '¥127.50 · ¥19.32/h';
// After 平峰 goes to 3 orders an hour: 24 orders × 6.375 = ¥153.00; 153 / 6.6 = ¥23.18 an hour.
const EDITED = '¥153.00 · ¥23.18/h';

test('[K8] [K9] [K61] [I22] a trainer copies the food-delivery case, imports 1,000 riders, saves; the event’s table shows that version’s figures and keeps them after the case is edited again', async ({
	browser
}) => {
	const org = await (await browser.newContext()).newPage();
	await loginAsOrganizer(org);
	await org.goto('/cases/s2-qianhu-food-delivery');
	await hydrated(org);
	await org.getByTestId('copy-to-edit').click();
	await expect(org).not.toHaveURL(/s2-qianhu-food-delivery/);
	await hydrated(org);
	await expect(org.getByTestId('save-version')).toBeVisible();
	const caseUrl = new URL(org.url()).pathname;
	const caseId = decodeURIComponent(caseUrl.split('/').pop()!);

	// A term's bounds: 每单统一加价 may now go up to 5 yuan.
	await org.getByRole('tab', { name: '议题' }).click();
	await org.getByRole('button', { name: /^每单统一加价/ }).click();
	const max = org.locator('#f-terms-1-max');
	await expect(max).toHaveValue('3');
	await max.fill('5');
	// A points table: the labour side's top band for 每单统一加价 (≥ 0.8) from 25 to 30 points,
	// so the labour side's best score goes up by 5.
	const range = org.getByRole('row', { name: /得分范围/ });
	const before = (await range.textContent())!;
	await org.getByRole('tab', { name: '职工方说明' }).click();
	const top = org.locator('#f-confidential-labour-points-upliftPerOrder-bands-3-points');
	await expect(top).toHaveValue('25');
	await top.fill('30');
	await expect(range).not.toHaveText(before);

	// The riders: two bad rows, each reported by its row number, one fixed, one excluded.
	await org.getByRole('tab', { name: '计件单价' }).click();
	await org.getByTestId('import-riders').click();
	await org.getByLabel('选择文件').setInputFiles({
		name: '骑手明细.csv',
		mimeType: 'text/csv',
		buffer: riderCsv({ 101: (c) => (c[4] = '八小时'), 701: (c) => (c[2] = '外卖') })
	});
	const bad = org.getByTestId('bad-rows');
	await expect(bad.getByRole('heading')).toHaveText('有问题的行（2 行）');
	await expect(bad.locator('li[data-row="101"]')).toContainText('第 101 行');
	await expect(bad.locator('li[data-row="101"]')).toContainText('不是数字：「八小时」');
	await expect(bad.locator('li[data-row="701"]')).toContainText('第 701 行');
	await expect(bad.locator('li[data-row="701"]')).toContainText('未知的分组「外卖」');
	await expect(org.getByRole('button', { name: '应用到案例' })).toBeDisabled();
	await org.getByLabel('第 101 行 日均在线时长(小时)').fill('8');
	await bad.locator('li[data-row="101"]').getByRole('button', { name: '保存修改' }).click();
	await bad.locator('li[data-row="701"]').getByRole('button', { name: '排除此行' }).click();
	await expect(org.getByText('全部 999 行检查通过。')).toBeVisible();
	await org.getByRole('button', { name: '应用到案例' }).click();
	await expect(org.getByTestId('import-applied')).toContainText('已导入 999 名骑手');
	await expect(org.getByTestId('records-summary')).toBeVisible();
	const studioCost = org.locator('aside').getByTestId('cost-panel');
	await expect(studioCost).toContainText(IMPORTED);

	await org.getByTestId('save-version').click();
	await org.getByTestId('change-note').fill('导入 999 名骑手；加价上限 5 元；职工方计分调整');
	await org.getByTestId('confirm-save').click();
	await expect(org.getByTestId('saved-version')).toContainText('已保存为第 2 版');

	// An event on the saved case; a team is seated at its first table.
	await org.goto('/events');
	await org.getByLabel('活动名称').fill('外卖骑手计件单价协商练习');
	await org.getByLabel('案例').selectOption(caseId);
	await org.getByRole('button', { name: '创建活动' }).click();
	await expect(org.getByRole('heading', { name: '外卖骑手计件单价协商练习' })).toBeVisible();
	for (const [name, unit] of [
		['骑手队', '千湖市外卖配送行业工会联合会'],
		['平台队', '千湖市配送服务商协会']
	]) {
		await org.getByLabel('队名').fill(name!);
		await org.getByLabel('所属单位').first().fill(unit!);
		await org.getByRole('button', { name: '添加队伍' }).click();
		await expect(org.locator('.teams')).toContainText(name!);
	}
	await org.getByRole('button', { name: '生成对阵' }).click();
	const joinUrl = await org
		.locator('article.match')
		.first()
		.locator('tr[data-seat="labour-chief"] a[data-join-url]')
		.getAttribute('href');
	const labour = await seat(browser, joinUrl!, '王师傅');
	const tableCost = labour.getByTestId('cost-panel').first();
	await expect(tableCost).toContainText(IMPORTED);

	// The case is edited and saved again: the studio shows the new figure …
	await org.goto(caseUrl);
	await hydrated(org);
	await org.getByRole('tab', { name: '计件单价' }).click();
	await org.locator('#f-pieceRate-bands-1-unitsPerHour').fill('3');
	await expect(studioCost).toContainText(EDITED);
	await org.getByTestId('save-version').click();
	await org.getByTestId('change-note').fill('平峰每小时 3 单');
	await org.getByTestId('confirm-save').click();
	await expect(org.getByTestId('saved-version')).toContainText('已保存为第 3 版');

	// … and the event's table, pinned to version 2, still shows version 2's figures.
	await labour.reload();
	await expect(labour.locator('[data-sync="synced"]')).toBeVisible();
	await expect(tableCost).toContainText(IMPORTED);
	await expect(tableCost).not.toContainText(EDITED);
});

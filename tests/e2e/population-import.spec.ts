import { expect, test } from '@playwright/test';

/** A platform's rider export: 1,000 riders, UTF-8 with a BOM as Excel writes "CSV UTF-8". */
function riderCsv(bad: Record<number, (cells: string[]) => void>): Buffer {
	const lines = ['骑手ID,姓名,骑手类型,时段,日均在线时长(小时),每月出勤天数,日均单量'];
	const types = ['专送', '众包', '兼职'];
	const bands = ['平峰', '低谷', 'peak'];
	for (let i = 0; i < 1000; i++) {
		const cells = [`R${1000 + i}`, `骑手${i}`, types[i % 3]!, bands[i % 3]!, '8', '22', '20'];
		// Sheet row = data index + 2 (the header is row 1).
		bad[i + 2]?.(cells);
		lines.push(cells.join(','));
	}
	return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}

test('[I21] [I22] [I23] a 1,000-row rider CSV with two bad rows: both reported by row number, fixed or excluded, then applied', async ({
	page
}) => {
	await page.goto('/population-import');
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	const file = riderCsv({
		101: (c) => (c[4] = '八小时'),
		701: (c) => (c[2] = '外卖')
	});
	await page.getByLabel('选择文件').setInputFiles({
		name: '骑手明细.csv',
		mimeType: 'text/csv',
		buffer: file
	});
	await expect(page.getByTestId('import-summary')).toContainText('共 1000 行数据（UTF-8）');
	// I21: the guessed mapping is shown per column and can be changed.
	await expect(page.getByLabel('第 5 列「日均在线时长(小时)」对应')).toHaveValue(/.+/);
	await expect(
		page.getByLabel('第 5 列「日均在线时长(小时)」对应').locator('option:checked')
	).toHaveText('日均在线时长（小时）');
	// Unmapping a required column is reported before any row is read; mapping it back restores it.
	const hoursColumn = page.getByLabel('第 5 列「日均在线时长(小时)」对应');
	await hoursColumn.selectOption({ label: '不导入' });
	await expect(page.getByText('请指定「日均在线时长（小时）」所在的列')).toBeVisible();
	await expect(page.getByTestId('bad-rows')).toHaveCount(0);
	await hoursColumn.selectOption({ label: '日均在线时长（小时）' });

	// I22: both bad rows, by their sheet row number, with the reason.
	const bad = page.getByTestId('bad-rows');
	await expect(bad.getByRole('heading')).toHaveText('有问题的行（2 行）');
	await expect(bad.locator('li[data-row="101"]')).toContainText('第 101 行');
	await expect(bad.locator('li[data-row="101"]')).toContainText(
		'「日均在线时长（小时）」不是数字：「八小时」'
	);
	await expect(bad.locator('li[data-row="701"]')).toContainText('未知的分组「外卖」');
	// I23: nothing can be applied yet.
	await expect(page.getByRole('button', { name: '应用到案例' })).toBeDisabled();
	await expect(page.getByTestId('fragment')).toHaveCount(0);

	// Fix row 101 from the keyboard (Enter saves), exclude row 701.
	const hours = page.getByLabel('第 101 行 日均在线时长(小时)');
	await hours.fill('8');
	await hours.press('Enter');
	await expect(bad.locator('li[data-row="101"]')).toHaveCount(0);
	await bad.locator('li[data-row="701"]').getByRole('button', { name: '排除此行' }).click();
	await expect(page.getByText('全部 999 行检查通过。')).toBeVisible();
	await expect(page.getByTestId('excluded')).toContainText('已排除 1 行：701');

	await page.getByRole('button', { name: '应用到案例' }).click();
	const fragment = page.getByTestId('fragment');
	await expect(fragment).toContainText('"workers": 999');
	await expect(fragment).toContainText('"mode": "individual"');
	await expect(page.getByText('已应用：999 人，999 个分组。')).toBeVisible();

	// Summarised instead: three segments (专送, 众包, 兼职).
	await page.getByLabel('汇总为分组').check();
	await page.getByRole('button', { name: '应用到案例' }).click();
	await expect(fragment).toContainText('"parts": 3');
});

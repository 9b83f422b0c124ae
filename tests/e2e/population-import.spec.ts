import { expect, test, type Page } from '@playwright/test';
import { hydrated, loginAsOrganizer } from './helpers.ts';

/**
 * The population import as the case studio hosts it (I21–I24, K60–K62): rider rows into the
 * piece-rate section's segments, payroll rows into the workforce section's groups, each applied
 * as one undoable change of the draft.
 */

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

/** Copies a built-in case and opens the copy's editor on one section. */
async function copyOf(page: Page, id: string, tab: string) {
	await loginAsOrganizer(page);
	await page.goto(`/cases/${id}`);
	await hydrated(page);
	await page.getByTestId('copy-to-edit').click();
	await expect(page).not.toHaveURL(new RegExp(id));
	await hydrated(page);
	await expect(page.getByTestId('save-version')).toBeVisible();
	await page.getByRole('tab', { name: tab }).click();
}

test('[I21] [I22] [I23] [K61] [K60] a 1,000-row rider CSV with two bad rows in the studio: reported by row number, fixed or excluded, applied as one undoable change', async ({
	page
}) => {
	await copyOf(page, 's2-qianhu-food-delivery', '计件单价');
	// The shipped case has one population (60,000 riders, 30 % with a labour contract).
	await expect(page.locator('#f-pieceRate-workforce-headcount')).toHaveValue('60000');
	await page.getByTestId('import-riders').click();
	await page.getByLabel('选择文件').setInputFiles({
		name: '骑手明细.csv',
		mimeType: 'text/csv',
		buffer: riderCsv({
			101: (c) => (c[4] = '八小时'),
			701: (c) => (c[2] = '外卖')
		})
	});
	await expect(page.getByTestId('import-summary')).toContainText('共 1000 行数据（UTF-8）');
	// I21: the guessed mapping is shown per column and can be changed.
	const hoursColumn = page.getByLabel('第 5 列「日均在线时长(小时)」对应');
	await expect(hoursColumn.locator('option:checked')).toHaveText('日均在线时长（小时）');
	// Unmapping a required column is reported before any row is read; mapping it back restores it.
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
	// I23: nothing can be applied yet, and the case is untouched.
	await expect(page.getByRole('button', { name: '应用到案例' })).toBeDisabled();
	await expect(page.locator('#f-pieceRate-workforce-headcount')).toHaveValue('60000');

	// Fix row 101 from the keyboard (Enter saves), exclude row 701.
	const hours = page.getByLabel('第 101 行 日均在线时长(小时)');
	await hours.fill('8');
	await hours.press('Enter');
	await expect(bad.locator('li[data-row="101"]')).toHaveCount(0);
	await bad.locator('li[data-row="701"]').getByRole('button', { name: '排除此行' }).click();
	await expect(page.getByText('全部 999 行检查通过。')).toBeVisible();
	await expect(page.getByTestId('excluded')).toContainText('已排除 1 行：701');

	// I24: summarised, three segments; rows 2, 5, 8 … are 专送: 334 of them less row 701 = 333.
	await page.getByLabel('汇总为分组').check();
	await page.getByRole('button', { name: '应用到案例' }).click();
	await expect(page.getByTestId('import-applied')).toContainText('已导入 999 名骑手（3 个分组）');
	await expect(page.getByTestId('segments-count')).toHaveText('3 个分组，共 999 人');
	await expect(page.locator('#f-pieceRate-segments-0-name')).toHaveValue('专送');
	await expect(page.locator('#f-pieceRate-segments-0-headcount')).toHaveValue('333');
	await expect(page.locator('#f-pieceRate-workforce-headcount')).toHaveCount(0);
	// K61: one undo step brings the shipped population back, redo the import.
	await page.getByRole('button', { name: '撤销' }).click();
	await expect(page.locator('#f-pieceRate-workforce-headcount')).toHaveValue('60000');
	await page.getByRole('button', { name: '重做' }).click();
	await expect(page.getByTestId('segments-count')).toHaveText('3 个分组，共 999 人');

	// K60: a segment's problem is said beside its field.
	const days = page.locator('#f-pieceRate-segments-0-daysPerMonth-0-days');
	await expect(days).toHaveValue('22');
	await days.fill('40');
	await expect(page.locator('#f-pieceRate-segments-0-daysPerMonth-0-days-issues')).toContainText(
		'不能大于 31'
	);
	await page.keyboard.press('Control+z');
	await expect(days).toHaveValue('22');

	// Kept one by one instead: 999 records, summarised per kind, never 999 editable rows.
	await page.getByTestId('import-riders').click();
	await page.getByLabel('选择文件').setInputFiles({
		name: '骑手明细.csv',
		mimeType: 'text/csv',
		buffer: riderCsv({})
	});
	await expect(page.getByText('全部 1000 行检查通过。')).toBeVisible();
	await page.getByRole('button', { name: '应用到案例' }).click();
	await expect(page.getByTestId('import-applied')).toContainText(
		'已导入 1,000 名骑手，每人保留一条记录'
	);
	const records = page.getByTestId('records-summary');
	await expect(records.locator('tbody tr')).toHaveCount(3);
	await expect(records.locator('tr[data-cohort="dedicated"]')).toContainText('334');
	await expect(records.locator('tr[data-cohort="crowd"]')).toContainText('333');
	await expect(page.locator('details.segment')).toHaveCount(0);
	await expect(page.locator('#f-pieceRate-segments-999-name')).toHaveCount(0);
	await records.getByRole('button', { name: '删除「兼职」的 333 条记录' }).click();
	await expect(page.getByTestId('segments-count')).toHaveText(
		'0 个分组 + 667 条逐人记录，共 667 人'
	);
	// "Import again" opens the import above, ready for another file.
	await records.getByRole('button', { name: '重新导入替换…' }).click();
	await expect(page.getByLabel('选择文件')).toBeAttached();
	await expect(page.getByRole('heading', { name: '从表格导入人员' })).toBeInViewport();
});

test('[K62] payroll rows become the workforce groups, summarised per group and level', async ({
	page
}) => {
	await copyOf(page, 's1-qiantang-parts', '人员与工资');
	const csv = [
		'工号,姓名,班组,技能等级,工龄,基本工资,岗位工资',
		'A1,张一,装配,,3,2500,300',
		'A2,张二,装配,,5,2600,300',
		'A3,张三,装配,,7,2700,300',
		'B1,李一,检验,,2,2800,400',
		'B2,李二,检验,,4,3000,400'
	].join('\n');
	await page.getByTestId('import-payroll').click();
	await page.getByLabel('选择文件').setInputFiles({
		name: '工资表.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf8')
	});
	await expect(page.getByText('全部 5 行检查通过。')).toBeVisible();
	await page.getByLabel('汇总为分组').check();
	await page.getByRole('button', { name: '应用到案例' }).click();
	await expect(page.getByTestId('import-applied')).toContainText('已导入 5 名职工（2 个班组）');
	// 装配: base (2,500 + 2,600 + 2,700) / 3 = 2,600; 检验: (2,800 + 3,000) / 2 = 2,900.
	await expect(page.locator('#f-enterprise-groups-0-name')).toHaveValue('装配');
	await expect(page.locator('#f-enterprise-groups-0-headcount')).toHaveValue('3');
	await expect(page.locator('#f-enterprise-groups-0-base')).toHaveValue('2600');
	await expect(page.locator('#f-enterprise-groups-1-base')).toHaveValue('2900');
	await page.keyboard.press('Control+z');
	await expect(page.locator('#f-enterprise-groups-0-name')).not.toHaveValue('装配');
});

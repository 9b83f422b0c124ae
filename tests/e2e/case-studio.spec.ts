import { expect, test, type Page } from '@playwright/test';
import { hydrated, loginAsOrganizer, ORGANIZER } from './helpers.ts';

/**
 * The case studio in a real browser: a trainer copies a built-in case, changes a term's bounds and
 * a points table, sees the balance check move, saves a version; drafts survive a reload and a lost
 * connection; a second tab is warned about; a stale save gets a 409 with who and when.
 */
test.describe.configure({ mode: 'serial' });

let caseUrl = '';

async function openCase(page: Page, url: string) {
	await page.goto(url);
	await hydrated(page);
	await expect(page.getByTestId('case-studio')).toBeVisible();
}

const draftSaved = (page: Page) =>
	expect(page.getByTestId('draft-status')).toContainText('草稿已于', { timeout: 15_000 });

test('[K58] [K52] [K40] [K54] [K57] a trainer copies a built-in case, changes a bound and a points table, and saves a version', async ({
	page
}) => {
	await loginAsOrganizer(page);
	await openCase(page, '/cases/s1-qiantang-parts');
	// Built-ins are read-only.
	await expect(page.getByTestId('save-version')).toHaveCount(0);
	await expect(page.locator('#f-title')).toHaveAttribute('readonly', '');
	await page.getByTestId('copy-to-edit').click();
	await expect(page).not.toHaveURL(/s1-qiantang-parts/);
	await hydrated(page);
	await expect(page.getByTestId('save-version')).toBeVisible();
	caseUrl = new URL(page.url()).pathname;

	// S1's labour table scores seniorityPerYear ≥ 50 with 25 points; the labour best is 80
	// (25 + 10 + 20 + 15 + 10 over its five scored terms).
	const balanceRange = page.getByRole('row', { name: /得分范围/ });
	await expect(balanceRange).toContainText('0 – 80');

	await page.getByRole('tab', { name: '议题' }).click();
	const max = page.locator('#f-terms-0-max');
	await expect(max).toHaveValue('200');
	await max.fill('150');

	await page.getByRole('tab', { name: '职工方说明' }).click();
	const top = page.locator('#f-confidential-labour-points-seniorityPerYear-bands-3-points');
	await expect(top).toHaveValue('25');
	await top.fill('30');
	// 80 − 25 + 30 = 85: the top band (≥ 50) is still inside the new bounds 0…150.
	await expect(balanceRange).toContainText('0 – 85');
	await draftSaved(page);

	// A reload restores the draft (K54).
	await page.reload();
	await hydrated(page);
	await expect(page.getByTestId('draft-restored')).toBeVisible();
	await page.getByRole('tab', { name: '议题' }).click();
	await expect(page.locator('#f-terms-0-max')).toHaveValue('150');

	await page.getByTestId('save-version').click();
	await page.getByTestId('change-note').fill('工龄工资上限 150，职工方计分表调整');
	await page.getByTestId('confirm-save').click();
	await expect(page.getByTestId('saved-version')).toContainText('已保存为第 2 版');

	await page.reload();
	await hydrated(page);
	await expect(page.getByTestId('draft-restored')).toHaveCount(0);
	await expect(page.getByTestId('case-studio')).toHaveAttribute('data-version', '2');
	await page.getByRole('tab', { name: '职工方说明' }).click();
	await expect(
		page.locator('#f-confidential-labour-points-seniorityPerYear-bands-3-points')
	).toHaveValue('30');
});

test('[K50] text in a number box is kept and explained in Chinese next to it until fixed', async ({
	page
}) => {
	await loginAsOrganizer(page);
	await openCase(page, caseUrl);
	await page.getByRole('tab', { name: '议题' }).click();
	const max = page.locator('#f-terms-0-max');
	await max.fill('一百五');
	await expect(max).toHaveValue('一百五');
	await expect(page.locator('#f-terms-0-max-issues')).toContainText('请填写数字');
	await expect(page.locator('#f-terms-0-max-issues')).toContainText('terms.0.max');
	await expect(page.getByTestId('problems')).toContainText('议题 · 请填写数字');
	// K51: undo puts the number back.
	await page.keyboard.press('Control+z');
	await expect(max).toHaveValue('150');
	await expect(page.locator('#f-terms-0-max-issues')).toHaveCount(0);
	await draftSaved(page);
});

test('[K55] a draft typed while offline is kept in the browser and sent when back online', async ({
	page,
	context
}) => {
	await loginAsOrganizer(page);
	await openCase(page, caseUrl);
	await context.setOffline(true);
	await page.locator('#f-title').fill('离线时改的标题');
	await expect(page.getByTestId('draft-status')).toContainText('网络中断', { timeout: 15_000 });
	await context.setOffline(false);
	await draftSaved(page);
	await page.reload();
	await hydrated(page);
	await expect(page.locator('#f-title')).toHaveValue('离线时改的标题');
});

test('[K56] [K57] a second tab is warned about, and a stale save shows who saved and when', async ({
	browser
}) => {
	const ctx = await browser.newContext();
	const a = await ctx.newPage();
	await loginAsOrganizer(a);
	await openCase(a, caseUrl);
	const b = await ctx.newPage();
	await openCase(b, caseUrl);
	await expect(a.getByTestId('other-tab')).toBeVisible();
	await expect(b.getByTestId('other-tab')).toBeVisible();

	// Both started from version 2; A saves version 3 first.
	await a.locator('#f-instrument').fill('工资专项集体合同（甲）');
	await a.getByTestId('save-version').click();
	await a.getByTestId('change-note').fill('甲的修改');
	await a.getByTestId('confirm-save').click();
	await expect(a.getByTestId('saved-version')).toContainText('已保存为第 3 版');

	await b.locator('#f-instrument').fill('工资专项集体合同（乙）');
	await b.getByTestId('save-version').click();
	await b.getByTestId('change-note').fill('乙的修改');
	await b.getByTestId('confirm-save').click();
	const conflict = b.getByTestId('save-conflict');
	await expect(conflict).toContainText(`第 3 版已由 ${ORGANIZER.name} 于`);
	await expect(b.getByTestId('case-studio')).toHaveAttribute('data-version', '2');
	await conflict.getByRole('button', { name: '仍以我的内容保存为第 4 版' }).click();
	await expect(b.getByTestId('saved-version')).toContainText('已保存为第 4 版');
	await ctx.close();
});

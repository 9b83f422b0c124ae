import { expect, test, type Page } from '@playwright/test';

const S1 = '/scenarios/s1-qiantang-parts';
const S2 = '/scenarios/s2-qianhu-food-delivery';

async function openExplorer(page: Page, url: string) {
	await page.goto(url);
	// Hydrated: the explorer marks itself ready in onMount.
	await expect(page.locator('.workbench[data-ready="true"]')).toBeVisible();
}

/*
 * S1, seniority wage 30 → 50 yuan per year (cap 10 years), everything else current
 * (scenarios/s1-qiantang-parts.yaml; docs/sources.md §6 S1). Per worker at the mean tenure:
 *   seniority +20 × years; overtime base (base+post+skill+seniority) ÷ 174 × 1.5 × workday h,
 *   rounded to the fen; on-costs 30 % of mean pay, each rounded to the fen (SPEC C1, C5, C9).
 *   P1 420 × (64.00 sen + 15.45 OT + 23.83 on-cost = 103.28) = 43,377.60
 *        (OT 2886/174×42 = 696.62 → 2950/174×42 = 712.07; pay 4,682.62 → 4,762.07;
 *         on-cost 1,404.79 → 1,428.62)
 *   P2 260 × (110.00 + 22.76 + 39.83 = 172.59) = 44,873.40   (pay 5,388.79 → 5,521.55)
 *   P3  90 × (160.00 + 27.59 + 56.28 = 243.87) = 21,948.30   (pay 6,290.34 → 6,477.93)
 *   P4  30 × (190.00 + 26.20 + 64.86 = 281.06) =  8,431.80   (pay 7,064.66 → 7,280.86)
 *   L1  40 × (200.00 + 34.48 + 70.34 = 304.82) = 12,192.80   (pay 7,646.90 → 7,881.38)
 *   S1 110 × (120.00 +  0.00 + 36.00 = 156.00) = 17,160.00   (no overtime)
 *   monthly employer cost delta = 147,983.90; annual (× 12, C22) = 1,775,806.80
 *   current annual employer cost 84,170,330.40 → +2.11 %
 */
const S1_SENIORITY_50_ANNUAL = '+¥1,775,806.80';

test('[C1][C5][C9][C15][C22][B7] S1: changing the seniority wage shows the hand-computed annual cost delta, by typing and by keyboard on the slider', async ({
	page
}) => {
	await openExplorer(page, S1);
	const delta = page.getByTestId('cost-annual-delta');
	await expect(delta).toHaveText('无变化');

	await page.getByLabel('工龄工资标准', { exact: true }).fill('50');
	await expect(delta).toHaveText(S1_SENIORITY_50_ANNUAL);
	await expect(page.getByTestId('cost-annual-delta-pct')).toContainText('+2.11%');
	await expect(page).toHaveURL(/[?&]seniorityPerYear=50(&|$)/);
	// The per-group table shows P1's monthly pay before → after.
	await expect(page.locator('tr[data-group="P1"]')).toContainText('¥4,682.62');
	await expect(page.locator('tr[data-group="P1"]')).toContainText('¥4,762.07');

	await page.getByTestId('reset').click();
	await expect(delta).toHaveText('无变化');
	await expect(page).not.toHaveURL(/seniorityPerYear/);

	// Step 5 from 30: four presses of → reach 50.
	const slider = page.getByLabel('工龄工资标准（滑块）');
	await slider.focus();
	for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
	await expect(delta).toHaveText(S1_SENIORITY_50_ANNUAL);
	await expect(page).toHaveURL(/[?&]seniorityPerYear=50(&|$)/);

	// A shared link renders the same version (server-rendered from the query, then live).
	await openExplorer(page, `${S1}?seniorityPerYear=50`);
	await expect(delta).toHaveText(S1_SENIORITY_50_ANNUAL);
});

test('[C19] S1: the multi-year projection shows each contract year, year one as the annual cost above', async ({
	page
}) => {
	await openExplorer(page, `${S1}?seniorityPerYear=50&contractTerm=2`);
	const rows = page.locator('[data-testid="cost-projection"] tr[data-year]');
	await expect(rows).toHaveCount(2);
	// year 1 = current 84,170,330.40 and + 1,775,806.80 (the hand-computed figure above), in 万元:
	// 8,417.03 → 8,594.61 (84,170,330.40 + 1,775,806.80 = 85,946,137.20), +177.58
	await expect(rows.first()).toContainText('8,417.03');
	await expect(rows.first()).toContainText('8,594.61');
	await expect(rows.first()).toContainText('+177.58');
});

test('[B7] S1: a cost target shows over or under', async ({ page }) => {
	await openExplorer(page, `${S1}?seniorityPerYear=50`);
	await page.getByLabel('年度成本目标（可选）').fill('1000000');
	await expect(page.getByTestId('cost-budget')).toHaveAttribute('data-over', 'true');
	await expect(page.getByTestId('cost-budget')).toContainText('超出 ¥775,806.80');
	await page.getByLabel('年度成本目标（可选）').fill('2000000');
	await expect(page.getByTestId('cost-budget')).toHaveAttribute('data-over', 'false');
	await expect(page.getByTestId('cost-budget')).toContainText('¥224,193.20');
});

test('[B7] S1: two saved versions are compared side by side with their cost deltas', async ({
	page
}) => {
	await openExplorer(page, S1);
	await page.evaluate(() => localStorage.clear());
	await page.getByLabel('工龄工资标准', { exact: true }).fill('50');
	await page.getByLabel('版本名称').fill('工龄 50');
	await page.getByTestId('save-version').click();
	await page.getByTestId('reset').click();
	await page.getByRole('checkbox', { name: /车间高温津贴/ }).check();
	await page.getByLabel('版本名称').fill('高温津贴');
	await page.getByTestId('save-version').click();
	const sides = page.getByTestId('compare-sides').locator('article');
	await expect(sides).toHaveCount(2);
	await expect(sides.nth(0)).toContainText('工龄 50');
	await expect(sides.nth(0)).toContainText(S1_SENIORITY_50_ANNUAL);
	await expect(sides.nth(1)).toContainText('高温津贴');
	// Kept in localStorage: still there after a reload.
	await openExplorer(page, S1);
	await expect(page.getByTestId('compare-sides').locator('article')).toHaveCount(2);
});

test('[P5][P6] S2: the share of riders below the hourly minimum is shown and an hourly guarantee brings it to zero', async ({
	page
}) => {
	await openExplorer(page, S2);
	const share = page.getByTestId('share-below-minimum');
	// `xs cost scenarios/s2-qianhu-food-delivery.yaml`: shareBelowHourlyMinimum 0.28 at current terms.
	await expect(share).toHaveText('28%');
	await expect(page.getByText('低于小时最低工资 ¥24.00 的劳动者比例')).toBeVisible();
	// P5: topping every worker up to 24 yuan per working hour leaves no one below 24.
	await page.getByLabel('小时收入保障（按工作时间补足）', { exact: true }).fill('24');
	await expect(share).toHaveText('0%');
	await expect(
		page.locator('[data-testid="cost-findings"] li.violation[data-code="piece-hourly-min"]')
	).toHaveCount(0);
});

test('[A3][B7] the public explorer never sends a confidential brief, in the page or its data', async ({
	request
}) => {
	for (const [url, secrets] of [
		[S1, ['工会的目标是稳定技术骨干', '董事会要求', 'reservation']],
		[S2, ['每单平均成本增加不超过 0.40 元', '全职骑手日收入可由约 204 元提高到约 236 元']]
	] as const) {
		for (const path of [url, `${url}/__data.json`]) {
			const res = await request.get(path);
			expect(res.status()).toBe(200);
			const body = await res.text();
			for (const s of secrets) expect(body, `${path} contains "${s}"`).not.toContain(s);
			expect(body).not.toContain('confidential');
		}
	}
});

test('[B7] the scenario list links every shipped scenario', async ({ page }) => {
	await page.goto('/scenarios');
	for (const id of ['s1-qiantang-parts', 's2-qianhu-food-delivery', 's3-dongzhou-express']) {
		await expect(page.locator(`a[data-scenario="${id}"]`)).toBeVisible();
	}
	await page.locator('a[data-scenario="s2-qianhu-food-delivery"]').click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('千湖市外卖配送行业协商');
});

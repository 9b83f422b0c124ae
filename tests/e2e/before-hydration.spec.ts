import { expect, test, type Page } from '@playwright/test';
import { ORGANIZER } from './helpers.ts';

/**
 * On a slow connection people start typing before the page's scripts have run. Hydration used to
 * overwrite those fields with the server's empty value (a CI run caught it on /setup), so the
 * account form was sent empty. These tests hold the app's scripts back while typing.
 */

/** Holds every app script (not the styles, which the inline start-up script waits for) until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await gate;
		await route.continue();
	});
	return release;
}

test('[B4] what the first organizer types before the page is ready is kept and creates the account', async ({
	page
}) => {
	const release = await holdScripts(page);
	await page.goto('/setup', { waitUntil: 'domcontentloaded' });
	// This spec runs first on a fresh database, so the setup page is there.
	await expect(page).toHaveURL(/\/setup$/);
	await page.getByLabel('登录名').fill(ORGANIZER.login);
	await page.getByLabel('姓名').fill(ORGANIZER.name);
	await page.getByLabel('密码').fill(ORGANIZER.password);
	await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByLabel('登录名')).toHaveValue(ORGANIZER.login);
	await expect(page.getByLabel('姓名')).toHaveValue(ORGANIZER.name);
	await page.getByRole('button', { name: '创建账号并进入' }).click();
	await expect(page).toHaveURL(/\/events$/);
});

test('[B4] a login name typed before the page is ready survives hydration', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('登录名').fill('早到的人');
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByLabel('登录名')).toHaveValue('早到的人');
});

test('[B4] a judge’s score and remark typed before the page is ready are kept', async ({
	page
}) => {
	// The demo event's judge seat, taken through the home page like a newcomer would.
	await page.goto('/');
	await page.locator('[data-demo-seat="judge"]').click();
	await expect(page).toHaveURL(/\/join\//);
	await page.getByLabel('您的姓名').fill('早到的评委');
	await page.getByRole('button', { name: '确认入座' }).click();
	await expect(page).toHaveURL(/\/match\//);

	const release = await holdScripts(page);
	await page.goto('/judge', { waitUntil: 'domcontentloaded' });
	const sheet = page.locator('form[data-sheet$="/labour"]');
	await sheet.locator('input[name="t.preparation"]').fill('8');
	// <details> opens without scripts; the remark box inside it takes typing at once.
	await sheet.locator('details[data-note="tn.preparation"] summary').click();
	await sheet.locator('textarea[name="tn.preparation"]').fill('准备充分，数据翔实');
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(sheet.locator('input[name="t.preparation"]')).toHaveValue('8');
	await expect(sheet.locator('textarea[name="tn.preparation"]')).toHaveValue('准备充分，数据翔实');
	await expect(sheet.locator('textarea[name="tn.preparation"]')).toBeVisible();
});

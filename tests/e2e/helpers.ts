import { expect, type Page } from '@playwright/test';

export const ORGANIZER = { login: 'organizer', name: '赵组织', password: 'organizer-pass-1' };

/**
 * Logs the page in as the e2e organizer, creating the account through /setup when the database
 * is still empty (the first spec to run does that; later ones log in).
 */
export async function loginAsOrganizer(page: Page): Promise<void> {
	await page.goto('/setup');
	if (new URL(page.url()).pathname === '/setup') {
		await page.getByLabel('登录名').fill(ORGANIZER.login);
		await page.getByLabel('姓名').fill(ORGANIZER.name);
		await page.getByLabel('密码').fill(ORGANIZER.password);
		await page.getByRole('button', { name: '创建账号并进入' }).click();
	} else {
		await page.goto('/login');
		if (new URL(page.url()).pathname === '/login') {
			await page.getByLabel('登录名').fill(ORGANIZER.login);
			await page.getByLabel('密码').fill(ORGANIZER.password);
			await page.getByRole('button', { name: '登录' }).click();
		}
	}
	await expect(page).toHaveURL(/\/events$/);
}

/**
 * Waits until the page's scripts have taken over (the root layout marks <html data-hydrated>).
 * Forms work before that; controls driven only by scripts do not, and a slow CI machine can
 * leave a gap between the load event and hydration.
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

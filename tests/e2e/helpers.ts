import { expect, type Browser, type Cookie, type Page } from '@playwright/test';
import { openRelational } from '../../src/lib/server/sql/open.ts';
import { createUser } from '../../src/lib/server/auth.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	seatsOfMatch,
	type Role
} from '../../src/lib/server/events/events.ts';

export const ORGANIZER = { login: 'organizer', name: '赵组织', password: 'organizer-pass-1' };

/**
 * Logs the page in as the e2e organizer, creating the account through /setup when the database
 * is still empty (the first spec to run does that; later ones log in).
 */
export async function loginAsOrganizer(page: Page): Promise<void> {
	// One sign-in per worker: W7 allows an account 10 attempts in 10 minutes, and the suite opens
	// more organizer pages than that. A session the server no longer honours signs in again.
	if (organizerCookies) {
		await page.context().addCookies(organizerCookies);
		await page.goto('/events');
		if (new URL(page.url()).pathname === '/events') return;
	}
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
	organizerCookies = (await page.context().cookies()).filter((c) => c.name === 'xs_session');
}

let organizerCookies: Cookie[] | null = null;

/**
 * Waits until the page's scripts have taken over (the root layout marks <html data-hydrated>).
 * Forms work before that; controls driven only by scripts do not, and a slow CI machine can
 * leave a gap between the load event and hydration.
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

/**
 * Seeds one S1 match straight into the server's database and returns each seat's join path; with
 * `organizerLogin`, that (existing) account organizes the event.
 */
export async function seedMatch(organizerLogin?: string): Promise<{
	matchId: string;
	join: Record<Role, string>;
	/** Every seat's join path per role (the members of a side in order). */
	joinAll: Record<Role, string[]>;
}> {
	const sql = await openRelational({ DATABASE_PATH: process.env.XS_E2E_DATABASE_PATH! });
	const { db } = sql;
	try {
		const organizer = organizerLogin
			? (
					await db
						.selectFrom('users')
						.select('id')
						.where('login', '=', organizerLogin)
						.executeTakeFirstOrThrow()
				).id
			: null;
		const ev = await createEvent(
			db,
			{ name: '模拟协商', kind: 'training', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
			organizer
		);
		const match = await addMatch(
			db,
			ev,
			1,
			(await addTeam(db, ev.id, { name: '职工队' })).id,
			(await addTeam(db, ev.id, { name: '企业队' })).id
		);
		const join = {} as Record<Role, string>;
		const joinAll = {} as Record<Role, string[]>;
		for (const s of await seatsOfMatch(db, match.id)) {
			join[s.role] ??= `/join/${s.code}`;
			(joinAll[s.role] ??= []).push(`/join/${s.code}`);
		}
		return { matchId: match.id, join, joinAll };
	} finally {
		await sql.close();
	}
}

export async function seat(browser: Browser, path: string, name: string): Promise<Page> {
	const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
	await page.goto(`${path}?name=${encodeURIComponent(name)}`);
	await expect(page.locator('[data-sync="synced"]')).toBeVisible();
	return page;
}

/** Enters a workers' congress vote of 180 delegates on the procedure tracker (national rule). */
export async function ratify(page: Page, present: string, yes: string, no: string): Promise<void> {
	await page.getByRole('spinbutton', { name: '代表总数', exact: true }).fill('180');
	await page.getByRole('spinbutton', { name: '出席', exact: true }).fill(present);
	await page.getByRole('spinbutton', { name: '同意', exact: true }).fill(yes);
	await page.getByRole('spinbutton', { name: '反对', exact: true }).fill(no);
	await page.getByRole('button', { name: '记录表决结果' }).click();
}

/** Makes an organizer account straight in the server's database, unless it is already there. */
export async function ensureAccount(u: {
	login: string;
	name: string;
	password: string;
}): Promise<void> {
	const sql = await openRelational({ DATABASE_PATH: process.env.XS_E2E_DATABASE_PATH! });
	try {
		const exists = await sql.db
			.selectFrom('users')
			.select('id')
			.where('login', '=', u.login)
			.executeTakeFirst();
		if (!exists)
			await createUser(sql.db, { login: u.login, displayName: u.name, password: u.password });
	} finally {
		await sql.close();
	}
}

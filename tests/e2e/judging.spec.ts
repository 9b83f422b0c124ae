import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated, loginAsOrganizer } from './helpers.ts';

/**
 * Two judges score one match on their own tablets, the organizer watches the live scoreboard,
 * releases it, and the public page shows the same numbers.
 *
 * Figures by hand (DEFAULT_RUBRIC: team criteria 协商准备 10, 法律政策运用 20, 数据运用与测算 20,
 * 策略技巧 20, 团队配合 10; individual 应变能力 10, 语言表达与仪态 10; Σw = 100, S2):
 *   judge A  labour     8 + 16 + 15 + 14 + 8 = 61, both contestants 7 and 7 → 14; total 75
 *            management 7 + 14 + 16 + 15 + 7 = 59, contestants 6 and 6 → 12;     total 71
 *   judge B  labour     9 + 18 + 16 + 15 + 9 = 67, contestants 8 and 8 → 16;     total 83
 *            management 6 + 12 + 14 + 13 + 6 = 51, contestants 6 and 6 → 12;     total 63
 *   rubric (mean, S6): labour (75 + 83)/2 = 79, management (71 + 63)/2 = 67
 *   no agreement, rule zero → outcome 0 (S27); 70/30 → totals 55.30 and 46.90 (S11)
 *   both judges put labour above management → Kendall's W = 1.000 (S33);
 *   deviations ±4 from the panel mean, under the outlier threshold of 10 (S34).
 */

/** The e2e organizer (created by whichever spec runs first), in a context of its own. */
async function organizer(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await loginAsOrganizer(page);
	return page;
}

/** Joins a seat in a fresh context (one seat per browser) and returns the page. */
async function join(browser: Browser, url: string, name: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${url}?name=${encodeURIComponent(name)}`);
	return page;
}

async function fillSheet(page: Page, matchSide: string, team: number[], individual: number) {
	const form = page.locator(`form[data-sheet="${matchSide}"]`);
	const ids = ['preparation', 'law_policy', 'data_calculation', 'strategy', 'teamwork'];
	for (const [i, id] of ids.entries())
		await form.locator(`input[name="t.${id}"]`).fill(String(team[i]));
	const indiv = form.locator('table.indiv input');
	await expect(indiv).toHaveCount(4);
	for (let i = 0; i < 4; i++) await indiv.nth(i).fill(String(individual));
	await form.getByRole('button', { name: '提交评分' }).click();
	await expect(form.getByTestId('sheet-status')).toHaveText('已提交');
}

test('[N23][N24][S2][S11][S27][S33][S34][E1][E5] two judges score a match, the organizer releases the live scoreboard, the public page shows the same numbers', async ({
	browser
}) => {
	const org = await organizer(browser);
	await org.locator('input[name="name"]').fill('评分演示赛');
	await org.locator('select[name="scenarioId"]').selectOption('s1-qiantang-parts');
	await org.locator('input[name="membersPerSide"]').fill('3');
	await org.locator('form[action="?/create"] button[type="submit"]').click();
	await expect(org).toHaveURL(/\/events\/[a-z0-9]+$/);
	const eventUrl = org.url();
	const eventId = eventUrl.split('/').at(-1)!;

	for (const [name, aff] of [
		['职工队', '甲大学'],
		['企业队', '乙大学']
	]) {
		await org.locator('form[action="?/addTeam"] input[name="name"]').fill(name!);
		await org.locator('form[action="?/addTeam"] input[name="affiliation"]').fill(aff!);
		await org.locator('form[action="?/addTeam"] button').click();
		await expect(org.locator('ul.teams')).toContainText(name!);
	}
	await org.locator('details summary').first().click();
	const add = org.locator('form[action="?/addMatch"]');
	await add.locator('select[name="labour"]').selectOption({ label: '职工队' });
	await add.locator('select[name="management"]').selectOption({ label: '企业队' });
	await add.locator('button').click();
	const match = org.locator('article.match').first();
	await expect(match).toBeVisible();
	const matchId = (await match.getAttribute('data-match'))!;
	// A second, event-wide judge (from a third university: no conflict of interest).
	const eventSeat = org.locator('form[action="?/addEventSeat"]');
	await eventSeat.locator('input[name="label"]').fill('评委二');
	await eventSeat.locator('input[name="affiliation"]').fill('丙大学');
	await eventSeat.locator('button').click();

	const urlOf = (scope: string, role: string, n = 0) =>
		org.locator(`${scope} tr[data-seat="${role}"] a[data-join-url]`).nth(n).getAttribute('href');
	await expect(org.locator('section.card tr[data-seat="judge"]')).toHaveCount(2);
	const judgeA = (await urlOf('article.match', 'judge'))!;
	const judgeB = (await org
		.locator('tr[data-seat="judge"] a[data-join-url]')
		.nth(1)
		.getAttribute('href'))!;
	// Two contestants a side join the table, so the individual criteria have someone to score.
	const labourChief = await join(
		browser,
		(await urlOf('article.match', 'labour-chief'))!,
		'王职工'
	);
	await join(browser, (await urlOf('article.match', 'labour-member'))!, '李职工');
	await join(browser, (await urlOf('article.match', 'management-chief'))!, '赵经理');
	await join(browser, (await urlOf('article.match', 'management-member'))!, '钱经理');

	// The organizer runs the match to its end without an agreement: the table turns read-only for
	// everyone, and the outcome falls to the no-agreement rule (zero).
	await org.goto(`/match/${matchId}`);
	await expect(org.locator('[data-sync="synced"]')).toBeVisible();
	await org.getByRole('button', { name: '开始 / 继续' }).click();
	await expect(org.locator('[data-match-status="running"]')).toBeVisible();
	org.once('dialog', (d) => void d.accept());
	await org.getByRole('button', { name: '结束本场' }).click();
	await expect(org.locator('[data-match-status="ended"]')).toBeVisible();
	await expect(labourChief.locator('[data-match-status="ended"]')).toBeVisible();
	await expect(labourChief.locator('[data-term="seniorityPerYear"] input').first()).toBeDisabled();
	// Ended by mistake? The organizer reopens it and the open table becomes editable again…
	await org.getByRole('button', { name: '重新开启本场' }).click();
	await expect(labourChief.locator('[data-term="seniorityPerYear"] input').first()).toBeEnabled();
	// …and ends it for good.
	org.once('dialog', (d) => void d.accept());
	await org.getByRole('button', { name: '结束本场' }).click();
	await expect(labourChief.locator('[data-term="seniorityPerYear"] input').first()).toBeDisabled();
	await org.goto(`/events/${eventId}`);

	const a = await join(browser, judgeA, '甲评委');
	await a.goto('/judge');
	await hydrated(a);
	const b = await join(browser, judgeB, '乙评委');
	await b.goto('/judge');
	await hydrated(b);
	await expect(a.locator(`[data-match="${matchId}"]`)).toBeVisible();
	await expect(b.locator(`[data-match="${matchId}"]`)).toBeVisible();

	// A value off the range is shown as such beside its field.
	await a.locator(`form[data-sheet="${matchId}/labour"] input[name="t.preparation"]`).fill('12');
	await expect(
		a.locator(`form[data-sheet="${matchId}/labour"] [data-field-error="t.preparation"]`)
	).toHaveText('分值须在 0–10 之间');

	await fillSheet(a, `${matchId}/labour`, [8, 16, 15, 14, 8], 7);
	await fillSheet(a, `${matchId}/management`, [7, 14, 16, 15, 7], 6);

	// The scoreboard is live: it shows judge A's figures before judge B has scored.
	await org.goto(`/events/${eventId}/judging/scoreboard`);
	const pool = (side: string) =>
		org.locator(`[data-testid="standings"] [data-pool="${side}"] tbody tr`).first();
	await expect(pool('labour').getByTestId('total')).toHaveText('52.50'); // 0.7 × 75

	await fillSheet(b, `${matchId}/labour`, [9, 18, 16, 15, 9], 8);
	await fillSheet(b, `${matchId}/management`, [6, 12, 14, 13, 6], 6);

	await expect(pool('labour').getByTestId('total')).toHaveText('55.30');
	await expect(pool('labour').getByTestId('rubric')).toHaveText('79.00');
	await expect(pool('management').getByTestId('total')).toHaveText('46.90');
	await expect(pool('management').getByTestId('rubric')).toHaveText('67.00');
	await expect(org.locator(`[data-agreement="${matchId}"] [data-testid="kendall"]`)).toHaveText(
		'1.000'
	);
	await expect(org.locator(`[data-agreement="${matchId}"] tr[data-outlier="yes"]`)).toHaveCount(0);

	await org.getByRole('button', { name: '发布成绩' }).click();
	await expect(org.locator('[data-released="yes"]')).toBeVisible();

	const pub = await (await browser.newContext()).newPage();
	await pub.goto(`/results/${eventId}`);
	const pubRow = (side: string) =>
		pub.locator(`[data-testid="public-standings"] [data-pool="${side}"] tbody tr`).first();
	await expect(pubRow('labour').getByTestId('total')).toHaveText('55.30');
	await expect(pubRow('labour').getByTestId('rubric')).toHaveText('79.00');
	await expect(pubRow('management').getByTestId('total')).toHaveText('46.90');
	await expect(pubRow('labour')).toContainText('职工队');
});

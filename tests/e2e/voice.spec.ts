import { expect, test, type Browser, type Page } from '@playwright/test';
import { openRelational } from '../../src/lib/server/sql/open.ts';
import { addMatch, addTeam, createEvent } from '../../src/lib/server/events/events.ts';
import { hydrated, loginAsOrganizer, ORGANIZER, ratify } from './helpers.ts';

/** Where to save screenshots for a person to look at; none are taken unless it is set. */
const SHOTS = process.env.XS_SCREENSHOTS;
const PHONE = {
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true,
	locale: 'zh-CN'
};

async function answerOnPhone(
	browser: Browser,
	link: string,
	segment: string,
	weight: number,
	shot?: string
): Promise<Page> {
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(link);
	await phone.getByRole('radio', { name: segment }).check({ force: true });
	const groups = phone.getByRole('radiogroup');
	const n = await groups.count();
	expect(n).toBeGreaterThan(2);
	for (let i = 0; i < n; i++)
		await groups
			.nth(i)
			.locator('label.pill')
			.nth(i === 0 ? 5 : weight)
			.click();
	await phone.getByLabel('还有什么想对工会说的？（可不填）').fill(`${segment}骑手：高峰期太累`);
	if (shot) await phone.screenshot({ path: shot, fullPage: true });
	await phone.getByRole('button', { name: '提交' }).click();
	await expect(phone.getByTestId('survey-state')).toHaveAttribute('data-state', 'done');
	return phone;
}

test('[E8][V2][V6][V7] a survey answered on three phones becomes the labour side’s priorities', async ({
	browser
}) => {
	const org = await (await browser.newContext()).newPage();
	await loginAsOrganizer(org);
	await org.goto('/surveys');
	await org.getByLabel('问卷标题').fill('外卖骑手诉求调查');
	await org.getByLabel('案例').selectOption('s2-qianhu-food-delivery');
	await org.getByRole('button', { name: '创建问卷' }).click();
	await expect(org.getByRole('heading', { name: '外卖骑手诉求调查' })).toBeVisible();

	// Ask who answers (专送/众包) so the results split by segment.
	await org.getByRole('checkbox', { name: '身份分组' }).check();
	await org.getByRole('button', { name: '保存问题' }).click();
	await expect(org.getByText('已保存。')).toBeVisible();
	await org.getByLabel('生成数量').fill('3');
	await org.getByRole('button', { name: '生成邀请码' }).click();
	await expect(org.getByTestId('invite-link')).toHaveCount(3);
	await org.getByRole('button', { name: '开始收集答卷' }).click();
	await expect(org.getByTestId('survey-status')).toHaveText('收集中');
	const links = await org
		.getByTestId('invite-link')
		.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));

	const first = await answerOnPhone(
		browser,
		links[0]!,
		'专送',
		4,
		SHOTS && `${SHOTS}/survey-phone.png`
	);
	await answerOnPhone(browser, links[1]!, '众包', 2);
	await answerOnPhone(browser, links[2]!, '专送', 3);
	if (SHOTS) await first.screenshot({ path: `${SHOTS}/survey-phone-done.png` });
	// The same code again: refused, with the reason on the page.
	await first.goto(links[0]!);
	await expect(first.getByTestId('survey-state')).toHaveAttribute('data-state', 'used');
	await expect(first.getByText('这个邀请码已经答过了')).toBeVisible();

	// The organizer's page updates by itself while answers arrive.
	await hydrated(org);
	await expect(org.getByTestId('response-count')).toHaveText('已收到 3 份答卷');
	await org.getByRole('button', { name: '由权重生成优先级' }).click();
	const pri = org.getByTestId('priorities');
	await expect(pri).toContainText('依据 3 份答卷');
	// The first term weighed 5 by everyone; its share of 100 is the largest.
	await expect(pri.locator('pre')).toContainText('points:');
	await expect(pri.locator('pre')).toContainText('共 3 份答卷');
	// The weights become the labour side's priorities: every phone gave the first term 5 and the
	// others 4, 2 and 3 (means 5 and 3), so the first term gets the most of the 100 points and the
	// others equal shares (V6: points in proportion to the mean weights, summing to 100).
	const rows = pri.locator('tbody tr');
	const n = await rows.count();
	expect(n).toBeGreaterThan(2);
	const cells = await rows.evaluateAll((trs) =>
		trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
	);
	expect(cells.map((c) => c[1])).toEqual(['5', ...Array<string>(n - 1).fill('3')]);
	const points = cells.map((c) => Number(c[2]));
	expect(points.reduce((a, b) => a + b, 0)).toBe(100);
	expect(Math.max(...points.slice(1))).toBeLessThan(points[0]!);
	// 100 × 5 / (5 + 3(n − 1)) rounded by largest remainder: the first term's share, within one point.
	expect(Math.abs(points[0]! - (100 * 5) / (5 + 3 * (n - 1)))).toBeLessThan(1);
	if (SHOTS) {
		await org.setViewportSize({ width: 1366, height: 768 });
		await org.getByTestId('results').screenshot({ path: `${SHOTS}/survey-results.png` });
		await pri.screenshot({ path: `${SHOTS}/survey-priorities.png` });
	}
	const yaml = await org.request.get(`${new URL(org.url()).pathname}/priorities.yaml`);
	expect(yaml.status()).toBe(200);
	expect(await yaml.text()).toContain('points:');
});

test('[T4][T5][R1][E7] the procedure tracker shows filing and review dates, and a failed then passed ratification', async ({
	browser
}) => {
	const org = await (
		await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
	).newPage();
	await loginAsOrganizer(org);
	const sql = await openRelational({ DATABASE_PATH: process.env.XS_E2E_DATABASE_PATH! });
	const { db } = sql;
	const user = await db
		.selectFrom('users')
		.select('id')
		.where('login', '=', ORGANIZER.login)
		.executeTakeFirstOrThrow();
	const ev = await createEvent(
		db,
		{ name: '程序跟踪演练', kind: 'training', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		user.id
	);
	const match = await addMatch(
		db,
		ev,
		1,
		(await addTeam(db, ev.id, { name: '钱江队' })).id,
		(await addTeam(db, ev.id, { name: '之江队' })).id
	);
	await sql.close();

	await org.goto(`/match/${match.id}/procedure`);
	await expect(org.getByRole('heading', { name: '协商程序跟踪' })).toBeVisible();
	await expect(org.getByTestId('step-filing')).toContainText('填入起算日期后计算');
	await org.getByLabel('收到要约日期').fill('2026-09-01');
	await org.getByLabel('双方首席代表签字日期').fill('2026-09-22');
	await org.getByLabel('劳动保障行政部门收到文本日期').fill('2026-10-09');
	await org.getByRole('button', { name: '保存日期' }).click();
	// Signed 09-22 + 10 days = 10-02, in the National Day holiday → 10-08; filed 10-09 + 15 =
	// 10-24, a Saturday → 10-26; effective the day after.
	await expect(org.getByTestId('due-filing')).toHaveText('2026-10-08');
	await expect(org.getByTestId('due-review')).toHaveText('2026-10-26');
	await expect(org.getByTestId('due-effective')).toHaveText('2026-10-27');

	await ratify(org, '120', '90', '30');
	await expect(org.locator('table.votes tbody tr')).toHaveCount(1);
	await expect(org.locator('table.votes')).toContainText(
		'同意 90 票，未超过全体代表 180 人的半数（至少需 91 票），未通过'
	);
	await ratify(org, '150', '120', '30');
	await expect(org.locator('table.votes tbody tr')).toHaveCount(2);
	await expect(org.locator('table.votes tbody tr').nth(1)).toContainText('通过');

	await org.getByLabel('记录内容').fill('第三次协商会议：双方就计件单价达成一致，提交职代会审议。');
	await org.getByRole('button', { name: '添加会议记录' }).click();
	await expect(org.getByTestId('minute')).toContainText(ORGANIZER.name);
	if (SHOTS) {
		await org.evaluate(() => window.scrollTo(0, 0));
		await org.screenshot({ path: `${SHOTS}/tracker.png` });
		await org.locator('table.votes').screenshot({ path: `${SHOTS}/tracker-votes.png` });
	}
});

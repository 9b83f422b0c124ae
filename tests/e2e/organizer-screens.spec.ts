/**
 * The organizer's screens as a trainer meets them: seats grouped per match and collapsed, each
 * team's codes in one place, the audit log in sentences, a mistyped join code kept for a retry,
 * the name step showing the team; and the results page and scoreboard explaining ties and
 * unplayed matches. Screenshots at the three widths go to /tmp/xs-org-shots for a person to judge.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { openRelational } from '../../src/lib/server/sql/open.ts';
import { addMatch, addTeam, createEvent } from '../../src/lib/server/events/events.ts';
import { releaseResults } from '../../src/lib/server/judging/judging.ts';
import { scoreBothSides } from '../integration/scoring.ts';
import { loginAsOrganizer, ORGANIZER } from './helpers.ts';

const SHOTS = '/tmp/xs-org-shots';
const WIDTHS = [
	{ name: 'laptop', width: 1366, height: 768 },
	{ name: 'tablet', width: 820, height: 1180 },
	{ name: 'phone', width: 390, height: 844 }
];

async function shoot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	for (const w of WIDTHS) {
		await page.setViewportSize({ width: w.width, height: w.height });
		await page.screenshot({ path: `${SHOTS}/${name}-${w.name}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1366, height: 768 });
}

test('[B8][Y13] the dashboard groups seats per match, shows each team its codes and reads the audit log as sentences', async ({
	browser
}) => {
	const org = await (await browser.newContext()).newPage();
	await loginAsOrganizer(org);
	await org.getByLabel('活动名称').fill('屏幕测试赛');
	await org.getByLabel('案例').selectOption('s1-qiantang-parts');
	await org.getByRole('button', { name: '创建活动' }).click();
	await expect(org.getByRole('heading', { name: '屏幕测试赛' })).toBeVisible();
	for (const name of ['钱江队', '之江队', '西溪队', '运河队']) {
		await org.getByLabel('队名').fill(name);
		await org.getByRole('button', { name: '添加队伍' }).click();
		await expect(org.locator('.teams')).toContainText(name);
	}
	await org.getByLabel('分组方式').selectOption('both-sides');
	await org.getByRole('button', { name: '生成对阵' }).click();
	await expect(org.locator('article.match')).toHaveCount(4);

	// Seats per match, collapsed, with who has joined in the summary.
	const boxes = org.locator('details[data-seats-of]');
	await expect(boxes).toHaveCount(4);
	for (const b of await boxes.all()) expect(await b.getAttribute('open')).toBeNull();
	await expect(boxes.first().locator(':scope > summary')).toContainText(/已入座 0\/\d+/);
	await expect(
		org.locator('article.match').first().locator('tr[data-seat="labour-chief"]')
	).toBeHidden();

	// One team's codes in one place: both its matches (it plays each side once), with a print link.
	const team = org.locator('[data-testid="team-codes"] details').filter({ hasText: '钱江队' });
	await team.locator('summary').click();
	const rows = team.locator('tr[data-team-seat]');
	await expect(rows.first()).toBeVisible();
	await expect(team.locator('tr[data-team-seat="labour-chief"]')).toHaveCount(1);
	await expect(team.locator('tr[data-team-seat="management-chief"]')).toHaveCount(1);
	await expect(team.getByRole('link', { name: '打印本队入座条' })).toHaveAttribute(
		'href',
		/slips\?team=/
	);
	const code = (await team.locator('tr[data-team-seat="labour-chief"] code').textContent())!.trim();

	// The audit log in sentences, naming the team, not a JSON blob.
	await expect(
		org.locator('tr[data-action="team.add"] [data-audit-detail]').first()
	).toHaveAttribute('title', /（组织者）添加队伍：队伍 (钱江队|之江队|西溪队|运河队)。/);
	await expect(org.locator('tr[data-action="team.add"] [data-audit-detail]').first()).toHaveText(
		/^队伍 (钱江队|之江队|西溪队|运河队)$/
	);
	await expect(org.locator('tr[data-action="pairings.generate"]')).toContainText('生成对阵');
	await expect(org.locator('tr[data-action="pairings.generate"] [data-audit-detail]')).toHaveText(
		'共 4 场'
	);
	await expect(org.locator('.audit code').first()).toBeHidden();
	await shoot(org, 'dashboard');
	await boxes.first().locator(':scope > summary').click();
	await expect(
		org.locator('article.match').first().locator('tr[data-seat="labour-chief"]')
	).toBeVisible();
	await shoot(org, 'dashboard-open');

	// A mistyped code stays in the box with a Chinese reason; the right one leads to the name
	// step, which names the team.
	const person = await (await browser.newContext()).newPage();
	await person.goto('/join');
	await person.getByLabel('入座码').fill('zzzz2222');
	await person.getByRole('button', { name: '下一步' }).click();
	await expect(person.getByRole('alert')).toContainText('入座码无效或已作废');
	await expect(person.getByLabel('入座码')).toHaveValue('zzzz2222');
	await person.getByLabel('入座码').fill(code);
	await person.getByRole('button', { name: '下一步' }).click();
	await expect(person.getByTestId('join-team')).toHaveText('钱江队 · 职工方首席代表');
	await shoot(person, 'join-name');
});

test('[S16][E5] the results page and the scoreboard explain a lot in words and list a match not played', async ({
	browser
}) => {
	// Logged in first: on an empty database this creates the organizer the event belongs to.
	const org = await (await browser.newContext()).newPage();
	await loginAsOrganizer(org);
	const sql = await openRelational({ DATABASE_PATH: process.env.XS_E2E_DATABASE_PATH! });
	const { db } = sql;
	const orgId = (
		await db
			.selectFrom('users')
			.select('id')
			.where('login', '=', ORGANIZER.login)
			.executeTakeFirstOrThrow()
	).id;
	const ev = await createEvent(
		db,
		{
			name: '成绩页测试赛',
			kind: 'competition',
			scenarioId: 's1-qiantang-parts',
			membersPerSide: 3
		},
		orgId
	);
	const t = [];
	for (const name of ['甲队', '乙队', '丙队', '丁队', '戊队', '己队'])
		t.push(await addTeam(db, ev.id, { name }));
	await scoreBothSides(db, await addMatch(db, ev, 1, t[0]!.id, t[1]!.id));
	await scoreBothSides(db, await addMatch(db, ev, 1, t[2]!.id, t[3]!.id));
	await addMatch(db, ev, 1, t[4]!.id, t[5]!.id);
	await releaseResults(db, ev.id, 'e2e', { allowUnscored: true });
	await sql.close();

	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(`/results/${ev.id}`);
	await expect(visitor.getByTestId('tie-notes').first()).toContainText('按公开种子');
	await expect(visitor.getByTestId('tie-notes').first()).toContainText(/甲队|丙队/);
	await expect(visitor.locator('body')).not.toContainText('lot (seed');
	await expect(visitor.getByTestId('unscored')).toContainText('戊队 对 己队：未进行');
	await expect(visitor.getByTestId('public-prizes')).toContainText('职工方、企业方各 2 队中 1 队');
	await shoot(visitor, 'results');

	await org.goto(`/events/${ev.id}/judging/scoreboard`);
	await expect(org.getByTestId('standings')).toContainText('按公开种子');
	await expect(org.getByTestId('withdraw')).toBeVisible();
	await shoot(org, 'scoreboard');
});

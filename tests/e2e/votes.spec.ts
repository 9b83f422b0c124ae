import { expect, test, type Browser, type Page } from '@playwright/test';
import { loginAsOrganizer, ORGANIZER, ratify, seat, seedMatch } from './helpers.ts';

/** Where to save screenshots for a person to look at; none are taken unless it is set. */
const SHOTS = process.env.XS_SCREENSHOTS;
const PHONE = {
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true,
	locale: 'zh-CN'
};

/** One S1 match (three representatives a side): the join paths the tests use. */
async function seedVoteMatch(organizerLogin?: string) {
	const { matchId, joinAll } = await seedMatch(organizerLogin);
	return {
		matchId,
		chief: joinAll['labour-chief'][0]!,
		members: joinAll['labour-member'],
		management: joinAll['management-chief'][0]!
	};
}

/** A representative's phone, seated through their join link. */
async function phoneAt(browser: Browser, join: string, name: string): Promise<Page> {
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(`${join}?name=${encodeURIComponent(name)}`);
	await expect(phone.locator('[data-sync="synced"]')).toBeVisible();
	return phone;
}

async function vote(phone: Page, choices: string[]): Promise<void> {
	for (const [i, label] of choices.entries())
		await phone
			.getByTestId(`item-q${i + 1}`)
			.getByText(label, { exact: true })
			.click();
	await expect(phone.getByText(`已选 ${choices.length} / ${choices.length} 项`)).toBeVisible();
	await phone.getByRole('button', { name: '提交表决' }).click();
	await expect(phone.getByText('您已对全部事项投票，谢谢。')).toBeVisible();
}

test('[E40][E42][E43][E44][Q4][Q6] representatives vote on a three-clause list from their phones and the chief sees the result live', async ({
	browser
}) => {
	const m = await seedVoteMatch();
	const chief = await seat(browser, m.chief, '王首席');
	await chief.setViewportSize({ width: 1366, height: 768 });
	await chief.getByRole('link', { name: '代表表决' }).click();
	await chief.getByLabel('表决名称').fill('配送条款最终方案');
	await chief.getByLabel('表决规则').selectOption('majority-all');
	await chief
		.getByLabel('表决事项（每行一项）')
		.fill('高温补贴每月 300 元\n配送费：每单+0.8元/每单+0.5元/维持现状\n恶劣天气停工不扣分');
	await chief.getByRole('button', { name: '开始表决' }).click();
	await expect(chief.getByRole('heading', { name: '配送条款最终方案' })).toBeVisible();
	await expect(chief.getByTestId('turnout')).toHaveText('已全部投票 0 / 3 人');
	const voteUrl = new URL(chief.url()).pathname;

	// Two representatives on their phones, from their own seat links.
	const a = await phoneAt(browser, m.members[0]!, '张骑手');
	const b = await phoneAt(browser, m.members[1]!, '李骑手');
	for (const p of [a, b]) {
		await p.getByRole('link', { name: '代表表决' }).click();
		await p.getByRole('link', { name: '配送条款最终方案' }).click();
		await expect(p.getByRole('heading', { name: '配送条款最终方案' })).toBeVisible();
		// A representative sees no tally while the vote is open.
		await expect(p.getByTestId('results')).toHaveCount(0);
	}
	if (SHOTS) {
		await a.getByTestId('item-q2').getByText('每单+0.8元', { exact: true }).click();
		await a.screenshot({ path: `${SHOTS}/vote-phone.png`, fullPage: true });
	}
	await vote(a, ['同意', '每单+0.8元', '同意']);
	// The chief's page updates by itself: one of three has voted on everything, the others are named.
	await expect(chief.getByTestId('turnout')).toHaveText('已全部投票 1 / 3 人');
	await expect(chief.getByTestId('missing')).toContainText('李骑手');
	await expect(chief.getByTestId('missing')).not.toContainText('张骑手');

	await vote(b, ['同意', '每单+0.8元', '反对']);
	// The chief votes too, from the same page.
	await vote(chief, ['同意', '每单+0.5元', '反对']);
	await expect(chief.getByTestId('missing')).toHaveText('全部代表都已投票。');
	// More than half of all 3 = 2 votes: q1 同意 3 → adopted; q2 +0.8 has 2 → adopted; q3 反对 2.
	await expect(chief.getByTestId('result-q1')).toContainText('已达到通过票数：同意');
	await expect(chief.getByTestId('result-q2')).toContainText('已达到通过票数：每单+0.8元');
	await expect(chief.getByTestId('result-q2')).toContainText(
		'「每单+0.8元」得 2 票，超过全体代表 3 人的半数（至少 2 票），通过。'
	);
	await expect(chief.getByTestId('result-q3')).toContainText('已达到通过票数：反对');
	if (SHOTS) await chief.screenshot({ path: `${SHOTS}/vote-chief-live.png`, fullPage: true });

	// A second vote from a phone is impossible: the answered items are shown, not offered again.
	await a.reload();
	await expect(a.getByTestId('item-q1')).toContainText('您已投：同意');
	await expect(a.getByRole('button', { name: '提交表决' })).toHaveCount(0);

	chief.once('dialog', (d) => void d.accept());
	await chief.getByRole('button', { name: '结束表决并记录结果' }).click();
	await expect(chief.getByTestId('vote-state')).toHaveText('已结束');
	// The representative's phone now shows the result.
	await a.goto(voteUrl);
	await expect(a.getByTestId('result-q2')).toContainText('通过：每单+0.8元');
	if (SHOTS) await a.screenshot({ path: `${SHOTS}/vote-phone-closed.png`, fullPage: true });

	// The other side's chief cannot open the vote.
	const other = await seat(browser, m.management, '企业首席');
	const res = await other.goto(voteUrl);
	expect(res?.status()).toBe(404);
});

test('[E46][R1][T4][T5][N14] a signed draft fails ratification, goes back to the table, and passes the second time; the tracker shows filing and review dates', async ({
	browser
}) => {
	const org = await (
		await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
	).newPage();
	await loginAsOrganizer(org);
	const m = await seedVoteMatch(ORGANIZER.login);
	const labour = await seat(browser, m.chief, '王师傅');
	const management = await seat(browser, m.management, '李经理');

	const signBoth = async () => {
		for (const p of [labour, management]) {
			await p.getByRole('button', { name: '签字', exact: true }).click();
			await p.getByRole('button', { name: '了解风险，仍然签字' }).click();
		}
		for (const p of [labour, management])
			await expect(p.locator('[data-match-status="signed"]')).toBeVisible();
	};
	await labour.getByLabel('方案说明').fill('按现行标准签订');
	await labour.getByRole('button', { name: '提出方案' }).click();
	await management.getByRole('button', { name: /全部同意/ }).click();
	await expect(labour.locator('[data-state="agreed"]')).toHaveCount(9);
	await signBoth();

	await org.goto(`/match/${m.matchId}/procedure`);
	// 120 of 180 present is quorate (exactly 2/3); 90 yes is not more than half of ALL 180.
	await ratify(org, '120', '90', '30');
	await expect(org.getByTestId('reopened')).toContainText('已签署的协议退回协商桌');
	await expect(org.locator('table.votes')).toContainText(
		'同意 90 票，未超过全体代表 180 人的半数（至少需 91 票），未通过'
	);

	// Back at the table: the reason is shown to both chiefs, and the table is open again.
	for (const p of [labour, management]) {
		await p.reload();
		await expect(p.getByTestId('reopened')).toContainText('职代会审议未通过');
		await expect(p.getByTestId('reopened')).toContainText('至少需 91 票');
		await expect(p.locator('[data-match-status="signed"]')).toHaveCount(0);
	}
	await expect(labour.locator('#term-seniorityPerYear')).toBeEnabled();
	// The chiefs confirm the same text and sign again (the terms are still agreed, N12–N14).
	await signBoth();
	await expect(labour.getByTestId('reopened')).toHaveCount(0);

	await org.reload();
	await ratify(org, '150', '120', '30');
	await expect(org.locator('table.votes tbody tr')).toHaveCount(2);
	await expect(org.locator('table.votes tbody tr').nth(1)).toContainText('通过');
	await expect(org.getByTestId('reopened')).toHaveCount(0);

	// Filing and review from the dates: signed 2026-09-22 + 10 days = 10-02 (国庆) → 10-08;
	// filed 10-09 + 15 days = 10-24 (Saturday) → 10-26; effective the day after.
	await org.getByLabel('双方首席代表签字日期').fill('2026-09-22');
	await org.getByLabel('劳动保障行政部门收到文本日期').fill('2026-10-09');
	await org.getByRole('button', { name: '保存日期' }).click();
	await expect(org.getByTestId('due-filing')).toHaveText('2026-10-08');
	await expect(org.getByTestId('due-review')).toHaveText('2026-10-26');
	await expect(org.getByTestId('due-effective')).toHaveText('2026-10-27');
	if (SHOTS) {
		await org.evaluate(() => window.scrollTo(0, 0));
		await org.screenshot({ path: `${SHOTS}/tracker-after-reopen.png` });
		await org.locator('table.votes').screenshot({ path: `${SHOTS}/tracker-ratifications.png` });
	}
});

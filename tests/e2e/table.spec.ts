import { expect, test, type Page } from '@playwright/test';
import { loginAsOrganizer, ORGANIZER, seat, seedMatch } from './helpers.ts';

const state = (p: Page, term: string) => p.locator(`[data-term-state="${term}"]`);

test('[B2] a value a term cannot take stays in the typing browser with the reason and never reaches the other side', async ({
	browser
}) => {
	const { join } = await seedMatch();
	const labour = await seat(browser, join['labour-chief'], '王师傅');
	const management = await seat(browser, join['management-chief'], '李经理');

	// S1's seniority cap runs 0–30 years; 99 stays local, with the reason beside the box.
	const cap = labour.locator('#term-seniorityCapYears');
	await cap.fill('99');
	await cap.blur();
	await expect(labour.locator('[data-term="seniorityCapYears"] [role="alert"]')).toContainText(
		'超出范围（0–30）'
	);
	await expect(labour.locator('[data-term="seniorityCapYears"] [role="alert"]')).toContainText(
		'未写入协议草案'
	);
	await expect(cap).toHaveValue('99');
	// A skill-ladder cell above its 5,000 yuan bound, and text that is no number, are held too.
	await labour.locator('#term-skillLadder-mid').fill('99999');
	await expect(labour.locator('[data-term="skillLadder"] [role="alert"]')).toContainText(
		'中级工：超出范围（0–5000）'
	);
	await labour.locator('#term-seniorityPerYear').fill('5x');
	await expect(labour.locator('[data-term="seniorityPerYear"] [role="alert"]')).toContainText(
		'请输入数字'
	);

	// A valid edit after them travels; when it has arrived, the invalid ones have not.
	await labour.locator('#term-seniorityPerYear').fill('50');
	await expect(management.locator('#term-seniorityPerYear')).toHaveValue('50');
	await expect(management.locator('#term-seniorityCapYears')).toHaveValue('10');
	await expect(management.locator('#term-skillLadder-mid')).toHaveValue('150');
	await expect(labour.locator('#term-seniorityCapYears')).toHaveValue('99');

	// A read-only seat's draft looks read-only (grey, dashed), not like boxes waiting for input.
	const judge = await seat(browser, join.judge, '陈评委');
	await expect(judge.locator('#term-seniorityPerYear')).toBeDisabled();
	await expect(judge.locator('#term-seniorityPerYear')).toHaveCSS('border-top-style', 'dashed');
	await expect(judge.locator('#term-seniorityPerYear')).toHaveCSS(
		'background-color',
		'rgb(241, 245, 249)'
	);

	// Correcting the number writes it and clears the message.
	await cap.fill('15');
	await expect(management.locator('#term-seniorityCapYears')).toHaveValue('15');
	await expect(labour.locator('[data-term="seniorityCapYears"] [role="alert"]')).toHaveCount(0);
});

test('[B1] offline, formal acts are disabled under a sticky notice; a failed request says so in Chinese', async ({
	browser
}) => {
	const { join } = await seedMatch();
	const labour = await seat(browser, join['labour-chief'], '王师傅');
	const offer = labour.getByRole('button', { name: '提出方案' });
	await expect(offer).toBeEnabled();
	// A disabled button looks it (app.css): the sign button waits for agreement on every term.
	await expect(labour.getByRole('button', { name: '签字', exact: true })).toHaveCSS(
		'cursor',
		'not-allowed'
	);

	await labour.context().setOffline(true);
	const notice = labour.getByTestId('offline-notice');
	await expect(notice).toContainText('提出方案、签字等正式操作在离线时不可用');
	await expect(offer).toBeDisabled();
	await expect(labour.getByRole('button', { name: '申请休会' })).toBeDisabled();
	// The notice stays in view while scrolling down to a term far below.
	await labour.locator('#term-contractTerm').scrollIntoViewIfNeeded();
	await expect(notice).toBeInViewport();
	// Editing goes on offline.
	await labour.locator('#term-seniorityPerYear').fill('45');

	await labour.context().setOffline(false);
	await expect(labour.locator('[data-sync="synced"]')).toBeVisible();
	await expect(notice).toHaveCount(0);
	await expect(offer).toBeEnabled();

	// The connection drops just as the request leaves: a Chinese sentence, not the browser's "Failed to fetch".
	await labour.route('**/api/match/*/offers', (route) => route.abort('internetdisconnected'));
	await offer.click();
	const alert = labour.locator('.formal [role="alert"]');
	await expect(alert).toContainText('网络连接失败');
	await expect(alert).not.toContainText('fetch');
});

test('[N3][N11][C20][B5] an offer raises a banner on the other side; a counter clears the sender’s notice; signing over open risks asks first and lists them', async ({
	browser
}) => {
	const { join } = await seedMatch();
	const labour = await seat(browser, join['labour-chief'], '王师傅');
	const management = await seat(browser, join['management-chief'], '李经理');

	await labour.locator('#term-seniorityPerYear').fill('50');
	await expect(management.locator('#term-seniorityPerYear')).toHaveValue('50');
	await labour.getByLabel('方案说明').fill('工龄工资每年提高到 50 元');
	await labour.getByRole('button', { name: '提出方案' }).click();
	await expect(labour.getByText('方案已提出')).toBeVisible();
	// Management learns of it at once: who, how many terms changed (seniority only), the message, the diff.
	const banner = management.getByTestId('offer-banner');
	await expect(banner).toContainText('职工方王师傅提出了第 1 号方案，改动 1 项');
	await expect(banner).toContainText('工龄工资每年提高到 50 元');
	await expect(banner.getByRole('link', { name: '查看改动' })).toHaveAttribute('href', '#offer-1');
	await expect(labour.getByTestId('offer-banner')).toHaveCount(0);

	// A counter comes back: labour's "tabled" notice goes, the banner tells labour instead.
	await management.getByRole('button', { name: /全部同意/ }).click();
	await expect(state(labour, 'seniorityPerYear')).toHaveAttribute('data-state', 'agreed');
	await management.getByLabel('方案说明').fill('同意');
	await management.getByRole('button', { name: '提出方案' }).click();
	await expect(labour.getByTestId('offer-banner')).toContainText(
		'企业方李经理提出了第 2 号方案，与上一方案相同'
	);
	await expect(labour.getByText('方案已提出')).toHaveCount(0);
	await labour.getByRole('button', { name: '知道了' }).click();
	await expect(labour.getByTestId('offer-banner')).toHaveCount(0);

	// Everything agreed; S1's current terms leave 6 风险 findings: the piece quota (70 % reach 480 a
	// day) and no heat allowance for each of the 5 heat-exposed groups (P1–P4, L1).
	await expect(labour.locator('[data-state="agreed"]')).toHaveCount(9);
	await labour.getByRole('button', { name: '签字', exact: true }).click();
	const ask = labour.getByTestId('sign-confirm');
	await expect(ask).toContainText('协议草案还有 6 项合规风险未解决');
	await expect(ask).toContainText('定额 480');
	await expect(ask).toContainText('班组长：高温作业岗位未发高温津贴');
	await expect(ask).not.toContainText('[L15]');
	await ask.getByRole('button', { name: '取消' }).click();
	await expect(ask).toHaveCount(0);
	await expect(labour.locator('.sigs')).toHaveCount(0);
	await labour.getByRole('button', { name: '签字', exact: true }).click();
	await labour.getByRole('button', { name: '了解风险，仍然签字' }).click();
	await expect(management.locator('.sigs')).toContainText('王师傅');
});

test('[D8] a caucus copy starts from the table; its push previews only its own changes and never overwrites the table’s unasked', async ({
	browser
}) => {
	const { join, matchId } = await seedMatch();
	const labour = await seat(browser, join['labour-chief'], '王师傅');
	const management = await seat(browser, join['management-chief'], '李经理');
	await labour.locator('#term-seniorityPerYear').fill('40');
	await management.locator('#term-seniorityCapYears').fill('12');
	await expect(labour.locator('#term-seniorityCapYears')).toHaveValue('12');
	await expect(management.locator('#term-seniorityPerYear')).toHaveValue('40');

	await labour.goto(`/match/${matchId}/caucus/labour`);
	await expect(labour.locator('[data-sync="synced"]')).toBeVisible();
	await expect(labour.locator('#term-seniorityPerYear')).toHaveValue('40');
	await expect(labour.locator('#term-seniorityCapYears')).toHaveValue('12');

	await labour.locator('#term-seniorityPerYear').fill('50');
	// generalIncrease is a share: entered as a percentage (3 = 3 %), stored as 0.03
	await labour.locator('#term-generalIncrease').fill('3');
	await management.locator('#term-generalIncrease').fill('1');
	await labour.getByRole('button', { name: '推送到协议草案' }).click();
	const preview = labour.getByTestId('push-preview');
	await expect(preview.locator('[data-push-row]')).toHaveCount(2);
	await expect(preview.locator('[data-push-row="seniorityPerYear"]')).toContainText('40 元/年·月');
	await expect(preview.locator('[data-push-row="seniorityPerYear"]')).toContainText('王师傅 设定');
	await expect(preview.locator('[data-push-row="seniorityPerYear"]')).toContainText('50 元/年·月');
	const conflict = preview.locator('[data-push-row="generalIncrease"]');
	await expect(conflict).toContainText('冲突');
	await expect(conflict).toContainText('李经理 设定');
	// both values travel as fractions and print as percentages: 1 % at the table, 3 % in the caucus
	await expect(conflict).toContainText('1%');
	await expect(conflict).toContainText('3%');
	await expect(labour.locator('#term-generalIncrease-unit')).toHaveText('%');
	await preview.getByRole('button', { name: '确认推送' }).click();
	await expect(labour.getByRole('status').filter({ hasText: '已推送 1 项' })).toContainText(
		'1 项冲突未覆盖'
	);

	await expect(management.locator('#term-seniorityPerYear')).toHaveValue('50');
	await expect(management.locator('#term-generalIncrease')).toHaveValue('1');
	await expect(management.locator('#term-seniorityCapYears')).toHaveValue('12');
});

test('[N21][B6] the organizer’s clock controls label the minutes box on screen', async ({
	browser
}) => {
	const org = await (await browser.newContext()).newPage();
	await loginAsOrganizer(org);
	const { matchId } = await seedMatch(ORGANIZER.login);
	await org.goto(`/match/${matchId}`);
	await expect(org.locator('[data-sync="synced"]')).toBeVisible();
	await expect(org.locator('.formal').getByText('延长分钟数')).toBeVisible();
	await org.getByLabel('延长分钟数').fill('3');
	await expect(org.getByRole('button', { name: '延长 3 分钟' })).toBeEnabled();
});

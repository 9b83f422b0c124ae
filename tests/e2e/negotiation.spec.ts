import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { seat, seedMatch } from './helpers.ts';

// S1 seniority wage 30 → 50: +¥1,775,806.80 a year; the arithmetic is worked group by group in
// tests/e2e/scenario-explorer.spec.ts (S1_SENIORITY_50_ANNUAL).
const SENIORITY_50_ANNUAL = '+¥1,775,806.80';
const state = (p: Page, term: string) => p.locator(`[data-term-state="${term}"]`);

test('[N3][N6][N7][N10][N11][N14][N17][N18][A3][A5] a whole mock negotiation: live cost, offer, counter, agreement, signatures, read-only judge, Word export, private caucus', async ({
	browser
}) => {
	const { join } = await seedMatch();
	const labour = await seat(browser, join['labour-chief'], '王师傅');
	const management = await seat(browser, join['management-chief'], '李经理');
	const judge = await seat(browser, join.judge, '陈评委');

	// Labour changes the seniority wage; management's cost panel follows to the hand-computed figure.
	await labour.locator('#term-seniorityPerYear').fill('50');
	await expect(management.locator('#term-seniorityPerYear')).toHaveValue('50');
	await expect(management.getByTestId('cost-annual-delta')).toHaveText(SENIORITY_50_ANNUAL);
	// Each side measures the draft against its own confidential yardstick. Management's bottom line
	// includes a 5.5 % general raise, far above +20 yuan seniority alone: the draft is within it.
	await expect(management.getByTestId('cost-budget')).toContainText('我方底线方案的年度成本');
	await expect(management.getByTestId('cost-budget')).toHaveAttribute('data-over', 'false');
	await expect(labour.getByTestId('cost-budget')).toContainText('我方期望方案的年度成本');

	// Labour tables an offer: every term becomes labour's proposal.
	await labour.getByLabel('方案说明').fill('工龄工资每年提高到 50 元');
	await labour.getByRole('button', { name: '提出方案' }).click();
	await expect(state(management, 'seniorityPerYear')).toHaveAttribute(
		'data-state',
		'proposed-labour'
	);
	await expect(management.getByTestId('offers')).toContainText('工龄工资每年提高到 50 元');

	// Management counters one term (the cap stays at 10 → offers 12) and tables a counter-offer.
	await management.locator('#term-seniorityCapYears').fill('12');
	await management.getByLabel('方案说明').fill('封顶年限可延长到 12 年');
	await management.getByRole('button', { name: '提出方案' }).click();
	await expect(state(labour, 'seniorityCapYears')).toHaveAttribute(
		'data-state',
		'proposed-management'
	);
	await expect(labour.getByTestId('offers')).toContainText('工龄工资封顶年限：10 年 → 12 年');
	// The first offer lists what it changed against the current terms (N6): seniority 30 → 50.
	await expect(labour.locator('[data-offer="1"]')).toContainText(
		'工龄工资标准：30 元/年·月 → 50 元/年·月'
	);

	// The cap's concession chart: labour's offer left it at 10 years (the current value), management's
	// counter says 12; one labelled dot per offer, in offer order.
	const capChart = labour.locator('[data-concession="seniorityCapYears"]');
	await expect(capChart.locator('circle.dot')).toHaveCount(2);
	await expect(capChart.locator('circle[data-side="labour"][data-seq="1"]')).toHaveCount(1);
	await expect(capChart.locator('circle[data-side="management"][data-seq="2"]')).toHaveCount(1);
	await expect(capChart.locator('text.value')).toHaveText(['10 年', '12 年']);
	await expect(capChart.locator('svg')).toHaveAttribute(
		'aria-label',
		/职工方 #1 10 年；企业方 #2 12 年/
	);

	// Printing before signing gives the draft contract, marked 草案, with the draft's figures;
	// the live table's controls do not print.
	await labour.emulateMedia({ media: 'print' });
	const printed = labour.getByTestId('print-agreement');
	await expect(printed).toBeVisible();
	await expect(printed).toContainText('草案');
	await expect(printed).toContainText(
		/第一条\s*工龄工资标准：50 元\/年·月（现行标准：30 元\/年·月）。/
	);
	await expect(printed).toContainText(/第二条\s*工龄工资封顶年限：12 年（现行标准：10 年）。/);
	await expect(labour.locator('#term-seniorityPerYear')).toBeHidden();
	await expect(labour.getByTestId('cost-panel').first()).toBeHidden();
	await labour.emulateMedia({ media: 'screen' });
	await expect(printed).toBeHidden();

	// Labour accepts everything management now proposes; all terms are agreed.
	await labour.getByRole('button', { name: /全部同意/ }).click();
	await expect(state(management, 'seniorityCapYears')).toHaveAttribute('data-state', 'agreed');
	await expect(management.locator('[data-state="agreed"]')).toHaveCount(9);

	// Both chiefs sign: the table locks for everyone.
	// S1's quota leaves a 风险 finding open (only 70 % reach 480 pieces): each chief confirms it.
	await labour.getByRole('button', { name: '签字', exact: true }).click();
	await labour.getByRole('button', { name: '了解风险，仍然签字' }).click();
	await expect(management.locator('.sigs')).toContainText('王师傅');
	await management.getByRole('button', { name: '签字', exact: true }).click();
	await management.getByRole('button', { name: '了解风险，仍然签字' }).click();
	for (const p of [labour, management, judge])
		await expect(p.locator('[data-match-status="signed"]')).toBeVisible();
	await expect(labour.locator('#term-seniorityPerYear')).toBeDisabled();

	// The judge watched read-only all along.
	await expect(judge.locator('[data-readonly]')).toBeVisible();
	await expect(judge.locator('#term-seniorityCapYears')).toHaveValue('12');
	await expect(judge.locator('#term-seniorityCapYears')).toBeDisabled();

	// After the match, the debrief replay rebuilds the draft step by step: at the start the cap
	// reads 10 years (the scenario's current value), at the end 12.
	await judge.getByRole('button', { name: '载入回放' }).click();
	const slider = judge.locator('.replay input[type="range"]');
	await expect(slider).toBeVisible();
	await slider.fill('1');
	await expect(judge.locator('.replay tr', { hasText: '工龄工资封顶年限' })).toContainText('10');
	const max = await slider.getAttribute('max');
	await slider.fill(max!);
	await expect(judge.locator('.replay tr', { hasText: '工龄工资封顶年限' })).toContainText('12');
	// Clause wording shows at every step too (S1's innovation award, unchanged all match).
	await expect(judge.locator('.replay tr[data-term="innovationAward"]')).toContainText(
		'职工提出的合理化建议经采纳的'
	);

	// The judge's page was open before the signatures: printing now gives the signed contract with
	// both chiefs' names and no 草案 mark.
	await judge.emulateMedia({ media: 'print' });
	const signedPrint = judge.getByTestId('print-agreement');
	await expect(signedPrint).toHaveAttribute('data-draft', 'false');
	await expect(signedPrint).toContainText('首席代表（签字）：王师傅');
	await expect(signedPrint).toContainText('首席代表（签字）：李经理');
	await expect(signedPrint).toContainText(/第二条\s*工龄工资封顶年限：12 年/);
	await expect(signedPrint).not.toContainText('草案');
	await judge.emulateMedia({ media: 'screen' });

	// The signed agreement downloads as Word with the agreed figures in it.
	const [download] = await Promise.all([
		judge.waitForEvent('download'),
		judge.locator('[data-export="docx"]').click()
	]);
	const dir = mkdtempSync(joinPath(tmpdir(), 'xs-docx-'));
	const file = joinPath(dir, 'agreement.docx');
	await download.saveAs(file);
	const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
	expect(xml).toContain('50');
	expect(xml).toContain('12');
	expect(xml).toContain('工龄工资标准');
	expect(xml).not.toContain('草案');
});

test('[A3] a caucus note typed by labour never reaches the management side', async ({
	browser
}) => {
	const { join, matchId } = await seedMatch();
	const labour = await seat(browser, join['labour-chief'], '王师傅');
	const management = await seat(browser, join['management-chief'], '李经理');
	const secret = '我方底线是 40 元，不要透露';

	await labour.goto(`/match/${matchId}/caucus/labour`);
	await expect(labour.locator('[data-sync="synced"]')).toBeVisible();
	const notes = labour.getByRole('textbox', { name: '内部笔记' });
	await notes.click();
	await notes.pressSequentially(secret);
	await expect(notes).toContainText(secret);

	// Nowhere management can go shows it: its table, its own caucus, or the labour caucus URL.
	await management.reload();
	await expect(management.locator('[data-sync="synced"]')).toBeVisible();
	expect(await management.content()).not.toContain(secret);
	await management.goto(`/match/${matchId}/caucus/management`);
	await expect(management.locator('[data-sync="synced"]')).toBeVisible();
	expect(await management.content()).not.toContain(secret);
	const res = await management.goto(`/match/${matchId}/caucus/labour`);
	expect(res?.status()).toBe(404);
	expect(await management.content()).not.toContain(secret);
});

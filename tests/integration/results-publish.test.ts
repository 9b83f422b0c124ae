/**
 * Publishing results: ties are explained in Chinese with the teams' names, a match nobody played
 * or scored is listed as such and never ranked or given a prize, publishing with one asks first,
 * and published results can be withdrawn.
 *
 * Event: 甲队 v 乙队 and 丙队 v 丁队 scored identically by one judge, 戊队 v 己队 never played.
 *   Each side's sheet: team 8 + 16 + 15 + 14 + 8 = 61, one contestant (7, 8) → 15; total 76 (S2).
 *   No agreement, rule `zero` → outcome 0; 70/30 → final 0.7 × 76 = 53.20 for all four (S11).
 *   甲队 and 丙队 tie on total, outcome and rubric → the lot orders them (S16); likewise 乙队, 丁队.
 *   Prize bands 10% / 20% / 30% of 2 ranked teams per pool (S18): last ranks round(0.2) = 0,
 *   round(0.6) = 1, round(1.2) = 1 → 一等奖 0 队, 二等奖 1 队, 三等奖 0 队.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { addMatch, addTeam, createEvent, type Match } from '../../src/lib/server/events/events.ts';
import { scoreBothSides } from './scoring.ts';
import {
	startServerProcess,
	type ServerProcess,
	testDatabase,
	rowOf,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let organizer: string;
let eventId: string;
let firstMatch: Match;

async function post(path: string, fields: Record<string, string>) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie: organizer,
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
}
const page = async (path: string) =>
	(await fetch(`${server.url}${path}`, { headers: { cookie: organizer } })).text();

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	const org = await createUser(db, {
		login: 'org',
		displayName: '组织者',
		password: 'correct horse battery'
	});
	organizer = `xs_session=${(await createSession(db, { userId: org.id, displayName: org.displayName })).token}`;
	const ev = await createEvent(
		db,
		{ name: '公布测试赛', kind: 'competition', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		org.id
	);
	eventId = ev.id;
	const t = [];
	for (const name of ['甲队', '乙队', '丙队', '丁队', '戊队', '己队'])
		t.push(await addTeam(db, ev.id, { name }));
	firstMatch = await addMatch(db, ev, 1, t[0]!.id, t[1]!.id);
	await scoreBothSides(db, firstMatch);
	await scoreBothSides(db, await addMatch(db, ev, 1, t[2]!.id, t[3]!.id));
	await addMatch(db, ev, 1, t[4]!.id, t[5]!.id);
}, 60_000);

afterAll(async () => {
	await testDb?.close();
	await server?.kill();
});

describe('publishing results', () => {
	it('[E5] refuses to publish with an unplayed match until the organizer confirms, naming the match', async () => {
		const res = await post(`/events/${eventId}/judging/scoreboard?/release`, {});
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(html).toContain('还有 1 场未评完');
		expect(html).toContain('第 1 轮第 3 桌 戊队 对 己队：未进行');
		expect(
			await rowOf(
				db,
				'SELECT COUNT(*) AS n FROM judging_settings WHERE event_id = ? AND released = 1',
				eventId
			)
		).toEqual({ n: 0 });
	});

	it('[S16][E5] publishes on confirmation: ties read as sentences with team names, the unplayed match is listed, not ranked', async () => {
		const res = await post(`/events/${eventId}/judging/scoreboard?/release`, { confirm: '1' });
		expect(res.status).toBe(200);
		const html = await (await fetch(`${server.url}/results/${eventId}`)).text();
		expect(html).toContain('data-testid="public-standings"');
		// The lot among the tied labour teams, in Chinese with names and the seed, never ids.
		expect(html).toMatch(
			/(甲队、丙队|丙队、甲队)的总分、结果分、评分均相同（总分 53\.20、结果分 0\.00、评分 76\.00），按公开种子 \d+ 抽签排定先后：1\. (甲队|丙队) ＞ 2\. (甲队|丙队)。/
		);
		expect(html).not.toContain('lot (seed');
		expect(html).not.toContain('~labour');
		// The unplayed match is named and its teams have no row, rank or prize.
		expect(html).toContain('第 1 轮第 3 桌 戊队 对 己队：未进行');
		expect(html).toMatch(/>甲队<\/td>/); // a ranked team has its row
		expect(html).not.toMatch(/>戊队<\/td>/);
		expect(html).not.toMatch(/>己队<\/td>/);
		// Bands say how many of the ranked teams each prize goes to.
		expect(html).toContain('二等奖 约 20%（职工方、企业方各 2 队中 1 队）');
		expect(html).toContain('一等奖 约 10%（职工方、企业方各 2 队中 0 队）');
	});

	it('[E5][Y13] withdraws published results: the public page shows no ranking, and the act is audited', async () => {
		const res = await post(`/events/${eventId}/judging/scoreboard?/withdraw`, {});
		expect(res.status).toBe(200);
		const html = await (await fetch(`${server.url}/results/${eventId}`)).text();
		expect(html).not.toContain('data-testid="public-standings"');
		expect(html).toContain('data-testid="results-pending"');
		expect(
			await rowOf(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'results.withdraw'")
		).toEqual({ n: 1 });
		// And it can be published again.
		expect(
			(await post(`/events/${eventId}/judging/scoreboard?/release`, { confirm: '1' })).status
		).toBe(200);
		expect(await page(`/results/${eventId}`)).toContain('data-testid="public-standings"');
	});
});

describe('downloads', () => {
	const nameOf = (res: Response) =>
		decodeURIComponent(
			(res.headers.get('content-disposition') ?? '').split("filename*=UTF-8''")[1] ?? ''
		);

	it('[E6] names the standings XLSX after the event and words its rules sheet in Chinese, ties and left-out matches included', async () => {
		const res = await fetch(`${server.url}/events/${eventId}/judging/export/standings.xlsx`, {
			headers: { cookie: organizer }
		});
		expect(res.status).toBe(200);
		expect(nameOf(res)).toBe('公布测试赛-成绩.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const rules = wb.getWorksheet('规则')!;
		const rows: string[] = [];
		rules.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
		expect(rows).toContain('汇总方法|平均分');
		expect(rows).toContain('未达成协议|结果分为 0');
		expect(rows).toContain('并列决胜顺序|总分 → 结果分 → 评分 → 抽签');
		expect(
			rows.some((r) =>
				/^同分排序（职工方）\|(甲队、丙队|丙队、甲队)的总分、结果分、评分均相同/.test(r)
			)
		).toBe(true);
		expect(rows).toContain('未计入排名|第 1 轮第 3 桌 戊队 对 己队：未进行');
		expect(rows.join('\n')).not.toMatch(/\b(mean|zero|total|lot)\b/);
		expect(wb.creator).toBe('公布测试赛');
	});

	it('[E6][N17] names the agreement draft and the offer log after the event and the match; the .docx has the event as author', async () => {
		const docx = await fetch(`${server.url}/api/match/${firstMatch.id}/agreement.docx`, {
			headers: { cookie: organizer }
		});
		expect(docx.status).toBe(200);
		expect(nameOf(docx)).toBe('公布测试赛-第1轮第1桌-工资专项集体合同（草案）.docx');
		expect(docx.headers.get('content-disposition')).toContain('filename="agreement.docx"');
		const core =
			(await (
				await JSZip.loadAsync(await docx.arrayBuffer())
			)
				.file('docProps/core.xml')
				?.async('string')) ?? '';
		expect(core).toContain('<dc:creator>公布测试赛</dc:creator>');
		const csv = await fetch(`${server.url}/api/match/${firstMatch.id}/offers.csv`, {
			headers: { cookie: organizer }
		});
		expect(csv.status).toBe(200);
		expect(nameOf(csv)).toBe('公布测试赛-第1轮第1桌-方案记录.csv');
	});
});

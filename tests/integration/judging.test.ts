/**
 * Judging through the real server: a judge's sheet is validated and audited, the scoreboard is the
 * organizer's alone, release freezes the results the public page shows, and the XLSX opens.
 *
 * Hand-computed figures (DEFAULT_RUBRIC, Σw = 100, each criterion out of its weight, S2):
 *   labour sheet: team 8 + 16 + 15 + 14 + 8 = 61; contestants (adaptability, expression)
 *     L1 (7, 8), L2 (6, 7) → means 6.5 + 7.5 = 14; total 75.00
 *   management sheet: team 7 + 14 + 16 + 15 + 7 = 59; M1 (6, 6), M2 (7, 7) → 6.5 + 6.5 = 13; total 72.00
 *   no agreement, rule `zero` → outcome 0 (S27); weights 70/30 → labour 0.7 × 75 = 52.50,
 *   management 0.7 × 72 = 50.40 (S11). One team per pool: rank 1.
 *   After release labour's 法律政策运用 goes 16 → 20: live total 0.7 × 79 = 55.30, released stays 52.50.
 *
 * Rules published before play: 70/30 → the public page says 评分占 70%、结果分占 30%; tie-break
 * 总分 → 结果分 → 评分 → 抽签; prize bands 一等奖 10%, 二等奖 20%, 三等奖 30%; with one team per pool
 * their last ranks are round(0.1) = 0, round(0.3) = 0, round(0.6) = 1 (S18): 0, 0 and 1 team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	createSeat,
	getSeat,
	markJoined,
	seatsOfMatch,
	setMatchStatus,
	type Match
} from '../../src/lib/server/events/events.ts';
import { DEFAULT_RUBRIC } from '../../src/lib/domain/scoring/index.ts';
import { getSheet, writeSheet } from '../../src/lib/server/judging/judging.ts';
import {
	startServerProcess,
	type ServerProcess,
	testDatabase,
	rowOf,
	rowsOf,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let organizer: string;
let orgId: string;
let stranger: string;
let judgeCookie: string;
let eventId: string;
let match: Match;
const names: Record<string, string> = {};

const cookieOf = (token: string) => `xs_session=${token}`;

async function post(path: string, cookie: string, fields: Record<string, string>) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		// As a browser without JavaScript posts a form: the answer is the page, with the action's status.
		headers: {
			cookie,
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
}
const get = (path: string, cookie = '') =>
	fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

/** The sheet's form fields: team criteria, then (adaptability, expression) per contestant. */
function sheet(
	side: 'labour' | 'management',
	team: number[],
	people: [string, number, number][],
	extra: Record<string, string> = {}
) {
	const [prep, law, data, strategy, teamwork] = team.map(String);
	const f: Record<string, string> = {
		match: match.id,
		side,
		't.preparation': prep ?? '',
		't.law_policy': law ?? '',
		't.data_calculation': data ?? '',
		't.strategy': strategy ?? '',
		't.teamwork': teamwork ?? '',
		...extra
	};
	for (const [id, a, e] of people) {
		f[`c.${id}.adaptability`] = String(a);
		f[`c.${id}.expression`] = String(e);
	}
	return f;
}
let labourPeople: [string, number, number][];
let managementPeople: [string, number, number][];

/** The rules as the judging page posts them; the defaults unless overridden. */
function rules(over: Record<string, unknown> = {}) {
	return {
		settings: JSON.stringify({
			rubric: DEFAULT_RUBRIC,
			method: 'mean',
			weights: { rubric: 70, outcome: 30 },
			noAgreement: 'zero',
			tieBreak: ['total', 'outcome', 'rubric', 'lot'],
			prizes: {
				mode: 'share',
				bands: [
					{ label: '一等奖', share: 0.1 },
					{ label: '二等奖', share: 0.2 },
					{ label: '三等奖', share: 0.3 }
				]
			},
			individualAwards: {
				mode: 'count',
				bands: [
					{ label: '最佳协商员', count: 1 },
					{ label: '优秀协商员', count: 2 }
				]
			},
			ranking: 'separate',
			...over
		})
	};
}
/** Remarks the judge writes on labour's sheet: one team criterion, one contestant's criterion. */
const labourNotes = () => ({
	'tn.law_policy': '援引劳动合同法第四条',
	[`cn.${labourPeople[0]![0]}.adaptability`]: '应对追问沉着'
});
const auditRows = async (action: string) =>
	(await rowsOf(db, 'SELECT detail FROM audit_log WHERE action = ? ORDER BY id', action))
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- audit details are free-form JSON, read back in assertions
		.map((r) => JSON.parse(r.detail) as Record<string, any>);

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	const org = await createUser(db, {
		login: 'org',
		displayName: '组织者',
		password: 'correct horse battery'
	});
	organizer = cookieOf(
		(await createSession(db, { userId: org.id, displayName: org.displayName })).token
	);
	orgId = org.id;
	const other = await createUser(db, {
		login: 'other',
		displayName: '别人',
		password: 'correct horse battery'
	});
	stranger = cookieOf(
		(await createSession(db, { userId: other.id, displayName: other.displayName })).token
	);
	const event = await createEvent(
		db,
		{ name: '评分测试赛', kind: 'competition', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		org.id
	);
	eventId = event.id;
	const l = await addTeam(db, event.id, { name: '甲队', affiliation: '甲大学' });
	const m = await addTeam(db, event.id, { name: '乙队', affiliation: '乙大学' });
	match = await addMatch(db, event, 1, l.id, m.id);
	const seats = await seatsOfMatch(db, match.id);
	const labour = seats.filter((s) => s.role.startsWith('labour-')).slice(0, 2);
	const management = seats.filter((s) => s.role.startsWith('management-')).slice(0, 2);
	for (const [i, s] of labour.entries()) await markJoined(db, s.id, (names[s.id] = `职工${i + 1}`));
	for (const [i, s] of management.entries())
		await markJoined(db, s.id, (names[s.id] = `企业${i + 1}`));
	labourPeople = [
		[labour[0]!.id, 7, 8],
		[labour[1]!.id, 6, 7]
	];
	managementPeople = [
		[management[0]!.id, 6, 6],
		[management[1]!.id, 7, 7]
	];
	// The judge joins with the code from the slip, as on a tablet, and keeps the cookie.
	const judge = seats.find((s) => s.role === 'judge')!;
	const res = await get(`/join/${judge.code}?name=${encodeURIComponent('张评委')}`);
	const setCookie = res.headers.get('set-cookie') ?? '';
	judgeCookie = setCookie.split(';')[0] ?? '';
	expect(judgeCookie).toMatch(/^xs_session=/);
}, 60_000);

afterAll(async () => {
	await testDb?.close();
	await server?.kill();
});

describe('judging', () => {
	it('[E1] shows the judge the sheet of the match they sit on', async () => {
		const res = await get('/judge', judgeCookie);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('法律政策运用');
		expect(html).toContain('职工1');
	});

	it('[S5][E1] refuses an out-of-range score with a 4xx and says why beside the field', async () => {
		const res = await post(
			'/judge?/submit',
			judgeCookie,
			sheet('labour', [11, 16, 15, 14, 8], labourPeople)
		);
		const html = await res.text();
		expect(res.status).toBe(400);
		expect(html).toContain('分值须在 0–10 之间');
		expect(await rowOf(db, 'SELECT COUNT(*) AS n FROM score_sheets')).toEqual({ n: 0 });
	});

	it('[S3][E1] refuses an off-step score', async () => {
		const res = await post(
			'/judge?/submit',
			judgeCookie,
			sheet('labour', [8, 16.25, 15, 14, 8], labourPeople)
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('分值须为 0.5 的整数倍');
	});

	it('[E1] refuses a remark longer than 500 characters beside its criterion, storing nothing', async () => {
		const res = await post(
			'/judge?/submit',
			judgeCookie,
			sheet('labour', [8, 16, 15, 14, 8], labourPeople, { 'tn.strategy': '长'.repeat(501) })
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('评语不能超过 500 字');
		expect(html).toContain('data-field-error="tn.strategy"');
		expect(await rowOf(db, 'SELECT COUNT(*) AS n FROM score_sheets')).toEqual({ n: 0 });
	});

	it('[E2] publishes the rules before play: the public page shows them while the standings stay hidden', async () => {
		// Nothing published or locked yet: the page does not reveal the event.
		expect((await get(`/results/${eventId}`)).status).toBe(404);
		// Still editable before the first sheet: a different weighting, then back to 70/30.
		expect(
			(
				await post(
					`/events/${eventId}/judging?/save`,
					organizer,
					rules({ weights: { rubric: 60, outcome: 40 } })
				)
			).status
		).toBe(200);
		expect((await post(`/events/${eventId}/judging?/save`, organizer, rules())).status).toBe(200);
		const res = await get(`/results/${eventId}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('data-testid="public-rules"');
		expect(html).toContain('法律政策运用');
		expect(html).toContain('评分占 70%，结果分占 30%');
		expect(html).toContain('总分 → 结果分 → 评分 → 抽签');
		expect(html).toContain(
			'一等奖 约 10%（职工方、企业方各 1 队中 0 队）；二等奖 约 20%（职工方、企业方各 1 队中 0 队）；三等奖 约 30%（职工方、企业方各 1 队中 1 队）'
		);
		expect(html).toContain('成绩尚未发布');
		expect(html).not.toContain('data-testid="public-standings"');
	});

	it('[S4][E1] saves a half-filled draft, then accepts the full sheet on submit', async () => {
		const draft = await post('/judge?/save', judgeCookie, sheet('labour', [8, 16], []));
		expect(draft.status).toBe(200);
		expect(await rowOf(db, 'SELECT status FROM score_sheets')).toEqual({ status: 'draft' });
		for (const [side, team, people] of [
			['labour', [8, 16, 15, 14, 8], labourPeople],
			['management', [7, 14, 16, 15, 7], managementPeople]
		] as const) {
			const res = await post(
				'/judge?/submit',
				judgeCookie,
				sheet(side, [...team], [...people], side === 'labour' ? labourNotes() : {})
			);
			expect(res.status).toBe(200);
		}
		expect(
			await rowOf(db, "SELECT COUNT(*) AS n FROM score_sheets WHERE status = 'submitted'")
		).toEqual({ n: 2 });
	});

	it("[S5][E1] stores each remark with its criterion, a contestant's with that contestant", async () => {
		const row = (await rowOf(
			db,
			"SELECT criterion_comments, contestant_scores FROM score_sheets WHERE side = 'labour'"
		))!;
		expect(JSON.parse(row.criterion_comments)).toEqual({ law_policy: '援引劳动合同法第四条' });
		const [first, second] = JSON.parse(row.contestant_scores) as {
			contestantId: string;
			criterionComments?: Record<string, string>;
		}[];
		expect(first).toEqual({
			contestantId: labourPeople[0]![0],
			scores: { adaptability: 7, expression: 8 },
			criterionComments: { adaptability: '应对追问沉着' }
		});
		expect(second!.criterionComments).toBeUndefined();
	});

	it('[E2] refuses any change to the rules after the first submitted sheet (409, in Chinese), and keeps them', async () => {
		const res = await post(
			`/events/${eventId}/judging?/save`,
			organizer,
			rules({ weights: { rubric: 60, outcome: 40 } })
		);
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('评分规则已锁定（已有评委提交评分）');
		for (const change of [
			{ tieBreak: ['outcome', 'total', 'rubric', 'lot'] },
			{ noAgreement: 'last-offers' },
			{ method: 'trimmed' }
		]) {
			expect(
				(await post(`/events/${eventId}/judging?/save`, organizer, rules(change))).status
			).toBe(409);
		}
		const prizes = { mode: 'count', bands: [{ label: '一等奖', count: 1 }] };
		expect(
			(await post(`/events/${eventId}/judging?/save`, organizer, rules({ prizes }))).status
		).toBe(409);
		expect(
			await rowOf(
				db,
				'SELECT weight_rubric, weight_outcome, method, no_agreement FROM judging_settings'
			)
		).toEqual({
			weight_rubric: 70,
			weight_outcome: 30,
			method: 'mean',
			no_agreement: 'zero'
		});
		// Saving the very rules already published changes nothing and is accepted.
		expect((await post(`/events/${eventId}/judging?/save`, organizer, rules())).status).toBe(200);
	});

	it('[E3][Y13] refuses a change to a submitted sheet without a reason, and audits it with old and new values with one', async () => {
		const changed = sheet('management', [7, 14, 16, 15, 8], managementPeople, {
			'tn.teamwork': '分工明确'
		});
		const refused = await post('/judge?/submit', judgeCookie, changed);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('修改已提交的评分须填写理由');

		const ok = await post('/judge?/submit', judgeCookie, { ...changed, reason: '团队配合笔误' });
		expect(ok.status).toBe(200);
		const row = await rowOf(
			db,
			"SELECT detail, actor FROM audit_log WHERE action = 'score.change'"
		);
		const detail = JSON.parse(row!.detail) as {
			reason: string;
			old: { teamScores: Record<string, number> };
			new: { teamScores: Record<string, number> };
		};
		expect(detail.reason).toBe('团队配合笔误');
		expect(detail.old.teamScores.teamwork).toBe(7);
		expect(detail.new.teamScores.teamwork).toBe(8);
		expect(row!.actor).toMatch(/^seat:/);
		expect(detail.old).toMatchObject({ criterionComments: {} });
		expect(detail.new).toMatchObject({ criterionComments: { teamwork: '分工明确' } });
		// Back to 7 so the figures below stay as computed in the header; the remarks change too.
		const m1 = managementPeople[0]![0];
		const back = await post('/judge?/submit', judgeCookie, {
			...sheet('management', [7, 14, 16, 15, 7], managementPeople, {
				'tn.teamwork': '分工明确，配合默契',
				[`cn.${m1}.expression`]: '语速偏快'
			}),
			reason: '改回'
		});
		expect(back.status).toBe(200);
		const second = (await auditRows('score.change'))[1]!;
		expect(second.old.criterionComments).toEqual({ teamwork: '分工明确' });
		expect(second.new.criterionComments).toEqual({ teamwork: '分工明确，配合默契' });
		expect(second.old.contestants[0].criterionComments).toBeUndefined();
		expect(second.new.contestants[0]).toEqual({
			contestantId: m1,
			scores: { adaptability: 6, expression: 6 },
			criterionComments: { expression: '语速偏快' }
		});
	});

	it('[E3] treats a change of remark alone as a change: reason required, old and new remark audited', async () => {
		const m1 = managementPeople[0]![0];
		const notes = { 'tn.teamwork': '分工明确，配合默契', [`cn.${m1}.expression`]: '语速适中' };
		const refused = await post(
			'/judge?/submit',
			judgeCookie,
			sheet('management', [7, 14, 16, 15, 7], managementPeople, notes)
		);
		expect(refused.status).toBe(400);
		const ok = await post('/judge?/submit', judgeCookie, {
			...sheet('management', [7, 14, 16, 15, 7], managementPeople, notes),
			reason: '评语笔误'
		});
		expect(ok.status).toBe(200);
		const third = (await auditRows('score.change'))[2]!;
		expect(third.reason).toBe('评语笔误');
		expect(third.old.contestants[0].criterionComments).toEqual({ expression: '语速偏快' });
		expect(third.new.contestants[0].criterionComments).toEqual({ expression: '语速适中' });
		expect(third.old.teamScores).toEqual(third.new.teamScores);
	});

	it("[E4] blocks a judge who shares a team's affiliation until the organizer confirms, and audits the confirmation", async () => {
		// An event-wide judge from 甲大学 (written differently) judges 甲队's match: a conflict.
		const wide = await createSeat(db, eventId, null, 'judge', '评委二', ' 甲 大学 ');
		const res = await get(`/join/${wide.code}?name=${encodeURIComponent('钱评委')}`);
		const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const page = await (await get('/judge', cookie)).text();
		expect(page).toContain('回避提示');
		const blocked = await post(
			'/judge?/submit',
			cookie,
			sheet('management', [7, 14, 16, 15, 7], managementPeople)
		);
		expect(blocked.status).toBe(403);
		expect(await blocked.text()).toContain('存在未确认的回避冲突');
		const teamId = match.labourTeamId!;
		const confirm = await post(`/events/${eventId}/judging?/confirm`, organizer, {
			match: match.id,
			judge: wide.id,
			team: teamId
		});
		expect(confirm.status).toBe(200);
		expect(
			await rowOf(
				db,
				"SELECT COUNT(*) AS n FROM audit_log WHERE action = 'judging.conflict.confirm'"
			)
		).toEqual({ n: 1 });
		// Confirmed: the draft may now be saved and submitted (a draft keeps this test's figures unchanged).
		const draft = await post('/judge?/save', cookie, sheet('management', [7, 14], []));
		expect(draft.status).toBe(200);
	});

	it('[A9][E5] keeps the scoreboard and exports from anyone but the organizer (404)', async () => {
		const board = `/events/${eventId}/judging/scoreboard`;
		expect((await get(board)).status).toBe(404);
		expect((await get(board, stranger)).status).toBe(404);
		expect((await get(board, judgeCookie)).status).toBe(404);
		expect(
			(await get(`/events/${eventId}/judging/export/standings.xlsx`, judgeCookie)).status
		).toBe(404);
		expect((await get(`/events/${eventId}/judging`, stranger)).status).toBe(404);
		const res = await get(board, organizer);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('52.50');
	});

	it('[E5] serves the public standings only after release, with the frozen numbers', async () => {
		const before = await get(`/results/${eventId}`);
		expect(before.status).toBe(200);
		const beforeHtml = await before.text();
		expect(beforeHtml).not.toContain('data-testid="public-standings"');
		expect(beforeHtml).not.toContain('52.50');
		const rel = await post(`/events/${eventId}/judging/scoreboard?/release`, organizer, {});
		expect(rel.status).toBe(200);
		const pub = await get(`/results/${eventId}`);
		expect(pub.status).toBe(200);
		const html = await pub.text();
		expect(html).toContain('52.50');
		expect(html).toContain('50.40');
		// The plain mean adjusts nothing, so no raw column repeats the same figures.
		expect(html).not.toContain('评分（原始）');
		expect(
			await rowOf(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'results.release'")
		).toEqual({ n: 1 });

		// A correction after release changes the live board, never the released figures.
		const fix = await post('/judge?/submit', judgeCookie, {
			...sheet('labour', [8, 20, 15, 14, 8], labourPeople, labourNotes()),
			reason: '复核'
		});
		expect(fix.status).toBe(200);
		const again = await (await get(`/results/${eventId}`)).text();
		expect(again).toContain('52.50');
		expect(again).not.toContain('55.30');
	});

	it('[E6] exports an XLSX that opens with exceljs and holds the ranks', async () => {
		const res = await get(`/events/${eventId}/judging/export/standings.xlsx`, organizer);
		expect(res.status).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.getWorksheet('团体排名')!;
		const rows = [2, 3].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
		expect(rows).toContainEqual(['职工方', 1, '甲队', 75, 75, 0, 52.5, 52.5, 1, '', '三等奖']);
		expect(rows).toContainEqual(['企业方', 1, '乙队', 72, 72, 0, 50.4, 50.4, 1, '', '三等奖']);
		// The sheets as released, one row per score with its remark.
		const detail = wb.getWorksheet('评分明细')!;
		const lines: unknown[][] = [];
		detail.eachRow((r) => lines.push((r.values as unknown[]).slice(1)));
		expect(lines[0]).toEqual([
			'轮次',
			'对阵',
			'方',
			'队伍',
			'评委',
			'状态',
			'协商员',
			'评分项',
			'分值',
			'评语'
		]);
		expect(lines).toContainEqual([
			'1',
			'甲队 vs 乙队',
			'职工方',
			'甲队',
			'张评委',
			'已提交',
			'',
			'法律政策运用',
			16,
			'援引劳动合同法第四条'
		]);
		expect(lines).toContainEqual([
			'1',
			'甲队 vs 乙队',
			'职工方',
			'甲队',
			'张评委',
			'已提交',
			'职工1',
			'应变能力',
			7,
			'应对追问沉着'
		]);
	});

	it('[E6][S35] exports CSV with a BOM and an event file that the engine accepts', async () => {
		const csv = await get(`/events/${eventId}/judging/export/standings.csv`, organizer);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const ev = await (await get(`/events/${eventId}/judging/export/event.json`, organizer)).json();
		const { parseEventExport, computeEventStandings } =
			await import('../../src/lib/domain/scoring/index.ts');
		const parsed = parseEventExport(ev);
		expect(parsed.ok).toBe(true);
		if (parsed.ok)
			expect(
				computeEventStandings(parsed.event).pools.map((p) => p.teams[0]!.total.toFixed(2))
			).toEqual(['52.50', '50.40']);
		const labourSheet = ev.sheets.find(
			(s: { side: string; judgeId: string; status: string }) =>
				s.side === 'labour' && s.status === 'submitted'
		);
		expect(labourSheet.criterionComments).toEqual({ law_policy: '援引劳动合同法第四条' });
		expect(labourSheet.contestants[0].criterionComments).toEqual({ adaptability: '应对追问沉着' });
		const mgmt = ev.sheets.find(
			(s: { side: string; status: string }) => s.side === 'management' && s.status === 'submitted'
		);
		expect(mgmt.criterionComments).toEqual({ teamwork: '分工明确，配合默契' });

		const sheetsCsv = await get(`/events/${eventId}/judging/export/sheets.csv`, organizer);
		expect(sheetsCsv.status).toBe(200);
		const text = await sheetsCsv.text();
		expect(text.split('\r\n')).toContain(
			'1,甲队 vs 乙队,职工方,甲队,张评委,已提交,,法律政策运用,16,援引劳动合同法第四条'
		);
		expect(text.split('\r\n')).toContain(
			'1,甲队 vs 乙队,企业方,乙队,张评委,已提交,企业1,语言表达与仪态,6,语速适中'
		);
	});

	it('[E1] shows the organizer each sheet with its remarks on the judging page', async () => {
		const html = await (await get(`/events/${eventId}/judging`, organizer)).text();
		expect(html).toContain('data-testid="sheets-review"');
		expect(html).toContain('援引劳动合同法第四条');
		expect(html).toContain('语速适中');
	});
});

describe('rules lock on a started match, and conflicts on per-match judge seats', () => {
	let ev2: string;
	let m1: Match;
	let m2: Match;
	let m3: Match;

	beforeAll(async () => {
		const event = await createEvent(
			db,
			{
				name: '回避测试赛',
				kind: 'competition',
				scenarioId: 's1-qiantang-parts',
				membersPerSide: 3
			},
			orgId
		);
		ev2 = event.id;
		const added = [];
		for (const [name, affiliation] of [
			['A队', '甲大学'],
			['B队', '乙大学'],
			['C队', '丙大学'],
			['D队', '丁大学']
		])
			added.push(await addTeam(db, event.id, { name: name!, affiliation: affiliation! }));
		const [a, b, c, d] = added;
		m1 = await addMatch(db, event, 1, a!.id, b!.id);
		m2 = await addMatch(db, event, 1, c!.id, d!.id);
		m3 = await addMatch(db, event, 2, c!.id, b!.id);
	});

	it('[E2] locks the rules once a match leaves its initial phase, even before any sheet', async () => {
		expect(
			(
				await post(
					`/events/${ev2}/judging?/save`,
					organizer,
					rules({ weights: { rubric: 60, outcome: 40 } })
				)
			).status
		).toBe(200);
		// What the clock's start (or a first offer) does to a match (negotiation.ts).
		await setMatchStatus(db, m1.id, 'running');
		const res = await post(
			`/events/${ev2}/judging?/save`,
			organizer,
			rules({ weights: { rubric: 80, outcome: 20 } })
		);
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('评分规则已锁定（已有对阵开始协商）');
		expect(
			await rowOf(db, 'SELECT weight_rubric FROM judging_settings WHERE event_id = ?', ev2)
		).toEqual({ weight_rubric: 60 });
		await setMatchStatus(db, m1.id, 'scheduled');
	});

	it('[E4][Y13] flags a conflict as soon as a per-match judge seat gets a matching affiliation: on the dashboard and in the audit log', async () => {
		const judge = (await seatsOfMatch(db, m1.id)).find((s) => s.role === 'judge')!;
		expect(judge.affiliation).toBe('');
		const res = await post(`/events/${ev2}?/setAffiliation`, organizer, {
			seat: judge.id,
			affiliation: ' 乙大学'
		});
		expect(res.status).toBe(200);
		expect((await getSeat(db, judge.id))!.affiliation).toBe('乙大学');
		const flags = (await auditRows('judging.conflict.flag')).filter((d) => d.judge === judge.id);
		expect(flags).toEqual([
			expect.objectContaining({
				match: m1.id,
				teamName: 'B队',
				affiliation: '乙大学',
				isConfirmed: false
			})
		]);
		const dash = await (await get(`/events/${ev2}`, organizer)).text();
		expect(dash).toContain(`data-seat-conflict="${judge.id}"`);
		expect(dash).toContain('回避提示：与「B队」同属「乙大学」');
	});

	it('[E4] flags a conflict when a judge seat is added to a match with a matching affiliation', async () => {
		const res = await post(`/events/${ev2}?/addMatchJudge`, organizer, {
			match: m2.id,
			label: '评委三',
			affiliation: '丁大学'
		});
		expect(res.status).toBe(200);
		const added = (await seatsOfMatch(db, m2.id)).filter(
			(s) => s.role === 'judge' && s.affiliation === '丁大学'
		);
		expect(added).toHaveLength(1);
		expect(
			(await auditRows('judging.conflict.flag')).filter((d) => d.judge === added[0]!.id)
		).toEqual([expect.objectContaining({ match: m2.id, teamName: 'D队' })]);
	});

	it('[E4] reassigns a conflicted judge to another match of the same round, keeping seat and code; refuses another round', async () => {
		const judge = (await seatsOfMatch(db, m1.id)).find((s) => s.role === 'judge')!;
		const other = await post(`/events/${ev2}/judging?/reassign`, organizer, {
			judge: judge.id,
			target: m3.id
		});
		expect(other.status).toBe(400);
		expect(await other.text()).toContain('只能改派到同一轮中与该评委没有回避冲突的另一场对阵');
		expect((await getSeat(db, judge.id))!.matchId).toBe(m1.id);

		// A half-filled draft for the old match: it goes with the move, but into the audit log, not nowhere.
		await writeSheet(
			db,
			judge,
			m1.id,
			'labour',
			{
				teamScores: { preparation: 7 },
				contestants: [],
				comment: '草稿评语',
				criterionComments: {}
			},
			'draft'
		);
		const res = await post(`/events/${ev2}/judging?/reassign`, organizer, {
			judge: judge.id,
			target: m2.id
		});
		expect(res.status).toBe(200);
		expect(await getSheet(db, judge.id, m1.id, 'labour')).toBeNull();
		expect(await auditRows('judging.conflict.reassign')).toContainEqual(
			expect.objectContaining({
				droppedDrafts: [
					expect.objectContaining({
						side: 'labour',
						teamScores: { preparation: 7 },
						comment: '草稿评语'
					})
				]
			})
		);
		const moved = (await getSeat(db, judge.id))!;
		expect(moved.matchId).toBe(m2.id);
		expect(moved.code).toBe(judge.code);
		expect(moved.revokedAt).toBeNull();
		expect(await auditRows('judging.conflict.reassign')).toContainEqual(
			expect.objectContaining({ seat: judge.id, from: m1.id, to: m2.id })
		);
		const dash = await (await get(`/events/${ev2}`, organizer)).text();
		expect(dash).not.toContain(`data-seat-conflict="${judge.id}"`);
	});

	it('[E4] keeps revoking for a judge who should not sit at all', async () => {
		const judge = (await seatsOfMatch(db, m2.id)).find(
			(s) => s.role === 'judge' && s.affiliation === '丁大学'
		)!;
		const res = await post(`/events/${ev2}/judging?/revoke`, organizer, { judge: judge.id });
		expect(res.status).toBe(200);
		expect((await getSeat(db, judge.id))!.revokedAt).not.toBeNull();
	});
});

describe('outlier threshold (S34): an event setting the organizer may change after the rules lock', () => {
	let ev3: string;
	let m: Match;
	let judges: string[];
	let people: { labour: [string, number, number][]; management: [string, number, number][] };

	/**
	 * Two judges, so a sheet can stand apart from the panel (with one judge every deviation is 0).
	 *   labour:     judge A 61 + 14 = 75 (the sheet in the file header); judge B team 8 + 20 + 19 + 14 + 8 = 69,
	 *               same contestants 14 → 83; panel mean (75 + 83) / 2 = 79, deviations −4 and +4
	 *   management: judge A 72 (header); judge B team 7 + 14 + 16 + 15 + 8 = 60, + 13 → 73;
	 *               mean 72.5, deviations −0.5 and +0.5
	 * At the default 10 nothing is flagged; at 3 both labour sheets are (|±4| ≥ 3), management's are not (0.5 < 3).
	 */
	beforeAll(async () => {
		const event = await createEvent(
			db,
			{
				name: '偏离测试赛',
				kind: 'competition',
				scenarioId: 's1-qiantang-parts',
				membersPerSide: 3
			},
			orgId
		);
		ev3 = event.id;
		const l = await addTeam(db, event.id, { name: '丙队', affiliation: '丙大学' });
		const r = await addTeam(db, event.id, { name: '丁队', affiliation: '丁大学' });
		m = await addMatch(db, event, 1, l.id, r.id);
		await createSeat(db, ev3, m.id, 'judge', '评委乙', '');
		const seats = await seatsOfMatch(db, m.id);
		const lab = seats.filter((s) => s.role.startsWith('labour-')).slice(0, 2);
		const man = seats.filter((s) => s.role.startsWith('management-')).slice(0, 2);
		for (const [i, s] of lab.entries()) await markJoined(db, s.id, `丙${i + 1}`);
		for (const [i, s] of man.entries()) await markJoined(db, s.id, `丁${i + 1}`);
		people = {
			labour: [
				[lab[0]!.id, 7, 8],
				[lab[1]!.id, 6, 7]
			],
			management: [
				[man[0]!.id, 6, 6],
				[man[1]!.id, 7, 7]
			]
		};
		judges = [];
		for (const [i, j] of seats.filter((s) => s.role === 'judge').entries()) {
			const res = await get(`/join/${j.code}?name=${encodeURIComponent(`偏离评委${i + 1}`)}`);
			judges.push((res.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
		}
		expect(judges).toHaveLength(2);
		const [a, b] = judges as [string, string];
		for (const [cookie, side, team] of [
			[a, 'labour', [8, 16, 15, 14, 8]],
			[b, 'labour', [8, 20, 19, 14, 8]],
			[a, 'management', [7, 14, 16, 15, 7]],
			[b, 'management', [7, 14, 16, 15, 8]]
		] as const) {
			const res = await post(
				'/judge?/submit',
				cookie,
				sheet(side, [...team], people[side], { match: m.id })
			);
			expect(res.status).toBe(200);
		}
	});

	const flagged = (html: string) => [...html.matchAll(/data-outlier="yes"/g)].length;
	const threshold = async () =>
		(await rowOf(db, 'SELECT threshold FROM judging_outlier_thresholds WHERE event_id = ?', ev3))
			?.threshold;

	it('[S34][E2] flags by the threshold the organizer sets after the lock, refuses a bad value in Chinese, and audits old and new', async () => {
		const board = `/events/${ev3}/judging/scoreboard`;
		// The rules are locked: submitted sheets.
		expect(
			(
				await post(
					`/events/${ev3}/judging?/save`,
					organizer,
					rules({ weights: { rubric: 60, outcome: 40 } })
				)
			).status
		).toBe(409);
		const before = await (await get(board, organizer)).text();
		expect(before).toContain('偏离评委平均 10 分及以上的评分表标红');
		expect([flagged(before), [...before.matchAll(/data-outlier="no"/g)].length]).toEqual([0, 4]);

		const res = await post(`/events/${ev3}/judging?/outlier`, organizer, { threshold: '3' });
		expect(res.status).toBe(200);
		expect(await threshold()).toBe(3);
		const after = await (await get(board, organizer)).text();
		expect(after).toContain('偏离评委平均 3 分及以上的评分表标红');
		expect(flagged(after)).toBe(2);
		expect(after).toContain('+4.00');
		const ev = await (await get(`/events/${ev3}/judging/export/event.json`, organizer)).json();
		expect(ev.outlierThreshold).toBe(3);

		for (const bad of ['0', 'abc', '3.25', '100.5']) {
			const r = await post(`/events/${ev3}/judging?/outlier`, organizer, { threshold: bad });
			expect(r.status, bad).toBe(400);
			expect(await r.text()).toContain('标红阈值须大于 0、不超过 100，且为 0.5 的整数倍');
		}
		for (const cookie of [stranger, judges[0]!]) {
			expect(
				(await post(`/events/${ev3}/judging?/outlier`, cookie, { threshold: '20' })).status
			).toBe(404);
		}
		expect(await threshold()).toBe(3);
		expect(await auditRows('judging.outlier')).toEqual([{ old: 10, new: 3 }]);
		// The rules themselves stayed as published (the defaults: nothing was ever saved).
		expect(
			await rowOf(db, 'SELECT COUNT(*) AS n FROM judging_settings WHERE event_id = ?', ev3)
		).toEqual({ n: 0 });
	});
});

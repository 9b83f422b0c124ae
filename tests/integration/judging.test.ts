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
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { addMatch, addTeam, createEvent, createSeat, markJoined, seatsOfMatch, type Match } from '../../src/lib/server/events.ts';
import { startServerProcess, tempDbPath, type ServerProcess } from './harness.ts';

let server: ServerProcess;
let db: Db;
let organizer: string;
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
		headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString()
	});
}
const get = (path: string, cookie = '') => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

/** The sheet's form fields: team criteria, then (adaptability, expression) per contestant. */
function sheet(side: 'labour' | 'management', team: number[], people: [string, number, number][], extra: Record<string, string> = {}) {
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

beforeAll(async () => {
	const path = tempDbPath();
	server = await startServerProcess({ DATABASE_PATH: path });
	db = openDatabase(path);
	const org = await createUser(db, { login: 'org', displayName: '组织者', password: 'correct horse battery' });
	organizer = cookieOf(createSession(db, { userId: org.id, displayName: org.displayName }).token);
	const other = await createUser(db, { login: 'other', displayName: '别人', password: 'correct horse battery' });
	stranger = cookieOf(createSession(db, { userId: other.id, displayName: other.displayName }).token);
	const event = createEvent(db, { name: '评分测试赛', kind: 'competition', scenarioId: 's1-qiantang-parts', membersPerSide: 3 }, org.id);
	eventId = event.id;
	const l = addTeam(db, event.id, { name: '甲队', affiliation: '甲大学' });
	const m = addTeam(db, event.id, { name: '乙队', affiliation: '乙大学' });
	match = addMatch(db, event, 1, l.id, m.id);
	const seats = seatsOfMatch(db, match.id);
	const labour = seats.filter((s) => s.role.startsWith('labour-')).slice(0, 2);
	const management = seats.filter((s) => s.role.startsWith('management-')).slice(0, 2);
	labour.forEach((s, i) => markJoined(db, s.id, (names[s.id] = `职工${i + 1}`)));
	management.forEach((s, i) => markJoined(db, s.id, (names[s.id] = `企业${i + 1}`)));
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
	db?.close();
	await server?.kill();
});

describe('judging', () => {
	it('shows the judge the sheet of the match they sit on', async () => {
		const res = await get('/judge', judgeCookie);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('法律政策运用');
		expect(html).toContain('职工1');
	});

	it('refuses an out-of-range score with a 4xx and says why beside the field', async () => {
		const res = await post('/judge?/submit', judgeCookie, sheet('labour', [11, 16, 15, 14, 8], labourPeople));
		const html = await res.text();
		expect(res.status).toBe(400);
		expect(html).toContain('分值须在 0–10 之间');
		expect(db.prepare('SELECT COUNT(*) AS n FROM score_sheets').get()).toEqual({ n: 0 });
	});

	it('refuses an off-step score (S3)', async () => {
		const res = await post('/judge?/submit', judgeCookie, sheet('labour', [8, 16.25, 15, 14, 8], labourPeople));
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('分值须为 0.5 的整数倍');
	});

	it('saves a half-filled draft, then accepts the full sheet on submit', async () => {
		const draft = await post('/judge?/save', judgeCookie, sheet('labour', [8, 16], []));
		expect(draft.status).toBe(200);
		expect(db.prepare('SELECT status FROM score_sheets').get()).toEqual({ status: 'draft' });
		for (const [side, team, people] of [
			['labour', [8, 16, 15, 14, 8], labourPeople],
			['management', [7, 14, 16, 15, 7], managementPeople]
		] as const) {
			const res = await post('/judge?/submit', judgeCookie, sheet(side, [...team], [...people]));
			expect(res.status).toBe(200);
		}
		expect(db.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE status = 'submitted'").get()).toEqual({ n: 2 });
	});

	it('refuses a change to a submitted sheet without a reason, and audits it with old and new values with one', async () => {
		const changed = sheet('management', [7, 14, 16, 15, 8], managementPeople);
		const refused = await post('/judge?/submit', judgeCookie, changed);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('修改已提交的评分须填写理由');

		const ok = await post('/judge?/submit', judgeCookie, { ...changed, reason: '团队配合笔误' });
		expect(ok.status).toBe(200);
		const row = db.prepare<[], { detail: string; actor: string }>("SELECT detail, actor FROM audit_log WHERE action = 'score.change'").get();
		const detail = JSON.parse(row!.detail) as { reason: string; old: { teamScores: Record<string, number> }; new: { teamScores: Record<string, number> } };
		expect(detail.reason).toBe('团队配合笔误');
		expect(detail.old.teamScores.teamwork).toBe(7);
		expect(detail.new.teamScores.teamwork).toBe(8);
		expect(row!.actor).toMatch(/^seat:/);
		// Back to 7 so the figures below stay as computed in the header.
		const back = await post('/judge?/submit', judgeCookie, { ...sheet('management', [7, 14, 16, 15, 7], managementPeople), reason: '改回' });
		expect(back.status).toBe(200);
	});

	it('blocks a judge who shares a team\'s affiliation until the organizer confirms, and audits the confirmation', async () => {
		// An event-wide judge from 甲大学 (written differently) judges 甲队's match: a conflict.
		const wide = createSeat(db, eventId, null, 'judge', '评委二', ' 甲 大学 ');
		const res = await get(`/join/${wide.code}?name=${encodeURIComponent('钱评委')}`);
		const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const page = await (await get('/judge', cookie)).text();
		expect(page).toContain('回避提示');
		const blocked = await post('/judge?/submit', cookie, sheet('management', [7, 14, 16, 15, 7], managementPeople));
		expect(blocked.status).toBe(403);
		expect(await blocked.text()).toContain('存在未确认的回避冲突');
		const teamId = match.labourTeamId!;
		const confirm = await post(`/events/${eventId}/judging?/confirm`, organizer, { match: match.id, judge: wide.id, team: teamId });
		expect(confirm.status).toBe(200);
		expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'judging.conflict.confirm'").get()).toEqual({ n: 1 });
		// Confirmed: the draft may now be saved and submitted (a draft keeps this test's figures unchanged).
		const draft = await post('/judge?/save', cookie, sheet('management', [7, 14], []));
		expect(draft.status).toBe(200);
	});

	it('keeps the scoreboard and exports from anyone but the organizer (404)', async () => {
		const board = `/events/${eventId}/judging/scoreboard`;
		expect((await get(board)).status).toBe(404);
		expect((await get(board, stranger)).status).toBe(404);
		expect((await get(board, judgeCookie)).status).toBe(404);
		expect((await get(`/events/${eventId}/judging/export/standings.xlsx`, judgeCookie)).status).toBe(404);
		expect((await get(`/events/${eventId}/judging`, stranger)).status).toBe(404);
		const res = await get(board, organizer);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('52.50');
	});

	it('serves the public results only after release, with the frozen numbers', async () => {
		expect((await get(`/results/${eventId}`)).status).toBe(404);
		const rel = await post(`/events/${eventId}/judging/scoreboard?/release`, organizer, {});
		expect(rel.status).toBe(200);
		const pub = await get(`/results/${eventId}`);
		expect(pub.status).toBe(200);
		const html = await pub.text();
		expect(html).toContain('52.50');
		expect(html).toContain('50.40');
		expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'results.release'").get()).toEqual({ n: 1 });

		// A correction after release changes the live board, never the released figures.
		const fix = await post('/judge?/submit', judgeCookie, { ...sheet('labour', [8, 20, 15, 14, 8], labourPeople), reason: '复核' });
		expect(fix.status).toBe(200);
		const again = await (await get(`/results/${eventId}`)).text();
		expect(again).toContain('52.50');
		expect(again).not.toContain('55.30');
	});

	it('exports an XLSX that opens with exceljs and holds the ranks', async () => {
		const res = await get(`/events/${eventId}/judging/export/standings.xlsx`, organizer);
		expect(res.status).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.getWorksheet('团体排名')!;
		const rows = [2, 3].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
		expect(rows).toContainEqual(['职工方', 1, '甲队', 75, 75, 0, 52.5, 52.5, 1, '', '三等奖']);
		expect(rows).toContainEqual(['企业方', 1, '乙队', 72, 72, 0, 50.4, 50.4, 1, '', '三等奖']);
	});

	it('exports CSV with a BOM and an event file that the engine accepts', async () => {
		const csv = await get(`/events/${eventId}/judging/export/standings.csv`, organizer);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const ev = await (await get(`/events/${eventId}/judging/export/event.json`, organizer)).json();
		const { parseEventExport, computeEventStandings } = await import('../../src/lib/domain/scoring/index.ts');
		const parsed = parseEventExport(ev);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(computeEventStandings(parsed.event).pools.map((p) => p.teams[0]!.total.toFixed(2))).toEqual(['52.50', '50.40']);
	});
});

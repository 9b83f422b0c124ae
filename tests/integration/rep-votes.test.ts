/**
 * Representatives' votes against the real server: the labour chief opens a three-clause vote,
 * the labour representatives answer from their seats, the other side can neither vote nor see
 * anything, a second answer is refused, concurrent answers are all counted, and closing decides
 * the outcome by the rule chosen at opening and writes it to the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	markJoined,
	seatsOfMatch
} from '../../src/lib/server/events/events.ts';
import { getSettings, saveSettings } from '../../src/lib/server/judging/judging.ts';
import {
	startServerProcess,
	type ServerProcess,
	testDatabase,
	type TestDatabase,
	rowOf,
	rowsOf
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let matchId = '';
let org = '';
/** Session cookies: the labour chief, the nine labour members, the management chief and a member. */
let labourChief = '';
let members: string[] = [];
let mgmtChief = '';
let mgmtMember = '';
let judge = '';
let eventId = '';

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	const user = await createUser(db, {
		login: 'vote-org',
		displayName: '表决组织者',
		password: 'password-v-123'
	});
	org = `xs_session=${(await createSession(db, { userId: user.id })).token}`;
	// Ten representatives a side: 10 voters make concurrency and the thresholds meaningful.
	const event = await createEvent(
		db,
		{ name: '表决', kind: 'training', scenarioId: 's1-qiantang-parts', membersPerSide: 10 },
		user.id
	);
	eventId = event.id;
	const a = (await addTeam(db, event.id, { name: '甲' })).id;
	const b = (await addTeam(db, event.id, { name: '乙' })).id;
	matchId = (await addMatch(db, event, 1, a, b)).id;
	const cookie = async (seatId: string, name: string) => {
		await markJoined(db, seatId, name);
		return `xs_session=${(await createSession(db, { seatId, displayName: name })).token}`;
	};
	const seats = await seatsOfMatch(db, matchId);
	labourChief = await cookie(seats.find((s) => s.role === 'labour-chief')!.id, '王首席');
	members = await Promise.all(
		seats.filter((s) => s.role === 'labour-member').map((s, i) => cookie(s.id, `工人${i + 2}`))
	);
	mgmtChief = await cookie(seats.find((s) => s.role === 'management-chief')!.id, '李经理');
	mgmtMember = await cookie(seats.find((s) => s.role === 'management-member')!.id, '企业代表');
	judge = await cookie(seats.find((s) => s.role === 'judge')!.id, '评委');
});

afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

async function act(
	path: string,
	action: string,
	fields: Record<string, string>,
	cookie: string
): Promise<{ status: number; location: string | null; body: string }> {
	const res = await fetch(`${server.url}/match/${matchId}/votes${path}?/${action}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			accept: 'text/html',
			cookie
		},
		body: new URLSearchParams(fields).toString()
	});
	return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}
const state = async (voteId: string, cookie: string) => {
	const res = await fetch(`${server.url}/api/match/${matchId}/votes/${voteId}`, {
		headers: { cookie }
	});
	return {
		status: res.status,
		json: res.ok
			? ((await res.json()) as {
					closedAt: number | null;
					mine: Record<string, string>;
					tally: {
						outcome: { itemId: string; counts: Record<string, number>; adopted: string | null }[];
						missing: { label: string }[];
						ballots: number;
					} | null;
					outcome: { itemId: string; adopted: string | null; reason: string }[] | null;
				})
			: null
	};
};

let voteId = '';

describe('representatives’ votes', () => {
	it('[E40][Q1] the labour chief opens a three-clause vote; a bad list is refused with its reason and what was typed', async () => {
		const bad = await act(
			'',
			'open',
			{
				title: '三项条款',
				rule: 'majority-all',
				options: '同意/反对',
				items: '高温补贴：只有一项'
			},
			labourChief
		);
		expect(bad.status).toBe(400);
		expect(bad.body).toContain('第 1 项：每项至少两个选项');
		expect(bad.body).toContain('高温补贴：只有一项');
		const ok = await act(
			'',
			'open',
			{
				title: '三项条款',
				rule: 'majority-all',
				options: '同意/反对',
				items: '高温补贴\n配送费：每单+0.8/每单+0.5/维持\n工时'
			},
			labourChief
		);
		expect(ok.status).toBe(303);
		voteId = ok.location!.split('/').at(-1)!;
		expect(ok.location).toBe(`/match/${matchId}/votes/${voteId}`);
		// The management chief may open votes only for management, never labour's.
		const mine = await act(
			'',
			'open',
			{
				title: '企业方',
				rule: 'majority-cast',
				options: '同意/反对',
				items: '甲\n乙',
				side: 'labour'
			},
			mgmtChief
		);
		expect(mine.status).toBe(303);
		const row = (await rowOf(
			db,
			'SELECT side FROM rep_votes WHERE id = ?',
			mine.location!.split('/').at(-1)
		))!;
		expect(row.side).toBe('management');
		// A member cannot open one.
		expect((await act('', 'open', { title: 'x', items: '甲\n乙' }, members[0]!)).status).toBe(403);
	});

	it('[E41] the other side, a judge and a visitor can neither see the vote nor vote in it', async () => {
		for (const c of [mgmtChief, mgmtMember, judge, '']) {
			expect((await state(voteId, c)).status).toBe(404);
			const page = await fetch(`${server.url}/match/${matchId}/votes/${voteId}`, {
				headers: { cookie: c }
			});
			expect(page.status).toBe(404);
			expect((await act(`/${voteId}`, 'ballot', { q1: 'o1' }, c)).status).toBe(404);
			expect((await act(`/${voteId}`, 'close', {}, c)).status).toBe(404);
		}
		const list = await (
			await fetch(`${server.url}/match/${matchId}/votes`, { headers: { cookie: mgmtChief } })
		).text();
		expect(list).not.toContain('三项条款');
		expect(list).toContain('企业方');
		// The organizer sees both sides' votes.
		const both = await (
			await fetch(`${server.url}/match/${matchId}/votes`, { headers: { cookie: org } })
		).text();
		expect(both).toContain('三项条款');
		expect(both).toContain('企业方');
		expect(Number((await rowOf(db, 'SELECT COUNT(*) AS n FROM rep_ballots'))!.n)).toBe(0);
	});

	it('[E42][Q6] a representative answers each item once: a second answer is refused, also when sent twice at once', async () => {
		expect((await act(`/${voteId}`, 'ballot', { q1: 'o1' }, members[0]!)).status).toBe(200);
		const again = await act(`/${voteId}`, 'ballot', { q1: 'o2', q2: 'o1' }, members[0]!);
		expect(again.status).toBe(409);
		expect(again.body).toContain('您已对「高温补贴」投过票，每项只能投一次');
		// Nothing of the refused ballot was stored: q2 is still open for this member.
		expect((await state(voteId, members[0]!)).json!.mine).toEqual({ q1: 'o1' });
		// An unknown option is refused and stores nothing.
		expect((await act(`/${voteId}`, 'ballot', { q2: 'o9' }, members[1]!)).status).toBe(400);
		// The same ballot twice at once (a double tap): exactly one is stored.
		const twice = await Promise.all([
			act(`/${voteId}`, 'ballot', { q2: 'o1', q3: 'o1' }, members[1]!),
			act(`/${voteId}`, 'ballot', { q2: 'o1', q3: 'o1' }, members[1]!)
		]);
		expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
		// A representative sees only their own answers, never the tally.
		expect((await state(voteId, members[1]!)).json!.tally).toBeNull();
	});

	it('[E42][E43] concurrent ballots of every representative are all counted, and the chief sees who is missing', async () => {
		// members[0] still owes q2, q3; members[1] owes q1; members[2..8] and the chief owe all three.
		const posts = [
			act(`/${voteId}`, 'ballot', { q2: 'o1', q3: 'o1' }, members[0]!),
			act(`/${voteId}`, 'ballot', { q1: 'o1' }, members[1]!),
			...members
				.slice(2, 8)
				.map((c) => act(`/${voteId}`, 'ballot', { q1: 'o1', q2: 'o2', q3: 'o2' }, c)),
			act(`/${voteId}`, 'ballot', { q1: 'o2', q2: 'o1', q3: 'abstain' }, labourChief)
		];
		expect((await Promise.all(posts)).map((r) => r.status)).toEqual(Array(9).fill(200));
		const s = (await state(voteId, labourChief)).json!;
		// 9 of 10 voters answered all three items: 27 ballots. members[8] (代表10) has not voted.
		expect(s.tally!.ballots).toBe(27);
		expect(s.tally!.missing.map((v) => v.label)).toEqual(['工人10（代表 10）']);
		// q1: o1 = members 0,1 + six = 8, o2 = chief 1. q2: o1 = members 0,1 + chief = 3, o2 = 6.
		// q3: o1 = 2, o2 = 6, abstain 1.
		expect(s.tally!.outcome.map((o) => o.counts)).toEqual([
			{ o1: 8, o2: 1, abstain: 0 },
			{ o1: 3, o2: 6, o3: 0, abstain: 0 },
			{ o1: 2, o2: 6, abstain: 1 }
		]);
	});

	it('[E44][Q2][Q4] closing decides by more than half of ALL ten, is audited, and refuses later ballots', async () => {
		expect((await act(`/${voteId}`, 'close', {}, members[0]!)).status).toBe(403);
		expect((await act(`/${voteId}`, 'close', {}, labourChief)).status).toBe(200);
		const s = (await state(voteId, members[3]!)).json!;
		expect(s.closedAt).not.toBeNull();
		// Ten representatives: ⌊10/2⌋ + 1 = 6 needed. q1 o1 has 8 → adopted; q2 o2 has 6 → adopted;
		// q3 o2 has 6 → adopted (the abstention does not lower the base "all").
		expect(s.outcome!.map((o) => o.adopted)).toEqual(['o1', 'o2', 'o2']);
		expect(s.outcome![1]!.reason).toBe(
			'「每单+0.5」得 6 票，超过全体代表 10 人的半数（至少 6 票），通过。'
		);
		expect((await act(`/${voteId}`, 'ballot', { q1: 'o1' }, members[8]!)).status).toBe(409);
		expect((await act(`/${voteId}`, 'close', {}, labourChief)).status).toBe(409);
		const audit = await rowsOf<{ detail: string }>(
			db,
			"SELECT detail FROM audit_log WHERE action = 'vote.close'"
		);
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0]!.detail).reason).toBe(
			'「高温补贴」：「同意」通过；「配送费」：「每单+0.5」通过；「工时」：「反对」通过'
		);
	});

	it('[E47] a competition requires procedure steps; the judge’s sheet shows whether the match did them, beside the criterion that names one', async () => {
		const post = (fields: [string, string][]) =>
			fetch(`${server.url}/events/${eventId}/judging?/procedureSteps`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.url,
					accept: 'text/html',
					cookie: org
				},
				body: new URLSearchParams(fields).toString()
			});
		expect((await post([['step', 'nonsense']])).status).toBe(400);
		expect(
			(
				await post([
					['step', 'ratification'],
					['step', 'rep-vote']
				])
			).status
		).toBe(200);
		// A rubric criterion may name the step it judges.
		const s = await getSettings(db, eventId);
		const [first, ...rest] = s.rubric.criteria;
		await saveSettings(db, eventId, {
			rubric: { ...s.rubric, criteria: [{ ...first!, procedureStep: 'ratification' }, ...rest] },
			method: s.method,
			weights: s.weights,
			noAgreement: s.noAgreement,
			tieBreak: s.tieBreak,
			prizes: s.prizes,
			individualAwards: s.individualAwards,
			ranking: s.ranking
		});
		const html = await (await fetch(`${server.url}/judge`, { headers: { cookie: judge } })).text();
		// The labour vote was closed above; no ratification has passed.
		expect(html).toContain('data-testid="required-steps"');
		expect(html).toContain('职工方代表表决：已完成');
		expect(html).toContain('职代会审议通过：未完成');
		expect(html).toMatch(
			new RegExp(`data-criterion="${first!.id}"[\\s\\S]*?data-step="ratification"`)
		);
	});

	it('[E45][E41] the replay lists the side’s closed votes with their outcome, to that side only', async () => {
		const clock = (type: string) =>
			fetch(`${server.url}/api/match/${matchId}/clock`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: org, origin: server.url },
				body: JSON.stringify({ type })
			});
		expect((await clock('start')).status).toBe(200);
		expect((await clock('end')).status).toBe(200);
		const replay = async (cookie: string) =>
			(await (
				await fetch(`${server.url}/api/match/${matchId}/replay`, { headers: { cookie } })
			).json()) as { votes: { title: string; summary: string }[] };
		const labour = await replay(members[4]!);
		expect(labour.votes.map((v) => v.title)).toEqual(['三项条款']);
		expect(labour.votes[0]!.summary).toContain('「配送费」：「每单+0.5」通过');
		// Management's own vote was never closed, and labour's is not theirs to see.
		expect((await replay(mgmtChief)).votes).toEqual([]);
	});
});

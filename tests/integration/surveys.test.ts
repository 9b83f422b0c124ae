/**
 * Surveys against the real server (survey/SPEC.md V1, V2): hundreds of answers arriving at once are
 * all counted, a code or a phone answers once, a closed survey refuses answers with a clear page,
 * and bodies that fail the survey's schema are refused without being stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { getScenario } from '../../src/lib/server/scenarios.ts';
import {
	addInvites,
	countResponses,
	createSurvey,
	getSurvey,
	responsesOf,
	setStatus,
	updateQuestions,
	type Survey
} from '../../src/lib/server/voice/surveys.ts';
import { aggregateSurvey, buildQuestions } from '../../src/lib/domain/survey/index.ts';
import {
	startServerProcess,
	type ServerProcess,
	testDatabase,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let survey: Survey;
let owner = '';
let codes: string[] = [];
const scenario = getScenario('s2-qianhu-food-delivery')!;
const N = 500;

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	const user = await createUser(db, {
		login: 'survey-org',
		displayName: '问卷组织者',
		password: 'password-s-123'
	});
	owner = `xs_session=${(await createSession(db, { userId: user.id })).token}`;
	survey = await createSurvey(
		db,
		user.id,
		{ title: '骑手诉求', scenarioId: scenario.id, mode: 'code' },
		scenario.terms
	);
	await updateQuestions(
		db,
		survey.id,
		buildQuestions(
			{
				weightTerms: ['upliftPerOrder', 'hourlyGuarantee'],
				number: {
					prompt: '每小时至少需要多少钱？',
					termId: 'hourlyGuarantee',
					unit: '元/小时',
					min: 0,
					max: 100
				},
				segment: { prompt: '您是？', options: ['专送', '众包'] },
				comment: '其他意见'
			},
			scenario.terms
		)
	);
	codes = await addInvites(db, survey.id, N + 2);
}, 60_000);

afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const answer = (i: number): Record<string, string> => ({
	segment: i % 2 === 0 ? '专送' : '众包',
	'weights.upliftPerOrder': String(i % 6),
	'weights.hourlyGuarantee': '5',
	number: String(20 + (i % 10)),
	comment: i % 100 === 0 ? `意见${i}` : ''
});

async function post(
	code: string,
	fields: Record<string, string>,
	cookie = ''
): Promise<{ status: number; body: string }> {
	const res = await fetch(`${server.url}/s/${code}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			accept: 'text/html',
			...(cookie ? { cookie } : {})
		},
		body: form(fields)
	});
	return { status: res.status, body: await res.text() };
}

describe('survey answers', () => {
	it('[E8] a draft survey takes no answers', async () => {
		const r = await post(codes[N]!, answer(0));
		expect(r.status).toBe(403);
		expect(r.body).toContain('还没有开始收集');
		expect(await countResponses(db, survey.id)).toBe(0);
	});

	it(`[E8][V4] ${N} concurrent answers, each on its own code, are all counted`, async () => {
		await setStatus(db, survey.id, 'open');
		const results = await Promise.all(codes.slice(0, N).map((c, i) => post(c, answer(i))));
		expect(results.filter((r) => r.status === 303)).toHaveLength(N);
		expect(await countResponses(db, survey.id)).toBe(N);
		const agg = aggregateSurvey(
			(await getSurvey(db, survey.id))!.questions,
			await responsesOf(db, survey.id)
		);
		// i even → 专送 (250), odd → 众包 (250); a comment every 100th answer (0, 100, …, 400: 5).
		expect(agg.segments.map((s) => s.results.responses)).toEqual([250, 250]);
		const comments = agg.questions.find((q) => q.kind === 'comment');
		expect(comments?.kind === 'comment' && comments.comments).toHaveLength(5);
	}, 120_000);

	it('[V2][E8] duplicates are refused by code with a clear page, and nothing more is stored', async () => {
		const again = await Promise.all(codes.slice(0, 10).map((c) => post(c, answer(1))));
		expect(again.map((r) => r.status)).toEqual(Array(10).fill(409));
		expect(again[0]!.body).toContain('这个邀请码已经答过了');
		// The same unused code posted twice at once: exactly one answer is stored.
		const race = await Promise.all([post(codes[N]!, answer(2)), post(codes[N]!, answer(3))]);
		expect(race.map((r) => r.status).sort()).toEqual([303, 409]);
		expect(await countResponses(db, survey.id)).toBe(N + 1);
		// Stored answers carry no code (V2).
		expect(JSON.stringify(await responsesOf(db, survey.id))).not.toContain(codes[0]!);
	});

	it('[V1] a body that fails the survey schema is refused, with the reason in Chinese', async () => {
		const bad = await post(codes[N + 1]!, { ...answer(4), 'weights.upliftPerOrder': '9' });
		expect(bad.status).toBe(400);
		const missing = await post(codes[N + 1]!, { segment: '专送' });
		expect(missing.status).toBe(400);
		expect(missing.body).toContain('请为');
		expect(await countResponses(db, survey.id)).toBe(N + 1);
	});

	it('[E8] a closed survey refuses answers with a clear page', async () => {
		await setStatus(db, survey.id, 'closed');
		const r = await post(codes[N + 1]!, answer(5));
		expect(r.status).toBe(403);
		expect(r.body).toContain('已经关闭');
		const page = await (await fetch(`${server.url}/s/${codes[N + 1]}`)).text();
		expect(page).toContain('已经关闭');
		expect(await countResponses(db, survey.id)).toBe(N + 1);
	});

	it('[E8] per device: the cookie the page sets answers once; an unknown code is a 404', async () => {
		const dev = await createSurvey(
			db,
			survey.ownerUserId,
			{ title: '设备问卷', scenarioId: scenario.id, mode: 'device' },
			scenario.terms
		);
		await setStatus(db, dev.id, 'open');
		const weights = Object.fromEntries(
			dev.questions.flatMap((q) =>
				q.kind === 'weights' ? q.terms.map((t) => [`weights.${t.termId}`, '3']) : []
			)
		);
		const first = await fetch(`${server.url}/s/${dev.publicCode}`);
		await first.text();
		const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect(cookie).toMatch(/^xs_device=/);
		expect((await post(dev.publicCode, weights, cookie)).status).toBe(303);
		const second = await post(dev.publicCode, weights, cookie);
		expect(second.status).toBe(409);
		expect(second.body).toContain('这部手机已经答过');
		expect(await countResponses(db, dev.id)).toBe(1);
		expect((await fetch(`${server.url}/s/zzzzzzzz`)).status).toBe(404);
	});

	it("[E8] the results are the organizer's alone", async () => {
		const mine = await fetch(`${server.url}/surveys/${survey.id}/results.json`, {
			headers: { cookie: owner }
		});
		expect(mine.status).toBe(200);
		expect(((await mine.json()) as { results: { responses: number } }).results.responses).toBe(
			N + 1
		);
		expect((await fetch(`${server.url}/surveys/${survey.id}/results.json`)).status).toBe(404);
		expect((await fetch(`${server.url}/surveys/${survey.id}`)).status).toBe(404);
	});
});

/**
 * The procedure tracker against the real server: who may open it (the organizer and the match's
 * chiefs, nobody else), deadlines from the entered dates and the case's jurisdiction (procedure/
 * SPEC.md T4, T5), ratification votes decided by the national rule (R1) and audited, and minutes
 * that can only be appended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import {
	seatCookies,
	startServerProcess,
	type ServerProcess,
	seedMatch,
	testDatabase,
	rowOf,
	rowsOf,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let matchId = '';
let org = '';
let seats: Record<'labour-chief' | 'management-chief' | 'labour-member', string>;

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	const user = await createUser(db, {
		login: 'proc-org',
		displayName: '程序组织者',
		password: 'password-p-123'
	});
	org = `xs_session=${(await createSession(db, { userId: user.id })).token}`;
	const seeded = await seedMatch(db, {
		name: '程序',
		kind: 'training',
		organizerId: user.id,
		teams: ['甲', '乙']
	});
	matchId = seeded.matchId;
	seats = await seatCookies(db, matchId, [
		'labour-chief',
		'management-chief',
		'labour-member'
	] as const);
});

afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

const page = (cookie: string) =>
	fetch(`${server.url}/match/${matchId}/procedure`, { headers: { cookie } });
async function post(
	action: string,
	fields: Record<string, string>,
	cookie = org
): Promise<{ status: number; body: string }> {
	const res = await fetch(`${server.url}/match/${matchId}/procedure?/${action}`, {
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
	return { status: res.status, body: await res.text() };
}

describe('procedure tracker', () => {
	it("[E7] opens for the organizer and the match's chiefs only", async () => {
		expect((await page(org)).status).toBe(200);
		expect((await page(seats['labour-chief'])).status).toBe(200);
		expect((await page(seats['management-chief'])).status).toBe(200);
		expect((await page(seats['labour-member'])).status).toBe(404);
		expect((await page('')).status).toBe(404);
		expect(
			(
				await post(
					'ratify',
					{ delegates: '10', present: '10', yes: '10', rule: 'national' },
					seats['labour-member']
				)
			).status
		).toBe(404);
	});

	it('[T4][T5] computes filing and review from the dates entered, with Zhejiang reply and congress periods', async () => {
		const r = await post('dates', {
			offerDate: '2026-09-01',
			repliedDate: '',
			signedDate: '2026-09-22',
			filedDate: '2026-10-09'
		});
		expect(r.status).toBe(200);
		const html = await (await page(org)).text();
		// Zhejiang (s1): reply within 10 working days of 09-01 (Tue): 09-02…09-04 (3), 09-07…09-11
		// (8), 09-14 (9), 09-15 (10). Congress within 15 working days of 09-22: 09-23, 09-24, 09-28…09-30
		// (09-25…09-27 Mid-Autumn), 10-08, 10-09 (10-01…10-07 National Day), 10-10 (make-up
		// Saturday), 10-12…10-16, 10-19, 10-20 → 10-20. Filing: 10 days → 10-02, a holiday, so
		// 10-08. Review: filed 10-09 + 15 = 10-24 (Sat) → 10-26 (Mon).
		expect(html).toMatch(/data-testid="due-reply">2026-09-15</);
		expect(html).toMatch(/data-testid="due-congress">2026-10-20</);
		expect(html).toMatch(/data-testid="due-filing">2026-10-08</);
		expect(html).toMatch(/data-testid="due-review">2026-10-26</);
		expect(
			(
				await post('dates', {
					offerDate: '2026-09-01',
					filedDate: '2026-09-01',
					signedDate: '2026-09-22'
				})
			).status
		).toBe(400);
		expect((await post('dates', { offerDate: '2026-02-30' })).status).toBe(400);
	});

	it('[R1] a vote that fails says why, is recorded with who entered it, and a second one passes', async () => {
		// 120 of 180 present = exactly 2/3: quorate. 90 yes is not MORE than half of 180.
		const failed = await post(
			'ratify',
			{ delegates: '180', present: '120', yes: '90', no: '20', abstain: '10', rule: 'national' },
			seats['labour-chief']
		);
		expect(failed.status).toBe(200);
		expect(failed.body).toContain(
			'同意 90 票，未超过全体代表 180 人的半数（至少需 91 票），未通过'
		);
		const passed = await post('ratify', {
			delegates: '180',
			present: '130',
			yes: '91',
			no: '30',
			abstain: '9',
			rule: 'national'
		});
		expect(passed.body).toContain('通过');
		const rows = (await rowsOf(db, 'SELECT passed, actor FROM ratifications ORDER BY id')) as {
			passed: number;
			actor: string;
		}[];
		expect(rows.map((r) => r.passed)).toEqual([0, 1]);
		expect(rows[0]!.actor).toMatch(/^seat:/);
		expect(rows[1]!.actor).toMatch(/^user:/);
		const audited = (await rowOf(
			db,
			"SELECT COUNT(*) AS n FROM audit_log WHERE action = 'procedure.ratification'"
		)) as { n: number };
		expect(audited.n).toBe(2);
		// More votes than present is refused (R3), and nothing is recorded.
		expect(
			(await post('ratify', { delegates: '10', present: '5', yes: '6', rule: 'national' })).status
		).toBe(400);
		expect(((await rowOf(db, 'SELECT COUNT(*) AS n FROM ratifications')) as { n: number }).n).toBe(
			2
		);
	});

	it('[E7] minutes keep the recorder and cannot be changed', async () => {
		expect(
			(
				await post('minute', {
					meetingDate: '2026-09-15',
					recorder: '王记录',
					body: '第一次协商会议：双方交换方案。'
				})
			).status
		).toBe(200);
		expect(
			(await post('minute', { meetingDate: '2026-09-15', recorder: '', body: 'x' })).status
		).toBe(400);
		const html = await (await page(seats['management-chief'])).text();
		expect(html).toContain('王记录');
		await expect(rowsOf(db, "UPDATE procedure_minutes SET body = 'changed'")).rejects.toThrow(
			/append-only/
		);
	});
});

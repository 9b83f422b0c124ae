/**
 * A failed ratification sends the signed agreement back to the table (server/SPEC.md E46): the
 * agreement and signatures go, the reason is kept and audited and shown at the table, the table
 * takes edits again, and after the chiefs sign again a second ratification passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { readValues, setTermValue } from '../../src/lib/collab/table-doc.ts';
import {
	connectClient,
	postMatchAct,
	seatCookies,
	S1_TERMS,
	seedMatch,
	startServerProcess,
	synced,
	until,
	type Client,
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
let seats: Record<'labour-chief' | 'labour-member' | 'management-chief', string>;
const clients: Client[] = [];

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0', ROOM_UNLOAD_MS: '600000' });
	db = testDb.db;
	const user = await createUser(db, {
		login: 'reopen-org',
		displayName: '审议组织者',
		password: 'password-r-123'
	});
	org = `xs_session=${(await createSession(db, { userId: user.id })).token}`;
	matchId = (
		await seedMatch(db, {
			name: '审议',
			kind: 'training',
			organizerId: user.id,
			teams: ['甲', '乙']
		})
	).matchId;
	seats = await seatCookies(db, matchId, [
		'labour-chief',
		'labour-member',
		'management-chief'
	] as const);
});

afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

const act = (path: string, cookie: string, body: unknown = {}) =>
	postMatchAct(server, matchId, path, cookie, body);
/** A workers' congress of 180 delegates, national rule (R1), entered on the tracker by the organizer. */
async function ratify(
	present: number,
	yes: number,
	no: number,
	abstain: number
): Promise<{ status: number; body: string }> {
	const fields = { delegates: '180', rule: 'national', present, yes, no, abstain };
	const res = await fetch(`${server.url}/match/${matchId}/procedure?/ratify`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			accept: 'text/html',
			cookie: org
		},
		body: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString()
	});
	return { status: res.status, body: await res.text() };
}
const count = async (q: string) => Number((await rowOf(db, q, matchId))!.n);
const status = async () =>
	(await rowOf<{ status: string }>(db, 'SELECT status FROM matches WHERE id = ?', matchId))!.status;
async function signBoth(): Promise<void> {
	expect((await act('/sign', seats['labour-chief'])).status).toBe(200);
	const done = await act('/sign', seats['management-chief']);
	expect(done.json.complete, JSON.stringify(done.json)).toBe(true);
}
function table(cookie: string): Client {
	const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookie);
	clients.push(c);
	return c;
}

describe('ratification and the table', () => {
	it('[E46][R1] a failed ratification reopens the signed agreement with its reason; re-signed, a second one passes', async () => {
		expect((await act('/offers', seats['labour-chief'], { message: '现行标准' })).status).toBe(201);
		expect(
			(await act('/terms', seats['management-chief'], { act: 'accept', terms: S1_TERMS })).status
		).toBe(200);
		await signBoth();
		expect(await status()).toBe('signed');

		// 120 of 180 present is exactly 2/3: quorate; 90 yes is not more than half of 180 (91 needed).
		const failed = await ratify(120, 90, 20, 10);
		expect(failed.status).toBe(200);
		expect(failed.body).toContain('data-testid="reopened"');
		expect(await status()).toBe('running');
		expect(await count('SELECT COUNT(*) AS n FROM agreements WHERE match_id = ?')).toBe(0);
		expect(await count('SELECT COUNT(*) AS n FROM signatures WHERE match_id = ?')).toBe(0);
		const kept = await rowsOf<{ reason: string; agreement: string }>(
			db,
			'SELECT reason, agreement FROM agreement_reopenings WHERE match_id = ?',
			matchId
		);
		expect(kept).toHaveLength(1);
		expect(kept[0]!.reason).toContain('同意 90 票，未超过全体代表 180 人的半数（至少需 91 票）');
		expect(JSON.parse(kept[0]!.agreement).terms.operatorQuota).toBe(480);
		expect(
			Number(
				(await rowOf(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'agreement.reopen'"))!
					.n
			)
		).toBe(1);

		// The reason is at the table, for both sides.
		const page = await (
			await fetch(`${server.url}/match/${matchId}`, {
				headers: { cookie: seats['management-chief'] }
			})
		).text();
		expect(page).toContain('职代会审议未通过');
		expect(page).toContain('至少需 91 票');

		// The table takes edits again (Y12 no longer applies): a member's change reaches the others,
		// and the changed term is open, so signing waits until it is back at the agreed value (N12).
		const member = table(seats['labour-member']);
		const other = table(seats['management-chief']);
		await Promise.all([synced(member), synced(other)]);
		setTermValue(member.doc, 'operatorQuota', 500, '成员');
		await until(other.doc, () => readValues(other.doc).operatorQuota === 500, 'edit arrives');
		const refused = await act('/sign', seats['labour-chief']);
		expect(refused.status).toBe(409);
		setTermValue(member.doc, 'operatorQuota', 480, '成员');
		await until(other.doc, () => readValues(other.doc).operatorQuota === 480, 'revert arrives');
		await signBoth();
		expect(await status()).toBe('signed');

		// 130 present ≥ 120; 91 yes > 90 (half of 180): passes, and the agreement stays.
		const passed = await ratify(130, 91, 30, 9);
		expect(passed.status).toBe(200);
		expect(passed.body).not.toContain('data-testid="reopened"');
		expect(await status()).toBe('signed');
		expect(await count('SELECT COUNT(*) AS n FROM agreements WHERE match_id = ?')).toBe(1);
		const after = await (
			await fetch(`${server.url}/match/${matchId}`, { headers: { cookie: seats['labour-chief'] } })
		).text();
		expect(after).not.toContain('data-testid="reopened"');
	});
});

/**
 * The audit log (DESIGN.md, Storage): append-only, and visible to the event's organizers — the
 * event's own entries and their own account entries (logins), never another event's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createUser, type User } from '../../src/lib/server/auth.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	seatsOfMatch
} from '../../src/lib/server/events/events.ts';
import {
	startServerProcess,
	type ServerProcess,
	testDatabase,
	rowsOf,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let orgA: User;
let orgB: User;
let e1 = '';
let e2 = '';
let m1 = '';

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	orgA = await createUser(db, {
		login: 'audit-a',
		displayName: '审计组织者甲',
		password: 'password-a-123'
	});
	orgB = await createUser(db, {
		login: 'audit-b',
		displayName: '审计组织者乙',
		password: 'password-b-123'
	});
	const ev1 = await createEvent(
		db,
		{ name: '审计一', kind: 'training', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		orgA.id
	);
	const ev2 = await createEvent(
		db,
		{ name: '审计二', kind: 'training', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		orgB.id
	);
	e1 = ev1.id;
	e2 = ev2.id;
	m1 = (
		await addMatch(
			db,
			ev1,
			1,
			(await addTeam(db, e1, { name: '甲' })).id,
			(await addTeam(db, e1, { name: '乙' })).id
		)
	).id;
	await addMatch(
		db,
		ev2,
		1,
		(await addTeam(db, e2, { name: '丙' })).id,
		(await addTeam(db, e2, { name: '丁' })).id
	);
});

afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function login(name: string, password: string): Promise<{ status: number; cookie: string }> {
	const res = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...form, origin: server.url, accept: 'text/html' },
		body: `login=${name}&password=${password}`
	});
	await res.arrayBuffer();
	return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

async function action(
	eventId: string,
	name: string,
	cookie: string,
	body: string
): Promise<number> {
	const res = await fetch(`${server.url}/events/${eventId}?/${name}`, {
		method: 'POST',
		headers: { ...form, origin: server.url, cookie },
		body
	});
	await res.arrayBuffer();
	return res.status;
}

/** The dashboard's audit section as the organizer sees it: one row per entry, cells as text. */
async function auditRows(
	eventId: string,
	cookie: string
): Promise<{ status: number; rows: string[][] }> {
	const res = await fetch(`${server.url}/events/${eventId}`, { headers: { cookie } });
	const html = await res.text();
	const table = /<table class="data audit[^"]*">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
	// Cells: time, who (as a person reads it), what (in Chinese), detail; then the action's code.
	const rows = [...table.matchAll(/<tr data-action="([^"]+)">([\s\S]*?)<\/tr>/g)]
		.map((r) => [
			...[...r[2]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) =>
				c[1]!
					.replace(/<[^>]+>/g, '')
					.replace(/&quot;/g, '"')
					.replace(/<!---->/g, '')
					.trim()
			),
			r[1]!
		])
		.filter((cells) => cells.length === 5);
	return { status: res.status, rows };
}

describe('audit log', () => {
	it('[Y13] shows the organizer joins, revocations, releases and their own logins, newest first', async () => {
		expect((await login('audit-a', 'wrong-password')).status).toBe(400);
		const a = await login('audit-a', 'password-a-123');
		expect(a.status).toBe(303);
		const b = await login('audit-b', 'password-b-123');
		expect(b.status).toBe(303);

		const seats = await seatsOfMatch(db, m1);
		const chief = seats.find((s) => s.role === 'labour-chief')!;
		const member = seats.find((s) => s.role === 'labour-member')!;
		const joined = await fetch(
			`${server.url}/join/${chief.code}?name=${encodeURIComponent('审计王')}`,
			{ redirect: 'manual' }
		);
		expect(joined.status).toBe(303);
		expect(await action(e1, 'revoke', a.cookie, `seat=${member.id}`)).toBe(200);
		expect(await action(e1, 'release', a.cookie, `match=${m1}&side=labour&released=true`)).toBe(
			200
		);

		const { status, rows } = await auditRows(e1, a.cookie);
		expect(status).toBe(200);
		const actions = rows.map((r) => r[4]);
		// Newest first; orgB's login is not orgA's event's business.
		expect(actions.slice(0, 5)).toEqual([
			'release.grant',
			'seat.revoke',
			'seat.join',
			'login',
			'login.failed'
		]);
		const byAction = (x: string) => rows.find((r) => r[4] === x)!;
		// People and actions read as names, not ids and codes.
		expect(byAction('seat.join')[1]).toBe('审计王（职工方首席代表）');
		expect(byAction('seat.join')[2]).toBe('入座');
		expect(byAction('seat.join')[3]).toContain('"name":"审计王"');
		expect(byAction('seat.revoke')[1]).toBe('审计组织者甲（组织者）');
		expect(byAction('seat.revoke')[2]).toBe('作废入座码');
		expect(byAction('seat.revoke')[3]).toContain(`"seat":"${member.id}"`);
		expect(byAction('release.grant')[3]).toContain(`"match":"${m1}","side":"labour"`);
		expect(byAction('login')[1]).toBe('审计组织者甲（组织者）');
		expect(byAction('login.failed')[3]).toContain('"login":"audit-a"');
		expect(rows.some((r) => r[1]?.startsWith('审计组织者乙'))).toBe(false);
	});

	it('[Y13][A9] is not shown to another event’s organizer', async () => {
		const b = await login('audit-b', 'password-b-123');
		const res = await fetch(`${server.url}/events/${e1}`, {
			headers: { cookie: b.cookie },
			redirect: 'manual'
		});
		const html = await res.text();
		expect(res.status).toBe(404);
		expect(html).not.toContain('seat.revoke');
		// orgB's own dashboard lists only orgB's own logins and event.
		const own = await auditRows(e2, b.cookie);
		expect(own.status).toBe(200);
		expect(own.rows.length).toBeGreaterThan(0);
		expect(own.rows.every((r) => r[1] === '审计组织者乙（组织者）' && r[4] === 'login')).toBe(true);
		// …and a forged cookie sees nothing at all.
		expect(
			(
				await fetch(`${server.url}/events/${e1}`, {
					headers: { cookie: `xs_session=${'a'.repeat(32)}` },
					redirect: 'manual'
				})
			).status
		).toBe(404);
	});

	it('[Y13] refuses UPDATE and DELETE in the database itself', async () => {
		const before = await rowsOf(db, 'SELECT * FROM audit_log ORDER BY id');
		expect(before.length).toBeGreaterThan(0);
		await expect(
			rowsOf(db, "UPDATE audit_log SET action = 'nothing' WHERE event_id = ?", e1)
		).rejects.toThrow(/append-only/);
		await expect(rowsOf(db, 'DELETE FROM audit_log WHERE event_id = ?', e1)).rejects.toThrow(
			/append-only/
		);
		await expect(rowsOf(db, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
		expect(await rowsOf(db, 'SELECT * FROM audit_log ORDER BY id')).toEqual(before);
	});
});

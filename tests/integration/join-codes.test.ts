import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	seatsOfMatch
} from '../../src/lib/server/events/events.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { newSecret, newShortCode } from '../../src/lib/server/ids.ts';
import {
	connectClient,
	startServerProcess,
	synced,
	type ServerProcess,
	testDatabase,
	rowOf,
	rowsOf,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let matchId = '';
let eventId = '';
let orgCookie = '';

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	const org = await createUser(db, {
		login: 'org',
		displayName: '组织者',
		password: 'password-123456'
	});
	orgCookie = `xs_session=${(await createSession(db, { userId: org.id })).token}`;
	await createUser(db, { login: 'org2', displayName: '组织者二', password: 'password-2-123456' });
	const ev = await createEvent(
		db,
		{
			name: '入座测试',
			kind: 'training',
			scenarioId: 's2-qianhu-food-delivery',
			membersPerSide: 3
		},
		org.id
	);
	eventId = ev.id;
	matchId = (
		await addMatch(
			db,
			ev,
			1,
			(await addTeam(db, ev.id, { name: 'A' })).id,
			(await addTeam(db, ev.id, { name: 'B' })).id
		)
	).id;
});
afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

/** Follows a join link the way a script would, returning the status and the session cookie. */
async function join(path: string): Promise<{ status: number; cookie: string | null }> {
	const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
	await res.arrayBuffer();
	const set = res.headers.get('set-cookie');
	return { status: res.status, cookie: set ? set.split(';')[0]! : null };
}

describe('join codes', () => {
	it('[W5] binds the browser to the seat with ?name= and leads to the match', async () => {
		const seat = (await seatsOfMatch(db, matchId)).find((s) => s.role === 'labour-chief')!;
		const res = await fetch(
			`${server.url}/join/${seat.code}?name=${encodeURIComponent('王师傅')}`,
			{ redirect: 'manual' }
		);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/match/${matchId}`);
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^xs_session=[a-z2-7]{32};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		const row = (await rowOf(db, 'SELECT person_name FROM seats WHERE id = ?', seat.id)) as {
			person_name: string;
		};
		expect(row.person_name).toBe('王师傅');
		// The short human code opens the same seat.
		expect((await join(`/join/${seat.shortCode}`)).status).toBe(200);
	});

	it('[A10][W5] stops working once revoked, and drops the seat’s live connection', async () => {
		const seat = (await seatsOfMatch(db, matchId)).find((s) => s.role === 'management-chief')!;
		const cookie = `xs_session=${(await createSession(db, { seatId: seat.id, displayName: '李经理' })).token}`;
		const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookie);
		await synced(c);
		const closed = new Promise<number>((resolve) =>
			c.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0))
		);
		// The organizer revokes the seat through the dashboard's form action.
		const res = await fetch(`${server.url}/events/${eventId}?/revoke`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: orgCookie,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: `seat=${seat.id}`
		});
		expect(res.status).toBe(200);
		expect(await closed).toBe(1008);
		c.destroy();
		expect((await join(`/join/${seat.code}?name=x`)).status).toBe(404);
	});
});

/** A random code of the short form (8 characters of the short alphabet) that no seat holds. */
async function unusedShortCode(): Promise<string> {
	const taken = new Set(
		((await rowsOf(db, 'SELECT short_code FROM seats')) as { short_code: string }[]).map(
			(r) => r.short_code
		)
	);
	for (;;) {
		const c = newShortCode();
		if (!taken.has(c)) return c;
	}
}

async function joinText(path: string): Promise<{ status: number; text: string }> {
	const res = await fetch(`${server.url}${path}`, {
		redirect: 'manual',
		headers: { accept: 'text/html' }
	});
	return { status: res.status, text: await res.text() };
}

// Last: these use up this IP's and the server's allowances of lookups, in this order.
describe('guessing join codes', () => {
	it('[W5] refuses a guessed code', async () => {
		expect((await join('/join/abcdefghijklmnopqrstuvwxyz234567')).status).toBe(404);
		expect((await join(`/join/${await unusedShortCode()}`)).status).toBe(404);
	});

	it('[W6] stops one address after 20 failed short-code guesses, with its own message', async () => {
		let last = { status: 0, text: '' };
		let failures = 1; // the short guess in the test before
		while (failures < 60) {
			last = await joinText(`/join/${await unusedShortCode()}`);
			if (last.status !== 404) break;
			failures++;
		}
		expect(last.status).toBe(429);
		expect(failures).toBe(20);
		expect(last.text).toContain('短入座码错误次数过多');
		expect(last.text).toContain('二维码');
	});

	it('[W6] stops short codes for everyone after 200 failures from many addresses, while links keep working', async () => {
		// A second server that takes the client address from X-Forwarded-For (adapter-node's
		// ADDRESS_HEADER, as behind a proxy), so the test can guess from many addresses.
		const proxied = await startServerProcess({
			...testDb.env,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		});
		try {
			const from = async (ip: string, path: string) => {
				const res = await fetch(`${proxied.url}${path}`, {
					redirect: 'manual',
					headers: { accept: 'text/html', 'x-forwarded-for': ip }
				});
				return { status: res.status, text: await res.text() };
			};
			// Ten addresses × 20 failures each = 200, the server-wide budget.
			for (let a = 1; a <= 10; a++) {
				for (let i = 0; i < 20; i++)
					expect((await from(`203.0.113.${a}`, `/join/${await unusedShortCode()}`)).status).toBe(
						404
					);
			}
			const next = await from('203.0.113.11', `/join/${await unusedShortCode()}`);
			expect(next.status).toBe(429);
			expect(next.text).toContain('短入座码错误尝试过多');
			// A real short code from a fresh address is refused too: the limit is on short codes…
			const seat = (await seatsOfMatch(db, matchId)).find(
				(s) => s.role === 'labour-member' && s.revokedAt === null
			)!;
			expect((await from('203.0.113.12', `/join/${seat.shortCode}`)).status).toBe(429);
			// …while the seat's link (160 bits, as in the QR code) still opens it.
			expect((await from('203.0.113.12', `/join/${seat.code}`)).status).toBe(200);
		} finally {
			await proxied.kill();
		}
	});

	it('[W6] rate-limits every lookup per IP, links included', async () => {
		let last = { status: 0, text: '' };
		// The per-IP limit is 300 lookups in 10 minutes (the tests before made about 30 from this address).
		for (let i = 0; i < 310 && last.status !== 429; i++)
			last = await joinText(`/join/${newSecret()}`);
		expect(last.status).toBe(429);
		expect(last.text).toMatch(/尝试次数过多，请 \d+ 秒后再试/);
		expect(last.text).not.toContain('短入座码');
	});
});

describe('login attempts', () => {
	const login = (name: string, password: string) =>
		fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: `login=${encodeURIComponent(name)}&password=${encodeURIComponent(password)}`
		}).then(async (res) => ({ status: res.status, text: await res.text() }));

	it('[W7] allows 10 attempts per account and 30 per IP in 10 minutes, then answers 429 in Chinese', async () => {
		for (let i = 0; i < 10; i++) expect((await login('org', `wrong-${i}`)).status).toBe(400);
		// The 11th attempt on this account is refused, even with the right password.
		const refused = await login('org', 'password-123456');
		expect(refused.status).toBe(429);
		expect(refused.text).toMatch(/尝试次数过多，请 \d+ 秒后再试/);
		// Another account from the same IP still gets in (attempt 12 of 30)…
		expect((await login('org2', 'password-2-123456')).status).toBe(303);
		// …until the IP has used its 30: attempts 13–30 are answered, the 31st is not.
		for (let i = 13; i <= 30; i++)
			expect((await login(`nobody-${i}`, 'x')).status, `attempt ${i}`).toBe(400);
		expect((await login('org2', 'password-2-123456')).status).toBe(429);
	});
});

describe('session expiry', () => {
	it('[A10] closes the open connection of a session when it expires', async () => {
		const seat = (await seatsOfMatch(db, matchId)).find((s) => s.role === 'observer')!;
		// A session that lives 1.5 s: its socket must be closed by the server when it ends.
		const cookie = `xs_session=${(await createSession(db, { seatId: seat.id }, 1500)).token}`;
		const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookie);
		await synced(c);
		const code = await new Promise<number>((resolve) =>
			c.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0))
		);
		expect(code).toBe(1008);
		c.destroy();
	});
});

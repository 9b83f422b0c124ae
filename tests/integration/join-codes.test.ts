import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { addMatch, addTeam, createEvent, seatsOfMatch } from '../../src/lib/server/events.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { connectClient, startServerProcess, synced, tempDbPath, type ServerProcess } from './harness.ts';

let server: ServerProcess;
let db: Db;
let matchId = '';
let eventId = '';
let orgCookie = '';

beforeAll(async () => {
	const DATABASE_PATH = tempDbPath();
	server = await startServerProcess({ DATABASE_PATH });
	db = openDatabase(DATABASE_PATH);
	const org = await createUser(db, { login: 'org', displayName: '组织者', password: 'password-123456' });
	orgCookie = `xs_session=${createSession(db, { userId: org.id }).token}`;
	const ev = createEvent(db, { name: '入座测试', kind: 'training', scenarioId: 's2-qianhu-food-delivery', membersPerSide: 3 }, org.id);
	eventId = ev.id;
	matchId = addMatch(db, ev, 1, addTeam(db, ev.id, { name: 'A' }).id, addTeam(db, ev.id, { name: 'B' }).id).id;
});
afterAll(async () => {
	await server?.kill();
	db?.close();
});

/** Follows a join link the way a script would, returning the status and the session cookie. */
async function join(path: string): Promise<{ status: number; cookie: string | null }> {
	const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
	await res.arrayBuffer();
	const set = res.headers.get('set-cookie');
	return { status: res.status, cookie: set ? set.split(';')[0]! : null };
}

describe('join codes', () => {
	it('binds the browser to the seat with ?name= and leads to the match', async () => {
		const seat = seatsOfMatch(db, matchId).find((s) => s.role === 'labour-chief')!;
		const res = await fetch(`${server.url}/join/${seat.code}?name=${encodeURIComponent('王师傅')}`, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/match/${matchId}`);
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^xs_session=[a-z2-7]{32};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		const row = db.prepare('SELECT person_name FROM seats WHERE id = ?').get(seat.id) as { person_name: string };
		expect(row.person_name).toBe('王师傅');
		// The short human code opens the same seat.
		expect((await join(`/join/${seat.shortCode}`)).status).toBe(200);
	});

	it('stops working once revoked, and drops the seat’s live connection', async () => {
		const seat = seatsOfMatch(db, matchId).find((s) => s.role === 'management-chief')!;
		const cookie = `xs_session=${createSession(db, { seatId: seat.id, displayName: '李经理' }).token}`;
		const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookie);
		await synced(c);
		const closed = new Promise<number>((resolve) =>
			c.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0))
		);
		// The organizer revokes the seat through the dashboard's form action.
		const res = await fetch(`${server.url}/events/${eventId}?/revoke`, {
			method: 'POST',
			headers: { origin: server.url, cookie: orgCookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: `seat=${seat.id}`
		});
		expect(res.status).toBe(200);
		expect(await closed).toBe(1008);
		c.destroy();
		expect((await join(`/join/${seat.code}?name=x`)).status).toBe(404);
	});

	// Last: it uses up this IP's allowance of lookups.
	it('refuses a guessed code, and rate-limits guessing', async () => {
		expect((await join('/join/abcdefghijklmnopqrstuvwxyz234567')).status).toBe(404);
		let status = 0;
		// The per-IP limit is 300 lookups in 10 minutes (earlier tests here made a few); later ones are refused with 429.
		for (let i = 0; i < 310 && status !== 429; i++) status = (await join(`/join/guess${i}xyz`)).status;
		expect(status).toBe(429);
	});
});

describe('session expiry', () => {
	it('closes the open connection of a session when it expires', async () => {
		const seat = seatsOfMatch(db, matchId).find((s) => s.role === 'observer')!;
		// A session that lives 1.5 s: its socket must be closed by the server when it ends.
		const cookie = `xs_session=${createSession(db, { seatId: seat.id }, 1500).token}`;
		const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookie);
		await synced(c);
		const code = await new Promise<number>((resolve) => c.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
		expect(code).toBe(1008);
		c.destroy();
	});
});

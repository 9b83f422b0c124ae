/**
 * What another site, or a token planted in a browser, must not achieve: acts on a match from a
 * foreign page, a session fixed before a seat is bound, a redirect off-site after login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { seatsOfMatch } from '../../src/lib/server/events/events.ts';
import { createSession, createUser, sessionForToken } from '../../src/lib/server/auth.ts';
import {
	seatCookies,
	startServerProcess,
	type ServerProcess,
	seedMatch,
	testDatabase,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let matchId = '';
let chief = '';

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	await createUser(db, { login: 'organizer', displayName: '组织者', password: 'correct-horse-1' });
	const seeded = await seedMatch(db, {
		name: '安全',
		kind: 'training',
		organizerId: null,
		teams: ['职工队', '企业队']
	});
	matchId = seeded.matchId;
	chief = (await seatCookies(db, matchId, ['labour-chief'] as const))['labour-chief'];
});
afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

const tokenIn = (res: Response) =>
	/xs_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;

describe('cross-site requests', () => {
	it('[W1] refuses body-less POSTs to push and sign from another origin with 403', async () => {
		for (const act of ['push', 'sign']) {
			const res = await fetch(`${server.url}/api/match/${matchId}/${act}`, {
				method: 'POST',
				headers: { cookie: chief, origin: 'https://evil.example' }
			});
			expect(res.status, act).toBe(403);
			expect(((await res.json()) as { error: string }).error).toContain('跨站请求');
		}
		// The same request from the site's own page reaches the act (which answers on its own terms).
		const own = await fetch(`${server.url}/api/match/${matchId}/sign`, {
			method: 'POST',
			headers: { cookie: chief, origin: server.url }
		});
		expect(own.status).not.toBe(403);
	});

	it('[W1] refuses a login form posted from another origin', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
			body: 'login=organizer&password=correct-horse-1'
		});
		expect(res.status).toBe(403);
	});
});

describe('login redirect', () => {
	async function login(next: string): Promise<Response> {
		return fetch(`${server.url}/login?next=${next}`, {
			method: 'POST',
			redirect: 'manual',
			// As a browser posts the form without JavaScript: SvelteKit answers with a real redirect.
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ login: 'organizer', password: 'correct-horse-1' }).toString()
		});
	}

	it('[W3] never sends the browser to another site, however next= is spelled', async () => {
		for (const next of [
			'/%5Cevil.example',
			'//evil.example',
			'/%09/evil.example',
			'https%3A%2F%2Fevil.example'
		]) {
			const res = await login(next);
			expect(res.status, next).toBe(303);
			expect(res.headers.get('location'), next).toBe('/events');
		}
	});

	it('[W3] follows a path on this site', async () => {
		const res = await login(encodeURIComponent('/events?tab=2'));
		expect(res.headers.get('location')).toBe('/events?tab=2');
	});
});

describe('joining a seat', () => {
	it('[W4] issues a fresh session token and ends the one the browser held before', async () => {
		const planted = (await createSession(db, {})).token;
		const seat = (await seatsOfMatch(db, matchId)).find((s) => s.role === 'labour-member')!;
		const res = await fetch(`${server.url}/join/${seat.code}?name=${encodeURIComponent('李四')}`, {
			redirect: 'manual',
			headers: { cookie: `xs_session=${planted}` }
		});
		expect(res.status).toBe(303);
		const fresh = tokenIn(res);
		expect(fresh).toBeTruthy();
		expect(fresh).not.toBe(planted);
		expect(await sessionForToken(db, planted)).toBeNull();
		expect((await sessionForToken(db, fresh))?.seatId).toBe(seat.id);
	});
});

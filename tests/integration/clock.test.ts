import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import type { Role } from '../../src/lib/server/events/events.ts';
import { readValues, setTermValue } from '../../src/lib/collab/table-doc.ts';
import {
	connectClient,
	startServerProcess,
	synced,
	seatCookies,
	until,
	type Client,
	type ServerProcess,
	seedMatch,
	testDatabase,
	rowOf,
	type TestDatabase
} from './harness.ts';

/**
 * The match clock over HTTP and WebSocket (SPEC N22–N25): the event's format reaches the first
 * clock, ending a match closes its table to writes, reopening opens it again.
 */
let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let eventId = '';
let matchId = '';
let organizerCookie = '';
const cookies: Partial<Record<Role, string>> = {};
const clients: Client[] = [];

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	const user = await createUser(db, {
		login: 'clock-org',
		displayName: '计时组织者',
		password: 'clock-organizer-1'
	});
	organizerCookie = `xs_session=${(await createSession(db, { userId: user.id, displayName: user.displayName })).token}`;
	const seeded = await seedMatch(db, {
		name: '计时',
		kind: 'competition',
		organizerId: user.id,
		teams: ['L', 'M']
	});
	eventId = seeded.event.id;
	matchId = seeded.matchId;
	Object.assign(
		cookies,
		await seatCookies(db, matchId, ['labour-chief', 'management-chief'] as const)
	);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

function table(role: Role): Client {
	const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookies[role]);
	clients.push(c);
	return c;
}

async function clock(
	cookie: string,
	body: unknown
): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(`${server.url}/api/match/${matchId}/clock`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, origin: server.url },
		body: JSON.stringify(body)
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Posts the format form as the organizer's browser would. */
async function saveFormat(fields: Record<string, string>): Promise<Response> {
	return fetch(`${server.url}/events/${eventId}/format?/save`, {
		method: 'POST',
		headers: {
			cookie: organizerCookie,
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
}

/** Waits until `watcher` has seen `sender`'s awareness, sent after its update on the same ordered room queue. */
async function barrier(sender: Client, watcher: Client, tag: string): Promise<void> {
	// A field of its own: the server replaces the user's name and role with the seat's.
	sender.provider.awareness.setLocalStateField('barrier', tag);
	await new Promise<void>((resolve) => {
		const check = () => {
			const seen = [...watcher.provider.awareness.getStates().values()].some(
				(s) => (s as { barrier?: string }).barrier === tag
			);
			if (seen) {
				watcher.provider.awareness.off('change', check);
				resolve();
			}
		};
		watcher.provider.awareness.on('change', check);
		check();
	});
}

describe('match format and clock', () => {
	it('[N25] refuses a bad format with a Chinese message naming the phase, and keeps the old one', async () => {
		const res = await saveFormat({
			'phase.0.id': 'a',
			'phase.0.label': '开场陈述',
			'phase.0.minutes': '900',
			caucusCount: '1',
			caucusMinutes: '2'
		});
		const body = (await res.json()) as { type: string; status: number; data: string };
		expect(body.type).toBe('failure');
		expect(body.status).toBe(400);
		expect(body.data).toContain('第 1 个环节');
		const stored = (await rowOf(
			db,
			"SELECT json_extract(settings, '$.format') AS f FROM events WHERE id = ?",
			eventId
		)) as { f: string | null };
		expect(stored.f).toBeNull();
	});

	it('[N21][N22][N25] gives the first clock the event’s format: its phases and its caucus allowance', async () => {
		const res = await saveFormat({
			'phase.0.id': 'opening',
			'phase.0.label': '开场陈述',
			'phase.0.minutes': '3',
			'phase.1.id': 'free',
			'phase.1.label': '自由协商',
			'phase.1.minutes': '20',
			caucusCount: '2',
			caucusMinutes: '1.5'
		});
		expect(((await res.json()) as { type: string }).type).toBe('success');
		const r = await clock(organizerCookie, { type: 'start' });
		expect(r.status).toBe(200);
		const c = r.json.clock as {
			phases: { label: string; seconds: number }[];
			caucus: { count: number; seconds: number };
		};
		// 3 min → 180 s, 20 min → 1200 s; 1.5 min caucus → 90 s.
		expect(c.phases.map((p) => [p.label, p.seconds])).toEqual([
			['开场陈述', 180],
			['自由协商', 1200]
		]);
		expect(c.caucus).toEqual({ count: 2, seconds: 90 });
		// Labour may call two caucuses under this format; after the organizer resumes the first, a second is allowed.
		expect((await clock(cookies['labour-chief']!, { type: 'caucus', side: 'labour' })).status).toBe(
			200
		);
		expect((await clock(organizerCookie, { type: 'resume' })).status).toBe(200);
		expect((await clock(cookies['labour-chief']!, { type: 'caucus', side: 'labour' })).status).toBe(
			200
		);
		expect((await clock(organizerCookie, { type: 'resume' })).status).toBe(200);
		expect((await clock(cookies['labour-chief']!, { type: 'caucus', side: 'labour' })).status).toBe(
			409
		);
		// Only the organizer runs the clock.
		expect((await clock(cookies['management-chief']!, { type: 'pause' })).status).toBe(403);
	});

	it('[N23][N24][Y12] closes the table to writes when the organizer ends the match, and opens it again on reopen', async () => {
		const labour = table('labour-chief');
		const management = table('management-chief');
		await Promise.all([synced(labour), synced(management)]);
		setTermValue(labour.doc, 'seniorityPerYear', 40, 'labour');
		await until(
			management.doc,
			() => readValues(management.doc).seniorityPerYear === 40,
			'edit before the end'
		);

		expect((await clock(organizerCookie, { type: 'end' })).status).toBe(200);
		expect(
			((await rowOf(db, 'SELECT status FROM matches WHERE id = ?', matchId)) as { status: string })
				.status
		).toBe('ended');
		// An edit sent on the open connection after the end is dropped: management never sees it.
		setTermValue(labour.doc, 'seniorityPerYear', 45, 'labour');
		await barrier(labour, management, 'after-end');
		expect(readValues(management.doc).seniorityPerYear).toBe(40);
		// Formal acts are refused too.
		const offer = await fetch(`${server.url}/api/match/${matchId}/offers`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				cookie: cookies['labour-chief']!,
				origin: server.url
			},
			body: JSON.stringify({ message: '结束后' })
		});
		expect(offer.status).toBe(409);
		// A fresh connection is read-only as well, and storage never got the dropped edit.
		const late = table('management-chief');
		await synced(late);
		expect(readValues(late.doc).seniorityPerYear).toBe(40);

		expect((await clock(organizerCookie, { type: 'reopen' })).status).toBe(200);
		expect(
			((await rowOf(db, 'SELECT status FROM matches WHERE id = ?', matchId)) as { status: string })
				.status
		).toBe('running');
		// Connections are closed so clients reconnect with write access. The labour client still holds
		// the edit the frozen table dropped; it resends it on reconnect, like an edit made offline
		// (N24): it was typed, so it is not lost, and everyone converges on it.
		await until(
			late.doc,
			() => readValues(late.doc).seniorityPerYear === 45,
			'the held edit merges on reopening'
		);
		// A new edit after that goes through and wins for everyone: it is causally later.
		const again = table('labour-chief');
		await synced(again);
		setTermValue(again.doc, 'seniorityPerYear', 50, 'labour');
		await until(
			late.doc,
			() => readValues(late.doc).seniorityPerYear === 50,
			'edit after reopening'
		);
		await until(
			labour.doc,
			() => readValues(labour.doc).seniorityPerYear === 50,
			'the first client converges too'
		);
		await until(
			management.doc,
			() => readValues(management.doc).seniorityPerYear === 50,
			'management converges too'
		);
	});
});

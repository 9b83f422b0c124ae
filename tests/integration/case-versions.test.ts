/**
 * Events on studio cases (server/SPEC.md K4, K8–K10): an event pins the version it was created
 * with, later versions leave it alone, its organizer moves it to a newer version only before it
 * starts, and a side's brief from a studio case is as confidential as a shipped one's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { addMatch, addTeam, getEvent, getMatch } from '../../src/lib/server/events/events.ts';
import { readAgenda } from '../../src/lib/collab/table-doc.ts';
import {
	connectClient,
	seatCookies,
	startServerProcess,
	synced,
	testDatabase,
	until,
	type Client,
	type ServerProcess,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let databasePath = '';
const cookie = { a: '', b: '', labour: '', management: '' };
const clients: Client[] = [];
let caseId = '';
let eventId = '';
let matchId = '';
type Doc = Record<string, unknown> & {
	terms: { id: string; current: unknown; max?: number }[];
	enterprise: { seniority: { yuanPerYear: number } };
	confidential: { labour: { brief: string }; management: { brief: string } };
};
let base: Doc;

/** S1 with its seniority rate (term and model) at `rate` yuan and a labour brief naming `mark`. */
function version(mark: string, rate: number): Doc {
	const d = structuredClone(base);
	d.terms.find((t) => t.id === 'seniorityPerYear')!.current = rate;
	d.enterprise.seniority.yuanPerYear = rate;
	d.confidential.labour.brief = `职工方保密：${mark}`;
	return d;
}

async function api(who: keyof typeof cookie, method: string, path: string, body?: unknown) {
	const res = await fetch(`${server.url}${path}`, {
		method,
		headers: { origin: server.url, cookie: cookie[who], 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A form action as SvelteKit's enhanced forms post it; answers `{type, status, data|location}`. */
async function action(who: keyof typeof cookie, path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie: cookie[who],
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields).toString()
	});
	const body = (await res.json()) as {
		type: string;
		status?: number;
		location?: string;
		data?: string;
	};
	// A failure carries its status in the body; an error (404) in the response itself.
	return { ...body, status: body.status ?? res.status };
}

const save = async (doc: Doc, baseVersion: number) =>
	(await api('a', 'PUT', `/api/cases/${caseId}`, { document: doc, note: '改', baseVersion })).json
		.version;

const labourBrief = async (who: keyof typeof cookie = 'labour') => {
	const r = await api(who, 'GET', `/api/match/${matchId}/brief/labour`);
	return r.status === 200 ? (r.json.brief as string) : r.status;
};

/** The seniority term's current value on the match table, as a seated browser receives it. */
async function tableRate(expected: number): Promise<number> {
	const c = connectClient(server.wsUrl, `match/${matchId}/table`, new Y.Doc(), cookie.labour);
	clients.push(c);
	await synced(c);
	const rate = () => readAgenda(c.doc).find((t) => t.id === 'seniorityPerYear')?.current;
	await until(c.doc, () => rate() === expected, `table rate ${expected}`).catch(() => undefined);
	const seen = rate() as number;
	c.destroy();
	return seen;
}

beforeAll(async () => {
	testDb = await testDatabase();
	databasePath = testDb.env.DATABASE_PATH;
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	const a = await createUser(db, { login: 'pin-a', displayName: '甲', password: 'password-a-123' });
	const b = await createUser(db, { login: 'pin-b', displayName: '乙', password: 'password-b-123' });
	cookie.a = `xs_session=${(await createSession(db, { userId: a.id })).token}`;
	cookie.b = `xs_session=${(await createSession(db, { userId: b.id })).token}`;
	base = (await api('a', 'GET', '/api/cases/s1-qiantang-parts')).json.document as Doc;
	// S1 ships seniority at 30 yuan a year; version 1 keeps it, version 2 raises it to 40.
	caseId = (await api('a', 'POST', '/api/cases', { document: version('一', 30) })).json
		.id as string;
	const made = await action('a', '/events?/create', {
		name: '版本测试',
		kind: 'training',
		scenarioId: caseId,
		membersPerSide: '3'
	});
	eventId = made.location!.split('/').pop()!;
	const event = (await getEvent(db, eventId))!;
	const l = (await addTeam(db, eventId, { name: '甲队' })).id;
	const m = (await addTeam(db, eventId, { name: '乙队' })).id;
	matchId = (await addMatch(db, event, 1, l, m)).id;
	const seats = await seatCookies(db, matchId, ['labour-chief', 'management-chief']);
	cookie.labour = seats['labour-chief'];
	cookie.management = seats['management-chief'];
}, 120_000);

afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

describe('events on case versions', () => {
	it('[K8] an event created on a studio case runs on the version that was latest then', async () => {
		expect((await getEvent(db, eventId))!.scenarioId).toBe(`${caseId}@1`);
		expect(await labourBrief()).toBe('职工方保密：一');
		expect(await tableRate(30)).toBe(30);
	});

	it('[K4] a studio case brief goes to its side only, not the other side nor another organizer', async () => {
		expect(await labourBrief('management')).toBe(403);
		expect(await labourBrief('b')).toBe(403);
		expect(await labourBrief('a')).toBe(403);
	});

	it('[K9] saving a new version leaves the event on its version', async () => {
		expect(await save(version('二', 40), 1)).toBe(2);
		expect((await getEvent(db, eventId))!.scenarioId).toBe(`${caseId}@1`);
		expect(await labourBrief()).toBe('职工方保密：一');
		expect(await tableRate(30)).toBe(30);
	});

	it('[K10] only its organizer moves an event that has not started, and its table follows', async () => {
		const other = await action('b', `/events/${eventId}?/moveCase`, { version: '2' });
		expect(other.status).toBe(404);
		expect((await getEvent(db, eventId))!.scenarioId).toBe(`${caseId}@1`);
		const older = await action('a', `/events/${eventId}?/moveCase`, { version: '1' });
		expect(older.status).toBe(400);
		const moved = await action('a', `/events/${eventId}?/moveCase`, { version: '2' });
		expect(moved.type).toBe('success');
		expect((await getEvent(db, eventId))!.scenarioId).toBe(`${caseId}@2`);
		expect(await labourBrief()).toBe('职工方保密：二');
		// The table document existed already (K8's check opened it): it now carries version 2.
		expect(await tableRate(40)).toBe(40);
	});

	it('[K10] once a match has started the event keeps its version', async () => {
		const start = await api('a', 'POST', `/api/match/${matchId}/clock`, { type: 'start' });
		expect(start.status).toBe(200);
		expect((await getMatch(db, matchId))!.status).toBe('running');
		expect(await save(version('三', 50), 2)).toBe(3);
		const refused = await action('a', `/events/${eventId}?/moveCase`, { version: '3' });
		expect(refused.status).toBe(409);
		expect(refused.data).toContain('已经开始');
		expect((await getEvent(db, eventId))!.scenarioId).toBe(`${caseId}@2`);
		expect(await labourBrief()).toBe('职工方保密：二');
		expect(await tableRate(40)).toBe(40);
	});

	it('[K8] after a restart the event still reads its pinned version', async () => {
		await server.kill();
		server = await startServerProcess({ DATABASE_PATH: databasePath, XS_DEMO: '0' });
		expect(await labourBrief()).toBe('职工方保密：二');
	});
});

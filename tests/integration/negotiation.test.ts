import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import type { Role } from '../../src/lib/server/events/events.ts';
import { readValues, setTermValue } from '../../src/lib/collab/table-doc.ts';
import { readFormal } from '../../src/lib/collab/formal.ts';
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
	rowsOf,
	type TestDatabase
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let matchId = '';
const cookies: Partial<Record<Role, string>> = {};
const clients: Client[] = [];

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	const seeded = await seedMatch(db, {
		name: '正式程序',
		kind: 'training',
		organizerId: null,
		teams: ['L', 'M']
	});
	matchId = seeded.matchId;
	Object.assign(
		cookies,
		await seatCookies(db, matchId, [
			'labour-chief',
			'labour-member',
			'management-chief',
			'judge'
		] as const)
	);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

function table(role: Role, doc: 'table' | 'formal' = 'table'): Client {
	const c = connectClient(server.wsUrl, `match/${matchId}/${doc}`, new Y.Doc(), cookies[role]);
	clients.push(c);
	return c;
}

async function post(
	path: string,
	role: Role,
	body: unknown = {}
): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(`${server.url}/api/match/${matchId}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: cookies[role]! },
		body: JSON.stringify(body)
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('formal acts at the table', () => {
	it('[N1] refuses to table a draft with a value outside the scenario’s bounds, with a clear message', async () => {
		const c = table('labour-chief');
		await synced(c);
		// S1 bounds the seniority wage at 0–200 yuan/year.
		setTermValue(c.doc, 'seniorityPerYear', 999, 'labour');
		// The server must have applied the edit before the act reads the draft: a second client sees it.
		const w = table('management-chief');
		await synced(w);
		await until(w.doc, () => readValues(w.doc).seniorityPerYear === 999, 'edit reached the server');
		const r = await post('/offers', 'labour-chief', { message: '试试' });
		expect(r.status).toBe(422);
		expect(String(r.json.error)).toContain('seniorityPerYear');
		expect(await rowOf(db, 'SELECT COUNT(*) AS n FROM offers')).toEqual({ n: 0 });
		setTermValue(c.doc, 'seniorityPerYear', 50, 'labour');
		await until(
			w.doc,
			() => readValues(w.doc).seniorityPerYear === 50,
			'fixed value reached the server'
		);
	});

	it('[W8] refuses a malformed request body with 400', async () => {
		const r = await post('/terms', 'labour-chief', { act: 'approve', terms: 'all' });
		expect(r.status).toBe(400);
	});

	it('[N3][N4] stores a validated, immutable snapshot when a chief tables an offer', async () => {
		const r = await post('/offers', 'labour-chief', { message: '工龄工资提高到 50 元' });
		expect(r.status).toBe(201);
		const row = (await rowOf(
			db,
			'SELECT seq, side, kind, terms, message FROM offers WHERE match_id = ?',
			matchId
		)) as {
			seq: number;
			side: string;
			kind: string;
			terms: string;
			message: string;
		};
		expect(row.seq).toBe(1);
		expect(row.side).toBe('labour');
		expect(row.kind).toBe('offer');
		expect(JSON.parse(row.terms).seniorityPerYear).toBe(50);
		expect(row.message).toBe('工龄工资提高到 50 元');
		await expect(rowsOf(db, "UPDATE offers SET message = 'x'")).rejects.toThrow(/immutable/);
	});

	it('[N9] does not let a non-chief table, accept or sign', async () => {
		expect((await post('/offers', 'labour-member')).status).toBe(403);
		expect(
			(await post('/terms', 'labour-member', { act: 'accept', terms: ['seniorityPerYear'] })).status
		).toBe(403);
		expect((await post('/sign', 'judge')).status).toBe(403);
	});

	it('[N11][N13] refuses to sign while terms are not agreed, and a side cannot accept its own proposal', async () => {
		const sign = await post('/sign', 'labour-chief');
		expect(sign.status).toBe(409);
		expect(String(sign.json.error)).toContain('未达成一致');
		expect(
			(await post('/terms', 'labour-chief', { act: 'accept', terms: ['seniorityPerYear'] })).status
		).toBe(409);
	});

	it('[N14][N16][A4][D6][Y12] locks the table for everyone once both chiefs sign the agreed draft', async () => {
		const ids = (await (
			await fetch(`${server.url}/api/match/${matchId}/offers`, {
				headers: { cookie: cookies['management-chief']! }
			})
		).json()) as {
			offers: { terms: Record<string, unknown> }[];
		};
		expect(ids.offers).toHaveLength(1);
		// S1's nine agenda items, all proposed by labour's offer.
		const scenarioTerms = [
			'seniorityPerYear',
			'seniorityCapYears',
			'skillLadder',
			'generalIncrease',
			'workdayOvertimePremium',
			'heatAllowance',
			'operatorQuota',
			'contractTerm',
			'innovationAward'
		];
		// Accepting refers to the value the chief saw: a stale view is refused, not silently applied.
		const stale = await post('/terms', 'management-chief', {
			act: 'accept',
			terms: ['seniorityPerYear'],
			seen: { seniorityPerYear: 40 }
		});
		expect(stale.status).toBe(409);
		const accept = await post('/terms', 'management-chief', {
			act: 'accept',
			terms: scenarioTerms,
			seen: { seniorityPerYear: 50 }
		});
		expect(accept.status, JSON.stringify(accept.json)).toBe(200);

		// Formal acts reach every browser through the match's formal document, which the server
		// alone writes: a chief's attempt to fake a state there goes nowhere.
		const formal = table('labour-chief', 'formal');
		await synced(formal);
		await until(
			formal.doc,
			() => readFormal(formal.doc).states.seniorityPerYear?.state === 'agreed',
			'states mirrored'
		);
		const formalWatcher = table('judge', 'formal');
		await synced(formalWatcher);
		formal.doc.getMap('formal').set('status', 'signed');
		// Its awareness travels the same ordered room queue after the update: once the watcher sees
		// it, the server has handled (and dropped) the update.
		formal.provider.awareness.setLocalStateField('barrier', 'faker');
		await new Promise<void>((resolve) => {
			const check = () => {
				if (
					[...formalWatcher.provider.awareness.getStates().values()].some(
						(x) => (x as { barrier?: string }).barrier === 'faker'
					)
				)
					resolve();
			};
			formalWatcher.provider.awareness.on('change', check);
			check();
		});
		expect(readFormal(formalWatcher.doc).status).toBe('running');
		const formalLate = table('judge', 'formal');
		await synced(formalLate);
		expect(readFormal(formalLate.doc).status).toBe('running');

		// A member's client slips an extra clause into the table doc's own agenda: it never reaches
		// what the chiefs sign.
		const member = table('labour-member');
		await synced(member);
		member.doc.transact(() => {
			member.doc
				.getArray('agenda')
				.push([
					{ id: 'strikeWaiver', title: '放弃罢工', kind: 'clause', current: '职工放弃一切集体行动' }
				]);
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('职工放弃一切集体行动')]);
			member.doc.getXmlFragment('richClause:strikeWaiver').insert(0, [p]);
		});
		const seen = table('judge');
		await synced(seen);
		await until(
			seen.doc,
			() => seen.doc.getArray('agenda').length === 10,
			'the injected clause reached the server'
		);

		const first = await post('/sign', 'labour-chief');
		expect(first.json).toEqual({ complete: false, hash: null });
		// A double click: two simultaneous signatures complete the agreement once, both answered 200.
		const [second, twice] = await Promise.all([
			post('/sign', 'management-chief'),
			post('/sign', 'management-chief')
		]);
		expect([second.status, twice.status]).toEqual([200, 200]);
		expect(second.json.complete).toBe(true);
		expect(twice.json.hash).toBe(second.json.hash);
		expect(String(second.json.hash)).toMatch(/^[0-9a-f]{64}$/);
		expect(await rowOf(db, 'SELECT COUNT(*) AS n FROM agreements')).toEqual({ n: 1 });
		const agreement = (await rowOf(
			db,
			'SELECT body FROM agreements WHERE match_id = ?',
			matchId
		)) as {
			body: string;
		};
		const body = JSON.parse(agreement.body);
		expect(body.terms.seniorityPerYear).toBe(50);
		expect(Object.keys(body.clauses)).toEqual(['innovationAward']);
		expect(await rowOf(db, 'SELECT status FROM matches WHERE id = ?', matchId)).toEqual({
			status: 'signed'
		});

		// A later edit from a chief who was connected all along is dropped…
		const old = clients.find((c) => c.provider.wsconnected)!;
		setTermValue(old.doc, 'seniorityPerYear', 150, 'late');
		// …as is one from a fresh connection (now read-only).
		const fresh = table('labour-chief');
		await synced(fresh);
		setTermValue(fresh.doc, 'seniorityCapYears', 20, 'late');
		// An awareness round-trip through the same room queue orders the check after both updates.
		fresh.provider.awareness.setLocalStateField('barrier', 'probe');
		const watcher = table('judge');
		await synced(watcher);
		await new Promise<void>((resolve) => {
			const check = () => {
				if (
					[...watcher.provider.awareness.getStates().values()].some(
						(s) => (s as { barrier?: string }).barrier === 'probe'
					)
				)
					resolve();
			};
			watcher.provider.awareness.on('change', check);
			check();
		});
		const late = table('management-chief');
		await synced(late);
		expect(readValues(late.doc).seniorityPerYear).toBe(50);
		expect(readValues(late.doc).seniorityCapYears).toBe(10);
		// And the agreement exports as a Word document with the agreed figure.
		const docx = await fetch(`${server.url}/api/match/${matchId}/agreement.docx`, {
			headers: { cookie: cookies.judge! }
		});
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toContain('wordprocessingml');
	});
});

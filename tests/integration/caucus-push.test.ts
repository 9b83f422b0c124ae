import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import type { Role } from '../../src/lib/server/events/events.ts';
import { readTerm, readValues, setTermValue } from '../../src/lib/collab/table-doc.ts';
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
		name: '内部磋商推送',
		kind: 'training',
		organizerId: null,
		teams: ['L', 'M']
	});
	matchId = seeded.matchId;
	Object.assign(
		cookies,
		await seatCookies(db, matchId, ['labour-chief', 'labour-member', 'management-chief'] as const)
	);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

async function open(role: Role, doc: string): Promise<Client> {
	const c = connectClient(server.wsUrl, `match/${matchId}/${doc}`, new Y.Doc(), cookies[role]);
	clients.push(c);
	await synced(c);
	return c;
}

async function call(method: 'GET' | 'POST', role: Role, path: string, body?: unknown) {
	const res = await fetch(`${server.url}${path}`, {
		method,
		headers: { 'content-type': 'application/json', cookie: cookies[role]! },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	return {
		status: res.status,
		json: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>
	};
}

const push = `/api/match/${'$'}/push`;
const api = (p: string) => p.replace('$', matchId);

describe('推送到协议草案 from a caucus', () => {
	it('[D8] copies the table as it is, pushes only what the caucus changed, previews it, and never overwrites the table’s own changes unasked', async () => {
		const table = await open('management-chief', 'table');
		// Before anyone opens the caucus, both sides have moved the table away from the case (S1:
		// seniority 30 → 40 by labour, cap 10 → 12 by management).
		setTermValue(table.doc, 'seniorityPerYear', 40, 'labour-chief');
		setTermValue(table.doc, 'seniorityCapYears', 12, 'management-chief');
		const labourTable = await open('labour-chief', 'table');
		await until(
			labourTable.doc,
			() => readValues(labourTable.doc).seniorityCapYears === 12,
			'table edits stored'
		);

		// Opening the caucus page takes the working copy from the table, not from the case.
		expect((await call('GET', 'labour-chief', `/match/${matchId}/caucus/labour`)).status).toBe(200);
		const caucus = await open('labour-chief', 'caucus/labour');
		expect(readValues(caucus.doc).seniorityPerYear).toBe(40);
		expect(readValues(caucus.doc).seniorityCapYears).toBe(12);

		// The caucus works: seniority 50 and a 3 % raise. Meanwhile management sets the raise to 1 %
		// at the table (a conflict) and the quota to 500 (the caucus never touched it).
		setTermValue(caucus.doc, 'seniorityPerYear', 50, 'labour-member');
		setTermValue(caucus.doc, 'generalIncrease', 0.03, 'labour-member');
		setTermValue(table.doc, 'generalIncrease', 0.01, 'management-chief');
		setTermValue(table.doc, 'operatorQuota', 500, 'management-chief');
		const watcher = await open('labour-member', 'caucus/labour');
		await until(
			watcher.doc,
			() => readValues(watcher.doc).generalIncrease === 0.03,
			'caucus edits stored'
		);
		await until(
			labourTable.doc,
			() => readValues(labourTable.doc).operatorQuota === 500,
			'table edits stored'
		);

		// The preview lists exactly the two terms the caucus changed, with the table's value and who set it.
		const preview = await call('GET', 'labour-chief', api(push));
		expect(preview.status).toBe(200);
		expect(preview.json.rows).toEqual([
			{
				termId: 'seniorityPerYear',
				title: '工龄工资标准',
				tableValue: 40,
				tableBy: 'labour-chief',
				caucusValue: 50,
				isConflict: false
			},
			{
				termId: 'generalIncrease',
				title: '普调增资幅度（基本工资与岗位工资）',
				tableValue: 0.01,
				tableBy: 'management-chief',
				caucusValue: 0.03,
				isConflict: true
			}
		]);

		// Confirming without ticking the conflict writes the one clean term and leaves the rest alone.
		const first = await call('POST', 'labour-chief', api(push), {
			action: 'push',
			terms: ['seniorityPerYear', 'generalIncrease'],
			overwrite: []
		});
		expect(first.json).toEqual({ changed: ['seniorityPerYear'], conflicts: ['generalIncrease'] });
		await until(
			labourTable.doc,
			() => readValues(labourTable.doc).seniorityPerYear === 50,
			'push reached the table'
		);
		const after = readValues(labourTable.doc);
		expect([after.seniorityCapYears, after.generalIncrease, after.operatorQuota]).toEqual([
			12, 0.01, 500
		]);
		expect(readTerm(labourTable.doc, 'seniorityPerYear')?.by).toBe('labour-chief');
		expect(readTerm(labourTable.doc, 'seniorityCapYears')?.by).toBe('management-chief');

		// Ticked, the conflict is overwritten; a third preview has nothing left.
		const second = await call('POST', 'labour-chief', api(push), {
			action: 'push',
			terms: ['generalIncrease'],
			overwrite: ['generalIncrease']
		});
		expect(second.json).toEqual({ changed: ['generalIncrease'], conflicts: [] });
		await until(
			labourTable.doc,
			() => readValues(labourTable.doc).generalIncrease === 0.03,
			'overwrite reached the table'
		);
		expect((await call('GET', 'labour-chief', api(push))).json.rows).toEqual([]);
	});

	it('[N1][D8] refuses an out-of-range caucus value with the reason in Chinese and writes nothing', async () => {
		const caucus = await open('labour-member', 'caucus/labour');
		const table = await open('labour-chief', 'table');
		// S1 caps the cap at 0–30 years.
		setTermValue(caucus.doc, 'seniorityCapYears', 99, 'labour-member');
		setTermValue(caucus.doc, 'seniorityPerYear', 60, 'labour-member');
		const watcher = await open('labour-chief', 'caucus/labour');
		await until(
			watcher.doc,
			() => readValues(watcher.doc).seniorityCapYears === 99,
			'caucus edit stored'
		);
		const r = await call('POST', 'labour-chief', api(push), {
			action: 'push',
			terms: ['seniorityPerYear', 'seniorityCapYears'],
			overwrite: []
		});
		expect(r.status).toBe(422);
		expect(String(r.json.error)).toContain('工龄工资封顶年限');
		expect(readValues(table.doc).seniorityCapYears).toBe(12);
		expect(readValues(table.doc).seniorityPerYear).toBe(50);
	});

	it('[A12][D8] lets only the chief push; any member may take a fresh copy of the table', async () => {
		expect((await call('GET', 'labour-member', api(push))).status).toBe(403);
		expect(
			(
				await call('POST', 'labour-member', api(push), {
					action: 'push',
					terms: ['seniorityPerYear']
				})
			).status
		).toBe(403);
		expect((await call('POST', 'management-chief', api(push), { action: 'copy' })).status).toBe(
			200
		);
		const copy = await call('POST', 'labour-member', api(push), { action: 'copy' });
		expect(copy.status).toBe(200);
		const caucus = await open('labour-member', 'caucus/labour');
		await until(caucus.doc, () => readValues(caucus.doc).seniorityCapYears === 12, 'fresh copy');
		expect((await call('GET', 'labour-chief', api(push))).json.rows).toEqual([]);
	});
});

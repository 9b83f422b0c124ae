/**
 * What no participant and no visitor may do to a room or the process: nest a clause thousands of
 * levels deep, flood updates, grow a document without bound, or speak for someone else's presence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { clauseFragment, clausePlainText } from '../../src/lib/collab/rich-clause.ts';
import {
	connectClient,
	rawSocket,
	seatCookies,
	startServerProcess,
	synced,
	tempDbPath,
	until,
	upgradeStatus,
	type Client,
	type ServerProcess,
	seedMatch,
	testDatabase,
	rowOf,
	type TestDatabase
} from './harness.ts';

const KiB = 1024;
let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let matchId = '';
let cookies: Record<'observer' | 'management-chief' | 'labour-chief', string>;
const clients: Client[] = [];
const client = (doc: string, cookie?: string) => {
	const c = connectClient(server.wsUrl, doc, new Y.Doc(), cookie);
	clients.push(c);
	return c;
};

beforeAll(async () => {
	testDb = await testDatabase();
	const DATABASE_PATH = testDb.env.DATABASE_PATH;
	// Small quotas so the test reaches them with a few frames.
	server = await startServerProcess({
		DATABASE_PATH,
		MAX_DOC_BYTES: String(256 * KiB),
		MAX_HISTORY_BYTES: String(512 * KiB)
	});
	db = testDb.db;
	const seeded = await seedMatch(db, {
		name: '压力',
		kind: 'training',
		organizerId: null,
		teams: ['L', 'M']
	});
	matchId = seeded.matchId;
	cookies = await seatCookies(db, matchId, [
		'observer',
		'management-chief',
		'labour-chief'
	] as const);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

/** A y-websocket sync message carrying one update (type 0 sync, sub-type 2 update). */
function updateMessage(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

function awarenessMessage(entries: { id: number; clock: number; state: unknown }[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const x of entries) {
		encoding.writeVarUint(inner, x.id);
		encoding.writeVarUint(inner, x.clock);
		encoding.writeVarString(inner, JSON.stringify(x.state));
	}
	encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
	return encoding.toUint8Array(e);
}

/** A clause nested `levels` elements deep, as one update from a fresh client. */
function nestedClause(id: string, levels: number): Uint8Array {
	const doc = new Y.Doc();
	doc.transact(() => {
		let p: Y.XmlFragment | Y.XmlElement = clauseFragment(doc, id);
		for (let i = 0; i < levels; i++) {
			const el = new Y.XmlElement('paragraph');
			p.insert(0, [el]);
			p = el;
		}
		p.insert(0, [new Y.XmlText('深')]);
	});
	return Y.encodeStateAsUpdate(doc);
}

const reason = (ws: WebSocket) =>
	new Promise<{ code: number; reason: string }>((r) =>
		ws.once('close', (code, why) => r({ code, reason: why.toString() }))
	);

describe('room limits', () => {
	it('[Y8] refuses a clause nested 20,000 elements deep before storing it, and only closes its sender', async () => {
		const watcher = client('demo/deep');
		await synced(watcher);
		const bad = await rawSocket(server.wsUrl, 'demo/deep');
		const closed = reason(bad);
		bad.send(updateMessage(nestedClause('c', 20_000)));
		expect(await closed).toEqual({ code: 1008, reason: 'nesting too deep' });
		// A list inside a clause (fragment > list > item > paragraph > text) is ordinary and passes.
		watcher.doc.transact(() => {
			const list = new Y.XmlElement('bulletList');
			clauseFragment(watcher.doc, 'ok').insert(0, [list]);
			const item = new Y.XmlElement('listItem');
			list.insert(0, [item]);
			const p = new Y.XmlElement('paragraph');
			item.insert(0, [p]);
			p.insert(0, [new Y.XmlText('正常')]);
		});
		const late = client('demo/deep');
		await synced(late);
		await until(
			late.doc,
			() => clausePlainText(clauseFragment(late.doc, 'ok')) === '正常',
			'ordinary list stored'
		);
		expect(clauseFragment(late.doc, 'c').length).toBe(0);
	});

	it('[Y11] keeps other rooms and /healthz answering while one anonymous client floods 50,000 updates, and closes only that client', async () => {
		// Two neighbours in another room, and the flooding client's updates prepared beforehand.
		const a = client('demo/neighbour');
		const b = client('demo/neighbour');
		await Promise.all([synced(a), synced(b)]);
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (u: Uint8Array) => updates.push(updateMessage(u)));
		const m = source.getMap('m');
		for (let i = 0; i < 50_000; i++) m.set('k', i);
		const flooder = await rawSocket(server.wsUrl, 'demo/table');
		const closed = reason(flooder);

		for (const u of updates) flooder.send(u);
		// While the server takes the flood in: /healthz and an edit in the other room, timed.
		const t0 = performance.now();
		const health = await fetch(`${server.url}/healthz`);
		const healthMs = performance.now() - t0;
		const t1 = performance.now();
		a.doc.getText('t').insert(0, '在线');
		await until(b.doc, () => b.doc.getText('t').toString() === '在线', 'edit in another room');
		const editMs = performance.now() - t1;

		expect(health.status).toBe(200);
		// Generous bounds for a shared 2-core machine; without the limits both took about 10 s.
		expect(healthMs).toBeLessThan(2_000);
		expect(editMs).toBeLessThan(3_000);
		expect((await closed).code).toBe(1008);
		// The room itself still works for everyone else.
		const visitor = client('demo/table');
		await synced(visitor);
		visitor.doc.getMap('m').set('ok', 1);
		const other = client('demo/table');
		await synced(other);
		await until(other.doc, () => other.doc.getMap('m').get('ok') === 1, 'demo table still relays');
	});

	it('[Y9] refuses growth past the document quota with a clear close reason, and still takes deletions', async () => {
		const c = client('demo/quota');
		await synced(c);
		const raw = await rawSocket(server.wsUrl, 'demo/quota');
		const closed = reason(raw);
		const doc = new Y.Doc();
		const sent: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => sent.push(u));
		// 100 KiB of text per frame: the third would take the document past 256 KiB.
		for (let i = 0; i < 3; i++) doc.getText('t').insert(0, 'x'.repeat(100 * KiB));
		for (const u of sent) raw.send(updateMessage(u));
		expect(await closed).toEqual({ code: 1009, reason: 'document size limit reached' });
		await until(c.doc, () => c.doc.getText('t').length === 200 * KiB, 'the first two frames');
		// Deleting is how a full document shrinks: it is accepted.
		c.doc.getText('t').delete(0, 150 * KiB);
		const d = client('demo/quota');
		await synced(d);
		await until(d.doc, () => d.doc.getText('t').length === 50 * KiB, 'deletion stored');
	});

	it('[Y10] bounds the kept history of a match table even when the document itself stays small', async () => {
		const chief = client(`match/${matchId}/table`, cookies['labour-chief']);
		await synced(chief);
		const raw = await rawSocket(server.wsUrl, `match/${matchId}/table`, {
			cookie: cookies['labour-chief']
		});
		const closed = reason(raw);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(chief.doc));
		const sent: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => sent.push(u));
		// Insert 100 KiB and delete it again, six times: the table stays small, its history does not
		// (600 KiB of inserts > 512 KiB).
		for (let i = 0; i < 6; i++) {
			doc.getText('scratch').insert(0, 'y'.repeat(100 * KiB));
			doc.getText('scratch').delete(0, 100 * KiB);
		}
		for (const u of sent) raw.send(updateMessage(u));
		expect(await closed).toEqual({ code: 1009, reason: 'document history limit reached' });
		const kept = (await rowOf(
			db,
			'SELECT SUM(length(data)) AS n FROM doc_history WHERE doc = ?',
			`match/${matchId}/table`
		)) as { n: number };
		expect(kept.n).toBeLessThanOrEqual(512 * KiB);
	});

	it('[A11] shows presence with the seat’s name and role, never for another connection’s client id', async () => {
		const chief = client(`match/${matchId}/table`, cookies['management-chief']);
		const watcher = client(`match/${matchId}/table`, cookies['labour-chief']);
		await Promise.all([synced(chief), synced(watcher)]);
		// The chief calls themself something else than the name on the seat: the seat wins.
		chief.provider.awareness.setLocalStateField('user', { name: '王经理', color: '#1d4ed8' });
		const chiefId = chief.provider.awareness.clientID;
		const seen = () =>
			watcher.provider.awareness.getStates() as Map<
				number,
				{ user?: { name?: string; role?: string } }
			>;
		const arrives = (check: () => boolean, what: string) =>
			new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`${what} never arrived`)), 10_000);
				const on = () => {
					if (!check()) return;
					clearTimeout(timer);
					watcher.provider.awareness.off('change', on);
					resolve();
				};
				watcher.provider.awareness.on('change', on);
				on();
			});
		await arrives(() => seen().has(chiefId), 'chief presence');
		// The observer claims to be the management chief, overwrites the chief's own state, and
		// announces a second identity.
		const observer = await rawSocket(server.wsUrl, `match/${matchId}/table`, {
			cookie: cookies.observer
		});
		observer.send(
			awarenessMessage([
				{
					id: 424242,
					clock: 1,
					state: { user: { name: '企业首席代表', role: 'management-chief', color: '#000000' } }
				},
				{ id: chiefId, clock: 99, state: { user: { name: '冒充', color: '#000000' } } },
				{ id: 434343, clock: 1, state: { user: { name: '第二个身份', color: '#000000' } } }
			])
		);
		await arrives(() => seen().has(424242), 'observer presence');
		// seatCookies names each person after their role.
		expect(seen().get(424242)?.user).toMatchObject({ name: 'observer', role: 'observer' });
		expect(seen().get(chiefId)?.user).toMatchObject({
			name: 'management-chief',
			role: 'management-chief'
		});
		expect(seen().has(434343)).toBe(false);
		observer.close();
	});
});

describe('demo table switched off', () => {
	it('[A7] closes the open demo table when XS_DEMO=0, and the home page no longer offers it', async () => {
		const off = await startServerProcess({
			DATABASE_PATH: tempDbPath(),
			XS_DEMO: '0',
			OPEN_DEMO_DOCS: '0'
		});
		const on = await startServerProcess({ DATABASE_PATH: tempDbPath(), OPEN_DEMO_DOCS: '0' });
		try {
			expect(await upgradeStatus(off.port, '/yjs/demo/table')).toBe(403);
			expect(await upgradeStatus(on.port, '/yjs/demo/table')).toBe(101);
			const home = async (url: string) => (await fetch(`${url}/`)).text();
			const offPage = await home(off.url);
			expect(offPage).toContain('欢迎使用协商工作台');
			expect(offPage).not.toContain('data-doc="demo/table"');
			expect(await home(on.url)).not.toContain('欢迎使用协商工作台');
		} finally {
			await off.kill();
			await on.kill();
		}
	});
});

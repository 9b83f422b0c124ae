/**
 * The DocStore contract on a real PostgreSQL (started here, stopped by PID), plus what several
 * instances sharing one database need from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pg from 'pg';
import { docStoreContract } from '../../src/lib/server/storage/doc-store.contract.ts';
import { PostgresDocStore } from '../../src/lib/server/storage/doc-store-pg.ts';
import { startPostgres, type PostgresService } from '../services/postgres.ts';

let pgsvc: PostgresService;
const stores: PostgresDocStore[] = [];
beforeAll(async () => {
	pgsvc = await startPostgres();
});
afterAll(async () => {
	await Promise.all(stores.map((s) => s.close().catch(() => {})));
	await pgsvc?.stop();
});
const open = async (url: string) => {
	const s = await PostgresDocStore.open(url, 4);
	stores.push(s);
	return s;
};

docStoreContract(
	'postgresql',
	async () => {
		const url = await pgsvc.freshSchema();
		return { store: await open(url), reopen: () => open(url), peer: () => open(url) };
	},
	true
);

const bytes = (...xs: number[]) => new Uint8Array(xs);

describe('PostgreSQL DocStore for several instances', () => {
	it('[Y15] numbers each document’s updates 1, 2, 3 … without gaps, whatever other documents do', async () => {
		const a = await open(await pgsvc.freshSchema());
		expect(await a.append('x', bytes(1))).toBe(1);
		expect(await a.append('y', bytes(1))).toBe(1);
		expect(await a.append('x', bytes(2))).toBe(2);
		await a.create('z', bytes(0));
		expect(await a.append('z', bytes(1))).toBe(1);
		expect(await a.append('x', bytes(3))).toBe(3);
	});

	it('[Y17] stores the appends of one tick in one commit, numbered per document in arrival order', async () => {
		const url = await pgsvc.freshSchema();
		const a = await open(url);
		// 30 appends issued in one tick, round-robin over 3 documents: each document gets 1…10.
		const seqs = await Promise.all(
			Array.from({ length: 30 }, (_, i) => a.append(`doc${i % 3}`, bytes(i), i % 2 === 0))
		);
		expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => Math.floor(i / 3) + 1));
		// Rows written by one transaction share its xmin: one commit for the 30.
		const c = new pg.Client({ connectionString: url });
		await c.connect();
		try {
			const { rows } = await c.query<{ n: number }>(
				'SELECT count(DISTINCT xmin::text)::int AS n FROM doc_updates'
			);
			expect(rows[0]!.n).toBe(1);
		} finally {
			await c.end();
		}
		// The log of doc1 holds i = 1, 4, 7 … 28 in that order; history only the even i of doc0.
		const d1 = await a.load('doc1');
		expect(d1!.updates.map((u) => u.data[0])).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
		expect((await a.history('doc0')).map((h) => h.data[0])).toEqual([0, 6, 12, 18, 24]);
	});

	it('[Y15] gives concurrent appends from two instances distinct, gap-free numbers', async () => {
		const url = await pgsvc.freshSchema();
		const [a, b] = [await open(url), await open(url)];
		// 2 instances × 40 appends to one document, all in flight at once: numbers 1…80, each once.
		const seqs = await Promise.all(
			Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).append('d', bytes(i)))
		);
		expect([...seqs].sort((p, q) => p - q)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
	});

	it('[Y15] tells an instance that holds updates up to n exactly what it lacks, also after compaction', async () => {
		const a = await open(await pgsvc.freshSchema());
		await a.create('t', bytes(0));
		for (let i = 1; i <= 5; i++) await a.append('t', bytes(i));
		expect(await a.since('t', 3)).toEqual({
			snapshot: null,
			updates: [
				{ seq: 4, data: bytes(4) },
				{ seq: 5, data: bytes(5) }
			],
			headSeq: 5
		});
		await a.compact('t', bytes(9, 4), 4);
		// Update 4 now lives only in the snapshot: a copy at 3 gets the snapshot and update 5.
		expect(await a.since('t', 3)).toEqual({
			snapshot: bytes(9, 4),
			updates: [{ seq: 5, data: bytes(5) }],
			headSeq: 5
		});
		// A copy at 4 already has what the snapshot holds.
		expect(await a.since('t', 4)).toEqual({
			snapshot: null,
			updates: [{ seq: 5, data: bytes(5) }],
			headSeq: 5
		});
		expect(await a.since('t', 5)).toEqual({ snapshot: null, updates: [], headSeq: 5 });
		expect(await a.since('missing', 0)).toBeNull();
	});

	it('[Y15] ignores a stale compaction that covers less than the stored snapshot', async () => {
		const a = await open(await pgsvc.freshSchema());
		for (let i = 1; i <= 4; i++) await a.append('s', bytes(i));
		await a.compact('s', bytes(7, 3), 3);
		// Another instance, slower, compacts through 2: it must neither replace nor drop anything.
		await a.compact('s', bytes(7, 2), 2);
		expect(await a.load('s')).toEqual({
			snapshot: bytes(7, 3),
			updates: [{ seq: 4, data: bytes(4) }]
		});
	});

	it('[Y15] never loses an update while two instances append and a third compacts from the stored state', async () => {
		const url = await pgsvc.freshSchema();
		const [a, b, c] = [await open(url), await open(url), await open(url)];
		const writer = async (store: PostgresDocStore, name: string) => {
			const doc = new Y.Doc();
			doc.on('update', (u: Uint8Array) => void pending.push(store.append('doc', u)));
			const pending: Promise<number>[] = [];
			for (let i = 0; i < 60; i++) {
				doc.getArray<string>('log').push([`${name}${i}`]);
				// Let a few appends overlap, as updates from many clients do.
				if (i % 5 === 4) await Promise.all(pending.splice(0));
			}
			await Promise.all(pending);
		};
		let writing = true;
		let compactions = 0;
		// The compactor folds exactly what one consistent read returned, through its head.
		const compactor = (async () => {
			while (writing) {
				const tail = await c.since('doc', 0);
				if (tail && tail.updates.length > 0) {
					const parts = tail.snapshot
						? [tail.snapshot, ...tail.updates.map((u) => u.data)]
						: tail.updates.map((u) => u.data);
					await c.compact('doc', Y.mergeUpdates(parts), tail.headSeq);
					compactions++;
				}
			}
		})();
		await Promise.all([writer(a, 'a'), writer(b, 'b')]);
		writing = false;
		await compactor;
		expect(compactions).toBeGreaterThan(0);
		const stored = (await b.load('doc'))!;
		const doc = new Y.Doc();
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u.data);
		const log = new Set(doc.getArray<string>('log').toArray());
		// 2 writers × 60 entries = 120, every one of them still there.
		expect(log.size).toBe(120);
	});
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from './db.ts';
import { migrations } from './migrations/index.ts';
import { MemoryDocStore, SqliteDocStore } from './doc-store.ts';
import { docStoreContract } from './doc-store.contract.ts';

const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.open && db.close()));

docStoreContract(
	'sqlite',
	async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'xs-store-')), 'test.db');
		const db = openDatabase(path);
		opened.push(db);
		return {
			store: new SqliteDocStore(db),
			reopen: async () => {
				db.close();
				const again = openDatabase(path);
				opened.push(again);
				return new SqliteDocStore(again);
			},
			peer: async () => {
				const other = openDatabase(path);
				opened.push(other);
				return new SqliteDocStore(other);
			}
		};
	},
	true
);

docStoreContract('memory', async () => ({ store: new MemoryDocStore() }), false);

describe('the SQLite document log, numbered per document', () => {
	it('[Y61] numbers an append after a compaction that dropped every row above the snapshot', async () => {
		const db = openDatabase(':memory:');
		opened.push(db);
		const store = new SqliteDocStore(db);
		// Per-document numbers: 1, 2 for 'a'; 'b' has its own 1.
		expect(await store.append('a', new Uint8Array([1]))).toBe(1);
		expect(await store.append('b', new Uint8Array([9]))).toBe(1);
		expect(await store.append('a', new Uint8Array([2]))).toBe(2);
		// Compaction drops rows 1–2 of 'a': the log holds none of 'a', the snapshot covers 2.
		await store.compact('a', new Uint8Array([1, 2]), 2);
		// The next number must be above 2, or load (seq > through_seq) would hide the update.
		expect(await store.append('a', new Uint8Array([3]))).toBe(3);
		const loaded = await store.load('a');
		expect(loaded?.updates.map((u) => [u.seq, ...u.data])).toEqual([[3, 3]]);
	});

	it('[Y61] version 9 keeps the rows and numbers of a file written with the old log', () => {
		const v8 = migrations.filter((m) => m.version <= 8);
		const db = openDatabase(':memory:', v8);
		opened.push(db);
		db.prepare("INSERT INTO docs (name, created_at) VALUES ('a', 0)").run();
		const insert = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)');
		// Old global numbers: a=1, b=2, a=3.
		for (const [doc, byte] of [
			['a', 1],
			['b', 2],
			['a', 3]
		] as const)
			insert.run(doc, Buffer.from([byte]));
		migrate(db);
		const rows = db.prepare('SELECT doc, seq, data FROM doc_updates ORDER BY doc, seq').all();
		expect(rows).toEqual([
			{ doc: 'a', seq: 1, data: Buffer.from([1]) },
			{ doc: 'a', seq: 3, data: Buffer.from([3]) },
			{ doc: 'b', seq: 2, data: Buffer.from([2]) }
		]);
		// Appends continue after the document's highest old number (3 for 'a', 2 for 'b').
		const store = new SqliteDocStore(db);
		return Promise.all([
			store.append('a', new Uint8Array([4])),
			store.append('b', new Uint8Array([5]))
		]).then((seqs) => expect(seqs).toEqual([4, 3]));
	});
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from './db.ts';
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

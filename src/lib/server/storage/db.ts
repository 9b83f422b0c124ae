import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

/**
 * Opens (creating its directory and file when missing) the SQLite database and brings its schema
 * up to date. WAL + synchronous=NORMAL: a committed write survives the process being killed
 * (the WAL is in the OS page cache), which is the crash model we promise; power loss may lose the
 * last transactions.
 */
export function openDatabase(path: string, list: Migration[] = migrations): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db, list);
	return db;
}

export function migrate(db: Db, list: Migration[] = migrations): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	const pending = list.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
	for (const m of pending) {
		db.transaction(() => {
			db.exec(m.sql);
			db.pragma(`user_version = ${m.version}`);
		})();
	}
}

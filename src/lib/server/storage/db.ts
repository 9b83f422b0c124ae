import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

/** The database cannot be used as it is; the message is one line that names DATABASE_PATH. */
export class DatabaseError extends Error {}

/**
 * Opens (creating its directory and file when missing) the SQLite database and brings its schema
 * up to date. WAL + synchronous=NORMAL: a committed write survives the process being killed
 * (the WAL is in the OS page cache), which is the crash model we promise; power loss may lose the
 * last transactions.
 *
 * Only a missing file is a fresh install. A file that exists but is empty, is not a SQLite
 * database, fails the integrity check, or was written by a newer version of this program is
 * refused with a DatabaseError: treating it as empty would open /setup to the first visitor, and
 * writing to it would make the damage worse.
 */
export function openDatabase(path: string, list: Migration[] = migrations): Db {
	const where = `DATABASE_PATH=${path}`;
	if (path !== ':memory:') {
		if (existsSync(path)) {
			const st = statSync(path);
			if (!st.isFile()) throw new DatabaseError(`${where} is not a file`);
			if (st.size === 0) {
				throw new DatabaseError(
					`${where} is an empty file (0 bytes), not a database: restore it from a backup, or delete it to start a fresh install`
				);
			}
		} else mkdirSync(dirname(path), { recursive: true });
	}
	let db: Db | null = null;
	try {
		db = new Database(path);
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		// quick_check reads every page (damaged pages, broken b-trees) without the slower index checks.
		// A row may hold several lines (one per damaged page); the operator gets one line.
		const problems = (db.pragma('quick_check', { simple: false }) as { quick_check: string }[]).map(
			(r) => r.quick_check.replace(/\s*\n\s*/g, ' ')
		);
		if (problems.length !== 1 || problems[0] !== 'ok') {
			throw new DatabaseError(
				`${where} is damaged (integrity check: ${problems.slice(0, 3).join('; ')}): restore it from a backup`
			);
		}
		const version = db.pragma('user_version', { simple: true }) as number;
		const known = Math.max(0, ...list.map((m) => m.version));
		if (version > known) {
			throw new DatabaseError(
				`${where} was written by a newer version of Xieshang (schema ${version}, this one knows up to ${known}): upgrade Xieshang, or use another DATABASE_PATH`
			);
		}
		migrate(db, list);
		return db;
	} catch (err) {
		db?.close();
		if (err instanceof DatabaseError) throw err;
		const code = (err as { code?: string }).code;
		if (code === 'SQLITE_NOTADB')
			throw new DatabaseError(
				`${where} is not a SQLite database: check the path, or restore the file from a backup`
			);
		if (code === 'SQLITE_CORRUPT')
			throw new DatabaseError(
				`${where} is damaged (${(err as Error).message}): restore it from a backup`
			);
		if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
			throw new DatabaseError(
				`${where} cannot be opened for writing (${(err as Error).message}): check the path and its permissions`
			);
		}
		throw err;
	}
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

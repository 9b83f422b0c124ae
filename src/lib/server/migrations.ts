/**
 * Numbered schema migrations. The database's `PRAGMA user_version` records the last one applied;
 * a migration is never edited once it has shipped: add a new one instead.
 */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const migrations: Migration[] = [
	{
		version: 1,
		name: 'yjs document storage',
		sql: `
			CREATE TABLE docs (
				name TEXT PRIMARY KEY,
				created_at INTEGER NOT NULL
			);
			-- Append-only log of Yjs updates, compacted into doc_snapshots in the background.
			CREATE TABLE doc_updates (
				seq INTEGER PRIMARY KEY AUTOINCREMENT,
				doc TEXT NOT NULL,
				data BLOB NOT NULL
			);
			CREATE INDEX doc_updates_by_doc ON doc_updates (doc, seq);
			CREATE TABLE doc_snapshots (
				doc TEXT PRIMARY KEY,
				data BLOB NOT NULL,
				through_seq INTEGER NOT NULL,
				updated_at INTEGER NOT NULL
			);
		`
	}
];

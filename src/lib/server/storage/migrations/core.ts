/** Versions 1–2: document storage, accounts, events and seats. */
import type { Migration } from './index.ts';

export const coreMigrations: Migration[] = [
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
			-- Every update of documents that are replayed after the fact (match tables), with its time;
			-- never compacted. A match produces a few thousand small updates at most.
			CREATE TABLE doc_history (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				doc TEXT NOT NULL,
				at INTEGER NOT NULL,
				data BLOB NOT NULL
			);
			CREATE INDEX doc_history_by_doc ON doc_history (doc, id);
			CREATE TABLE doc_snapshots (
				doc TEXT PRIMARY KEY,
				data BLOB NOT NULL,
				through_seq INTEGER NOT NULL,
				updated_at INTEGER NOT NULL
			);
		`
	},
	{
		version: 2,
		name: 'organizers, sessions, events, teams, matches, seats, audit log',
		sql: `
			CREATE TABLE users (
				id TEXT PRIMARY KEY,
				login TEXT NOT NULL UNIQUE COLLATE NOCASE,
				display_name TEXT NOT NULL,
				password_hash TEXT NOT NULL,
				created_at INTEGER NOT NULL
			);
			-- A browser session: an organizer login, a seat bound by a join code, or both.
			-- Only a hash of the cookie token is stored, so a copy of the database cannot log in.
			CREATE TABLE sessions (
				id TEXT PRIMARY KEY,
				token_hash TEXT NOT NULL UNIQUE,
				user_id TEXT REFERENCES users (id),
				seat_id TEXT REFERENCES seats (id),
				display_name TEXT,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL,
				revoked_at INTEGER
			);
			CREATE TABLE events (
				id TEXT PRIMARY KEY,
				name TEXT NOT NULL,
				kind TEXT NOT NULL CHECK (kind IN ('competition', 'training', 'negotiation')),
				scenario_id TEXT NOT NULL,
				members_per_side INTEGER NOT NULL DEFAULT 4,
				settings TEXT NOT NULL DEFAULT '{}',
				created_by TEXT REFERENCES users (id),
				created_at INTEGER NOT NULL
			);
			CREATE TABLE event_organizers (
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				user_id TEXT NOT NULL REFERENCES users (id),
				PRIMARY KEY (event_id, user_id)
			);
			CREATE TABLE teams (
				id TEXT PRIMARY KEY,
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				name TEXT NOT NULL,
				affiliation TEXT NOT NULL DEFAULT '',
				UNIQUE (event_id, name)
			);
			CREATE TABLE rounds (
				id TEXT PRIMARY KEY,
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				number INTEGER NOT NULL,
				UNIQUE (event_id, number)
			);
			CREATE TABLE matches (
				id TEXT PRIMARY KEY,
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
				table_no INTEGER NOT NULL,
				labour_team_id TEXT REFERENCES teams (id),
				management_team_id TEXT REFERENCES teams (id),
				status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'running', 'signed', 'ended')),
				released_labour INTEGER NOT NULL DEFAULT 0,
				released_management INTEGER NOT NULL DEFAULT 0
			);
			-- A seat: one person's place at a match side, or a judge/observer for a match or the
			-- whole event (match_id NULL). The join code is kept so organizers can print it again;
			-- it grants only that seat, and revoking the seat (or reissuing a code) ends it.
			CREATE TABLE seats (
				id TEXT PRIMARY KEY,
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				match_id TEXT REFERENCES matches (id) ON DELETE CASCADE,
				role TEXT NOT NULL CHECK (role IN ('labour-chief', 'labour-member', 'management-chief',
					'management-member', 'judge', 'observer')),
				label TEXT NOT NULL DEFAULT '',
				affiliation TEXT NOT NULL DEFAULT '',
				code TEXT NOT NULL UNIQUE,
				short_code TEXT NOT NULL UNIQUE,
				person_name TEXT,
				joined_at INTEGER,
				revoked_at INTEGER,
				created_at INTEGER NOT NULL
			);
			CREATE INDEX seats_by_match ON seats (match_id);
			CREATE TABLE audit_log (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				event_id TEXT,
				actor TEXT NOT NULL,
				action TEXT NOT NULL,
				detail TEXT NOT NULL DEFAULT '{}',
				at INTEGER NOT NULL
			);
			CREATE INDEX audit_by_event ON audit_log (event_id, id);
			-- The log is append-only: the database itself refuses edits and deletions.
			CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
				BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
			CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
				BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
		`
	}
];

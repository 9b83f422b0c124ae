import type { Migration } from './index.ts';

/** Version 3: offers, term states, signatures, agreements and the match clock. */
export const negotiationMigrations: Migration[] = [
	{
		version: 3,
		name: 'negotiation: offers, term states, signatures, agreements, clock',
		sql: `
			-- A formal offer (提出方案): an immutable snapshot of the whole draft when a chief tabled it.
			CREATE TABLE offers (
				id TEXT PRIMARY KEY,
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				seq INTEGER NOT NULL,
				side TEXT NOT NULL CHECK (side IN ('labour', 'management')),
				kind TEXT NOT NULL CHECK (kind IN ('offer', 'counter')),
				terms TEXT NOT NULL,
				clauses TEXT NOT NULL,
				message TEXT NOT NULL DEFAULT '',
				seat_id TEXT,
				created_by TEXT NOT NULL,
				created_at TEXT NOT NULL,
				UNIQUE (match_id, seq)
			);
			CREATE TRIGGER offers_immutable BEFORE UPDATE ON offers
				BEGIN SELECT RAISE(ABORT, 'offers are immutable'); END;
			-- Where each term stands between the chiefs, and for which value: an agreement is about
			-- a value, so a term whose draft value differs from this one reads as open again.
			CREATE TABLE term_states (
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				term_id TEXT NOT NULL,
				state TEXT NOT NULL CHECK (state IN ('open', 'proposed-labour', 'proposed-management', 'agreed')),
				value TEXT,
				by_name TEXT NOT NULL DEFAULT '',
				at INTEGER NOT NULL,
				PRIMARY KEY (match_id, term_id)
			);
			-- A chief's signature on one exact content (hash of terms + clauses).
			CREATE TABLE signatures (
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				side TEXT NOT NULL CHECK (side IN ('labour', 'management')),
				seat_id TEXT NOT NULL,
				name TEXT NOT NULL,
				content_hash TEXT NOT NULL,
				signed_at TEXT NOT NULL,
				PRIMARY KEY (match_id, side)
			);
			CREATE TABLE agreements (
				match_id TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
				body TEXT NOT NULL,
				hash TEXT NOT NULL,
				signed_at INTEGER NOT NULL
			);
			CREATE TRIGGER agreements_immutable BEFORE UPDATE ON agreements
				BEGIN SELECT RAISE(ABORT, 'a signed agreement is immutable'); END;
			-- The match clock: phases and where the match stands in them (times are server ms).
			CREATE TABLE clocks (
				match_id TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
				state TEXT NOT NULL
			);
		`
	}
];

import type { Migration } from './index.ts';

/** Version 4: rubrics, score sheets, results. */
export const judgingMigrations: Migration[] = [
	{
		version: 4,
		name: 'judging: rubric and rules per event, score sheets, conflict confirmations, frozen results',
		sql: `
			-- One row per event: the rubric and the rules published with it (SPEC S1, S6–S18, S27).
			-- JSON columns hold values validated by the scoring engine's zod schemas on the way in and out.
			CREATE TABLE judging_settings (
				event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
				rubric TEXT NOT NULL,
				method TEXT NOT NULL DEFAULT 'mean' CHECK (method IN ('mean', 'trimmed', 'severity')),
				weight_rubric REAL NOT NULL DEFAULT 70,
				weight_outcome REAL NOT NULL DEFAULT 30,
				no_agreement TEXT NOT NULL DEFAULT 'zero' CHECK (no_agreement IN ('zero', 'last-offers')),
				tie_break TEXT NOT NULL DEFAULT '["total","outcome","rubric","lot"]',
				prizes TEXT NOT NULL,
				individual_awards TEXT NOT NULL,
				ranking TEXT NOT NULL DEFAULT 'separate' CHECK (ranking IN ('separate', 'combined')),
				seed INTEGER NOT NULL,
				released INTEGER NOT NULL DEFAULT 0,
				released_at INTEGER,
				released_by TEXT,
				-- The standings (and the event file they came from) as computed at release: the public
				-- page shows exactly these numbers, whatever happens to the sheets afterwards.
				frozen_results TEXT,
				updated_at INTEGER NOT NULL
			);
			-- One judge's sheet for one side of one match (SPEC S4: at most one per judge and side).
			CREATE TABLE score_sheets (
				id TEXT PRIMARY KEY,
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				judge_seat_id TEXT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
				side TEXT NOT NULL CHECK (side IN ('labour', 'management')),
				team_scores TEXT NOT NULL DEFAULT '{}',
				contestant_scores TEXT NOT NULL DEFAULT '[]',
				comment TEXT NOT NULL DEFAULT '',
				status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
				submitted_at INTEGER,
				updated_at INTEGER NOT NULL,
				UNIQUE (judge_seat_id, match_id, side)
			);
			CREATE INDEX score_sheets_by_event ON score_sheets (event_id, match_id);
			-- An organizer's confirmation that a judge may score a match despite sharing an
			-- affiliation with one of its teams (回避 waived, with the organizer's name on it).
			CREATE TABLE conflict_confirmations (
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				judge_seat_id TEXT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
				team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
				event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
				confirmed_by TEXT NOT NULL,
				confirmed_at INTEGER NOT NULL,
				PRIMARY KEY (match_id, judge_seat_id, team_id)
			);
		`
	}
];

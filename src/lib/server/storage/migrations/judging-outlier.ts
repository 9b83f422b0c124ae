import type { Migration } from './index.ts';

/** Version 6: the event's outlier threshold (S34), a display setting kept apart from the rules. */
export const judgingOutlierMigrations: Migration[] = [
	{
		version: 6,
		name: 'judging: outlier threshold per event',
		sql: `
			-- Rubric points from the panel mean at which the scoreboard flags a sheet (SPEC S34). It
			-- changes no score, so it is not one of the locked rules; a table of its own lets it be set
			-- without a judging_settings row, whose existence means "rules published".
			CREATE TABLE judging_outlier_thresholds (
				event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
				threshold REAL NOT NULL CHECK (threshold > 0 AND threshold <= 100),
				updated_at INTEGER NOT NULL
			);
		`
	}
];

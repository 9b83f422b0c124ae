import type { Migration } from './index.ts';

/** Version 5: a judge's remark (评语) per criterion, beside the one remark per sheet. */
export const judgingCommentsMigrations: Migration[] = [
	{
		version: 5,
		name: 'judging: per-criterion comments on score sheets',
		sql: `
			-- Team criteria's remarks as a JSON object keyed by criterion id. Individual criteria's
			-- remarks travel with each contestant's scores in contestant_scores, as in the event file.
			ALTER TABLE score_sheets ADD COLUMN criterion_comments TEXT NOT NULL DEFAULT '{}';
		`
	}
];

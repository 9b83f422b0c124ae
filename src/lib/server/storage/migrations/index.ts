/**
 * Numbered schema migrations, one file per feature area so they can grow independently. The
 * database's `PRAGMA user_version` records the last one applied; a migration is never edited
 * once it has shipped: add a new one. Versions: 1–2 core, 3 negotiation, 4 judging, 5 judging comments,
 * 6 judging outlier threshold, 7–8 voice, 9 the document log clustered by document.
 */
import { coreMigrations } from './core.ts';
import { negotiationMigrations } from './negotiation.ts';
import { judgingMigrations } from './judging.ts';
import { judgingCommentsMigrations } from './judging-comments.ts';
import { judgingOutlierMigrations } from './judging-outlier.ts';
import { voiceMigrations } from './voice.ts';
import { docLogMigrations } from './doc-log.ts';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const migrations: Migration[] = [
	...coreMigrations,
	...negotiationMigrations,
	...judgingMigrations,
	...judgingCommentsMigrations,
	...judgingOutlierMigrations,
	...voiceMigrations,
	...docLogMigrations
].sort((a, b) => a.version - b.version);

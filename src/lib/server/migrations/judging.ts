import type { Migration } from './index.ts';

/** Version 4: rubrics, score sheets, results. */
export const judgingMigrations: Migration[] = [];

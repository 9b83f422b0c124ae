import type { Migration } from './index.ts';

/** Version 3: offers, agreements and the match clock. */
export const negotiationMigrations: Migration[] = [];

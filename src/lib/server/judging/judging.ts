/**
 * Judging inside the app (issue 6): an event's rubric and published rules, judges' score sheets,
 * conflicts of interest (回避), and the standings computed by the scoring engine from an event
 * file built out of the database, so the app and `xs standings` can never disagree. The public
 * surface of judging/, split by concept: settings.ts, judges.ts, sheet-store.ts, standings.ts.
 */
export * from './settings.ts';
export * from './judges.ts';
export * from './sheet-store.ts';
export * from './standings.ts';
export type { Rubric } from '../../domain/scoring/index.ts';

/**
 * Public surface of the scoring engine (judging and standings, analytics on points tables).
 * Rules are numbered in ./SPEC.md (S1…).
 */
export * from './rubric.ts';
export * from './sheet.ts';
export * from './aggregate.ts';
export * from './points.ts';
export * from './analytics.ts';
export * from './outcome.ts';
export * from './outcome-analysis.ts';
export * from './standings.ts';
export * from './judge-agreement.ts';
export * from './prng.ts';
export * from './event-export.ts';
export * from './tie-notes.ts';

/** Procedure: work calendars, Civil Code deadline counting, ratification and vote arithmetic (procedure/SPEC.md). */
export * from './calendar.ts';
export * from './deadlines.ts';
export * from './ratification.ts';
export * from './representative-vote.ts';
export * from './required-steps.ts';

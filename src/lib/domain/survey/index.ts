/** Surveys (征求意见): questions, answer validation, aggregation and labour priorities (survey/SPEC.md). */
export * from './survey.ts';
export * from './aggregate.ts';
export * from './priorities.ts';

/**
 * Public surface of the domain engine. Framework-free: no Svelte, Yjs, DOM, `node:` or I/O, so
 * the browser, the server and the `xs` CLI call the same functions.
 */
export { cost } from './cost.ts';
export { caseBalance, agendaSpecs } from './case-balance.ts';
export type { CaseBalance, SideBalance, ScoreRange } from './case-balance.ts';
export type {
	CostReport,
	EmployerReport,
	GroupReport,
	PayTotals,
	PieceRateReport,
	ProjectionYear
} from './cost.ts';
export type { PayBreakdown } from './enterprise.ts';
export type { Finding, Severity } from './findings.ts';
export {
	jurisdictionFileSchema,
	jurisdictionSchema,
	mergeJurisdiction,
	missingFigures,
	payComponentSchema
} from './jurisdiction.ts';
export type { Jurisdiction, JurisdictionFile, PayComponent } from './jurisdiction.ts';
export {
	formatProblem,
	parseCalendar,
	parseJurisdiction,
	parseScenario,
	sortProblems
} from './load.ts';
export type { LoadResult, Problem } from './load.ts';
export { fenToYuan, formatYuan, roundFen, yuanToFen } from './money.ts';
export { getPath, setPath } from './paths.ts';
export type {
	EmployerPieceState,
	PieceRateState,
	Percentiles,
	PieceTotals,
	SegmentResult,
	WorkerDay
} from './piece-rate.ts';
export { pieceSegments } from './population.ts';
export type { PieceSegment, SegmentedPopulation } from './population.ts';
export { pointsFor, pointsForValue } from './points.ts';
export {
	pointsEntrySchema,
	scenarioSchema,
	segmentSchema,
	tableKeys,
	termSchema,
	termValueSchema,
	termValuesSchema
} from './scenario.ts';
export type {
	PointsEntry,
	ResolvedScenario,
	Scenario,
	SegmentInput,
	Term,
	TermValue,
	TermValues
} from './scenario.ts';
export { applyTerms, checkTermValue, currentTerms } from './terms.ts';
export type { AppliedTerms, TermChange } from './terms.ts';
export { reportToJson } from './report-json.ts';
export { termDiff, versionResults } from './proposal.ts';
export type { Spread, TermDiffRow, VersionResults } from './proposal.ts';
export { hasUnsafeNameCharacters, plainName, UNSAFE_NAME_MESSAGE } from './names.ts';
export * from './negotiation/index.ts';
export * from './pairing/index.ts';
/** Judging: rubrics, score sheets, aggregation, outcome analytics, standings (scoring/SPEC.md). */
export * as scoring from './scoring/index.ts';
/** Procedure: work calendars, deadlines (Civil Code counting), ratification and votes (procedure/SPEC.md). */
export * as procedure from './procedure/index.ts';
export type { WorkCalendar } from './procedure/calendar.ts';
/** Sweeps, goal seeking, heat maps and versions side by side (SPEC.md G1–G9). */
export * from './sweep/index.ts';
export {
	caseDocumentFromYaml,
	caseDocumentToYaml,
	caseTitle,
	checkCaseDocument
} from './case-document.ts';
export {
	issueZh,
	issuesAtFields,
	issuesZh,
	PICK_JURISDICTION_ZH,
	problemMessageZh,
	type FieldIssue
} from './problem-zh.ts';

/**
 * When the scoring rules stop changing. Contestants prepare against the rules, so the rubric, the
 * weights, the aggregation method, the tie-break order, the prize bands and the no-agreement rule
 * are fixed once judging or negotiating has begun ("declared in advance", S11, S14, S17, S27).
 * Pure functions; the database queries that feed them live in judging.ts.
 */

/** The parts of the judging settings that decide a result. */
export const RULE_KEYS = [
	'rubric',
	'method',
	'weights',
	'noAgreement',
	'tieBreak',
	'prizes',
	'individualAwards',
	'ranking'
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];
export type Rules = { [K in RuleKey]: unknown };

/** Why the rules are locked: a judge has submitted a sheet, or a match has begun. */
export type RulesLock = 'sheet-submitted' | 'match-started';

/** The lock that applies, the submitted sheet first since it is the stronger reason to cite. */
export function rulesLockOf(facts: {
	hasSubmittedSheet: boolean;
	hasStartedMatch: boolean;
}): RulesLock | null {
	if (facts.hasSubmittedSheet) return 'sheet-submitted';
	if (facts.hasStartedMatch) return 'match-started';
	return null;
}

/** Canonical JSON: object keys sorted, so a form that sends the same rules in another order is no change. */
function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (v && typeof v === 'object') {
		const o = v as Record<string, unknown>;
		return `{${Object.keys(o)
			.filter((k) => o[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(v);
}

/** Which rules differ between the published settings and a proposed save (array order counts). */
export function changedRules(before: Rules, after: Rules): RuleKey[] {
	return RULE_KEYS.filter((k) => canonical(before[k]) !== canonical(after[k]));
}

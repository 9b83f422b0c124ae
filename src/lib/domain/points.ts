/**
 * Points tables (计分表) from a side's confidential brief: how much each outcome is worth to
 * that side. Options score choice and yes/no terms (keys are the option values as strings,
 * "true"/"false" for yes/no); bands score numeric terms (min inclusive, max exclusive).
 */
import type { PointsEntry, Scenario, TermValue } from './scenario.ts';

/** Points one entry gives a value; 0 where no option or band matches. */
export function pointsForValue(entry: PointsEntry, value: TermValue): number {
	if ('options' in entry) return entry.options[String(value)] ?? 0;
	if (typeof value !== 'number') return 0;
	const band = entry.bands.find(
		(b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max)
	);
	return band?.points ?? 0;
}

/**
 * Total points of a set of term values for one side. Terms the values leave out count at their
 * current value, so a partial draft scores like the agreement it would produce.
 */
export function pointsFor(
	scenario: Pick<Scenario, 'terms' | 'confidential'>,
	side: 'labour' | 'management',
	terms: Readonly<Record<string, TermValue | undefined>>
): number {
	const table = scenario.confidential[side].points ?? {};
	let total = 0;
	for (const [termId, entry] of Object.entries(table)) {
		const term = scenario.terms.find((t) => t.id === termId);
		const value = terms[termId] ?? term?.current;
		if (value !== undefined) total += pointsForValue(entry, value);
	}
	return total;
}

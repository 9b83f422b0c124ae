/**
 * Versions side by side (G8): each version's cost report and the terms that differ between
 * them. A version gives only the terms it changes; a term it omits stands at its current value
 * (as N2 reads offers), so two versions that both leave a term alone do not differ on it.
 */
import { cost, type CostReport } from '../cost.ts';
import { currentTerms } from '../terms.ts';
import type { ResolvedScenario, TermValue, TermValues } from '../scenario.ts';

export interface VersionTermDiff {
	termId: string;
	title: string;
	current: TermValue;
	/** The value in force in each version, in version order. */
	values: TermValue[];
}

export interface Comparison {
	versions: CostReport[];
	diff: VersionTermDiff[];
}

const key = (v: unknown) =>
	typeof v === 'object' && v !== null
		? JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))))
		: JSON.stringify(v);

/** G8: prices every version and lists the terms whose values differ between any two. */
export function compareVersions(s: ResolvedScenario, versions: readonly TermValues[]): Comparison {
	const reports = versions.map((v) => cost(s, v));
	const cur = currentTerms(s);
	const diff: VersionTermDiff[] = [];
	for (const t of s.terms) {
		const values = versions.map((v, i) => {
			const inForce = (reports[i] as CostReport).changes.find((c) => c.termId === t.id);
			// A table term's value in force is the merged table (the report's change carries it).
			return inForce ? inForce.proposed : (cur[t.id] as TermValue);
		});
		if (new Set(values.map(key)).size > 1)
			diff.push({ termId: t.id, title: t.title, current: t.current, values });
	}
	return { versions: reports, diff };
}

/**
 * A cost panel compares proposed terms with "current" terms. The engine prices against the
 * scenario's own current values, so when a panel is given a different starting point (the last
 * tabled offer, say) the scenario is rebased first: those values are written into the model and
 * become the terms' current values.
 */
import {
	applyTerms,
	currentTerms,
	type ResolvedScenario,
	type Term,
	type TermValues
} from '$lib/domain/index.ts';

function same(a: unknown, b: unknown): boolean {
	if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
		const ka = Object.keys(a);
		return (
			ka.length === Object.keys(b).length &&
			ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
		);
	}
	return a === b;
}

/** The scenario with `current` in force as its current terms; the same object when nothing differs. */
export function rebase(
	scenario: ResolvedScenario,
	current: Readonly<TermValues> | undefined
): ResolvedScenario {
	if (!current) return scenario;
	const base = currentTerms(scenario);
	if (Object.entries(current).every(([id, v]) => !(id in base) || same(base[id], v)))
		return scenario;
	const applied = applyTerms(scenario, current);
	const terms = applied.scenario.terms.map((t) => {
		const v = applied.values[t.id];
		return v === undefined ? t : ({ ...t, current: v } as Term);
	});
	return { ...applied.scenario, terms };
}

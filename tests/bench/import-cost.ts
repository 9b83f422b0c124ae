/**
 * The cost report of a scenario whose piece-rate population is an imported fragment, kept as
 * individual records. Null until the engine takes piece-rate segments.
 */
import type { ResolvedScenario } from '../../src/lib/domain/index.ts';
import type { PopulationFragment } from '../../src/lib/domain/population-import/index.ts';

export function costOfIndividuals(
	scenario: ResolvedScenario,
	fragment: PopulationFragment
): (() => unknown) | null {
	void scenario;
	void fragment;
	return null;
}

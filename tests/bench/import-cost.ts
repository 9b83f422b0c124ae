/**
 * The cost report of a case whose piece-rate population is an imported fragment (P40): the
 * legacy `workforce` + `population` replaced by the fragment's segments, validated by the
 * scenario schema as a case editor would before costing it.
 */
import { cost, scenarioSchema, type ResolvedScenario } from '../../src/lib/domain/index.ts';
import type { PopulationFragment } from '../../src/lib/domain/population-import/index.ts';

export function costOfIndividuals(
	scenario: ResolvedScenario,
	fragment: PopulationFragment
): (() => unknown) | null {
	if (fragment.kind !== 'rider' || !scenario.pieceRate) return null;
	const { workforce: _w, population: _p, ...pieceRate } = scenario.pieceRate;
	const { rules, ...rest } = scenario;
	const parsed = scenarioSchema.safeParse({
		...rest,
		pieceRate: { ...pieceRate, segments: fragment.segments }
	});
	if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
	const s: ResolvedScenario = { ...parsed.data, rules };
	return () => cost(s);
}

import { cost, type ResolvedScenario } from '$lib/domain/index.ts';

export interface TermEffect {
	/** Annual employer cost change of this term alone against the current terms (C22). */
	annualFen: number;
	/** Groups whose mean monthly pay moves, biggest gain first. */
	groups: { name: string; deltaMeanPayFen: number }[];
}

/**
 * What one term's value does on its own (everything else at the current terms): the figure a
 * person needs beside the control they are moving, on a screen too narrow for the full report.
 */
export function termEffect(scenario: ResolvedScenario, termId: string, value: unknown): TermEffect {
	const r = cost(scenario, { [termId]: value });
	return {
		annualFen: r.annual.costDeltaFen,
		groups: r.groups
			.filter((g) => g.deltaMeanPayFen !== 0)
			.map((g) => ({ name: g.name, deltaMeanPayFen: g.deltaMeanPayFen }))
			.sort((a, b) => b.deltaMeanPayFen - a.deltaMeanPayFen)
	};
}

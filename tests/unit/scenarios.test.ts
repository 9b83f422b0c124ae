/** Every file under scenarios/ validates: scenarios against their jurisdictions, jurisdictions on their own. */
import { describe, expect, it } from 'vitest';
import { allScenarioFiles, loadFile } from '../../server/scenario-files.ts';
import { cost, formatProblem, type ResolvedScenario } from '../../src/lib/domain/index.ts';

const files = allScenarioFiles();

describe('shipped scenarios', () => {
	it('include the three cases and their jurisdictions', () => {
		const names = files.map((f) => f.split('/').pop());
		expect(names).toEqual(
			expect.arrayContaining([
				's1-qiantang-parts.yaml',
				's2-qianhu-food-delivery.yaml',
				's3-dongzhou-express.yaml',
				'zhejiang-tier1.yaml'
			])
		);
	});
	for (const f of files) {
		it(`${f.split('/scenarios/')[1]} is valid`, () => {
			const r = loadFile(f);
			expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([]);
			if (r.ok && r.kind === 'scenario') {
				const rep = cost(r.value as ResolvedScenario);
				// a scenario's current terms price without input problems and with no change
				expect(rep.findings.filter((x) => x.severity === 'input')).toEqual([]);
				expect(rep.monthly.deltaWageBillFen).toBe(0);
			}
		});
	}
});

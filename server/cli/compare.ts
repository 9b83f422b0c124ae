/**
 * `xs compare CASE TERMS_A TERMS_B [TERMS_C …] [--json]` — versions side by side (G8): each
 * version's cost report in the `xs cost --json` shape, and the terms that differ between them.
 */
import { formatYuan, reportToJson, type TermValues } from '../../src/lib/domain/index.ts';
import { compareVersions } from '../../src/lib/domain/sweep/index.ts';
import { commandArgs, loadCaseArg, readTermsFile } from './case-arg.ts';

const USAGE = 'xs compare CASE|ID[@N] TERMS_A TERMS_B [TERMS_C …] [--json]';

export async function run(argv: string[]): Promise<number> {
	const a = commandArgs('compare', argv, { json: { type: 'boolean' } }, USAGE);
	if (!a) return 2;
	const [caseArg, ...files] = a.positionals;
	if (!caseArg || files.length < 2) {
		console.error(`usage: ${USAGE}`);
		return 2;
	}
	const s = await loadCaseArg('compare', caseArg);
	if (!s) return 1;
	const versions: TermValues[] = [];
	for (const f of files) {
		const t = readTermsFile(f);
		if (typeof t === 'string') {
			console.error(t);
			return 1;
		}
		versions.push(t);
	}
	const c = compareVersions(s, versions);
	if (a.values.json) {
		console.log(
			JSON.stringify({
				versions: c.versions.map((r, i) => ({ name: files[i], ...reportToJson(r) })),
				diff: c.diff
			})
		);
		return 0;
	}
	files.forEach((f, i) => {
		const r = c.versions[i]!;
		console.log(
			`${f}: 月用工成本增减 ${formatYuan(r.monthly.deltaEmployerCostFen)}` +
				(r.pieceRate
					? `；低于小时最低工资 ${(r.pieceRate.proposed.shareBelowHourlyMinimum * 100).toFixed(1)}%`
					: '')
		);
	});
	for (const d of c.diff)
		console.log(`${d.title}: ${d.values.map((v) => JSON.stringify(v)).join(' | ')}`);
	return 0;
}

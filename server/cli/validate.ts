/**
 * `xs validate FILE…` — exit 0 when every file is valid, else 1 with one line per problem:
 * `file:line:column path.to.field: message`.
 */
import { formatProblem, sortProblems } from '../../src/lib/domain/index.ts';
import { displayPath, loadFile } from '../scenario-files.ts';

export function run(argv: string[]): number {
	const files = argv.filter((a) => !a.startsWith('-'));
	if (files.length === 0) {
		console.error('usage: xs validate FILE…');
		return 2;
	}
	let bad = 0;
	for (const f of files) {
		const r = loadFile(f);
		if (r.ok) console.log(`ok  ${displayPath(f)} (${r.kind})`);
		else {
			bad++;
			for (const p of sortProblems(r.problems)) console.error(formatProblem(p));
		}
	}
	if (bad) console.error(`${bad} of ${files.length} file(s) invalid`);
	return bad ? 1 : 0;
}

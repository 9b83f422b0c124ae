/**
 * Integration and end-to-end tests name the SPEC rules they exercise, as unit tests do:
 * `it('[N14][N16] two chiefs signing …')`. The ids are the ones the SPEC files define:
 * src/lib/domain/SPEC.md and its subfolders' SPEC.md (C, P, L, S0, N, R, S, T, V), server/SPEC.md
 * (A, Y, W, E, B, U) and the document shape table of src/lib/collab/README.md (D).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Test files that check the test tooling itself (tests/services/), not the product: no rule to cite. */
const TOOLING = new Set(['tests/integration/services.test.ts']);

const ID = String.raw`[A-Z]+\d+[a-z]?`;
// Ids, a space, then the words (a template's words may start at its first `${…}`).
const PREFIX = new RegExp(String.raw`^((?:\[${ID}\])+) (?=\S|$)`);

function specIds(): Set<string> {
	const domain = join(root, 'src/lib/domain');
	const specs = [
		join(domain, 'SPEC.md'),
		...readdirSync(domain, { withFileTypes: true })
			.filter((d) => d.isDirectory())
			.map((d) => join(domain, d.name, 'SPEC.md'))
			.filter((p) => {
				try {
					readFileSync(p);
					return true;
				} catch {
					return false;
				}
			}),
		join(root, 'server/SPEC.md')
	];
	const ids = new Set<string>();
	for (const file of specs) {
		// A rule is a list item opening with its id in bold: `- **N14 Agreement.**`, `- **S0**`.
		for (const m of readFileSync(file, 'utf8').matchAll(
			new RegExp(String.raw`^\s*- \*\*(${ID})\b`, 'gm')
		))
			ids.add(m[1]!);
	}
	// The document shape is a table whose first column is the rule: `| D6 | \`formal\` …`.
	for (const m of readFileSync(join(root, 'src/lib/collab/README.md'), 'utf8').matchAll(
		new RegExp(String.raw`^\| (${ID}) \|`, 'gm')
	))
		ids.add(m[1]!);
	return ids;
}

interface Title {
	where: string;
	/** The title's literal start: the whole string, or a template's text before its first `${`. */
	text: string;
}

const NOT_TITLED = new Set([
	'configure',
	'use',
	'beforeAll',
	'afterAll',
	'beforeEach',
	'afterEach',
	'setTimeout'
]);

/** The first argument of every `it(…)` / `test(…)` call (with or without `.skip`, `.each` …). */
function titles(file: string): Title[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true
	);
	const out: Title[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isCallExpression(node)) {
			let callee: ts.Expression = node.expression;
			// `test.describe.configure({…})`, `test.use({…})`, hooks: calls that take no title.
			const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
			while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
			const arg = node.arguments[0];
			if (
				ts.isIdentifier(callee) &&
				(callee.text === 'it' || callee.text === 'test') &&
				!NOT_TITLED.has(method) &&
				arg
			) {
				const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
				const where = `${relative(root, file)}:${line}`;
				if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
					out.push({ where, text: arg.text });
				else if (ts.isTemplateExpression(arg)) out.push({ where, text: arg.head.text });
				else out.push({ where, text: '' });
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return out;
}

const testFiles = [
	...readdirSync(join(root, 'tests/integration'))
		.filter((f) => f.endsWith('.test.ts'))
		.map((f) => join(root, 'tests/integration', f)),
	...readdirSync(join(root, 'tests/e2e'))
		.filter((f) => f.endsWith('.spec.ts'))
		.map((f) => join(root, 'tests/e2e', f))
].filter((f) => !TOOLING.has(relative(root, f)));

const all = testFiles.flatMap(titles);
const ids = specIds();

describe('rule ids in integration and e2e test titles', () => {
	it('reads the rule ids of every SPEC file and the titles of every test file', () => {
		// One id of each source, so a parser that finds nothing cannot make the checks below pass.
		for (const id of [
			'C1',
			'S0',
			'N26',
			'R4',
			'S24a',
			'S35',
			'T5',
			'V7',
			'D8',
			'A1',
			'Y1',
			'W1',
			'U1'
		])
			expect(ids, id).toContain(id);
		expect(all.length).toBeGreaterThan(150);
	});

	it('every title starts with the [X…] ids of the rules it exercises', () => {
		const bare = all.filter((t) => !PREFIX.test(t.text)).map((t) => `${t.where} ${t.text}`);
		expect(bare).toEqual([]);
	});

	it('every id a title cites is defined in a SPEC file', () => {
		const unknown = all.flatMap((t) => {
			const prefix = PREFIX.exec(t.text)?.[1] ?? '';
			return [...prefix.matchAll(new RegExp(String.raw`\[(${ID})\]`, 'g'))]
				.map((m) => m[1]!)
				.filter((id) => !ids.has(id))
				.map((id) => `${t.where} [${id}]`);
		});
		expect(unknown).toEqual([]);
	});
});

/**
 * A case (案例) written in the studio is the same document a scenario YAML file holds: the input
 * of `scenarioSchema`, kept as plain data (JSON in the database). These helpers turn such a
 * document into YAML and back and validate it through the one loader (`parseScenario`), so a
 * stored case, an imported file and `xs validate` report the same problems at the same paths.
 *
 * Example: `checkCaseDocument(doc, jurisdictions)` → `{ ok: true, value }` or the problems with
 * their dotted paths and plain-Chinese messages (`problemMessageZh` in problem-zh.ts).
 */
import { parseDocument, stringify } from 'yaml';
import type { JurisdictionFile } from './jurisdiction.ts';
import { parseScenario, type LoadResult } from './load.ts';
import type { ResolvedScenario } from './scenario.ts';

/** The YAML text of a case document, as export writes it (K-rules: it re-imports to the same figures). */
export function caseDocumentToYaml(document: unknown): string {
	return stringify(document, { lineWidth: 0 });
}

/**
 * The plain data of a YAML case file (what the author wrote, defaults not filled in), or
 * undefined when the text is not YAML. Validation is `parseScenario`'s job.
 */
export function caseDocumentFromYaml(text: string): unknown {
	const doc = parseDocument(text, { uniqueKeys: true });
	return doc.errors.length ? undefined : (doc.toJS() as unknown);
}

/** Validates a case document (plain data) with its jurisdiction merged in. */
export function checkCaseDocument(
	document: unknown,
	jurisdictions: Readonly<Record<string, JurisdictionFile>>,
	file = 'case.yaml'
): LoadResult<ResolvedScenario> {
	if (typeof document !== 'object' || document === null || Array.isArray(document))
		return {
			ok: false,
			problems: [{ file, line: 1, column: 1, path: '', message: 'expected a mapping' }]
		};
	return parseScenario(caseDocumentToYaml(document), file, jurisdictions);
}

/** The title a (possibly half-written) document shows in lists. */
export function caseTitle(document: unknown): string {
	const t = (document as { title?: unknown } | null)?.title;
	return typeof t === 'string' && t.trim() ? t.trim().slice(0, 200) : '未命名案例';
}

/**
 * A case (案例) written in the studio is the same document a scenario YAML file holds: the input
 * of `scenarioSchema`, kept as plain data (JSON in the database). These helpers turn such a
 * document into YAML and back and validate it through the one loader (`parseScenario`), so a
 * stored case, an imported file and `xs validate` report the same problems at the same paths.
 *
 * Example: `checkCaseDocument(doc, jurisdictions)` → `{ ok: true, value }` or the problems with
 * their dotted paths and plain-Chinese messages (`problemMessageZh`).
 */
import { parseDocument, stringify } from 'yaml';
import type { Jurisdiction } from './jurisdiction.ts';
import { parseScenario, type LoadResult, type Problem } from './load.ts';
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
	jurisdictions: Readonly<Record<string, Jurisdiction>>,
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

const KINDS: Record<string, string> = {
	number: '数字',
	string: '文字',
	boolean: '是/否',
	object: '映射',
	array: '列表',
	'a mapping': '映射',
	'a list': '列表',
	nothing: '空'
};
const kind = (k: string) => KINDS[k] ?? k;

/** Message patterns of load.ts and scenario.ts, in order; the first that matches is used. */
const PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
	[/^missing; expected (.+)$/, (m) => `缺少此项（应为${kind(m[1]!)}）`],
	[
		/^expected (\S+), got (.+)$/,
		(m) =>
			`应为${kind(m[1]!)}，实际是${m[2]!
				.replace(/^(string|number|boolean|nothing)\b ?/, (k) => `${kind(k.trim())} `)
				.replace('(null)', '（空）')
				.trim()}`
	],
	[/^unknown fields? (.+) \(check the spelling\)$/, (m) => `未知字段 ${m[1]}（请检查拼写）`],
	[/^must be (≥|>|≤|<) (.+)$/, (m) => `必须${m[1]} ${m[2]}`],
	[/^must be (.+)$/, (m) => `只能是 ${m[1]!.replace(/ or /g, ' 或 ')}`],
	[/^needs at least (\S+) item\(s\)$/, (m) => `至少需要 ${m[1]} 项`],
	[/^needs at least (\S+) character\(s\)$/, (m) => `至少需要 ${m[1]} 个字符`],
	[
		/^unknown kind; use /,
		() => '未知的条款类型；可用 number、choice、boolean、cell、table 或 clause'
	],
	[/^does not match any allowed form/, () => '不符合任何允许的格式'],
	[/^unknown jurisdiction "(.+)" \(known: (.+)\)$/, (m) => `未知的法域“${m[1]}”（可用：${m[2]}）`],
	[/^use lower-case letters, digits and hyphens$/, () => '只能用小写字母、数字和连字符'],
	[/^term id "(.+)" is used twice$/, (m) => `条款编号“${m[1]}”重复`],
	[/^group id "(.+)" is used twice$/, (m) => `群体编号“${m[1]}”重复`],
	[/^"(.+)" is not one of the options$/, (m) => `“${m[1]}”不在选项中`],
	[/^current value (.+) is outside (.+)$/, (m) => `现行值 ${m[1]} 超出范围 ${m[2]}`],
	[/^only clause terms may drive no model parameter$/, () => '只有条文条款可以不对应模型参数'],
	[/^"(.+)" does not name a model parameter/, (m) => `“${m[1]}”不是模型参数`],
	[
		/^current value (.+) differs from (.+) = (.+)$/,
		(m) => `现行值 ${m[1]} 与 ${m[2]} 的值 ${m[3]} 不一致`
	],
	[/^no term with id "(.+)"$/, (m) => `没有编号为“${m[1]}”的条款`],
	[
		/^skill level "(.+)" is not in enterprise\.skillWage$/,
		(m) => `技能等级“${m[1]}”不在技能工资表中`
	],
	[/^no rate for cell "(.+)"/, (m) => `单价表缺少“${m[1]}”的单价`],
	[/^no time band "(.+)"$/, (m) => `没有时段“${m[1]}”`],
	[/^no pattern "(.+)"$/, (m) => `没有模式“${m[1]}”`],
	[/^shares add up to (.+), not 1$/, (m) => `比例合计为 ${m[1]}，应为 1`],
	[
		/^a scenario needs an enterprise wage structure, piece rates, or both$/,
		() => '案例需要企业工资结构或计件单价（或两者）'
	],
	[/^expected a mapping$/, () => '应为映射（键值对）']
];

/**
 * A problem's message in plain Chinese for the studio's screens; a message with no known pattern
 * (a YAML syntax error, a rare check) is kept as it is rather than lost.
 */
export function problemMessageZh(message: string): string {
	for (const [re, zh] of PATTERNS) {
		const m = message.match(re);
		if (m) return zh(m);
	}
	return message;
}

/** `{path, message}` pairs in Chinese, the shape the studio's API answers with. */
export function issuesZh(problems: readonly Problem[]): { path: string; message: string }[] {
	return problems.map((p) => ({ path: p.path, message: problemMessageZh(p.message) }));
}

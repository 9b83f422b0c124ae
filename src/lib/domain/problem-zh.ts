/**
 * Problems in plain Chinese, the one home of their wording (K15, K50). A problem reaches a
 * trainer two ways: the studio validates the document in the browser and gets zod issues
 * (`issueZh`), and the server's loader (`parseScenario`, `xs validate`, import) gets the same
 * issues already written as English text for YAML authors (`problemMessageZh`). Both read the
 * schema's own refinement messages through the one table below, so a rule says the same thing on
 * every screen. Pure: no catalogue, no locale; zh-CN is the language trainers read.
 */
import type { z } from 'zod';
import type { Problem } from './load.ts';
import { UNSAFE_NAME_MESSAGE } from './names.ts';

type Say = (g: string[]) => string;

/** What the studio says when a case names no jurisdiction it knows (it offers a list to pick). */
export const PICK_JURISDICTION_ZH = '请选择适用地区';
const at = (g: string[], i: number) => g[i] ?? '';

/**
 * The messages scenario.ts, jurisdiction.ts and load.ts write themselves (refinements, regex
 * checks), one pattern each, in order; the first match wins.
 */
const RULES: [RegExp, Say][] = [
	[/^term id "(.*)" is used twice/, (g) => `议题代号“${at(g, 1)}”重复`],
	[/^group id "(.*)" is used twice/, (g) => `人员组代号“${at(g, 1)}”重复`],
	[/^"(.*)" is not one of the options/, (g) => `“${at(g, 1)}”不是这个议题的选项`],
	[
		/^current value (\S+) is outside (\S+)…(\S+)/,
		(g) => `现行值 ${at(g, 1)} 超出范围 ${at(g, 2)} 至 ${at(g, 3)}`
	],
	[
		/^only clause terms may drive no model parameter/,
		() => '请选择这个议题调节的模型参数（只有条款类议题可以不选）'
	],
	[
		/^"(.*)" does not name a model parameter/,
		(g) => `“${at(g, 1)}”不是本案例的模型参数，请重新选择`
	],
	[
		/^current value (.*) differs from (\S+) = (.*)$/,
		(g) => `现行值 ${at(g, 1)} 与它调节的模型参数（${at(g, 3)}）不一致`
	],
	[/^no term with id "(.*)"/, (g) => `没有代号为“${at(g, 1)}”的议题`],
	[/^skill level "(.*)" is not in/, (g) => `技能等级“${at(g, 1)}”不在技能工资表中`],
	[/^shares add up to (\S+), not 1/, (g) => `各项占比合计为 ${at(g, 1)}，应为 1（即 100%）`],
	[/^no rate for cell "(.*)"/, (g) => `单价表缺少“${at(g, 1)}”的单价`],
	[/^no time band "(.*)"/, (g) => `没有“${at(g, 1)}”这个时段`],
	[/^no pattern "(.*)"/, (g) => `没有“${at(g, 1)}”这个出勤模式`],
	[
		/^a scenario needs an enterprise wage structure/,
		() => '案例至少需要企业工资结构或计件单价之一'
	],
	[/^ids start with a letter/, () => '代号须以英文字母开头，只能用字母、数字、_ 或 -'],
	[/^use lower-case letters/, () => '只能用小写英文字母、数字和连字符'],
	[
		/^unknown jurisdiction "(.+)" \(known: (.+)\)$/,
		(g) => `未知的法域“${at(g, 1)}”（可用：${at(g, 2)}）`
	],
	[/^unknown jurisdiction/, () => PICK_JURISDICTION_ZH],
	[
		/^jurisdiction "(.+)" has no figure here/,
		(g) => `法域“${at(g, 1)}”没有这项数值（资料中未找到），请在本案例的法域覆盖中填写`
	],
	[/^expected a mapping$/, () => '应为映射（键值对）']
];

function ruleZh(message: string): string | undefined {
	if (message === UNSAFE_NAME_MESSAGE) return '名称不能含换行或文字方向控制符';
	for (const [re, say] of RULES) {
		const g = re.exec(message);
		if (g) return say([...g]);
	}
	return undefined;
}

/** The word for a value's kind in the loader's text ("expected number, got string"). */
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

/** The kind a box asks for, in the studio's "请填写…" sentence. */
const typeName = (t: string) =>
	t === 'number'
		? '数字'
		: t === 'string'
			? '文字'
			: t === 'boolean'
				? '是或否'
				: t === 'array'
					? '列表'
					: '正确的内容';

/**
 * One zod issue in plain Chinese, for the field it sits beside in the studio. Never returns the
 * schema's English: a message with no known pattern says only that the field is wrong.
 */
export function issueZh(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type': {
			const input = (issue as { input?: unknown }).input;
			if (input === undefined || input === '') return '必填';
			return `请填写${typeName(issue.expected)}`;
		}
		case 'too_small': {
			const min = String(issue.minimum);
			if (issue.origin === 'string') return '不能为空';
			if (issue.origin === 'array') return `至少需要 ${min} 项`;
			return issue.inclusive ? `不能小于 ${min}` : `必须大于 ${min}`;
		}
		case 'too_big': {
			const max = String(issue.maximum);
			if (issue.origin === 'array' || issue.origin === 'string') return `最多 ${max} 项`;
			return issue.inclusive ? `不能大于 ${max}` : `必须小于 ${max}`;
		}
		case 'invalid_value':
			return `只能是：${issue.values.map((v) => String(v)).join(' / ')}`;
		case 'unrecognized_keys':
			return `不认识的字段：${issue.keys.join('、')}`;
		case 'invalid_union':
			return '填写的形式不对';
		case 'not_multiple_of':
			return `必须是 ${String(issue.divisor)} 的整数倍`;
		default:
			return ruleZh(issue.message) ?? '这里填写有误';
	}
}

/** A field's problem: its path in the document and what to say beside it. */
export interface FieldIssue {
	path: (string | number)[];
	message: string;
}

/** Every issue of a failed parse, with its path (under `prefix`), in plain Chinese. */
export function issuesAtFields(
	issues: readonly z.core.$ZodIssue[],
	prefix: (string | number)[] = []
): FieldIssue[] {
	return issues.map((i) => ({
		path: [...prefix, ...(i.path as (string | number)[])],
		message: issueZh(i)
	}));
}

/** The loader's own text for the structural zod codes (load.ts `describeIssue`), in order. */
const LOADER: [RegExp, (m: string[]) => string][] = [
	[/^missing; expected (.+)$/, (m) => `缺少此项（应为${kind(at(m, 1))}）`],
	[
		/^expected (\S+), got (.+)$/,
		(m) =>
			`应为${kind(at(m, 1))}，实际是${at(m, 2)
				.replace(/^(string|number|boolean|nothing)\b ?/, (k) => `${kind(k.trim())} `)
				.replace('(null)', '（空）')
				.trim()}`
	],
	[/^unknown fields? (.+) \(check the spelling\)$/, (m) => `未知字段 ${at(m, 1)}（请检查拼写）`],
	[/^must be (≥|>|≤|<) (.+)$/, (m) => `必须 ${at(m, 1)} ${at(m, 2)}`],
	[/^must be (.+)$/, (m) => `只能是 ${at(m, 1).replace(/ or /g, ' 或 ')}`],
	[/^needs at least (\S+) item\(s\)$/, (m) => `至少需要 ${at(m, 1)} 项`],
	[/^needs at least (\S+) character\(s\)$/, (m) => `至少需要 ${at(m, 1)} 个字符`],
	[
		/^unknown kind; use /,
		() => '未知的条款类型；可用 number、choice、boolean、cell、table 或 clause'
	],
	[/^does not match any allowed form/, () => '不符合任何允许的格式']
];

/**
 * A loader problem's message in plain Chinese for the studio's screens; a message with no known
 * pattern (a YAML syntax error, a rare check) is kept as it is rather than lost.
 */
export function problemMessageZh(message: string): string {
	for (const [re, zh] of LOADER) {
		const m = re.exec(message);
		if (m) return zh([...m]);
	}
	return ruleZh(message) ?? message;
}

/** `{path, message}` pairs in Chinese, the shape the studio's API answers with. */
export function issuesZh(problems: readonly Problem[]): { path: string; message: string }[] {
	return problems.map((p) => ({ path: p.path, message: problemMessageZh(p.message) }));
}

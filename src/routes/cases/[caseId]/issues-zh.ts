/**
 * Validation problems in plain language (K50): every zod issue of the scenario schema becomes a
 * sentence a trainer understands, placed next to its field by path. The schema's own messages are
 * written for YAML authors in English; the studio recognises each of them and says it again
 * through the message catalogue, so a zh-CN screen never shows English or internal keys.
 */
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { UNSAFE_NAME_MESSAGE } from '$lib/domain/index.ts';
import type { Key } from './doc-path.ts';

export interface FieldIssue {
	path: Key[];
	message: string;
}

type Custom = [RegExp, (g: string[]) => string];

// The refinements in scenario.ts, one pattern per message it can produce.
const CUSTOM: Custom[] = [
	[/^term id "(.*)" is used twice/, (g) => m.studio_issue_term_id_twice({ id: g[1] ?? '' })],
	[/^group id "(.*)" is used twice/, (g) => m.studio_issue_group_id_twice({ id: g[1] ?? '' })],
	[/^"(.*)" is not one of the options/, (g) => m.studio_issue_not_option({ value: g[1] ?? '' })],
	[
		/^current value (\S+) is outside (\S+)…(\S+)/,
		(g) => m.studio_issue_outside({ value: g[1] ?? '', min: g[2] ?? '', max: g[3] ?? '' })
	],
	[/^only clause terms may drive no model parameter/, () => m.studio_issue_needs_drives()],
	[
		/^"(.*)" does not name a model parameter/,
		(g) => m.studio_issue_bad_drives({ path: g[1] ?? '' })
	],
	[
		/^current value (.*) differs from (\S+) = (.*)$/,
		(g) => m.studio_issue_current_differs({ value: g[1] ?? '', model: g[3] ?? '' })
	],
	[/^no term with id "(.*)"/, (g) => m.studio_issue_no_term({ id: g[1] ?? '' })],
	[/^skill level "(.*)" is not in/, (g) => m.studio_issue_no_skill_level({ level: g[1] ?? '' })],
	[/^shares add up to (\S+), not 1/, (g) => m.studio_issue_shares({ total: g[1] ?? '' })],
	[/^no rate for cell "(.*)"/, (g) => m.studio_issue_no_rate({ cell: g[1] ?? '' })],
	[/^no time band "(.*)"/, (g) => m.studio_issue_no_band({ band: g[1] ?? '' })],
	[/^no pattern "(.*)"/, (g) => m.studio_issue_no_pattern({ pattern: g[1] ?? '' })],
	[/^a scenario needs an enterprise wage structure/, () => m.studio_issue_needs_model()],
	[/^ids start with a letter/, () => m.studio_issue_id_format()],
	[/^use lower-case letters/, () => m.studio_issue_slug_format()],
	[/^unknown jurisdiction/, () => m.studio_issue_unknown_jurisdiction()]
];

const typeName = (t: string) =>
	t === 'number'
		? m.studio_type_number()
		: t === 'string'
			? m.studio_type_text()
			: t === 'boolean'
				? m.studio_type_boolean()
				: t === 'array'
					? m.studio_type_list()
					: m.studio_type_other();

/** One zod issue in plain Chinese (or the active locale). Never returns the schema's English. */
export function plainIssue(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type': {
			const input = (issue as { input?: unknown }).input;
			if (input === undefined || input === '') return m.studio_issue_required();
			return m.studio_issue_wrong_type({ type: typeName(issue.expected) });
		}
		case 'too_small': {
			const min = String(issue.minimum);
			if (issue.origin === 'string') return m.studio_issue_empty();
			if (issue.origin === 'array') return m.studio_issue_min_items({ n: min });
			return issue.inclusive ? m.studio_issue_min({ min }) : m.studio_issue_gt({ min });
		}
		case 'too_big': {
			const max = String(issue.maximum);
			if (issue.origin === 'array' || issue.origin === 'string')
				return m.studio_issue_max_items({ n: max });
			return issue.inclusive ? m.studio_issue_max({ max }) : m.studio_issue_lt({ max });
		}
		case 'invalid_value':
			return m.studio_issue_one_of({ values: issue.values.map((v) => String(v)).join(' / ') });
		case 'unrecognized_keys':
			return m.studio_issue_unknown_fields({ keys: issue.keys.join('、') });
		case 'invalid_union':
			return m.studio_issue_union();
		case 'not_multiple_of':
			return m.studio_issue_step({ step: String(issue.divisor) });
		default: {
			if (issue.message === UNSAFE_NAME_MESSAGE) return m.studio_issue_unsafe_name();
			for (const [re, say] of CUSTOM) {
				const g = re.exec(issue.message);
				if (g) return say([...g]);
			}
			return m.studio_issue_other();
		}
	}
}

/** Every issue of a failed parse, with its path, in plain language. */
export function plainIssues(issues: readonly z.core.$ZodIssue[], prefix: Key[] = []): FieldIssue[] {
	return issues.map((i) => ({
		path: [...prefix, ...(i.path as Key[])],
		message: plainIssue(i)
	}));
}

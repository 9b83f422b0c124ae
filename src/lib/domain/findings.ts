/**
 * Compliance findings (合规提示). The engine never throws on partial or invalid terms: every
 * problem, legal or with the input, comes back as a finding the UI can show next to the term.
 */
import type { Citation } from './citations.ts';

/** violation: breaks a legal rule; warning: risk or guidance not met; info: for the negotiators; input: a term value was unusable. */
export type Severity = 'violation' | 'warning' | 'info' | 'input';

/** Which minimum-wage test a finding applied (C10): the worker's status decides it. */
export type MinimumWageTest = 'monthly' | 'hourly-part-time' | 'hourly-platform';

export interface Finding {
	/** Stable code, e.g. `min-wage`, for i18n and tests. */
	code: string;
	severity: Severity;
	/** The rule in Chinese, for the screen (《劳动法》第四十四条 …); no source tags. */
	citation: string;
	/** Source keys (docs/sources.md), for a details view or an export only. */
	sourceTags: string[];
	/** Same text as `citation`, kept for callers written before the split. */
	rule: string;
	/** Plain-language message with the numbers (zh-CN). */
	message: string;
	groupId?: string;
	termId?: string;
	/** The minimum-wage test used, for the minimum-wage findings. */
	test?: MinimumWageTest;
	/** The numbers that break the rule (yuan, hours, shares), for the UI to format. */
	figures: Record<string, number>;
	/** Whether the same finding holds under the current terms (a pre-existing problem). */
	alsoCurrent?: boolean;
}

/** Builds a finding with its citation split into the on-screen text and the source tags. */
export function finding(
	code: string,
	severity: Severity,
	cite: Citation,
	message: string,
	figures: Record<string, number> = {},
	extra: Pick<Finding, 'groupId' | 'termId' | 'test'> = {}
): Finding {
	return {
		code,
		severity,
		citation: cite.citation,
		sourceTags: [...cite.sourceTags],
		rule: cite.citation,
		message,
		...extra,
		figures
	};
}

/**
 * Compliance findings (合规提示). The engine never throws on partial or invalid terms: every
 * problem, legal or with the input, comes back as a finding the UI can show next to the term.
 */

/** violation: breaks a legal rule; warning: risk or guidance not met; info: for the negotiators; input: a term value was unusable. */
export type Severity = 'violation' | 'warning' | 'info' | 'input';

export interface Finding {
	/** Stable code, e.g. `min-wage`, for i18n and tests. */
	code: string;
	severity: Severity;
	/** The rule, cited as DOMAIN.md does (e.g. `Labour Law art 44 [L1]`). */
	rule: string;
	/** Plain-language message with the numbers. */
	message: string;
	groupId?: string;
	termId?: string;
	/** The numbers that break the rule (yuan, hours, shares), for the UI to format. */
	figures: Record<string, number>;
	/** Whether the same finding holds under the current terms (a pre-existing problem). */
	alsoCurrent?: boolean;
}

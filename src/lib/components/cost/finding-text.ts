/**
 * Compliance findings cite their sources with tags such as `[L15][P35]` (keys into the sources
 * list). People at the table read the rule without them; the tags go to a details view.
 */
const TAG = /\[[A-Z]{1,3}\d+\]/g;

export function splitRule(rule: string): { text: string; sources: string[] } {
	const sources = rule.match(TAG) ?? [];
	const text = rule
		.replace(TAG, '')
		.replace(/\s{2,}/g, ' ')
		.replace(/[\s;；,，]+$/, '')
		.trim();
	return { text, sources };
}

import type * as Y from 'yjs';

/** The smallest single replacement turning `before` into `after`: common prefix and suffix kept. */
export function diffStrings(before: string, after: string): { index: number; remove: number; insert: string } {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before[start] === after[start]) start++;
	let end = 0;
	while (
		end < max - start &&
		before[before.length - 1 - end] === after[after.length - 1 - end]
	)
		end++;
	return {
		index: start,
		remove: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

/**
 * Applies a plain-text edit to a shared text as one delete + insert, so concurrent edits elsewhere
 * in the same text survive (replacing the whole string would drop them).
 */
export function applyTextEdit(text: Y.Text, after: string): void {
	const before = text.toString();
	if (before === after) return;
	const { index, remove, insert } = diffStrings(before, after);
	const doc = text.doc;
	const run = () => {
		if (remove > 0) text.delete(index, remove);
		if (insert) text.insert(index, insert);
	};
	if (doc) doc.transact(run);
	else run();
}

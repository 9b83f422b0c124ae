/**
 * Rich clause text (条款正文) for the Tiptap editor: one top-level `Y.XmlFragment` per clause,
 * named `richClause:<id>`. A top-level type is found by name, so two clients that open the
 * fragment before any content exists get the same type and their edits merge; a fragment
 * created inside a map by a client could lose that race. The server seeds the text when it
 * creates the document (DESIGN.md: initial content is written by the server, never a client).
 *
 * The fragment holds ProseMirror nodes as y-tiptap lays them out: `<paragraph>` elements
 * containing `Y.XmlText`.
 */
import * as Y from 'yjs';

const PREFIX = 'richClause:';

/** The shared rich text of clause `id` (created empty if it does not exist yet). */
export function clauseFragment(doc: Y.Doc, id: string): Y.XmlFragment {
	return doc.getXmlFragment(PREFIX + id);
}

/**
 * Seeds an empty clause with plain text, one paragraph per line (blank lines dropped). Does
 * nothing when the clause already has content, so seeding twice cannot double the text.
 */
export function initClauseFragment(doc: Y.Doc, id: string, text: string): void {
	const fragment = clauseFragment(doc, id);
	if (fragment.length > 0) return;
	const lines = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '');
	doc.transact(() => {
		const paragraphs = (lines.length ? lines : ['']).map((line) => {
			const p = new Y.XmlElement('paragraph');
			if (line !== '') p.insert(0, [new Y.XmlText(line)]);
			return p;
		});
		fragment.insert(0, paragraphs);
	});
}

/**
 * The clause as plain text, one line per block (for exports and the offer log). Read from the
 * text nodes themselves: `Y.XmlText#toString()` renders formatting as tags and does not escape
 * what the user typed, so stripping tags from it would also eat `工龄<5年 … >=5年`. The walk
 * keeps its own stack: a clause nested thousands of elements deep (only a hostile client makes
 * one) must not overflow the call stack of whoever reads it.
 */
export function clausePlainText(fragment: Y.XmlFragment): string {
	const lines: string[] = [];
	for (const block of fragment.toArray()) {
		let line = '';
		const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = [block];
		while (stack.length > 0) {
			const node = stack.pop()!;
			if (node instanceof Y.XmlText) line += runText(node);
			// Children pushed last-first so they pop in document order.
			else if (node instanceof Y.XmlElement) {
				const children = node.toArray();
				for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
			}
		}
		lines.push(line);
	}
	return lines.join('\n');
}

/** The characters of one text run, without its formatting; embeds carry no text. */
function runText(text: Y.XmlText): string {
	let out = '';
	for (const op of text.toDelta() as { insert?: unknown }[])
		if (typeof op.insert === 'string') out += op.insert;
	return out;
}

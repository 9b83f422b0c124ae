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
	const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
	doc.transact(() => {
		const paragraphs = (lines.length ? lines : ['']).map((line) => {
			const p = new Y.XmlElement('paragraph');
			if (line !== '') p.insert(0, [new Y.XmlText(line)]);
			return p;
		});
		fragment.insert(0, paragraphs);
	});
}

/** The clause as plain text, one line per block (for exports and the offer log). */
export function clausePlainText(fragment: Y.XmlFragment): string {
	const lines: string[] = [];
	const textOf = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): string =>
		node instanceof Y.XmlText
			? node.toString().replace(/<[^>]*>/g, '')
			: node instanceof Y.XmlElement
				? node.toArray().map((c) => textOf(c)).join('')
				: '';
	for (const node of fragment.toArray()) lines.push(textOf(node));
	return lines.join('\n');
}

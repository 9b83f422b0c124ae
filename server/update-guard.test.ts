import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deepestNewType, deepestType } from './update-guard.ts';

/** The update `change` makes to a copy of `base`, as a client would send it. */
function updateOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
	const sv = Y.encodeStateVector(copy);
	copy.transact(() => change(copy));
	return Y.encodeStateAsUpdate(copy, sv);
}

function nest(parent: Y.XmlFragment | Y.XmlElement, levels: number): Y.XmlElement {
	let p = parent;
	for (let i = 0; i < levels; i++) {
		const el = new Y.XmlElement('paragraph');
		p.insert(p.length, [el]);
		p = el;
	}
	return p as Y.XmlElement;
}

describe('nesting depth of an incoming update', () => {
	it('counts the levels a new element sits below its top-level type', () => {
		const doc = new Y.Doc();
		expect(
			deepestNewType(
				doc,
				updateOf(doc, (d) => d.getMap('terms').set('x', 1))
			)
		).toBe(0);
		// fragment (0) > paragraph (1) > text (2)
		expect(
			deepestNewType(
				doc,
				updateOf(doc, (d) =>
					nest(d.getXmlFragment('richClause:a'), 1).insert(0, [new Y.XmlText('x')])
				)
			)
		).toBe(2);
		expect(
			deepestNewType(
				doc,
				updateOf(doc, (d) => nest(d.getXmlFragment('richClause:a'), 20_000))
			)
		).toBe(20_000);
	});

	it('adds the depth an element already has in the document to what the update nests in it', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(
			doc,
			updateOf(doc, (d) => nest(d.getXmlFragment('c'), 5))
		);
		const deepest = (d: Y.Doc) => {
			let el: Y.XmlFragment | Y.XmlElement = d.getXmlFragment('c');
			while (el.length > 0) el = el.get(0) as Y.XmlElement;
			return el as Y.XmlElement;
		};
		expect(
			deepestNewType(
				doc,
				updateOf(doc, (d) => nest(deepest(d), 3))
			)
		).toBe(8);
		// A sibling placed after an existing element (found through its left origin, not its parent).
		expect(
			deepestNewType(
				doc,
				updateOf(doc, (d) => {
					const p = deepest(d)._item!.parent as Y.XmlElement;
					p.insert(p.length, [new Y.XmlElement('paragraph')]);
				})
			)
		).toBe(5);
	});

	it('cannot vouch for an element whose parent the document does not have', () => {
		const doc = new Y.Doc();
		const client = new Y.Doc();
		const first = updateOf(client, (d) => nest(d.getXmlFragment('c'), 2));
		Y.applyUpdate(client, first);
		const second = updateOf(client, (d) =>
			nest((d.getXmlFragment('c').get(0) as Y.XmlElement).get(0) as Y.XmlElement, 1)
		);
		expect(deepestNewType(doc, second)).toBeNull();
		Y.applyUpdate(doc, first);
		expect(deepestNewType(doc, second)).toBe(3);
	});
});

describe('nesting depth of a stored document', () => {
	it('is measured without recursion, 20,000 levels included', () => {
		const doc = new Y.Doc();
		expect(deepestType(doc)).toBe(0);
		doc.getMap('terms').set('a', new Y.Map());
		expect(deepestType(doc)).toBe(1);
		doc.transact(() => nest(doc.getXmlFragment('richClause:c'), 20_000));
		expect(deepestType(doc)).toBe(20_000);
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseFragment, clausePlainText, initClauseFragment } from './rich-clause.ts';

describe('rich clause fragments', () => {
	it('seeds one paragraph per line', () => {
		const doc = new Y.Doc();
		initClauseFragment(doc, 'award', '第一条 奖励。\n\n第二条 申诉。');
		const f = clauseFragment(doc, 'award');
		expect(f.length).toBe(2);
		expect(f.toString()).toBe(
			'<paragraph>第一条 奖励。</paragraph><paragraph>第二条 申诉。</paragraph>'
		);
		expect(clausePlainText(f)).toBe('第一条 奖励。\n第二条 申诉。');
	});

	it('does not seed twice', () => {
		const doc = new Y.Doc();
		initClauseFragment(doc, 'a', 'x');
		initClauseFragment(doc, 'a', 'y');
		expect(clausePlainText(clauseFragment(doc, 'a'))).toBe('x');
	});

	it('keeps clauses apart and converges between two docs', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		initClauseFragment(a, 'one', '甲');
		initClauseFragment(a, 'two', '乙');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(clausePlainText(clauseFragment(b, 'one'))).toBe('甲');
		expect(clausePlainText(clauseFragment(b, 'two'))).toBe('乙');
	});

	it('seeds an empty paragraph for empty text, so the editor has a block to type in', () => {
		const doc = new Y.Doc();
		initClauseFragment(doc, 'e', '');
		expect(clauseFragment(doc, 'e').toString()).toBe('<paragraph></paragraph>');
	});
});

describe('clause plain text', () => {
	const typed = '工龄<5年的职工每月补贴100元，工龄>=5年的每月补贴200元。';

	it('keeps what the user typed between < and >, ampersands and quotes', () => {
		const doc = new Y.Doc();
		const text = `${typed}\n甲方 & 乙方 "双方" '约定' <b>不是标记</b>`;
		initClauseFragment(doc, 'c', text);
		expect(clausePlainText(clauseFragment(doc, 'c'))).toBe(text);
	});

	it('reads formatted runs as their characters only', () => {
		const doc = new Y.Doc();
		const p = new Y.XmlElement('paragraph');
		clauseFragment(doc, 'c').insert(0, [p]);
		const t = new Y.XmlText();
		p.insert(0, [t]);
		t.insert(0, '工龄<5年');
		t.insert(t.length, '加粗>', { bold: true });
		const list = new Y.XmlElement('bulletList');
		const item = new Y.XmlElement('listItem');
		const inner = new Y.XmlElement('paragraph');
		clauseFragment(doc, 'c').insert(1, [list]);
		list.insert(0, [item]);
		item.insert(0, [inner]);
		inner.insert(0, [new Y.XmlText('a&b')]);
		// XmlText#toString renders the bold run as <bold>加粗></bold>: that must not leak out.
		expect(clausePlainText(clauseFragment(doc, 'c'))).toBe('工龄<5年加粗>\na&b');
	});

	it('reads a clause nested 20,000 elements deep without overflowing the stack', () => {
		const doc = new Y.Doc();
		const fragment = clauseFragment(doc, 'deep');
		let parent: Y.XmlFragment | Y.XmlElement = fragment;
		doc.transact(() => {
			for (let i = 0; i < 20_000; i++) {
				const el = new Y.XmlElement('paragraph');
				parent.insert(0, [el]);
				parent = el;
			}
			parent.insert(0, [new Y.XmlText('底')]);
		});
		expect(clausePlainText(fragment)).toBe('底');
	});
});

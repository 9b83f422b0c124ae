import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseFragment, clausePlainText, initClauseFragment } from './rich-clause.ts';

describe('rich clause fragments', () => {
	it('seeds one paragraph per line', () => {
		const doc = new Y.Doc();
		initClauseFragment(doc, 'award', '第一条 奖励。\n\n第二条 申诉。');
		const f = clauseFragment(doc, 'award');
		expect(f.length).toBe(2);
		expect(f.toString()).toBe('<paragraph>第一条 奖励。</paragraph><paragraph>第二条 申诉。</paragraph>');
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

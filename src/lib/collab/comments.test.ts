import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, readComments } from './comments.ts';

describe('term comments', () => {
	it('[D7] keeps each term’s thread in order and apart from the others', () => {
		const doc = new Y.Doc();
		addComment(doc, 'wage', '王师傅', '物价上涨 3%');
		addComment(doc, 'quota', '李经理', '定额按车间测算');
		addComment(doc, 'wage', '李经理', '  可以考虑 2%  ');
		expect(readComments(doc, 'wage').map((c) => [c.by, c.text])).toEqual([
			['王师傅', '物价上涨 3%'],
			['李经理', '可以考虑 2%']
		]);
		expect(readComments(doc, 'quota')).toHaveLength(1);
		addComment(doc, 'wage', 'x', '   ');
		expect(readComments(doc, 'wage')).toHaveLength(2);
	});

	it('[D7] merges two people commenting at once on a term without a thread yet', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		addComment(a, 'wage', 'A', '一');
		addComment(b, 'wage', 'B', '二');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(
			readComments(a, 'wage')
				.map((c) => c.text)
				.sort()
		).toEqual(['一', '二']);
		expect(readComments(b, 'wage')).toEqual(readComments(a, 'wage'));
	});

	it('[D5] skips malformed entries', () => {
		const doc = new Y.Doc();
		doc.getArray('comments').push([{ termId: 'wage', text: 42 }, 'junk']);
		addComment(doc, 'wage', 'A', 'ok');
		expect(readComments(doc, 'wage').map((c) => c.text)).toEqual(['ok']);
	});
});

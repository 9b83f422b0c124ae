import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	clauseText,
	encodeTemplate,
	initDoc,
	readAgenda,
	readClauses,
	readClauseTexts,
	readMeta,
	readTerm,
	readValues,
	setTermValue
} from './table-doc.ts';
import { demoTemplate } from './demo.ts';
import { SCHEMA_VERSION, type DocTemplate } from './schema.ts';
import { applyTextEdit, diffStrings } from './text-diff.ts';

const template: DocTemplate = {
	kind: 'table',
	title: '测试协商桌',
	agenda: [{ id: 'base', title: '基本工资', kind: 'number', unit: '元/月', min: 0, max: 9000, step: 10, current: 2500 }],
	values: { base: 2500 },
	clauses: [{ id: 'c1', title: '条款一', text: '原文' }]
};

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('collab doc accessors', () => {
	it('[D1] writes meta with the schema version, kind and title', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readMeta(doc)).toEqual({ schemaVersion: SCHEMA_VERSION, kind: 'table', title: '测试协商桌' });
	});

	it('[D2] reads the agenda back as written', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readAgenda(doc)).toEqual(template.agenda);
	});

	it('[D3] records who set a term value', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readTerm(doc, 'base')).toEqual({ value: 2500, by: null, at: null });
		setTermValue(doc, 'base', 2600, '王师傅');
		const t = readTerm(doc, 'base');
		expect(t?.value).toBe(2600);
		expect(t?.by).toBe('王师傅');
		expect(typeof t?.at).toBe('number');
		expect(readValues(doc)).toEqual({ base: 2600 });
	});

	it('[D4] keeps clause order and text', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readClauses(doc)).toEqual([{ id: 'c1', title: '条款一' }]);
		expect(clauseText(doc, 'c1')?.toString()).toBe('原文');
		expect(clauseText(doc, 'nope')).toBeNull();
		expect(readClauseTexts(doc)).toEqual({ c1: '原文' });
	});

	it('[D5] reads malformed entries as missing instead of crashing', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		doc.getArray('agenda').push([{ id: 'bad id!', kind: 'nonsense' }, 42]);
		doc.getMap('terms').set('weird', 'not a map' as never);
		const entry = new Y.Map<unknown>();
		entry.set('value', { nested: 'object' });
		doc.getMap('terms').set('objectValue', entry as never);
		doc.getMap('meta').set('schemaVersion', 'one');
		expect(readAgenda(doc)).toHaveLength(1);
		expect(readTerm(doc, 'weird')).toBeNull();
		expect(readTerm(doc, 'objectValue')).toBeNull();
		expect(readValues(doc)).toEqual({ base: 2500 });
		expect(readMeta(doc)).toBeNull();
	});

	it('encodes a template into one update that reproduces it', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, encodeTemplate(demoTemplate));
		expect(readAgenda(doc).map((a) => a.id)).toEqual(['baseWage', 'seniorityPerYear', 'pieceRate', 'heatAllowance']);
		expect(readValues(doc).seniorityPerYear).toBe(30);
	});

	it('concurrent edits to different terms both survive a merge', () => {
		const a = new Y.Doc();
		initDoc(a, template);
		const b = new Y.Doc();
		sync(a, b);
		setTermValue(a, 'base', 2700, 'A');
		setTermValue(b, 'other', 5, 'B');
		sync(a, b);
		expect(readValues(a)).toEqual({ base: 2700, other: 5 });
		expect(readValues(b)).toEqual(readValues(a));
	});
});

describe('text edits', () => {
	it('finds the smallest single replacement', () => {
		// "工资3000元" → "工资3200元": prefix "工资3" (3 chars), suffix "00元" (3 chars), replace "0" by "2".
		expect(diffStrings('工资3000元', '工资3200元')).toEqual({ index: 3, remove: 1, insert: '2' });
		expect(diffStrings('abc', 'abc')).toEqual({ index: 3, remove: 0, insert: '' });
		expect(diffStrings('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
		expect(diffStrings('', 'x')).toEqual({ index: 0, remove: 0, insert: 'x' });
	});

	it('keeps a concurrent edit elsewhere in the same clause', () => {
		const a = new Y.Doc();
		initDoc(a, template);
		const b = new Y.Doc();
		sync(a, b);
		applyTextEdit(clauseText(a, 'c1')!, '原文，补充甲');
		applyTextEdit(clauseText(b, 'c1')!, '修订原文');
		sync(a, b);
		expect(clauseText(a, 'c1')!.toString()).toBe('修订原文，补充甲');
		expect(clauseText(b, 'c1')!.toString()).toBe('修订原文，补充甲');
	});
});

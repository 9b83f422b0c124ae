import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	checkSchema,
	initDoc,
	readAgenda,
	readDraft,
	readMeta,
	readTerm,
	readValues,
	setTermValue
} from './table-doc.ts';
import { clauseFragment, clausePlainText } from './rich-clause.ts';
import { demoTemplate } from './demo.ts';
import { SCHEMA_VERSION, type DocTemplate } from './schema.ts';

const template: DocTemplate = {
	kind: 'table',
	title: '测试协商桌',
	agenda: [
		{
			id: 'base',
			title: '基本工资',
			kind: 'number',
			unit: '元/月',
			min: 0,
			max: 9000,
			step: 10,
			current: 2500
		},
		{ id: 'c1', title: '条款一', kind: 'clause', current: '原文第一行\n第二行' }
	]
};

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('collab doc accessors', () => {
	it('[D1] writes meta with the schema version, kind and title', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readMeta(doc)).toEqual({
			schemaVersion: SCHEMA_VERSION,
			kind: 'table',
			title: '测试协商桌'
		});
	});

	it('[D2] reads the agenda back as written', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readAgenda(doc)).toEqual(template.agenda);
	});

	it('[D3] starts every non-clause term at its current value and records who changes it', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		expect(readTerm(doc, 'base')).toEqual({ value: 2500, by: null, at: null });
		expect(readTerm(doc, 'c1')).toBeNull();
		setTermValue(doc, 'base', 2600, '王师傅');
		const t = readTerm(doc, 'base');
		expect(t?.value).toBe(2600);
		expect(t?.by).toBe('王师傅');
		expect(typeof t?.at).toBe('number');
		expect(readValues(doc)).toEqual({ base: 2600 });
	});

	it('[D3] stores a whole rate table as one value', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		setTermValue(doc, 'table', { near: 5.2, far: 7 }, '李经理');
		expect(readTerm(doc, 'table')?.value).toEqual({ near: 5.2, far: 7 });
	});

	it('[D4] seeds clause wording as paragraphs of a rich fragment', () => {
		const doc = new Y.Doc();
		initDoc(doc, template);
		// Two lines → two <paragraph> blocks.
		expect(clauseFragment(doc, 'c1').length).toBe(2);
		expect(clausePlainText(clauseFragment(doc, 'c1'))).toBe('原文第一行\n第二行');
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
		expect(readAgenda(doc)).toHaveLength(2);
		expect(readTerm(doc, 'weird')).toBeNull();
		expect(readTerm(doc, 'objectValue')).toBeNull();
		expect(readValues(doc)).toEqual({ base: 2500 });
		expect(readMeta(doc)).toBeNull();
	});

	it('builds the demo table from its template', () => {
		const doc = new Y.Doc();
		initDoc(doc, demoTemplate);
		expect(readAgenda(doc).map((a) => a.id)).toEqual([
			'baseWage',
			'seniorityPerYear',
			'pieceRate',
			'heatAllowance',
			'femaleProtection'
		]);
		expect(readValues(doc)).toEqual({
			baseWage: 2520,
			seniorityPerYear: 30,
			pieceRate: 4.5,
			heatAllowance: '300'
		});
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

describe('the draft formal acts read', () => {
	it('[D5][N1] readDraft keeps what display drops: NaN and a wrong type reach validation, a deleted term is absent', () => {
		const doc = new Y.Doc();
		initDoc(doc, {
			...template,
			agenda: [
				...template.agenda,
				{ id: 'heat', title: '高温津贴', kind: 'boolean', current: false },
				{ id: 'gone', title: '已删除', kind: 'number', unit: '元', current: 1 }
			]
		});
		setTermValue(doc, 'base', Number.NaN, '某人');
		doc.getMap<Y.Map<unknown>>('terms').get('heat')!.set('value', 'yes');
		doc.getMap('terms').delete('gone');
		const agenda = readAgenda(doc);
		const draft = readDraft(doc, agenda);
		expect(Number.isNaN(draft.terms.base)).toBe(true);
		expect(draft.terms.heat).toBe('yes');
		expect('gone' in draft.terms).toBe(false);
		expect(draft.clauses).toEqual({ c1: '原文第一行\n第二行' });
		// Display reads NaN as missing (D5).
		expect(readValues(doc)).toEqual({ heat: 'yes' });
	});

	it('[D1] a document of another layout version is refused with a message naming both versions', () => {
		const doc = new Y.Doc();
		expect(checkSchema(doc)).toBeNull(); // still empty: nothing to refuse yet
		initDoc(doc, template);
		expect(checkSchema(doc)).toBeNull();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expect(checkSchema(doc)).toBe(
			`这份协商文档由更新版本的系统创建（文档结构版本 ${SCHEMA_VERSION + 1}），当前版本只能读取版本 ${SCHEMA_VERSION}；请升级系统后再打开。`
		);
		doc.getMap('meta').set('schemaVersion', 'x');
		expect(checkSchema(doc)).toContain('无法识别');
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pushPlan, readCaucusBase, takeCaucusCopy, markPushed } from './caucus.ts';
import { readValues, setTermValue } from './table-doc.ts';
import type { AgendaItem } from './schema.ts';

const agenda: AgendaItem[] = [
	{ id: 'a', title: '甲', kind: 'number', unit: '元', min: 0, max: 100, current: 10 },
	{ id: 'b', title: '乙', kind: 'number', unit: '元', min: 0, max: 100, current: 10 },
	{ id: 'c', title: '丙', kind: 'number', unit: '元', min: 0, max: 100, current: 10 },
	{ id: 'k', title: '条款', kind: 'clause', current: '原文' }
] as AgendaItem[];
const entry = (value: number, by: string | null = null) => ({ value, by, at: by ? 1 : null });

describe('caucus working copy (D8)', () => {
	it('pushes only terms the caucus changed since its copy; a term the table changed since is a conflict', () => {
		// Copy took a=20, b=10, c=10. The caucus then set a=30 and b=15; the table moved b to 12 and c to 40.
		const rows = pushPlan(
			agenda,
			{ a: 20, b: 10, c: 10 },
			{ a: 30, b: 15, c: 10 },
			{ a: entry(20, '王'), b: entry(12, '李'), c: entry(40, '李') }
		);
		expect(rows).toEqual([
			{
				termId: 'a',
				title: '甲',
				tableValue: 20,
				tableBy: '王',
				caucusValue: 30,
				isConflict: false
			},
			{ termId: 'b', title: '乙', tableValue: 12, tableBy: '李', caucusValue: 15, isConflict: true }
		]);
	});

	it('leaves out a change the table already holds', () => {
		expect(pushPlan(agenda, { a: 20 }, { a: 30 }, { a: entry(30, '李') })).toEqual([]);
	});

	it('takes the copy from the table values and records them as the base; a push moves the base', () => {
		const doc = new Y.Doc();
		expect(readCaucusBase(doc)).toBeNull();
		setTermValue(doc, 'a', 10, 'x');
		takeCaucusCopy(doc, { a: 20, b: 12 }, '王');
		expect(readValues(doc)).toEqual({ a: 20, b: 12 });
		expect(readCaucusBase(doc)).toEqual({ a: 20, b: 12 });
		markPushed(doc, { a: 30 });
		expect(readCaucusBase(doc)).toEqual({ a: 30, b: 12 });
	});
});

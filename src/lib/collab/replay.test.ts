import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initDoc, setTermValue } from './table-doc.ts';
import { clauseFragment } from './rich-clause.ts';
import { DraftReplay, decodeUpdates, type TimedUpdate } from './replay.ts';
import type { AgendaItem, DocTemplate } from './schema.ts';

const agenda: AgendaItem[] = [
	{
		id: 'cap',
		title: '封顶年限',
		kind: 'number',
		unit: '年',
		min: 0,
		max: 30,
		step: 1,
		current: 10
	},
	{ id: 'award', title: '创新奖励条款', kind: 'clause', current: '酌情奖励。' }
];
const template: DocTemplate = { kind: 'table', title: '回放', agenda };

/** A table document edited in five updates, each recorded as the server would store it. */
function recorded(): TimedUpdate[] {
	const doc = new Y.Doc();
	const log: TimedUpdate[] = [];
	doc.on('update', (update: Uint8Array) => log.push({ at: 1000 * (log.length + 1), update }));
	initDoc(doc, template); // step 1: cap 10, award 酌情奖励。
	setTermValue(doc, 'cap', 12, '李经理'); // step 2: cap 12
	const p = clauseFragment(doc, 'award').get(0) as Y.XmlElement;
	(p.get(0) as Y.XmlText).insert(0, '按节约成本5%'); // step 3: award 按节约成本5%酌情奖励。
	// step 4: a writer smuggles a term into the doc's own agenda and sets a value for it.
	doc
		.getArray('agenda')
		.push([
			{ id: 'smuggled', title: '私加', kind: 'number', unit: '元', min: 0, max: 9, current: 0 }
		]);
	setTermValue(doc, 'smuggled', 9, '某人'); // step 5
	doc.destroy();
	return log;
}

describe('DraftReplay', () => {
	it('rebuilds values and clause wording after each step', () => {
		const r = new DraftReplay(recorded(), agenda);
		expect(r.length).toBe(5);
		expect(r.at(0)).toEqual({ values: {}, clauses: { award: '' }, changed: [] });
		expect(r.at(1)).toEqual({
			values: { cap: 10 },
			clauses: { award: '酌情奖励。' },
			changed: ['cap', 'award']
		});
		expect(r.at(2)).toEqual({
			values: { cap: 12 },
			clauses: { award: '酌情奖励。' },
			changed: ['cap']
		});
		expect(r.at(3)).toEqual({
			values: { cap: 12 },
			clauses: { award: '按节约成本5%酌情奖励。' },
			changed: ['award']
		});
		r.destroy();
	});

	it('reads through the given agenda: a term added to the document itself never shows', () => {
		const r = new DraftReplay(recorded(), agenda);
		expect(r.at(5)).toEqual({
			values: { cap: 12 },
			clauses: { award: '按节约成本5%酌情奖励。' },
			changed: []
		});
		r.destroy();
	});

	it('gives the same draft whether the slider moves forward or back', () => {
		const updates = recorded();
		const r = new DraftReplay(updates, agenda);
		const forward = [0, 1, 2, 3, 4, 5].map((s) => r.at(s));
		const back = [5, 4, 3, 2, 1, 0].map((s) => r.at(s)).reverse();
		expect(back).toEqual(forward);
		// Out of range clamps: −1 reads as 0, 99 as 5.
		expect(r.at(-1)).toEqual(forward[0]);
		expect(r.at(99)).toEqual(forward[5]);
		expect([r.timeOf(0), r.timeOf(1), r.timeOf(5), r.timeOf(6)]).toEqual([null, 1000, 5000, null]);
		r.destroy();
	});

	it('decodes the endpoint’s base64 updates back to the same bytes', () => {
		const updates = recorded();
		const wire = updates.map((u) => ({
			at: u.at,
			update: Buffer.from(u.update).toString('base64')
		}));
		const decoded = decodeUpdates(wire);
		expect(decoded.map((u) => [...u.update])).toEqual(updates.map((u) => [...u.update]));
		expect(new DraftReplay(decoded, agenda).at(2).values).toEqual({ cap: 12 });
	});
});

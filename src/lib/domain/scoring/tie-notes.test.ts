import { describe, expect, it } from 'vitest';
import { rankEntries } from './standings.ts';
import { tieNotes } from './tie-notes.ts';

describe('tie notes', () => {
	// A 80/50/30, B 80/50/25, C 60/0/0, D 60/0/0: A over B by rubric (30 > 25) after equal total
	// 80 and outcome 50; C and D fully equal → lot. The first key alone (A over C) needs no note.
	const entries = [
		{ id: 'a', name: '甲队', values: { total: 80, outcome: 50, rubric: 30 } },
		{ id: 'b', name: '乙队', values: { total: 80, outcome: 50, rubric: 25 } },
		{ id: 'c', name: '丙队', values: { total: 60, outcome: 0, rubric: 0 } },
		{ id: 'd', name: '丁队', values: { total: 60, outcome: 0, rubric: 0 } }
	];
	const order = ['total', 'outcome', 'rubric', 'lot'] as const;
	const r = rankEntries(entries, [...order], 7);
	const notes = tieNotes(
		r.ranked.map((x) => ({
			id: x.entry.id,
			name: x.entry.name,
			rank: x.rank,
			decidedBy: x.decidedBy,
			values: x.entry.values
		})),
		[...order]
	);

	it('[S15] names the key that separated two teams level on the earlier keys, with both figures', () => {
		expect(notes[0]).toEqual({
			kind: 'key',
			ids: ['a', 'b'],
			names: ['甲队', '乙队'],
			ranks: [1, 2],
			tiedOn: [
				{ key: 'total', value: 80 },
				{ key: 'outcome', value: 50 }
			],
			decidedBy: 'rubric',
			decisive: { above: 30, below: 25 }
		});
	});

	it('[S16] gathers a full tie into one lot note by team name, in the drawn order', () => {
		expect(notes).toHaveLength(2);
		const lot = notes[1]!;
		expect(lot.kind).toBe('lot');
		expect(lot.ranks).toEqual([3, 4]);
		expect([...lot.ids].sort()).toEqual(['c', 'd']);
		expect(lot.names).toEqual(lot.ids.map((id) => entries.find((e) => e.id === id)!.name));
		expect(lot.tiedOn.map((t) => t.key)).toEqual(['total', 'outcome', 'rubric']);
	});
});

import { describe, expect, it } from 'vitest';
import { addVersion, loadVersions, storageKey, storeVersions } from './versions.ts';

function memory() {
	const m = new Map<string, string>();
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v),
		m
	};
}

describe('saved versions', () => {
	it('round-trips through storage, per scenario', () => {
		const s = memory();
		const list = addVersion(
			addVersion([], { seniorityPerYear: 50 }, 'A', 1000),
			{ skillLadder: { mid: 300 } },
			'B',
			2000,
			3_000_000
		);
		storeVersions(s, 's1', list);
		expect(loadVersions(s, 's1')).toEqual(list);
		expect(loadVersions(s, 's2')).toEqual([]);
		expect(list.map((v) => v.name)).toEqual(['A', 'B']);
		expect(new Set(list.map((v) => v.id)).size).toBe(2);
		expect(list[1]?.budgetYuan).toBe(3_000_000);
	});

	it('reads garbage as an empty list and drops malformed entries', () => {
		const s = memory();
		s.setItem(storageKey('x'), '{not json');
		expect(loadVersions(s, 'x')).toEqual([]);
		s.setItem(storageKey('x'), JSON.stringify({ a: 1 }));
		expect(loadVersions(s, 'x')).toEqual([]);
		s.setItem(
			storageKey('x'),
			JSON.stringify([
				{ id: 'a', name: 'ok', terms: { t: 1 }, savedAt: 1 },
				{ id: 'b', terms: 'bad' }
			])
		);
		expect(loadVersions(s, 'x').map((v) => v.id)).toEqual(['a']);
	});

	it('copies the terms, so later edits do not change a saved version', () => {
		const terms = { ladder: { a: 1 } };
		const [v] = addVersion([], terms, 'A', 1);
		terms.ladder.a = 2;
		expect(v?.terms).toEqual({ ladder: { a: 1 } });
	});
});

/**
 * Why two neighbours in a ranking stand in that order when they tie on the first key (S15, S16),
 * as data a screen or a file turns into a sentence with the teams' names. The ranking itself is
 * `rankEntries`; this only reads its result, so a published ranking and its explanation cannot
 * disagree.
 *
 * Example: two teams level on total and outcome, separated by rubric →
 * `{ kind: 'key', names: ['甲队', '乙队'], tiedOn: ['total', 'outcome'], decidedBy: 'rubric', … }`.
 */
import type { TieBreakKey } from './standings.ts';

export type ScoreKey = Exclude<TieBreakKey, 'lot'>;

export interface TieNoteEntry {
	id: string;
	name: string;
	rank: number;
	decidedBy: TieBreakKey | null;
	values: Partial<Record<ScoreKey, number>>;
}

export interface TieNote {
	/** `key`: a later key separated two entries; `lot`: a full tie broken by the drawn lot. */
	kind: 'key' | 'lot';
	/** In ranked order: above then below for `key`; every member of the tied group for `lot`. */
	ids: string[];
	names: string[];
	ranks: number[];
	/** The keys on which they are equal, in the declared order, with the shared figure. */
	tiedOn: { key: ScoreKey; value: number }[];
	decidedBy: TieBreakKey;
	/** For `key`: the deciding figure of the entry above and of the one below. */
	decisive?: { above: number; below: number };
}

/**
 * One note per tie that the first key did not settle. `order` is the declared tie-break order
 * (`lot` implied at the end); entries must come in ranked order, as `rankEntries` returns them.
 */
export function tieNotes(
	entries: readonly TieNoteEntry[],
	order: readonly TieBreakKey[]
): TieNote[] {
	const keys = order.filter((k): k is ScoreKey => k !== 'lot');
	const cut = order.includes('lot') ? order.indexOf('lot') : order.length;
	const scoreKeys = keys.filter((k) => order.indexOf(k) < cut);
	const first = scoreKeys[0] ?? 'lot';
	const notes: TieNote[] = [];
	let lot: TieNote | null = null;
	entries.forEach((e, i) => {
		const prev = entries[i - 1];
		if (!prev || e.decidedBy === null || e.decidedBy === first) {
			lot = null;
			return;
		}
		const upTo = e.decidedBy === 'lot' ? scoreKeys.length : scoreKeys.indexOf(e.decidedBy);
		const tiedOn = scoreKeys
			.slice(0, Math.max(0, upTo))
			.map((key) => ({ key, value: e.values[key] ?? 0 }));
		if (e.decidedBy === 'lot') {
			if (lot) {
				lot.ids.push(e.id);
				lot.names.push(e.name);
				lot.ranks.push(e.rank);
				return;
			}
			lot = {
				kind: 'lot',
				ids: [prev.id, e.id],
				names: [prev.name, e.name],
				ranks: [prev.rank, e.rank],
				tiedOn,
				decidedBy: 'lot'
			};
			notes.push(lot);
			return;
		}
		lot = null;
		const k = e.decidedBy;
		notes.push({
			kind: 'key',
			ids: [prev.id, e.id],
			names: [prev.name, e.name],
			ranks: [prev.rank, e.rank],
			tiedOn,
			decidedBy: k,
			decisive: { above: prev.values[k] ?? 0, below: e.values[k] ?? 0 }
		});
	});
	return notes;
}

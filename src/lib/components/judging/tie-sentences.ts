/**
 * Ties as sentences with the teams' names (S15, S16), for the scoreboard, the public results and
 * the XLSX export alike: `tieNotes` (domain) says which ties needed a later key or the lot, this
 * words them in the page's language (or the one asked for: exports are in Chinese).
 */
import { m } from '$lib/paraglide/messages.js';
import {
	tieNotes,
	type TieBreakKey,
	type TieNote,
	type TieNoteEntry
} from '../../domain/scoring/index.ts';

type Locale = 'zh-CN' | 'en';

export function tieKeyLabel(k: TieBreakKey | null, locale?: Locale): string {
	const o = locale ? { locale } : {};
	return k === null
		? '—'
		: k === 'total'
			? m.rubric_key_total({}, o)
			: k === 'outcome'
				? m.rubric_key_outcome({}, o)
				: k === 'rubric'
					? m.rubric_key_rubric({}, o)
					: m.rubric_key_lot({}, o);
}

const f2 = (x: number) => x.toFixed(2);

export function tieSentence(n: TieNote, seed: number, locale?: Locale): string {
	const o = locale ? { locale } : {};
	const sep = m.org_list_sep({}, o);
	const keys = n.tiedOn.map((t) => tieKeyLabel(t.key, locale)).join(sep);
	const values = n.tiedOn.map((t) => `${tieKeyLabel(t.key, locale)} ${f2(t.value)}`).join(sep);
	return n.kind === 'lot'
		? m.org_tie_lot(
				{
					names: n.names.join(sep),
					keys,
					values,
					seed: String(seed),
					order: n.names.map((name, i) => `${n.ranks[i]}. ${name}`).join(m.org_order_sep({}, o))
				},
				o
			)
		: m.org_tie_key(
				{
					above: n.names[0] ?? '',
					below: n.names[1] ?? '',
					keys,
					values,
					key: tieKeyLabel(n.decidedBy, locale),
					aboveValue: f2(n.decisive?.above ?? 0),
					belowValue: f2(n.decisive?.below ?? 0)
				},
				o
			);
}

/** Every tie of one ranked pool as a sentence, in rank order. */
export function tieSentences(
	entries: readonly TieNoteEntry[],
	order: readonly TieBreakKey[],
	seed: number,
	locale?: Locale
): string[] {
	return tieNotes(entries, order).map((n) => tieSentence(n, seed, locale));
}

import type { TableState } from '$lib/collab/table-state.svelte.ts';
import type { AgendaItem } from '$lib/collab/schema.ts';
import { clausePlainText } from '$lib/collab/rich-clause.ts';
import { canonicalJson } from '$lib/domain/negotiation/index.ts';
import type { Formal } from '$lib/collab/formal.ts';

export type Effective = 'open' | 'proposed-labour' | 'proposed-management' | 'agreed';

/** The draft value of a term as the server compares it (clause terms: their plain wording). */
export function draftValue(t: TableState, item: AgendaItem): unknown {
	return item.kind === 'clause' ? clausePlainText(t.clauseFragment(item.id)) : (t.term(item.id)?.value ?? null);
}

/** Same rule as the server: a stored state holds only while the draft keeps its value. */
export function effectiveState(t: TableState, item: AgendaItem, formal: Formal): Effective {
	const s = formal.states[item.id];
	if (!s) return 'open';
	return canonicalJson(s.value ?? null) === canonicalJson(draftValue(t, item) ?? null) ? s.state : 'open';
}

/**
 * Offer diffs (方案对比): what an offer changed against the one before it, for the offer
 * timeline. Both offers are read through N2 (silent terms stand at their current value), so a
 * diff compares what each offer means, not which keys it happened to store.
 */
import type { ResolvedScenario, Term, TermValue } from '../scenario.ts';
import type { Offer } from './offer.ts';
import { resolveOfferClauses, resolveOfferTerms } from './offer.ts';

export type Direction = 'up' | 'down' | 'changed' | 'same';

export interface CellChange {
	cell: string;
	before: number | undefined;
	after: number | undefined;
	direction: Direction;
}

export interface TermDiff {
	termId: string;
	title: string;
	kind: Exclude<Term['kind'], 'clause'>;
	before: TermValue;
	after: TermValue;
	direction: Direction;
	/** Table terms only: the cells that differ. */
	cells?: CellChange[];
}

export type ClauseChange = 'added' | 'removed' | 'changed' | 'same';

export interface ClauseDiff {
	clauseId: string;
	/** The scenario term's title, or the id for a clause added at the table. */
	title: string;
	before: string | undefined;
	after: string | undefined;
	change: ClauseChange;
}

export interface OfferDiff {
	terms: TermDiff[];
	clauses: ClauseDiff[];
	/** True when some term or clause differs. */
	hasChanges: boolean;
}

type OfferContent = Pick<Offer, 'terms' | 'clauses'>;

const numberDirection = (a: number, b: number): Direction =>
	b > a ? 'up' : b < a ? 'down' : 'same';

function tableDiff(
	before: Record<string, number>,
	after: Record<string, number>
): { direction: Direction; cells: CellChange[] } {
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	const cells: CellChange[] = [];
	for (const cell of keys) {
		const b = before[cell];
		const a = after[cell];
		if (a === b) continue;
		// A cell that appears or disappears has no ordering against nothing.
		const direction = a === undefined || b === undefined ? 'changed' : numberDirection(b, a);
		cells.push({ cell, before: b, after: a, direction });
	}
	const dirs = new Set(cells.map((c) => c.direction));
	const direction: Direction =
		cells.length === 0
			? 'same'
			: dirs.size === 1 && !dirs.has('changed')
				? [...dirs][0]!
				: 'changed';
	return { direction, cells };
}

/**
 * Compares `next` with `previous` (N6). With no previous offer the baseline is the scenario's
 * current terms (现行标准), so the first offer shows what it asks against today. Numbers and
 * cells move 'up' or 'down'; a table moves up or down when every changed cell moves that way,
 * else 'changed'; choices, yes/no and clause wording are 'changed' (their order says nothing
 * about who gained). Terms come in scenario order; clauses in scenario order, then added ones.
 */
export function diffOffers(
	scenario: Pick<ResolvedScenario, 'terms'>,
	previous: OfferContent | null,
	next: OfferContent
): OfferDiff {
	const before = resolveOfferTerms(scenario, previous?.terms ?? {});
	const after = resolveOfferTerms(scenario, next.terms);
	const terms: TermDiff[] = [];
	for (const term of scenario.terms) {
		if (term.kind === 'clause') continue;
		const b = before[term.id] as TermValue;
		const a = after[term.id] as TermValue;
		let direction: Direction;
		let cells: CellChange[] | undefined;
		if (typeof b === 'number' && typeof a === 'number') direction = numberDirection(b, a);
		else if (typeof b === 'object' && typeof a === 'object')
			({ direction, cells } = tableDiff(b, a));
		else direction = a === b ? 'same' : 'changed';
		terms.push({
			termId: term.id,
			title: term.title,
			kind: term.kind,
			before: b,
			after: a,
			direction,
			...(cells ? { cells } : {})
		});
	}

	const titles = new Map(scenario.terms.map((t) => [t.id, t.title]));
	const cb = resolveOfferClauses(scenario, previous?.clauses ?? {});
	const ca = resolveOfferClauses(scenario, next.clauses);
	const ids = [...new Set([...Object.keys(cb), ...Object.keys(ca)])];
	const clauses: ClauseDiff[] = ids.map((id) => {
		const b = cb[id];
		const a = ca[id];
		const change: ClauseChange =
			b === undefined ? 'added' : a === undefined ? 'removed' : a === b ? 'same' : 'changed';
		return { clauseId: id, title: titles.get(id) ?? id, before: b, after: a, change };
	});

	return {
		terms,
		clauses,
		hasChanges:
			terms.some((t) => t.direction !== 'same') || clauses.some((c) => c.change !== 'same')
	};
}

/**
 * Term states (议题状态): where each agenda item stands between the two chiefs. The meeting
 * procedure (集体合同规定 art 34, DOMAIN §1.3) has one chief state a demand and the other respond,
 * and the chiefs sign only what both agreed; 工资集体协商试行办法 gives both sides equal rights to
 * propose and veto. So a term is agreed only when one side's chief accepts what the *other* side
 * proposed, and any later edit of its value reopens it: an agreement is about a value, not a row.
 *
 * ```ts
 * const r = transition(states[termId] ?? 'open', { type: 'accept', side: 'management' }, { role: 'management-chief' });
 * if (!r.ok) return fail(403, { message: r.reason });
 * ```
 */
import type { Scenario } from '../scenario.ts';
import { CHIEF_ROLES, chiefSide, SIDE_NAME_ZH as SIDE_NAME, type Side } from '../roles.ts';
export { CHIEF_ROLES, chiefSide };

export type TermState = 'open' | 'proposed-labour' | 'proposed-management' | 'agreed';

export type TermEvent =
	| { type: 'propose'; side: Side }
	| { type: 'accept'; side: Side }
	| { type: 'reopen'; side: Side }
	/** The term's draft value or clause wording changed, by anyone. */
	| { type: 'edit' };

/** Who acts. Roles other than the two chiefs (members, judges, observers …) may only edit. */
export interface Actor {
	role: string;
	name?: string;
}

export type TransitionRefusal =
	| 'not-a-chief'
	| 'wrong-side'
	| 'own-proposal'
	| 'nothing-to-accept'
	| 'already-agreed'
	| 'already-open';

export type TransitionResult =
	{ ok: true; state: TermState } | { ok: false; code: TransitionRefusal; reason: string };

const proposedBy = (state: TermState): Side | null =>
	state === 'proposed-labour' ? 'labour' : state === 'proposed-management' ? 'management' : null;

const refuse = (code: TransitionRefusal, reason: string): TransitionResult => ({
	ok: false,
	code,
	reason
});

/**
 * The next state of one term (N9–N12), or why the act is refused. Pure: the caller stores the
 * result. Rules:
 * - propose / accept / reopen only by a chief (首席代表), and only for the chief's own side;
 * - propose: from open or either proposed state (a counter-proposal replaces the other side's);
 *   refused on an agreed term, which must be reopened first;
 * - accept: only the other side's proposal becomes agreed; not one's own, not an open term;
 * - reopen: either chief, from a proposed or agreed state (withdrawing, declining, or undoing);
 * - edit: by anyone, returns any state to open; an open term stays open.
 */
export function transition(state: TermState, event: TermEvent, actor: Actor): TransitionResult {
	if (event.type === 'edit') return { ok: true, state: 'open' };
	const side = chiefSide(actor.role);
	if (side === null) return refuse('not-a-chief', '只有双方首席代表可以提出、接受或重新开放议题');
	if (side !== event.side)
		return refuse('wrong-side', `${SIDE_NAME[side]}首席代表不能代表${SIDE_NAME[event.side]}行事`);
	const by = proposedBy(state);
	switch (event.type) {
		case 'propose':
			if (state === 'agreed')
				return refuse('already-agreed', '该议题已达成一致；如需修改，请先重新开放');
			return { ok: true, state: side === 'labour' ? 'proposed-labour' : 'proposed-management' };
		case 'accept':
			if (state === 'agreed') return refuse('already-agreed', '该议题已达成一致');
			if (by === null) return refuse('nothing-to-accept', '该议题尚无对方提议，无法接受');
			if (by === side) return refuse('own-proposal', '不能接受本方自己的提议，需由对方接受');
			return { ok: true, state: 'agreed' };
		case 'reopen':
			if (state === 'open') return refuse('already-open', '该议题已处于开放状态');
			return { ok: true, state: 'open' };
	}
}

/** States by term id; a term with no entry is open. */
export type TermStates = Readonly<Record<string, TermState>>;

/**
 * The ids of the terms not yet agreed (N13): every scenario term (clause terms included) and
 * every id in `extraIds` (clauses the table added), in that order.
 */
export function pendingTerms(
	states: TermStates,
	scenario: Pick<Scenario, 'terms'>,
	extraIds: readonly string[] = []
): string[] {
	const ids = [...new Set([...scenario.terms.map((t) => t.id), ...extraIds])];
	return ids.filter((id) => states[id] !== 'agreed');
}

/** Signing (签字) is possible when no term is pending (N13). */
export function allAgreed(
	states: TermStates,
	scenario: Pick<Scenario, 'terms'>,
	extraIds: readonly string[] = []
): boolean {
	return pendingTerms(states, scenario, extraIds).length === 0;
}

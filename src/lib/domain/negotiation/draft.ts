/**
 * The draft at the table and what formal acts make of it (N12–N16): which terms stand agreed,
 * what a draft must hold before it can be tabled, and the agreement both chiefs sign with its
 * content hash. The server's acts (src/lib/server/negotiation/) and the match page call these
 * same functions, so the page can never show a term as agreed that the server would refuse to
 * sign, and a test that breaks a rule here fails both.
 *
 * ```ts
 * const states = effectiveStates(scenario, storedStates, draft);          // N12
 * if (pendingTerms(states, scenario).length) refuse();                      // N13
 * const content = agreementContent(scenario, { matchId, finalOfferId, draft });   // N14
 * const hash = await agreementContentHash(content);                         // N16
 * ```
 */
import type { ResolvedScenario, Term } from '../scenario.ts';
import { canonicalJson, type Agreement, type Signer } from './agreement.ts';
import {
	validateOffer,
	resolveOfferClauses,
	resolveOfferTerms,
	type OfferProblem
} from './offer.ts';
import type { TermState } from './term-state.ts';

/**
 * The shared draft as formal acts read it: each non-clause term's value as the document holds
 * it (possibly malformed: a formal act must see NaN or a wrong type to refuse it, never a silent
 * gap), and each clause term's wording.
 */
export interface Draft {
	terms: Record<string, unknown>;
	clauses: Record<string, string>;
}

/** A stored term state: the state, and the value it is about. */
export interface StoredTermState {
	state: TermState;
	value: unknown;
}

type Agenda = Pick<ResolvedScenario, 'terms'>;

/** The value of a term in the draft: a clause term's wording, any other term's value. */
export function draftValue(term: Pick<Term, 'id' | 'kind'>, draft: Draft): unknown {
	return term.kind === 'clause' ? draft.clauses[term.id] : draft.terms[term.id];
}

/** Compares two draft values as the stored rows do: canonical JSON, a missing value as null. */
export function sameDraftValue(a: unknown, b: unknown): boolean {
	try {
		return canonicalJson(a ?? null) === canonicalJson(b ?? null);
	} catch {
		// A non-finite number is no value anyone agreed to.
		return false;
	}
}

/**
 * One term's state as it stands now (N12): a stored state holds only while the draft still has
 * the value it was about; any edit since then reads as `open`. No stored state is `open`.
 */
export function effectiveState(stored: StoredTermState | undefined, value: unknown): TermState {
	return stored && sameDraftValue(stored.value, value) ? stored.state : 'open';
}

/** Every scenario term's state as it stands now (N12), by term id. */
export function effectiveStates(
	scenario: Agenda,
	stored: Readonly<Record<string, StoredTermState>>,
	draft: Draft
): Record<string, TermState> {
	const out: Record<string, TermState> = {};
	for (const t of scenario.terms) out[t.id] = effectiveState(stored[t.id], draftValue(t, draft));
	return out;
}

/**
 * What a draft must hold to be tabled (N1 applied to the whole draft): every scenario term that
 * is not a clause has a value (a term whose entry was deleted, or whose value is NaN, Infinity or
 * of the wrong type is named, never silently left at the status quo), and every value passes N1,
 * tables cell by cell. [] means the server may store it.
 */
export function validateDraft(scenario: Agenda, draft: Draft): OfferProblem[] {
	const missing: OfferProblem[] = [];
	for (const t of scenario.terms) {
		if (
			t.kind === 'clause' ||
			(Object.hasOwn(draft.terms, t.id) && draft.terms[t.id] !== undefined)
		)
			continue;
		missing.push({
			termId: t.id,
			code: 'missing-term',
			message: `${t.title}（${t.id}）：草案中没有这一议题的取值（可能已被删除），请重新填写后再提出方案`
		});
	}
	const present = Object.fromEntries(
		Object.entries(draft.terms).filter(([, v]) => v !== undefined)
	);
	return [...missing, ...validateOffer(scenario, { terms: present, clauses: draft.clauses })];
}

/**
 * The agreement a fully agreed draft becomes (N14), without signers: every term resolved in full
 * (N2), so it never depends on the scenario's current values later. The server builds it from
 * the draft it froze, so the agreement and the frozen table cannot differ. `finalOfferId` is the
 * last tabled offer ('none' when the table agreed without one).
 */
export function agreementContent(
	scenario: Pick<ResolvedScenario, 'id' | 'terms'>,
	at: { matchId: string; finalOfferId: string; draft: Draft }
): Agreement {
	return {
		matchId: at.matchId,
		scenarioId: scenario.id,
		terms: resolveOfferTerms(scenario, at.draft.terms),
		clauses: resolveOfferClauses(scenario, at.draft.clauses),
		signers: [],
		finalOfferId: at.finalOfferId
	};
}

/** The signed agreement: the content with its signers, one per side, labour first (N14). */
export function withSigners(content: Agreement, signers: readonly Signer[]): Agreement {
	const order = (s: Signer) => (s.side === 'labour' ? 0 : 1);
	return { ...content, signers: [...signers].sort((a, b) => order(a) - order(b)) };
}

/** A chief's signature on some content, as stored. */
export interface Signature {
	side: Signer['side'];
	contentHash: string;
}

/**
 * Whether a new signature completes the agreement (N16): the other side has signed content with
 * the same content hash. A signature on an older draft does not count.
 */
export function completesAgreement(signatures: readonly Signature[], mine: Signature): boolean {
	return signatures.some((s) => s.side !== mine.side && s.contentHash === mine.contentHash);
}

/**
 * Formal acts at the table (DESIGN: "drafting is free, formal acts are validated"): tabling an
 * offer, accepting or reopening terms, signing. The server reads the draft from its own copy of
 * the table document, validates it with the domain, stores an immutable row, then mirrors the
 * result into the match's read-only `formal` document so every browser updates live.
 */
import type * as Y from 'yjs';
import type { Db } from './db.ts';
import { services } from './services.ts';
import { audit } from './audit.ts';
import { getMatch, isChief, setMatchStatus, sideOf, type Match, type Seat, type Side } from './events.ts';
import { formalDocName, tableDocName } from './access.ts';
import { newId } from './ids.ts';
import { readValues } from '../collab/table-doc.ts';
import { clauseFragment, clausePlainText } from '../collab/rich-clause.ts';
import { writeFormal, type TermStateEntry } from '../collab/formal.ts';
import {
	agreementHash,
	canonicalJson,
	nextOfferKind,
	nextOfferSeq,
	offerProblemsMessage,
	resolveOfferClauses,
	resolveOfferTerms,
	sha256Hex,
	transition,
	validateOffer,
	applyClock,
	clockFromFormat,
	type Agreement,
	type ClockAction,
	type ClockState,
	type Offer,
	type TermState
} from '../domain/negotiation/index.ts';
import { isOrganizerOf } from './events.ts';
import { formatOf } from './match-format.ts';
import type { Principal } from './access.ts';
import type { ResolvedScenario, TermValues } from '../domain/index.ts';

/** A refused act: the route answers with this status and message. */
export class ActRefused extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

export interface Draft {
	terms: TermValues;
	clauses: Record<string, string>;
}

type OfferRow = { id: string; match_id: string; seq: number; side: Side; kind: 'offer' | 'counter'; terms: string; clauses: string; message: string; created_by: string; created_at: string };
const toOffer = (r: OfferRow): Offer => ({
	id: r.id,
	matchId: r.match_id,
	seq: r.seq,
	side: r.side,
	kind: r.kind,
	terms: JSON.parse(r.terms) as TermValues,
	clauses: JSON.parse(r.clauses) as Record<string, string>,
	message: r.message,
	createdBy: r.created_by,
	createdAt: r.created_at
});

export function offersOf(db: Db, matchId: string): Offer[] {
	return db.prepare<[string], OfferRow>('SELECT * FROM offers WHERE match_id = ? ORDER BY seq').all(matchId).map(toOffer);
}

export function storedStates(db: Db, matchId: string): Record<string, TermStateEntry> {
	const rows = db
		.prepare<[string], { term_id: string; state: TermState; value: string | null; by_name: string; at: number }>(
			'SELECT term_id, state, value, by_name, at FROM term_states WHERE match_id = ?'
		)
		.all(matchId);
	return Object.fromEntries(rows.map((r) => [r.term_id, { state: r.state, value: r.value === null ? null : JSON.parse(r.value), by: r.by_name, at: r.at }]));
}

/**
 * The draft as the server holds it: the authoritative current state of the shared table, read
 * through the scenario's agenda. The doc's own agenda is client-writable, so a term or clause a
 * client added there never reaches an offer or an agreement.
 */
export function readDraft(scenario: ResolvedScenario, matchId: string): Promise<Draft> {
	return services().readDoc(tableDocName(matchId), (doc: Y.Doc) => {
		const values = readValues(doc);
		const terms: TermValues = {};
		const clauses: Record<string, string> = {};
		for (const t of scenario.terms) {
			if (t.kind === 'clause') clauses[t.id] = clausePlainText(clauseFragment(doc, t.id));
			else if (values[t.id] !== undefined && values[t.id] !== null) terms[t.id] = values[t.id]!;
		}
		return { terms, clauses };
	});
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The value a term has in the draft (clause terms: their wording). */
function draftValue(scenario: ResolvedScenario, draft: Draft, termId: string): unknown {
	const t = scenario.terms.find((x) => x.id === termId);
	return t?.kind === 'clause' ? draft.clauses[termId] : draft.terms[termId];
}

/**
 * Each term's state as it stands now: a stored state holds only while the draft still has the
 * value it was about; an edit since then reads as open (N12: any edit reopens).
 */
export function effectiveStates(scenario: ResolvedScenario, stored: Record<string, TermStateEntry>, draft: Draft): Record<string, TermState> {
	const out: Record<string, TermState> = {};
	for (const t of scenario.terms) {
		const s = stored[t.id];
		out[t.id] = s && same(s.value, draftValue(scenario, draft, t.id)) ? s.state : 'open';
	}
	return out;
}

export function chiefOf(seat: Seat | null, match: Match): { side: Side; seat: Seat } {
	if (!seat || seat.matchId !== match.id || !isChief(seat.role)) throw new ActRefused(403, '只有本场双方的首席代表可以进行此操作');
	return { side: sideOf(seat.role)!, seat };
}

export function assertOpen(match: Match): void {
	if (match.status === 'signed') throw new ActRefused(409, '协议已签署，不能再修改');
	if (match.status === 'ended') throw new ActRefused(409, '本场协商已结束');
}

function putState(db: Db, matchId: string, termId: string, e: TermStateEntry): void {
	db.prepare(
		`INSERT INTO term_states (match_id, term_id, state, value, by_name, at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (match_id, term_id) DO UPDATE SET state = excluded.state, value = excluded.value, by_name = excluded.by_name, at = excluded.at`
	).run(matchId, termId, e.state, JSON.stringify(e.value), e.by, e.at);
}

/** Mirrors the stored acts into the table document for live display. */
async function mirror(db: Db, match: Match, extra: Parameters<typeof writeFormal>[1] = {}): Promise<void> {
	const states = storedStates(db, match.id);
	const offers = offersOf(db, match.id).length;
	const signatures = db
		.prepare<[string], { side: Side; name: string; content_hash: string }>('SELECT side, name, content_hash FROM signatures WHERE match_id = ?')
		.all(match.id)
		.map((s) => ({ side: s.side, name: s.name, contentHash: s.content_hash }));
	await services().changeDoc(formalDocName(match.id), (doc) => writeFormal(doc, { states, offers, signatures, ...extra }));
}

/** 提出方案: the chief tables the whole current draft as an offer; its terms become proposed. */
export async function tableOffer(db: Db, scenario: ResolvedScenario, match: Match, seat: Seat | null, message: string): Promise<Offer> {
	assertOpen(match);
	const { side, seat: chief } = chiefOf(seat, match);
	const draft = await readDraft(scenario, match.id);
	const problems = validateOffer(scenario, draft);
	if (problems.length > 0) throw new ActRefused(422, offerProblemsMessage(problems));
	const name = chief.personName ?? side;
	const offer = db.transaction(() => {
		const existing = offersOf(db, match.id);
		const o: Offer = {
			id: newId(),
			matchId: match.id,
			side,
			seq: nextOfferSeq(existing),
			kind: nextOfferKind(existing, side),
			terms: draft.terms,
			clauses: draft.clauses,
			message: message.slice(0, 2000),
			createdBy: name,
			createdAt: new Date().toISOString()
		};
		db.prepare(
			'INSERT INTO offers (id, match_id, seq, side, kind, terms, clauses, message, seat_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
		).run(o.id, o.matchId, o.seq, o.side, o.kind, JSON.stringify(o.terms), JSON.stringify(o.clauses), o.message, chief.id, o.createdBy, o.createdAt);
		// Every term not already agreed at this value becomes this side's proposal.
		const states = effectiveStates(scenario, storedStates(db, match.id), draft);
		for (const t of scenario.terms) {
			if (states[t.id] === 'agreed') continue;
			putState(db, match.id, t.id, { state: `proposed-${side}`, value: draftValue(scenario, draft, t.id) as TermStateEntry['value'], by: name, at: Date.now() });
		}
		if (match.status === 'scheduled') setMatchStatus(db, match.id, 'running');
		audit(db, match.eventId, `seat:${chief.id}`, 'offer.table', { match: match.id, seq: o.seq, kind: o.kind });
		return o;
	})();
	await mirror(db, match, { status: 'running' });
	return offer;
}

/** Accept (达成一致) or reopen terms, by a chief, through the term-state machine. */
export async function actOnTerms(
	db: Db,
	scenario: ResolvedScenario,
	match: Match,
	seat: Seat | null,
	act: 'accept' | 'reopen',
	termIds: string[],
	/** The proposed values the chief saw, by term id: accepting refuses if a proposal changed since. */
	seen: Record<string, unknown> = {}
): Promise<Record<string, TermState>> {
	assertOpen(match);
	const { side, seat: chief } = chiefOf(seat, match);
	const draft = await readDraft(scenario, match.id);
	const known = new Set(scenario.terms.map((t) => t.id));
	const unknown = termIds.filter((id) => !known.has(id));
	if (unknown.length) throw new ActRefused(400, `没有这些议题：${unknown.join('、')}`);
	const result = db.transaction(() => {
		const stored = storedStates(db, match.id);
		const states = effectiveStates(scenario, stored, draft);
		for (const id of termIds) {
			if (act === 'accept' && Object.hasOwn(seen, id) && !same(seen[id], stored[id]?.value)) {
				const title = scenario.terms.find((t) => t.id === id)?.title ?? id;
				throw new ActRefused(409, `${title}：对方的方案已经更新，请查看最新数值后再同意`);
			}
			const r = transition(states[id] ?? 'open', { type: act, side }, { role: chief.role, name: chief.personName ?? '' });
			const title = scenario.terms.find((t) => t.id === id)?.title ?? id;
			if (!r.ok) throw new ActRefused(409, `${title}：${r.reason}`);
			states[id] = r.state;
			putState(db, match.id, id, { state: r.state, value: draftValue(scenario, draft, id) as TermStateEntry['value'], by: chief.personName ?? side, at: Date.now() });
		}
		audit(db, match.eventId, `seat:${chief.id}`, `terms.${act}`, { match: match.id, terms: termIds });
		return states;
	})();
	await mirror(db, match);
	return result;
}

/** The exact content both chiefs sign: every term resolved, every clause's wording. */
async function contentOf(scenario: ResolvedScenario, draft: Draft): Promise<{ terms: TermValues; clauses: Record<string, string>; hash: string }> {
	const terms = resolveOfferTerms(scenario, draft.terms);
	const clauses = resolveOfferClauses(scenario, draft.clauses);
	return { terms, clauses, hash: await sha256Hex(canonicalJson({ terms, clauses })) };
}

/**
 * 签字: a chief signs the current draft once every term is agreed. When both chiefs have signed
 * the same content, the agreement row is stored, the table becomes read-only for everyone and the
 * act is audited.
 */
export async function sign(db: Db, scenario: ResolvedScenario, match: Match, seat: Seat | null): Promise<{ complete: boolean; hash: string | null }> {
	const { side, seat: chief } = chiefOf(seat, match);
	// Signing is idempotent: a repeated request (a double click) after completion gets the same answer.
	const done = agreementRow(db, match.id);
	if (done) return { complete: true, hash: done.hash };
	assertOpen(match);
	const draft = await readDraft(scenario, match.id);
	const states = effectiveStates(scenario, storedStates(db, match.id), draft);
	const pending = scenario.terms.filter((t) => states[t.id] !== 'agreed').map((t) => t.title);
	if (pending.length) throw new ActRefused(409, `还有议题未达成一致：${pending.join('、')}`);
	const content = await contentOf(scenario, draft);
	const name = chief.personName ?? side;
	const now = new Date().toISOString();
	const offers = offersOf(db, match.id);
	// Everything that could complete the agreement is prepared before the transaction (hashing
	// is async); the transaction then re-checks and writes at once, so two simultaneous signing
	// requests cannot both complete it.
	type Sig = { side: Side; name: string; content_hash: string; signed_at: string };
	const others = db.prepare<[string, Side], Sig>('SELECT side, name, content_hash, signed_at FROM signatures WHERE match_id = ? AND side != ?').all(match.id, side);
	const signers: Sig[] = [...others, { side, name, content_hash: content.hash, signed_at: now }];
	const agreement: Agreement = {
		matchId: match.id,
		scenarioId: scenario.id,
		terms: content.terms,
		clauses: content.clauses,
		signers: signers.map((x) => ({ side: x.side, name: x.name, signedAt: x.signed_at })).sort((a, b) => a.side.localeCompare(b.side)),
		finalOfferId: offers.at(-1)?.id ?? 'none'
	};
	const hash = await agreementHash(agreement);
	const outcome = db.transaction((): { complete: boolean; hash: string | null } => {
		const status = db.prepare<[string], { status: string }>('SELECT status FROM matches WHERE id = ?').get(match.id)?.status;
		if (status === 'signed') {
			const existing = db.prepare<[string], { hash: string }>('SELECT hash FROM agreements WHERE match_id = ?').get(match.id);
			return { complete: true, hash: existing?.hash ?? null };
		}
		db.prepare(
			`INSERT INTO signatures (match_id, side, seat_id, name, content_hash, signed_at) VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT (match_id, side) DO UPDATE SET seat_id = excluded.seat_id, name = excluded.name, content_hash = excluded.content_hash, signed_at = excluded.signed_at`
		).run(match.id, side, chief.id, name, content.hash, now);
		audit(db, match.eventId, `seat:${chief.id}`, 'agreement.sign', { match: match.id, side, contentHash: content.hash });
		const sigs = db.prepare<[string], Sig>('SELECT side, name, content_hash, signed_at FROM signatures WHERE match_id = ?').all(match.id);
		// Both sides must have signed this very content; a signature on an older draft does not count.
		if (sigs.length < 2 || sigs.some((x) => x.content_hash !== content.hash)) return { complete: false, hash: null };
		// The other side's signature read before the await must be the one stored now.
		if (canonicalJson(sigs.filter((x) => x.side !== side)) !== canonicalJson(others)) return { complete: false, hash: null };
		db.prepare('INSERT INTO agreements (match_id, body, hash, signed_at) VALUES (?, ?, ?, ?)').run(match.id, JSON.stringify(agreement), hash, Date.now());
		setMatchStatus(db, match.id, 'signed');
		audit(db, match.eventId, `seat:${chief.id}`, 'agreement.complete', { match: match.id, hash });
		return { complete: true, hash };
	})();
	if (outcome.complete) {
		services().freezeDoc(tableDocName(match.id));
		await mirror(db, match, { status: 'signed', agreementHash: outcome.hash });
	} else await mirror(db, match);
	return outcome;
}

export interface StoredAgreement {
	agreement: Agreement;
	hash: string;
	signedAt: number;
}

export function agreementRow(db: Db, matchId: string): StoredAgreement | null {
	const r = db.prepare<[string], { body: string; hash: string; signed_at: number }>('SELECT body, hash, signed_at FROM agreements WHERE match_id = ?').get(matchId);
	return r ? { agreement: JSON.parse(r.body) as Agreement, hash: r.hash, signedAt: r.signed_at } : null;
}

/** For judging: the signed terms of a match, or null when it has no agreement. */
export function agreementFor(db: Db, matchId: string): { terms: Record<string, unknown>; signedAt: number } | null {
	const a = agreementRow(db, matchId);
	return a ? { terms: { ...a.agreement.terms, ...a.agreement.clauses }, signedAt: a.signedAt } : null;
}

/** For judging: each side's last tabled offer (terms and clauses together). */
export function lastOffersFor(db: Db, matchId: string): { labour: Record<string, unknown> | null; management: Record<string, unknown> | null } {
	const offers = offersOf(db, matchId);
	const last = (side: Side) => {
		const o = offers.filter((x) => x.side === side).at(-1);
		return o ? { ...o.terms, ...o.clauses } : null;
	};
	return { labour: last('labour'), management: last('management') };
}

/** The match's clock; before it first moves, a fresh one in the event's format. */
export function clockOf(db: Db, match: Pick<Match, 'id' | 'eventId'>): ClockState {
	const r = db.prepare<[string], { state: string }>('SELECT state FROM clocks WHERE match_id = ?').get(match.id);
	return r ? (JSON.parse(r.state) as ClockState) : clockFromFormat(formatOf(db, match.eventId).format);
}

/**
 * Moves the match clock: the organizer runs the phases; a side's chief may only call its caucus
 * (休会). The new state is mirrored to the table so every screen shows the same countdown.
 */
export async function clockAct(db: Db, given: Match, p: Principal, action: ClockAction): Promise<ClockState> {
	// The caller read the match before awaiting the request body; a signature may have completed
	// since. Read it again: from here to the writes below nothing awaits, so nothing interleaves.
	const match = getMatch(db, given.id) ?? given;
	const isOrganizer = isOrganizerOf(db, match.eventId, p.user?.id);
	if (action.type === 'caucus') {
		const chief = chiefOf(p.seat, match);
		if (chief.side !== action.side) throw new ActRefused(403, '只能为本方申请休会');
	} else if (!isOrganizer) throw new ActRefused(403, '只有组织者可以控制计时');
	if (match.status === 'signed') throw new ActRefused(409, '协议已签署，计时已停止');
	const r = applyClock(clockOf(db, match), action, Date.now());
	if (!r.ok) throw new ActRefused(409, r.reason);
	db.prepare('INSERT INTO clocks (match_id, state) VALUES (?, ?) ON CONFLICT (match_id) DO UPDATE SET state = excluded.state').run(
		match.id,
		JSON.stringify(r.clock)
	);
	// Ending a match closes its table to writes, like a signature does; reopening undoes that.
	let status: 'ended' | 'running' | null = null;
	if (r.clock.ended) status = 'ended';
	else if (action.type === 'reopen' || (action.type === 'start' && match.status === 'scheduled')) status = 'running';
	if (status) setMatchStatus(db, match.id, status);
	if (status === 'ended') services().freezeDoc(tableDocName(match.id));
	if (action.type === 'reopen') services().freezeDoc(tableDocName(match.id), false);
	audit(db, match.eventId, p.user ? `user:${p.user.id}` : `seat:${p.seat?.id}`, `clock.${action.type}`, { match: match.id, phase: r.clock.phaseIndex });
	await services().changeDoc(formalDocName(match.id), (doc) => writeFormal(doc, { clock: r.clock, ...(status ? { status } : {}) }));
	return r.clock;
}

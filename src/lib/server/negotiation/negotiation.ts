/**
 * Formal acts at the table (DESIGN: "drafting is free, formal acts are validated"): tabling an
 * offer, accepting or reopening terms, signing. The server reads the draft from its own copy of
 * the table document, validates it with the domain, stores an immutable row, then mirrors the
 * result into the match's read-only `formal` document so every browser updates live.
 */
import type * as Y from 'yjs';
import { sql } from 'kysely';
import { appendAudit } from '../sql/audit.ts';
import { engineOf, inTransaction, type SqlDb } from '../sql/handle.ts';
import { services } from '../services.ts';
import { audit } from '../audit.ts';
import {
	getMatch,
	isChief,
	setMatchStatus,
	sideOf,
	type Match,
	type Seat,
	type Side
} from '../events/events.ts';
import { formalDocName, tableDocName } from '../../collab/protocol.ts';
import { newId } from '../ids.ts';
import { checkSchema, readDraft as readDocDraft } from '../../collab/table-doc.ts';
import { readFormal, writeFormal, type Formal, type TermStateEntry } from '../../collab/formal.ts';
import {
	agreementContent,
	agreementContentHash,
	agreementHash,
	canonicalJson,
	completesAgreement,
	draftValue,
	effectiveStates,
	nextOfferKind,
	nextOfferSeq,
	offerProblemsMessage,
	pendingTerms,
	sameDraftValue,
	stopClock,
	transition,
	validateDraft,
	withSigners,
	applyClock,
	clockFromFormat,
	type Agreement,
	type ClockAction,
	type ClockState,
	type Draft,
	type Offer,
	type TermState
} from '../../domain/negotiation/index.ts';
import { isOrganizerOf } from '../events/events.ts';
import { formatOf } from './match-format.ts';
import type { Principal } from '../access.ts';
import type { ResolvedScenario, TermValues } from '../../domain/index.ts';

/** A refused act: the route answers with this status and message. */
export class ActRefused extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

export type { Draft };

type OfferRow = {
	id: string;
	match_id: string;
	seq: number;
	side: Side;
	kind: 'offer' | 'counter';
	terms: string;
	clauses: string;
	message: string;
	created_by: string;
	created_at: string;
};
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

export async function offersOf(db: SqlDb, matchId: string): Promise<Offer[]> {
	const rows: OfferRow[] = await db
		.selectFrom('offers')
		.select([
			'id',
			'match_id',
			'seq',
			'side',
			'kind',
			'terms',
			'clauses',
			'message',
			'created_by',
			'created_at'
		])
		.where('match_id', '=', matchId)
		.orderBy('seq')
		.execute();
	return rows.map(toOffer);
}

export async function storedStates(
	db: SqlDb,
	matchId: string
): Promise<Record<string, TermStateEntry>> {
	const rows = await db
		.selectFrom('term_states')
		.select(['term_id', 'state', 'value', 'by_name', 'at'])
		.where('match_id', '=', matchId)
		.execute();
	return Object.fromEntries(
		rows.map((r) => [
			r.term_id,
			{
				state: r.state,
				value: r.value === null ? null : JSON.parse(r.value),
				by: r.by_name,
				at: r.at
			}
		])
	);
}

/**
 * The draft as the server holds it: the authoritative current state of the shared table, read
 * through the scenario's agenda. The doc's own agenda is client-writable, so a term or clause a
 * client added there never reaches an offer or an agreement.
 */
export function readDraft(scenario: ResolvedScenario, matchId: string): Promise<Draft> {
	return services().readDoc(tableDocName(matchId), (doc: Y.Doc) => draftOf(doc, scenario));
}

/** The draft of a table document, refused when the document's layout is not this version's. */
function draftOf(doc: Y.Doc, scenario: ResolvedScenario): Draft {
	const problem = checkSchema(doc);
	if (problem) throw new ActRefused(409, problem);
	return readDocDraft(doc, scenario.terms);
}

/** The value a term has in the draft (clause terms: their wording), as a stored state keeps it. */
function valueOf(
	scenario: ResolvedScenario,
	draft: Draft,
	termId: string
): TermStateEntry['value'] {
	const t = scenario.terms.find((x) => x.id === termId);
	return (t ? (draftValue(t, draft) ?? null) : null) as TermStateEntry['value'];
}

export function chiefOf(seat: Seat | null, match: Match): { side: Side; seat: Seat } {
	if (!seat || seat.matchId !== match.id || !isChief(seat.role))
		throw new ActRefused(403, '只有本场双方的首席代表可以进行此操作');
	return { side: sideOf(seat.role)!, seat };
}

export function assertOpen(match: Match): void {
	if (match.status === 'signed') throw new ActRefused(409, '协议已签署，不能再修改');
	if (match.status === 'ended') throw new ActRefused(409, '本场协商已结束');
}

async function putState(
	db: SqlDb,
	matchId: string,
	termId: string,
	e: TermStateEntry
): Promise<void> {
	await db
		.insertInto('term_states')
		.values({
			match_id: matchId,
			term_id: termId,
			state: e.state,
			value: JSON.stringify(e.value),
			by_name: e.by,
			at: e.at
		})
		.onConflict((oc) =>
			oc.columns(['match_id', 'term_id']).doUpdateSet((eb) => ({
				state: eb.ref('excluded.state'),
				value: eb.ref('excluded.value'),
				by_name: eb.ref('excluded.by_name'),
				at: eb.ref('excluded.at')
			}))
		)
		.execute();
}

const signaturesOf = (db: SqlDb, matchId: string) =>
	db
		.selectFrom('signatures')
		.select(['side', 'name', 'content_hash', 'signed_at'])
		.where('match_id', '=', matchId)
		.execute();

const clockRow = (db: SqlDb, matchId: string) =>
	db.selectFrom('clocks').select('state').where('match_id', '=', matchId).executeTakeFirst();

/** Everything the formal document shows, as the stored rows say it. */
async function formalFromRows(db: SqlDb, matchId: string): Promise<Formal> {
	const match = await getMatch(db, matchId);
	const clock = await clockRow(db, matchId);
	return {
		states: await storedStates(db, matchId),
		offers: (await offersOf(db, matchId)).length,
		signatures: (await signaturesOf(db, matchId)).map((s) => ({
			side: s.side,
			name: s.name,
			contentHash: s.content_hash
		})),
		status: match?.status ?? 'scheduled',
		agreementHash: (await agreementRow(db, matchId))?.hash ?? null,
		clock: clock ? (JSON.parse(clock.state) as Formal['clock']) : null
	};
}

/** The parts of `doc`'s formal mirror that differ from `want` (the rows). */
function formalDrift(want: Formal, doc: Y.Doc): Partial<Formal> {
	const have = readFormal(doc);
	const drift: Partial<Formal> = {};
	for (const k of Object.keys(want) as (keyof Formal)[]) {
		if (canonicalJson(want[k] ?? null) !== canonicalJson(have[k] ?? null))
			Object.assign(drift, { [k]: want[k] });
	}
	return drift;
}

/**
 * For the room that loads a match's formal document: a change rewriting whatever part of it the
 * rows contradict, or null when it agrees (or there is nothing to mirror yet).
 */
export async function formalRepair(
	db: SqlDb,
	matchId: string,
	doc: Y.Doc
): Promise<((doc: Y.Doc) => void) | null> {
	if (!(await getMatch(db, matchId))) return null;
	const drift = formalDrift(await formalFromRows(db, matchId), doc);
	return Object.keys(drift).length ? (d) => writeFormal(d, drift) : null;
}

/** The mirror writes of each match in progress in this process, one after the other. */
const mirroring = new Map<string, Promise<void>>();

/**
 * Mirrors the stored acts into the match's formal document for live display: the rows, whole.
 * The rows are read before the document is held (changeDoc's change is synchronous), so two acts
 * mirroring at once could write an older reading over a newer one; one mirror per match at a
 * time, each reading the rows when its turn comes, leaves the newest rows in the document.
 */
async function mirror(db: SqlDb, match: Match): Promise<void> {
	const turn = (mirroring.get(match.id) ?? Promise.resolve())
		.catch(() => {})
		.then(async () => {
			const want = await formalFromRows(db, match.id);
			await services().changeDoc(formalDocName(match.id), (doc) =>
				writeFormal(doc, formalDrift(want, doc))
			);
		});
	mirroring.set(match.id, turn);
	try {
		await turn;
	} finally {
		if (mirroring.get(match.id) === turn) mirroring.delete(match.id);
	}
}

/** 提出方案: the chief tables the whole current draft as an offer; its terms become proposed. */
export async function tableOffer(
	db: SqlDb,
	scenario: ResolvedScenario,
	match: Match,
	seat: Seat | null,
	message: string
): Promise<Offer> {
	assertOpen(match);
	const { side, seat: chief } = chiefOf(seat, match);
	const draft = await readDraft(scenario, match.id);
	const problems = validateDraft(scenario, draft);
	if (problems.length > 0) throw new ActRefused(422, offerProblemsMessage(problems));
	const name = chief.personName ?? side;
	const offer = await inTransaction(db, async (trx) => {
		const existing = await offersOf(trx, match.id);
		const o: Offer = {
			id: newId(),
			matchId: match.id,
			side,
			seq: nextOfferSeq(existing),
			kind: nextOfferKind(existing, side),
			// validateDraft let only usable values through: the checked draft is the offer.
			terms: draft.terms as Offer['terms'],
			clauses: draft.clauses,
			message: message.slice(0, 2000),
			createdBy: name,
			createdAt: new Date().toISOString()
		};
		await trx
			.insertInto('offers')
			.values({
				id: o.id,
				match_id: o.matchId,
				seq: o.seq,
				side: o.side,
				kind: o.kind,
				terms: JSON.stringify(o.terms),
				clauses: JSON.stringify(o.clauses),
				message: o.message,
				seat_id: chief.id,
				created_by: o.createdBy,
				created_at: o.createdAt
			})
			.execute();
		// Every term not already agreed at this value becomes this side's proposal.
		const states = effectiveStates(scenario, await storedStates(trx, match.id), draft);
		for (const t of scenario.terms) {
			if (states[t.id] === 'agreed') continue;
			await putState(trx, match.id, t.id, {
				state: `proposed-${side}`,
				value: valueOf(scenario, draft, t.id),
				by: name,
				at: Date.now()
			});
		}
		if (match.status === 'scheduled') await setMatchStatus(trx, match.id, 'running');
		await audit(trx, match.eventId, `seat:${chief.id}`, 'offer.table', {
			match: match.id,
			seq: o.seq,
			kind: o.kind
		});
		return o;
	});
	await mirror(db, match);
	return offer;
}

/** Accept (达成一致) or reopen terms, by a chief, through the term-state machine. */
export async function actOnTerms(
	db: SqlDb,
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
	const result = await inTransaction(db, async (trx) => {
		const stored = await storedStates(trx, match.id);
		const states = effectiveStates(scenario, stored, draft);
		for (const id of termIds) {
			if (
				act === 'accept' &&
				Object.hasOwn(seen, id) &&
				!sameDraftValue(seen[id], stored[id]?.value)
			) {
				const title = scenario.terms.find((t) => t.id === id)?.title ?? id;
				throw new ActRefused(409, `${title}：对方的方案已经更新，请查看最新数值后再同意`);
			}
			const r = transition(
				states[id] ?? 'open',
				{ type: act, side },
				{ role: chief.role, name: chief.personName ?? '' }
			);
			const title = scenario.terms.find((t) => t.id === id)?.title ?? id;
			if (!r.ok) throw new ActRefused(409, `${title}：${r.reason}`);
			states[id] = r.state;
			await putState(trx, match.id, id, {
				state: r.state,
				value: valueOf(scenario, draft, id),
				by: chief.personName ?? side,
				at: Date.now()
			});
		}
		await audit(trx, match.eventId, `seat:${chief.id}`, `terms.${act}`, {
			match: match.id,
			terms: termIds
		});
		return states;
	});
	await mirror(db, match);
	return result;
}

/**
 * Brings every live view of a signed match in line with its agreement row: status signed, the
 * table frozen, the formal mirror rewritten. Signing again after a crash lands here.
 */
async function repairSigned(db: SqlDb, match: Match): Promise<void> {
	if ((await getMatch(db, match.id))?.status !== 'signed')
		await setMatchStatus(db, match.id, 'signed');
	services().freezeDoc(tableDocName(match.id));
	await mirror(db, match);
}

/**
 * 签字: a chief signs the table's draft once every term is agreed (N13). The whole act runs with
 * the table document held (no edit lands while it reads, checks and stores), so simultaneous
 * signatures are taken one after the other and the second completes the agreement exactly once.
 * The completing signature freezes the document before letting go of it, and the agreement is
 * built from that same frozen draft (N14): the agreement and the frozen table cannot differ.
 */
export async function sign(
	db: SqlDb,
	scenario: ResolvedScenario,
	match: Match,
	seat: Seat | null
): Promise<{ complete: boolean; hash: string | null }> {
	const { side, seat: chief } = chiefOf(seat, match);
	const name = chief.personName ?? side;
	const outcome = await services().exclusiveDoc(tableDocName(match.id), async (doc, freeze) => {
		// Signing is idempotent: a repeated request after completion gets the same answer (and
		// repairs whatever a crash left behind; see repairSigned).
		const done = await agreementRow(db, match.id);
		if (done) return { complete: true, hash: done.hash, repair: true };
		assertOpen((await getMatch(db, match.id)) ?? match);
		const draft = draftOf(doc, scenario);
		const states = effectiveStates(scenario, await storedStates(db, match.id), draft);
		const open = new Set(pendingTerms(states, scenario));
		const pending = scenario.terms.filter((t) => open.has(t.id)).map((t) => t.title);
		if (pending.length) throw new ActRefused(409, `还有议题未达成一致：${pending.join('、')}`);
		const content = agreementContent(scenario, {
			matchId: match.id,
			finalOfferId: (await offersOf(db, match.id)).at(-1)?.id ?? 'none',
			draft
		});
		const contentHash = await agreementContentHash(content);
		const now = new Date().toISOString();
		const others = (await signaturesOf(db, match.id)).filter((x) => x.side !== side);
		const isComplete = completesAgreement(
			others.map((x) => ({ side: x.side, contentHash: x.content_hash })),
			{ side, contentHash }
		);
		const agreement = isComplete
			? withSigners(content, [
					...others.map((x) => ({ side: x.side, name: x.name, signedAt: x.signed_at })),
					{ side, name, signedAt: now }
				])
			: null;
		const hash = agreement ? await agreementHash(agreement) : null;
		// The document is held throughout: no edit lands between the commit and the freeze.
		await inTransaction(db, async (trx) => {
			await trx
				.insertInto('signatures')
				.values({
					match_id: match.id,
					side,
					seat_id: chief.id,
					name,
					content_hash: contentHash,
					signed_at: now
				})
				.onConflict((oc) =>
					oc.columns(['match_id', 'side']).doUpdateSet((eb) => ({
						seat_id: eb.ref('excluded.seat_id'),
						name: eb.ref('excluded.name'),
						content_hash: eb.ref('excluded.content_hash'),
						signed_at: eb.ref('excluded.signed_at')
					}))
				)
				.execute();
			await audit(trx, match.eventId, `seat:${chief.id}`, 'agreement.sign', {
				match: match.id,
				side,
				contentHash
			});
			if (!agreement || !hash) return;
			await trx
				.insertInto('agreements')
				.values({
					match_id: match.id,
					body: JSON.stringify(agreement),
					hash,
					signed_at: Date.now()
				})
				.execute();
			await setMatchStatus(trx, match.id, 'signed');
			await stopClockRow(trx, match.id);
			await audit(trx, match.eventId, `seat:${chief.id}`, 'agreement.complete', {
				match: match.id,
				hash
			});
		});
		if (agreement) freeze();
		return { complete: isComplete, hash, repair: false };
	});
	if (outcome.repair) await repairSigned(db, match);
	else await mirror(db, match);
	return { complete: outcome.complete, hash: outcome.hash };
}

/** Signing stops the clock (N26): the stored clock, if any, is paused for good. */
async function stopClockRow(db: SqlDb, matchId: string): Promise<void> {
	const r = await clockRow(db, matchId);
	if (!r) return;
	const stopped = stopClock(JSON.parse(r.state) as ClockState, Date.now());
	await db
		.updateTable('clocks')
		.set({ state: JSON.stringify(stopped) })
		.where('match_id', '=', matchId)
		.execute();
}

export interface StoredAgreement {
	agreement: Agreement;
	hash: string;
	signedAt: number;
}

export async function agreementRow(db: SqlDb, matchId: string): Promise<StoredAgreement | null> {
	const r = await db
		.selectFrom('agreements')
		.select(['body', 'hash', 'signed_at'])
		.where('match_id', '=', matchId)
		.executeTakeFirst();
	return r
		? { agreement: JSON.parse(r.body) as Agreement, hash: r.hash, signedAt: r.signed_at }
		: null;
}

/** For judging: the signed terms of a match, or null when it has no agreement. */
export async function agreementFor(
	db: SqlDb,
	matchId: string
): Promise<{ terms: Record<string, unknown>; signedAt: number } | null> {
	const a = await agreementRow(db, matchId);
	return a
		? { terms: { ...a.agreement.terms, ...a.agreement.clauses }, signedAt: a.signedAt }
		: null;
}

/** For judging: each side's last tabled offer (terms and clauses together). */
export async function lastOffersFor(
	db: SqlDb,
	matchId: string
): Promise<{
	labour: Record<string, unknown> | null;
	management: Record<string, unknown> | null;
}> {
	const offers = await offersOf(db, matchId);
	const last = (side: Side) => {
		const o = offers.filter((x) => x.side === side).at(-1);
		return o ? { ...o.terms, ...o.clauses } : null;
	};
	return { labour: last('labour'), management: last('management') };
}

/** The match's clock; before it first moves, a fresh one in the event's format. */
export async function clockOf(
	db: SqlDb,
	match: Pick<Match, 'id' | 'eventId'>
): Promise<ClockState> {
	const r = await clockRow(db, match.id);
	return r
		? (JSON.parse(r.state) as ClockState)
		: clockFromFormat((await formatOf(db, match.eventId)).format);
}

/**
 * Moves the match clock: the organizer runs the phases; a side's chief may only call its caucus
 * (休会). The new state is mirrored to the table so every screen shows the same countdown.
 */
export async function clockAct(
	db: SqlDb,
	given: Match,
	p: Principal,
	action: ClockAction
): Promise<ClockState> {
	// The caller read the match before awaiting the request body; a signature may have completed
	// since. Read it again, and move the clock, in one transaction holding the match row: SQLite's
	// one connection serialises it whole; on PostgreSQL the row lock (FOR UPDATE) makes a
	// concurrent signature or clock act wait for it.
	const { match, clock, status } = await inTransaction(db, async (trx) => {
		if (engineOf(trx) === 'postgres')
			await trx.selectFrom('matches').select('id').where('id', '=', given.id).forUpdate().execute();
		const match = (await getMatch(trx, given.id)) ?? given;
		const isOrganizer = await isOrganizerOf(trx, match.eventId, p.user?.id);
		if (action.type === 'caucus') {
			const chief = chiefOf(p.seat, match);
			if (chief.side !== action.side) throw new ActRefused(403, '只能为本方申请休会');
		} else if (!isOrganizer) throw new ActRefused(403, '只有组织者可以控制计时');
		if (match.status === 'signed') throw new ActRefused(409, '协议已签署，计时已停止');
		const r = applyClock(await clockOf(trx, match), action, Date.now());
		if (!r.ok) throw new ActRefused(409, r.reason);
		await trx
			.insertInto('clocks')
			.values({ match_id: match.id, state: JSON.stringify(r.clock) })
			.onConflict((oc) =>
				oc.column('match_id').doUpdateSet((eb) => ({ state: eb.ref('excluded.state') }))
			)
			.execute();
		// Ending a match closes its table to writes, like a signature does; reopening undoes that.
		let status: 'ended' | 'running' | null = null;
		if (r.clock.ended) status = 'ended';
		else if (action.type === 'reopen' || (action.type === 'start' && match.status === 'scheduled'))
			status = 'running';
		if (status) await setMatchStatus(trx, match.id, status);
		await audit(
			trx,
			match.eventId,
			p.user ? `user:${p.user.id}` : `seat:${p.seat?.id}`,
			`clock.${action.type}`,
			{ match: match.id, phase: r.clock.phaseIndex }
		);
		return { match, clock: r.clock, status };
	});
	if (status === 'ended') services().freezeDoc(tableDocName(match.id));
	if (action.type === 'reopen') services().freezeDoc(tableDocName(match.id), false);
	await mirror(db, match);
	return clock;
}

/**
 * A failed ratification sends the agreement back to the table (server/SPEC.md E46; 集体合同规定
 * art 36: a draft the workers' congress does not pass is not a contract). With the table held, as
 * signing holds it: the signed text is kept with the vote's reason, the signatures and the
 * agreement row go, the match runs again and the table takes edits (Y12 no longer applies). Term
 * states stay: an unchanged draft can be signed again at once (N13), a changed term is open (N12).
 * Resolves with false when the match has no agreement to reopen.
 */
export async function reopenAfterRatification(
	db: SqlDb,
	match: Match,
	ratificationId: number,
	reason: string,
	actor: string
): Promise<boolean> {
	const reopened = await services().exclusiveDoc(tableDocName(match.id), async () => {
		const signed = await agreementRow(db, match.id);
		if (!signed) return false;
		await inTransaction(db, async (trx) => {
			await trx
				.insertInto('agreement_reopenings')
				.values({
					match_id: match.id,
					ratification_id: ratificationId,
					reason,
					agreement: JSON.stringify(signed.agreement),
					hash: signed.hash,
					actor,
					at: Date.now()
				})
				.execute();
			await sql`DELETE FROM signatures WHERE match_id = ${match.id}`.execute(trx);
			await sql`DELETE FROM agreements WHERE match_id = ${match.id}`.execute(trx);
			await sql`UPDATE matches SET status = 'running' WHERE id = ${match.id}`.execute(trx);
			await appendAudit(trx, match.eventId, actor, 'agreement.reopen', {
				match: match.id,
				hash: signed.hash,
				reason
			});
		});
		return true;
	});
	if (!reopened) return false;
	// Unfreezing closes the table's connections so every browser is authorized afresh (Y12).
	services().freezeDoc(tableDocName(match.id), false);
	await mirror(db, match);
	return true;
}

export interface Reopening {
	reason: string;
	hash: string;
	at: number;
}

/** The last time the match's agreement was sent back to the table, if ever. */
export async function lastReopening(db: SqlDb, matchId: string): Promise<Reopening | null> {
	const r = await db
		.selectFrom('agreement_reopenings')
		.select(['reason', 'hash', 'at'])
		.where('match_id', '=', matchId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return r ?? null;
}

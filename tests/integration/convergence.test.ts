import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { SqliteDocStore } from '../../src/lib/server/storage/doc-store.ts';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { addMatch, addTeam, createEvent } from '../../src/lib/server/events/events.ts';
import { getScenario } from '../../src/lib/server/scenarios.ts';
import { readDraft, setTermValue } from '../../src/lib/collab/table-doc.ts';
import { clauseFragment } from '../../src/lib/collab/rich-clause.ts';
import { readFormal } from '../../src/lib/collab/formal.ts';
import {
	canonicalJson,
	effectiveStates,
	pendingTerms,
	validateOffer,
	type Offer
} from '../../src/lib/domain/negotiation/index.ts';
import type { ResolvedScenario } from '../../src/lib/domain/index.ts';
import {
	connectClient,
	postMatchAct,
	resynced,
	seatCookies,
	startServerProcess,
	synced,
	type Client,
	type ServerProcess,
	testDatabase,
	rowOf,
	rowsOf,
	type TestDatabase
} from './harness.ts';

/**
 * Seeded convergence (SPEC N1, N3, N12–N16), as yjs's own tests do it: three real y-websocket
 * clients apply random interleavings of term edits, clause edits, offers, accepts, disconnects
 * and reconnects against the real server. At the end every client, a fresh reader and the stored
 * document hold the same table, and the formal rules hold over what was stored. A failure prints
 * its seed: replay it with XS_SEED=<seed> (and XS_PATH=<path> for the shrunk case).
 */
let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let event: Awaited<ReturnType<typeof createEvent>>;
let scenario: ResolvedScenario;
const ROLES = ['labour-chief', 'labour-member', 'management-chief', 'judge'] as const;
const WRITERS = ['labour-chief', 'labour-member', 'management-chief'] as const;
const CLAUSE = 'innovationAward';

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	event = await createEvent(
		db,
		{ name: '收敛', kind: 'training', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		null
	);
	scenario = getScenario('s1-qiantang-parts')!;
});
afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

type Op =
	| {
			type: 'edit';
			who: number;
			term: 'seniorityPerYear' | 'seniorityCapYears' | 'operatorQuota';
			step: number;
	  }
	| { type: 'clause'; who: number; at: number; text: string }
	| { type: 'offer'; side: 'labour' | 'management' }
	| { type: 'accept'; side: 'labour' | 'management'; all: boolean }
	| { type: 'disconnect'; who: number }
	| { type: 'reconnect'; who: number }
	| { type: 'pause'; ms: number }
	/** Labour tables the draft and management accepts everything at once: the way to a signature. */
	| { type: 'settle' };

/** In-range values on each term's step (N1), so edits are ones a person could make. */
const TERMS = {
	seniorityPerYear: [0, 5],
	seniorityCapYears: [0, 1],
	operatorQuota: [300, 10]
} as const;
const side = fc.constantFrom('labour' as const, 'management' as const);
const who = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		arbitrary: fc.record({
			type: fc.constant('edit' as const),
			who,
			term: fc.constantFrom(
				'seniorityPerYear' as const,
				'seniorityCapYears' as const,
				'operatorQuota' as const
			),
			step: fc.integer({ min: 0, max: 30 })
		}),
		weight: 4
	},
	{
		arbitrary: fc.record({
			type: fc.constant('clause' as const),
			who,
			at: fc.nat(),
			text: fc.constantFrom('奖励', '每项', '500元', '，')
		}),
		weight: 2
	},
	{ arbitrary: fc.record({ type: fc.constant('offer' as const), side }), weight: 2 },
	{
		arbitrary: fc.record({ type: fc.constant('accept' as const), side, all: fc.boolean() }),
		weight: 2
	},
	{ arbitrary: fc.record({ type: fc.constant('disconnect' as const), who }), weight: 1 },
	{ arbitrary: fc.record({ type: fc.constant('reconnect' as const), who }), weight: 1 },
	{
		arbitrary: fc.record({
			type: fc.constant('pause' as const),
			ms: fc.integer({ min: 0, max: 15 })
		}),
		weight: 2
	},
	{ arbitrary: fc.record({ type: fc.constant('settle' as const) }), weight: 1 }
);

let tableNo = 0;

const act = (matchId: string, path: string, cookie: string, body: unknown = {}) =>
	postMatchAct(server, matchId, path, cookie, body);

/** The table as a person reads it: every term's value and the clause's wording. */
const tableOf = (doc: Y.Doc) => canonicalJson(readDraft(doc, scenario.terms));

async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 200; i++) {
		if (check()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function run(ops: Op[]): Promise<void> {
	const n = ++tableNo;
	const m = await addMatch(
		db,
		event,
		n,
		(await addTeam(db, event.id, { name: `L${n}` })).id,
		(await addTeam(db, event.id, { name: `M${n}` })).id
	);
	const cookies = await seatCookies(db, m.id, ROLES);
	const doc = `match/${m.id}/table`;
	const clients: Client[] = WRITERS.map((r) =>
		connectClient(server.wsUrl, doc, new Y.Doc(), cookies[r])
	);
	const extra: Client[] = [];
	try {
		await Promise.all(clients.map(synced));
		const statuses: number[] = [];
		const chief = (s: 'labour' | 'management') =>
			cookies[s === 'labour' ? 'labour-chief' : 'management-chief'];
		const pending: Promise<unknown>[] = [];
		for (const op of ops) {
			const c =
				clients[
					op.type === 'edit' ||
					op.type === 'clause' ||
					op.type === 'disconnect' ||
					op.type === 'reconnect'
						? op.who
						: 0
				]!;
			switch (op.type) {
				case 'edit': {
					const [min, step] = TERMS[op.term];
					setTermValue(c.doc, op.term, min + step * op.step, WRITERS[op.who] ?? 'member');
					break;
				}
				case 'clause': {
					const text = clauseFragment(c.doc, CLAUSE).get(0);
					const inner = text instanceof Y.XmlElement ? text.get(0) : null;
					if (inner instanceof Y.XmlText) inner.insert(op.at % (inner.length + 1), op.text);
					break;
				}
				case 'offer':
					// Formal acts run concurrently with the edits: the server decides on its own copy.
					pending.push(
						act(m.id, '/offers', chief(op.side), { message: '' }).then((r) =>
							statuses.push(r.status)
						)
					);
					break;
				case 'accept': {
					const other = op.side === 'labour' ? 'proposed-management' : 'proposed-labour';
					const rows = await rowsOf(
						db,
						'SELECT term_id, state FROM term_states WHERE match_id = ?',
						m.id
					);
					const ids = op.all
						? scenario.terms.map((t) => t.id)
						: rows.filter((r) => r.state === other).map((r) => r.term_id);
					if (ids.length)
						pending.push(
							act(m.id, '/terms', chief(op.side), { act: 'accept', terms: ids }).then((r) =>
								statuses.push(r.status)
							)
						);
					break;
				}
				case 'disconnect':
					c.provider.disconnect();
					break;
				case 'reconnect':
					c.provider.connect();
					break;
				case 'pause':
					await new Promise((r) => setTimeout(r, op.ms));
					break;
				case 'settle': {
					const o = await act(m.id, '/offers', chief('labour'), { message: '' });
					const a = await act(m.id, '/terms', chief('management'), {
						act: 'accept',
						terms: scenario.terms.map((t) => t.id)
					});
					statuses.push(o.status, a.status);
					break;
				}
			}
		}
		await Promise.all(pending);
		// Every act was answered, accepted or refused with a reason: none failed.
		expect(statuses.filter((s) => s >= 500)).toEqual([]);

		// Everyone back online: all clients, a fresh reader and the stored document converge.
		for (const c of clients) if (!c.provider.wsconnected) c.provider.connect();
		await Promise.all(clients.map(resynced));
		const reader = connectClient(server.wsUrl, doc, new Y.Doc(), cookies.judge);
		extra.push(reader);
		await synced(reader);
		await until(() => {
			const want = Y.encodeStateVector(reader.doc).toString();
			return clients.every((c) => Y.encodeStateVector(c.doc).toString() === want);
		}, 'every client to hold the same state');
		const table = tableOf(reader.doc);
		for (const c of clients) expect(tableOf(c.doc)).toBe(table);
		// The documents are in the SQLite file (the DocStore) whatever the relational engine.
		const docs = openDatabase(testDb.env.DATABASE_PATH);
		const stored = await new SqliteDocStore(docs).load(doc);
		docs.close();
		const fromRows = new Y.Doc();
		for (const part of [stored!.snapshot, ...stored!.updates.map((u) => u.data)])
			if (part) Y.applyUpdate(fromRows, part);
		expect(tableOf(fromRows)).toBe(table);

		// N1, N3: every stored offer is valid and the log is numbered 1, 2, 3 …
		const offers = await rowsOf(
			db,
			'SELECT seq, side, kind, terms, clauses FROM offers WHERE match_id = ? ORDER BY seq',
			m.id
		);
		expect(offers.map((o) => o.seq)).toEqual(offers.map((_, i) => i + 1));
		for (const [i, o] of offers.entries()) {
			expect(
				validateOffer(scenario, {
					terms: JSON.parse(o.terms) as Offer['terms'],
					clauses: JSON.parse(o.clauses) as Offer['clauses']
				})
			).toEqual([]);
			expect(o.kind).toBe(offers.slice(0, i).some((p) => p.side !== o.side) ? 'counter' : 'offer');
		}

		// N12/N13: the page's view of the states (the formal mirror over the converged draft) is the
		// server's: signing is refused exactly when some term is pending, and names the same terms.
		const formal = connectClient(server.wsUrl, `match/${m.id}/formal`, new Y.Doc(), cookies.judge);
		extra.push(formal);
		await synced(formal);
		const rowsCount = (await rowOf(
			db,
			'SELECT COUNT(*) AS n FROM term_states WHERE match_id = ?',
			m.id
		))!.n;
		await until(
			() => Object.keys(readFormal(formal.doc).states).length === rowsCount,
			'the formal mirror to carry every stored state'
		);
		const states = effectiveStates(
			scenario,
			readFormal(formal.doc).states,
			readDraft(reader.doc, scenario.terms)
		);
		const open = pendingTerms(states, scenario);
		const first = await act(m.id, '/sign', chief('labour'));
		if (open.length) {
			expect(first.status).toBe(409);
			const titles = scenario.terms.filter((t) => open.includes(t.id)).map((t) => t.title);
			expect(String(first.json.error)).toBe(`还有议题未达成一致：${titles.join('、')}`);
			return;
		}
		// N14/N16: both sign the same content, the agreement is exactly the frozen table.
		expect(first.json).toEqual({ complete: false, hash: null });
		const second = await act(m.id, '/sign', chief('management'));
		expect(second.json.complete).toBe(true);
		const agreement = JSON.parse(
			(await rowOf(db, 'SELECT body FROM agreements WHERE match_id = ?', m.id))!.body
		) as { terms: Record<string, unknown>; clauses: Record<string, string> };
		const frozen = readDraft(reader.doc, scenario.terms);
		for (const t of scenario.terms) {
			expect(t.kind === 'clause' ? agreement.clauses[t.id] : agreement.terms[t.id]).toEqual(
				t.kind === 'clause' ? frozen.clauses[t.id] : frozen.terms[t.id]
			);
		}
		const hashes = await rowsOf(db, 'SELECT content_hash FROM signatures WHERE match_id = ?', m.id);
		expect(new Set(hashes.map((h) => h.content_hash)).size).toBe(1);
	} finally {
		[...clients, ...extra].forEach((c) => c.destroy());
	}
}

describe('convergence', () => {
	it('[N1][N3][N12][N13][N14][N16] three clients, random edits, offers, accepts and reconnects: one table everywhere, the rules hold', async () => {
		const seed = process.env.XS_SEED ? Number(process.env.XS_SEED) : Date.now() % 2 ** 31;
		const path = process.env.XS_PATH;
		try {
			await fc.assert(
				fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), (ops) => run(ops)),
				{ seed, path, numRuns: path ? 1 : 20, endOnFailure: true }
			);
		} catch (err) {
			console.error(`convergence failed; replay with XS_SEED=${seed}`);
			throw err;
		}
	});
});

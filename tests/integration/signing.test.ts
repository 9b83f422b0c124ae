import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { addMatch, addTeam, createEvent } from '../../src/lib/server/events/events.ts';
import { readValues, setTermValue } from '../../src/lib/collab/table-doc.ts';
import { readFormal } from '../../src/lib/collab/formal.ts';
import {
	connectClient,
	postMatchAct,
	startServerProcess,
	synced,
	seatCookies,
	until,
	type Client,
	type ServerProcess,
	testDatabase,
	rowOf,
	type TestDatabase
} from './harness.ts';

/**
 * Signing against a real server with real y-websocket clients (SPEC N1, N13, N14, N16, N26):
 * the agreement is the frozen table, simultaneous signatures complete it once, a crash between
 * the rows and the live mirror is repaired from the rows, a malformed draft is refused by name.
 */
let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let event: Awaited<ReturnType<typeof createEvent>>;
let eventId = '';
let organizerCookie = '';
const clients: Client[] = [];
const ROLES = ['labour-chief', 'labour-member', 'management-chief', 'judge'] as const;
type Seats = Record<(typeof ROLES)[number], string>;

/** Scenario S1's agenda ids, all proposed by one offer of the current draft. */
const S1_TERMS = [
	'seniorityPerYear',
	'seniorityCapYears',
	'skillLadder',
	'generalIncrease',
	'workdayOvertimePremium',
	'heatAllowance',
	'operatorQuota',
	'contractTerm',
	'innovationAward'
];

const start = () => startServerProcess({ ...testDb.env, ROOM_UNLOAD_MS: '600000' });

beforeAll(async () => {
	testDb = await testDatabase();
	server = await start();
	db = testDb.db;
	const user = await createUser(db, {
		login: 'sign-org',
		displayName: '签字组织者',
		password: 'sign-organizer-1'
	});
	organizerCookie = `xs_session=${(await createSession(db, { userId: user.id, displayName: user.displayName })).token}`;
	event = await createEvent(
		db,
		{ name: '签字', kind: 'competition', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		user.id
	);
	eventId = event.id;
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

let tableNo = 0;
async function newMatch(): Promise<{ matchId: string; seats: Seats }> {
	const n = ++tableNo;
	const m = await addMatch(
		db,
		event,
		n,
		(await addTeam(db, eventId, { name: `L${n}` })).id,
		(await addTeam(db, eventId, { name: `M${n}` })).id
	);
	return { matchId: m.id, seats: await seatCookies(db, m.id, ROLES) };
}

function open(matchId: string, cookie: string, doc: 'table' | 'formal' = 'table'): Client {
	const c = connectClient(server.wsUrl, `match/${matchId}/${doc}`, new Y.Doc(), cookie);
	clients.push(c);
	return c;
}

const post = (matchId: string, path: string, cookie: string, body: unknown = {}) =>
	postMatchAct(server, matchId, path, cookie, body);

/** Labour tables the current draft, management accepts every term: ready to sign (N13). */
async function agree(matchId: string, seats: Seats): Promise<void> {
	const offer = await post(matchId, '/offers', seats['labour-chief'], { message: '现行标准' });
	expect(offer.status, JSON.stringify(offer.json)).toBe(201);
	const accept = await post(matchId, '/terms', seats['management-chief'], {
		act: 'accept',
		terms: S1_TERMS
	});
	expect(accept.status, JSON.stringify(accept.json)).toBe(200);
}

const agreementOf = async (matchId: string) => {
	const r = await rowOf(db, 'SELECT body, hash FROM agreements WHERE match_id = ?', matchId);
	return r
		? {
				body: JSON.parse(r.body) as { terms: Record<string, unknown>; signers: unknown[] },
				hash: r.hash
			}
		: null;
};
const statusOf = async (matchId: string) =>
	(await rowOf(db, 'SELECT status FROM matches WHERE id = ?', matchId))?.status;

/** What a screen opened now shows: the table's values and the formal mirror. */
async function screen(matchId: string, cookie: string) {
	const t = open(matchId, cookie);
	const f = open(matchId, cookie, 'formal');
	await Promise.all([synced(t), synced(f)]);
	return { values: readValues(t.doc), formal: readFormal(f.doc) };
}

describe('the signed agreement and the frozen table', () => {
	it('[N14] an edit racing the second signature never makes the agreement differ from the frozen table', async () => {
		const { matchId, seats } = await newMatch();
		await agree(matchId, seats);
		expect((await post(matchId, '/sign', seats['labour-chief'])).json).toEqual({
			complete: false,
			hash: null
		});

		// A member keeps flipping the quota between the agreed 480 and 320 while management signs.
		// A signature that reads 320 is refused (the term is open again, N12); one that reads 480
		// completes, and whatever the member sends after that must not reach the frozen table.
		const member = open(matchId, seats['labour-member']);
		await synced(member);
		let flipping = true;
		const flips = (async () => {
			for (let i = 0; flipping; i++) {
				setTermValue(member.doc, 'operatorQuota', i % 2 === 0 ? 320 : 480, '成员');
				await new Promise((r) => setImmediate(r));
			}
		})();
		let done: { status: number; json: Record<string, unknown> } | null = null;
		const refusals = new Set<number>();
		for (let attempt = 0; attempt < 300 && !done; attempt++) {
			const r = await post(matchId, '/sign', seats['management-chief']);
			if (r.json.complete === true) done = r;
			else refusals.add(r.status);
		}
		flipping = false;
		await flips;
		expect(done, `no completion; answers ${[...refusals].join(',')}`).not.toBeNull();
		expect(await statusOf(matchId)).toBe('signed');
		// Labour signed at 480; only a reading of 480 can carry the same content hash (N16).
		const a = (await agreementOf(matchId))!;
		expect(a.body.terms.operatorQuota).toBe(480);
		const seen = await screen(matchId, seats.judge);
		expect(seen.values.operatorQuota).toBe(a.body.terms.operatorQuota);
		expect(seen.formal.status).toBe('signed');
		expect(seen.formal.agreementHash).toBe(a.hash);
	});

	it('[N14][N16] two chiefs signing at the same instant complete the agreement exactly once', async () => {
		// Three tables, so the two requests meet at the server in both orders and at once.
		for (let round = 0; round < 3; round++) {
			const { matchId, seats } = await newMatch();
			await agree(matchId, seats);
			const answers = await Promise.all([
				post(matchId, '/sign', seats['labour-chief']),
				post(matchId, '/sign', seats['management-chief'])
			]);
			expect(answers.map((r) => r.status)).toEqual([200, 200]);
			// One of them completes; the other was the first signature and waited.
			expect(answers.filter((r) => r.json.complete === true)).toHaveLength(1);
			const a = (await agreementOf(matchId))!;
			expect(a.body.signers).toHaveLength(2);
			expect(answers.find((r) => r.json.complete)!.json.hash).toBe(a.hash);
			expect(await statusOf(matchId)).toBe('signed');
			expect(
				await rowOf(
					db,
					'SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND detail LIKE ?',
					'agreement.complete',
					`%${matchId}%`
				)
			).toEqual({ n: 1 });
			const seen = await screen(matchId, seats.judge);
			expect(seen.formal.status).toBe('signed');
			expect(seen.formal.signatures).toHaveLength(2);
		}
	});

	it('[N26] the clock stops when both chiefs have signed', async () => {
		const { matchId, seats } = await newMatch();
		const started = await post(matchId, '/clock', organizerCookie, { type: 'start' });
		expect(started.status, JSON.stringify(started.json)).toBe(200);
		await agree(matchId, seats);
		await post(matchId, '/sign', seats['labour-chief']);
		expect((await readClock(matchId)).running).toBe(true); // one signature does not stop it
		expect((await post(matchId, '/sign', seats['management-chief'])).json.complete).toBe(true);
		expect((await readClock(matchId)).running).toBe(false);
		const seen = await screen(matchId, seats.judge);
		expect(seen.formal.clock?.running).toBe(false);
	});
});

const readClock = async (matchId: string) =>
	JSON.parse((await rowOf(db, 'SELECT state FROM clocks WHERE match_id = ?', matchId))!.state) as {
		running: boolean;
	};

describe('a crash right after signing', () => {
	/** Kills the server with SIGKILL (no flush, no goodbye) and starts it again on the same file. */
	async function crashAndRestart(): Promise<void> {
		clients.splice(0).forEach((c) => c.destroy());
		await server.kill('SIGKILL');
		server = await start();
	}

	it('[N14] screens show what the rows say after a restart, and signing again repairs', async () => {
		const { matchId, seats } = await newMatch();
		await agree(matchId, seats);
		await post(matchId, '/sign', seats['labour-chief']);
		const formalDoc = `match/${matchId}/formal`;
		// Everything stored of the mirror up to here shows one signature, status running.
		// The documents stay in the SQLite file on either engine (the DocStore).
		const docs = openDatabase(testDb.env.DATABASE_PATH);
		const before = docs
			.prepare<[string], { seq: number }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?')
			.get(formalDoc)!.seq;
		expect((await post(matchId, '/sign', seats['management-chief'])).json.complete).toBe(true);
		await crashAndRestart();
		// The process died after the rows were stored, before the mirror was: take the mirror back.
		docs.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq > ?').run(formalDoc, before);
		docs
			.prepare(
				'DELETE FROM doc_history WHERE doc = ? AND id > (SELECT MAX(id) FROM doc_history WHERE doc = ?)'
			)
			.run(formalDoc, formalDoc);
		docs.close();

		const a = (await agreementOf(matchId))!;
		const seen = await screen(matchId, seats.judge);
		expect(seen.formal.status).toBe('signed');
		expect(seen.formal.signatures.map((s) => s.side).sort()).toEqual(['labour', 'management']);
		expect(seen.formal.agreementHash).toBe(a.hash);

		// Signing again answers with the agreement and leaves every view signed.
		const again = await post(matchId, '/sign', seats['labour-chief']);
		expect(again.json).toEqual({ complete: true, hash: a.hash });
		expect(await statusOf(matchId)).toBe('signed');
	});

	it('[N14] SIGKILL a few milliseconds into the second signature: after restart the screens agree with the rows', async () => {
		const { matchId, seats } = await newMatch();
		await agree(matchId, seats);
		await post(matchId, '/sign', seats['labour-chief']);
		const signing = post(matchId, '/sign', seats['management-chief']).catch(() => null);
		await new Promise((r) => setTimeout(r, 5));
		await crashAndRestart();
		await signing;
		const a = await agreementOf(matchId);
		const seen = await screen(matchId, seats.judge);
		expect(seen.formal.signatures.length).toBe(
			(await rowOf(db, 'SELECT COUNT(*) AS n FROM signatures WHERE match_id = ?', matchId))!.n
		);
		if (a) {
			// The agreement was stored: every screen says signed, with its hash, and the table is frozen.
			expect(await statusOf(matchId)).toBe('signed');
			expect(seen.formal.status).toBe('signed');
			expect(seen.formal.agreementHash).toBe(a.hash);
		} else {
			// It was not: the table still runs and a second attempt completes it.
			expect(seen.formal.status).not.toBe('signed');
			expect((await post(matchId, '/sign', seats['management-chief'])).json.complete).toBe(true);
			const after = await screen(matchId, seats.judge);
			expect(after.formal.status).toBe('signed');
		}
	});
});

describe('offers from a malformed draft', () => {
	it('[N1] NaN, Infinity, a deleted term and a bad table cell are refused, each named, in Chinese', async () => {
		const { matchId, seats } = await newMatch();
		const c = open(matchId, seats['labour-member']);
		await synced(c);
		setTermValue(c.doc, 'seniorityPerYear', Number.NaN, '成员');
		setTermValue(c.doc, 'workdayOvertimePremium', Number.POSITIVE_INFINITY, '成员');
		setTermValue(c.doc, 'seniorityCapYears', 99, '成员'); // 0–30 years
		// A hostile client deletes a term's entry outright.
		c.doc.getMap('terms').delete('heatAllowance');
		setTermValue(
			c.doc,
			'skillLadder',
			{ none: 0, mid: 150, senior: 300, technician: 9000 },
			'成员'
		);
		const w = open(matchId, seats.judge);
		await synced(w);
		await until(
			w.doc,
			() =>
				!w.doc.getMap('terms').has('heatAllowance') &&
				(readValues(w.doc).skillLadder as Record<string, number>)?.technician === 9000,
			'edits reached the server'
		);

		const r = await post(matchId, '/offers', seats['labour-chief']);
		expect(r.status).toBe(422);
		const error = String(r.json.error);
		expect(error).toContain('共 5 处问题');
		expect(error).toContain(
			'车间高温津贴（6–9 月，每月 300 元）（heatAllowance）：草案中没有这一议题的取值'
		);
		expect(error).toContain('工龄工资标准（seniorityPerYear）：需要一个数字，收到 NaN');
		expect(error).toContain(
			'工作日延时加班工资倍数（workdayOvertimePremium）：需要一个数字，收到 Infinity'
		);
		expect(error).toContain('工龄工资封顶年限（seniorityCapYears）：99 年 超出允许范围 0–30 年');
		expect(error).toContain(
			'技能工资阶梯（按认定等级）（skillLadder）“技师”：9000 元/月 超出允许范围 0–5000 元/月'
		);
		expect(await rowOf(db, 'SELECT COUNT(*) AS n FROM offers WHERE match_id = ?', matchId)).toEqual(
			{
				n: 0
			}
		);
	});
});

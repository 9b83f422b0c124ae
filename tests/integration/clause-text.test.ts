/**
 * A clause's wording as the user typed it, through every formal act and export: the offer, the
 * signed agreement, the .docx and the CSV. And a clause stored before depth limits existed
 * (20,000 nested elements) does not block tabling offers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { SqliteDocStore } from '../../src/lib/server/storage/doc-store.ts';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { clauseFragment, clausePlainText } from '../../src/lib/collab/rich-clause.ts';
import {
	connectClient,
	seatCookies,
	startServerProcess,
	synced,
	until,
	type Client,
	type ServerProcess,
	seedMatch,
	testDatabase,
	rowOf,
	type TestDatabase
} from './harness.ts';

const TYPED = [
	'工龄<5年的职工每月补贴100元，工龄>=5年的每月补贴200元。',
	'甲方 & 乙方 "双方" \'约定\' <b>照原样</b>'
];
/** S1's agenda, all proposed by the labour chief's offer. */
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

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
const clients: Client[] = [];

beforeAll(async () => {
	testDb = await testDatabase();
	// Rooms unload as soon as their last client leaves, so the test can store a document directly.
	server = await startServerProcess({ ...testDb.env, ROOM_UNLOAD_MS: '0' });
	db = testDb.db;
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	await testDb?.close();
});

async function newMatch(name: string): Promise<{
	matchId: string;
	cookies: Record<'labour-chief' | 'management-chief', string>;
}> {
	const seeded = await seedMatch(db, {
		name: name,
		kind: 'training',
		organizerId: null,
		teams: ['职工队', '企业队']
	});
	const matchId = seeded.matchId;
	return {
		matchId,
		cookies: await seatCookies(db, matchId, ['labour-chief', 'management-chief'] as const)
	};
}

async function call(
	matchId: string,
	path: string,
	cookie: string,
	body?: unknown
): Promise<Response> {
	return fetch(`${server.url}/api/match/${matchId}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** The text of a .docx body: the runs' characters with XML entities decoded. */
async function docxText(bytes: ArrayBuffer): Promise<string> {
	const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
	return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
		.map((m) => m[1]!)
		.join('')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

describe('clause wording', () => {
	it('[D4][N14][N17][N19] keeps <, >, & and quotes through the offer, the agreement, the .docx and the CSV', async () => {
		const { matchId, cookies } = await newMatch('条款原文');
		const c = connectClient(
			server.wsUrl,
			`match/${matchId}/table`,
			new Y.Doc(),
			cookies['labour-chief']
		);
		clients.push(c);
		await synced(c);
		// Type the wording into the clause as the editor lays it out: one paragraph per line.
		const fragment = clauseFragment(c.doc, 'innovationAward');
		c.doc.transact(() => {
			fragment.delete(0, fragment.length);
			fragment.insert(
				0,
				TYPED.map((line) => {
					const p = new Y.XmlElement('paragraph');
					p.insert(0, [new Y.XmlText(line)]);
					return p;
				})
			);
		});
		const watcher = connectClient(
			server.wsUrl,
			`match/${matchId}/table`,
			new Y.Doc(),
			cookies['management-chief']
		);
		clients.push(watcher);
		await synced(watcher);
		await until(
			watcher.doc,
			() => clausePlainText(clauseFragment(watcher.doc, 'innovationAward')) === TYPED.join('\n'),
			'wording on the server'
		);

		const offer = await call(matchId, '/offers', cookies['labour-chief'], { message: '条款' });
		expect(offer.status, await offer.clone().text()).toBe(201);
		const row = (await rowOf(db, 'SELECT clauses FROM offers WHERE match_id = ?', matchId)) as {
			clauses: string;
		};
		expect(JSON.parse(row.clauses).innovationAward).toBe(TYPED.join('\n'));

		const csv = await (await call(matchId, '/offers.csv', cookies['management-chief'])).text();
		expect(csv).toContain('工龄<5年的职工每月补贴100元，工龄>=5年的每月补贴200元。');
		expect(csv).toContain('甲方 & 乙方');

		const accept = await call(matchId, '/terms', cookies['management-chief'], {
			act: 'accept',
			terms: S1_TERMS
		});
		expect(accept.status, await accept.clone().text()).toBe(200);
		expect((await call(matchId, '/sign', cookies['labour-chief'], {})).status).toBe(200);
		expect((await call(matchId, '/sign', cookies['management-chief'], {})).status).toBe(200);
		const agreement = (await rowOf(
			db,
			'SELECT body FROM agreements WHERE match_id = ?',
			matchId
		)) as {
			body: string;
		};
		expect(
			(JSON.parse(agreement.body) as { clauses: Record<string, string> }).clauses.innovationAward
		).toBe(TYPED.join('\n'));

		const docx = await call(matchId, '/agreement.docx', cookies['labour-chief']);
		expect(docx.status).toBe(200);
		const text = await docxText(await docx.arrayBuffer());
		for (const line of TYPED) expect(text).toContain(line);
	});

	it('[Y8][D4] tables an offer from a stored clause nested 20,000 elements deep', async () => {
		const { matchId, cookies } = await newMatch('深层嵌套');
		// Open the table once so the server writes its template, then let the room unload.
		const c = connectClient(
			server.wsUrl,
			`match/${matchId}/table`,
			new Y.Doc(),
			cookies['labour-chief']
		);
		await synced(c);
		c.destroy();
		await new Promise((r) => setTimeout(r, 500));
		// What a member could store before depth limits existed, written straight into storage.
		const deep = new Y.Doc();
		deep.transact(() => {
			let p: Y.XmlFragment | Y.XmlElement = clauseFragment(deep, 'innovationAward');
			for (let i = 0; i < 20_000; i++) {
				const el = new Y.XmlElement('paragraph');
				p.insert(0, [el]);
				p = el;
			}
			p.insert(0, [new Y.XmlText('深处的字')]);
		});
		const docs = openDatabase(testDb.env.DATABASE_PATH);
		await new SqliteDocStore(docs).append(
			`match/${matchId}/table`,
			Y.encodeStateAsUpdate(deep),
			true
		);
		docs.close();

		const offer = await call(matchId, '/offers', cookies['labour-chief'], { message: '照常提出' });
		expect(offer.status, await offer.clone().text()).toBe(201);
		const row = (await rowOf(db, 'SELECT clauses FROM offers WHERE match_id = ?', matchId)) as {
			clauses: string;
		};
		expect(JSON.parse(row.clauses).innovationAward).toContain('深处的字');
		// The operator is told which document is over the limit.
		expect(
			server.logs.some(
				(l) =>
					String(l.msg).startsWith('document is nested deeper') &&
					l.room === `match/${matchId}/table`
			)
		).toBe(true);
	});
});

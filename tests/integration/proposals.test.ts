/**
 * Proposal workspaces over HTTP and WebSocket on a real server: members only (WS4), content
 * written by the server (WS5), sharing by login (WS6), co-editing (WS7) and the documents (WS8,
 * WS9, WS10) answered to members alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import { readVersions, setVersionTerm } from '../../src/lib/collab/proposal-doc.ts';
import {
	connectClient,
	seatCookies,
	seedMatch,
	startServerProcess,
	synced,
	until,
	upgradeStatus,
	type Client,
	type ServerProcess,
	testDatabase,
	type TestDatabase,
	getAs,
	postForm
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
const clients: Client[] = [];
const cookie: Record<'owner' | 'colleague' | 'outsider' | 'seat', string> = {
	owner: '',
	colleague: '',
	outsider: '',
	seat: ''
};
let proposalId = '';
let versionA = '';

type Who = keyof typeof cookie | 'anonymous';
const cookieOf = (who: Who) => (who === 'anonymous' ? undefined : cookie[who]);
const get = (path: string, who: Who) => getAs(server, path, cookieOf(who));
const post = (path: string, who: Who, form: Record<string, string> = {}) =>
	postForm(server, path, cookieOf(who), form);

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	const users = {
		owner: await createUser(db, {
			login: 'union-a',
			displayName: '孙主席',
			password: 'pw-union-a-1'
		}),
		colleague: await createUser(db, {
			login: 'union-b',
			displayName: '钱干事',
			password: 'pw-union-b-1'
		}),
		outsider: await createUser(db, {
			login: 'org-c',
			displayName: '外人',
			password: 'pw-org-c-123'
		})
	};
	for (const k of ['owner', 'colleague', 'outsider'] as const)
		cookie[k] = `xs_session=${(await createSession(db, { userId: users[k].id })).token}`;
	// A chief seated at a match (and its organizer) is no member of anyone's workspace.
	const { matchId } = await seedMatch(db, {
		name: '赛事',
		kind: 'training',
		organizerId: users.outsider.id,
		teams: ['甲队', '乙队']
	});
	cookie.seat = (await seatCookies(db, matchId, ['labour-chief']))['labour-chief'];

	const made = await post('/proposals?/create', 'owner', {
		caseId: 's2-qianhu-food-delivery',
		title: '骑手单价方案'
	});
	expect(made.status).toBe(303);
	proposalId = /\/proposals\/([a-z0-9]+)$/.exec(made.headers.get('location') ?? '')![1]!;
}, 60_000);

afterAll(async () => {
	for (const c of clients) c.destroy();
	await testDb?.close();
	await server?.kill();
});

function join(who: Who): Client {
	const c = connectClient(
		server.wsUrl,
		`proposal/${proposalId}`,
		new Y.Doc(),
		who === 'anonymous' ? undefined : cookie[who]
	);
	clients.push(c);
	return c;
}

describe('proposal workspace access and co-editing', () => {
	it('[WS5] the server writes the new workspace: 方案 A at the case’s current values', async () => {
		const c = join('owner');
		await synced(c);
		await until(c.doc, () => readVersions(c.doc).length === 1, 'first version');
		const [a] = readVersions(c.doc);
		versionA = a!.id;
		expect(a!.name).toBe('方案 A');
		expect(a!.terms.upliftPerOrder!.value).toBe(0);
		expect(a!.createdBy).toBe('孙主席');
	});

	it('[WS6] shares by login; an unknown login or an existing member is refused in Chinese', async () => {
		const unknown = await post(`/proposals/${proposalId}?/share`, 'owner', { login: 'nobody' });
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain('没有登录名为');
		// Before the share, the colleague is an outsider too.
		expect((await get(`/proposals/${proposalId}`, 'colleague')).status).toBe(404);
		const ok = await post(`/proposals/${proposalId}?/share`, 'owner', { login: 'union-b' });
		expect(ok.status).toBe(200);
		expect((await get(`/proposals/${proposalId}`, 'colleague')).status).toBe(200);
		const again = await post(`/proposals/${proposalId}?/share`, 'colleague', { login: 'union-b' });
		expect(await again.text()).toContain('已经是本方案的成员');
		// An outsider cannot share someone in (nor themselves).
		const forged = await post(`/proposals/${proposalId}?/share`, 'outsider', { login: 'org-c' });
		expect(forged.status).toBe(404);
		expect((await get(`/proposals/${proposalId}`, 'outsider')).status).toBe(404);
	});

	it('[WS4] a non-member gets nothing: pages and documents 404, the WebSocket 403 before the upgrade', async () => {
		const paths = [
			`/proposals/${proposalId}`,
			`/proposals/${proposalId}/offer.docx?version=${versionA}`,
			`/proposals/${proposalId}/contract.docx?version=${versionA}`,
			`/proposals/${proposalId}/workbook.xlsx`,
			`/proposals/${proposalId}/print/${versionA}`
		];
		for (const p of paths) {
			expect((await get(p, 'outsider')).status, `outsider ${p}`).toBe(404);
			// A visitor, or a seat without an organizer account, is asked to log in first.
			for (const who of ['anonymous', 'seat'] as const) {
				const r = await get(p, who);
				expect(r.status, `${who} ${p}`).toBe(303);
				expect(r.headers.get('location')).toMatch(/^\/login\?next=/);
			}
			expect((await get(p, 'colleague')).status, `colleague ${p}`).toBe(200);
		}
		// A workspace that does not exist reads the same as one that is not yours.
		expect((await get('/proposals/zzzzzzzzzzzzzzzz', 'outsider')).status).toBe(404);
		const doc = `/yjs/proposal/${proposalId}`;
		expect(await upgradeStatus(server.port, doc, { cookie: cookie.outsider })).toBe(403);
		expect(await upgradeStatus(server.port, doc, { cookie: cookie.seat })).toBe(403);
		expect(await upgradeStatus(server.port, doc)).toBe(403);
		expect(await upgradeStatus(server.port, doc, { cookie: cookie.colleague })).toBe(101);
		// The list shows it to its members only.
		expect(await (await get('/proposals', 'outsider')).text()).not.toContain('骑手单价方案');
		expect(await (await get('/proposals', 'colleague')).text()).toContain('骑手单价方案');
	});

	it('[WS7] a colleague’s edit reaches the owner live, with the colleague’s name on it', async () => {
		const owner = join('owner');
		const colleague = join('colleague');
		await Promise.all([synced(owner), synced(colleague)]);
		await until(colleague.doc, () => readVersions(colleague.doc).length >= 1, 'colleague sync');
		setVersionTerm(colleague.doc, versionA, 'hourlyGuarantee', 24, '钱干事');
		await until(
			owner.doc,
			() => readVersions(owner.doc)[0]?.terms.hourlyGuarantee?.value === 24,
			'edit to arrive'
		);
		expect(readVersions(owner.doc)[0]!.terms.hourlyGuarantee!.by).toBe('钱干事');
	});

	it('[WS8] [WS9] members download the 要约书, the draft contract and the workbook', async () => {
		const offer = await get(
			`/proposals/${proposalId}/offer.docx?version=${versionA}&date=2026-12-07`,
			'colleague'
		);
		expect(offer.headers.get('content-type')).toContain('wordprocessingml');
		expect(offer.headers.get('content-disposition')).toContain('docx');
		const contract = await get(
			`/proposals/${proposalId}/contract.docx?version=${versionA}`,
			'owner'
		);
		expect(contract.headers.get('content-type')).toContain('wordprocessingml');
		const book = await get(`/proposals/${proposalId}/workbook.xlsx`, 'owner');
		expect(book.headers.get('content-type')).toContain('spreadsheetml');
		expect((await get(`/proposals/${proposalId}/offer.docx?version=nope`, 'owner')).status).toBe(
			404
		);
	});
});

/**
 * Invite links to a proposal workspace over HTTP on a real server (WS33): the owner makes one,
 * a logged-in account accepts it and becomes a colleague, a revoked or expired link opens
 * nothing, lookups are rate-limited, and every act is audited. Also run on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import {
	rowOf,
	rowsOf,
	startServerProcess,
	testDatabase,
	type ServerProcess,
	type TestDatabase,
	getAs,
	postForm
} from './harness.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
const cookie: Record<'owner' | 'colleague' | 'outsider' | 'late', string> = {
	owner: '',
	colleague: '',
	outsider: '',
	late: ''
};
const ids: Record<keyof typeof cookie, string> = {
	owner: '',
	colleague: '',
	outsider: '',
	late: ''
};
let proposalId = '';

type Who = keyof typeof cookie | 'anonymous';
const cookieOf = (who: Who) => (who === 'anonymous' ? undefined : cookie[who]);
const get = (path: string, who: Who) => getAs(server, path, cookieOf(who));
const post = (path: string, who: Who, form: Record<string, string> = {}) =>
	postForm(server, path, cookieOf(who), form);

/** Makes a link as `who` (the owner) and returns its path, read off the page that shows it once. */
async function makeLink(who: Who, days = '7'): Promise<{ status: number; path: string }> {
	const r = await post(`/proposals/${proposalId}?/invite`, who, { days });
	const html = await r.text();
	const m = /\/proposals\/invite\/([a-z2-7]{32})/.exec(html);
	return { status: r.status, path: m ? `/proposals/invite/${m[1]}` : '' };
}

const members = async () =>
	(
		await rowsOf<{ user_id: string; added_by: string }>(
			db,
			'SELECT user_id, added_by FROM proposal_members WHERE proposal_id = ? ORDER BY added_at, user_id',
			proposalId
		)
	).map((r) => r.user_id);

const audits = async (action: string) =>
	rowsOf<{ actor: string; detail: string }>(
		db,
		'SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY id',
		action
	);

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env, XS_DEMO: '0' });
	db = testDb.db;
	const made = {
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
			displayName: '周外',
			password: 'pw-org-c-123'
		}),
		late: await createUser(db, { login: 'union-d', displayName: '吴迟', password: 'pw-union-d-1' })
	};
	for (const k of Object.keys(made) as (keyof typeof made)[]) {
		ids[k] = made[k].id;
		cookie[k] = `xs_session=${(await createSession(db, { userId: made[k].id })).token}`;
	}
	const r = await post('/proposals?/create', 'owner', {
		caseId: 's2-qianhu-food-delivery',
		title: '骑手单价方案'
	});
	expect(r.status).toBe(303);
	proposalId = /\/proposals\/([a-z0-9]+)$/.exec(r.headers.get('location') ?? '')![1]!;
}, 60_000);

afterAll(async () => {
	await testDb?.close();
	await server?.kill();
});

describe('proposal invite links', () => {
	let link = '';

	it('[WS33] the owner makes a link shown once; only its hash is stored; audited', async () => {
		const made = await makeLink('owner', '7');
		expect(made.status).toBe(200);
		expect(made.path).toMatch(/^\/proposals\/invite\/[a-z2-7]{32}$/);
		link = made.path;
		const code = link.split('/').pop()!;
		const row = await rowOf<{ code_hash: string; expires_at: number; created_at: number }>(
			db,
			'SELECT code_hash, expires_at, created_at FROM proposal_invites WHERE proposal_id = ?',
			proposalId
		);
		expect(row!.code_hash).not.toContain(code);
		expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
		// 7 days = 7 × 24 × 3600 × 1000 = 604,800,000 ms after it was made.
		expect(Number(row!.expires_at) - Number(row!.created_at)).toBe(604_800_000);
		expect((await audits('proposal.invite')).map((a) => a.actor)).toEqual([`user:${ids.owner}`]);
		// The owner's page lists it as live.
		expect(await (await get(`/proposals/${proposalId}`, 'owner')).text()).toContain('有效');
	});

	it('[WS33] a visitor is sent to log in and comes back to the link', async () => {
		const r = await get(link, 'anonymous');
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe(`/login?next=${encodeURIComponent(link)}`);
	});

	it('[WS33] a logged-in account sees the workspace, becomes a colleague only by accepting, then enters', async () => {
		expect((await get(`/proposals/${proposalId}`, 'colleague')).status).toBe(404);
		const page = await get(link, 'colleague');
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('骑手单价方案');
		// Opening the link (a GET, as a link preview does) makes nobody a member.
		expect(await members()).toEqual([ids.owner]);
		const accepted = await post(link, 'colleague');
		expect(accepted.status).toBe(303);
		expect(accepted.headers.get('location')).toBe(`/proposals/${proposalId}`);
		expect(await members()).toContain(ids.colleague);
		expect((await get(`/proposals/${proposalId}`, 'colleague')).status).toBe(200);
		// Accepting again changes nothing and still leads in.
		expect((await post(link, 'colleague')).status).toBe(303);
		expect((await members()).filter((u) => u === ids.colleague)).toHaveLength(1);
		const row = await rowOf<{ uses: number }>(
			db,
			'SELECT uses FROM proposal_invites WHERE proposal_id = ?',
			proposalId
		);
		expect(Number(row!.uses)).toBe(1);
		const joins = await audits('proposal.invite-join');
		expect(joins.map((a) => a.actor)).toEqual([`user:${ids.colleague}`]);
		expect(JSON.parse(joins[0]!.detail)).toMatchObject({ proposal: proposalId });
	});

	it('[WS33] a colleague who is not the owner can neither make nor revoke links, nor see them', async () => {
		expect((await makeLink('colleague')).status).toBe(403);
		const html = await (await get(`/proposals/${proposalId}`, 'colleague')).text();
		expect(html).not.toContain('生成邀请链接');
		const inviteId = (await rowOf<{ id: string }>(db, 'SELECT id FROM proposal_invites'))!.id;
		expect(
			(await post(`/proposals/${proposalId}?/revokeInvite`, 'colleague', { invite: inviteId }))
				.status
		).toBe(403);
	});

	it('[WS33] a revoked link opens nothing; revoking is audited', async () => {
		const inviteId = (await rowOf<{ id: string }>(db, 'SELECT id FROM proposal_invites'))!.id;
		const r = await post(`/proposals/${proposalId}?/revokeInvite`, 'owner', { invite: inviteId });
		expect(r.status).toBe(200);
		expect(await (await get(`/proposals/${proposalId}`, 'owner')).text()).toContain('已撤销');
		const page = await get(link, 'outsider');
		expect(page.status).toBe(404);
		expect(await page.text()).toContain('邀请链接无效、已过期或已被撤销');
		expect((await post(link, 'outsider')).status).toBe(404);
		expect(await members()).not.toContain(ids.outsider);
		expect((await audits('proposal.invite-revoke')).map((a) => a.actor)).toEqual([
			`user:${ids.owner}`
		]);
		const failed = await audits('proposal.invite-failed');
		expect(failed.length).toBeGreaterThanOrEqual(2);
		expect(JSON.parse(failed[0]!.detail)).toMatchObject({ why: 'revoked' });
	});

	it('[WS33] an expired link opens nothing', async () => {
		const made = await makeLink('owner', '1');
		// Its expiry moved to a minute ago, as if the day had passed.
		await rowsOf(
			db,
			'UPDATE proposal_invites SET expires_at = ? WHERE revoked_at IS NULL',
			Date.now() - 60_000
		);
		expect((await get(made.path, 'late')).status).toBe(404);
		expect((await post(made.path, 'late')).status).toBe(404);
		expect(await members()).not.toContain(ids.late);
		expect(await (await get(`/proposals/${proposalId}`, 'owner')).text()).toContain('已过期');
	});

	it('[WS33] [W6] lookups of one code are limited to 120 in 10 minutes: the 121st is 429 in Chinese', async () => {
		const guess = '/proposals/invite/' + 'a'.repeat(32);
		// 120 lookups of the same code are answered (404: no such link) …
		for (let i = 0; i < 120; i++) expect((await get(guess, 'late')).status).toBe(404);
		// … and the 121st is refused before the database is asked.
		const r = await get(guess, 'late');
		expect(r.status).toBe(429);
		expect(await r.text()).toContain('尝试次数过多');
	});
});

/**
 * The case studio's API against the real server (server/SPEC.md K1–K7, K11): versions kept, no
 * silent overwrite, drafts, permissions between organizers, built-ins read-only, YAML import and
 * export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/storage/db.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import {
	ROOT,
	seatCookies,
	seedMatch,
	startServerProcess,
	tempDbPath,
	type ServerProcess
} from './harness.ts';

let server: ServerProcess;
let db: Db;
const cookie: Record<'a' | 'b' | 'seat', string> = { a: '', b: '', seat: '' };
const S1 = 's1-qiantang-parts';
const s1Yaml = readFileSync(join(ROOT, 'scenarios', `${S1}.yaml`), 'utf8');

beforeAll(async () => {
	const DATABASE_PATH = tempDbPath();
	server = await startServerProcess({ DATABASE_PATH, XS_DEMO: '0' });
	db = openDatabase(DATABASE_PATH);
	const a = await createUser(db, {
		login: 'case-a',
		displayName: '甲老师',
		password: 'password-a-123'
	});
	const b = await createUser(db, {
		login: 'case-b',
		displayName: '乙老师',
		password: 'password-b-123'
	});
	cookie.a = `xs_session=${createSession(db, { userId: a.id }).token}`;
	cookie.b = `xs_session=${createSession(db, { userId: b.id }).token}`;
	const { matchId } = seedMatch(db, {
		name: '座位',
		kind: 'training',
		organizerId: a.id,
		teams: ['甲队', '乙队']
	});
	cookie.seat = seatCookies(db, matchId, ['labour-chief'])['labour-chief'];
}, 120_000);

afterAll(async () => {
	await server?.kill();
	db?.close();
});

async function call(
	who: keyof typeof cookie | null,
	method: string,
	path: string,
	body?: unknown,
	raw = false
): Promise<{ status: number; json: Record<string, unknown> & unknown[]; text: string }> {
	const headers: Record<string, string> = { origin: server.url };
	if (who) headers.cookie = cookie[who];
	if (body !== undefined) headers['content-type'] = raw ? 'application/yaml' : 'application/json';
	const res = await fetch(`${server.url}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : raw ? String(body) : JSON.stringify(body)
	});
	const text = await res.text();
	let json: unknown = null;
	try {
		json = JSON.parse(text);
	} catch {
		/* YAML or HTML */
	}
	return { status: res.status, json: json as Record<string, unknown> & unknown[], text };
}

const builtInDoc = async () =>
	(await call('a', 'GET', `/api/cases/${S1}`)).json.document as Record<string, unknown>;

describe('cases API', () => {
	it('[K3] a built-in case is listed, read and copied by any organizer, never saved in place', async () => {
		const list = await call('b', 'GET', '/api/cases');
		expect(list.status).toBe(200);
		expect(list.json.find((c: { id: string }) => c.id === S1)).toMatchObject({
			builtIn: true,
			version: 1
		});
		const doc = await builtInDoc();
		expect(doc.title).toBeTruthy();
		const put = await call('a', 'PUT', `/api/cases/${S1}`, {
			document: doc,
			note: 'x',
			baseVersion: 1
		});
		expect(put.status).toBe(403);
		expect(put.json.error).toMatch(/只读/);
		const copy = await call('b', 'POST', '/api/cases', { copyOf: { id: S1 } });
		expect(copy.status).toBe(201);
		expect(copy.json).toMatchObject({ version: 1 });
		const got = await call('b', 'GET', `/api/cases/${copy.json.id as string}`);
		expect(got.json.document).toEqual(doc);
		expect((got.json.versions as { note: string }[])[0]!.note).toMatch(/复制自/);
	});

	it('[K1] every saved version is kept with who, when and the note', async () => {
		const doc = await builtInDoc();
		const made = await call('a', 'POST', '/api/cases', { document: doc, note: '初稿' });
		const id = made.json.id as string;
		const v2 = await call('a', 'PUT', `/api/cases/${id}`, {
			document: { ...doc, title: '钱塘零件（第二版）' },
			note: '改标题',
			baseVersion: 1
		});
		expect(v2.status).toBe(200);
		expect(v2.json).toEqual({ version: 2 });
		const got = await call('a', 'GET', `/api/cases/${id}`);
		expect(got.json).toMatchObject({
			version: 2,
			title: '钱塘零件（第二版）',
			mine: true,
			builtIn: false,
			shared: false
		});
		expect(
			(got.json.versions as { version: number; note: string; by: string }[]).map((v) => [
				v.version,
				v.note,
				v.by
			])
		).toEqual([
			[2, '改标题', '甲老师'],
			[1, '初稿', '甲老师']
		]);
		const v1 = await call('a', 'GET', `/api/cases/${id}?version=1`);
		expect((v1.json.document as { title: string }).title).toBe(doc.title);
	});

	it('[K5] a save on a version that is not the latest is refused with who saved the latest', async () => {
		const doc = await builtInDoc();
		const id = (await call('a', 'POST', '/api/cases', { document: doc })).json.id as string;
		await call('a', 'POST', `/api/cases/${id}/share`, { shared: true });
		expect(
			(await call('b', 'PUT', `/api/cases/${id}`, { document: doc, note: '乙改', baseVersion: 1 }))
				.status
		).toBe(200);
		const stale = await call('a', 'PUT', `/api/cases/${id}`, {
			document: doc,
			note: '甲改',
			baseVersion: 1
		});
		expect(stale.status).toBe(409);
		expect(stale.json).toMatchObject({ latestVersion: 2, by: '乙老师' });
		expect(typeof stale.json.at).toBe('number');
		const got = await call('a', 'GET', `/api/cases/${id}`);
		expect((got.json.versions as unknown[]).length).toBe(2);
	});

	it('[K7] an invalid document is refused with each problem at its path in Chinese, nothing saved', async () => {
		const doc = await builtInDoc();
		const id = (await call('a', 'POST', '/api/cases', { document: doc })).json.id as string;
		const bad = { ...doc, title: '', contract: { termYears: 'two' } };
		const r = await call('a', 'PUT', `/api/cases/${id}`, {
			document: bad,
			note: '坏',
			baseVersion: 1
		});
		expect(r.status).toBe(400);
		const issues = r.json.issues as { path: string; message: string }[];
		expect(issues.map((i) => i.path)).toEqual(
			expect.arrayContaining(['title', 'contract.termYears'])
		);
		const term = issues.find((i) => i.path === 'contract.termYears')!;
		expect(term.message).toBe('应为数字，实际是文字 "two"');
		expect(issues.every((i) => /[\u4e00-\u9fff]/.test(i.message))).toBe(true);
		expect((await call('a', 'GET', `/api/cases/${id}`)).json.version).toBe(1);
		const create = await call('a', 'POST', '/api/cases', { document: { title: 'x' } });
		expect(create.status).toBe(400);
	});

	it('[K6] a draft keeps any JSON per user, survives a version save, and is cleared on DELETE', async () => {
		const doc = await builtInDoc();
		const id = (await call('a', 'POST', '/api/cases', { document: doc })).json.id as string;
		await call('a', 'POST', `/api/cases/${id}/share`, { shared: true });
		const half = { title: '写了一半', terms: [{ id: '' }], 半: [1, 2] };
		const put = await call('a', 'PUT', `/api/cases/${id}/draft`, { document: half });
		expect(put.status).toBe(200);
		expect(typeof put.json.savedAt).toBe('number');
		expect((await call('a', 'GET', `/api/cases/${id}/draft`)).json.document).toEqual(half);
		// Another organizer of a shared case has a draft of their own, not this one.
		expect((await call('b', 'GET', `/api/cases/${id}/draft`)).json.document).toBeNull();
		await call('a', 'PUT', `/api/cases/${id}`, { document: doc, note: 'v2', baseVersion: 1 });
		expect((await call('a', 'GET', `/api/cases/${id}/draft`)).json.document).toEqual(half);
		expect((await call('a', 'DELETE', `/api/cases/${id}/draft`)).status).toBe(200);
		expect((await call('a', 'GET', `/api/cases/${id}/draft`)).json.document).toBeNull();
	});

	it("[K2] one organizer cannot read another's private case, its briefs, versions, export or draft", async () => {
		const doc = await builtInDoc();
		const secret = '甲的保密底线：不超过 3%';
		const conf = doc.confidential as { labour: { brief: string } };
		const mine = { ...doc, confidential: { ...conf, labour: { ...conf.labour, brief: secret } } };
		const id = (await call('a', 'POST', '/api/cases', { document: mine })).json.id as string;
		await call('a', 'PUT', `/api/cases/${id}/draft`, { document: mine });
		for (const path of [
			`/api/cases/${id}`,
			`/api/cases/${id}?version=1`,
			`/api/cases/${id}/export`,
			`/api/cases/${id}/draft`
		]) {
			const r = await call('b', 'GET', path);
			expect(r.status, path).toBe(404);
			expect(r.text).not.toContain(secret);
		}
		const list = await call('b', 'GET', '/api/cases');
		expect(list.json.some((c: { id: string }) => c.id === id)).toBe(false);
		expect((await call('b', 'POST', '/api/cases', { copyOf: { id } })).status).toBe(404);
		expect(
			(await call('b', 'PUT', `/api/cases/${id}`, { document: mine, note: '', baseVersion: 1 }))
				.status
		).toBe(404);
		expect((await call('b', 'POST', `/api/cases/${id}/share`, { shared: true })).status).toBe(404);
		// Neither a seat at a table nor an anonymous browser sees any case.
		for (const who of ['seat', null] as const) {
			expect((await call(who, 'GET', '/api/cases')).status).toBe(403);
			expect((await call(who, 'GET', `/api/cases/${id}`)).status).toBe(404);
			expect((await call(who, 'GET', `/api/cases/${S1}`)).status).toBe(404);
		}
		// Shared, every organizer reads it; only the author takes it back.
		await call('a', 'POST', `/api/cases/${id}/share`, { shared: true });
		const seen = await call('b', 'GET', `/api/cases/${id}`);
		expect(seen.status).toBe(200);
		expect(seen.json).toMatchObject({ shared: true, mine: false });
		expect((await call('b', 'POST', `/api/cases/${id}/share`, { shared: false })).status).toBe(403);
		await call('a', 'POST', `/api/cases/${id}/share`, { shared: false });
		expect((await call('b', 'GET', `/api/cases/${id}`)).status).toBe(404);
	});

	it('[K11] YAML import reports every problem by line and column; export re-imports to the same document', async () => {
		const broken = s1Yaml
			.replace(/^title: .*$/m, 'title: 123')
			.replace(/termYears: \d+/, 'termYears: 两年');
		const bad = await call('a', 'POST', '/api/cases/import?file=s1.yaml', broken, true);
		expect(bad.status).toBe(400);
		const errors = bad.json.errors as {
			line: number;
			column: number;
			path: string;
			message: string;
		}[];
		const line = s1Yaml.split('\n').findIndex((l) => /termYears:/.test(l)) + 1;
		expect(errors.find((e) => e.path === 'contract.termYears')).toMatchObject({
			line,
			message: '应为数字，实际是文字 "两年"'
		});
		const ok = await call('a', 'POST', '/api/cases/import', s1Yaml, true);
		expect(ok.status).toBe(201);
		const id = ok.json.id as string;
		const exported = await call('a', 'GET', `/api/cases/${id}/export?version=1`);
		expect(exported.status).toBe(200);
		const again = await call('a', 'POST', '/api/cases/import', exported.text, true);
		expect(again.status).toBe(201);
		const [x, y] = await Promise.all([
			call('a', 'GET', `/api/cases/${id}`),
			call('a', 'GET', `/api/cases/${again.json.id as string}`)
		]);
		expect(y.json.document).toEqual(x.json.document);
		expect(x.json.document).toEqual(await builtInDoc());
	});

	it('[W1] a cross-site write to the cases API is refused', async () => {
		const res = await fetch(`${server.url}/api/cases`, {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				cookie: cookie.a,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ copyOf: { id: S1 } })
		});
		expect(res.status).toBe(403);
	});

	it('[W8] a malformed body is refused with a Chinese message', async () => {
		const r = await call('a', 'POST', '/api/cases', { copyOf: { id: S1, version: 'one' } });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(/请求格式不对/);
	});
});

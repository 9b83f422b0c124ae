/**
 * Two server processes on one PostgreSQL and one Redis (both started here, stopped by PID),
 * reached by stock y-websocket clients: what a load balancer in front of several instances
 * must never break.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSql, type Sql } from '../../src/lib/server/sql/open.ts';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import type { Role } from '../../src/lib/server/events/events.ts';
import { caucusDocName } from '../../src/lib/collab/protocol.ts';
import { startPostgres, type PostgresService } from '../services/postgres.ts';
import { startRedis, type RedisService } from '../services/redis.ts';
import {
	closeCode,
	connectClient,
	rawSocket,
	seatCookies,
	seedMatch,
	startServerProcess,
	synced,
	tempDbPath,
	until,
	upgradeStatus,
	type Client,
	type ServerProcess
} from './harness.ts';

let pgsvc: PostgresService;
let redis: RedisService;
let env: Record<string, string> & { DATABASE_PATH: string };
let db: SqlDb;
let shared: Sql;
const servers: ServerProcess[] = [];
const clients: Client[] = [];

const start = async () => {
	const s = await startServerProcess(env);
	servers.push(s);
	return s;
};
const connect = (s: ServerProcess, doc: string, cookie?: string) => {
	const c = connectClient(s.wsUrl, doc, new Y.Doc(), cookie);
	clients.push(c);
	return c;
};

let one: ServerProcess;
let two: ServerProcess;

beforeAll(async () => {
	[pgsvc, redis] = await Promise.all([startPostgres(), startRedis()]);
	env = {
		DATABASE_URL: await pgsvc.freshSchema(),
		REDIS_URL: redis.url,
		// Each instance's own file; DATABASE_URL carries the accounts, seats and documents.
		DATABASE_PATH: tempDbPath(),
		XS_DEMO: '0',
		LOG_LEVEL: 'warn'
	};
	// One after the other: the first one creates the tables the second one finds.
	one = await start();
	two = await start();
	shared = openSql({ engine: 'postgres', url: env.DATABASE_URL!, poolSize: 2 });
	db = shared.db;
}, 120_000);
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
	await shared?.close();
	await Promise.all([pgsvc?.stop(), redis?.stop()]);
});

describe('two instances on one PostgreSQL and one Redis', () => {
	it('[Y18][Y23] lets stock clients on either instance edit one room and converge', async () => {
		const a = connect(one, 'demo/cluster-converge');
		const b = connect(two, 'demo/cluster-converge');
		await Promise.all([synced(a), synced(b)]);
		// 20 edits from each side, interleaved: both end with the same 40 entries.
		for (let i = 0; i < 20; i++) {
			a.doc.getArray<string>('log').push([`a${i}`]);
			b.doc.getArray<string>('log').push([`b${i}`]);
		}
		const has40 = (c: Client) => () => c.doc.getArray('log').length === 40;
		await Promise.all([until(a.doc, has40(a), 'a has 40'), until(b.doc, has40(b), 'b has 40')]);
		expect(a.doc.getArray('log').toJSON()).toEqual(b.doc.getArray('log').toJSON());
		// Each instance tells the load balancer it reaches Redis.
		for (const s of [one, two])
			expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({
				ok: true,
				database: 'ok',
				redis: 'ok'
			});
		// Presence crosses too: b sees a's cursor name.
		a.provider.awareness.setLocalStateField('user', { name: 'a-on-one' });
		await new Promise<void>((resolve) => {
			const check = () => {
				const names = [...b.provider.awareness.getStates().values()].map(
					(s) => (s as { user?: { name?: string } }).user?.name
				);
				if (names.includes('a-on-one')) {
					b.provider.awareness.off('change', check);
					resolve();
				}
			};
			b.provider.awareness.on('change', check);
			check();
		});
	});

	it('[Y19] keeps a side’s caucus from the other side on every instance', async () => {
		const { matchId } = await seedMatch(db, {
			name: '两实例内部磋商',
			kind: 'training',
			organizerId: null,
			teams: ['L', 'M']
		});
		const cookies: Record<Role, string> = (await seatCookies(db, matchId, [
			'labour-chief',
			'labour-member',
			'management-chief'
		] as const)) as Record<Role, string>;
		const labourCaucus = caucusDocName(matchId, 'labour');
		const chief = connect(one, labourCaucus, cookies['labour-chief']);
		await synced(chief);
		chief.doc.getMap('notes').set('floor', '底线 35 元');
		// The labour member on instance 2 receives it: the caucus does cross instances …
		const member = connect(two, labourCaucus, cookies['labour-member']);
		await synced(member);
		await until(member.doc, () => member.doc.getMap('notes').get('floor') === '底线 35 元');
		// … but management on instance 2 is refused labour's caucus before any byte of it,
		expect(
			await upgradeStatus(two.port, `/yjs/${labourCaucus}`, { cookie: cookies['management-chief'] })
		).toBe(403);
		// and its own caucus there holds nothing of labour's, also after labour writes again.
		const mgmt = connect(two, caucusDocName(matchId, 'management'), cookies['management-chief']);
		await synced(mgmt);
		chief.doc.getMap('notes').set('walkaway', '罢工');
		await until(member.doc, () => member.doc.getMap('notes').get('walkaway') === '罢工');
		mgmt.doc.getMap('notes').set('own', '管理方笔记');
		expect(mgmt.doc.getMap('notes').toJSON()).toEqual({ own: '管理方笔记' });
	});

	it('[Y22] carries a revocation and a reopened table from one instance to connections on the other', async () => {
		const user = await createUser(db, {
			login: 'cluster-org',
			displayName: '两实例组织者',
			password: 'cluster-organizer-1'
		});
		const organizer = `xs_session=${(await createSession(db, { userId: user.id, displayName: user.displayName })).token}`;
		const { matchId } = await seedMatch(db, {
			name: '两实例撤销',
			kind: 'competition',
			organizerId: user.id,
			teams: ['L', 'M']
		});
		const cookies = await seatCookies(db, matchId, ['labour-chief', 'management-chief'] as const);
		const table = `match/${matchId}/table`;
		const post = (s: ServerProcess, path: string, cookie: string, body?: unknown) =>
			fetch(`${s.url}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie,
					origin: s.url,
					...(body === undefined
						? { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
						: { 'content-type': 'application/json' })
				},
				body: body === undefined ? '' : JSON.stringify(body)
			});

		// Logging out on instance 1 ends the session's socket on instance 2 (1008).
		const labourOnTwo = await rawSocket(two.wsUrl, table, { cookie: cookies['labour-chief'] });
		const labourClosed = closeCode(labourOnTwo);
		expect((await post(one, '/logout', cookies['labour-chief'])).status).toBe(303);
		expect(await labourClosed).toBe(1008);

		// Ending and reopening the match on instance 1 makes instance 2 re-authorize its table
		// connections (1012 'access changed'), as one instance does for its own.
		const mgmtOnTwo = await rawSocket(two.wsUrl, table, { cookie: cookies['management-chief'] });
		const mgmtClosed = closeCode(mgmtOnTwo);
		const clock = `/api/match/${matchId}/clock`;
		expect((await post(one, clock, organizer, { type: 'start' })).status).toBe(200);
		expect((await post(one, clock, organizer, { type: 'end' })).status).toBe(200);
		expect((await post(one, clock, organizer, { type: 'reopen' })).status).toBe(200);
		expect(await mgmtClosed).toBe(1012);
	});

	it('[Y20] keeps every acknowledged edit when an instance is SIGKILLed mid-stream, and serves the room again after its restart', async () => {
		const room = 'demo/cluster-crash';
		const writer = connect(one, room);
		// Observers on both instances: an edit either one has seen was stored before it was relayed.
		const nearObserver = connect(one, room);
		const farObserver = connect(two, room);
		await Promise.all([synced(writer), synced(nearObserver), synced(farObserver)]);
		let sent = 0;
		const timer = setInterval(() => writer.doc.getArray<string>('log').push([`w${sent++}`]), 3);
		await until(
			farObserver.doc,
			() => farObserver.doc.getArray('log').length > 200,
			'edits flowing to instance 2'
		);
		await one.kill('SIGKILL');
		clearInterval(timer);
		const acknowledged = new Set([
			...nearObserver.doc.getArray<string>('log').toArray(),
			...farObserver.doc.getArray<string>('log').toArray()
		]);
		// The old clients must not heal anything with what they hold.
		for (const c of [writer, nearObserver, farObserver]) c.destroy();
		expect(acknowledged.size).toBeGreaterThan(200);

		const fresh = connect(two, room);
		await synced(fresh);
		const onTwo = new Set(fresh.doc.getArray<string>('log').toArray());
		expect([...acknowledged].filter((e) => !onTwo.has(e))).toEqual([]);

		// Instance 1 comes back: it serves the room from the shared store and relays again.
		one = await start();
		const back = connect(one, room);
		await synced(back);
		const onOne = new Set(back.doc.getArray<string>('log').toArray());
		expect([...onTwo].filter((e) => !onOne.has(e))).toEqual([]);
		back.doc.getArray<string>('log').push(['after-restart']);
		await until(
			fresh.doc,
			() => fresh.doc.getArray('log').toArray().includes('after-restart'),
			'an edit on the restarted instance reaching instance 2'
		);
	});

	it('[Y23] answers /healthz with 503 while it cannot reach Redis, so a load balancer takes it out', async () => {
		await redis.stop();
		// ioredis notices the closed socket at once; poll until the instance says so.
		let body: Record<string, unknown> = {};
		let status = 0;
		for (let i = 0; i < 100 && status !== 503; i++) {
			const res = await fetch(`${two.url}/healthz`);
			status = res.status;
			body = (await res.json()) as Record<string, unknown>;
			if (status !== 503) await new Promise((r) => setTimeout(r, 100));
		}
		expect(status).toBe(503);
		expect(body).toMatchObject({ ok: false, database: 'ok' });
		expect(String(body.redis)).toMatch(/^error/);
	});
});

/**
 * Two fan-out instances on a real Redis and a real PostgreSQL (both started here, stopped by PID).
 * Each "instance" is what a room of server/rooms.ts holds: a Y.Doc and an Awareness loaded from
 * the PostgreSQL DocStore; an edit is stored first, then applied, then published.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Redis } from 'ioredis';
import { PostgresDocStore } from '../../src/lib/server/storage/doc-store-pg.ts';
import { RedisFanout, type FanoutRoom } from '../../server/fanout-redis.ts';
import { startPostgres, type PostgresService } from '../services/postgres.ts';
import { startRedis, type RedisService } from '../services/redis.ts';

let pgsvc: PostgresService;
let redis: RedisService;
let admin: Redis;
beforeAll(async () => {
	[pgsvc, redis] = await Promise.all([startPostgres(), startRedis()]);
	admin = new Redis(redis.url);
});
afterAll(async () => {
	admin?.disconnect();
	await Promise.all([pgsvc?.stop(), redis?.stop()]);
});
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanup.splice(0).reverse()) await c();
});

const ROOM = 'match/m1/table';
const FROM_PEER = Symbol('peer');

interface Instance {
	doc: Y.Doc;
	awareness: awarenessProtocol.Awareness;
	room: FanoutRoom;
	fanout: RedisFanout;
	store: PostgresDocStore;
	/** A client's edit accepted by this instance: stored, applied, published. */
	edit(entry: string): Promise<number>;
}

async function instance(dbUrl: string, reconnectMs = 50): Promise<Instance> {
	const store = await PostgresDocStore.open(dbUrl, 2);
	const fanout = await RedisFanout.connect({
		url: redis.url,
		gapWaitMs: 100,
		redis: { retryStrategy: () => reconnectMs }
	});
	cleanup.push(async () => {
		await fanout.close();
		await store.close();
	});
	const doc = new Y.Doc();
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(null);
	const local = new Set<number>();
	const applyTail = async (since: number) => {
		const tail = await store.since(ROOM, since);
		if (!tail) return since;
		if (tail.snapshot) Y.applyUpdate(doc, tail.snapshot, FROM_PEER);
		for (const u of tail.updates) Y.applyUpdate(doc, u.data, FROM_PEER);
		return tail.headSeq;
	};
	const room = await fanout.join(ROOM, {
		load: () => applyTail(0),
		catchUp: applyTail,
		update: (u) => Y.applyUpdate(doc, u, FROM_PEER),
		awareness: (u) => awarenessProtocol.applyAwarenessUpdate(awareness, u, FROM_PEER),
		localAwareness: () =>
			local.size ? awarenessProtocol.encodeAwarenessUpdate(awareness, [...local]) : null
	});
	// A client's awareness landing here is relayed to the peers; the peers' is not relayed back.
	awareness.on(
		'update',
		({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
			if (origin === FROM_PEER) return;
			for (const id of added) local.add(id);
			void room.publishAwareness(
				awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated])
			);
		}
	);
	const client = new Y.Doc();
	return {
		doc,
		awareness,
		room,
		fanout,
		store,
		async edit(entry) {
			const before = Y.encodeStateVector(client);
			client.getArray<string>('log').push([entry]);
			const update = Y.encodeStateAsUpdate(client, before);
			const seq = await store.append(ROOM, update);
			Y.applyUpdate(doc, update);
			await room.publishUpdate(seq, update);
			return seq;
		}
	};
}

const log = (i: Instance) => i.doc.getArray<string>('log').toArray();

function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const tick = () => {
			if (check()) return resolve();
			if (Date.now() - started > timeoutMs)
				return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(tick, 10);
		};
		tick();
	});
}

const subscribers = async (channel: string) =>
	((await admin.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1];

describe('Redis fan-out between instances', () => {
	it('[Y16] carries an update and an awareness change accepted by instance A to instance B', async () => {
		const db = await pgsvc.freshSchema();
		const a = await instance(db);
		const b = await instance(db);
		await a.edit('a1');
		await until(() => log(b).includes('a1'), 'a1 on B');
		await b.edit('b1');
		await until(() => log(a).includes('b1'), 'b1 on A');
		// Both hold every update up to the store's head (2): each may compact through it.
		expect([a.room.head, b.room.head]).toEqual([2, 2]);

		const clientAwareness = new awarenessProtocol.Awareness(new Y.Doc());
		clientAwareness.setLocalState({ name: '王芳' });
		awarenessProtocol.applyAwarenessUpdate(
			a.awareness,
			awarenessProtocol.encodeAwarenessUpdate(clientAwareness, [clientAwareness.clientID]),
			'client'
		);
		await until(
			() => b.awareness.getStates().get(clientAwareness.clientID)?.name === '王芳',
			'awareness on B'
		);
		clientAwareness.destroy();
	});

	it('[Y16] gives an instance that joins later the awareness of clients already on another instance', async () => {
		const db = await pgsvc.freshSchema();
		const a = await instance(db);
		const clientAwareness = new awarenessProtocol.Awareness(new Y.Doc());
		clientAwareness.setLocalState({ name: '李强' });
		awarenessProtocol.applyAwarenessUpdate(
			a.awareness,
			awarenessProtocol.encodeAwarenessUpdate(clientAwareness, [clientAwareness.clientID]),
			'client'
		);
		const b = await instance(db);
		await until(
			() => b.awareness.getStates().get(clientAwareness.clientID)?.name === '李强',
			'awareness on the late instance'
		);
		clientAwareness.destroy();
	});

	it('[Y16] leaves no subscription behind when a room fails to load, and lets it join again', async () => {
		const fanout = await RedisFanout.connect({ url: redis.url });
		cleanup.push(() => fanout.close());
		const handlers = {
			update() {},
			catchUp: async (n: number) => n,
			awareness() {},
			localAwareness: () => null
		};
		await expect(
			fanout.join('demo/broken', {
				...handlers,
				load: () => Promise.reject(new Error('database down'))
			})
		).rejects.toThrow('database down');
		expect(await subscribers('xs:doc:demo/broken')).toBe(0);
		const room = await fanout.join('demo/broken', { ...handlers, load: async () => 7 });
		expect(room.head).toBe(7);
		expect(await subscribers('xs:doc:demo/broken')).toBe(1);
	});

	it('[Y16] fetches from the store an update whose message never arrived', async () => {
		const db = await pgsvc.freshSchema();
		const a = await instance(db);
		const b = await instance(db);
		// Stored as 1 but never published (a message lost in Redis), then 2 published normally.
		const lost = new Y.Doc();
		lost.getArray<string>('log').push(['lost']);
		expect(await a.store.append(ROOM, Y.encodeStateAsUpdate(lost))).toBe(1);
		expect(await a.edit('a2')).toBe(2);
		// B sees 2 while it holds nothing after 0: the gap makes it read the store.
		await until(() => log(b).includes('lost') && log(b).includes('a2'), 'the lost update on B');
		expect(b.room.head).toBe(2);
	});

	it('[Y16] catches up from the store after its Redis connection dropped, with no further message', async () => {
		const db = await pgsvc.freshSchema();
		const a = await instance(db);
		// B waits 1 s before reconnecting: A's edits below fall into that window.
		const b = await instance(db, 1000);
		await a.edit('before');
		await until(() => log(b).includes('before'), 'first edit on B');
		const channel = `xs:doc:${ROOM}`;
		expect(await subscribers(channel)).toBe(2);

		const clients = (await admin.call('CLIENT', 'LIST')) as string;
		const line = clients.split('\n').find((l) => l.includes(`name=xs-sub-${b.fanout.instanceId}`));
		const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
		expect(id).toBeDefined();
		await admin.call('CLIENT', 'KILL', 'ID', id!);
		await until(() => !b.fanout.isReady(), 'B disconnected', 5_000);

		for (const e of ['while-1', 'while-2', 'while-3']) await a.edit(e);
		// Nobody but A listened while these were published: pub/sub delivered them to no one else.
		expect(await subscribers(channel)).toBe(1);

		await until(
			() => ['while-1', 'while-2', 'while-3'].every((e) => log(b).includes(e)),
			'missed edits on B after reconnect'
		);
		expect(b.room.head).toBe(4);
		expect(await subscribers(channel)).toBe(2);
		// Live again: the next edit arrives as a message.
		await a.edit('after');
		await until(() => log(b).includes('after'), 'live edit after the reconnect');
		expect(log(b).sort()).toEqual(log(a).sort());
	});
});

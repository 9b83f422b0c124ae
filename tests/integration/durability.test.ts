import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import {
	connectClient,
	startServerProcess,
	synced,
	resynced,
	disconnected,
	tempDbPath,
	until,
	type Client,
	type ServerProcess
} from './harness.ts';

const servers: ServerProcess[] = [];
const clients: Client[] = [];
afterEach(async () => {
	clients.splice(0).forEach((c) => c.destroy());
	await Promise.all(servers.splice(0).map((s) => s.kill('SIGKILL')));
});
const start = async (env: Record<string, string> & { DATABASE_PATH: string }, port?: number) => {
	const s = await startServerProcess(env, port);
	servers.push(s);
	return s;
};
const connect = (s: ServerProcess, doc: string) => {
	const c = connectClient(s.wsUrl, doc);
	clients.push(c);
	return c;
};

describe('durability', () => {
	it('[Y2] keeps every edit another client had observed when the server is killed with SIGKILL mid-stream', async () => {
		const DATABASE_PATH = tempDbPath();
		// A low threshold makes compactions run during the stream too.
		const s1 = await start({ DATABASE_PATH, COMPACT_THRESHOLD: '50' });
		const writers = ['a', 'b', 'c'].map((name) => ({
			name,
			c: connect(s1, 'demo/it-crash'),
			sent: 0
		}));
		await Promise.all(writers.map((w) => synced(w.c)));
		const timers = writers.map((w) =>
			setInterval(() => w.c.doc.getArray<string>('log').push([`${w.name}:${w.sent++}`]), 3)
		);
		// Stream until a good number of edits have crossed between clients, then kill mid-stream.
		await until(
			writers[0]!.c.doc,
			() => writers[0]!.c.doc.getArray('log').length > 300,
			'edits flowing'
		);
		await s1.kill('SIGKILL');
		timers.forEach(clearInterval);
		const observed = new Set<string>();
		for (const w of writers) {
			for (const entry of w.c.doc.getArray<string>('log').toArray()) {
				if (!entry.startsWith(`${w.name}:`)) observed.add(entry);
			}
			// The old clients must not heal the restarted server with what they hold.
			w.c.destroy();
		}
		expect(observed.size).toBeGreaterThan(150);

		const s2 = await start({ DATABASE_PATH });
		const fresh = connect(s2, 'demo/it-crash');
		await synced(fresh);
		const recovered = new Set(fresh.doc.getArray<string>('log').toArray());
		const lost = [...observed].filter((e) => !recovered.has(e));
		expect(lost).toEqual([]);
	});

	it('[Y2] serves every client reconnecting at once after a restart, without errors', async () => {
		const DATABASE_PATH = tempDbPath();
		const s1 = await start({ DATABASE_PATH });
		const docs = ['demo/it-storm-1', 'demo/it-storm-2', 'demo/it-storm-3', 'demo/it-storm-4'];
		const all = docs.flatMap((d) =>
			Array.from({ length: 10 }, () => ({ doc: d, c: connect(s1, d) }))
		);
		await Promise.all(all.map((x) => synced(x.c)));
		all.forEach((x, i) => x.c.doc.getMap('m').set(`before-${i}`, i));
		await Promise.all(
			all.map((x) => until(x.c.doc, () => x.c.doc.getMap('m').size === 10, 'first round'))
		);

		await s1.kill('SIGKILL');
		await Promise.all(all.map((x) => disconnected(x.c)));
		const s2 = await start({ DATABASE_PATH }, s1.port);
		// y-websocket reconnects every client on its own, with no jitter: all of them at once.
		await Promise.all(all.map((x) => resynced(x.c)));
		all.forEach((x, i) => x.c.doc.getMap('m').set(`after-${i}`, i));
		for (const x of all) {
			// Each room: 10 keys before + 10 after.
			await until(x.c.doc, () => x.c.doc.getMap('m').size === 20, `convergence in ${x.doc}`);
		}
		expect(all.every((x) => x.c.provider.wsconnected)).toBe(true);
		expect(s2.logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
	});

	it('[Y4] compacts a long update log into a snapshot in the background, and the snapshot serves the whole document', async () => {
		const DATABASE_PATH = tempDbPath();
		const s1 = await start({ DATABASE_PATH, COMPACT_THRESHOLD: '20' });
		const writer = connect(s1, 'demo/it-compact');
		const watcher = connect(s1, 'demo/it-compact');
		await Promise.all([synced(writer), synced(watcher)]);
		// 200 separate updates, each one its own transaction and so its own log row before compaction.
		for (let i = 0; i < 200; i++) writer.doc.getArray<number>('log').push([i]);
		await until(watcher.doc, () => watcher.doc.getArray('log').length === 200, 'all edits relayed');
		const db = openDatabase(DATABASE_PATH);
		try {
			const count = () =>
				(
					db
						.prepare("SELECT COUNT(*) AS n FROM doc_updates WHERE doc = 'demo/it-compact'")
						.get() as { n: number }
				).n;
			const snapshot = () =>
				db.prepare("SELECT through_seq FROM doc_snapshots WHERE doc = 'demo/it-compact'").get() as
					{ through_seq: number } | undefined;
			// Compaction runs after the updates, on the room's queue: wait for it rather than for a time.
			for (let i = 0; i < 200 && !(snapshot() && count() < 20); i++)
				await new Promise((r) => setTimeout(r, 25));
			expect(snapshot()).toBeDefined();
			// With a threshold of 20, at most 19 updates are left in the log after the last compaction.
			expect(count()).toBeLessThan(20);
		} finally {
			db.close();
		}
		await s1.kill('SIGKILL');
		writer.destroy();
		watcher.destroy();
		const s2 = await start({ DATABASE_PATH });
		const fresh = connect(s2, 'demo/it-compact');
		await synced(fresh);
		expect(fresh.doc.getArray<number>('log').toArray()).toEqual(
			Array.from({ length: 200 }, (_, i) => i)
		);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	connectClient,
	rawSocket,
	closeCode,
	startServerProcess,
	synced,
	tempDbPath,
	until,
	upgradeStatus,
	type Client,
	type ServerProcess
} from './harness.ts';

let server: ServerProcess;
const clients: Client[] = [];
const client = (doc: string) => {
	const c = connectClient(server.wsUrl, doc);
	clients.push(c);
	return c;
};

beforeAll(async () => {
	server = await startServerProcess({
		DATABASE_PATH: tempDbPath(),
		MAX_FRAME_BYTES: String(64 * 1024)
	});
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
});

describe('room server', () => {
	it('[Y1] answers /healthz with ok once storage is open', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, database: 'ok' });
	});

	it('[Y1] lets two stock y-websocket clients converge', async () => {
		const a = client('demo/it-converge');
		const b = client('demo/it-converge');
		await Promise.all([synced(a), synced(b)]);
		a.doc.getText('t').insert(0, 'hello');
		b.doc.getMap('m').set('k', 42);
		await until(b.doc, () => b.doc.getText('t').toString() === 'hello', 'text at b');
		await until(a.doc, () => a.doc.getMap('m').get('k') === 42, 'map at a');
		expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
	});

	it('[Y3] writes a template document once even when two clients arrive together', async () => {
		const a = client('demo/fresh-template');
		const b = client('demo/fresh-template');
		await Promise.all([synced(a), synced(b)]);
		// The demo template has 5 agenda items; a double seed would show 10.
		expect(a.doc.getArray('agenda').length).toBe(5);
		expect(b.doc.getArray('agenda').length).toBe(5);
	});

	it('[Y6] closes a connection that sends an undecodable frame, and only that one', async () => {
		const a = client('demo/it-malformed');
		const b = client('demo/it-malformed');
		await Promise.all([synced(a), synced(b)]);
		const bad = await rawSocket(server.wsUrl, 'demo/it-malformed');
		const closed = closeCode(bad);
		// Message type 0 (sync), sub-type 2 (update), then a length that runs past the end.
		bad.send(new Uint8Array([0, 2, 0xff, 0xff, 0x03, 1, 2]));
		expect([1003, 1007]).toContain(await closed);
		a.doc.getText('t').insert(0, 'still here');
		await until(b.doc, () => b.doc.getText('t').toString() === 'still here', 'neighbour sync');
	});

	it('[Y6] closes a connection that sends an unknown message type with 1003', async () => {
		const bad = await rawSocket(server.wsUrl, 'demo/it-unknown');
		const closed = closeCode(bad);
		bad.send(new Uint8Array([42, 0]));
		expect(await closed).toBe(1003);
	});

	it('[Y6] closes a connection whose frame is over the size limit with 1009, and only that one', async () => {
		const a = client('demo/it-oversize');
		const b = client('demo/it-oversize');
		await Promise.all([synced(a), synced(b)]);
		const big = await rawSocket(server.wsUrl, 'demo/it-oversize');
		const closed = closeCode(big);
		big.send(new Uint8Array(64 * 1024 + 1));
		expect(await closed).toBe(1009);
		a.doc.getMap('m').set('after', true);
		await until(b.doc, () => b.doc.getMap('m').get('after') === true, 'neighbour sync');
	});

	it('[Y7][A6] refuses an invalid document name with 400 before the upgrade', async () => {
		const bad = [
			'UPPER',
			'a/../b',
			'..',
			'%2e%2e/x',
			'a//b',
			'/a',
			'a/',
			'x'.repeat(129),
			'sp%20ace',
			'%ff',
			''
		];
		for (const name of bad)
			expect(await upgradeStatus(server.port, `/yjs/${name}`), name).toBe(400);
		expect(await upgradeStatus(server.port, '/yjs/demo/a_b-c/d9')).toBe(101);
		// A well-formed name that nobody may open: refused by authorization, not by the grammar.
		expect(await upgradeStatus(server.port, '/yjs/match/nosuchmatch/table')).toBe(403);
	});

	it('[Y6] survives clients that reset the connection while being refused', async () => {
		const { connect } = await import('node:net');
		// Each client asks for a refused upgrade and resets at once, while the server writes its 400.
		await Promise.all(
			Array.from(
				{ length: 200 },
				(_, i) =>
					new Promise<void>((resolve) => {
						const sock = connect(server.port, '127.0.0.1', () => {
							sock.write(
								`GET /yjs/BAD..NAME${i} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
							);
							sock.resetAndDestroy();
							resolve();
						});
						sock.on('error', () => resolve());
					})
			)
		);
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
	});

	it('[A7] keeps scratch demo documents closed unless OPEN_DEMO_DOCS is set', async () => {
		const closed = await startServerProcess({ DATABASE_PATH: tempDbPath(), OPEN_DEMO_DOCS: '0' });
		try {
			expect(await upgradeStatus(closed.port, '/yjs/demo/table')).toBe(101);
			expect(await upgradeStatus(closed.port, '/yjs/demo/anything-else')).toBe(403);
		} finally {
			await closed.kill();
		}
	});

	it('[W2] refuses an upgrade from a foreign Origin with 403', async () => {
		expect(
			await upgradeStatus(server.port, '/yjs/demo/it-origin', { Origin: 'http://evil.example' })
		).toBe(403);
		expect(await upgradeStatus(server.port, '/yjs/demo/it-origin', { Origin: server.url })).toBe(
			101
		);
	});
});

describe('start-up', () => {
	it('[U1] refuses to start on a bad setting and names the variable', async () => {
		const { spawnSync } = await import('node:child_process');
		const { ROOT } = await import('./harness.ts');
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: ROOT,
			env: { ...process.env, PORT: 'eighty', DATABASE_PATH: tempDbPath() },
			encoding: 'utf8'
		});
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('PORT="eighty"');
	});

	it('[Y5] unloads an idle room and serves its stored content when it is opened again', async () => {
		const DATABASE_PATH = tempDbPath();
		const s = await startServerProcess({
			DATABASE_PATH,
			ROOM_UNLOAD_MS: '0',
			COMPACT_THRESHOLD: '3'
		});
		try {
			const a = connectClient(s.wsUrl, 'demo/it-unload');
			await synced(a);
			for (let i = 0; i < 5; i++) a.doc.getArray<number>('xs').push([i]);
			const b = connectClient(s.wsUrl, 'demo/it-unload');
			await until(b.doc, () => b.doc.getArray('xs').length === 5, 'b has the edits');
			a.destroy();
			b.destroy();
			// Wait for the server to log the unload, then open the document afresh.
			await new Promise<void>((resolve) => {
				const t = setInterval(() => {
					if (s.logs.some((l) => l.msg === 'room unloaded' && l.room === 'demo/it-unload')) {
						clearInterval(t);
						resolve();
					}
				}, 20);
			});
			const c = connectClient(s.wsUrl, 'demo/it-unload');
			await synced(c);
			expect(c.doc.getArray<number>('xs').toArray()).toEqual([0, 1, 2, 3, 4]);
			c.destroy();
		} finally {
			await s.kill();
		}
	});
});

describe('first start', () => {
	it('[U4] creates one demo event on an empty database, and no second one on restart', async () => {
		const { openDatabase } = await import('../../src/lib/server/storage/db.ts');
		const DATABASE_PATH = tempDbPath();
		const count = () => {
			const db = openDatabase(DATABASE_PATH);
			try {
				return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
			} finally {
				db.close();
			}
		};
		const first = await startServerProcess({ DATABASE_PATH });
		await first.kill();
		expect(count()).toBe(1);
		const second = await startServerProcess({ DATABASE_PATH });
		await second.kill();
		expect(count()).toBe(1);
		const none = tempDbPath();
		const skipped = await startServerProcess({ DATABASE_PATH: none, XS_DEMO: '0' });
		await skipped.kill();
		const db = openDatabase(none);
		expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(0);
		db.close();
	});

	it('[U4] lets the first organizer, made on /setup, run the demo event created before any account', async () => {
		const DATABASE_PATH = tempDbPath();
		const s = await startServerProcess({ DATABASE_PATH });
		try {
			const res = await fetch(`${s.url}/setup`, {
				method: 'POST',
				headers: {
					origin: s.url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					login: 'first',
					displayName: '第一位',
					password: 'first-organizer-1'
				}).toString(),
				redirect: 'manual'
			});
			expect(res.status).toBe(303);
			const cookie = res.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ');
			const events = await (await fetch(`${s.url}/events`, { headers: { cookie } })).text();
			expect(events).toContain('演示：');
		} finally {
			await s.kill();
		}
	});
});

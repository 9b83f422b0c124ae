/**
 * One process, one port: the built SvelteKit app over HTTP, Yjs rooms over WebSocket at /yjs/,
 * SQLite underneath. `startServer` is what `npm start`, the tests and the benchmarks run.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Db } from '#lib/server/storage/db.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import type { RoomRegistry } from './rooms.ts';
import { createRuntime } from './runtime.ts';
import { createUpgradeHandler, type Authorize } from './upgrade.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface RunningServer {
	port: number;
	url: string;
	db: Db;
	rooms: RoomRegistry;
	log: Logger;
	close(): Promise<void>;
}

async function loadAppHandler(log: Logger): Promise<Handler | null> {
	const path = join(ROOT, 'build', 'handler.js');
	if (!existsSync(path)) {
		log.warn('build/handler.js is missing: serving only /healthz and /yjs (run `npm run build`)');
		return null;
	}
	const mod = (await import(pathToFileURL(path).href)) as { handler: Handler };
	return mod.handler;
}

export async function startServer(
	config: Config,
	opts: { authorize?: Authorize; log?: Logger } = {}
): Promise<RunningServer> {
	const log = opts.log ?? createLogger(config.LOG_LEVEL);
	// adapter-node assumes https unless told otherwise, which would make SvelteKit's origin check
	// refuse every form post on plain http. Without a configured ORIGIN, the protocol comes from
	// X-Forwarded-Proto (a TLS proxy sets it) and defaults to this server's own, http.
	const ownsProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (config.ORIGIN) process.env.ORIGIN = config.ORIGIN;
	else if (ownsProtocol) process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
	const runtime = createRuntime(config, log);
	await runtime.ready;
	const { db, rooms } = runtime;
	const app = await loadAppHandler(log);

	const server = createServer((req, res) => {
		if (req.url === '/healthz') {
			// With REDIS_URL, an instance that cannot reach Redis serves stale rooms: take it out.
			const redis = runtime.fanout ? { redis: runtime.fanout.isReady() } : {};
			const ok = redis.redis !== false;
			res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok, ...redis }));
			return;
		}
		if (ownsProtocol && !req.headers['x-forwarded-proto'])
			req.headers['x-forwarded-proto'] = 'http';
		if (app) return app(req, res);
		res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('The web app is not built yet: run `npm run build`.\n');
	});
	const { handler: onUpgrade, wss } = createUpgradeHandler(
		{
			rooms,
			authorize: opts.authorize ?? runtime.authorize,
			log,
			maxFrameBytes: config.MAX_FRAME_BYTES,
			origin: config.ORIGIN
		},
		true
	);
	server.on('upgrade', onUpgrade);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.PORT, config.HOST, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
	const url = `http://${host}:${port}`;

	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			// server.close() waits for open sockets: store the rooms and cut the sockets first.
			await rooms.closeAll();
			wss.close();
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
			await runtime.close();
		})());
	return { port, url, db, rooms, log, close };
}

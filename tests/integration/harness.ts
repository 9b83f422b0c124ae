/**
 * Real parts for integration tests: the server as its own process on a random loopback port with
 * a temp SQLite file, and stock y-websocket clients in Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { request as httpRequest } from 'node:http';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Db } from '../../src/lib/server/storage/db.ts';
import { createSession } from '../../src/lib/server/auth.ts';
import {
	addMatch,
	addTeam,
	createEvent,
	markJoined,
	seatsOfMatch,
	type Role
} from '../../src/lib/server/events/events.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function tempDbPath(): string {
	return join(mkdtempSync(join(tmpdir(), 'xs-it-')), 'xieshang.db');
}

export interface ServerProcess {
	port: number;
	url: string;
	wsUrl: string;
	proc: ChildProcess;
	/** Log lines (parsed JSON) the server wrote so far. */
	logs: Record<string, unknown>[];
	kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(
	env: Record<string, string> & { DATABASE_PATH: string },
	port = 0
): Promise<ServerProcess> {
	const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		// Tests and benchmarks use scratch demo/* documents besides the one open demo table.
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			LOG_LEVEL: 'info',
			OPEN_DEMO_DOCS: '1',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: Record<string, unknown>[] = [];
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	const listening = new Promise<number>((resolve, reject) => {
		const rl = createInterface({ input: proc.stderr! });
		rl.on('line', (line) => {
			try {
				const entry = JSON.parse(line) as Record<string, unknown>;
				logs.push(entry);
				if (entry.msg === 'listening') resolve(Number(entry.port));
			} catch {
				logs.push({ raw: line });
			}
		});
		proc.once('exit', (code) =>
			reject(new Error(`server exited with ${code}: ${JSON.stringify(logs)}`))
		);
	});
	proc.stdout!.resume();
	const p = await listening;
	return {
		port: p,
		url: `http://127.0.0.1:${p}`,
		wsUrl: `ws://127.0.0.1:${p}/yjs`,
		proc,
		logs,
		async kill(signal: NodeJS.Signals = 'SIGTERM') {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
			await exited;
		}
	};
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** A stock y-websocket client; with `cookie`, its upgrade carries that session cookie. */
export function connectClient(
	wsUrl: string,
	docName: string,
	doc = new Y.Doc(),
	cookie?: string
): Client {
	const Socket = cookie
		? class extends WebSocket {
				constructor(url: string, protocols?: string | string[]) {
					super(url, protocols, { headers: { cookie } });
				}
			}
		: WebSocket;
	const provider = new WebsocketProvider(wsUrl, docName, doc, {
		WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		// A refused upgrade must not turn into a reconnect loop inside a test.
		maxBackoffTime: 60_000
	});
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(c: Client): Promise<void> {
	if (c.provider.synced) return Promise.resolve();
	return new Promise((resolve) => {
		const on = (isSynced: boolean) => {
			if (!isSynced) return;
			c.provider.off('sync', on);
			resolve();
		};
		c.provider.on('sync', on);
	});
}

/** Resolves once `check` holds for the doc, re-checking after every update. */
export function until(doc: Y.Doc, check: () => boolean, what = 'condition'): Promise<void> {
	if (check()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			doc.off('update', on);
			reject(new Error(`timed out waiting for ${what}`));
		}, 15_000);
		const on = () => {
			if (!check()) return;
			clearTimeout(timer);
			doc.off('update', on);
			resolve();
		};
		doc.on('update', on);
	});
}

/** A raw WebSocket for sending frames no well-behaved client would send. */
export function rawSocket(
	wsUrl: string,
	docName: string,
	headers: Record<string, string> = {}
): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${wsUrl}/${docName}`, { headers });
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
}

export function closeCode(ws: WebSocket): Promise<number> {
	return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** Sends a WebSocket upgrade request for a raw path (no URL normalisation) and returns the HTTP status. */
export function upgradeStatus(
	port: number,
	path: string,
	headers: Record<string, string> = {}
): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({
			host: '127.0.0.1',
			port,
			path,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
				...headers
			}
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			resolve(101);
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
		req.end();
	});
}

/** Resolves when the provider's `sync` event reports true again (after a reconnect). */
export function resynced(c: Client): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('client did not resync')), 20_000);
		const check = () => {
			if (c.provider.wsconnected && c.provider.synced) {
				clearTimeout(timer);
				c.provider.off('sync', check);
				resolve();
			}
		};
		c.provider.on('sync', check);
		check();
	});
}

/** Resolves once the provider has noticed that its socket is gone. */
export function disconnected(c: Client): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			if (!c.provider.wsconnected) {
				c.provider.off('status', check);
				resolve();
			}
		};
		c.provider.on('status', check);
		check();
	});
}

/** Scenario S1's agenda ids: what an offer of the whole draft proposes and an accept-all agrees. */
export const S1_TERMS = [
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

/**
 * One match of the shipped S1 case in a fresh event, three members a side: the table most
 * integration tests seat people at.
 */
export function seedMatch(
	db: Db,
	opts: {
		name: string;
		kind: 'training' | 'competition';
		organizerId: string | null;
		teams: [string, string];
	}
): { event: ReturnType<typeof createEvent>; matchId: string } {
	const event = createEvent(
		db,
		{ name: opts.name, kind: opts.kind, scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		opts.organizerId
	);
	const [labour, management] = opts.teams.map((name) => addTeam(db, event.id, { name }).id);
	return { event, matchId: addMatch(db, event, 1, labour!, management!).id };
}

/**
 * Seats someone in each of `roles` at a match (named after the role) and returns each seat's
 * session cookie, as a browser holds it after following the join link.
 */
export function seatCookies<R extends Role>(
	db: Db,
	matchId: string,
	roles: readonly R[]
): Record<R, string> {
	const out = {} as Record<R, string>;
	for (const role of roles) {
		const seat = seatsOfMatch(db, matchId).find((s) => s.role === role && s.revokedAt === null);
		if (!seat) throw new Error(`no open ${role} seat at match ${matchId}`);
		markJoined(db, seat.id, role);
		out[role] = `xs_session=${createSession(db, { seatId: seat.id, displayName: role }).token}`;
	}
	return out;
}

/** A formal act as a browser at the table sends it: JSON POST to /api/match/<id><path>, same origin. */
export async function postMatchAct(
	server: Pick<ServerProcess, 'url'>,
	matchId: string,
	path: string,
	cookie: string,
	body: unknown = {}
): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(`${server.url}/api/match/${matchId}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, origin: server.url },
		body: JSON.stringify(body)
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

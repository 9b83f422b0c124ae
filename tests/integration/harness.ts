/**
 * Real parts for integration tests: the server as its own process on a random loopback port with
 * a temp SQLite file, and stock y-websocket clients in Node.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { request as httpRequest } from 'node:http';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { freshSchemaOf } from '../services/postgres.ts';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { openSql, sqlOnSqliteHandle, type Sql, type SqlDb } from '../../src/lib/server/sql/open.ts';
import { migrateSql } from '../../src/lib/server/sql/migrations.ts';
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

/**
 * The engine the relational data of this run's servers lives on: the `integration` project runs
 * on SQLite, `integration-pg` runs the storage-heavy files again with XS_TEST_ENGINE=postgres on
 * one PostgreSQL per run (tests/integration/postgres-setup.ts), a fresh schema per test file.
 */
export type TestEngine = 'sqlite' | 'postgres';
export const TEST_ENGINE: TestEngine =
	process.env.XS_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
	engine: TestEngine;
	/** What a server process of this test gets: its SQLite file (documents), and DATABASE_URL on PostgreSQL. */
	env: { DATABASE_PATH: string; DATABASE_URL?: string };
	/** The test's own handle on the same relational data, migrated. */
	sql: Sql;
	db: SqlDb;
	close(): Promise<void>;
}

let schemas = 0;

/** A fresh database for one test file on this run's engine (or `engine`). */
export async function testDatabase(engine: TestEngine = TEST_ENGINE): Promise<TestDatabase> {
	const DATABASE_PATH = tempDbPath();
	let s: Sql;
	let env: TestDatabase['env'];
	if (engine === 'postgres') {
		const url = inject('postgresUrl' as never) as string | undefined;
		if (!url) throw new Error('no test PostgreSQL: run the integration-pg project');
		const DATABASE_URL = await freshSchemaOf(
			url,
			`t_${process.pid}_${++schemas}_${Date.now().toString(36)}`
		);
		s = openSql({ engine: 'postgres', url: DATABASE_URL, poolSize: 4 });
		env = { DATABASE_PATH, DATABASE_URL };
	} else {
		// As the server opens it: the user_version migrations first, then the query layer's.
		const file = openDatabase(DATABASE_PATH);
		const inner = sqlOnSqliteHandle(file);
		s = {
			...inner,
			close: async () => {
				await inner.close();
				file.close();
			}
		};
		env = { DATABASE_PATH };
	}
	await migrateSql(s);
	return { engine, env, sql: s, db: s.db, close: () => s.close() };
}

/** Rows of a raw query written with `?` placeholders, on either engine (test assertions only). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows in assertions, any shape
export async function rowsOf<T = Record<string, any>>(
	db: SqlDb,
	text: string,
	...params: unknown[]
): Promise<T[]> {
	const parts = text.split('?');
	const q = sql.join(
		parts.map((p, i) => (i < params.length ? sql`${sql.raw(p)}${params[i]}` : sql.raw(p))),
		sql.raw('')
	);
	return (await q.execute(db)).rows as T[];
}

/** The first row of a raw query (undefined when none). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows in assertions, any shape
export async function rowOf<T = Record<string, any>>(
	db: SqlDb,
	text: string,
	...params: unknown[]
): Promise<T | undefined> {
	return (await rowsOf<T>(db, text, ...params))[0];
}

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
	env: Record<string, string | undefined> & { DATABASE_PATH: string },
	port = 0,
	/** Extra Node flags (benchmarks: a CPU profile). */
	nodeArgs: string[] = []
): Promise<ServerProcess> {
	const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/index.ts'], {
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
	const release = oneExitListener(provider);
	return {
		doc,
		provider,
		destroy() {
			release();
			provider.destroy();
			doc.destroy();
		}
	};
}

/**
 * y-websocket adds a process 'exit' listener per provider (to clear its awareness), so a test or
 * bench with more than ten clients trips MaxListenersExceededWarning. Each client's handler moves
 * into one set that a single listener runs at exit; `release` forgets it when the client closes.
 */
const exitHandlers = new Set<() => void>();
let exitGuarded = false;
function oneExitListener(provider: WebsocketProvider): () => void {
	const handler = (provider as unknown as { _exitHandler?: () => void })._exitHandler;
	if (!handler) return () => {};
	process.off('exit', handler);
	exitHandlers.add(handler);
	if (!exitGuarded) {
		exitGuarded = true;
		process.once('exit', () => {
			for (const h of exitHandlers) h();
		});
	}
	return () => exitHandlers.delete(handler);
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
export async function seedMatch(
	db: SqlDb,
	opts: {
		name: string;
		kind: 'training' | 'competition';
		organizerId: string | null;
		teams: [string, string];
	}
): Promise<{ event: Awaited<ReturnType<typeof createEvent>>; matchId: string }> {
	const event = await createEvent(
		db,
		{ name: opts.name, kind: opts.kind, scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
		opts.organizerId
	);
	const labour = (await addTeam(db, event.id, { name: opts.teams[0] })).id;
	const management = (await addTeam(db, event.id, { name: opts.teams[1] })).id;
	return { event, matchId: (await addMatch(db, event, 1, labour, management)).id };
}

/**
 * Seats someone in each of `roles` at a match (named after the role) and returns each seat's
 * session cookie, as a browser holds it after following the join link.
 */
export async function seatCookies<R extends Role>(
	db: SqlDb,
	matchId: string,
	roles: readonly R[]
): Promise<Record<R, string>> {
	const out = {} as Record<R, string>;
	for (const role of roles) {
		const seat = (await seatsOfMatch(db, matchId)).find(
			(s) => s.role === role && s.revokedAt === null
		);
		if (!seat) throw new Error(`no open ${role} seat at match ${matchId}`);
		await markJoined(db, seat.id, role);
		out[role] =
			`xs_session=${(await createSession(db, { seatId: seat.id, displayName: role })).token}`;
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

/** A page as a browser holding `cookie` (none: a visitor) asks for it; redirects not followed. */
export function getAs(
	server: Pick<ServerProcess, 'url'>,
	path: string,
	cookie?: string
): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual'
	});
}

/** A browser's plain form POST (not SvelteKit's enhanced one, which answers JSON), same origin. */
export function postForm(
	server: Pick<ServerProcess, 'url'>,
	path: string,
	cookie: string | undefined,
	form: Record<string, string> = {}
): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(form).toString()
	});
}

/** `xs ARGS` on the SQLite file `databasePath`, as an operator's shell runs it (K13). */
export async function runXs(
	databasePath: string,
	args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const r = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', 'server/cli.ts', ...args],
			{
				cwd: ROOT,
				env: { ...process.env, DATABASE_PATH: databasePath, DATABASE_URL: '', XS_LOCALE: '' }
			}
		);
		return { code: 0, stdout: r.stdout, stderr: r.stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}

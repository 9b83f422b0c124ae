/**
 * The per-process parts shared by the production server and `vite dev`: database, document
 * store, room registry, authorization and the services handed to the SvelteKit routes.
 */
import { openDatabase, type Db } from '#lib/server/storage/db.ts';
import { startCheckpointer } from '#lib/server/storage/checkpointer.ts';
import { MemoryDocStore, SqliteDocStore, type DocStore } from '#lib/server/storage/doc-store.ts';
import { PostgresDocStore } from '#lib/server/storage/doc-store-pg.ts';
import pg from 'pg';
import { provideServices } from '#lib/server/services.ts';
import { openSql, sqlOnSqliteHandle, type Sql, type SqlDb } from '#lib/server/sql/open.ts';
import { sql as rawSql } from 'kysely';
import { migrateSql } from '#lib/server/sql/migrations.ts';
import { readCookie, SESSION_COOKIE } from '#lib/server/auth.ts';
import {
	docAccess,
	parseDocName,
	principalFor,
	subjectsOf,
	type Principal
} from '#lib/server/access.ts';
import { DEMO_DOC_NAME } from '#lib/collab/demo.ts';
import { getMatch, isTableClosed } from '#lib/server/events/events.ts';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '#lib/server/rate-limit.ts';
import { formalRepair } from '#lib/server/negotiation/negotiation.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { RoomRegistry, type Identity } from './rooms.ts';
import { RedisFanout } from './fanout-redis.ts';
import { createTemplates } from './templates.ts';
import { warmPinnedCases } from '#lib/server/cases/resolve.ts';
import type { Authorize } from './upgrade.ts';

export interface Runtime {
	/** The SQLite handle of the document store (and, without DATABASE_URL, of the relational data). */
	db: Db;
	/** The one query layer: every relational read and write (SQLite, or PostgreSQL by DATABASE_URL). */
	sql: Sql;
	/** Resolves once the query layer's migrations have run; nothing is served before. */
	ready: Promise<void>;
	store: DocStore;
	rooms: RoomRegistry;
	authorize: Authorize;
	/** What `/healthz` reports: each dependency's reachability. */
	health(): Promise<Health>;
	/** The link to the other instances (REDIS_URL), or null for one instance. */
	fanout: RedisFanout | null;
	close(): Promise<void>;
}

/** `/healthz`'s answer: ok only when every check is "ok"; a failed check holds its error. */
export type Health = { ok: boolean } & Record<string, string | boolean>;

/**
 * The dependencies `/healthz` checks, by name; each resolves "ok" or throws. The database is
 * checked here; another (Redis, for several instances) adds its own entry.
 */
export type HealthChecks = Record<string, () => Promise<unknown>>;

export async function checkHealth(checks: HealthChecks, timeoutMs = 2000): Promise<Health> {
	const out: Health = { ok: true };
	for (const [name, check] of Object.entries(checks)) {
		let timer: NodeJS.Timeout | undefined;
		try {
			await Promise.race([
				check(),
				new Promise((_, reject) => {
					timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
				})
			]);
			out[name] = 'ok';
		} catch (e) {
			out.ok = false;
			out[name] = `error: ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			clearTimeout(timer);
		}
	}
	return out;
}

/** Cookie session + doc name → none / read / write, decided by src/lib/server/access.ts. */
export function createAuthorize(
	db: SqlDb,
	opts: { openDemoDocs?: boolean; demoTable?: boolean } = {}
): Authorize {
	const { openDemoDocs = false, demoTable = true } = opts;
	// Awaited before handleUpgrade (upgrade.ts): a refused client never receives a byte.
	return async (req, docName) => {
		// With the demo off (XS_DEMO=0), the home page's open table is closed too: it is the one
		// document anyone who can reach the server may write.
		if (docName === DEMO_DOC_NAME && !demoTable && !openDemoDocs) return { access: 'none' };
		const p = await principalFor(db, readCookie(req.headers.cookie, SESSION_COOKIE));
		return {
			access: await docAccess(db, p, docName, { openDemoDocs }),
			subjects: subjectsOf(p),
			expiresAt: p.session?.expiresAt ?? null,
			identity: identityOf(p)
		};
	};
}

/** What a connection's presence shows: its seat's person and role, or the organizer's name. */
function identityOf(p: Principal): Identity | null {
	// The name this browser joined the seat with (two people may share a member seat).
	if (p.seat)
		return { name: p.session?.displayName ?? p.seat.personName ?? null, role: p.seat.role };
	if (p.user) return { name: p.user.displayName, role: 'organizer' };
	return null;
}

export function createRuntime(config: Config, log: Logger): Runtime {
	// The document store stays on the SQLite file; the relational data follows DATABASE_URL.
	const db = openDatabase(config.DATABASE_PATH);
	// The WAL is checkpointed in a worker thread: its syncs never stall the rooms (checkpointer.ts).
	const checkpointer = db.memory
		? null
		: startCheckpointer(db, {
				onError: (err) => log.warn('WAL checkpoint failed', { err })
			});
	const sql = config.DATABASE_URL
		? openSql({ engine: 'postgres', url: config.DATABASE_URL })
		: sqlOnSqliteHandle(db);
	// Documents in PostgreSQL when DATABASE_URL is set: every instance reads and appends the same log.
	const pool = config.DATABASE_URL ? new pg.Pool({ connectionString: config.DATABASE_URL }) : null;
	// An idle client losing its server emits 'error' on the pool; unhandled it would end the process.
	pool?.on('error', (err) => log.warn('postgresql connection lost', { err: String(err) }));
	const fanout = config.REDIS_URL
		? new RedisFanout({
				url: config.REDIS_URL,
				onError: (what, err) => log.warn('redis', { what, err: String(err) })
			})
		: null;
	const ready = Promise.all([
		// Case versions events are pinned to are loaded before anything is served (K8).
		migrateSql(sql).then(() => warmPinnedCases(sql.db)),
		pool && PostgresDocStore.ensureSchema(pool),
		fanout?.ready()
	]).then(() => undefined);
	const store: DocStore = pool
		? PostgresDocStore.onPool(pool)
		: config.STORAGE === 'memory'
			? new MemoryDocStore()
			: new SqliteDocStore(db);
	const rooms = new RoomRegistry({
		store,
		log,
		templates: createTemplates(sql.db),
		compactThreshold: config.COMPACT_THRESHOLD,
		unloadAfterMs: config.ROOM_UNLOAD_MS,
		maxDepth: config.MAX_DOC_DEPTH,
		maxDocBytes: config.MAX_DOC_BYTES,
		maxHistoryBytes: config.MAX_HISTORY_BYTES,
		fanout,
		limits: {
			messagesPerSecond: config.MAX_MESSAGES_PER_S,
			bytesPerSecond: config.MAX_BYTES_PER_S,
			queuedBytes: config.MAX_QUEUED_BYTES,
			maxFrameBytes: config.MAX_FRAME_BYTES
		},
		keepsHistory: (name) => parseDocName(name)?.kind === 'table',
		// Read before the room loads (Room.load awaits it), so a closed table never takes a write.
		isFrozen: async (name) => {
			const ref = parseDocName(name);
			return ref?.kind === 'table' && isTableClosed((await getMatch(sql.db, ref.matchId))?.status);
		},
		// The rows are the truth: a formal document that missed an act (a crash right after it was
		// stored) is rewritten from them when it loads.
		repair: (name, doc) => {
			const ref = parseDocName(name);
			return ref?.kind === 'formal' ? formalRepair(sql.db, ref.matchId, doc) : null;
		}
	});
	// Ten-minute windows, counted in Redis when instances share the work: every instance sees one count.
	const limiter = (name: string, max: number): RateLimiter =>
		fanout
			? new RedisRateLimiter(fanout.commands, name, max, 10 * 60_000)
			: new MemoryRateLimiter(max, 10 * 60_000);
	provideServices({
		sql,
		demoTable: config.XS_DEMO === '1' || config.OPEN_DEMO_DOCS === '1',
		disconnectSubject: (s) => rooms.disconnectSubject(s),
		freezeDoc: (d, frozen) => rooms.freeze(d, frozen),
		readDoc: (d, read) => rooms.readDoc(d, read),
		exclusiveDoc: (d, task) => rooms.exclusive(d, task),
		changeDoc: (d, change) => rooms.changeDoc(d, change),
		docHistory: (d) => rooms.history(d),
		limits: {
			// Per IP and per login / per code: a classroom of 100 joining behind one NAT fits.
			loginPerIp: limiter('loginPerIp', 30),
			loginPerAccount: limiter('loginPerAccount', 10),
			joinPerIp: limiter('joinPerIp', 300),
			joinPerCode: limiter('joinPerCode', 120),
			// Server-wide, failures only (see seatFromCode): what bounds guessing from many addresses.
			shortCodeFailures: limiter('shortCodeFailures', 200),
			shortCodeFailuresPerIp: limiter('shortCodeFailuresPerIp', 20)
		}
	});
	return {
		db,
		sql,
		ready,
		store,
		rooms,
		authorize: createAuthorize(sql.db, {
			openDemoDocs: config.OPEN_DEMO_DOCS === '1',
			demoTable: config.XS_DEMO === '1'
		}),
		health: () =>
			checkHealth({
				database: () => rawSql`SELECT 1`.execute(sql.db),
				...(fanout
					? {
							redis: async () => {
								if (!fanout.isReady()) throw new Error('not connected');
							}
						}
					: {})
			}),
		fanout,
		async close() {
			await rooms.closeAll();
			await fanout?.close();
			await store.close();
			await pool?.end();
			await sql.close();
			// Last, so the server's connection is the one that folds the WAL in when it closes.
			await checkpointer?.close();
			db.close();
		}
	};
}

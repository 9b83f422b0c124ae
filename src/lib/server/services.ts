/**
 * The per-process services (database, room registry…) that `server/` creates once and hands to
 * the SvelteKit routes. The built SvelteKit bundle is a separate module graph from server/, so a
 * module-level singleton here would be a second copy: the hand-over goes through one global slot.
 */
import type * as Y from 'yjs';
import type { RateLimiter } from './rate-limit.ts';
import type { Sql } from './sql/open.ts';

export interface Services {
	/**
	 * The one query layer (Kysely): every relational query, as `services().sql.db`; SQLite by
	 * default, PostgreSQL when DATABASE_URL is set (issue 12).
	 */
	sql: Sql;
	/** Whether the home page's open demo table is served (XS_DEMO=1); closed, it is not shown either. */
	demoTable: boolean;
	/** Closes every live connection of a subject (session or seat) when its access ends. */
	disconnectSubject(subject: string): number;
	/** Freezes (or with `false` unfreezes) a document's room; see Rooms.freeze. */
	freezeDoc(docName: string, frozen?: boolean): void;
	/** Reads a live document (the server's copy is the authoritative draft). */
	readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
	/**
	 * Runs `task` while the document takes no update, with `freeze` to make it read-only from
	 * that instant (Rooms.exclusive): what the task reads is what gets frozen.
	 */
	exclusiveDoc<T>(
		docName: string,
		task: (doc: Y.Doc, freeze: () => void) => T | Promise<T>
	): Promise<T>;
	/** Changes a document as the server (mirroring formal acts); stored before it is relayed. */
	changeDoc(docName: string, change: (doc: Y.Doc) => void): Promise<void>;
	/** Timed updates of a document kept for replay. */
	docHistory(docName: string): Promise<{ at: number; data: Uint8Array }[]>;
	limits: {
		loginPerIp: RateLimiter;
		loginPerAccount: RateLimiter;
		joinPerIp: RateLimiter;
		joinPerCode: RateLimiter;
		/** Failed short-code lookups, server-wide (one key): bounds guessing from many addresses. */
		shortCodeFailures: RateLimiter;
		/** Failed short-code lookups per address: its share of the server-wide budget. */
		shortCodeFailuresPerIp: RateLimiter;
	};
}

const SLOT = Symbol.for('xieshang.services');
type Slot = { [SLOT]?: Services };

export function provideServices(s: Services): void {
	(globalThis as Slot)[SLOT] = s;
}

export function services(): Services {
	const s = (globalThis as Slot)[SLOT];
	if (!s)
		throw new Error('server services are not initialised: start the app through server/index.ts');
	return s;
}

/**
 * WAL checkpoints off the event loop. SQLite checkpoints by itself inside the commit that takes
 * the WAL past 1,000 pages, on the connection that commits: for the server that is the event loop,
 * and under `synchronous=NORMAL` a checkpoint syncs the WAL and the database file. Measured on
 * this machine at 800 appends/s (100 rooms × 4 clients at 2 edits/s) that was a 20–40 ms stall
 * every 0.4 s, during which no room of the process answered: the tail of the sync latency.
 *
 * Here the server's connection never checkpoints (`wal_autocheckpoint = 0`); a worker thread with
 * its own connection to the same file does, every `intervalMs`, PASSIVE: it copies what it can
 * while the server keeps committing, and the syncs happen in the worker. A WAL starts again from
 * its beginning only when a commit finds it wholly copied, which a busy server never lets happen
 * (it commits while the copy runs); so once the WAL holds `restartFrames` pages the worker follows
 * with RESTART, which waits for the server's current commit, copies the few frames written
 * meanwhile and has the next commit start the WAL afresh: the file stays bounded. A commit that
 * arrives during that short second step waits for it (the connection's busy timeout).
 *
 * Commits are as durable as before: checkpointing moves committed pages into the database file and
 * never decides what is committed. If the worker fails, the server's connection checkpoints by
 * itself again.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './db.ts';

/** SQLite's own default, restored when the worker is gone. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export interface Checkpointer {
	/** Stops the worker and closes its connection (before the server's own connection closes). */
	close(): Promise<void>;
}

/** CommonJS, evaluated in the worker: no TypeScript loader is needed there. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
	try {
		const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
		if (passive.log >= workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
		parentPort.postMessage('checkpointed');
	} catch (err) {
		parentPort.postMessage('failed: ' + (err && err.message));
	}
}, workerData.intervalMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

export function startCheckpointer(
	db: Db,
	opts: {
		intervalMs?: number;
		/** WAL pages (4 KiB each) above which a checkpoint also restarts the WAL. */
		restartFrames?: number;
		/** A checkpoint failed (reported, not fatal: the next one retries). */
		onError?: (message: string) => void;
		/** Each completed checkpoint (tests). */
		onCheckpoint?: () => void;
	} = {}
): Checkpointer {
	const {
		intervalMs = 1000,
		restartFrames = 8192,
		onError = () => {},
		onCheckpoint = () => {}
	} = opts;
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { driver, path: db.name, intervalMs, restartFrames }
	});
	// A checkpointer must never keep a finished process alive.
	worker.unref();
	db.pragma('wal_autocheckpoint = 0');
	let closing = false;
	const fallBack = () => {
		if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
	};
	worker.on('message', (m: string) => (m === 'checkpointed' ? onCheckpoint() : onError(m)));
	worker.on('error', (err) => {
		onError(String(err));
		fallBack();
	});
	const exited = new Promise<void>((resolve) =>
		worker.once('exit', () => {
			if (!closing) fallBack();
			resolve();
		})
	);
	return {
		async close() {
			if (closing) return exited;
			closing = true;
			// Held until it has closed its connection, so the server's closes last.
			worker.ref();
			worker.postMessage('stop');
			await exited;
			fallBack();
		}
	};
}

import { mkdtempSync, openSync, readSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.ts';
import { startCheckpointer } from './checkpointer.ts';

/** The WAL header's checkpoint sequence number: it grows each time the WAL starts afresh. */
function walGeneration(path: string): number {
	const fd = openSync(`${path}-wal`, 'r');
	try {
		const header = Buffer.alloc(16);
		readSync(fd, header, 0, 16, 0);
		return header.readUInt32BE(12);
	} finally {
		closeSync(fd);
	}
}

describe('WAL checkpoints in a worker thread', () => {
	it('[Y60] the server connection never checkpoints, yet a WAL written without pause starts afresh', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'xs-ckpt-')), 'test.db');
		const db = openDatabase(path);
		let checkpoints = 0;
		const ckpt = startCheckpointer(db, {
			intervalMs: 20,
			// About 50 commits of this table (about 2 pages each).
			restartFrames: 100,
			onCheckpoint: () => checkpoints++
		});
		try {
			expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
			const insert = db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)');
			const commit = (i: number) => insert.run(`demo/room-${i % 50}`, i, Buffer.alloc(40, i));
			commit(0);
			const first = walGeneration(path);
			// A server that never pauses: commits back to back on this thread while the worker
			// checkpoints on its own thread. Bounded at 5 s of commits, far more than the ~30 commits
			// between two restarts.
			const until = performance.now() + 5000;
			for (let i = 1; walGeneration(path) === first && performance.now() < until; i++) {
				for (let j = 0; j < 20; j++) commit(i * 20 + j);
			}
			expect(walGeneration(path)).toBeGreaterThan(first);
			// The worker's reports wait for this thread to be free.
			await new Promise((r) => setTimeout(r, 100));
			expect(checkpoints).toBeGreaterThan(0);
		} finally {
			await ckpt.close();
		}
		// The worker gone, the connection checkpoints by itself again (SQLite's default).
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
		db.close();
	});
});

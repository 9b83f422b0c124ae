/**
 * The contract every DocStore implementation must pass (SQLite, PostgreSQL, memory). Call it
 * from a test file with a factory that returns a fresh, empty store.
 */
import { describe, expect, it } from 'vitest';
import type { DocStore } from './doc-store.ts';

const bytes = (...xs: number[]) => new Uint8Array(xs);

interface Fixture {
	store: DocStore;
	/** Reopens the same storage; only durable implementations provide it. */
	reopen?: () => Promise<DocStore>;
	/** A second handle on the same storage, as another instance would hold; durable stores provide it. */
	peer?: () => Promise<DocStore>;
}

export function docStoreContract(name: string, fresh: () => Promise<Fixture>, isDurable: boolean) {
	describe(`DocStore contract: ${name}`, () => {
		it('reports a document it never saw as missing', async () => {
			const { store } = await fresh();
			expect(await store.load('never/seen')).toBeNull();
		});

		it('creates a document once, with its initial content, and refuses a second create', async () => {
			const { store } = await fresh();
			expect(await store.create('a', bytes(1, 2, 3))).toBe(true);
			expect(await store.create('a', bytes(9))).toBe(false);
			const loaded = await store.load('a');
			expect(loaded?.snapshot).toEqual(bytes(1, 2, 3));
			expect(loaded?.updates).toEqual([]);
		});

		it('creates an empty document without a snapshot', async () => {
			const { store } = await fresh();
			expect(await store.create('empty', null)).toBe(true);
			expect(await store.load('empty')).toEqual({ snapshot: null, updates: [] });
		});

		it('returns appended updates in order with increasing sequence numbers', async () => {
			const { store } = await fresh();
			const s1 = await store.append('d', bytes(1));
			const s2 = await store.append('d', bytes(2));
			const s3 = await store.append('d', bytes(3));
			expect(s1).toBeLessThan(s2);
			expect(s2).toBeLessThan(s3);
			const loaded = await store.load('d');
			expect(loaded?.updates.map((u) => [...u.data])).toEqual([[1], [2], [3]]);
		});

		it('keeps documents apart', async () => {
			const { store } = await fresh();
			await store.append('x', bytes(1));
			await store.append('y', bytes(2));
			expect((await store.load('x'))?.updates.map((u) => [...u.data])).toEqual([[1]]);
			expect((await store.load('y'))?.updates.map((u) => [...u.data])).toEqual([[2]]);
		});

		it('compaction replaces the snapshot and drops exactly the updates it covers', async () => {
			const { store } = await fresh();
			await store.create('c', bytes(0));
			await store.append('c', bytes(1));
			const s2 = await store.append('c', bytes(2));
			await store.append('c', bytes(3));
			await store.compact('c', bytes(7, 7), s2);
			const loaded = await store.load('c');
			expect(loaded?.snapshot).toEqual(bytes(7, 7));
			expect(loaded?.updates.map((u) => [...u.data])).toEqual([[3]]);
		});

		it('keeps the history of updates appended with keepHistory, through compaction', async () => {
			const { store } = await fresh();
			await store.append('h', bytes(1), true);
			await store.append('h', bytes(2));
			const s3 = await store.append('h', bytes(3), true);
			await store.compact('h', bytes(9), s3);
			const h = await store.history('h');
			expect(h.map((x) => [...x.data])).toEqual([[1], [3]]);
			expect(h.every((x) => typeof x.at === 'number' && x.at > 0)).toBe(true);
			expect(await store.history('other')).toEqual([]);
			// Bytes 1 and 3: the quota on history counts what is kept, not what was compacted away.
			expect(await store.historyBytes('h')).toBe(2);
			expect(await store.historyBytes('other')).toBe(0);
		});

		it('does not let a caller mutate stored bytes through the array it appended', async () => {
			const { store } = await fresh();
			const u = bytes(5, 5);
			await store.append('m', u);
			u[0] = 9;
			expect((await store.load('m'))?.updates[0]?.data).toEqual(bytes(5, 5));
		});

		// The in-memory store promises no durability, so it does not claim this part of the contract.
		if (!isDurable) return;
		it('keeps everything across a reopen', async () => {
			const { store, reopen } = await fresh();
			if (!reopen) throw new Error('a durable store fixture must provide reopen()');
			await store.create('r', bytes(1));
			await store.append('r', bytes(2));
			await store.close();
			const again = await reopen();
			const loaded = await again.load('r');
			expect(loaded?.snapshot).toEqual(bytes(1));
			expect(loaded?.updates.map((u) => [...u.data])).toEqual([[2]]);
		});

		it('makes an update readable through another handle on the same storage once append resolves', async () => {
			const { store, peer } = await fresh();
			if (!peer) throw new Error('a durable store fixture must provide peer()');
			const other = await peer();
			// Durable before visible: whoever relays it next may read it from any handle, at once.
			for (let i = 1; i <= 20; i++) {
				await store.append('v', bytes(i));
				expect((await other.load('v'))?.updates.at(-1)?.data).toEqual(bytes(i));
			}
		});

		it('compaction keeps an update another handle appended after the sequence it covers', async () => {
			const { store, peer } = await fresh();
			if (!peer) throw new Error('a durable store fixture must provide peer()');
			const other = await peer();
			const s1 = await store.append('k', bytes(1));
			await other.append('k', bytes(2));
			await store.compact('k', bytes(1, 1), s1);
			const loaded = await other.load('k');
			expect(loaded?.snapshot).toEqual(bytes(1, 1));
			expect(loaded?.updates.map((u) => [...u.data])).toEqual([[2]]);
		});
	});
}

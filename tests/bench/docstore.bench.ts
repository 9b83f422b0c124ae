/**
 * `npm run bench -- docstore`: what "durable before visible" costs per update on each DocStore
 * engine. One append is what a room waits for before it relays an update. Measures, on SQLite
 * (WAL, synchronous=NORMAL, as db.ts opens it) and on a PostgreSQL started for the run (with fsync,
 * as in production, and without, which like SQLite's NORMAL survives a killed process but not a
 * power cut): append latency one at a time (p50/p99, ms), appends/s with 100 rooms appending at
 * once, and the time to load a document of 500 logged updates. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/storage/db.ts';
import { SqliteDocStore, type DocStore } from '../../src/lib/server/storage/doc-store.ts';
import { PostgresDocStore } from '../../src/lib/server/storage/doc-store-pg.ts';
import { startPostgres } from '../services/postgres.ts';

const update = new Uint8Array(40).fill(7);
const ms = (x: number) => Math.round(x * 1000) / 1000;
const pct = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function measure(store: DocStore) {
	const single: number[] = [];
	for (let i = 0; i < 1000; i++) {
		const t0 = performance.now();
		await store.append(`bench/single-${i % 10}`, update);
		single.push(performance.now() - t0);
	}
	const rounds = 20;
	const t0 = performance.now();
	for (let r = 0; r < rounds; r++)
		await Promise.all(
			Array.from({ length: 100 }, (_, i) => store.append(`bench/room-${i}`, update))
		);
	const perSecond = Math.round((rounds * 100) / ((performance.now() - t0) / 1000));
	for (let i = 0; i < 500; i++) await store.append('bench/load', update);
	const loads: number[] = [];
	for (let i = 0; i < 20; i++) {
		const t1 = performance.now();
		await store.load('bench/load');
		loads.push(performance.now() - t1);
	}
	return {
		appendP50: ms(pct(single, 0.5)),
		appendP99: ms(pct(single, 0.99)),
		concurrentAppendsPerS: perSecond,
		load500P50: ms(pct(loads, 0.5))
	};
}

export async function run(): Promise<void> {
	const out: Record<string, unknown> = { bench: 'docstore' };
	const dir = mkdtempSync(join(tmpdir(), 'xs-bench-'));
	const db = openDatabase(join(dir, 'bench.db'));
	console.error('sqlite…');
	out.sqlite = await measure(new SqliteDocStore(db));
	db.close();
	rmSync(dir, { recursive: true, force: true });
	for (const fsync of [true, false]) {
		console.error(`postgresql fsync=${fsync}…`);
		const pg = await startPostgres({ fsync });
		try {
			const store = await PostgresDocStore.open(await pg.freshSchema(), 10);
			out[fsync ? 'postgres' : 'postgresNoFsync'] = await measure(store);
			await store.close();
		} finally {
			await pg.stop();
		}
	}
	console.log(JSON.stringify(out));
}

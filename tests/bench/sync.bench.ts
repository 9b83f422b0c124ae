/**
 * Fan-out latency of the room server: R rooms × C stock y-websocket clients, each client editing
 * at a fixed rate; latency is the time from an edit to its arrival at every other client in the
 * room. The server runs as its own process (the built app); the clients run in worker threads
 * so that the measuring side is not the bottleneck on a 2-core machine.
 *
 *   npm run bench -- sync [--rooms 100] [--clients 6] [--rate 2] [--seconds 30]
 *                         [--storage sqlite|memory] [--workers 2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startServerProcess, tempDbPath } from '../integration/harness.ts';
import type { WorkerInput, WorkerResult } from './sync-clients.ts';

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, i)]!;
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
	const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
	return Math.round((kb / 1024) * 10) / 10;
}

/** Node 20 does not carry tsx's loader into a worker's entry module: register it there first. */
function startWorker(input: WorkerInput): Worker {
	const tsx = import.meta.resolve('tsx/esm/api');
	const entry = new URL('./sync-clients.ts', import.meta.url).href;
	const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
	return new Worker(code, { eval: true, workerData: input });
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function run(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			rooms: { type: 'string', default: '100' },
			clients: { type: 'string', default: '6' },
			rate: { type: 'string', default: '2' },
			seconds: { type: 'string', default: '30' },
			storage: { type: 'string', default: 'sqlite' },
			workers: { type: 'string', default: '2' }
		}
	});
	const R = Number(values.rooms);
	const C = Number(values.clients);
	const W = Math.max(1, Math.min(Number(values.workers), R));
	const storage = values.storage === 'memory' ? 'memory' : 'sqlite';
	const seconds = Number(values.seconds);

	const server = await startServerProcess({
		DATABASE_PATH: tempDbPath(),
		STORAGE: storage,
		LOG_LEVEL: 'warn'
	});
	try {
		const workers: { worker: Worker; ready: Promise<void>; result: Promise<WorkerResult> }[] = [];
		for (let w = 0; w < W; w++) {
			const firstRoom = Math.floor((w * R) / W);
			const input: WorkerInput = {
				wsUrl: server.wsUrl,
				firstRoom,
				rooms: Math.floor(((w + 1) * R) / W) - firstRoom,
				clients: C,
				rate: Number(values.rate),
				seconds
			};
			const worker = startWorker(input);
			let onReady!: () => void;
			const ready = new Promise<void>((r) => (onReady = r));
			const result = new Promise<WorkerResult>((resolve, reject) => {
				worker.on('message', (m: { type: string; result?: WorkerResult }) => {
					if (m.type === 'ready') onReady();
					if (m.type === 'result') resolve(m.result!);
				});
				worker.once('error', reject);
			});
			workers.push({ worker, ready, result });
		}
		await Promise.all(workers.map((w) => w.ready));
		process.stderr.write(
			`sync bench: ${R * C} clients in ${W} threads, storage=${storage}, running ${seconds}s\n`
		);
		const cpu0 = cpuSeconds(server.proc.pid!);
		workers.forEach((w) => w.worker.postMessage('go'));
		const results = await Promise.all(workers.map((w) => w.result));
		const serverCpu = cpuSeconds(server.proc.pid!) - cpu0;
		const rss = rssMiB(server.proc.pid!);
		await Promise.all(workers.map((w) => w.worker.terminate()));

		const merged = (pick: (r: (typeof results)[number]) => Float64Array) => {
			const out = new Float64Array(results.reduce((n, r) => n + pick(r).length, 0));
			let at = 0;
			for (const r of results) {
				out.set(pick(r), at);
				at += pick(r).length;
			}
			return out.sort();
		};
		const all = merged((r) => r.latencies);
		const perDelivery = merged((r) => r.deliveryLatencies);
		const edits = results.reduce((n, r) => n + r.edits, 0);
		const deliveries = results.reduce((n, r) => n + r.deliveries, 0);
		// The run includes the 2 s drain after the last edit.
		const wall = seconds + 2;
		console.log(
			JSON.stringify({
				bench: 'sync',
				storage,
				rooms: R,
				clientsPerRoom: C,
				editsPerSecondPerClient: Number(values.rate),
				seconds,
				clientThreads: W,
				editsSent: edits,
				deliveries,
				missedDeliveries: edits * (C - 1) - deliveries,
				// Edits some other client never received.
				incompleteEdits: edits - all.length,
				// Per edit: from the edit to its arrival at every other client in the room.
				latencyMs: {
					p50: round(percentile(all, 50)),
					p95: round(percentile(all, 95)),
					p99: round(percentile(all, 99)),
					max: round(all.at(-1) ?? NaN)
				},
				perDeliveryLatencyMs: {
					p50: round(percentile(perDelivery, 50)),
					p99: round(percentile(perDelivery, 99))
				},
				serverRssMiB: rss,
				serverCpuPercent: round((serverCpu / wall) * 100),
				clientCpuPercent: round((results.reduce((n, r) => n + r.cpuSeconds, 0) / seconds) * 100),
				clientEventLoopDelayP99Ms: round(Math.max(...results.map((r) => r.loopDelayP99Ms)))
			})
		);
	} finally {
		await server.kill();
	}
}

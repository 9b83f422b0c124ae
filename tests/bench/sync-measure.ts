/**
 * The measuring side shared by the sync and cluster benchmarks: R rooms × C stock y-websocket
 * clients in worker threads against one or more server processes, each client editing at a fixed
 * rate; latency is the time from an edit to its arrival at every other client in the room.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { WorkerInput, WorkerResult } from './sync-clients.ts';

export interface Target {
	/** One WebSocket base URL per instance (`…/yjs` for ours, the bare origin for the reference). */
	wsUrls: string[];
	/** The server processes whose CPU and memory are counted. */
	pids: number[];
	/** PostgreSQL's and Redis's processes: their CPU is reported apart. */
	servicePids?: () => number[];
}

export interface Load {
	rooms: number;
	clients: number;
	rate: number;
	seconds: number;
	workers: number;
	/** Room names (see WorkerInput); the default `bench-room` is shared by every run. */
	roomPrefix?: string;
}

/** The command-line options every fan-out benchmark takes (parseArgs), with their defaults. */
export function loadOptions(clients: number) {
	return {
		rooms: { type: 'string', default: '100' },
		clients: { type: 'string', default: String(clients) },
		rate: { type: 'string', default: '2' },
		seconds: { type: 'string', default: '30' },
		workers: { type: 'string', default: '2' }
	} as const;
}

export function loadFrom(v: {
	rooms: string;
	clients: string;
	rate: string;
	seconds: string;
	workers: string;
}): Load {
	return {
		rooms: Number(v.rooms),
		clients: Number(v.clients),
		rate: Number(v.rate),
		seconds: Number(v.seconds),
		workers: Number(v.workers)
	};
}

export interface Figures {
	editsSent: number;
	missedDeliveries: number;
	incompleteEdits: number;
	latencyMs: { p50: number; p95: number; p99: number; max: number };
	serverCpuPercent: number;
	/** The part of it spent in the kernel (socket writes; for ours, also the SQLite file's). */
	serverSystemCpuPercent: number;
	/** PostgreSQL and Redis together, when the target has them. */
	serviceCpuPercent?: number;
	serverRssMiB: number;
	/** Resident memory the clients' connections added, per connection. */
	kibPerConnection: number;
	clientEventLoopDelayP99Ms: number;
}

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, i)]!;
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
	const { user, system } = cpuTimes(pid);
	return user + system;
}

/** CPU seconds in user and in kernel mode (every thread of the process), from /proc. */
export function cpuTimes(pid: number): { user: number; system: number } {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

export function rssKiB(pid: number): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** How long every client of a run may take to connect and sync. */
const CONNECT_TIMEOUT_S = 180;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Node flags for the server processes under test (ours and the reference alike, so both pay the
 * same overhead), from BENCH_SERVER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` writes
 * a profile of each server when it exits (Node refuses --cpu-prof in NODE_OPTIONS). Read by the
 * benchmarks only, never by the server.
 */
export function serverNodeArgs(): string[] {
	return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}
export const round = (x: number) => Math.round(x * 100) / 100;

/** Node 20 does not carry tsx's loader into a worker's entry module: register it there first. */
function startWorker(input: WorkerInput): Worker {
	const tsx = import.meta.resolve('tsx/esm/api');
	const entry = new URL('./sync-clients.ts', import.meta.url).href;
	const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
	return new Worker(code, { eval: true, workerData: input });
}

export async function measure(target: Target, load: Load): Promise<Figures> {
	const { rooms: R, clients: C, seconds } = load;
	const W = Math.max(1, Math.min(load.workers, R));
	const rss0 = sum(target.pids.map(rssKiB));
	const workers: { worker: Worker; ready: Promise<void>; result: Promise<WorkerResult> }[] = [];
	for (let w = 0; w < W; w++) {
		const firstRoom = Math.floor((w * R) / W);
		const worker = startWorker({
			wsUrls: target.wsUrls,
			firstRoom,
			roomPrefix: load.roomPrefix ?? 'bench-room',
			rooms: Math.floor(((w + 1) * R) / W) - firstRoom,
			clients: C,
			rate: load.rate,
			seconds
		});
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
	// A refused upgrade (a bad room name, a server that died) would otherwise wait forever.
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		Promise.all(workers.map((w) => w.ready)),
		new Promise((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`${R * C} clients not all synced after ${CONNECT_TIMEOUT_S} s`)),
				CONNECT_TIMEOUT_S * 1000
			);
		})
	])
		.catch(async (err: unknown) => {
			await Promise.all(workers.map((w) => w.worker.terminate()));
			throw err;
		})
		.finally(() => clearTimeout(timer));
	const cpu0 = sum(target.pids.map(cpuSeconds));
	const sys0 = sum(target.pids.map((p) => cpuTimes(p).system));
	// PostgreSQL forks a backend per connection: those present once every client is connected.
	const services = target.servicePids?.() ?? [];
	const svc0 = sum(services.map(cpuSeconds));
	workers.forEach((w) => w.worker.postMessage('go'));
	// Memory with every connection open and every room loaded, half-way through the run.
	let rss1 = NaN;
	const sample = setTimeout(() => (rss1 = sum(target.pids.map(rssKiB))), (seconds * 1000) / 2);
	const results = await Promise.all(workers.map((w) => w.result));
	clearTimeout(sample);
	const serverCpu = sum(target.pids.map(cpuSeconds)) - cpu0;
	const serverSys = sum(target.pids.map((p) => cpuTimes(p).system)) - sys0;
	const serviceCpu =
		sum(services.map((p) => (existsSync(`/proc/${p}`) ? cpuSeconds(p) : 0))) - svc0;
	await Promise.all(workers.map((w) => w.worker.terminate()));

	const all = new Float64Array(sum(results.map((r) => r.latencies.length)));
	let at = 0;
	for (const r of results) {
		all.set(r.latencies, at);
		at += r.latencies.length;
	}
	all.sort();
	const edits = sum(results.map((r) => r.edits));
	const deliveries = sum(results.map((r) => r.deliveries));
	// The run includes the 2 s drain after the last edit.
	const wall = seconds + 2;
	return {
		editsSent: edits,
		missedDeliveries: edits * (C - 1) - deliveries,
		incompleteEdits: edits - all.length,
		latencyMs: {
			p50: round(percentile(all, 50)),
			p95: round(percentile(all, 95)),
			p99: round(percentile(all, 99)),
			max: round(all.at(-1) ?? NaN)
		},
		serverCpuPercent: round((serverCpu / wall) * 100),
		serverSystemCpuPercent: round((serverSys / wall) * 100),
		...(target.servicePids ? { serviceCpuPercent: round((serviceCpu / wall) * 100) } : {}),
		serverRssMiB: round((rss1 || sum(target.pids.map(rssKiB))) / 1024),
		kibPerConnection: round(((rss1 || rss0) - rss0) / (R * C)),
		clientEventLoopDelayP99Ms: round(Math.max(...results.map((r) => r.loopDelayP99Ms)))
	};
}

/** A process and its direct children (PostgreSQL's backends belong to its postmaster). */
export function withChildren(pid: number): number[] {
	const out = [pid];
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
			if (ppid === pid) out.push(Number(d));
		} catch {
			// gone meanwhile
		}
	}
	return out;
}

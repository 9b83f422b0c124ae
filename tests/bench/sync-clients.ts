/**
 * One worker thread of the sync benchmark: a share of the rooms, each with C stock y-websocket
 * clients. All clients of a room live in the same thread, so send and receive times share a clock.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { connectClient, synced, type Client } from '../integration/harness.ts';

export interface WorkerInput {
	/** One URL per instance: the clients of each room are dealt round-robin across them. */
	wsUrls: string[];
	firstRoom: number;
	/** Room names are `demo/<prefix>-<n>`: a fresh prefix gives fresh, empty rooms. */
	roomPrefix: string;
	rooms: number;
	clients: number;
	rate: number;
	seconds: number;
}

export interface WorkerResult {
	/** Per edit: the time until the last other client in the room had it (the fan-out latency). */
	latencies: Float64Array;
	/** Per (edit, receiver) pair, for comparison. */
	deliveryLatencies: Float64Array;
	edits: number;
	deliveries: number;
	cpuSeconds: number;
	loopDelayP99Ms: number;
}

const input = workerData as WorkerInput;
const port = parentPort!;
const sentAt = new Map<string, number>();
const arrived = new Map<string, number>();
const latencies: number[] = [];
const deliveryLatencies: number[] = [];
let deliveries = 0;
let edits = 0;

const rooms: Client[][] = [];
for (let r = input.firstRoom; r < input.firstRoom + input.rooms; r++) {
	const room: Client[] = [];
	for (let c = 0; c < input.clients; c++) {
		const client = connectClient(
			input.wsUrls[c % input.wsUrls.length]!,
			`demo/${input.roomPrefix}-${r}`
		);
		client.doc.getArray<string>('log').observe((event) => {
			if (event.transaction.local) return;
			const now = performance.now();
			for (const d of event.changes.delta) {
				for (const key of (d.insert as string[] | undefined) ?? []) {
					const t = sentAt.get(key);
					if (t === undefined) continue;
					deliveryLatencies.push(now - t);
					deliveries++;
					// Fan-out is complete when the last of the C − 1 other clients has the edit.
					const n = (arrived.get(key) ?? 0) + 1;
					if (n === input.clients - 1) {
						latencies.push(now - t);
						arrived.delete(key);
						sentAt.delete(key);
					} else arrived.set(key, n);
				}
			}
		});
		room.push(client);
	}
	rooms.push(room);
}
await Promise.all(rooms.flat().map(synced));
port.postMessage({ type: 'ready' });
await new Promise<void>((resolve) => port.once('message', () => resolve()));

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const cpu0 = process.cpuUsage();
const interval = 1000 / input.rate;
const timers: NodeJS.Timeout[] = [];
rooms.forEach((room, i) =>
	room.forEach((client, c) => {
		let seq = 0;
		const arr = client.doc.getArray<string>('log');
		// Spread the clients' phases so edits arrive evenly, as at a real table.
		timers.push(
			setTimeout(() => {
				const tick = () => {
					const key = `${input.firstRoom + i}:${c}:${seq++}`;
					sentAt.set(key, performance.now());
					arr.push([key]);
					edits++;
				};
				tick();
				timers.push(setInterval(tick, interval));
			}, Math.random() * interval)
		);
	})
);
await new Promise((res) => setTimeout(res, input.seconds * 1000));
timers.forEach((t) => clearTimeout(t));
const cpu = process.cpuUsage(cpu0);
loopDelay.disable();
// Let the last edits land before counting what never arrived.
await new Promise((res) => setTimeout(res, 2000));
rooms.flat().forEach((c) => c.destroy());
const result: WorkerResult = {
	latencies: Float64Array.from(latencies),
	deliveryLatencies: Float64Array.from(deliveryLatencies),
	edits,
	deliveries,
	cpuSeconds: (cpu.user + cpu.system) / 1e6,
	loopDelayP99Ms: loopDelay.percentile(99) / 1e6
};
port.postMessage({ type: 'result', result }, [
	result.latencies.buffer as ArrayBuffer,
	result.deliveryLatencies.buffer as ArrayBuffer
]);

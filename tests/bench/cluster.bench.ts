/**
 * Fan-out p50/p99 and CPU with the clients of each room on one or two instances: (a) one instance
 * on SQLite, (b) one on PostgreSQL + Redis, (c) two on PostgreSQL + Redis with each room's clients
 * split across them; then, per setup, the largest room count whose p99 stays under 100 ms.
 *
 *   npm run bench -- cluster [--rooms 100] [--clients 6] [--rate 2] [--seconds 30]
 *                            [--search 100,200,300,400,600] [--search-seconds 10] [--fsync on|off]
 *                            [--find-capacity] [--max-rooms 3200] [--setups sqlite,pgRedis,pgRedisTwo]
 *
 * Without --find-capacity the room count is the last step of the --search ladder that held. With
 * it, counts double from 100 until one fails, then are bisected to within 10 % (capacity.ts). A
 * count holds when its p99 is under 100 ms and every edit reached every other client of its room.
 * Every count runs on fresh room names, after the previous count's rooms were unloaded. The
 * clients share this machine with the servers: `clientEventLoopDelayP99Ms` of each step says
 * whether they, not the server, were the limit.
 */
import { parseArgs } from 'node:util';
import { startServerProcess, tempDbPath, type ServerProcess } from '../integration/harness.ts';
import { startPostgres } from '../services/postgres.ts';
import { startRedis } from '../services/redis.ts';
import { findCapacity, type CapacityResult } from './capacity.ts';
import {
	measure,
	withChildren,
	type Figures,
	loadFrom,
	loadOptions,
	type Target,
	serverNodeArgs
} from './sync-measure.ts';

const SETUPS = ['sqlite', 'pgRedis', 'pgRedisTwo'] as const;
type Setup = (typeof SETUPS)[number];
/** Rooms unload this long after their last client: short, so one step's rooms are gone before the next. */
const UNLOAD_MS = 2000;

interface Step {
	rooms: number;
	p99: number;
	cpu: number;
	incompleteEdits: number;
	clientLoopDelayP99Ms: number;
}

export async function run(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			...loadOptions(6),
			search: { type: 'string', default: '100,200,300,400,600' },
			'search-seconds': { type: 'string', default: '10' },
			fsync: { type: 'string', default: 'on' },
			'find-capacity': { type: 'boolean', default: false },
			'max-rooms': { type: 'string', default: '3200' },
			setups: { type: 'string', default: SETUPS.join(',') }
		}
	});
	const setups = SETUPS.filter((s) => values.setups.split(',').includes(s));
	const load = loadFrom(values);
	const ladder = values.search
		.split(',')
		.map(Number)
		.filter((n) => n > 0);
	const log = (m: string) => process.stderr.write(`cluster bench: ${m}\n`);
	// Production settings: PostgreSQL flushes every commit (group commit makes that affordable).
	const pg = await startPostgres({ fsync: values.fsync !== 'off' });
	const redis = await startRedis();
	const out: Partial<
		Record<
			Setup,
			{
				figures: Figures;
				maxRoomsP99Under100ms: number | null;
				capacity?: Omit<CapacityResult, 'tried'> & { steps: Step[] };
			}
		>
	> = {};
	try {
		for (const setup of setups) {
			const env: Record<string, string> & { DATABASE_PATH: string } = {
				DATABASE_PATH: tempDbPath(),
				LOG_LEVEL: 'warn',
				XS_DEMO: '0',
				ROOM_UNLOAD_MS: String(UNLOAD_MS),
				...(setup === 'sqlite'
					? {}
					: { DATABASE_URL: await pg.freshSchema(), REDIS_URL: redis.url })
			};
			const start = () => startServerProcess(env, 0, serverNodeArgs());
			const servers: ServerProcess[] = [await start()];
			if (setup === 'pgRedisTwo') servers.push(await start());
			const target: Target = {
				wsUrls: servers.map((s) => s.wsUrl),
				pids: servers.map((s) => s.proc.pid!),
				...(setup === 'sqlite' ? {} : { servicePids: () => [...withChildren(pg.pid), redis.pid] })
			};
			let run = 0;
			const steps: Step[] = [];
			/** One count on fresh rooms, once the previous count's rooms are unloaded. */
			const holds = async (rooms: number): Promise<boolean> => {
				await new Promise((r) => setTimeout(r, UNLOAD_MS + 1000));
				log(`${setup}: ${rooms} rooms`);
				const f = await measure(target, {
					...load,
					rooms,
					seconds: Number(values['search-seconds']),
					roomPrefix: `capacity-${setup.toLowerCase()}-${run++}`
				});
				steps.push({
					rooms,
					p99: f.latencyMs.p99,
					cpu: f.serverCpuPercent,
					incompleteEdits: f.incompleteEdits,
					clientLoopDelayP99Ms: f.clientEventLoopDelayP99Ms
				});
				log(`${setup}: ${rooms} rooms → p99 ${f.latencyMs.p99} ms, cpu ${f.serverCpuPercent}%`);
				return f.latencyMs.p99 < 100 && f.incompleteEdits === 0 && f.missedDeliveries === 0;
			};
			try {
				log(`${setup}: ${load.rooms} rooms × ${load.clients} clients, ${load.seconds}s`);
				const figures = await measure(target, {
					...load,
					roomPrefix: `figures-${setup.toLowerCase()}`
				});
				if (values['find-capacity']) {
					const { held, failed } = await findCapacity(holds, {
						start: 100,
						max: Number(values['max-rooms']),
						resolution: 0.1,
						minStep: 10
					});
					out[setup] = {
						figures,
						maxRoomsP99Under100ms: held,
						capacity: { held, failed, steps }
					};
				} else {
					// Coarse: the last step of the ladder that held.
					let held: number | null = null;
					for (const rooms of ladder) {
						if (!(await holds(rooms))) break;
						held = rooms;
					}
					out[setup] = { figures, maxRoomsP99Under100ms: held };
				}
			} finally {
				await Promise.all(servers.map((s) => s.kill()));
			}
		}
	} finally {
		await Promise.all([pg.stop(), redis.stop()]);
	}
	console.log(
		JSON.stringify({
			bench: 'cluster',
			rooms: load.rooms,
			clientsPerRoom: load.clients,
			editsPerSecondPerClient: load.rate,
			seconds: load.seconds,
			postgresFsync: values.fsync !== 'off',
			searchSeconds: Number(values['search-seconds']),
			capacitySearch: values['find-capacity'] ? 'doubling+bisection' : 'ladder',
			...out
		})
	);
}

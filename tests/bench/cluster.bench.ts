/**
 * Fan-out p50/p99 and CPU with the clients of each room on one or two instances: (a) one instance
 * on SQLite, (b) one on PostgreSQL + Redis, (c) two on PostgreSQL + Redis with each room's clients
 * split across them; then, per setup, the largest room count whose p99 stays under 100 ms.
 *
 *   npm run bench -- cluster [--rooms 100] [--clients 6] [--rate 2] [--seconds 30]
 *                            [--search 100,200,300,400,600] [--search-seconds 10] [--fsync on|off]
 */
import { parseArgs } from 'node:util';
import { startServerProcess, tempDbPath, type ServerProcess } from '../integration/harness.ts';
import { startPostgres } from '../services/postgres.ts';
import { startRedis } from '../services/redis.ts';
import {
	measure,
	withChildren,
	type Figures,
	loadFrom,
	loadOptions,
	type Target
} from './sync-measure.ts';

type Setup = 'sqlite' | 'pgRedis' | 'pgRedisTwo';

export async function run(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			...loadOptions(6),
			search: { type: 'string', default: '100,200,300,400,600' },
			'search-seconds': { type: 'string', default: '10' },
			fsync: { type: 'string', default: 'on' }
		}
	});
	const load = loadFrom(values);
	const steps = values.search
		.split(',')
		.map(Number)
		.filter((n) => n > 0);
	const log = (m: string) => process.stderr.write(`cluster bench: ${m}\n`);
	// Production settings: PostgreSQL flushes every commit (group commit makes that affordable).
	const pg = await startPostgres({ fsync: values.fsync !== 'off' });
	const redis = await startRedis();
	const out: Record<Setup, { figures: Figures; maxRoomsP99Under100ms: number | null }> =
		{} as never;
	try {
		for (const setup of ['sqlite', 'pgRedis', 'pgRedisTwo'] as const) {
			const env: Record<string, string> & { DATABASE_PATH: string } = {
				DATABASE_PATH: tempDbPath(),
				LOG_LEVEL: 'warn',
				XS_DEMO: '0',
				...(setup === 'sqlite'
					? {}
					: { DATABASE_URL: await pg.freshSchema(), REDIS_URL: redis.url })
			};
			const servers: ServerProcess[] = [await startServerProcess(env)];
			if (setup === 'pgRedisTwo') servers.push(await startServerProcess(env));
			const target: Target = {
				wsUrls: servers.map((s) => s.wsUrl),
				pids: servers.map((s) => s.proc.pid!),
				...(setup === 'sqlite' ? {} : { servicePids: () => [...withChildren(pg.pid), redis.pid] })
			};
			try {
				log(`${setup}: ${load.rooms} rooms × ${load.clients} clients, ${load.seconds}s`);
				const figures = await measure(target, load);
				// Coarse: the last step of the ladder that held, each on fresh room names.
				let held: number | null = null;
				for (const rooms of steps) {
					log(`${setup}: search ${rooms} rooms`);
					const f = await measure(target, {
						...load,
						rooms,
						seconds: Number(values['search-seconds'])
					});
					log(`${setup}: ${rooms} rooms → p99 ${f.latencyMs.p99} ms, cpu ${f.serverCpuPercent}%`);
					if (!(f.latencyMs.p99 < 100) || f.incompleteEdits > 0) break;
					held = rooms;
				}
				out[setup] = { figures, maxRoomsP99Under100ms: held };
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
			...out
		})
	);
}

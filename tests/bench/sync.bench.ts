/**
 * Fan-out latency, CPU and memory of one durable instance side by side with the reference
 * y-websocket server (`@y/websocket-server`, in memory) in the same run: R rooms × C stock
 * y-websocket clients, each editing at a fixed rate. Prints both and their ratios.
 *
 *   npm run bench -- sync [--rooms 100] [--clients 4] [--rate 2] [--seconds 30]
 *                         [--storage sqlite|memory] [--workers 2] [--reference-first]
 *
 * Both servers run unpinned, one after the other, against the same client threads in this
 * process; BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) is given to both.
 */
import { parseArgs } from 'node:util';
import { startServerProcess, tempDbPath } from '../integration/harness.ts';
import {
	measure,
	round,
	type Figures,
	loadFrom,
	loadOptions,
	serverNodeArgs
} from './sync-measure.ts';
import { startReference } from './reference-server.ts';

export async function run(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			...loadOptions(4),
			storage: { type: 'string', default: 'sqlite' },
			'reference-first': { type: 'boolean', default: false }
		}
	});
	const load = loadFrom(values);
	const storage = values.storage === 'memory' ? 'memory' : 'sqlite';
	const log = (m: string) => process.stderr.write(`sync bench: ${m}\n`);

	const runOurs = async (): Promise<Figures> => {
		log(`ours (storage=${storage}), ${load.rooms * load.clients} clients, ${load.seconds}s`);
		const server = await startServerProcess(
			{
				DATABASE_PATH: tempDbPath(),
				STORAGE: storage,
				LOG_LEVEL: 'warn',
				XS_DEMO: '0'
			},
			0,
			serverNodeArgs()
		);
		try {
			return await measure({ wsUrls: [server.wsUrl], pids: [server.proc.pid!] }, load);
		} finally {
			await server.kill();
		}
	};
	const runReference = async (): Promise<Figures> => {
		log('reference (@y/websocket-server, in memory), same clients');
		const ref = await startReference();
		try {
			return await measure({ wsUrls: [ref.wsUrl], pids: [ref.pid] }, load);
		} finally {
			await ref.stop();
		}
	};
	// The machine's load drifts: alternating which server goes first shows whether it decided.
	let ours: Figures;
	let reference: Figures;
	if (values['reference-first']) {
		reference = await runReference();
		ours = await runOurs();
	} else {
		ours = await runOurs();
		reference = await runReference();
	}
	const ratio = (a: number, b: number) => round(a / b);
	console.log(
		JSON.stringify({
			bench: 'sync',
			rooms: load.rooms,
			clientsPerRoom: load.clients,
			editsPerSecondPerClient: load.rate,
			seconds: load.seconds,
			order: values['reference-first'] ? 'reference, ours' : 'ours, reference',
			ours: { storage, ...ours },
			reference,
			// Ours divided by the reference's: ≤ 1 is as lean or leaner.
			ratio: {
				cpu: ratio(ours.serverCpuPercent, reference.serverCpuPercent),
				// Per edit sent: fairer when a starved client thread sent fewer edits in one of the runs.
				cpuPerEdit: ratio(
					ours.serverCpuPercent / ours.editsSent,
					reference.serverCpuPercent / reference.editsSent
				),
				p50: ratio(ours.latencyMs.p50, reference.latencyMs.p50),
				p95: ratio(ours.latencyMs.p95, reference.latencyMs.p95),
				p99: ratio(ours.latencyMs.p99, reference.latencyMs.p99),
				kibPerConnection: ratio(ours.kibPerConnection, reference.kibPerConnection)
			}
		})
	);
}

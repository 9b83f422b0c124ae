/**
 * The reference y-websocket server (`@y/websocket-server`, documents in memory, nothing on disk)
 * as its own process on a free loopback port, for side-by-side benchmarks.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, stopPid, waitForLine } from '../services/services.ts';
import { serverNodeArgs } from './sync-measure.ts';

export async function startReference(): Promise<{
	wsUrl: string;
	pid: number;
	stop(): Promise<void>;
}> {
	const require = createRequire(import.meta.url);
	const root = dirname(require.resolve('@y/websocket-server/package.json'));
	const port = await freePort();
	const flags = serverNodeArgs();
	// Its default SIGTERM ends the process without Node's exit hooks, which write a --cpu-prof.
	if (flags.length > 0)
		flags.push('--import', "data:text/javascript,process.on('SIGTERM',()=>process.exit(0))");
	const child = spawn(process.execPath, [...flags, join(root, 'src', 'server.js')], {
		env: {
			...process.env,
			// In memory, as the comparison promises: no LevelDB persistence, no HTTP callback.
			YPERSISTENCE: undefined,
			CALLBACK_URL: undefined,
			HOST: '127.0.0.1',
			PORT: String(port)
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await waitForLine(child, /running at/);
	return {
		// Its document name is the whole path, as ours is after /yjs/.
		wsUrl: `ws://127.0.0.1:${port}`,
		pid: child.pid!,
		stop: () => stopPid(child.pid!, 'SIGTERM')
	};
}

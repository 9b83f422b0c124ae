/** The process entry: `node --import tsx server/index.ts` (npm start goes through start.ts). */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startServer } from './app.ts';
import { forgetServerUrl, recordServerUrl } from './server-url.ts';
import { countUsers } from '#lib/server/auth.ts';
import { countEvents, createDemoEvent, DEMO_SCENARIO } from '#lib/server/events/demo.ts';
import { DatabaseError } from '#lib/server/storage/db.ts';

/** One line for a start-up failure the operator can fix (bad database, port taken); null otherwise. */
export function startFailure(err: unknown, config: Config): string | null {
	if (err instanceof DatabaseError) return `cannot start: ${err.message}`;
	const code = (err as { code?: string } | null)?.code;
	if (code === 'EADDRINUSE')
		return `cannot start: port ${config.PORT} is already in use (PORT=${config.PORT}): stop the other server or set PORT to a free port`;
	if (code === 'EACCES')
		return `cannot start: no permission to listen on port ${config.PORT} (PORT=${config.PORT}): use a port above 1023`;
	if (code === 'EADDRNOTAVAIL')
		return `cannot start: HOST=${config.HOST} is not an address of this machine`;
	return null;
}

export async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig();
	} catch (err) {
		if (err instanceof ConfigError) {
			console.error(err.message);
			process.exit(2);
		}
		throw err;
	}
	let running;
	try {
		running = await startServer(config);
	} catch (err) {
		// What an operator can fix gets one line naming the setting, never a stack trace.
		const line = startFailure(err, config);
		if (!line) throw err;
		console.error(line);
		process.exit(1);
	}
	recordServerUrl(config.DATABASE_PATH, running.url);
	// A newcomer's first start gets a demo event to open at once (XS_DEMO=0 skips it).
	const demo =
		config.XS_DEMO === '1' && (await countEvents(running.sql.db)) === 0
			? await createDemoEvent(running.sql.db, DEMO_SCENARIO, null)
			: null;
	// A machine-readable line first (tests read the port from it), then a human one.
	// Written whatever the log level: scripts and tests read the port from this line.
	process.stderr.write(
		JSON.stringify({
			t: new Date().toISOString(),
			level: 'info',
			msg: 'listening',
			port: running.port,
			url: running.url
		}) + '\n'
	);
	console.log(`协商 Xieshang is running at ${running.url}`);
	if (demo) {
		console.log(`演示活动已创建 (demo event): ${running.url}/ 首页可选择身份入座；或直接打开：`);
		for (const s of demo.seats.filter((x) => x.role.endsWith('chief') || x.role === 'judge')) {
			console.log(`  ${s.role.padEnd(17)} ${running.url}/join/${s.code}`);
		}
	}
	if ((await countUsers(running.sql.db)) === 0) {
		console.log(
			`首次使用：打开 ${running.url}/setup 创建组织者账号 (first run: create the organizer at /setup)`
		);
		console.log(
			'更多演示对阵：另开终端运行 npm run xs -- demo (another demo match with join links for every seat)'
		);
	}
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		running.log.info('shutting down', { signal });
		forgetServerUrl(config.DATABASE_PATH);
		running.close().then(
			() => process.exit(0),
			(err: unknown) => {
				running.log.error('shutdown failed', { err: String(err) });
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

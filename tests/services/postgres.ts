/**
 * A real PostgreSQL for tests: Debian's `postgresql` binaries, a cluster in a temp dir, a free
 * loopback port, its unix socket inside the temp dir, stopped by its postmaster's PID.
 *
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user the
 * Debian package creates and initdb/pg_ctl run through `runuser -u postgres --`; as any other user
 * they run as that user. `.ci/run` installs the package when missing.
 */
import {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, run, stopOnExit, stopPid } from './services.ts';

export interface PostgresService {
	/** postgres://… of the cluster's `postgres` database (superuser `xs`, trust auth on loopback). */
	url: string;
	port: number;
	/** The postmaster's PID. */
	pid: number;
	/**
	 * Creates an empty schema and returns a URL whose connections use it by default
	 * (`search_path`): one per test keeps tests apart, at a fraction of CREATE DATABASE's cost.
	 */
	freshSchema(): Promise<string>;
	stop(): Promise<void>;
}

/**
 * Creates `schema` in the cluster at `url` and returns a URL whose connections use it by default
 * (`search_path`); also what the integration-pg project's files take (harness.ts).
 */
export async function freshSchemaOf(url: string, schema: string): Promise<string> {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		await c.query(`CREATE SCHEMA ${schema}`);
	} finally {
		await c.end();
	}
	return `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** The newest /usr/lib/postgresql/<major>/bin, or PG_BIN when set. */
export function postgresBin(): string {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!majors[0])
		throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN)');
	return join(root, majors[0], 'bin');
}

const USER = 'xs';
let schemas = 0;

/**
 * `fsync: false` (the default, for tests) still writes the WAL at every commit: a committed row
 * survives a killed server process, not a power cut. Benchmarks that compare with a production
 * setting pass `fsync: true`.
 */
export async function startPostgres({
	fsync = false
}: { fsync?: boolean } = {}): Promise<PostgresService> {
	const bin = postgresBin();
	const asRoot = process.getuid?.() === 0;
	// As root every command runs as `postgres`, and the temp dir must belong to it.
	const as = (cmd: string, args: string[]) =>
		asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
	const dir = mkdtempSync(join(tmpdir(), 'xs-pg-'));
	const data = join(dir, 'data');
	const socketDir = join(dir, 'sock');
	mkdirSync(socketDir);
	if (asRoot) {
		const uid = Number((await run('id', ['-u', 'postgres'])).trim());
		const gid = Number((await run('id', ['-g', 'postgres'])).trim());
		chownSync(dir, uid, gid);
		chownSync(socketDir, uid, gid);
	}
	// --no-sync: a throwaway cluster need not survive power loss, only a killed client or server.
	await as(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		USER,
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
		'--no-instructions'
	]);
	const port = await freePort();
	// fsync=off still writes the WAL at every commit (it only skips flushing the OS cache), so a
	// committed row survives a killed server process, which is the crash model the tests check.
	const opts = [
		`-p ${port}`,
		`-k ${socketDir}`,
		'-c listen_addresses=127.0.0.1',
		...(fsync ? [] : ['-c fsync=off', '-c full_page_writes=off']),
		'-c shared_buffers=16MB',
		'-c max_connections=60'
	].join(' ');
	const logFile = join(dir, 'postgres.log');
	try {
		await as(join(bin, 'pg_ctl'), [
			'-D',
			data,
			'-l',
			logFile,
			'-w',
			'-t',
			'60',
			'-o',
			opts,
			'start'
		]);
	} catch (e) {
		const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`${(e as Error).message}\n${log}`, { cause: e });
	}
	// The first line of postmaster.pid is the postmaster's PID: stopping it stops the cluster.
	const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	const forget = stopOnExit(pid);
	const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;

	return {
		url,
		port,
		pid,
		freshSchema: () => freshSchemaOf(url, `xs_${process.pid}_${++schemas}`),
		async stop() {
			// SIGINT is PostgreSQL's "fast shutdown": it disconnects clients and exits cleanly.
			await stopPid(pid, 'SIGINT');
			forget();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

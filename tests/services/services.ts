/**
 * What the PostgreSQL and Redis test services share: a free loopback port, a process that is
 * stopped by its own PID, and a guard that stops whatever a crashed test run left behind.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody listens on right now (the OS picks it; the tiny race with another taker is accepted). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() =>
				addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))
			);
		});
	});
}

/** Runs a command to its end; rejects with its output when it fails. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
		p.stderr!.on('data', (d: Buffer) => (out += d.toString()));
		p.once('error', reject);
		p.once('exit', (code) =>
			code === 0
				? resolve(out)
				: reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`))
		);
	});
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Sends `signal` to one PID and waits (polling, the process may not be our child) until it is gone. */
export async function stopPid(
	pid: number,
	signal: NodeJS.Signals = 'SIGTERM',
	graceMs = 10_000
): Promise<void> {
	if (!isAlive(pid)) return;
	process.kill(pid, signal);
	const deadline = Date.now() + graceMs;
	while (isAlive(pid)) {
		if (Date.now() > deadline) {
			process.kill(pid, 'SIGKILL');
			await new Promise((r) => setTimeout(r, 100));
			return;
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

// A test process that dies without its afterAll would leave the services running: stop them on exit.
const leftovers = new Set<number>();
let guarded = false;
export function stopOnExit(pid: number): () => void {
	leftovers.add(pid);
	if (!guarded) {
		guarded = true;
		process.once('exit', () => {
			for (const p of leftovers) {
				try {
					process.kill(p, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		});
	}
	return () => leftovers.delete(pid);
}

/** Resolves when `line` matches a line the child wrote (stdout or stderr); rejects if it exits first. */
export function waitForLine(child: ChildProcess, match: RegExp, timeoutMs = 30_000): Promise<void> {
	return new Promise((resolve, reject) => {
		let seen = '';
		const onData = (d: Buffer) => {
			seen += d.toString();
			if (match.test(seen)) done(null);
		};
		const timer = setTimeout(
			() => done(new Error(`timed out waiting for ${match}:\n${seen}`)),
			timeoutMs
		);
		const onExit = (code: number | null) =>
			done(new Error(`exited ${code} before ${match}:\n${seen}`));
		const done = (err: Error | null) => {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.stderr?.off('data', onData);
			child.off('exit', onExit);
			// Keep draining so a chatty child never blocks on a full pipe.
			child.stdout?.resume();
			child.stderr?.resume();
			if (err) reject(err);
			else resolve();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', onExit);
	});
}

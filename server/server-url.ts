/**
 * Where the running server can be reached, left beside its database so `xs demo` (another
 * process, often another terminal without the server's PORT) prints links that work.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const fileOf = (databasePath: string) => `${databasePath}.server.json`;

export function recordServerUrl(databasePath: string, url: string): void {
	try {
		writeFileSync(fileOf(databasePath), JSON.stringify({ url, pid: process.pid }) + '\n');
	} catch {
		// A read-only directory only costs `xs demo` its guess; the server runs on.
	}
}

export function forgetServerUrl(databasePath: string): void {
	rmSync(fileOf(databasePath), { force: true });
}

/** The URL a live server on this database recorded, or null (none recorded, or its process is gone). */
export function runningServerUrl(databasePath: string): string | null {
	try {
		const { url, pid } = JSON.parse(readFileSync(fileOf(databasePath), 'utf8')) as {
			url?: unknown;
			pid?: unknown;
		};
		if (typeof url !== 'string' || typeof pid !== 'number') return null;
		process.kill(pid, 0); // throws when no such process
		return url;
	} catch {
		return null;
	}
}

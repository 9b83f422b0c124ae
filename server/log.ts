type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
	debug(msg: string, fields?: Record<string, unknown>): void;
	info(msg: string, fields?: Record<string, unknown>): void;
	warn(msg: string, fields?: Record<string, unknown>): void;
	error(msg: string, fields?: Record<string, unknown>): void;
}

/** One JSON object per line on stderr, so tests and operators can grep and parse it. */
export function createLogger(level: Level): Logger {
	const at = (l: Exclude<Level, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
		if (rank[l] < rank[level]) return;
		process.stderr.write(
			JSON.stringify({ t: new Date().toISOString(), level: l, msg, ...fields }) + '\n'
		);
	};
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

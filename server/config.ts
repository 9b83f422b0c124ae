import { z } from 'zod';

const MiB = 1024 * 1024;

/** Every setting the server reads from the environment, with its default. */
export const ConfigSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_PATH: z.string().min(1).default('data/xieshang.db'),
	/**
	 * postgres://user:pass@host:port/db: the relational data (accounts, events, offers, scores,
	 * audit…) and the documents on PostgreSQL, shared by several instances. Unset: on the SQLite
	 * file above.
	 */
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
		.optional(),
	/** redis://…: live updates, presence, freezes and revocations reach the other instances. */
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must start with redis://')
		.optional(),
	/** The public origin (https://bargain.example.org). Unset: the request's own Host is trusted. */
	ORIGIN: z.url().optional(),
	/** sqlite keeps every update; memory keeps nothing across restarts (benchmarks only). */
	STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
	MAX_FRAME_BYTES: z.coerce
		.number()
		.int()
		.min(1024)
		.default(8 * MiB),
	/** Deepest nesting of shared types an incoming update may create (a clause's paragraph inside a list is 4). */
	MAX_DOC_DEPTH: z.coerce.number().int().min(4).max(1000).default(32),
	/** Size of one document (its state as one update); an update that would grow it further is refused (1009). */
	MAX_DOC_BYTES: z.coerce
		.number()
		.int()
		.min(64 * 1024)
		.default(16 * MiB),
	/** Bytes of a match table's kept history (for the replay); beyond it, further edits are refused (1009). */
	MAX_HISTORY_BYTES: z.coerce
		.number()
		.int()
		.min(64 * 1024)
		.default(64 * MiB),
	/** Messages one WebSocket connection may send per second (bursts of twice this); beyond it the connection is closed (1008). */
	MAX_MESSAGES_PER_S: z.coerce.number().int().min(1).default(200),
	/** Bytes one connection may send per second (bursts of twice this, at least one frame); beyond it the connection is closed (1008). */
	MAX_BYTES_PER_S: z.coerce
		.number()
		.int()
		.min(1024)
		.default(1 * MiB),
	/** Received bytes of one connection waiting to be handled; above it the server stops reading from that socket until they are. */
	MAX_QUEUED_BYTES: z.coerce
		.number()
		.int()
		.min(1024)
		.default(16 * MiB),
	/** Logged updates of one document that trigger a background compaction into a snapshot. */
	COMPACT_THRESHOLD: z.coerce.number().int().min(1).default(500),
	/** How long a room stays in memory after its last client leaves. */
	ROOM_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	/** Opens every demo/* document to anyone (tests and benchmarks); otherwise only demo/table. */
	OPEN_DEMO_DOCS: z.enum(['0', '1']).default('0'),
	/** 1: create a demo event on the first start (an empty database); 0: do not. */
	XS_DEMO: z.enum(['0', '1']).default('1')
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads and validates the configuration; a bad value names its variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const relevant = Object.fromEntries(
		Object.keys(ConfigSchema.shape)
			.filter((k) => env[k] !== undefined && env[k] !== '')
			.map((k) => [k, env[k]])
	);
	const parsed = ConfigSchema.safeParse(relevant);
	if (!parsed.success) {
		const lines = parsed.error.issues.map(
			(i) =>
				// A database URL may carry a password: name the variable, never echo it.
				`  ${i.path.join('.')}=${i.path[0] === 'DATABASE_URL' ? '(hidden)' : JSON.stringify(relevant[String(i.path[0])])}: ${i.message}`
		);
		throw new ConfigError(`invalid configuration in the environment:\n${lines.join('\n')}`);
	}
	// Redis relays updates other instances have stored: they must all read one PostgreSQL.
	if (parsed.data.REDIS_URL && !parsed.data.DATABASE_URL)
		throw new ConfigError(
			'invalid configuration in the environment:\n  REDIS_URL is set without DATABASE_URL: several instances need one PostgreSQL (DATABASE_URL=postgres://…)'
		);
	return parsed.data;
}

import { z } from 'zod';

const MiB = 1024 * 1024;

/** Every setting the server reads from the environment, with its default. */
export const ConfigSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_PATH: z.string().min(1).default('data/xieshang.db'),
	/** The public origin (https://bargain.example.org). Unset: the request's own Host is trusted. */
	ORIGIN: z.url().optional(),
	/** sqlite keeps every update; memory keeps nothing across restarts (benchmarks only). */
	STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
	MAX_FRAME_BYTES: z.coerce.number().int().min(1024).default(8 * MiB),
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
			(i) => `  ${i.path.join('.')}=${JSON.stringify(relevant[String(i.path[0])])}: ${i.message}`
		);
		throw new ConfigError(`invalid configuration in the environment:\n${lines.join('\n')}`);
	}
	return parsed.data;
}

/**
 * Flags of an `xs` command, parsed by node:util and checked by a zod schema: one place that turns
 * a bad flag into `xs NAME: message` lines and the usage, with exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export function commandOptions<S extends z.ZodType>(
	command: string,
	argv: string[],
	options: NonNullable<ParseArgsConfig['options']>,
	schema: S,
	usage: string
): { ok: true; value: z.infer<S> } | { ok: false; code: 2 } {
	let values: Record<string, unknown>;
	try {
		values = parseArgs({ args: argv, options, strict: true }).values;
	} catch (e) {
		console.error(`xs ${command}: ${(e as Error).message}`);
		return { ok: false, code: 2 };
	}
	const parsed = schema.safeParse(values);
	if (!parsed.success) {
		for (const i of parsed.error.issues) console.error(`xs ${command}: ${i.message}`);
		console.error(`usage: ${usage}`);
		return { ok: false, code: 2 };
	}
	return { ok: true, value: parsed.data };
}

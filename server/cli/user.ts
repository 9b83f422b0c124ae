/**
 * `xs user add LOGIN --name NAME` creates an organizer. The password comes from XS_PASSWORD or,
 * with --password-stdin, from standard input (never from the command line, where ps shows it).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { openRelational } from '#lib/server/sql/open.ts';
import { countUsers, createUser, NewUserSchema } from '#lib/server/auth.ts';
import { adoptOrphanEvents } from '#lib/server/events/demo.ts';
import { audit } from '#lib/server/audit.ts';

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of process.stdin) chunks.push(c as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

export async function run(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: { name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } }
		});
	} catch (e) {
		console.error(`xs user: ${(e as Error).message}`);
		return 2;
	}
	const [verb, login] = parsed.positionals;
	if (verb !== 'add' || !login) {
		console.error(
			'usage: npm run xs -- user add LOGIN --name NAME   (password from XS_PASSWORD or --password-stdin)'
		);
		return 2;
	}
	const password = parsed.values['password-stdin']
		? await readStdin()
		: (process.env.XS_PASSWORD ?? '');
	const input = NewUserSchema.safeParse({
		login,
		displayName: parsed.values.name ?? login,
		password
	});
	if (!input.success) {
		for (const [field, msgs] of Object.entries(z.flattenError(input.error).fieldErrors))
			console.error(`xs user: ${field}: ${msgs?.join('; ')}`);
		return 1;
	}
	const sql = await openRelational(loadConfig());
	const { db } = sql;
	try {
		const first = (await countUsers(db)) === 0;
		const user = await createUser(db, input.data);
		// Like /setup: the first organizer runs the demo event made before any account existed.
		if (first) await adoptOrphanEvents(db, user.id);
		await audit(db, null, 'cli', 'user.add', { login: user.login });
		console.log(`organizer "${user.login}" created`);
		return 0;
	} catch (e) {
		console.error(
			`xs user: ${/UNIQUE|duplicate key/.test(String(e)) ? `login "${login}" already exists` : (e as Error).message}`
		);
		return 1;
	} finally {
		await sql.close();
	}
}

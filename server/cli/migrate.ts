/**
 * `xs migrate`: brings the relational schema up to date and says what it ran, for operators who
 * migrate before starting (or upgrading) the instances; the server does the same at start-up.
 * PostgreSQL when DATABASE_URL is set, otherwise the SQLite file at DATABASE_PATH.
 */
import { loadConfig } from '../config.ts';
import { openRelational } from '#lib/server/sql/open.ts';

export async function run(argv: string[]): Promise<number> {
	if (argv.length > 0) {
		console.error(`xs migrate: takes no arguments (got ${argv.join(' ')})`);
		return 2;
	}
	const config = loadConfig();
	const where = config.DATABASE_URL
		? `PostgreSQL (${new URL(config.DATABASE_URL).host})`
		: `SQLite (${config.DATABASE_PATH})`;
	const sql = await openRelational(config);
	try {
		if (sql.ran.length === 0) console.log(`${where}: schema up to date, nothing to run`);
		else {
			console.log(`${where}: ran ${sql.ran.length} migration(s):`);
			for (const name of sql.ran) console.log(`  ${name}`);
		}
		return 0;
	} finally {
		await sql.close();
	}
}

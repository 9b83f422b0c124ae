/**
 * `xs case …`, `xs cost CASE-ID` and `xs demo --case` on the server's database file (server/SPEC.md
 * K2, K11, K13): a case written as YAML, imported, exported and re-imported on a fresh database
 * costs the same; `--as LOGIN` applies the web's permissions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createUser } from '../../src/lib/server/auth.ts';
import { getEvent, isOrganizerOf } from '../../src/lib/server/events/events.ts';
import { ROOT, runXs, tempDbPath, testDatabase, type TestDatabase } from './harness.ts';

const xs = runXs;

const dir = mkdtempSync(join(tmpdir(), 'xs-case-'));
/** The CLI acts on a SQLite file (DATABASE_PATH), as an operator's shell would. */
let first = '';
const fresh = tempDbPath();
let db: SqlDb;
let testDb: TestDatabase;
/** A case an author writes: the shipped express-delivery case with its own title and a secret. */
const written = join(dir, 'my-case.yaml');
const SECRET = '底线：单价不低于 1.1 元';

beforeAll(async () => {
	const text = readFileSync(join(ROOT, 'scenarios', 's3-dongzhou-express.yaml'), 'utf8')
		.replace(/^title: .*$/m, 'title: 我们自己的快递案例')
		.replace(/^(\s+)brief: \|\n/m, (_, pad: string) => `${pad}brief: |\n${pad}  ${SECRET}\n`);
	writeFileSync(written, text);
	testDb = await testDatabase('sqlite');
	first = testDb.env.DATABASE_PATH;
	db = testDb.db;
	await createUser(db, { login: 'cli-a', displayName: '甲', password: 'password-a-123' });
	await createUser(db, { login: 'cli-b', displayName: '乙', password: 'password-b-123' });
}, 60_000);

afterAll(() => testDb?.close());

describe('xs case', () => {
	let id = '';

	it('[K13] import prints the new id and version; list shows it beside the built-ins', async () => {
		const r = await xs(first, ['case', 'import', written, '--json', '--organizer', 'cli-a']);
		expect(r.code, r.stderr).toBe(0);
		const made = JSON.parse(r.stdout) as { id: string; version: number };
		expect(made.version).toBe(1);
		id = made.id;
		const list = JSON.parse((await xs(first, ['case', 'list', '--json'])).stdout) as unknown[];
		expect(list).toContainEqual({ id, title: '我们自己的快递案例', version: 1, builtIn: false });
		expect(list).toContainEqual(
			expect.objectContaining({ id: 's3-dongzhou-express', builtIn: true })
		);
	}, 240_000);

	it('[K13] export, re-import on a fresh database: the same `xs cost --json` figures', async () => {
		const fromFile = await xs(first, ['cost', written, '--json']);
		const fromDb = await xs(first, ['cost', id, '--json']);
		expect(fromDb.code, fromDb.stderr).toBe(0);
		expect(JSON.parse(fromDb.stdout)).toEqual(JSON.parse(fromFile.stdout));
		const exported = await xs(first, ['case', 'export', id, '--version', '1']);
		expect(exported.code, exported.stderr).toBe(0);
		const again = join(dir, 'exported.yaml');
		writeFileSync(again, exported.stdout);
		const re = await xs(fresh, ['case', 'import', again, '--json']);
		expect(re.code, re.stderr).toBe(0);
		const id2 = (JSON.parse(re.stdout) as { id: string }).id;
		const onFresh = await xs(fresh, ['cost', `${id2}@1`, '--json']);
		expect(JSON.parse(onFresh.stdout)).toEqual(JSON.parse(fromFile.stdout));
		// 6,000 couriers at S3's rates: a monthly wage bill of 31,122,000 yuan (xs cost on the file).
		expect(JSON.parse(onFresh.stdout)).toMatchObject({
			headcount: 6000,
			monthly: { current: 31122000 }
		});
	}, 240_000);

	it("[K2] through the CLI as one organizer, another's private case and its brief stay hidden", async () => {
		const asB = await xs(first, ['case', 'export', id, '--as', 'cli-b']);
		expect(asB.code).toBe(1);
		expect(asB.stdout).not.toContain(SECRET);
		const listB = JSON.parse((await xs(first, ['case', 'list', '--json', '--as', 'cli-b'])).stdout);
		expect(listB.some((c: { id: string }) => c.id === id)).toBe(false);
		const asA = await xs(first, ['case', 'export', id, '--as', 'cli-a']);
		expect(asA.code).toBe(0);
		expect(asA.stdout).toContain(SECRET);
	}, 240_000);

	it('[K13] xs demo --case ID makes an event pinned to the latest version', async () => {
		// The login is typed in capitals: logins compare case-insensitively, as at login.
		const r = await xs(first, ['demo', '--case', id, '--json', '--organizer', 'CLI-B']);
		expect(r.code, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as { event: string };
		expect((await getEvent(db, out.event))!.scenarioId).toBe(`${id}@1`);
		const b = await db
			.selectFrom('users')
			.select('id')
			.where('login', '=', 'cli-b')
			.executeTakeFirst();
		expect(await isOrganizerOf(db, out.event, b!.id)).toBe(true);
	}, 240_000);

	it('[K11] an invalid file is refused with file:line:column problems and nothing stored', async () => {
		const bad = join(dir, 'bad.yaml');
		writeFileSync(bad, readFileSync(written, 'utf8').replace(/termYears: \d+/, 'termYears: 两年'));
		const r = await xs(first, ['case', 'import', bad, '--json']);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ contract\.termYears: /);
		const list = JSON.parse((await xs(first, ['case', 'list', '--json'])).stdout) as unknown[];
		expect(list.filter((c) => !(c as { builtIn: boolean }).builtIn)).toHaveLength(1);
	}, 240_000);
});

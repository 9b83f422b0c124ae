/**
 * `xs sweep` and `xs compare` on a case in the server's database (G9, K13): `ID` and `ID@N` read
 * the stored case exactly as `xs cost` does, so a user's own case sweeps and compares like a file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/lib/server/auth.ts';
import { ROOT, runXs, testDatabase, type TestDatabase } from './harness.ts';

const xs = runXs;

const dir = mkdtempSync(join(tmpdir(), 'xs-sweep-case-'));
/**
 * A union's own case: the shipped food-delivery case where riders spend 60 % of their online
 * time on orders instead of 70 %, so fewer of their hours count and more fall under the hourly
 * minimum: figures that differ from the built-in's, so the test sees which case was read.
 */
const written = join(dir, 'own-case.yaml');
let testDb: TestDatabase;
let dbPath = '';
let id = '';

beforeAll(async () => {
	const text = readFileSync(join(ROOT, 'scenarios', 's2-qianhu-food-delivery.yaml'), 'utf8')
		.replace(/^title: .*$/m, 'title: 我们自己的外卖案例')
		.replace(/orderTimeShare: 0\.7\b/, 'orderTimeShare: 0.6');
	expect(text).toContain('orderTimeShare: 0.6');
	writeFileSync(written, text);
	writeFileSync(join(dir, 'a.json'), JSON.stringify({ upliftPerOrder: 0.8 }));
	writeFileSync(join(dir, 'b.json'), JSON.stringify({ hourlyGuarantee: 24 }));
	testDb = await testDatabase('sqlite');
	dbPath = testDb.env.DATABASE_PATH;
	await createUser(testDb.db, { login: 'union-a', displayName: '甲', password: 'password-a-123' });
	const r = await xs(dbPath, ['case', 'import', written, '--json', '--organizer', 'union-a']);
	expect(r.code, r.stderr).toBe(0);
	id = (JSON.parse(r.stdout) as { id: string }).id;
}, 240_000);

afterAll(() => testDb?.close());

const SWEEP = [
	'--term',
	'upliftPerOrder',
	'--from',
	'0',
	'--to',
	'1',
	'--step',
	'0.5',
	'--target',
	'shareBelowHourlyMinimum<=0.1',
	'--json'
];

describe('xs sweep and xs compare on a database case', () => {
	it('[G9] [K13] xs sweep ID and ID@1 print the same rows and answer as the case’s file, not the built-in’s', async () => {
		const fromFile = await xs(dbPath, ['sweep', written, ...SWEEP]);
		expect(fromFile.code, fromFile.stderr).toBe(0);
		const byId = await xs(dbPath, ['sweep', id, ...SWEEP]);
		expect(byId.code, byId.stderr).toBe(0);
		const byVersion = await xs(dbPath, ['sweep', `${id}@1`, ...SWEEP]);
		expect(byVersion.code, byVersion.stderr).toBe(0);
		const file = JSON.parse(fromFile.stdout) as { rows: { value: number }[] };
		expect(JSON.parse(byId.stdout)).toEqual(file);
		expect(JSON.parse(byVersion.stdout)).toEqual(file);
		// Values 0, 0.5, 1 (from 0 to 1 in steps of 0.5).
		expect(file.rows.map((r) => r.value)).toEqual([0, 0.5, 1]);
		const builtIn = await xs(dbPath, ['sweep', 's2-qianhu-food-delivery', ...SWEEP]);
		expect(JSON.parse(builtIn.stdout)).not.toEqual(file);
	}, 240_000);

	it('[G9] [K13] xs compare ID@1 prints the same versions and diff as the case’s file', async () => {
		const files = [join(dir, 'a.json'), join(dir, 'b.json'), '--json'];
		const fromFile = await xs(dbPath, ['compare', written, ...files]);
		expect(fromFile.code, fromFile.stderr).toBe(0);
		const byVersion = await xs(dbPath, ['compare', `${id}@1`, ...files]);
		expect(byVersion.code, byVersion.stderr).toBe(0);
		expect(JSON.parse(byVersion.stdout)).toEqual(JSON.parse(fromFile.stdout));
		const out = JSON.parse(byVersion.stdout) as { versions: unknown[]; diff: { termId: string }[] };
		expect(out.versions).toHaveLength(2);
		expect(out.diff.map((d) => d.termId).sort()).toEqual(['hourlyGuarantee', 'upliftPerOrder']);
	}, 240_000);

	it('[G9] a case id the database does not hold, or a version it lacks, is refused with exit code 1', async () => {
		const none = await xs(dbPath, ['sweep', 'no-such-case', ...SWEEP]);
		expect(none.code).toBe(1);
		expect(none.stderr).toContain('no scenario file or case "no-such-case"');
		const noVersion = await xs(dbPath, [
			'compare',
			`${id}@9`,
			join(dir, 'a.json'),
			join(dir, 'b.json')
		]);
		expect(noVersion.code).toBe(1);
		expect(noVersion.stderr).toContain(`"${id}@9"`);
	}, 240_000);
});

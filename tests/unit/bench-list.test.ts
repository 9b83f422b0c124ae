import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run bench', () => {
	it('with no name lists every benchmark with a line on what it measures, and runs none', () => {
		const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts'], {
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 30_000
		});
		const names = readdirSync(new URL('../bench', import.meta.url))
			.filter((f) => f.endsWith('.bench.ts'))
			.map((f) => f.replace('.bench.ts', ''));
		expect(names.length).toBeGreaterThan(0);
		for (const n of names) expect(out).toMatch(new RegExp(`^  ${n} +[A-Z].{20,}$`, 'm'));
		// Listing only: no benchmark's JSON line.
		expect(out).not.toMatch(/^\{/m);
	});
});

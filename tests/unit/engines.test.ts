import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is in the tree through other packages (node-abi, …) and ships no types of its own.
const semver = createRequire(import.meta.url)('semver') as {
	satisfies(version: string, range: string): boolean;
};

interface LockEntry {
	engines?: { node?: string };
	optional?: boolean;
}

describe('package-lock.json', () => {
	it('installs nothing that declares an engine Node 20.19 does not satisfy (npm would warn on install)', () => {
		const lock = JSON.parse(
			readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')
		) as { packages: Record<string, LockEntry> };
		const refused = Object.entries(lock.packages)
			// An optional platform binary with a newer engine is skipped silently, never installed.
			.filter(
				([, p]) => !p.optional && p.engines?.node && !semver.satisfies('20.19.0', p.engines.node)
			)
			.map(([name, p]) => `${name} ${p.engines?.node}`);
		expect(refused).toEqual([]);
	});
});

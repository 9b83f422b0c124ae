import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { yjsDevServer } from './server/vite-plugin.ts';

/** Integration files that run on both engines: the ones whose subject is stored relational data. */
const PG_FILES = [
	'access',
	'audit',
	'join-codes',
	'judging',
	'negotiation',
	'signing',
	'surveys',
	'procedure-tracker',
	'results-publish',
	'rep-votes',
	'ratification-reopen',
	'cases',
	'proposal-invites'
];

export default defineConfig({
	plugins: [sveltekit(), yjsDevServer()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Each file starts its own server processes; two cores do not want more in parallel.
					fileParallelism: false
				}
			},
			{
				// The files that exercise the relational data, again with it on PostgreSQL (issue 12):
				// one PostgreSQL for the run, a fresh schema per file (tests/integration/harness.ts).
				test: {
					name: 'integration-pg',
					include: PG_FILES.map((f) => `tests/integration/${f}.test.ts`),
					environment: 'node',
					env: { XS_TEST_ENGINE: 'postgres' },
					globalSetup: ['tests/integration/postgres-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});

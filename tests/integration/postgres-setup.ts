/**
 * Global set-up of the `integration-pg` project: one real PostgreSQL for the whole run (Debian's
 * binaries, a temp dir, a free port, stopped by PID afterwards); each test file takes a fresh
 * schema of it (harness.ts `testDatabase`).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresService } from '../services/postgres.ts';

let service: PostgresService | undefined;

export async function setup(project: TestProject): Promise<void> {
	service = await startPostgres();
	project.provide('postgresUrl' as never, service.url as never);
}

export async function teardown(): Promise<void> {
	await service?.stop();
}

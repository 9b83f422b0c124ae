import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { addMatch, addTeam, createEvent } from '../../src/lib/server/events/events.ts';
import {
	defaultSettings,
	releaseResults,
	saveSettings
} from '../../src/lib/server/judging/judging.ts';
import { scoreBothSides } from './scoring.ts';
import {
	startServerProcess,
	type ServerProcess,
	testDatabase,
	type TestDatabase
} from './harness.ts';

/**
 * "Raw and adjusted results are always shown side by side": on the public page too, whenever the
 * event's method adjusts the judges' totals (trimmed mean, severity normalisation).
 */
let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;

async function releasedEvent(method: 'mean' | 'trimmed' | 'severity'): Promise<string> {
	const ev = await createEvent(
		db,
		{
			name: `公开成绩 ${method}`,
			kind: 'competition',
			scenarioId: 's1-qiantang-parts',
			membersPerSide: 3
		},
		null
	);
	const match = await addMatch(
		db,
		ev,
		1,
		(await addTeam(db, ev.id, { name: '甲' })).id,
		(await addTeam(db, ev.id, { name: '乙' })).id
	);
	const { eventId: _e, ...base } = defaultSettings(ev.id) as ReturnType<typeof defaultSettings> &
		Record<string, unknown>;
	await saveSettings(db, ev.id, { ...(base as Parameters<typeof saveSettings>[2]), method });
	// Both sides scored: an unscored match would be left out of the published ranking.
	await scoreBothSides(db, match);
	await releaseResults(db, ev.id, 'test');
	return ev.id;
}

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
});
afterAll(async () => {
	await server?.kill();
	await testDb?.close();
});

describe('public results', () => {
	it('[S6][S10][E5] puts the raw rubric and total beside the adjusted ones when the method adjusts them', async () => {
		for (const method of ['severity', 'trimmed'] as const) {
			const html = await (
				await fetch(`${server.url}/results/${await releasedEvent(method)}`)
			).text();
			expect(html).toContain('data-testid="public-standings"');
			expect(html).toContain('评分（原始）');
		}
	});

	it('[E5] shows one set of figures for the plain mean, which adjusts nothing', async () => {
		const html = await (await fetch(`${server.url}/results/${await releasedEvent('mean')}`)).text();
		expect(html).toContain('data-testid="public-standings"');
		expect(html).not.toContain('评分（原始）');
	});
});

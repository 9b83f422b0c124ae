/**
 * The outcome analysis (S28) reaches the organizer and nobody else: a demo match of S1
 * (钱塘零部件, which has points tables) is negotiated and signed through the real server; the
 * organizer's scoreboard shows the analysis, the exported event file carries the signed package
 * and the agenda to recompute it (S29), and neither the judge's page nor the public results page
 * carries the confidential points.
 *
 * Hand-computed points of the signed package (工龄 45, 普调 5%, 高温 是; others current:
 * 封顶 10, 定额 480), from the S1 tables:
 *   labour      45 → [40,50) 15; 10 → (<12) 0; 0.05 → [0.05,0.07) 15; 是 15; 480 → (≥465) 0  = 45
 *   management  45 → [40,50) 8;  10 → (<11) 15; 0.05 → [0.03,0.055) 15; 是 5; 480 → (≥470) 10 = 53
 *   joint 98. Labour's reservation is 56 (15 + 5 + 15 + 15 + 6), so labour's outcome is 0;
 *   management's reservation 31, best 75 → 100 × (53 − 31)/(75 − 31) = 50.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { createSession, createUser } from '../../src/lib/server/auth.ts';
import type { Role } from '../../src/lib/server/events/events.ts';
import { createDemoEvent } from '../../src/lib/server/events/demo.ts';
import { readValues, setTermValue } from '../../src/lib/collab/table-doc.ts';
import {
	analyzeEventOutcomes,
	computeEventStandings,
	parseEventExport
} from '../../src/lib/domain/scoring/index.ts';
import {
	connectClient,
	startServerProcess,
	synced,
	seatCookies,
	until,
	type Client,
	type ServerProcess,
	testDatabase,
	type TestDatabase
} from './harness.ts';
import { scoreBothSides } from './scoring.ts';

let server: ServerProcess;
let db: SqlDb;
let testDb: TestDatabase;
let organizer = '';
let eventId = '';
let matchId = '';
const cookies: Partial<Record<Role, string>> = {};
const clients: Client[] = [];

const get = (path: string, cookie = '') =>
	fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
async function act(path: string, role: Role, body: unknown = {}) {
	const res = await fetch(`${server.url}/api/match/${matchId}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: cookies[role]! },
		body: JSON.stringify(body)
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
	testDb = await testDatabase();
	server = await startServerProcess({ ...testDb.env });
	db = testDb.db;
	const org = await createUser(db, {
		login: 'org',
		displayName: '组织者',
		password: 'correct horse battery'
	});
	organizer = `xs_session=${(await createSession(db, { userId: org.id, displayName: org.displayName })).token}`;
	const demo = await createDemoEvent(db, 's1-qiantang-parts', org.id);
	eventId = demo.event.id;
	matchId = demo.match.id;
	Object.assign(
		cookies,
		await seatCookies(db, demo.match.id, ['labour-chief', 'management-chief', 'judge'] as const)
	);

	// Labour edits the draft; once management's client sees it, the server has it.
	const lab = connectClient(
		server.wsUrl,
		`match/${matchId}/table`,
		new Y.Doc(),
		cookies['labour-chief']
	);
	const man = connectClient(
		server.wsUrl,
		`match/${matchId}/table`,
		new Y.Doc(),
		cookies['management-chief']
	);
	clients.push(lab, man);
	await Promise.all([synced(lab), synced(man)]);
	setTermValue(lab.doc, 'seniorityPerYear', 45, 'labour');
	setTermValue(lab.doc, 'generalIncrease', 0.05, 'labour');
	setTermValue(lab.doc, 'heatAllowance', true, 'labour');
	await until(
		man.doc,
		() =>
			readValues(man.doc).heatAllowance === true && readValues(man.doc).generalIncrease === 0.05,
		'draft reached the server'
	);

	expect((await act('/offers', 'labour-chief', { message: '方案' })).status).toBe(201);
	const terms = (await (
		await get(`/api/match/${matchId}/offers`, cookies['management-chief'])
	).json()) as { offers: { terms: Record<string, unknown> }[] };
	const accept = await act('/terms', 'management-chief', {
		act: 'accept',
		terms: Object.keys(terms.offers[0]!.terms).concat('innovationAward'),
		seen: {}
	});
	expect(accept.status, JSON.stringify(accept.json)).toBe(200);
	expect((await act('/sign', 'labour-chief')).status).toBe(200);
	const signed = await act('/sign', 'management-chief');
	expect(signed.json.complete, JSON.stringify(signed.json)).toBe(true);
}, 60_000);

afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await testDb?.close();
	await server?.kill();
});

describe('outcome analysis of a signed demo match', () => {
	it('[S28] shows the organizer the analysis on the scoreboard', async () => {
		const res = await get(`/events/${eventId}/judging/scoreboard`, organizer);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('协议结果分析');
		expect(html).toContain(`data-outcome-analysis="${matchId}"`);
		const block = html.slice(html.indexOf(`data-outcome-analysis="${matchId}"`));
		// Points 45 / 53 / 98 (see the header), then the agreed package with units and the Nash point.
		expect(block).toMatch(/data-testid="oa-points"[^]*?>45<[^]*?>53<[^]*?>98</);
		expect(block).toContain('纳什点');
		expect(block).toContain('留在桌上的价值');
		expect(block).toMatch(/data-testid="oa-package"[^]*?工龄工资[^]*?45/);
		expect(block).toContain('<details');
	});

	it('[S29] exports the signed package and the agenda, and the file recomputes the outcome', async () => {
		const res = await get(`/events/${eventId}/judging/export/event.json`, organizer);
		expect(res.status).toBe(200);
		const parsed = parseEventExport(await res.json());
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		const m = parsed.event.matches[0]!;
		expect(m.outcome.kind).toBe('points');
		if (m.outcome.kind !== 'points') return;
		expect(m.outcome.agreement).toMatchObject({
			seniorityPerYear: 45,
			generalIncrease: 0.05,
			heatAllowance: true,
			seniorityCapYears: 10,
			operatorQuota: 480
		});
		expect(m.outcome.reservation).toEqual({ labour: 56, management: 31 });
		const outcome = computeEventStandings(parsed.event).matches[0]!.outcome;
		expect(outcome.labour).toBe(0);
		expect(outcome.management).toBeCloseTo(50, 9);
		const [a] = analyzeEventOutcomes(parsed.event);
		expect(
			a!.analysis.kind === 'points' && [a!.analysis.point.labour, a!.analysis.point.management]
		).toEqual([45, 53]);
	});

	it('[S28][A9] keeps the confidential points off the judge’s page and the scoreboard away from the judge', async () => {
		expect((await get(`/events/${eventId}/judging/scoreboard`, cookies.judge)).status).toBe(404);
		const html = await (await get('/judge', cookies.judge)).text();
		expect(html).not.toContain('协议结果分析');
		expect(html).not.toContain('valueLeftOnTable');
	});

	it('[S28][E5] publishes results without the confidential points', async () => {
		// Scored, so the match is counted (a match without submitted sheets is left out).
		await scoreBothSides(db, { id: matchId });
		const release = await fetch(`${server.url}/events/${eventId}/judging/scoreboard?/release`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie: organizer,
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: ''
		});
		expect(release.status).toBe(200);
		const res = await get(`/results/${eventId}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('演示职工队');
		// Page data is serialised with bare keys (devalue), so look for the field names themselves.
		for (const secret of [
			'协议结果分析',
			'outcome-analysis',
			'analysis',
			'valueLeftOnTable',
			'bestLabour',
			'maxJoint',
			'agenda',
			'reservation',
			'frontier'
		]) {
			expect(html, secret).not.toContain(secret);
		}
	});
});

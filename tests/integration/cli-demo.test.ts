/**
 * `xs demo --json` against a running server's database: the event it creates is served at once,
 * its join URLs seat a browser, and the seat opens the documents DESIGN.md gives its role.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	connectClient,
	ROOT,
	startServerProcess,
	synced,
	tempDbPath,
	upgradeStatus,
	type Client,
	type ServerProcess
} from './harness.ts';

const run = promisify(execFile);

interface DemoOutput {
	event: string;
	match: string;
	seats: { role: string; side: string | null; joinUrl: string; code: string }[];
	docs: { table: string; caucusLabour: string; caucusManagement: string };
}

let server: ServerProcess;
let demo: DemoOutput;
let stdout = '';
let databasePath = '';
const clients: Client[] = [];

beforeAll(async () => {
	const DATABASE_PATH = (databasePath = tempDbPath());
	server = await startServerProcess({ DATABASE_PATH });
	// The CLI as a user runs it: same DATABASE_PATH, and the server's PORT for the links it prints.
	({ stdout } = await run(
		process.execPath,
		['--import', 'tsx', 'server/cli.ts', 'demo', '--json'],
		{
			cwd: ROOT,
			env: { ...process.env, DATABASE_PATH, PORT: String(server.port), ORIGIN: '' }
		}
	));
	demo = JSON.parse(stdout) as DemoOutput;
});

afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
});

/** The join URL on the test server: the CLI names `localhost`, the server listens on 127.0.0.1. */
const onServer = (joinUrl: string) => `${server.url}${new URL(joinUrl).pathname}`;

async function joinAs(role: string, name: string): Promise<string> {
	const seat = demo.seats.find((s) => s.role === role)!;
	const res = await fetch(`${onServer(seat.joinUrl)}?name=${encodeURIComponent(name)}`, {
		redirect: 'manual'
	});
	await res.arrayBuffer();
	expect(res.status, `${role} join`).toBe(303);
	expect(res.headers.get('location')).toBe(`/match/${demo.match}`);
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
	expect(cookie).toMatch(/^xs_session=[a-z2-7]{32}$/);
	return cookie;
}

describe('xs demo --json', () => {
	it("[U5] prints links on the running server's real address even from a shell with another PORT", async () => {
		const { stdout: other } = await run(
			process.execPath,
			['--import', 'tsx', 'server/cli.ts', 'demo', '--json'],
			{
				cwd: ROOT,
				env: { ...process.env, DATABASE_PATH: databasePath, PORT: '3999', ORIGIN: '' }
			}
		);
		const seats = (JSON.parse(other) as DemoOutput).seats;
		for (const s of seats) expect(s.joinUrl.startsWith(`${server.url}/join/`)).toBe(true);
	});

	it('[U5] prints one JSON object: event, match, every seat with role, side and join URL, and the doc names', () => {
		expect(stdout.trim().split('\n')).toHaveLength(1);
		expect(demo.event).toMatch(/^[a-z2-7]{16}$/);
		expect(demo.match).toMatch(/^[a-z2-7]{16}$/);
		// One chief and three members a side (membersPerSide 4), one judge and one observer.
		const roles = demo.seats.map((s) => `${s.role}/${s.side}`).sort();
		expect(roles).toEqual([
			'judge/null',
			'labour-chief/labour',
			'labour-member/labour',
			'labour-member/labour',
			'labour-member/labour',
			'management-chief/management',
			'management-member/management',
			'management-member/management',
			'management-member/management',
			'observer/null'
		]);
		// The address the running server recorded (it listens on 127.0.0.1 here).
		for (const s of demo.seats)
			expect(s.joinUrl).toMatch(
				new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/join/[a-z2-7]{32}$`)
			);
		expect(new Set(demo.seats.map((s) => s.joinUrl)).size).toBe(demo.seats.length);
		expect(demo.docs).toEqual({
			table: `match/${demo.match}/table`,
			caucusLabour: `match/${demo.match}/caucus/labour`,
			caucusManagement: `match/${demo.match}/caucus/management`
		});
	});

	it('[W5][A2][A3] seats a browser through a join URL, which then opens the table over WebSocket', async () => {
		const cookie = await joinAs('labour-chief', '演示王');
		const c = connectClient(server.wsUrl, demo.docs.table, new Y.Doc(), cookie);
		clients.push(c);
		await synced(c);
		// The server wrote the scenario's agenda when it created the document.
		expect(c.doc.getArray('agenda').length).toBeGreaterThan(0);
		// The labour seat also opens its own caucus, and is refused the other side's before the upgrade.
		expect(await upgradeStatus(server.port, `/yjs/${demo.docs.caucusLabour}`, { cookie })).toBe(
			101
		);
		expect(await upgradeStatus(server.port, `/yjs/${demo.docs.caucusManagement}`, { cookie })).toBe(
			403
		);
	});

	it('[A3] serves the management seats the management caucus and not the labour one', async () => {
		const cookie = await joinAs('management-member', '演示李');
		expect(await upgradeStatus(server.port, `/yjs/${demo.docs.caucusManagement}`, { cookie })).toBe(
			101
		);
		expect(await upgradeStatus(server.port, `/yjs/${demo.docs.caucusLabour}`, { cookie })).toBe(
			403
		);
	});
});

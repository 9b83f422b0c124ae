/**
 * `xs demo [--json] [--case ID] [--organizer LOGIN] [--base-url URL]`: a demo event with two
 * teams and one match, on the same database as the server (DATABASE_URL or DATABASE_PATH), and a join URL for
 * every seat. A running server serves it at once, and the links use the address it recorded
 * when it started (so they work whatever PORT this shell has); --base-url overrides.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { runningServerUrl } from '../server-url.ts';
import { openRelational } from '#lib/server/sql/open.ts';
import { sideOf } from '#lib/server/events/events.ts';
import { caucusDocName, tableDocName } from '#lib/server/access.ts';
import { createDemoEvent, DEMO_SCENARIO } from '#lib/server/events/demo.ts';
import { getScenario, listScenarios } from '#lib/server/scenarios.ts';
import { resolveCase } from '#lib/server/cases/resolve.ts';
import { organizerId as organizerOf } from './case-db.ts';

export async function run(argv: string[]): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				json: { type: 'boolean', default: false },
				scenario: { type: 'string' },
				// A built-in's file name or a case id in the database (K13); --scenario is its old name.
				case: { type: 'string' },
				organizer: { type: 'string' },
				'base-url': { type: 'string' }
			}
		}));
	} catch (e) {
		console.error(`xs demo: ${(e as Error).message}`);
		return 2;
	}
	const config = loadConfig();
	const wanted = values.case ?? values.scenario ?? DEMO_SCENARIO;
	let scenarioId = wanted;
	const base = (
		values['base-url'] ??
		config.ORIGIN ??
		runningServerUrl(config.DATABASE_PATH) ??
		`http://localhost:${config.PORT}`
	).replace(/\/$/, '');
	const sql = await openRelational(config);
	const { db } = sql;
	try {
		if (!getScenario(wanted)) {
			// A case in the database: the event pins its latest version (K8).
			const found = /^[a-z0-9]+$/.test(wanted) ? await resolveCase(db, wanted) : undefined;
			if (found) scenarioId = found.ref;
			else {
				console.error(
					`xs demo: no case "${wanted}"; shipped: ${listScenarios()
						.map((s) => s.id)
						.join(', ')} (or a case id from \`xs case list\`)`
				);
				return 2;
			}
		}
		let organizerId: string | null = null;
		if (values.organizer) {
			organizerId = await organizerOf(sql, values.organizer);
			if (!organizerId) {
				console.error(`xs demo: no organizer with login "${values.organizer}"`);
				return 2;
			}
		}
		// Without --organizer the first organizer, if any, runs the demo (see createDemoEvent).
		const {
			event,
			match,
			seats,
			organizerId: organizer
		} = await createDemoEvent(db, scenarioId, organizerId);
		const out = {
			event: event.id,
			match: match.id,
			seats: seats.map((s) => ({
				role: s.role,
				side: sideOf(s.role),
				joinUrl: `${base}/join/${s.code}`,
				code: s.shortCode
			})),
			docs: {
				table: tableDocName(match.id),
				caucusLabour: caucusDocName(match.id, 'labour'),
				caucusManagement: caucusDocName(match.id, 'management')
			}
		};
		if (values.json) console.log(JSON.stringify(out));
		else {
			console.log(`演示活动已创建 (demo event created): ${event.name}`);
			console.log(`  ${base}/match/${match.id}\n`);
			for (const s of out.seats) console.log(`  ${s.role.padEnd(18)} ${s.joinUrl}   (${s.code})`);
			if (!organizer)
				console.log(`\n还没有组织者账号：打开 ${base}/setup 创建，即可管理后续活动。`);
		}
		return 0;
	} finally {
		await sql.close();
	}
}

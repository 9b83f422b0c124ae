/**
 * Events on studio cases (K8–K10): which case version an event runs, whether a newer one exists,
 * and moving an event that has not started to it. The move is one conditional statement
 * (store.moveEventCase), audited through the query layer.
 */
import type { Kysely } from 'kysely';
import type { SqlSchema } from '../sql/schema.ts';
import { appendAudit } from '../sql/audit.ts';
import { getScenario } from '../scenarios.ts';
import { services } from '../services.ts';
import { caucusDocName, tableDocName } from '../../collab/protocol.ts';
import { replaceTemplate } from '../../collab/table-doc.ts';
import type { DocTemplate } from '../../collab/schema.ts';
import { SIDE_NAME_ZH, type Side } from '../../domain/roles.ts';
import type { ResolvedScenario } from '../../domain/index.ts';
import { caseRef, parseCaseRef, resolveCase } from './resolve.ts';
import { accessTo, CaseRefused } from './service.ts';
import { getCase, matchIdsOfEvent, moveEventCase } from './store.ts';

type Db = Kysely<SqlSchema>;

export interface EventCaseStatus {
	caseId: string;
	title: string;
	version: number;
	latestVersion: number;
	/** Whether the organizer may still read the case (it may have been unshared since). */
	canRead: boolean;
	/** A match of the event has left `scheduled`: the version is fixed for good (K9). */
	started: boolean;
}

/** The pinned case version of an event on a studio case; null for a shipped file. */
export async function eventCaseStatus(
	db: Db,
	userId: string,
	event: { scenarioId: string },
	matchStatuses: readonly string[]
): Promise<EventCaseStatus | null> {
	const pin = parseCaseRef(event.scenarioId);
	if (!pin) return null;
	const row = await getCase(db, pin.caseId);
	let canRead = true;
	try {
		await accessTo(db, userId, pin.caseId);
	} catch {
		canRead = false;
	}
	return {
		caseId: pin.caseId,
		title: getScenario(event.scenarioId)?.title ?? row?.title ?? pin.caseId,
		version: pin.version,
		latestVersion: canRead ? (row?.latestVersion ?? pin.version) : pin.version,
		canRead,
		started: matchStatuses.some((s) => s !== 'scheduled')
	};
}

/**
 * Moves an event to a later version of its case (K10): the caller must organize the event (the
 * route checks) and may read the case; refused once a match has started, and for a version that
 * is not later or does not validate.
 */
export async function moveEventToVersion(
	db: Db,
	userId: string,
	event: { id: string; scenarioId: string },
	toVersion: number
): Promise<{ from: number; to: number }> {
	const pin = parseCaseRef(event.scenarioId);
	if (!pin) throw new CaseRefused(400, '本活动使用内置案例，没有可换的版本');
	await accessTo(db, userId, pin.caseId);
	if (toVersion <= pin.version) throw new CaseRefused(400, '只能换到更新的版本');
	const target = await resolveCase(db, pin.caseId, toVersion);
	if (!target || target.version !== toVersion) throw new CaseRefused(404, '没有这个版本');
	const moved = await moveEventCase(db, event.id, event.scenarioId, caseRef(pin.caseId, toVersion));
	if (!moved) throw new CaseRefused(409, '活动已经开始（有场次已开始或已结束），案例版本不能再换');
	await retemplateMatches(db, event.id, target.scenario);
	await appendAudit(db, event.id, `user:${userId}`, 'event.case.move', {
		from: `第 ${pin.version} 版`,
		to: `第 ${toVersion} 版`
	});
	return { from: pin.version, to: toVersion };
}

/** The initial content of a match's table or a side's caucus document for a scenario. */
export function matchDocTemplate(
	scenario: ResolvedScenario,
	doc: { kind: 'table' } | { kind: 'caucus'; side: Side }
): DocTemplate {
	return {
		kind: doc.kind,
		title:
			doc.kind === 'table'
				? scenario.title
				: `${scenario.title} · 内部磋商（${SIDE_NAME_ZH[doc.side]}）`,
		agenda: scenario.terms
	};
}

/**
 * A match's documents may exist before it starts (an organizer looked at the table): after a move
 * they are rewritten from the new version, so the table shows its terms and figures (K10).
 */
async function retemplateMatches(db: Db, eventId: string, scenario: ResolvedScenario) {
	const svc = services();
	for (const matchId of await matchIdsOfEvent(db, eventId)) {
		await svc.changeDoc(tableDocName(matchId), (doc) =>
			replaceTemplate(doc, matchDocTemplate(scenario, { kind: 'table' }))
		);
		for (const side of ['labour', 'management'] as const)
			await svc.changeDoc(caucusDocName(matchId, side), (doc) =>
				replaceTemplate(doc, matchDocTemplate(scenario, { kind: 'caucus', side }))
			);
	}
}

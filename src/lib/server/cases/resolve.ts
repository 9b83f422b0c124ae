/**
 * One way to the scenario the engine runs, whatever holds it: a shipped file (`scenarios/*.yaml`,
 * a built-in case) or a studio case version in the database. Case versions and saved
 * jurisdictions never change once written, so a resolved version is cached for the process.
 */
import type { Kysely } from 'kysely';
import type { SqlSchema } from '../sql/schema.ts';
import {
	checkCaseDocument,
	jurisdictionSchema,
	type Jurisdiction,
	type LoadResult,
	type ResolvedScenario
} from '../../domain/index.ts';
import { getScenario, shippedJurisdictions } from '../scenarios.ts';
import { eventCasePin, getVersion, listJurisdictions } from './store.ts';

type Db = Kysely<SqlSchema>;

const resolved = new Map<string, ResolvedScenario>();
const key = (caseId: string, version: number) => `${caseId}@${version}`;

/** Shipped jurisdictions and those saved in the studio (a shipped id wins). */
export async function allJurisdictions(db: Db): Promise<Record<string, Jurisdiction>> {
	const out: Record<string, Jurisdiction> = {};
	for (const j of await listJurisdictions(db)) {
		const r = jurisdictionSchema.safeParse(j.document);
		if (r.success) out[j.id] = r.data;
	}
	return { ...out, ...shippedJurisdictions() };
}

/** Validates a case document against every jurisdiction the server knows. */
export async function checkDocument(
	db: Db,
	document: unknown,
	file = 'case.yaml'
): Promise<LoadResult<ResolvedScenario>> {
	return checkCaseDocument(document, await allJurisdictions(db), file);
}

/** Is this id a shipped (built-in) case? */
export const isBuiltIn = (id: string): boolean => getScenario(id) !== undefined;

/**
 * The scenario of a case: a built-in by its file id, or a database case at `version` (the latest
 * without it). Undefined when there is no such case or its stored version no longer validates.
 */
export async function resolveCase(
	db: Db,
	caseId: string,
	version?: number
): Promise<{ scenario: ResolvedScenario; version: number } | undefined> {
	const builtIn = getScenario(caseId);
	if (builtIn) return { scenario: builtIn, version: 1 };
	if (version !== undefined) {
		const hit = resolved.get(key(caseId, version));
		if (hit) return { scenario: hit, version };
	}
	const v = await getVersion(db, caseId, version);
	if (!v) return undefined;
	const r = await checkDocument(db, v.document);
	if (!r.ok) return undefined;
	resolved.set(key(caseId, v.version), r.value);
	return { scenario: r.value, version: v.version };
}

/**
 * The scenario an event runs: the case version it is pinned to (K8), else the shipped file its
 * `scenarioId` names.
 */
export async function scenarioForEvent(
	db: Db,
	event: { id: string; scenarioId: string }
): Promise<ResolvedScenario | undefined> {
	const pin = await eventCasePin(db, event.id);
	if (!pin) return getScenario(event.scenarioId);
	return (await resolveCase(db, pin.caseId, pin.version))?.scenario;
}

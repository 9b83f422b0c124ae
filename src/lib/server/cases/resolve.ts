/**
 * One way to the scenario the engine runs, whatever holds it: a shipped file (`scenarios/*.yaml`,
 * a built-in case) or a studio case version in the database. An event names its case version as
 * `<caseId>@<version>` in its `scenario_id` (K8), so every existing `getScenario(event.scenarioId)`
 * reads the pinned version; this module resolves such references from the database (async) and
 * hands them to scenarios.ts's cache, which the synchronous callers read.
 */
import type { Kysely } from 'kysely';
import type { SqlSchema } from '../sql/schema.ts';
import {
	checkCaseDocument,
	jurisdictionFileSchema,
	type JurisdictionFile,
	type LoadResult,
	type ResolvedScenario
} from '../../domain/index.ts';
import {
	cachedCaseVersion,
	getScenario,
	isCaseRef,
	onPinnedMiss,
	rememberCaseVersion,
	shippedJurisdictions
} from '../scenarios.ts';
import { getVersion, listJurisdictions, pinnedCaseRefs } from './store.ts';

type Db = Kysely<SqlSchema>;

/** The reference an event stores for a case version. */
export const caseRef = (caseId: string, version: number): string => `${caseId}@${version}`;

export function parseCaseRef(ref: string): { caseId: string; version: number } | null {
	if (!isCaseRef(ref)) return null;
	const [caseId, v] = ref.split('@') as [string, string];
	return { caseId, version: Number(v) };
}

/** Shipped jurisdictions and those saved in the studio (a shipped id wins). */
export async function allJurisdictions(db: Db): Promise<Record<string, JurisdictionFile>> {
	const out: Record<string, JurisdictionFile> = {};
	for (const j of await listJurisdictions(db)) {
		const r = jurisdictionFileSchema.safeParse(j.document);
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
export const isBuiltIn = (id: string): boolean => !isCaseRef(id) && getScenario(id) !== undefined;

/**
 * The scenario of a case: a built-in by its file id, or a database case at `version` (the latest
 * without it). Undefined when there is no such case or its stored version no longer validates.
 */
export async function resolveCase(
	db: Db,
	caseId: string,
	version?: number
): Promise<{ scenario: ResolvedScenario; version: number; ref: string } | undefined> {
	if (isBuiltIn(caseId)) return { scenario: getScenario(caseId)!, version: 1, ref: caseId };
	if (version !== undefined) {
		const hit = cachedCaseVersion(caseRef(caseId, version));
		if (hit) return { scenario: hit, version, ref: caseRef(caseId, version) };
	}
	const v = await getVersion(db, caseId, version);
	if (!v) return undefined;
	const r = await checkDocument(db, v.document);
	if (!r.ok) return undefined;
	const ref = caseRef(caseId, v.version);
	rememberCaseVersion(ref, r.value);
	return { scenario: r.value, version: v.version, ref };
}

/** The scenario an event's `scenario_id` names, loading a pinned case version when needed. */
export async function scenarioByRef(db: Db, ref: string): Promise<ResolvedScenario | undefined> {
	const p = parseCaseRef(ref);
	if (!p) return getScenario(ref);
	return (await resolveCase(db, p.caseId, p.version))?.scenario;
}

/**
 * Loads every case version events are pinned to, so pages and room templates find them at once
 * after a restart, and loads any other on first sight (an event another instance created).
 */
export async function warmPinnedCases(db: Db): Promise<void> {
	onPinnedMiss((ref) => void scenarioByRef(db, ref).catch(() => undefined));
	for (const ref of await pinnedCaseRefs(db)) await scenarioByRef(db, ref);
}

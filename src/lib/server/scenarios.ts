/**
 * The shipped scenarios for SvelteKit routes: read once from `SCENARIOS_DIR` (default
 * `./scenarios`), validated with the domain's parsers, cached in memory. The CLI has its own
 * loader (server/scenario-files.ts); that one locates files from its own module URL, which does
 * not survive bundling, so the few lines are repeated here against the working directory.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	formatProblem,
	parseJurisdiction,
	parseScenario,
	type JurisdictionFile,
	type ResolvedScenario
} from '../domain/index.ts';
import { payModel } from '../scenario-public.ts';
import { caseDocumentFromYaml } from '../domain/case-document.ts';

export interface ScenarioSummary {
	id: string;
	title: string;
	payModel: 'enterprise' | 'piece-rate' | 'both';
	jurisdiction: string;
	instrument: string;
}

interface Loaded {
	byId: Map<string, ResolvedScenario>;
	/** Each valid scenario's file as plain data (what the author wrote): the studio copies it. */
	documents: Map<string, unknown>;
	jurisdictions: Record<string, JurisdictionFile>;
	problems: string[];
}

let cache: { dir: string; loaded: Loaded } | null = null;

const yamlIn = (dir: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => /\.ya?ml$/.test(f))
				.sort()
		: [];

function scenariosDir(): string {
	return process.env.SCENARIOS_DIR ?? join(process.cwd(), 'scenarios');
}

function load(dir: string): Loaded {
	const jurisdictions: Record<string, JurisdictionFile> = {};
	const problems: string[] = [];
	const jdir = join(dir, 'jurisdictions');
	for (const f of yamlIn(jdir)) {
		const r = parseJurisdiction(readFileSync(join(jdir, f), 'utf8'), f);
		if (r.ok) jurisdictions[r.value.id] ??= r.value;
		else problems.push(...r.problems.map(formatProblem));
	}
	const byId = new Map<string, ResolvedScenario>();
	const documents = new Map<string, unknown>();
	for (const f of yamlIn(dir)) {
		const text = readFileSync(join(dir, f), 'utf8');
		const r = parseScenario(text, f, jurisdictions);
		// The id in the URL is the file name: stable even if an author renames the case.
		const id = basename(f).replace(/\.ya?ml$/, '');
		if (r.ok) {
			byId.set(id, r.value);
			documents.set(id, caseDocumentFromYaml(text));
		} else problems.push(...r.problems.map(formatProblem));
	}
	if (problems.length)
		console.warn(`scenarios: ${problems.length} problem(s) in ${dir}\n${problems.join('\n')}`);
	return { byId, documents, jurisdictions, problems };
}

function loaded(): Loaded {
	const dir = scenariosDir();
	if (!cache || cache.dir !== dir) cache = { dir, loaded: load(dir) };
	return cache.loaded;
}

/** Every valid scenario, by file name. */
export function listScenarios(): ScenarioSummary[] {
	return [...loaded().byId.entries()].map(([id, s]) => ({
		id,
		title: s.title,
		payModel: payModel(s),
		jurisdiction: s.rules.name,
		instrument: s.instrument
	}));
}

/**
 * Case versions from the database that events are pinned to (`<caseId>@<version>`, K8), resolved
 * by cases/resolve.ts. A version never changes, so once resolved it stays. The cache sits in one
 * global slot because the SvelteKit bundle and server/ (room templates) load this module twice.
 */
interface PinnedCache {
	byRef: Map<string, ResolvedScenario>;
	/** Called on a miss (another instance pinned it, or not warmed yet): loads it for next time. */
	onMiss?: (ref: string) => void;
}
const PINNED = Symbol.for('xieshang.pinnedCases');
function pinned(): PinnedCache {
	const g = globalThis as { [PINNED]?: PinnedCache };
	return (g[PINNED] ??= { byRef: new Map() });
}

/** `<caseId>@<version>`: an event's reference to a stored case version rather than a file. */
export const isCaseRef = (id: string): boolean => /^[a-z0-9]+@[1-9][0-9]*$/.test(id);

export function rememberCaseVersion(ref: string, scenario: ResolvedScenario): void {
	pinned().byRef.set(ref, scenario);
}

/** A cached case version, without asking for it to be loaded. */
export function cachedCaseVersion(ref: string): ResolvedScenario | undefined {
	return pinned().byRef.get(ref);
}

export function onPinnedMiss(load: (ref: string) => void): void {
	pinned().onMiss = load;
}

/**
 * One scenario with its jurisdiction merged in, confidential part included: server use only. `id`
 * is a shipped file's name or a pinned case version (`<caseId>@<version>`, see above).
 */
export function getScenario(id: string): ResolvedScenario | undefined {
	if (!isCaseRef(id)) return loaded().byId.get(id);
	const hit = pinned().byRef.get(id);
	const onMiss = pinned().onMiss;
	if (!hit && onMiss) queueMicrotask(() => onMiss(id));
	return hit;
}

/** A shipped scenario's file as plain data (the studio's built-in case document). */
export function getScenarioDocument(id: string): unknown {
	return loaded().documents.get(id);
}

/** The shipped jurisdictions (`jurisdictions/*.yaml`), by id. */
export function shippedJurisdictions(): Record<string, JurisdictionFile> {
	return loaded().jurisdictions;
}

/** Forgets the cache (tests that point SCENARIOS_DIR elsewhere). */
export function clearScenarioCache(): void {
	cache = null;
}

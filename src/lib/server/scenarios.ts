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
	type Jurisdiction,
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
	jurisdictions: Record<string, Jurisdiction>;
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
	const jurisdictions: Record<string, Jurisdiction> = {};
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

/** One scenario with its jurisdiction merged in, confidential part included: server use only. */
export function getScenario(id: string): ResolvedScenario | undefined {
	return loaded().byId.get(id);
}

/** A shipped scenario's file as plain data (the studio's built-in case document). */
export function getScenarioDocument(id: string): unknown {
	return loaded().documents.get(id);
}

/** The shipped jurisdictions (`jurisdictions/*.yaml`), by id. */
export function shippedJurisdictions(): Record<string, Jurisdiction> {
	return loaded().jurisdictions;
}

/** Forgets the cache (tests that point SCENARIOS_DIR elsewhere). */
export function clearScenarioCache(): void {
	cache = null;
}

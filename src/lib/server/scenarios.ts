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

export interface ScenarioSummary {
	id: string;
	title: string;
	payModel: 'enterprise' | 'piece-rate' | 'both';
	jurisdiction: string;
	instrument: string;
}

interface Loaded {
	byId: Map<string, ResolvedScenario>;
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
	for (const f of yamlIn(dir)) {
		const r = parseScenario(readFileSync(join(dir, f), 'utf8'), f, jurisdictions);
		// The id in the URL is the file name: stable even if an author renames the case.
		if (r.ok) byId.set(basename(f).replace(/\.ya?ml$/, ''), r.value);
		else problems.push(...r.problems.map(formatProblem));
	}
	if (problems.length)
		console.warn(`scenarios: ${problems.length} problem(s) in ${dir}\n${problems.join('\n')}`);
	return { byId, jurisdictions, problems };
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

/** Forgets the cache (tests that point SCENARIOS_DIR elsewhere). */
export function clearScenarioCache(): void {
	cache = null;
}

/** The shipped jurisdictions by id (the studio resolves a case being edited against them). */
export function listJurisdictions(): Record<string, Jurisdiction> {
	return loaded().jurisdictions;
}

/** A shipped scenario's YAML text, as its author wrote it (the studio's built-in document). */
export function scenarioSource(id: string): string | undefined {
	if (!loaded().byId.has(id)) return undefined;
	const dir = scenariosDir();
	const file = yamlIn(dir).find((f) => basename(f).replace(/\.ya?ml$/, '') === id);
	return file ? readFileSync(join(dir, file), 'utf8') : undefined;
}

/**
 * Reading scenario and jurisdiction files from disk for the CLI and tests. The domain parses
 * text; this module only finds and reads files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	formatProblem,
	parseCalendar,
	parseJurisdiction,
	parseScenario,
	type JurisdictionFile,
	type LoadResult,
	type Problem,
	type ResolvedScenario,
	type WorkCalendar
} from '../src/lib/domain/index.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCENARIO_DIR = join(repoRoot, 'scenarios');

/** Shown in messages relative to the working directory when that is shorter. */
export function displayPath(file: string): string {
	const rel = relative(process.cwd(), file);
	return rel && !rel.startsWith('..') ? rel : file;
}

export function isJurisdictionFile(file: string, text: string): boolean {
	return (
		basename(dirname(resolve(file))) === 'jurisdictions' || /^kind:\s*jurisdiction\s*$/m.test(text)
	);
}

export const CALENDAR_DIR = join(SCENARIO_DIR, 'calendars');

export function isCalendarFile(file: string, text: string): boolean {
	return basename(dirname(resolve(file))) === 'calendars' || /^kind:\s*calendar\s*$/m.test(text);
}

/** The shipped work calendar (public holidays and make-up working days), validated. */
export function loadCalendar(id = 'cn'): WorkCalendar {
	const file = join(CALENDAR_DIR, `${id}.yaml`);
	if (!existsSync(file)) throw new Error(`no calendar "${id}" in ${displayPath(CALENDAR_DIR)}`);
	const r = parseCalendar(readFileSync(file, 'utf8'), displayPath(file));
	if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
	return r.value;
}

const yamlIn = (dir: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => /\.ya?ml$/.test(f))
				.map((f) => join(dir, f))
		: [];

/** Loads the jurisdictions visible to a scenario file: its sibling `jurisdictions/` and the shipped ones. */
export function loadJurisdictionsFor(scenarioFile: string): {
	jurisdictions: Record<string, JurisdictionFile>;
	problems: Problem[];
} {
	const dirs = [
		...new Set([
			join(dirname(resolve(scenarioFile)), 'jurisdictions'),
			join(SCENARIO_DIR, 'jurisdictions')
		])
	];
	const jurisdictions: Record<string, JurisdictionFile> = {};
	const problems: Problem[] = [];
	for (const dir of dirs) {
		for (const f of yamlIn(dir)) {
			const r = parseJurisdiction(readFileSync(f, 'utf8'), displayPath(f));
			if (r.ok) jurisdictions[r.value.id] ??= r.value;
			else problems.push(...r.problems);
		}
	}
	return { jurisdictions, problems };
}

/** Reads and validates one file of either kind. */
export function loadFile(file: string): LoadResult<
	ResolvedScenario | JurisdictionFile | WorkCalendar
> & {
	kind: 'scenario' | 'jurisdiction' | 'calendar';
} {
	const shown = displayPath(file);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		const msg =
			(e as NodeJS.ErrnoException).code === 'ENOENT'
				? 'file not found'
				: `cannot read file (${(e as Error).message})`;
		return {
			ok: false,
			kind: 'scenario',
			problems: [{ file: shown, line: 1, column: 1, path: '', message: msg }]
		};
	}
	if (isJurisdictionFile(file, text))
		return { ...parseJurisdiction(text, shown), kind: 'jurisdiction' };
	if (isCalendarFile(file, text)) return { ...parseCalendar(text, shown), kind: 'calendar' };
	const { jurisdictions } = loadJurisdictionsFor(file);
	return { ...parseScenario(text, shown, jurisdictions), kind: 'scenario' };
}

/** Every YAML file under `scenarios/` (recursively). */
export function allScenarioFiles(dir = SCENARIO_DIR): string[] {
	const out: string[] = [];
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) out.push(...allScenarioFiles(p));
		else if (/\.ya?ml$/.test(e.name)) out.push(p);
	}
	return out.sort();
}

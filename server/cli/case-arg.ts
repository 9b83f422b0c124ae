/**
 * The CASE argument of `xs sweep` and `xs compare`, read as `xs cost` reads its scenario: a
 * scenario file, or the id of a shipped case (`s2-qianhu-food-delivery`). Terms files are JSON
 * or YAML mappings of term id → value, as `xs cost --terms` reads them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
	formatProblem,
	sortProblems,
	type ResolvedScenario,
	type TermValues
} from '../../src/lib/domain/index.ts';
import { loadFile, SCENARIO_DIR } from '../scenario-files.ts';

export function loadCaseArg(command: string, arg: string): ResolvedScenario | null {
	const file =
		!existsSync(arg) && /^[a-z0-9-]+$/.test(arg) && existsSync(join(SCENARIO_DIR, `${arg}.yaml`))
			? join(SCENARIO_DIR, `${arg}.yaml`)
			: arg;
	if (!existsSync(file)) {
		console.error(`xs ${command}: no scenario file or case "${arg}"`);
		return null;
	}
	const loaded = loadFile(file);
	if (!loaded.ok) {
		for (const p of sortProblems(loaded.problems)) console.error(formatProblem(p));
		return null;
	}
	if (loaded.kind !== 'scenario') {
		console.error(`xs ${command}: ${arg} is not a scenario`);
		return null;
	}
	return loaded.value as ResolvedScenario;
}

export function readTermsFile(file: string): TermValues | string {
	try {
		const raw: unknown = parse(readFileSync(file, 'utf8'));
		if (raw === null || raw === undefined) return {};
		if (typeof raw !== 'object' || Array.isArray(raw))
			return `${file}: expected a mapping of term id → value`;
		return raw as TermValues;
	} catch (e) {
		return `${file}: ${(e as Error).message.split('\n')[0]}`;
	}
}

/** Flags and positionals of `xs sweep` / `xs compare`; null (after printing the usage) when bad. */
export function commandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
	command: string,
	argv: string[],
	options: O,
	usage: string
) {
	try {
		return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
	} catch (e) {
		console.error(`xs ${command}: ${(e as Error).message}\nusage: ${usage}`);
		return null;
	}
}

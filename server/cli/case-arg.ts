/**
 * The CASE argument of `xs sweep` and `xs compare`, read as `xs cost` reads its scenario: a
 * scenario file, the id of a shipped case (`s2-qianhu-food-delivery`), or a case in the
 * server's database by `ID` or `ID@N` (K13, G9). Terms files are JSON or YAML mappings of term
 * id → value, as `xs cost --terms` reads them.
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
import { CASE_REF, caseFromDatabase } from './case-db.ts';

export async function loadCaseArg(command: string, arg: string): Promise<ResolvedScenario | null> {
	const file =
		!existsSync(arg) && /^[a-z0-9-]+$/.test(arg) && existsSync(join(SCENARIO_DIR, `${arg}.yaml`))
			? join(SCENARIO_DIR, `${arg}.yaml`)
			: arg;
	if (!existsSync(file)) {
		// Not a file nor a shipped case: a user's case in the database, as `xs cost` reads it.
		const fromDb = CASE_REF.test(arg) ? await caseFromDatabase(arg) : null;
		if (!fromDb) console.error(`xs ${command}: no scenario file or case "${arg}"`);
		return fromDb;
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

/**
 * `xs case import FILE.yaml [--json] [--organizer LOGIN]`, `xs case list [--json]`,
 * `xs case export ID [--version N]`: the studio's cases on the server's database (DATABASE_PATH,
 * or DATABASE_URL), through the same store and checks as the web (server/SPEC.md K11, K13).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { caseDocumentToYaml, formatProblem, parseScenario } from '#lib/domain/index.ts';
import { caseDocumentFromYaml, caseTitle } from '#lib/domain/case-document.ts';
import { allJurisdictions, isBuiltIn } from '#lib/server/cases/resolve.ts';
import {
	allCases,
	casesVisibleTo,
	createCase,
	getCase,
	getVersion
} from '#lib/server/cases/store.ts';
import { canRead, caseAccess } from '#lib/server/cases/permissions.ts';
import { openRelational, type Sql } from '#lib/server/sql/open.ts';
import { getScenarioDocument, listScenarios } from '#lib/server/scenarios.ts';
import { commandOptions } from './options.ts';
import { loadConfig } from '../config.ts';
import { organizerId } from './case-db.ts';

const USAGE = [
	'xs case import FILE.yaml [--json] [--organizer LOGIN]',
	'xs case list [--json] [--as LOGIN]',
	'xs case export ID [--version N] [--as LOGIN]'
].join('\n       ');

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub === 'import') return importCase(rest);
	if (sub === 'list') return list(rest);
	if (sub === 'export') return exportCase(rest);
	console.error(`xs case: ${sub ? `unknown subcommand "${sub}"` : 'missing subcommand'}`);
	console.error(`usage: ${USAGE}`);
	return 2;
}

function positionals(argv: string[]): { args: string[]; flags: string[] } {
	const args: string[] = [];
	const flags: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		if (!a.startsWith('-')) args.push(a);
		else {
			flags.push(a);
			// Flags with a value take the next word unless written --flag=value.
			if (['--organizer', '--version', '--as'].includes(a) && i + 1 < argv.length)
				flags.push(argv[++i]!);
		}
	}
	return { args, flags };
}

async function importCase(argv: string[]): Promise<number> {
	const { args, flags } = positionals(argv);
	const opts = commandOptions(
		'case import',
		flags,
		{ json: { type: 'boolean', default: false }, organizer: { type: 'string' } },
		z.object({ json: z.boolean(), organizer: z.string().optional() }),
		USAGE
	);
	if (!opts.ok) return opts.code;
	if (args.length !== 1) {
		console.error(`usage: ${USAGE}`);
		return 2;
	}
	const file = args[0]!;
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		console.error(`xs case import: ${(e as Error).message}`);
		return 1;
	}
	const sql = await openRelational(loadConfig());
	try {
		const r = parseScenario(text, file, await allJurisdictions(sql.db));
		if (!r.ok) {
			for (const p of r.problems) console.error(formatProblem(p));
			return 1;
		}
		const owner = await organizerId(sql, opts.value.organizer);
		if (opts.value.organizer && !owner) {
			console.error(`xs case import: no organizer with login "${opts.value.organizer}"`);
			return 2;
		}
		const document = caseDocumentFromYaml(text);
		const made = await createCase(sql.db, {
			ownerUserId: owner ?? 'cli',
			title: caseTitle(document),
			document,
			note: `从 ${basename(file)} 导入（命令行）`
		});
		if (opts.value.json) console.log(JSON.stringify(made));
		else console.log(`案例已导入 (case imported): ${made.id} 第 ${made.version} 版`);
		return 0;
	} finally {
		await sql.close();
	}
}

async function list(argv: string[]): Promise<number> {
	const opts = commandOptions(
		'case list',
		argv,
		{ json: { type: 'boolean', default: false }, as: { type: 'string' } },
		z.object({ json: z.boolean(), as: z.string().optional() }),
		USAGE
	);
	if (!opts.ok) return opts.code;
	const sql = await openRelational(loadConfig());
	try {
		const viewer = await viewerId(sql, opts.value.as);
		if (viewer === false) return 2;
		const stored = viewer ? await casesVisibleTo(sql.db, viewer) : await allCases(sql.db);
		const rows = [
			...listScenarios().map((s) => ({ id: s.id, title: s.title, version: 1, builtIn: true })),
			...stored.map((c) => ({
				id: c.id,
				title: c.title,
				version: c.latestVersion,
				builtIn: false
			}))
		];
		if (opts.value.json) console.log(JSON.stringify(rows));
		else
			for (const r of rows)
				console.log(
					`${r.id.padEnd(24)} v${String(r.version).padEnd(4)} ${r.builtIn ? '内置 ' : ''}${r.title}`
				);
		return 0;
	} finally {
		await sql.close();
	}
}

async function exportCase(argv: string[]): Promise<number> {
	const { args, flags } = positionals(argv);
	const opts = commandOptions(
		'case export',
		flags,
		{ version: { type: 'string' }, as: { type: 'string' } },
		z.object({
			as: z.string().optional(),
			version: z
				.string()
				.regex(/^[1-9][0-9]*$/, '--version must be a positive whole number')
				.transform(Number)
				.optional()
		}),
		USAGE
	);
	if (!opts.ok) return opts.code;
	if (args.length !== 1) {
		console.error(`usage: ${USAGE}`);
		return 2;
	}
	const id = args[0]!;
	if (isBuiltIn(id)) {
		if (opts.value.version !== undefined && opts.value.version !== 1) {
			console.error(`xs case export: built-in case "${id}" has only version 1`);
			return 1;
		}
		process.stdout.write(caseDocumentToYaml(getScenarioDocument(id)));
		return 0;
	}
	const sql = await openRelational(loadConfig());
	try {
		const viewer = await viewerId(sql, opts.value.as);
		if (viewer === false) return 2;
		const row = await getCase(sql.db, id);
		const hidden = viewer !== null && (!row || !canRead(caseAccess(viewer, row)));
		const v = hidden ? null : await getVersion(sql.db, id, opts.value.version);
		if (!v) {
			console.error(
				`xs case export: no case "${id}"${opts.value.version ? ` version ${opts.value.version}` : ''}`
			);
			return 1;
		}
		process.stdout.write(caseDocumentToYaml(v.document));
		return 0;
	} finally {
		await sql.close();
	}
}

/**
 * `--as LOGIN`: act as that organizer, with the web's permissions (K2: only their own and shared
 * cases). Without it the command is the operator's, who holds the database file. False (after a
 * message) when the login is unknown.
 */
async function viewerId(sql: Sql, login: string | undefined): Promise<string | null | false> {
	if (login === undefined) return null;
	const id = await organizerId(sql, login);
	if (!id) console.error(`xs case: no organizer with login "${login}"`);
	return id ?? false;
}

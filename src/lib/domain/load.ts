/**
 * Parsing scenario and jurisdiction YAML with located, plain-language problems. Authors fix a
 * file faster when every problem is reported at once as `file:line:column path: message`, so
 * YAML syntax errors and every zod issue are collected and each zod path is mapped back to its
 * YAML node. Pure: the caller reads the files (the browser may hand us text it fetched).
 */
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import {
	jurisdictionFileSchema,
	jurisdictionSchema,
	mergeJurisdiction,
	type Jurisdiction,
	type JurisdictionFile
} from './jurisdiction.ts';
import { calendarSchema, type WorkCalendar } from './procedure/calendar.ts';
import { scenarioSchema, type ResolvedScenario } from './scenario.ts';

export interface Problem {
	file: string;
	line: number;
	column: number;
	/** Dotted path of the field, e.g. `enterprise.groups.2.headcount`. */
	path: string;
	message: string;
}

export type LoadResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `file:line:column path: message`, one line, no stack trace. */
export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}:${p.column} ${p.path || '(file)'}: ${p.message}`;
}

type Key = string | number;

interface Parsed {
	doc: Document.Parsed;
	lines: LineCounter;
	data: unknown;
	problems: Problem[];
}

function parseYaml(text: string, file: string): Parsed {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
	const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => {
		const pos = lines.linePos(e.pos[0]);
		return {
			file,
			line: pos.line,
			column: pos.col,
			path: '',
			message: e.message.split('\n')[0] ?? e.message
		};
	});
	return { doc, lines, data: doc.errors.length ? undefined : doc.toJS(), problems };
}

/** Finds the YAML node for a path, falling back to the deepest ancestor that exists. */
function locate(
	parsed: Parsed,
	path: readonly Key[],
	keyName?: string
): { line: number; column: number } {
	let node: unknown = parsed.doc.contents;
	let offset = 0;
	const apply = (n: unknown) => {
		if (isNode(n) && n.range) offset = n.range[0];
	};
	apply(node);
	const segs: Key[] = keyName === undefined ? [...path] : [...path, keyName];
	for (let i = 0; i < segs.length; i++) {
		const seg = segs[i] as Key;
		const isLast = i === segs.length - 1;
		if (isMap(node)) {
			const pair = node.items.find(
				(p) => (isNode(p.key) ? (p.key as { value?: unknown }).value : p.key) === seg
			);
			if (!pair) break;
			// An unknown key is reported at the key itself; anything else at its value.
			if (isLast && keyName !== undefined) {
				apply(pair.key);
				break;
			}
			apply(pair.value ?? pair.key);
			node = pair.value;
		} else if (isSeq(node) && typeof seg === 'number') {
			const item = node.items[seg];
			if (item === undefined) break;
			apply(item);
			node = item;
		} else break;
	}
	const pos = parsed.lines.linePos(offset);
	return { line: pos.line, column: pos.col };
}

function plain(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type': {
			const got = (issue as { input?: unknown }).input;
			if (got === undefined) return `missing; expected ${issue.expected}`;
			return `expected ${issue.expected}, got ${describe(got)}`;
		}
		case 'unrecognized_keys':
			return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
		case 'invalid_value':
			return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
		case 'too_small':
			return issue.origin === 'array' || issue.origin === 'string'
				? `needs at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}`
				: `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
		case 'too_big':
			return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
		case 'invalid_union': {
			const note = (issue as { note?: string }).note;
			if (note && /discriminator/i.test(note))
				return 'unknown kind; use number, choice, boolean, cell, table or clause';
			const branches = issue.errors.map((errs) =>
				errs.map((e) => `${e.path.join('.') || 'value'} ${plain(e)}`).join('; ')
			);
			return `does not match any allowed form: ${branches.join(' | or | ')}`;
		}
		default:
			return issue.message;
	}
}

function describe(v: unknown): string {
	if (v === null) return 'nothing (null)';
	if (Array.isArray(v)) return 'a list';
	if (typeof v === 'object') return 'a mapping';
	return `${typeof v} ${JSON.stringify(v)}`;
}

function toProblems(
	parsed: Parsed,
	file: string,
	issues: readonly z.core.$ZodIssue[],
	prefix: readonly Key[] = []
): Problem[] {
	return issues.map((issue) => {
		const path = [...prefix, ...(issue.path as Key[])];
		let at: { line: number; column: number };
		if (issue.code === 'unrecognized_keys' && issue.keys.length > 0)
			at = locate(parsed, path, issue.keys[0]);
		else at = locate(parsed, path);
		return { file, ...at, path: path.join('.'), message: plain(issue) };
	});
}

/** Parses and validates a jurisdiction file (a figure not found in its sources may be null, K14). */
export function parseJurisdiction(text: string, file: string): LoadResult<JurisdictionFile> {
	const parsed = parseYaml(text, file);
	if (parsed.problems.length) return { ok: false, problems: parsed.problems };
	const r = jurisdictionFileSchema.safeParse(parsed.data, { reportInput: true });
	if (!r.success) return { ok: false, problems: toProblems(parsed, file, r.error.issues) };
	return { ok: true, value: r.data };
}

/**
 * Parses and validates a scenario file, then merges its jurisdiction (looked up by id in
 * `jurisdictions`) with the scenario's overrides and validates the merge.
 */
export function parseScenario(
	text: string,
	file: string,
	jurisdictions: Readonly<Record<string, JurisdictionFile>>
): LoadResult<ResolvedScenario> {
	const parsed = parseYaml(text, file);
	if (parsed.problems.length) return { ok: false, problems: parsed.problems };
	const r = scenarioSchema.safeParse(parsed.data, { reportInput: true });
	const problems: Problem[] = r.success ? [] : toProblems(parsed, file, r.error.issues);
	const raw = parsed.data as
		{ jurisdiction?: unknown; jurisdictionOverrides?: unknown } | undefined;
	const jid = typeof raw?.jurisdiction === 'string' ? raw.jurisdiction : undefined;
	let rules: Jurisdiction | undefined;
	if (jid !== undefined) {
		const base = jurisdictions[jid];
		if (!base) {
			const known = Object.keys(jurisdictions).join(', ') || 'none loaded';
			problems.push({
				file,
				...locate(parsed, ['jurisdiction']),
				path: 'jurisdiction',
				message: `unknown jurisdiction "${jid}" (known: ${known})`
			});
		} else {
			const merged = jurisdictionSchema.safeParse(
				mergeJurisdiction(base, raw?.jurisdictionOverrides),
				{ reportInput: true }
			);
			if (merged.success) rules = merged.data;
			else
				problems.push(
					...toProblems(parsed, file, merged.error.issues, ['jurisdictionOverrides']).map((p, i) =>
						// A figure the jurisdiction leaves empty (not found in its sources) is the case's to give (K14).
						(merged.error.issues[i] as { input?: unknown }).input === null
							? {
									...p,
									message: `jurisdiction "${jid}" has no figure here (not found in its sources); give it in jurisdictionOverrides`
								}
							: p
					)
				);
		}
	}
	if (problems.length || !r.success || !rules) return { ok: false, problems };
	return { ok: true, value: { ...r.data, rules } };
}

/** Sorts problems by file, line and column so messages read top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
	return [...problems].sort(
		(a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
	);
}

/** Parses and validates a work calendar file (procedure/calendar.ts). */
export function parseCalendar(text: string, file: string): LoadResult<WorkCalendar> {
	const parsed = parseYaml(text, file);
	if (parsed.problems.length) return { ok: false, problems: parsed.problems };
	const r = calendarSchema.safeParse(parsed.data, { reportInput: true });
	if (!r.success) return { ok: false, problems: toProblems(parsed, file, r.error.issues) };
	return { ok: true, value: r.data };
}

/**
 * The studio's acts on cases, shared by the HTTP API (`/api/cases/**`), the list page and the
 * event pages: each checks the caller's access (permissions.ts), validates with the domain's one
 * schema (K7) and reads or writes through store.ts. Refusals are `CaseRefused` with a status and a
 * Chinese message; the routes turn them into JSON.
 */
import type { Kysely } from 'kysely';
import type { SqlSchema } from '../sql/schema.ts';
import {
	caseDocumentFromYaml,
	caseTitle,
	issuesZh,
	parseScenario,
	problemMessageZh,
	type Problem
} from '../../domain/index.ts';
import { getScenarioDocument, listScenarios } from '../scenarios.ts';
import { caseAccess, canRead, canWrite, type CaseAccess } from './permissions.ts';
import { allJurisdictions, checkDocument, isBuiltIn } from './resolve.ts';
import * as store from './store.ts';

type Db = Kysely<SqlSchema>;

export class CaseRefused extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly body: Record<string, unknown> = {}
	) {
		super(message);
	}
}

const NOT_FOUND = '没有这个案例，或您无权查看';

export interface CaseListItem {
	id: string;
	title: string;
	version: number;
	builtIn: boolean;
	shared: boolean;
	mine: boolean;
	updatedAt: number | null;
}

/** Built-ins first (in file order), then the caller's and shared cases, newest first (K2). */
export async function listCasesFor(db: Db, userId: string): Promise<CaseListItem[]> {
	const builtIns: CaseListItem[] = listScenarios().map((s) => ({
		id: s.id,
		title: s.title,
		version: 1,
		builtIn: true,
		shared: true,
		mine: false,
		updatedAt: null
	}));
	const own = (await store.casesVisibleTo(db, userId)).map((c) => ({
		id: c.id,
		title: c.title,
		version: c.latestVersion,
		builtIn: false,
		shared: c.shared,
		mine: c.ownerUserId === userId,
		updatedAt: c.updatedAt
	}));
	return [...builtIns, ...own];
}

export interface CaseView {
	id: string;
	title: string;
	builtIn: boolean;
	shared: boolean;
	mine: boolean;
	access: CaseAccess;
	version: number;
	versions: { version: number; note: string; by: string; at: number }[];
	document: unknown;
}

/** What the caller may know of a case; 404 when they may not read it (its existence untold). */
export async function accessTo(
	db: Db,
	userId: string | null | undefined,
	caseId: string
): Promise<{ access: CaseAccess; row: store.CaseRow | null }> {
	if (isBuiltIn(caseId)) {
		const access = caseAccess(userId, 'builtIn');
		if (!canRead(access)) throw new CaseRefused(404, NOT_FOUND);
		return { access, row: null };
	}
	const row = await store.getCase(db, caseId);
	const access = row ? caseAccess(userId, row) : 'none';
	if (!row || !canRead(access)) throw new CaseRefused(404, NOT_FOUND);
	return { access, row };
}

/** One version of a case (the latest without `version`) with the list of versions. */
export async function viewCase(
	db: Db,
	userId: string | null | undefined,
	caseId: string,
	version?: number
): Promise<CaseView> {
	const { access, row } = await accessTo(db, userId, caseId);
	if (!row) {
		if (version !== undefined && version !== 1) throw new CaseRefused(404, '没有这个版本');
		const document = getScenarioDocument(caseId);
		return {
			id: caseId,
			title: caseTitle(document),
			builtIn: true,
			shared: true,
			mine: false,
			access,
			version: 1,
			versions: [{ version: 1, note: '随系统提供的案例', by: '协商', at: 0 }],
			document
		};
	}
	const v = await store.getVersion(db, caseId, version);
	if (!v) throw new CaseRefused(404, '没有这个版本');
	const versions = await store.listVersions(db, caseId);
	return {
		id: row.id,
		title: row.title,
		builtIn: false,
		shared: row.shared,
		mine: access === 'owner',
		access,
		version: v.version,
		versions: versions.map(({ version, note, by, at }) => ({ version, note, by, at })),
		document: v.document
	};
}

/** A document that fails the schema is refused with each problem at its path, in Chinese (K7). */
async function validated(db: Db, document: unknown): Promise<void> {
	const r = await checkDocument(db, document);
	if (!r.ok)
		throw new CaseRefused(400, '案例有问题，请按提示修改', { issues: issuesZh(r.problems) });
}

/** A new case from a document, or from a copy of any version the caller may read (K1, K3). */
export async function createCaseFor(
	db: Db,
	userId: string | null | undefined,
	input: { document?: unknown; note?: string; copyOf?: { id: string; version?: number } }
): Promise<{ id: string; version: number }> {
	if (!userId) throw new CaseRefused(403, '请先以组织者身份登录');
	let document = input.document;
	let note = input.note?.trim() ?? '';
	if (input.copyOf) {
		const from = await viewCase(db, userId, input.copyOf.id, input.copyOf.version);
		if (document === undefined) document = from.document;
		if (!note) note = `复制自“${from.title}”第 ${from.version} 版`;
	}
	if (document === undefined) throw new CaseRefused(400, '请提供案例内容，或选择要复制的案例');
	await validated(db, document);
	return store.createCase(db, {
		ownerUserId: userId,
		title: caseTitle(document),
		document,
		note: note || '新建'
	});
}

/** A new version on top of `baseVersion`; 409 when someone saved since (K5). */
export async function saveCaseFor(
	db: Db,
	userId: string | null | undefined,
	caseId: string,
	input: { document: unknown; note: string; baseVersion: number }
): Promise<{ version: number }> {
	const { access } = await accessTo(db, userId, caseId);
	if (isBuiltIn(caseId)) throw new CaseRefused(403, '内置案例只读，请复制后再修改');
	if (!canWrite(access) || !userId) throw new CaseRefused(403, '您无权修改这个案例');
	await validated(db, input.document);
	const r = await store.saveVersion(db, {
		caseId,
		userId,
		document: input.document,
		note: input.note.trim(),
		title: caseTitle(input.document),
		baseVersion: input.baseVersion
	});
	if (!r.ok)
		throw new CaseRefused(409, `保存前已有人保存了第 ${r.latestVersion} 版，请先查看它的修改`, {
			latestVersion: r.latestVersion,
			by: r.by,
			at: r.at
		});
	return { version: r.version };
}

/** Only the author shares a case with every organizer, or takes it back (K3). */
export async function shareCaseFor(
	db: Db,
	userId: string | null | undefined,
	caseId: string,
	shared: boolean
): Promise<void> {
	const { access } = await accessTo(db, userId, caseId);
	if (access !== 'owner') throw new CaseRefused(403, '只有作者可以共享或取消共享');
	await store.setShared(db, caseId, shared);
}

export interface ImportError {
	line: number;
	column: number;
	path: string;
	message: string;
}

const importErrors = (problems: readonly Problem[]): ImportError[] =>
	problems.map((p) => ({
		line: p.line,
		column: p.column,
		path: p.path,
		message: problemMessageZh(p.message)
	}));

/**
 * A YAML case file imported as a new case: every problem located by line and column as
 * `xs validate` reports it, nothing stored unless the whole file is valid (K11).
 */
export async function importCaseFor(
	db: Db,
	userId: string | null | undefined,
	yamlText: string,
	file = 'case.yaml'
): Promise<{ id: string; version: number }> {
	if (!userId) throw new CaseRefused(403, '请先以组织者身份登录');
	const r = await validateYaml(db, yamlText, file);
	if (!r.ok) throw new CaseRefused(400, 'YAML 文件有问题，请按行号修改', { errors: r.errors });
	return store.createCase(db, {
		ownerUserId: userId,
		title: caseTitle(r.document),
		document: r.document,
		note: `从 ${file} 导入`
	});
}

/** Validates YAML text as a case; the plain document when valid, located errors otherwise. */
export async function validateYaml(
	db: Db,
	yamlText: string,
	file = 'case.yaml'
): Promise<{ ok: true; document: unknown } | { ok: false; errors: ImportError[] }> {
	const r = parseScenario(yamlText, file, await allJurisdictions(db));
	if (!r.ok) return { ok: false, errors: importErrors(r.problems) };
	return { ok: true, document: caseDocumentFromYaml(yamlText) };
}

/**
 * The one module that knows how a proposal workspace (`proposal/<id>`) is laid out inside its
 * Y.Doc (rules WS1–WS3 in src/lib/collab/README.md). An industry union drafts several versions of
 * its proposal (方案 A, B, C …) here with colleagues, live and offline; pages, exports and the
 * server read and write only through these functions.
 *
 * WS1 `meta` (Y.Map): schemaVersion, kind `proposal`, title, caseId.
 * WS2 `versions` (Y.Array of Y.Map): per version `id`, `name` (+ `nameBy`), `createdBy`,
 *     `createdAt`, `rationale` (Y.Text), `terms` (Y.Map of Y.Map { value, by, at }, as D3) and
 *     `texts` (Y.Map of Y.Text: each clause term's wording). Free text is Y.Text so that two
 *     colleagues typing into the same box, online or offline, both keep what they typed.
 * WS3 `log` (Y.Array of plain objects): every change of a term or a name, with who and when.
 *
 * ```ts
 * initProposalDoc(doc, { title: '2027 年骑手单价', caseId: 's2-qianhu-food-delivery', agenda, by: '张老师' });
 * const b = addVersion(doc, { from: readVersions(doc)[0]!.id, by: '李老师' });
 * setVersionTerm(doc, b, 'upliftPerOrder', 0.8, '李老师');
 * ```
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
	AgendaItemSchema,
	DOC_KEYS,
	SCHEMA_VERSION,
	TermValueSchema,
	type AgendaItem,
	type TermValue
} from './schema.ts';

const { meta: META, versions: VERSIONS, log: LOG } = DOC_KEYS;

export const ProposalMetaSchema = z.object({
	schemaVersion: z.number().int(),
	kind: z.literal('proposal'),
	title: z.string(),
	caseId: z.string()
});
export type ProposalMeta = z.infer<typeof ProposalMetaSchema>;

export const ProposalLogEntrySchema = z.object({
	at: z.number(),
	by: z.string(),
	versionId: z.string(),
	/** A term id, or `name` for the version's name, or `version` when the version was made. */
	field: z.string(),
	value: z.unknown()
});
export type ProposalLogEntry = z.infer<typeof ProposalLogEntrySchema>;

export interface VersionTerm {
	value: TermValue;
	/** Who set it last; null for the value the version was made with. */
	by: string | null;
	at: number | null;
}

export interface ProposalVersion {
	id: string;
	name: string;
	nameBy: string | null;
	createdBy: string | null;
	createdAt: number | null;
	rationale: string;
	terms: Record<string, VersionTerm>;
	/** Clause terms' wording, by term id. */
	clauses: Record<string, string>;
}

/** The first version's name, and the letter the next one gets (方案 A, 方案 B …). */
export const versionName = (n: number): string =>
	`方案 ${n < 26 ? String.fromCharCode(65 + n) : String(n + 1)}`;

let counter = 0;
/**
 * A version id unique across peers that create versions offline at the same moment: the doc's
 * client id (random per session) plus a local counter. `[a-z0-9]` only, so it fits a URL.
 */
function newVersionId(doc: Y.Doc): string {
	counter += 1;
	return `v${doc.clientID.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`;
}

const versionsArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(VERSIONS);

function findVersion(doc: Y.Doc, id: string): Y.Map<unknown> | null {
	for (const v of versionsArray(doc)) if (v instanceof Y.Map && v.get('id') === id) return v;
	return null;
}

function log(doc: Y.Doc, e: ProposalLogEntry): void {
	doc.getArray<ProposalLogEntry>(LOG).push([e]);
}

/**
 * The values a version starts with: each non-clause term's value and each clause's wording, from
 * `values` where given, else the case's current value (现行).
 */
function fillVersion(
	v: Y.Map<unknown>,
	agenda: readonly AgendaItem[],
	values: Readonly<Record<string, unknown>>
): void {
	const terms = new Y.Map<Y.Map<unknown>>();
	const texts = new Y.Map<Y.Text>();
	v.set('terms', terms);
	v.set('texts', texts);
	v.set('rationale', new Y.Text());
	for (const item of agenda) {
		const given = values[item.id];
		if (item.kind === 'clause') {
			texts.set(item.id, new Y.Text(typeof given === 'string' ? given : item.current));
			continue;
		}
		const parsed = TermValueSchema.safeParse(given);
		const entry = new Y.Map<unknown>();
		entry.set('value', parsed.success && given !== undefined ? parsed.data : item.current);
		terms.set(item.id, entry);
	}
}

/**
 * Writes a new workspace: its meta and one first version (方案 A) at the case's current values.
 * The agenda is kept in the doc (as D2) so every reader prices the same terms.
 */
export function initProposalDoc(
	doc: Y.Doc,
	t: { title: string; caseId: string; agenda: readonly AgendaItem[]; by: string }
): string {
	let id = '';
	doc.transact(() => {
		const meta = doc.getMap(META);
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('kind', 'proposal');
		meta.set('title', t.title);
		meta.set('caseId', t.caseId);
		doc.getArray(DOC_KEYS.agenda).push(t.agenda.map((a) => ({ ...a })));
		id = insertVersion(doc, versionName(0), {}, t.by);
	});
	return id;
}

function insertVersion(
	doc: Y.Doc,
	name: string,
	values: Readonly<Record<string, unknown>>,
	by: string
): string {
	const id = newVersionId(doc);
	const v = new Y.Map<unknown>();
	versionsArray(doc).push([v]);
	v.set('id', id);
	v.set('name', name);
	v.set('createdBy', by);
	v.set('createdAt', Date.now());
	fillVersion(v, readProposalAgenda(doc), values);
	log(doc, { at: Date.now(), by, versionId: id, field: 'version', value: name });
	return id;
}

/**
 * A new version, a copy of `from` (its terms, wording and rationale) or of the case's current
 * values; named with the next letter unless a name is given. Returns its id.
 */
export function addVersion(doc: Y.Doc, o: { from?: string; name?: string; by: string }): string {
	const source = o.from ? readVersions(doc).find((v) => v.id === o.from) : undefined;
	const values: Record<string, unknown> = {};
	if (source) {
		for (const [k, t] of Object.entries(source.terms)) values[k] = t.value;
		Object.assign(values, source.clauses);
	}
	let id = '';
	doc.transact(() => {
		id = insertVersion(doc, o.name ?? versionName(versionsArray(doc).length), values, o.by);
		if (source?.rationale) rationaleText(doc, id)?.insert(0, source.rationale);
	});
	return id;
}

export function readProposalMeta(doc: Y.Doc): ProposalMeta | null {
	const parsed = ProposalMetaSchema.safeParse(doc.getMap(META).toJSON());
	return parsed.success ? parsed.data : null;
}

/** The terms the workspace prices (D2's layout), malformed items left out (D5). */
export function readProposalAgenda(doc: Y.Doc): AgendaItem[] {
	const out: AgendaItem[] = [];
	for (const raw of doc.getArray(DOC_KEYS.agenda).toArray()) {
		const parsed = AgendaItemSchema.safeParse(raw);
		if (parsed.success) out.push(parsed.data);
	}
	return out;
}

const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);

/** Every version, in the order they were made; a malformed entry reads as missing (D5). */
export function readVersions(doc: Y.Doc): ProposalVersion[] {
	const out: ProposalVersion[] = [];
	for (const v of versionsArray(doc)) {
		if (!(v instanceof Y.Map)) continue;
		const id = str(v.get('id'));
		if (!id) continue;
		const terms: Record<string, VersionTerm> = {};
		const tm = v.get('terms');
		if (tm instanceof Y.Map) {
			for (const [k, e] of tm.entries()) {
				if (!(e instanceof Y.Map)) continue;
				const value = TermValueSchema.safeParse(e.get('value'));
				if (!value.success) continue;
				terms[k] = { value: value.data, by: str(e.get('by')), at: num(e.get('at')) };
			}
		}
		const clauses: Record<string, string> = {};
		const tx = v.get('texts');
		if (tx instanceof Y.Map)
			for (const [k, t] of tx.entries()) if (t instanceof Y.Text) clauses[k] = t.toString();
		const r = v.get('rationale');
		out.push({
			id,
			name: str(v.get('name')) ?? '',
			nameBy: str(v.get('nameBy')),
			createdBy: str(v.get('createdBy')),
			createdAt: num(v.get('createdAt')),
			rationale: r instanceof Y.Text ? r.toString() : '',
			terms,
			clauses
		});
	}
	return out;
}

/** A version's values as the engine and the offers take them: terms, and clauses as text. */
export function versionValues(v: ProposalVersion): Record<string, TermValue> {
	const out: Record<string, TermValue> = {};
	for (const [k, t] of Object.entries(v.terms)) if (t.value !== null) out[k] = t.value;
	for (const [k, t] of Object.entries(v.clauses)) out[k] = t;
	return out;
}

export function setVersionTerm(
	doc: Y.Doc,
	versionId: string,
	termId: string,
	value: TermValue,
	by: string
): void {
	const v = findVersion(doc, versionId);
	if (!v) return;
	doc.transact(() => {
		let terms = v.get('terms');
		if (!(terms instanceof Y.Map)) v.set('terms', (terms = new Y.Map()));
		const tm = terms as Y.Map<unknown>;
		let entry = tm.get(termId);
		if (!(entry instanceof Y.Map)) tm.set(termId, (entry = new Y.Map<unknown>()));
		const e = entry as Y.Map<unknown>;
		const at = Date.now();
		e.set('value', value);
		e.set('by', by);
		e.set('at', at);
		log(doc, { at, by, versionId, field: termId, value });
	});
}

export function setVersionName(doc: Y.Doc, versionId: string, name: string, by: string): void {
	const v = findVersion(doc, versionId);
	if (!v) return;
	doc.transact(() => {
		v.set('name', name);
		v.set('nameBy', by);
		log(doc, { at: Date.now(), by, versionId, field: 'name', value: name });
	});
}

/** The shared text of a version's rationale (理由), for an editor bound to it. */
export function rationaleText(doc: Y.Doc, versionId: string): Y.Text | null {
	const v = findVersion(doc, versionId);
	const t = v?.get('rationale');
	return t instanceof Y.Text ? t : null;
}

/** The shared wording of one clause term in a version. */
export function versionClauseText(doc: Y.Doc, versionId: string, termId: string): Y.Text | null {
	const t = findVersion(doc, versionId)?.get('texts');
	if (!(t instanceof Y.Map)) return null;
	const x = t.get(termId);
	return x instanceof Y.Text ? x : null;
}

/**
 * Turns `text` into `next` with the smallest single replacement (common prefix and suffix kept),
 * so a colleague's concurrent typing elsewhere in the same text survives the merge.
 */
export function replaceText(text: Y.Text, next: string): void {
	const prev = text.toString();
	if (prev === next) return;
	let start = 0;
	const max = Math.min(prev.length, next.length);
	while (start < max && prev[start] === next[start]) start++;
	let end = 0;
	while (end < max - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
	text.doc!.transact(() => {
		const removed = prev.length - start - end;
		if (removed > 0) text.delete(start, removed);
		const inserted = next.slice(start, next.length - end);
		if (inserted) text.insert(start, inserted);
	});
}

/** The change log (WS3), oldest first; malformed entries left out. */
export function readLog(doc: Y.Doc): ProposalLogEntry[] {
	const out: ProposalLogEntry[] = [];
	for (const raw of doc.getArray(LOG).toArray()) {
		const parsed = ProposalLogEntrySchema.safeParse(raw);
		if (parsed.success) out.push(parsed.data);
	}
	return out;
}

/**
 * WS30 `sweeps` (Y.Array of plain objects): the sweeps and heat maps a member kept, each with a
 * name, so the workbook has one sheet per sweep (WS31 in server/SPEC.md). What is kept is the
 * question, not the answer: the version it runs on, the term(s) and ranges, the metric and the
 * target. Every reader (the page, the workbook) prices it again with the engine, so a kept sweep
 * always shows what its version's terms give today and the document stays small. Entries are
 * immutable: renaming is delete + insert, so two colleagues keeping sweeps at once both keep
 * theirs. An older document without the array reads as none kept; nothing else changed, so the
 * layout's schema version stays the same.
 */
export const SweepAxisSchema = z.object({
	term: z.string().min(1).max(120),
	from: z.number().finite(),
	to: z.number().finite(),
	step: z.number().finite().positive()
});
export type SweepAxis = z.infer<typeof SweepAxisSchema>;

export const SavedSweepSchema = z.object({
	id: z.string().min(1).max(64),
	name: z.string().min(1).max(60),
	/** The version whose terms it runs on; a version that is gone reads as the current terms. */
	versionId: z.string(),
	x: SweepAxisSchema,
	/** Present for a heat map (two terms). */
	y: SweepAxisSchema.optional(),
	/** The result the heat map colours, a sweep row's field (`shareBelowHourlyMinimum` …). */
	metric: z.string().max(60).optional(),
	/** A goal as the engine parses it (`shareBelowHourlyMinimum<=0.1`), when one was set. */
	target: z.string().max(120).optional(),
	by: z.string(),
	at: z.number()
});
export type SavedSweep = z.infer<typeof SavedSweepSchema>;

/** WS30: keeps a sweep under a name; returns its id. */
export function saveSweep(doc: Y.Doc, s: Omit<SavedSweep, 'id' | 'at'>): string {
	counter += 1;
	const id = `s${doc.clientID.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`;
	const entry = SavedSweepSchema.parse({ ...s, id, at: Date.now() });
	doc.getArray<SavedSweep>(DOC_KEYS.sweeps).push([entry]);
	return id;
}

/** WS30: the kept sweeps, oldest first; a malformed entry reads as missing (D5). */
export function readSweeps(doc: Y.Doc): SavedSweep[] {
	const out: SavedSweep[] = [];
	for (const raw of doc.getArray(DOC_KEYS.sweeps).toArray()) {
		const parsed = SavedSweepSchema.safeParse(raw);
		if (parsed.success) out.push(parsed.data);
	}
	return out;
}

/** WS30: forgets a kept sweep by id. */
export function removeSweep(doc: Y.Doc, id: string): void {
	const arr = doc.getArray<unknown>(DOC_KEYS.sweeps);
	const i = arr.toArray().findIndex((x) => SavedSweepSchema.safeParse(x).data?.id === id);
	if (i >= 0) arr.delete(i, 1);
}

/**
 * The one module that knows where things live inside a negotiation's Y.Doc (rules D1–D5 in
 * src/lib/collab/README.md). Everything else reads and writes through these functions.
 *
 * D1 `meta` (Y.Map): schemaVersion, kind, title.
 * D2 `agenda` (Y.Array of plain objects): the public agenda items, written once by the server.
 * D3 `terms` (Y.Map of Y.Map): per term id { value, by, at } — the draft value and who set it.
 * D4 Clause wording (条款正文) of `clause` terms: one top-level Y.XmlFragment per term
 *    (`richClause:<id>`, see rich-clause.ts), co-edited in Tiptap; `terms` holds no value for them.
 * D5 Values read from the doc are validated with zod: a malformed entry reads as missing, never
 *    as a crash, because a Yjs update cannot be refused after it merged.
 */
import * as Y from 'yjs';
import {
	AgendaItemSchema,
	MetaSchema,
	DOC_KEYS,
	SCHEMA_VERSION,
	TermValueSchema,
	type AgendaItem,
	type DocTemplate,
	type Meta,
	type TermValue
} from './schema.ts';
import { clauseFragment, clausePlainText, initClauseFragment } from './rich-clause.ts';
import type { Draft } from '../domain/negotiation/draft.ts';

const { meta: META, agenda: AGENDA, terms: TERMS } = DOC_KEYS;
/**
 * Writes a template into an empty doc, in one transaction: every term starts at its current
 * value (现行标准), and clause terms start with their current wording.
 */
export function initDoc(doc: Y.Doc, t: DocTemplate): void {
	doc.transact(() => {
		const meta = doc.getMap(META);
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('kind', t.kind);
		meta.set('title', t.title);
		doc.getArray(AGENDA).push(t.agenda.map((a) => ({ ...a })));
		const terms = doc.getMap<Y.Map<unknown>>(TERMS);
		for (const item of t.agenda) {
			if (item.kind === 'clause') {
				initClauseFragment(doc, item.id, item.current);
				continue;
			}
			const entry = new Y.Map<unknown>();
			entry.set('value', item.current);
			terms.set(item.id, entry);
		}
	});
}

/**
 * Replaces a document's template with another version's (an event moved to a newer case version
 * before it started, server/SPEC.md K10): title, agenda and every term back at the new current
 * value; clause wording is rewritten from the new current text.
 */
export function replaceTemplate(doc: Y.Doc, t: DocTemplate): void {
	doc.transact(() => {
		const agenda = doc.getArray(AGENDA);
		agenda.delete(0, agenda.length);
		const terms = doc.getMap<Y.Map<unknown>>(TERMS);
		for (const k of [...terms.keys()]) terms.delete(k);
		for (const item of t.agenda) {
			if (item.kind !== 'clause') continue;
			const f = clauseFragment(doc, item.id);
			f.delete(0, f.length);
		}
		initDoc(doc, t);
	});
}

/** The map of draft values (D3), for an undo manager that covers exactly the term edits. */
export const termsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(TERMS);

/** Why a document cannot be read by this version, or null when it can (or is still empty). */
export function checkSchema(doc: Y.Doc): string | null {
	const v = doc.getMap(META).get('schemaVersion');
	if (v === undefined || v === SCHEMA_VERSION) return null;
	return typeof v === 'number' && v > SCHEMA_VERSION
		? `这份协商文档由更新版本的系统创建（文档结构版本 ${v}），当前版本只能读取版本 ${SCHEMA_VERSION}；请升级系统后再打开。`
		: `这份协商文档的结构版本（${String(v)}）无法识别，当前版本只能读取版本 ${SCHEMA_VERSION}。`;
}

export function readMeta(doc: Y.Doc): Meta | null {
	const parsed = MetaSchema.safeParse(doc.getMap(META).toJSON());
	return parsed.success ? parsed.data : null;
}

export function readAgenda(doc: Y.Doc): AgendaItem[] {
	const out: AgendaItem[] = [];
	for (const raw of doc.getArray(AGENDA).toArray()) {
		const parsed = AgendaItemSchema.safeParse(raw);
		if (parsed.success) out.push(parsed.data);
	}
	return out;
}

export interface TermEntry {
	value: TermValue;
	/** Display name of whoever set the value last; null for the template's value. */
	by: string | null;
	at: number | null;
}

export function readTerm(doc: Y.Doc, id: string): TermEntry | null {
	const entry = doc.getMap<Y.Map<unknown>>(TERMS).get(id);
	if (!(entry instanceof Y.Map)) return null;
	const value = TermValueSchema.safeParse(entry.get('value'));
	if (!value.success) return null;
	const by = entry.get('by');
	const at = entry.get('at');
	return {
		value: value.data,
		by: typeof by === 'string' ? by : null,
		at: typeof at === 'number' ? at : null
	};
}

/** All draft values by term id (D5: malformed ones are left out). */
export function readValues(doc: Y.Doc): Record<string, TermValue> {
	const out: Record<string, TermValue> = {};
	for (const id of doc.getMap(TERMS).keys()) {
		const t = readTerm(doc, id);
		if (t) out[id] = t.value;
	}
	return out;
}

/**
 * A term's value exactly as the document holds it, unvalidated (undefined when its entry is
 * missing). Only formal acts read this way: they must see NaN, a deleted term or a wrong type to
 * refuse it by name (N1), where display reads it as missing (D5).
 */
export function readRawValue(doc: Y.Doc, id: string): unknown {
	const entry = doc.getMap<Y.Map<unknown>>(TERMS).get(id);
	return entry instanceof Y.Map ? entry.get('value') : undefined;
}

/**
 * The draft as formal acts read it, through an agenda (the scenario's, never the doc's own,
 * which any writer can change): every non-clause term's raw value, every clause's wording.
 */
export function readDraft(doc: Y.Doc, agenda: readonly Pick<AgendaItem, 'id' | 'kind'>[]): Draft {
	const terms: Record<string, unknown> = {};
	const clauses: Record<string, string> = {};
	for (const t of agenda) {
		if (t.kind === 'clause') clauses[t.id] = clausePlainText(clauseFragment(doc, t.id));
		else {
			const v = readRawValue(doc, t.id);
			// null is the doc's "no value" (D3); undefined, a missing entry.
			if (v !== undefined && v !== null) terms[t.id] = v;
		}
	}
	return { terms, clauses };
}

export function setTermValue(doc: Y.Doc, id: string, value: TermValue, by: string): void {
	doc.transact(() => {
		const terms = doc.getMap<Y.Map<unknown>>(TERMS);
		let entry = terms.get(id);
		if (!(entry instanceof Y.Map)) {
			entry = new Y.Map<unknown>();
			terms.set(id, entry);
		}
		entry.set('value', value);
		entry.set('by', by);
		entry.set('at', Date.now());
	});
}

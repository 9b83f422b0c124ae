/**
 * The one module that knows where things live inside a negotiation's Y.Doc (rules D1–D5 in
 * src/lib/collab/README.md). Everything else reads and writes through these functions.
 *
 * D1 `meta` (Y.Map): schemaVersion, kind, title.
 * D2 `agenda` (Y.Array of plain objects): the public agenda items, written once by the server.
 * D3 `terms` (Y.Map of Y.Map): per term id { value, by, at } — the draft value and who set it.
 * D4 `clauses` (Y.Map of Y.Text): clause wording per clause id; `clauseOrder` (Y.Array) their order
 *    and titles.
 * D5 Values read from the doc are validated with zod: a malformed entry reads as missing, never
 *    as a crash, because a Yjs update cannot be refused after it merged.
 */
import * as Y from 'yjs';
import {
	AgendaItemSchema,
	ClauseSchema,
	MetaSchema,
	SCHEMA_VERSION,
	TermValueSchema,
	type AgendaItem,
	type Clause,
	type DocTemplate,
	type Meta,
	type TermValue
} from './schema.ts';

const META = 'meta';
const AGENDA = 'agenda';
const TERMS = 'terms';
const CLAUSES = 'clauses';
const CLAUSE_ORDER = 'clauseOrder';

/** Writes a template into an empty doc, in one transaction. */
export function initDoc(doc: Y.Doc, t: DocTemplate): void {
	doc.transact(() => {
		const meta = doc.getMap(META);
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('kind', t.kind);
		meta.set('title', t.title);
		doc.getArray(AGENDA).push(t.agenda.map((a) => ({ ...a })));
		const terms = doc.getMap<Y.Map<unknown>>(TERMS);
		for (const [id, value] of Object.entries(t.values)) {
			const entry = new Y.Map<unknown>();
			entry.set('value', value);
			terms.set(id, entry);
		}
		const clauses = doc.getMap<Y.Text>(CLAUSES);
		for (const c of t.clauses) clauses.set(c.id, new Y.Text(c.text));
		doc.getArray(CLAUSE_ORDER).push(t.clauses.map(({ id, title }) => ({ id, title })));
	});
}

/** The initial content of a template as one Yjs update, for the server to store. */
export function encodeTemplate(t: DocTemplate): Uint8Array {
	const doc = new Y.Doc();
	initDoc(doc, t);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
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

export function readClauses(doc: Y.Doc): Clause[] {
	const out: Clause[] = [];
	for (const raw of doc.getArray(CLAUSE_ORDER).toArray()) {
		const parsed = ClauseSchema.safeParse(raw);
		if (parsed.success) out.push(parsed.data);
	}
	return out;
}

/** The shared text of one clause, for editors to bind to; null when the doc has no such clause. */
export function clauseText(doc: Y.Doc, id: string): Y.Text | null {
	const t = doc.getMap(CLAUSES).get(id);
	return t instanceof Y.Text ? t : null;
}

/** Plain clause texts by id. */
export function readClauseTexts(doc: Y.Doc): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [id, t] of doc.getMap(CLAUSES).entries()) if (t instanceof Y.Text) out[id] = t.toString();
	return out;
}

/**
 * D8 `caucusBase` (Y.Map) in a side's caucus document: the table's draft values at the moment the
 * working copy was taken (term id → value). The working copy starts from the table as it is, and
 * a push (推送到协议草案) sends only what the caucus changed since that copy; a term the table
 * changed since the copy is a conflict the chief must decide, never overwritten unasked.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { canonicalJson } from '../domain/negotiation/index.ts';
import { readValues, setTermValue, type TermEntry } from './table-doc.ts';
import { TermValueSchema, type AgendaItem, type TermValue } from './schema.ts';

const BASE = 'caucusBase';
const COPIED_AT = '@copiedAt';

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The copy's base values, or null when no copy of the table was ever taken into this doc. */
export function readCaucusBase(doc: Y.Doc): Record<string, TermValue> | null {
	const map = doc.getMap<unknown>(BASE);
	if (typeof map.get(COPIED_AT) !== 'number') return null;
	const out: Record<string, TermValue> = {};
	for (const [id, raw] of map.entries()) {
		if (id === COPIED_AT) continue;
		const v = TermValueSchema.safeParse(raw);
		if (v.success) out[id] = v.data;
	}
	return out;
}

/**
 * Takes a fresh working copy: every non-clause term of the caucus gets the table's value, and the
 * same values become the base a later push is measured against. Clause wording and notes stay.
 */
export function takeCaucusCopy(doc: Y.Doc, table: Record<string, TermValue>, by: string): void {
	doc.transact(() => {
		const base = doc.getMap<unknown>(BASE);
		for (const k of [...base.keys()]) base.delete(k);
		for (const [id, v] of Object.entries(table)) {
			if (v === null) continue;
			if (!same(readValues(doc)[id], v)) setTermValue(doc, id, v, by);
			base.set(id, v);
		}
		base.set(COPIED_AT, Date.now());
	});
}

/** After a push, the pushed values are what the table holds: they become the new base. */
export function markPushed(doc: Y.Doc, values: Record<string, TermValue>): void {
	doc.transact(() => {
		const base = doc.getMap<unknown>(BASE);
		for (const [id, v] of Object.entries(values)) base.set(id, v);
	});
}

export const PushRowSchema = z.object({
	termId: z.string(),
	title: z.string(),
	/** The table's value now, and who set it (null: the case's current value, never edited). */
	tableValue: TermValueSchema.optional(),
	tableBy: z.string().nullable(),
	caucusValue: TermValueSchema,
	/** The table changed this term since the copy (to something other than the caucus value). */
	isConflict: z.boolean()
});
export type PushRow = z.infer<typeof PushRowSchema>;

/**
 * What a push would do, in agenda order: one row per term the caucus changed since its copy and
 * the table does not already hold. Clause terms are co-edited at the table and never pushed.
 */
export function pushPlan(
	agenda: readonly AgendaItem[],
	base: Record<string, TermValue>,
	caucus: Record<string, TermValue>,
	table: Record<string, TermEntry | null>
): PushRow[] {
	const rows: PushRow[] = [];
	for (const item of agenda) {
		if (item.kind === 'clause') continue;
		const mine = caucus[item.id];
		if (mine === undefined || mine === null || same(mine, base[item.id])) continue;
		const entry = table[item.id] ?? null;
		if (entry && same(entry.value, mine)) continue;
		rows.push({
			termId: item.id,
			title: item.title,
			tableValue: entry?.value ?? undefined,
			tableBy: entry?.by ?? null,
			caucusValue: mine,
			isConflict: !same(entry?.value, base[item.id])
		});
	}
	return rows;
}

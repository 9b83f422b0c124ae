import { z } from 'zod';
import { termSchema, termValueSchema } from '../domain/scenario.ts';

/**
 * Version of the document layout (D1–D7); bump it with any layout change. A document written
 * under another version is refused when read (`checkSchema` in table-doc.ts), never half-read.
 */
export const SCHEMA_VERSION = 1;

/**
 * The top-level names inside a Y.Doc (D1–D7), the one list of them. Clause fragments are
 * `richClause:<id>` (rich-clause.ts).
 */
export const DOC_KEYS = {
	meta: 'meta',
	agenda: 'agenda',
	terms: 'terms',
	comments: 'comments',
	formal: 'formal',
	/** A proposal workspace's versions (方案 A, B …) and its attributed change log (proposal-doc.ts). */
	versions: 'versions',
	log: 'log',
	/** A proposal workspace's saved sweeps and heat maps (WS30 in proposal-doc.ts). */
	sweeps: 'sweeps'
} as const;

export const DocKindSchema = z.enum(['table', 'caucus', 'draft', 'demo', 'proposal']);
export type DocKind = z.infer<typeof DocKindSchema>;

/**
 * One public agenda item (议题): the scenario's term definition as is (its confidential targets
 * live elsewhere and never enter a shared doc).
 */
export const AgendaItemSchema = termSchema;
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const TermValueSchema = z.union([termValueSchema, z.null()]);
export type TermValue = z.infer<typeof TermValueSchema>;

export const MetaSchema = z.object({
	schemaVersion: z.number().int(),
	kind: DocKindSchema,
	title: z.string()
});
export type Meta = z.infer<typeof MetaSchema>;

/** Everything a new document starts with; the server writes it when it creates the document. */
export const DocTemplateSchema = z.object({
	kind: DocKindSchema,
	title: z.string(),
	agenda: z.array(AgendaItemSchema)
});
export type DocTemplate = z.infer<typeof DocTemplateSchema>;

import { z } from 'zod';

/** Version of the document layout below; bump it with a migration in `migrate.ts`. */
export const SCHEMA_VERSION = 1;

export const DocKindSchema = z.enum(['table', 'caucus', 'draft', 'demo']);
export type DocKind = z.infer<typeof DocKindSchema>;

/** One public agenda item (议题) as the shared draft shows it. */
export const AgendaItemSchema = z.object({
	id: z.string().regex(/^[a-zA-Z0-9_.-]+$/),
	title: z.string().min(1),
	kind: z.enum(['number', 'choice', 'boolean', 'text']),
	unit: z.string().optional(),
	min: z.number().optional(),
	max: z.number().optional(),
	step: z.number().positive().optional(),
	options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
	/** The value before bargaining (现行标准), shown beside the draft value. */
	current: z.union([z.number(), z.string(), z.boolean()]).optional()
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const TermValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type TermValue = z.infer<typeof TermValueSchema>;

export const ClauseSchema = z.object({ id: z.string(), title: z.string() });
export type Clause = z.infer<typeof ClauseSchema>;

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
	agenda: z.array(AgendaItemSchema),
	values: z.record(z.string(), TermValueSchema),
	clauses: z.array(ClauseSchema.extend({ text: z.string() }))
});
export type DocTemplate = z.infer<typeof DocTemplateSchema>;

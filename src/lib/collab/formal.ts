/**
 * D6 `formal` (Y.Map) in the match's own `match/<id>/formal` document: the mirror of formal acts —
 * term states, signatures, match status, the clock. Only the server writes it, after storing the
 * act in SQLite (which stays authoritative); every connection to that document is read-only, so
 * no client can fake a state or a signature on someone else's screen.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { DOC_KEYS, TermValueSchema } from './schema.ts';

const FORMAL = DOC_KEYS.formal;

export const TermStateEntrySchema = z.object({
	state: z.enum(['open', 'proposed-labour', 'proposed-management', 'agreed']),
	value: TermValueSchema,
	by: z.string(),
	at: z.number()
});
export type TermStateEntry = z.infer<typeof TermStateEntrySchema>;

export const ClockSchema = z.object({
	phases: z.array(z.object({ id: z.string(), label: z.string(), seconds: z.number() })),
	phaseIndex: z.number().int(),
	running: z.boolean(),
	/** Server time (ms) when the current run started; null while paused. */
	startedAt: z.number().nullable(),
	/** Time already spent in the current phase before `startedAt`. */
	elapsedMs: z.number(),
	/** Time the organizer added to the current phase. */
	extraMs: z.number(),
	caucusUsed: z.object({ labour: z.number(), management: z.number() }),
	caucusSide: z.enum(['labour', 'management']).nullable(),
	caucusUntil: z.number().nullable(),
	ended: z.boolean()
});
export type Clock = z.infer<typeof ClockSchema>;

export const FormalSchema = z.object({
	states: z.record(z.string(), TermStateEntrySchema).default({}),
	offers: z.number().int().default(0),
	signatures: z
		.array(
			z.object({
				side: z.enum(['labour', 'management']),
				name: z.string(),
				contentHash: z.string()
			})
		)
		.default([]),
	status: z.enum(['scheduled', 'running', 'signed', 'ended']).default('scheduled'),
	agreementHash: z.string().nullable().default(null),
	clock: ClockSchema.nullable().default(null)
});
export type Formal = z.infer<typeof FormalSchema>;

export function readFormal(doc: Y.Doc): Formal {
	const parsed = FormalSchema.safeParse(doc.getMap(FORMAL).toJSON());
	return parsed.success ? parsed.data : FormalSchema.parse({});
}

/** Server only: replaces the given parts of the mirror. */
export function writeFormal(doc: Y.Doc, patch: Partial<Formal>): void {
	const map = doc.getMap(FORMAL);
	for (const [k, v] of Object.entries(patch)) map.set(k, v);
}

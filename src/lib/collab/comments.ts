/**
 * D7 `comments` (top-level Y.Array): the comment thread of every term, one flat list tagged with
 * the term id. Flat and top-level so that two people commenting at once on a term that had no
 * thread yet cannot create two competing threads.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { DOC_KEYS } from './schema.ts';

export const CommentSchema = z.object({
	id: z.string(),
	termId: z.string(),
	by: z.string().max(40),
	at: z.number(),
	text: z.string().min(1).max(2000)
});
export type Comment = z.infer<typeof CommentSchema>;

const comments = (doc: Y.Doc) => doc.getArray<unknown>(DOC_KEYS.comments);

/** A term's comments, oldest first; malformed entries are skipped (D5). */
export function readComments(doc: Y.Doc, termId: string): Comment[] {
	const out: Comment[] = [];
	for (const raw of comments(doc).toArray()) {
		const c = CommentSchema.safeParse(raw);
		if (c.success && c.data.termId === termId) out.push(c.data);
	}
	return out;
}

export function addComment(doc: Y.Doc, termId: string, by: string, text: string): void {
	const t = text.trim().slice(0, 2000);
	if (!t) return;
	const id = `${doc.clientID.toString(36)}-${Date.now().toString(36)}-${comments(doc).length}`;
	comments(doc).push([{ id, termId, by: by.slice(0, 40), at: Date.now(), text: t }]);
}

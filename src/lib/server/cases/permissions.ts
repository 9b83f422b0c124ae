/**
 * Who may do what with a case (server/SPEC.md K2–K4). Cases are an organizer's tool: a principal
 * without an organizer account (a seat at a table, an anonymous visitor) sees none of them,
 * whatever the case; a participant reads a confidential brief only through the match (A3).
 */
import type { CaseRow } from './store.ts';

export type CaseAccess = 'none' | 'read' | 'write' | 'owner';

/**
 * - a built-in (shipped) case: every organizer reads and copies it, nobody edits it in place;
 * - a studio case: its author owns it (edit, share); once shared, every organizer reads, copies
 *   and saves new versions of it; otherwise nobody else learns it exists.
 */
export function caseAccess(userId: string | null | undefined, c: CaseRow | 'builtIn'): CaseAccess {
	if (!userId) return 'none';
	if (c === 'builtIn') return 'read';
	if (c.ownerUserId === userId) return 'owner';
	return c.shared ? 'write' : 'none';
}

export const canRead = (a: CaseAccess): boolean => a !== 'none';
export const canWrite = (a: CaseAccess): boolean => a === 'write' || a === 'owner';

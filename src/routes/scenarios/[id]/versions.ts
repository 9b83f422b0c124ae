/**
 * Saved versions of a proposal on one scenario, kept in the browser's localStorage so a
 * drafter can compare them side by side. Read with zod: whatever is stored under the key (an
 * older format, a hand edit) reads as an empty or shorter list, never as a crash.
 */
import { z } from 'zod';
import { termValuesSchema, type TermValues } from '$lib/domain/index.ts';

const versionSchema = z.object({
	id: z.string().min(1),
	name: z.string(),
	terms: termValuesSchema,
	budgetYuan: z.number().optional(),
	savedAt: z.number()
});
export type SavedVersion = z.infer<typeof versionSchema>;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export const storageKey = (scenarioId: string) => `xieshang.scenario.${scenarioId}.versions`;

export function loadVersions(store: Store, scenarioId: string): SavedVersion[] {
	let raw: unknown;
	try {
		raw = JSON.parse(store.getItem(storageKey(scenarioId)) ?? '[]');
	} catch {
		return [];
	}
	if (!Array.isArray(raw)) return [];
	const out: SavedVersion[] = [];
	for (const v of raw) {
		const p = versionSchema.safeParse(v);
		if (p.success) out.push(p.data);
	}
	return out;
}

export function storeVersions(store: Store, scenarioId: string, versions: SavedVersion[]): void {
	store.setItem(storageKey(scenarioId), JSON.stringify(versions));
}

/** A new version with a fresh id, appended; the name defaults to the next free number. */
export function addVersion(
	list: SavedVersion[],
	terms: TermValues,
	name: string,
	now: number,
	budgetYuan?: number
): SavedVersion[] {
	const id = `${now.toString(36)}-${list.length}`;
	return [
		...list,
		{
			id,
			name,
			terms: structuredClone(terms),
			savedAt: now,
			...(budgetYuan !== undefined ? { budgetYuan } : {})
		}
	];
}

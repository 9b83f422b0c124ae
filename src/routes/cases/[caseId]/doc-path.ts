/**
 * Reading and writing a half-written case document by zod-style paths (`['terms', 2, 'min']`).
 * The studio holds the document as plain JSON, valid or not, so every keystroke is kept; these
 * helpers copy only the containers along the path, leaving the previous document intact for undo.
 */
export type Key = string | number;
export type DocPath = readonly Key[];
export type Doc = Record<string, unknown>;

/** The value at `path`, or undefined where any step is missing. */
export function getIn(root: unknown, path: DocPath): unknown {
	let node = root;
	for (const k of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<Key, unknown>)[k];
	}
	return node;
}

/**
 * A copy of `root` with `value` at `path` (undefined deletes an object key). Missing containers
 * are created: an array where the next key is a number, an object otherwise.
 */
export function setIn<T>(root: T, path: DocPath, value: unknown): T {
	if (path.length === 0) return value as T;
	const [k, ...rest] = path as [Key, ...Key[]];
	const node: unknown = root;
	const copy: Record<Key, unknown> | unknown[] = Array.isArray(node)
		? [...node]
		: node !== null && typeof node === 'object'
			? { ...(node as Record<Key, unknown>) }
			: typeof k === 'number'
				? []
				: {};
	const child = (copy as Record<Key, unknown>)[k];
	const next = setIn(child, rest, value);
	if (next === undefined && !Array.isArray(copy)) delete (copy as Record<Key, unknown>)[k];
	else (copy as Record<Key, unknown>)[k] = next;
	return copy as T;
}

/** The dotted form shown to experts (`terms.2.min`), as the YAML loader prints it. */
export const dotted = (path: DocPath) => path.join('.');

/** A DOM id for the field at `path`, so a problem in the list can focus its field. */
export const fieldId = (path: DocPath) => `f-${path.join('-')}`;

/**
 * The document path of a `drives` path (`enterprise.groups.P1.base` → `['enterprise','groups',0,'base']`):
 * array elements are named by id there, by index here. Null when a step is missing.
 */
export function indexPath(root: unknown, drives: string): Key[] | null {
	const out: Key[] = [];
	let node = root;
	for (const seg of drives.split('.')) {
		if (Array.isArray(node)) {
			const i = node.findIndex(
				(x) => typeof x === 'object' && x !== null && (x as { id?: unknown }).id === seg
			);
			if (i < 0) return null;
			out.push(i);
			node = node[i];
		} else if (node !== null && typeof node === 'object' && Object.hasOwn(node, seg)) {
			out.push(seg);
			node = (node as Record<string, unknown>)[seg];
		} else return null;
	}
	return out;
}

/**
 * Model-parameter paths. A term names the parameter it drives as a dotted path such as
 * `enterprise.seniority.yuanPerYear` or `pieceRate.rateTable.cells.ecom_low.yuan`; inside an
 * array of objects a segment names the element by its `id` (so paths survive reordering).
 */

type Found = { ok: true; value: unknown } | { ok: false; reason: string };

function step(node: unknown, seg: string): Found {
	if (Array.isArray(node)) {
		const el = node.find(
			(x) => typeof x === 'object' && x !== null && (x as { id?: unknown }).id === seg
		);
		return el === undefined
			? { ok: false, reason: `no element with id "${seg}"` }
			: { ok: true, value: el };
	}
	if (typeof node === 'object' && node !== null && Object.hasOwn(node, seg)) {
		return { ok: true, value: (node as Record<string, unknown>)[seg] };
	}
	return { ok: false, reason: `no field "${seg}"` };
}

/** Reads the value at `path`, or says which segment is missing. */
export function getPath(root: unknown, path: string): Found {
	let node: unknown = root;
	for (const seg of path.split('.')) {
		const r = step(node, seg);
		if (!r.ok) return r;
		node = r.value;
	}
	return { ok: true, value: node };
}

/**
 * Returns a copy of `root` with `value` at `path`, copying only the objects along the path so a
 * keystroke costs O(depth + array length), not a deep clone of the scenario.
 */
export function setPath<T>(root: T, path: string, value: unknown): T {
	return setPaths(root, [[path, value]]);
}

/**
 * `setPath` for several paths in order (a later one wins where they meet), copying each object
 * along them once: a draft's terms often drive elements of one long array (1,000 groups), which
 * one `setPath` per term would copy once per term.
 */
export function setPaths<T>(root: T, writes: readonly (readonly [string, unknown])[]): T {
	// The copies made here, which later writes may change in place; nothing else is mutated.
	const own = new Set<unknown>();
	let out: unknown = root;
	for (const [path, value] of writes) out = setAt(out, path.split('.'), 0, value, own);
	return out as T;
}

/**
 * Element positions by id, once per array: a draft's terms each address one of 1,000 groups, and
 * a copy made on write has the same ids in the same places, so it shares its original's index.
 */
const byId = new WeakMap<readonly unknown[], Map<unknown, number>>();

function idsOf(arr: readonly unknown[]): Map<unknown, number> {
	let m = byId.get(arr);
	if (m) return m;
	m = new Map();
	for (let k = 0; k < arr.length; k++) {
		const x: unknown = arr[k];
		// The first element with an id wins, as a search from the start would find it.
		if (typeof x === 'object' && x !== null && 'id' in x && !m.has((x as { id: unknown }).id))
			m.set((x as { id: unknown }).id, k);
	}
	byId.set(arr, m);
	return m;
}

function indexOfId(arr: readonly unknown[], id: string): number {
	const k = idsOf(arr).get(id);
	if (k !== undefined && (arr[k] as { id?: unknown } | undefined)?.id === id) return k;
	// Not there, or an array someone changed in place (an editor's state): index it afresh.
	byId.delete(arr);
	return idsOf(arr).get(id) ?? -1;
}

function setAt(
	node: unknown,
	segs: string[],
	i: number,
	value: unknown,
	own: Set<unknown>
): unknown {
	if (i === segs.length) return value;
	const seg = segs[i] as string;
	if (Array.isArray(node)) {
		const idx = indexOfId(node, seg);
		if (idx < 0) return node;
		const copy = own.has(node) ? node : node.slice();
		if (copy !== node) byId.set(copy, idsOf(node));
		own.add(copy);
		copy[idx] = setAt(node[idx], segs, i + 1, value, own);
		return copy;
	}
	if (typeof node === 'object' && node !== null) {
		const obj = node as Record<string, unknown>;
		const copy = own.has(obj) ? obj : { ...obj };
		own.add(copy);
		copy[seg] = setAt(obj[seg], segs, i + 1, value, own);
		return copy;
	}
	return node;
}

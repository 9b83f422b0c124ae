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
	return setAt(root, path.split('.'), 0, value) as T;
}

function setAt(node: unknown, segs: string[], i: number, value: unknown): unknown {
	if (i === segs.length) return value;
	const seg = segs[i] as string;
	if (Array.isArray(node)) {
		const idx = node.findIndex(
			(x) => typeof x === 'object' && x !== null && (x as { id?: unknown }).id === seg
		);
		if (idx < 0) return node;
		const copy = node.slice();
		copy[idx] = setAt(node[idx], segs, i + 1, value);
		return copy;
	}
	if (typeof node === 'object' && node !== null) {
		const obj = node as Record<string, unknown>;
		return { ...obj, [seg]: setAt(obj[seg], segs, i + 1, value) };
	}
	return node;
}

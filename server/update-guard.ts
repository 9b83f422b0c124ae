/**
 * Checks an incoming Yjs update before it is stored: how deep the shared types it creates would
 * nest. Yjs itself accepts any depth, but many readers of a document walk it recursively (the
 * editor in every browser, `toJSON`), so one member sending a clause nested 20,000 elements deep
 * would break the match for everyone from then on. A Yjs update cannot be taken back once merged,
 * so the check runs on the decoded update against the room's current document, before anything
 * is stored or relayed.
 *
 * An item names its parent only when it has no neighbours; otherwise its parent is its left (or
 * right) origin's parent. So each new item's parent depth is resolved through the update itself
 * or the current document, with an explicit stack: a hostile update may chain 20,000 items.
 */
import * as Y from 'yjs';

type Id = { client: number; clock: number };
/** Any shared type, as a document holds them. */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** The depth of a shared type: 0 for a top-level type, 1 for a type inside it, … */
function typeDepth(type: SharedType): number {
	let depth = 0;
	let t: SharedType | null = type;
	while (t?._item) {
		depth++;
		t = t._item.parent as SharedType | null;
	}
	return depth;
}

/** The struct of the current document holding `id`, or null when the document does not have it. */
function storedStruct(doc: Y.Doc, id: Id): Y.Item | Y.GC | null {
	if (Y.getState(doc.store, id.client) <= id.clock) return null;
	try {
		return Y.getItem(doc.store, id as Y.ID) as Y.Item | Y.GC;
	} catch {
		return null;
	}
}

/**
 * The deepest type depth `update` would create in `doc`: 0 when it creates no nested type; null
 * when a new type's parent is in neither the update nor the document (it cannot be checked, so
 * the caller refuses it: a well-behaved client only builds on what the server already has).
 */
export function deepestNewType(doc: Y.Doc, update: Uint8Array): number | null {
	const { structs } = Y.decodeUpdate(update);
	const items = structs.filter((s): s is Y.Item => s instanceof Y.Item);
	if (!items.some((i) => i.content instanceof Y.ContentType)) return 0;
	// The update's own items per client, sorted by clock, to find the one holding an id.
	const byClient = new Map<number, Y.Item[]>();
	for (const it of items) {
		const list = byClient.get(it.id.client) ?? byClient.set(it.id.client, []).get(it.id.client)!;
		list.push(it);
	}
	for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	const inUpdate = (id: Id): Y.Item | null => {
		const list = byClient.get(id.client);
		if (!list) return null;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const it = list[mid]!;
			if (id.clock < it.id.clock) hi = mid - 1;
			else if (id.clock >= it.id.clock + it.length) lo = mid + 1;
			else return it;
		}
		return null;
	};

	/** Depth of the parent each item of the update lives in; null: unknown. */
	const parentDepth = new Map<Y.Item, number | null>();
	const visiting = new Set<Y.Item>();
	const resolve = (start: Y.Item): number | null => {
		const stack = [start];
		while (stack.length > 0) {
			const it = stack[stack.length - 1]!;
			if (parentDepth.has(it)) {
				stack.pop();
				continue;
			}
			visiting.add(it);
			// What this item's parent depth depends on: another item of the update, or a known value.
			let dependsOn: Y.Item | null = null;
			let value: number | null = null;
			let through: 'parent' | 'sibling' = 'sibling';
			const parent = it.parent as unknown;
			if (typeof parent === 'string') value = 0;
			else if (parent && typeof parent === 'object' && 'clock' in parent) {
				through = 'parent';
				const p = inUpdate(parent as Id);
				if (p) {
					if (p.content instanceof Y.ContentType) dependsOn = p;
				} else {
					const s = storedStruct(doc, parent as Id);
					// A parent that was deleted and collected takes the new item with it: harmless.
					if (s instanceof Y.GC) value = 0;
					else if (s instanceof Y.Item)
						value =
							s.content instanceof Y.ContentType ? typeDepth(s.content.type as SharedType) : null;
				}
			} else {
				const o = (it.origin ?? it.rightOrigin) as Id | null;
				if (o) {
					const sib = inUpdate(o);
					if (sib) dependsOn = sib;
					else {
						const s = storedStruct(doc, o);
						if (s instanceof Y.GC) value = 0;
						else if (s instanceof Y.Item) value = s.parent ? typeDepth(s.parent as SharedType) : 0;
					}
				}
			}
			if (dependsOn) {
				if (!parentDepth.has(dependsOn)) {
					if (visiting.has(dependsOn)) {
						// A cycle: no real document has one.
						parentDepth.set(it, null);
						stack.pop();
					} else stack.push(dependsOn);
					continue;
				}
				const d = parentDepth.get(dependsOn)!;
				// The parent is that item's own type (one level below where it lives), or its parent.
				value = d === null ? null : through === 'parent' ? d + 1 : d;
			}
			parentDepth.set(it, value);
			stack.pop();
		}
		return parentDepth.get(start) ?? null;
	};

	let deepest = 0;
	for (const it of items) {
		if (!(it.content instanceof Y.ContentType)) continue;
		const d = resolve(it);
		if (d === null) return null;
		deepest = Math.max(deepest, d + 1);
	}
	return deepest;
}

/**
 * The deepest nesting of shared types in `doc`, walked with an explicit stack. For documents
 * stored before depth limits existed: the room logs them, and every server-side reader of a
 * clause (`clausePlainText`) walks iteratively, so such a document cannot block offers.
 */
export function deepestType(doc: Y.Doc): number {
	let deepest = 0;
	const stack: { type: SharedType; depth: number }[] = [];
	for (const type of doc.share.values()) stack.push({ type, depth: 0 });
	while (stack.length > 0) {
		const { type, depth } = stack.pop()!;
		deepest = Math.max(deepest, depth);
		const push = (item: Y.Item) => {
			if (!item.deleted && item.content instanceof Y.ContentType)
				stack.push({ type: item.content.type as SharedType, depth: depth + 1 });
		};
		for (let item = type._start; item !== null; item = item.right) push(item);
		for (const item of type._map.values()) push(item);
	}
	return deepest;
}

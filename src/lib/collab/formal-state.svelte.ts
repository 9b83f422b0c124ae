import type * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import { readFormal, type Formal } from './formal.ts';

/** Runes view of a match's formal-acts document (read-only for every browser). */
export class FormalState {
	readonly #subscribe: () => void;

	constructor(private readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => {
			doc.on('update', update);
			return () => doc.off('update', update);
		});
	}

	get formal(): Formal {
		this.#subscribe();
		return readFormal(this.doc);
	}
}

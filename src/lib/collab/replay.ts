/**
 * The debrief replay (过程回放): the table's draft as it stood after each stored update. The
 * server keeps every update of a match's table document with its time; replaying the first n of
 * them into an empty `Y.Doc` gives the draft at step n, without Yjs snapshots (which need gc off).
 * The agenda comes from the scenario, never from the replayed document, which any writer could
 * have added to (the same rule the server follows when it reads the draft for an offer).
 *
 * ```ts
 * const replay = new DraftReplay(decodeUpdates(body.updates), scenario.terms);
 * replay.at(1);                 // the draft as the server created it
 * replay.at(replay.length);     // the signed draft
 * replay.destroy();
 * ```
 */
import * as Y from 'yjs';
import { readValues } from './table-doc.ts';
import { clauseFragment, clausePlainText } from './rich-clause.ts';
import type { AgendaItem, TermValue } from './schema.ts';

/** One stored update of the table document and when the server received it (ms since epoch). */
export interface TimedUpdate {
	at: number;
	update: Uint8Array;
}

export interface DraftStep {
	/** Values of the agenda's non-clause terms (D5: a malformed or empty entry reads as missing). */
	values: Record<string, DraftValue>;
	/** Plain-text wording of the agenda's clause terms, one line per paragraph (D4). */
	clauses: Record<string, string>;
	/** Agenda ids whose value or wording the step's own update changed (none at step 0). */
	changed: string[];
}

/** The replay endpoint's JSON (`{ at, update: base64 }`) as bytes. */
export function decodeUpdates(raw: readonly { at: number; update: string }[]): TimedUpdate[] {
	return raw.map((u) => ({
		at: u.at,
		update: Uint8Array.from(atob(u.update), (c) => c.charCodeAt(0))
	}));
}

type AgendaRef = Pick<AgendaItem, 'id' | 'kind'>;
type DraftValue = Exclude<TermValue, null>;

function read(doc: Y.Doc, agenda: readonly AgendaRef[]): Omit<DraftStep, 'changed'> {
	const all = readValues(doc);
	const values: Record<string, DraftValue> = {};
	const clauses: Record<string, string> = {};
	for (const item of agenda) {
		if (item.kind === 'clause') clauses[item.id] = clausePlainText(clauseFragment(doc, item.id));
		else {
			const v = all[item.id];
			if (v !== undefined && v !== null) values[item.id] = v;
		}
	}
	return { values, clauses };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Rebuilds the draft step by step. Moving forward applies only the updates not yet applied;
 * moving back starts again from an empty document (updates cannot be unapplied), which for a
 * match of a few thousand updates takes milliseconds.
 */
export class DraftReplay {
	#doc = new Y.Doc();
	#applied = 0;

	constructor(
		private readonly updates: readonly TimedUpdate[],
		private readonly agenda: readonly AgendaRef[]
	) {}

	/** Number of steps: one per stored update. */
	get length(): number {
		return this.updates.length;
	}

	/** When the update of step `step` (1-based) arrived; null for step 0 or out of range. */
	timeOf(step: number): number | null {
		return step >= 1 ? (this.updates[step - 1]?.at ?? null) : null;
	}

	/** The draft after the first `step` updates (clamped to 0…length). */
	at(step: number): DraftStep {
		const n = Math.max(0, Math.min(Math.trunc(step), this.updates.length));
		if (n === 0) {
			this.#seek(0);
			return { ...read(this.#doc, this.agenda), changed: [] };
		}
		this.#seek(n - 1);
		const before = read(this.#doc, this.agenda);
		this.#seek(n);
		const after = read(this.#doc, this.agenda);
		const changed = this.agenda
			.map((a) => a.id)
			.filter(
				(id) =>
					!same(before.values[id] ?? before.clauses[id], after.values[id] ?? after.clauses[id])
			);
		return { ...after, changed };
	}

	destroy(): void {
		this.#doc.destroy();
	}

	#seek(n: number): void {
		if (n < this.#applied) {
			this.#doc.destroy();
			this.#doc = new Y.Doc();
			this.#applied = 0;
		}
		for (; this.#applied < n; this.#applied++)
			Y.applyUpdate(this.#doc, this.updates[this.#applied]!.update);
	}
}

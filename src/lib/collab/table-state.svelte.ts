import * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import {
	readAgenda,
	readDraft,
	readMeta,
	readTerm,
	readValues,
	setTermValue,
	checkSchema,
	termsMap,
	type TermEntry
} from './table-doc.ts';
import { clauseFragment, clausePlainText } from './rich-clause.ts';
import { addComment, readComments, type Comment } from './comments.ts';
import type { AgendaItem, Meta, TermValue } from './schema.ts';
import {
	draftValue,
	effectiveStates,
	type StoredTermState,
	type TermState
} from '../domain/negotiation/index.ts';

/**
 * Runes view of a negotiation doc: getters re-run for any reader whenever the doc changes.
 * Local edits go through here so that undo/redo covers exactly this user's own changes.
 */
export class TableState {
	readonly #subscribe: () => void;
	readonly undoManager: Y.UndoManager;

	constructor(readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => {
			doc.on('update', update);
			return () => doc.off('update', update);
		});
		// Clause editors keep their own undo (Tiptap binds Yjs undo per fragment).
		this.undoManager = new Y.UndoManager([termsMap(doc)], { captureTimeout: 500 });
	}

	/** Why this document cannot be read by this version (a newer layout), or null. */
	get schemaProblem(): string | null {
		this.#subscribe();
		return checkSchema(this.doc);
	}

	get meta(): Meta | null {
		this.#subscribe();
		return readMeta(this.doc);
	}

	get agenda(): AgendaItem[] {
		this.#subscribe();
		return readAgenda(this.doc);
	}

	get values(): Record<string, TermValue> {
		this.#subscribe();
		return readValues(this.doc);
	}

	term(id: string): TermEntry | null {
		this.#subscribe();
		return readTerm(this.doc, id);
	}

	comments(termId: string): Comment[] {
		this.#subscribe();
		return readComments(this.doc, termId);
	}

	addComment(termId: string, by: string, text: string): void {
		addComment(this.doc, termId, by, text);
	}

	clauseFragment(id: string): Y.XmlFragment {
		return clauseFragment(this.doc, id);
	}

	/** A clause's wording as plain text, one line per paragraph (re-read on every change). */
	clauseText(id: string): string {
		this.#subscribe();
		return clausePlainText(clauseFragment(this.doc, id));
	}

	/** A term's value as formal acts read it (clause terms: their plain wording). */
	draftValue(item: AgendaItem): unknown {
		this.#subscribe();
		return draftValue(item, readDraft(this.doc, [item]));
	}

	/**
	 * Every agenda term's state as it stands now (N12), by the rule the server signs with:
	 * a stored state holds only while the draft keeps its value.
	 */
	termStates(
		agenda: readonly AgendaItem[],
		stored: Readonly<Record<string, StoredTermState>>
	): Record<string, TermState> {
		this.#subscribe();
		return effectiveStates({ terms: [...agenda] }, stored, readDraft(this.doc, agenda));
	}

	setValue(id: string, value: TermValue, by: string): void {
		setTermValue(this.doc, id, value, by);
	}

	get canUndo(): boolean {
		this.#subscribe();
		return this.undoManager.undoStack.length > 0;
	}

	get canRedo(): boolean {
		this.#subscribe();
		return this.undoManager.redoStack.length > 0;
	}
}

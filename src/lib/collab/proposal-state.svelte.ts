import * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import {
	addVersion,
	rationaleText,
	readLog,
	readProposalMeta,
	readSweeps,
	readVersions,
	removeSweep,
	replaceText,
	saveSweep,
	setVersionName,
	setVersionTerm,
	versionClauseText,
	type ProposalLogEntry,
	type ProposalMeta,
	type ProposalVersion,
	type SavedSweep
} from './proposal-doc.ts';
import type { TermValue } from './schema.ts';

/**
 * Runes view of a proposal workspace (WS1–WS3): getters re-run whenever the doc changes, and
 * every edit goes through proposal-doc.ts with the editor's name, so each change is attributed.
 */
export class ProposalState {
	readonly #subscribe: () => void;

	constructor(readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => {
			doc.on('update', update);
			return () => doc.off('update', update);
		});
	}

	get meta(): ProposalMeta | null {
		this.#subscribe();
		return readProposalMeta(this.doc);
	}

	get versions(): ProposalVersion[] {
		this.#subscribe();
		return readVersions(this.doc);
	}

	get log(): ProposalLogEntry[] {
		this.#subscribe();
		return readLog(this.doc);
	}

	get sweeps(): SavedSweep[] {
		this.#subscribe();
		return readSweeps(this.doc);
	}

	saveSweep(s: Omit<SavedSweep, 'id' | 'at'>): string {
		return saveSweep(this.doc, s);
	}

	removeSweep(id: string): void {
		removeSweep(this.doc, id);
	}

	addVersion(by: string, from?: string): string {
		return addVersion(this.doc, from ? { by, from } : { by });
	}

	setTerm(versionId: string, termId: string, value: TermValue, by: string): void {
		setVersionTerm(this.doc, versionId, termId, value, by);
	}

	setName(versionId: string, name: string, by: string): void {
		setVersionName(this.doc, versionId, name, by);
	}

	/** Writes a text box's new content as the smallest change, so concurrent typing merges. */
	setRationale(versionId: string, text: string): void {
		const t = rationaleText(this.doc, versionId);
		if (t) replaceText(t, text);
	}

	setClause(versionId: string, termId: string, text: string): void {
		const t = versionClauseText(this.doc, versionId, termId);
		if (t) replaceText(t, text);
	}
}

/**
 * Drafts are never lost (K54–K57): every change is copied to this browser's storage at once and
 * sent to the server's per-user draft after a pause in typing; when the connection is lost the
 * local copy carries on and is sent when it comes back; a reload restores the newer of the two;
 * a second tab on the same case is detected through a BroadcastChannel and both tabs warn.
 * Saving a version is explicit (`saveVersion`); a 409 comes back as a conflict the page shows,
 * never as a silent overwrite.
 */
import { z } from 'zod';
import type { CaseEditor } from './case-editor.svelte.ts';
import type { Doc } from './doc-path.ts';

/** K54: a pause this long in typing sends the draft. */
export const AUTOSAVE_MS = 1200;

/** A time as the API gives it (ms since the epoch) or as ISO text, read as ms. */
const instant = z
	.union([z.number(), z.string()])
	.transform((t) => (typeof t === 'number' ? t : Date.parse(t)));

export const draftSchema = z.object({
	document: z.record(z.string(), z.unknown()),
	savedAt: instant
});
export type Draft = z.infer<typeof draftSchema>;

export const conflictSchema = z.object({
	latestVersion: z.number().int(),
	by: z.string().nullable().optional(),
	at: instant.nullable().optional()
});
export type Conflict = z.infer<typeof conflictSchema>;

const savedSchema = z.object({ version: z.number().int() });
const badSchema = z.object({
	issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
	error: z.string().optional()
});

export type DraftStatus = 'clean' | 'pending' | 'saving' | 'saved' | 'local-only';

export type SaveResult =
	| { kind: 'saved'; version: number }
	| { kind: 'conflict'; conflict: Conflict }
	| { kind: 'invalid'; issues: { path: string; message: string }[]; message?: string }
	| { kind: 'error'; message: string };

/** The newer of two drafts by their ISO time (either may be missing). */
export function newerDraft(a: Draft | null, b: Draft | null): Draft | null {
	if (!a) return b;
	if (!b) return a;
	return b.savedAt > a.savedAt ? b : a;
}

export class DraftSync {
	status = $state<DraftStatus>('clean');
	savedAt = $state<number | null>(null);
	/** K56: another tab has this case open. */
	otherTab = $state(false);
	/** A version saved in another tab since this one loaded. */
	otherTabSaved = $state<number | null>(null);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#channel: BroadcastChannel | null = null;
	#tab = Math.random().toString(36).slice(2);
	#onOnline = () => {
		if (this.status === 'local-only') void this.flush();
	};

	constructor(
		readonly caseId: string,
		readonly userKey: string,
		readonly editor: CaseEditor,
		public baseVersion: number
	) {}

	get localKey() {
		return `xs-case-draft:${this.userKey}:${this.caseId}`;
	}

	/** Starts the tab detection and the online listener; returns the cleanup. */
	start(): () => void {
		if (typeof BroadcastChannel !== 'undefined') {
			const ch = new BroadcastChannel(`xs-case:${this.caseId}`);
			ch.onmessage = (e: MessageEvent) => {
				const msg = e.data as { type?: string; tab?: string; version?: number };
				if (msg.tab === this.#tab) return;
				if (msg.type === 'hello') {
					this.otherTab = true;
					ch.postMessage({ type: 'here', tab: this.#tab });
				} else if (msg.type === 'here') this.otherTab = true;
				else if (msg.type === 'bye') this.otherTab = false;
				else if (msg.type === 'saved' && typeof msg.version === 'number')
					this.otherTabSaved = msg.version;
			};
			ch.postMessage({ type: 'hello', tab: this.#tab });
			this.#channel = ch;
		}
		window.addEventListener('online', this.#onOnline);
		const bye = () => this.#channel?.postMessage({ type: 'bye', tab: this.#tab });
		window.addEventListener('pagehide', bye);
		return () => {
			bye();
			this.#channel?.close();
			window.removeEventListener('online', this.#onOnline);
			window.removeEventListener('pagehide', bye);
			if (this.#timer) clearTimeout(this.#timer);
		};
	}

	/** The copy this browser keeps, if any. */
	readLocal(): Draft | null {
		try {
			const raw = localStorage.getItem(this.localKey);
			if (!raw) return null;
			const r = draftSchema.safeParse(JSON.parse(raw));
			return r.success ? r.data : null;
		} catch {
			return null;
		}
	}

	/** K54: called on every change: local copy now, server draft after a pause. */
	changed(): void {
		if (this.editor.readOnly) return;
		const draft: Draft = { document: this.editor.doc, savedAt: Date.now() };
		try {
			localStorage.setItem(this.localKey, JSON.stringify(draft));
		} catch {
			/* storage full or blocked: the server draft still carries it */
		}
		this.status = 'pending';
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
	}

	/** Sends the current document as the server draft now. */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.status = 'saving';
		try {
			const res = await fetch(`/api/cases/${encodeURIComponent(this.caseId)}/draft`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ document: this.editor.doc })
			});
			if (!res.ok) throw new Error(String(res.status));
			const saved = z.object({ savedAt: instant }).safeParse(await res.json());
			this.savedAt = saved.success ? saved.data.savedAt : Date.now();
			this.status = 'saved';
		} catch {
			// K55: offline or the server refused: the local copy holds the work until it comes back.
			this.status = 'local-only';
		}
	}

	/** Drops both drafts (after a version is saved, or when the user discards them). */
	async discard(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		try {
			localStorage.removeItem(this.localKey);
		} catch {
			/* nothing to remove */
		}
		try {
			await fetch(`/api/cases/${encodeURIComponent(this.caseId)}/draft`, { method: 'DELETE' });
		} catch {
			/* the next save replaces it */
		}
		this.status = 'clean';
	}

	/** K57: explicit save makes a version; a newer version on the server is a conflict. */
	async saveVersion(note: string, baseVersion = this.baseVersion): Promise<SaveResult> {
		let res: Response;
		try {
			res = await fetch(`/api/cases/${encodeURIComponent(this.caseId)}`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ document: this.editor.doc, note, baseVersion })
			});
		} catch {
			return { kind: 'error', message: '' };
		}
		const body: unknown = await res.json().catch(() => ({}));
		if (res.ok) {
			const ok = savedSchema.safeParse(body);
			if (!ok.success) return { kind: 'error', message: '' };
			this.baseVersion = ok.data.version;
			this.editor.markSaved();
			await this.discard();
			this.#channel?.postMessage({ type: 'saved', tab: this.#tab, version: ok.data.version });
			return { kind: 'saved', version: ok.data.version };
		}
		if (res.status === 409) {
			const c = conflictSchema.safeParse(body);
			if (c.success) return { kind: 'conflict', conflict: c.data };
		}
		const bad = badSchema.safeParse(body);
		if (res.status === 400 && bad.success)
			return { kind: 'invalid', issues: bad.data.issues ?? [], message: bad.data.error };
		return { kind: 'error', message: bad.success ? (bad.data.error ?? '') : '' };
	}

	/** The document the page should open with: the newer draft if it differs from the version. */
	static restore(version: Doc, server: Draft | null, local: Draft | null): Draft | null {
		const d = newerDraft(server, local);
		if (!d) return null;
		return JSON.stringify(d.document) === JSON.stringify(version) ? null : d;
	}
}

/**
 * The studio's document state (K50–K53): one case document as plain JSON, valid or not, with
 * undo/redo and the validation, costing and balance check recomputed after each pause in typing
 * (SETTLE_MS, marked `pending` until then) by the same domain functions the table, the server and `xs` use. The document is the scenario schema's
 * input (no second model); a half-written field (text in a number box) is kept as typed and
 * reported next to its field rather than dropped.
 */
import {
	caseBalance,
	issuesAtFields,
	jurisdictionSchema,
	mergeJurisdiction,
	PICK_JURISDICTION_ZH,
	scenarioSchema,
	type CaseBalance,
	type FieldIssue,
	type Jurisdiction,
	type JurisdictionFile,
	type ResolvedScenario
} from '$lib/domain/index.ts';
import { dotted, getIn, setIn, type Doc, type DocPath, type Key } from './doc-path.ts';

/** K51: keystrokes in one field within this many ms make one undo step. */
const COALESCE_MS = 800;
const HISTORY = 200;
/**
 * K50: validation and the cost it unlocks wait for a pause this long in typing (a large case
 * takes ~140 ms for both), but never longer than MAX_WAIT_MS after the first change, so a
 * trainer who types on sees figures move. Meanwhile `pending` marks them as not current.
 */
export const SETTLE_MS = 150;
export const MAX_WAIT_MS = 600;

export interface Checked {
	issues: FieldIssue[];
	/** The resolved case when the document is valid. */
	resolved: ResolvedScenario | null;
}

/** Validates a document and merges its jurisdiction, reporting every problem by path (K50). */
export function checkDocument(
	doc: unknown,
	jurisdictions: Record<string, JurisdictionFile>
): Checked {
	const r = scenarioSchema.safeParse(doc, { reportInput: true });
	const issues: FieldIssue[] = r.success ? [] : issuesAtFields(r.error.issues);
	const raw = (doc ?? {}) as { jurisdiction?: unknown; jurisdictionOverrides?: unknown };
	let rules: Jurisdiction | null = null;
	if (typeof raw.jurisdiction === 'string' && raw.jurisdiction !== '') {
		const base = jurisdictions[raw.jurisdiction];
		if (!base) issues.push({ path: ['jurisdiction'], message: PICK_JURISDICTION_ZH });
		else {
			const merged = jurisdictionSchema.safeParse(
				mergeJurisdiction(base, raw.jurisdictionOverrides),
				{ reportInput: true }
			);
			if (merged.success) rules = merged.data;
			else issues.push(...issuesAtFields(merged.error.issues, ['jurisdictionOverrides']));
		}
	}
	return {
		issues,
		resolved: r.success && rules && issues.length === 0 ? { ...r.data, rules } : null
	};
}

export class CaseEditor {
	doc = $state.raw<Doc>({});
	/** The document as last saved as a version (dirty = differs from it). */
	saved = $state.raw<string>('');
	jurisdictions = $state.raw<Record<string, JurisdictionFile>>({});
	readonly readOnly: boolean;
	#undo = $state.raw<Doc[]>([]);
	#redo = $state.raw<Doc[]>([]);
	#lastKey = '';
	#lastAt = 0;
	/** Bumped on every change, so autosave can watch one number. */
	revision = $state(0);

	#checked = $state.raw<Checked>({ issues: [], resolved: null });
	/** True while `checked` (and the cost drawn from it) belongs to an earlier document. */
	pending = $state(false);
	/** How many times the document has been validated (one per pause in typing, not per key). */
	runs = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#firstChangeAt = 0;
	/** The problems and resolved case of the document as last validated (see `pending`). */
	get checked(): Checked {
		return this.#checked;
	}
	#lastGood: ResolvedScenario | null = null;
	/** The last valid case: the cost report stays on screen while a field is half-typed. */
	readonly resolved: ResolvedScenario | null = $derived.by(() => {
		const r = this.checked.resolved;
		if (r) this.#lastGood = r;
		return r ?? this.#lastGood;
	});
	readonly isStale = $derived(this.checked.resolved === null && this.resolved !== null);
	readonly balance: CaseBalance | null = $derived(
		this.resolved ? caseBalance(this.resolved) : null
	);
	readonly isDirty = $derived(JSON.stringify(this.doc) !== this.saved);
	readonly canUndo = $derived(this.#undo.length > 0);
	readonly canRedo = $derived(this.#redo.length > 0);

	constructor(
		doc: Doc,
		jurisdictions: Record<string, JurisdictionFile>,
		options: { readOnly?: boolean; saved?: Doc } = {}
	) {
		this.doc = doc;
		this.saved = JSON.stringify(options.saved ?? doc);
		this.jurisdictions = jurisdictions;
		this.readOnly = options.readOnly ?? false;
		this.#validate();
	}

	#validate(): void {
		this.runs++;
		this.#checked = checkDocument(this.doc, this.jurisdictions);
		this.pending = false;
	}

	/** Every change: bump the revision (autosave watches it) and validate after the pause. */
	#changed(): void {
		this.revision++;
		const now = Date.now();
		if (!this.pending) {
			this.pending = true;
			this.#firstChangeAt = now;
		}
		clearTimeout(this.#timer);
		const wait = Math.max(0, Math.min(SETTLE_MS, this.#firstChangeAt + MAX_WAIT_MS - now));
		this.#timer = setTimeout(() => this.flush(), wait);
	}

	/** Validates the document now if it changed since (a save judges what is on screen). */
	flush(): Checked {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.pending) this.#validate();
		return this.#checked;
	}

	get(path: DocPath): unknown {
		return getIn(this.doc, path);
	}

	/** Writes one field; typing in the same field within COALESCE_MS is one undo step. */
	set(path: DocPath, value: unknown): void {
		if (this.readOnly) return;
		const key = dotted(path);
		const now = Date.now();
		if (key !== this.#lastKey || now - this.#lastAt > COALESCE_MS)
			this.#undo = [...this.#undo.slice(-HISTORY + 1), this.doc];
		this.#lastKey = key;
		this.#lastAt = now;
		this.#redo = [];
		this.doc = setIn(this.doc, path, value);
		this.#changed();
	}

	/** Several fields as one undo step (a term's current value and the parameter it drives). */
	setMany(writes: readonly (readonly [DocPath, unknown])[]): void {
		if (this.readOnly || writes.length === 0) return;
		const key = writes.map(([p]) => dotted(p)).join('|');
		const now = Date.now();
		if (key !== this.#lastKey || now - this.#lastAt > COALESCE_MS)
			this.#undo = [...this.#undo.slice(-HISTORY + 1), this.doc];
		this.#lastKey = key;
		this.#lastAt = now;
		this.#redo = [];
		let doc = this.doc;
		for (const [p, v] of writes) doc = setIn(doc, p, v);
		this.doc = doc;
		this.#changed();
	}

	/** A structural change (add or remove a row): always its own undo step. */
	change(path: DocPath, update: (old: unknown) => unknown): void {
		if (this.readOnly) return;
		this.#lastKey = '';
		this.#undo = [...this.#undo.slice(-HISTORY + 1), this.doc];
		this.#redo = [];
		this.doc = setIn(this.doc, path, update(getIn(this.doc, path)));
		this.#changed();
	}

	/** Replaces the whole document (restoring a draft, opening another version). */
	replace(doc: Doc, options: { asSaved?: boolean } = {}): void {
		this.#undo = options.asSaved ? [] : [...this.#undo, this.doc];
		this.#redo = [];
		this.#lastKey = '';
		this.doc = doc;
		if (options.asSaved) this.saved = JSON.stringify(doc);
		this.#changed();
	}

	markSaved(): void {
		this.saved = JSON.stringify(this.doc);
	}

	undo(): void {
		const prev = this.#undo.at(-1);
		if (!prev) return;
		this.#undo = this.#undo.slice(0, -1);
		this.#redo = [...this.#redo, this.doc];
		this.#lastKey = '';
		this.doc = prev;
		this.#changed();
	}

	redo(): void {
		const next = this.#redo.at(-1);
		if (!next) return;
		this.#redo = this.#redo.slice(0, -1);
		this.#undo = [...this.#undo, this.doc];
		this.#lastKey = '';
		this.doc = next;
		this.#changed();
	}

	/** Problems exactly at `path`. */
	issuesAt(path: DocPath): FieldIssue[] {
		const k = dotted(path);
		return this.checked.issues.filter((i) => dotted(i.path) === k);
	}

	/** Problems at `path` or inside it (a section's count). */
	issuesUnder(path: readonly Key[]): FieldIssue[] {
		const k = dotted(path);
		return this.checked.issues.filter((i) => {
			const d = dotted(i.path);
			return d === k || d.startsWith(k + '.');
		});
	}
}

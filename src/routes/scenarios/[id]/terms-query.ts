/**
 * Edited terms in the URL query, so a version of a proposal can be shared and compared:
 * only terms that differ from the current value are written, one parameter per term
 * (`seniorityPerYear=50`, `heatAllowance=true`) and one per changed table cell
 * (`skillLadder.mid=300`; term ids contain no dots). Parameters that are not terms are left
 * alone, and values that do not fit their term are dropped when reading.
 */
import type { Term, TermValue, TermValues } from '$lib/domain/index.ts';

type TermDefs = ReadonlyArray<Term>;

const num = (s: string): number | undefined => {
	if (s.trim() === '') return undefined;
	const n = Number(s);
	return Number.isFinite(n) ? n : undefined;
};

/** Reads the terms a query sets; unknown names and unusable values are ignored. */
export function decodeTerms(params: URLSearchParams, terms: TermDefs): TermValues {
	const out: TermValues = {};
	const byId = new Map(terms.map((t) => [t.id, t]));
	for (const [key, raw] of params) {
		const dot = key.indexOf('.');
		const term = byId.get(dot === -1 ? key : key.slice(0, dot));
		if (!term) continue;
		if (term.kind === 'table') {
			if (dot === -1) continue;
			const cell = key.slice(dot + 1);
			const n = num(raw);
			if (n === undefined) continue;
			const prev = out[term.id];
			out[term.id] = { ...(typeof prev === 'object' ? prev : term.current), [cell]: n };
			continue;
		}
		if (dot !== -1) continue;
		switch (term.kind) {
			case 'number':
			case 'cell': {
				const n = num(raw);
				if (n !== undefined) out[term.id] = n;
				break;
			}
			case 'boolean':
				if (raw === 'true' || raw === 'false') out[term.id] = raw === 'true';
				break;
			case 'choice':
				if (term.options.some((o) => o.value === raw)) out[term.id] = raw;
				break;
			case 'clause':
				out[term.id] = raw;
				break;
		}
	}
	return out;
}

/** Writes the terms that differ from current into `params` (replacing earlier term parameters). */
export function encodeTerms(
	values: Readonly<Record<string, TermValue | undefined>>,
	terms: TermDefs,
	params = new URLSearchParams()
): URLSearchParams {
	const ids = new Set(terms.map((t) => t.id));
	for (const key of [...params.keys()]) {
		const dot = key.indexOf('.');
		if (ids.has(dot === -1 ? key : key.slice(0, dot))) params.delete(key);
	}
	for (const term of terms) {
		const v = values[term.id];
		if (v === undefined) continue;
		if (term.kind === 'table') {
			if (typeof v !== 'object') continue;
			for (const [cell, n] of Object.entries(v)) {
				if (Number.isFinite(n) && n !== term.current[cell])
					params.set(`${term.id}.${cell}`, String(n));
			}
			continue;
		}
		if (typeof v === 'object' || v === term.current) continue;
		params.set(term.id, String(v));
	}
	return params;
}

/** The terms that differ from current, for saving a version (tables keep only changed cells). */
export function changedTerms(
	values: Readonly<Record<string, TermValue | undefined>>,
	terms: TermDefs
): TermValues {
	return decodeTerms(encodeTerms(values, terms), terms);
}

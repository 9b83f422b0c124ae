/**
 * Term values (议题取值): reading the current values from a scenario and applying a draft's
 * values to the model parameters they drive. A draft may be partial or hold garbage typed by a
 * user mid-edit; unusable values keep the current value and come back as `input` findings.
 */
import { CITATIONS } from './citations.ts';
import { finding, type Finding } from './findings.ts';
import { setPaths } from './paths.ts';
import type { ResolvedScenario, Scenario, Term, TermValue, TermValues } from './scenario.ts';

/** The current value of every term, by id: the starting state of a draft. */
export function currentTerms(scenario: Pick<Scenario, 'terms'>): TermValues {
	const out: TermValues = {};
	for (const t of scenario.terms)
		out[t.id] = typeof t.current === 'object' ? { ...t.current } : t.current;
	return out;
}

export interface TermChange {
	termId: string;
	title: string;
	current: TermValue;
	proposed: TermValue;
}

export interface AppliedTerms {
	/** The scenario with the proposed values written into the model parameters. */
	scenario: ResolvedScenario;
	/** The full set of values in force (current where the draft is silent or unusable). */
	values: TermValues;
	changes: TermChange[];
	findings: Finding[];
}

const inputFinding = (
	termId: string,
	message: string,
	figures: Record<string, number> = {}
): Finding =>
	finding('term-input', 'input', CITATIONS.termDefinition, message, figures, { termId });

/** Checks one value against its term; returns the value to use (or undefined to keep current) and any finding. */
export function checkTermValue(term: Term, value: unknown): { use?: TermValue; finding?: Finding } {
	const bad = (msg: string) => ({
		finding: inputFinding(term.id, `${term.title}: ${msg}，沿用现行值`)
	});
	switch (term.kind) {
		case 'number':
		case 'cell': {
			if (typeof value !== 'number' || !Number.isFinite(value)) return bad('需要一个数字');
			if (
				(term.min !== undefined && value < term.min) ||
				(term.max !== undefined && value > term.max)
			) {
				// Out of the authored range: still priced (the table may want to see it), but flagged.
				return {
					use: value,
					finding: {
						...inputFinding(
							term.id,
							`${term.title}: ${value} 超出议题范围 ${term.min ?? '−∞'}–${term.max ?? '∞'} ${term.unit}`,
							{ value }
						),
						severity: 'warning'
					}
				};
			}
			return { use: value };
		}
		case 'choice':
			if (typeof value !== 'string' || !term.options.some((o) => o.value === value))
				return bad(`"${String(value)}" 不是可选项`);
			return { use: value };
		case 'boolean':
			if (typeof value !== 'boolean') return bad('需要 是/否');
			return { use: value };
		case 'clause':
			if (typeof value !== 'string') return bad('需要文本');
			return { use: value };
		case 'table': {
			if (typeof value !== 'object' || value === null || Array.isArray(value))
				return bad('需要一张数值表');
			const merged: Record<string, number> = { ...term.current };
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
				if (typeof v !== 'number' || !Number.isFinite(v)) return bad(`"${k}" 需要一个数字`);
				if ((term.min !== undefined && v < term.min) || (term.max !== undefined && v > term.max)) {
					return bad(`"${k}" = ${v} 超出范围 ${term.min ?? '−∞'}–${term.max ?? '∞'}`);
				}
				merged[k] = v;
			}
			return { use: merged };
		}
	}
}

function equal(a: TermValue, b: TermValue): boolean {
	if (typeof a === 'object' && typeof b === 'object') {
		const ka = Object.keys(a);
		return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
	}
	return a === b;
}

/**
 * Writes `values` (only the terms that differ need be given) into the model. Unknown term ids
 * and unusable values become findings; nothing throws.
 */
export function applyTerms(
	scenario: ResolvedScenario,
	values: Readonly<Record<string, unknown>> | undefined
): AppliedTerms {
	const writes: [string, unknown][] = [];
	const findings: Finding[] = [];
	const changes: TermChange[] = [];
	const inForce = currentTerms(scenario);
	const byId = new Map(scenario.terms.map((t) => [t.id, t]));
	for (const [id, raw] of Object.entries(values ?? {})) {
		const term = byId.get(id);
		if (!term) {
			findings.push(inputFinding(id, `没有 id 为 "${id}" 的议题，已忽略`));
			continue;
		}
		if (raw === undefined || raw === null) continue;
		const { use, finding } = checkTermValue(term, raw);
		if (finding) findings.push(finding);
		if (use === undefined || equal(use, term.current)) continue;
		inForce[id] = use;
		changes.push({ termId: id, title: term.title, current: term.current, proposed: use });
		if (term.drives) writes.push([term.drives, use]);
	}
	return { scenario: setPaths(scenario, writes), values: inForce, changes, findings };
}

/**
 * Offers (提出方案): the formal acts of the table. Drafting is free, but tabling an offer is
 * validated by the server and stored as an immutable snapshot, so the offer log never depends on
 * mutable document state (DESIGN "formal acts are validated"). This module holds the snapshot's
 * schema and the checks the server runs before storing one (rules N1–N4 in ../SPEC.md).
 *
 * ```ts
 * const problems = validateOffer(scenario, { terms: draft.values, clauses: draft.clauses });
 * if (problems.length) return fail(422, { problems });   // each message names the term id
 * ```
 */
import { z } from 'zod';
import type { ResolvedScenario, Term, TermValue, TermValues } from '../scenario.ts';
import { termValuesSchema } from '../scenario.ts';
import { checkTermValue } from '../terms.ts';

import { sideSchema, type Side } from '../roles.ts';
export { sideSchema, type Side };

/** 'offer': a side's first or a fresh proposal; 'counter': an answer to the other side's offer. */
export const offerKindSchema = z.enum(['offer', 'counter']);
export type OfferKind = z.infer<typeof offerKindSchema>;

/** Clause wording by clause id (a scenario clause term's id, or a clause added at the table). */
export const clauseTextsSchema = z.record(z.string().min(1), z.string());
export type ClauseTexts = z.infer<typeof clauseTextsSchema>;

/** An immutable snapshot of a formal offer, as stored and as shown in the offer timeline. */
export const offerSchema = z
	.object({
		id: z.string().min(1),
		matchId: z.string().min(1),
		side: sideSchema,
		/** Position in the match's offer log, 1, 2, 3 … across both sides. */
		seq: z.number().int().min(1),
		kind: offerKindSchema,
		/** Values of the non-clause terms; a term the offer omits stands at its current value (N2). */
		terms: termValuesSchema,
		clauses: clauseTextsSchema,
		message: z.string().default(''),
		/** Display name of the chief who tabled it. */
		createdBy: z.string().min(1),
		createdAt: z.iso.datetime({ offset: true })
	})
	.strict();
export type Offer = z.infer<typeof offerSchema>;

/** Longest clause text an offer may carry; guards the stored row, not the wording. */
export const MAX_CLAUSE_CHARS = 20_000;

export type OfferProblemCode =
	| 'unknown-term'
	| 'missing-term'
	| 'wrong-type'
	| 'out-of-range'
	| 'off-step'
	| 'not-an-option'
	| 'clause-in-terms'
	| 'term-in-clauses'
	| 'clause-too-long';

/** One reason an offer cannot be tabled. `message` is Chinese and shown to users as is. */
export interface OfferProblem {
	termId: string;
	code: OfferProblemCode;
	message: string;
}

const label = (t: Term) => `${t.title}（${t.id}）`;

/** Relative tolerance for step checks: 0.07 / 0.005 is 14.000000000000002 in binary floating point. */
const STEP_EPSILON = 1e-9;

function isOnStep(value: number, base: number, step: number): boolean {
	const q = (value - base) / step;
	return Math.abs(q - Math.round(q)) <= STEP_EPSILON * Math.max(1, Math.abs(q));
}

function checkNumber(
	term: Extract<Term, { kind: 'number' | 'cell' | 'table' }>,
	value: number,
	step: number | undefined,
	where = ''
): OfferProblem | null {
	const unit = term.unit ? ` ${term.unit}` : '';
	if (
		(term.min !== undefined && value < term.min) ||
		(term.max !== undefined && value > term.max)
	) {
		return {
			termId: term.id,
			code: 'out-of-range',
			message: `${label(term)}${where}：${value}${unit} 超出允许范围 ${term.min ?? '−∞'}–${term.max ?? '∞'}${unit}`
		};
	}
	// N1: the current value is always allowed, even if an author put it off the grid.
	if (step !== undefined && !isOnStep(value, term.min ?? 0, step) && value !== term.current) {
		return {
			termId: term.id,
			code: 'off-step',
			message: `${label(term)}${where}：${value}${unit} 不符合步长 ${step}${unit}（应从 ${term.min ?? 0} 起按 ${step} 递增）`
		};
	}
	return null;
}

/** A table cell's name for messages: its L3 label, else its key. */
const cellName = (term: Extract<Term, { kind: 'table' }>, key: string) => term.labels?.[key] ?? key;

/**
 * Every bad cell of a table value (N1), each named: not a finite number, outside the term's
 * bounds (tables have no step).
 */
function tableProblems(
	term: Extract<Term, { kind: 'table' }>,
	value: Record<string, unknown>
): OfferProblem[] {
	const out: OfferProblem[] = [];
	for (const [k, v] of Object.entries(value)) {
		const where = `“${cellName(term, k)}”`;
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			out.push({
				termId: term.id,
				code: 'wrong-type',
				message: `${label(term)}${where}：需要一个数字，收到 ${show(v)}`
			});
			continue;
		}
		const p = checkNumber(term, v, undefined, where);
		if (p) out.push(p);
	}
	return out;
}

function unusable(term: Term, value: unknown): OfferProblem {
	const wrong = (what: string): OfferProblem => ({
		termId: term.id,
		code: 'wrong-type',
		message: `${label(term)}：${what}，收到 ${show(value)}`
	});
	switch (term.kind) {
		case 'number':
		case 'cell':
			return wrong('需要一个数字');
		case 'boolean':
			return wrong('需要 是/否');
		case 'clause':
			return wrong('需要文本');
		case 'choice':
			if (typeof value !== 'string') return wrong('需要一个选项');
			return {
				termId: term.id,
				code: 'not-an-option',
				message: `${label(term)}："${value}" 不是可选项（可选：${term.options.map((o) => `${o.value} ${o.label}`).join('、')}）`
			};
		case 'table':
			return wrong('需要一张数值表');
	}
}

function show(value: unknown): string {
	if (value === undefined || value === null) return '空值';
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/**
 * Checks the term values of an offer against the scenario (N1). Unlike the cost engine, which
 * prices an out-of-range value and flags it (C21), an offer is a formal act: anything outside the
 * agenda's bounds, off its step, not one of its options, or of the wrong type is refused.
 * Returns every problem at once, in the scenario's term order then unknown ids; [] means valid.
 */
export function validateOfferTerms(
	scenario: Pick<ResolvedScenario, 'terms'>,
	terms: Readonly<Record<string, unknown>>
): OfferProblem[] {
	const problems: OfferProblem[] = [];
	const byId = new Map(scenario.terms.map((t) => [t.id, t]));
	for (const term of scenario.terms) {
		if (!Object.hasOwn(terms, term.id)) continue;
		const value = terms[term.id];
		if (term.kind === 'clause') {
			problems.push({
				termId: term.id,
				code: 'clause-in-terms',
				message: `${label(term)}：条款文本应放在条款（clauses）中提交，而不是议题取值`
			});
			continue;
		}
		if (
			term.kind === 'table' &&
			typeof value === 'object' &&
			value !== null &&
			!Array.isArray(value)
		) {
			problems.push(...tableProblems(term, value as Record<string, unknown>));
			continue;
		}
		// checkTermValue decides what is usable (the same test the cost engine applies); the
		// messages are our own because an offer is refused, not priced at the current value.
		if (checkTermValue(term, value).use === undefined) {
			problems.push(unusable(term, value));
			continue;
		}
		if ((term.kind === 'number' || term.kind === 'cell') && typeof value === 'number') {
			const p = checkNumber(term, value, term.step);
			if (p) problems.push(p);
		}
	}
	for (const id of Object.keys(terms)) {
		if (!byId.has(id))
			problems.push({ termId: id, code: 'unknown-term', message: `没有 id 为 "${id}" 的议题` });
	}
	return problems;
}

/**
 * Checks an offer's clause texts (N1). A clause id may be a scenario clause term or a clause the
 * table added; it may not be the id of a non-clause term, whose value belongs in `terms`.
 */
export function validateOfferClauses(
	scenario: Pick<ResolvedScenario, 'terms'>,
	clauses: Readonly<Record<string, unknown>>
): OfferProblem[] {
	const problems: OfferProblem[] = [];
	const byId = new Map(scenario.terms.map((t) => [t.id, t]));
	for (const [id, text] of Object.entries(clauses)) {
		const term = byId.get(id);
		const name = term ? label(term) : `条款（${id}）`;
		if (term && term.kind !== 'clause') {
			problems.push({
				termId: id,
				code: 'term-in-clauses',
				message: `${name}：这是数值类议题，应放在议题取值（terms）中提交`
			});
		} else if (typeof text !== 'string') {
			problems.push({ termId: id, code: 'wrong-type', message: `${name}：需要文本` });
		} else if (text.length > MAX_CLAUSE_CHARS) {
			problems.push({
				termId: id,
				code: 'clause-too-long',
				message: `${name}：条款文本 ${text.length} 字，超过上限 ${MAX_CLAUSE_CHARS} 字`
			});
		}
	}
	return problems;
}

/** Both checks of N1 for a whole draft; [] means the server may store it. */
export function validateOffer(
	scenario: Pick<ResolvedScenario, 'terms'>,
	draft: { terms: Readonly<Record<string, unknown>>; clauses: Readonly<Record<string, unknown>> }
): OfferProblem[] {
	return [
		...validateOfferTerms(scenario, draft.terms),
		...validateOfferClauses(scenario, draft.clauses)
	];
}

/**
 * One message for a refused offer (N1), for the server's 4xx answer: a lead sentence, then each
 * problem's message, separated by 「；」. Empty when there is nothing to refuse.
 */
export function offerProblemsMessage(problems: readonly OfferProblem[]): string {
	if (problems.length === 0) return '';
	return `方案未能提交，共 ${problems.length} 处问题：${problems.map((p) => p.message).join('；')}`;
}

/**
 * The full set of non-clause values an offer stands for (N2): its own values, the current value
 * where it is silent, and a partial table merged onto the current table (as `applyTerms` does).
 */
export function resolveOfferTerms(
	scenario: Pick<ResolvedScenario, 'terms'>,
	terms: Readonly<Record<string, unknown>>
): TermValues {
	const out: TermValues = {};
	for (const term of scenario.terms) {
		if (term.kind === 'clause') continue;
		const raw = Object.hasOwn(terms, term.id) ? terms[term.id] : undefined;
		const use = raw === undefined ? undefined : checkTermValue(term, raw).use;
		const value: TermValue = use ?? term.current;
		out[term.id] = typeof value === 'object' ? { ...value } : value;
	}
	return out;
}

/**
 * Every clause text an offer stands for (N2): scenario clause terms at their current wording
 * unless the offer gives one, then the clauses the table added, in the offer's order.
 */
export function resolveOfferClauses(
	scenario: Pick<ResolvedScenario, 'terms'>,
	clauses: Readonly<Record<string, string>>
): ClauseTexts {
	const out: ClauseTexts = {};
	for (const term of scenario.terms) {
		if (term.kind === 'clause')
			out[term.id] = Object.hasOwn(clauses, term.id) ? (clauses[term.id] as string) : term.current;
	}
	for (const [id, text] of Object.entries(clauses)) if (!(id in out)) out[id] = text;
	return out;
}

/** Sequence number of the next offer in a match's log (N3): one more than the highest so far. */
export function nextOfferSeq(offers: readonly Pick<Offer, 'seq'>[]): number {
	return offers.reduce((m, o) => Math.max(m, o.seq), 0) + 1;
}

/**
 * Kind of the next offer by `side` (N3): 'counter' once the other side has tabled anything,
 * else 'offer'.
 */
export function nextOfferKind(offers: readonly Pick<Offer, 'side'>[], side: Side): OfferKind {
	return offers.some((o) => o.side !== side) ? 'counter' : 'offer';
}

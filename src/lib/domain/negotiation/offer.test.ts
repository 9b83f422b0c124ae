import { describe, expect, it } from 'vitest';
import { offer, scenario } from './fixtures.ts';
import {
	nextOfferKind,
	nextOfferSeq,
	offerProblemsMessage,
	offerSchema,
	resolveOfferClauses,
	resolveOfferTerms,
	validateOffer,
	validateOfferClauses,
	validateOfferTerms
} from './offer.ts';

const codes = (ps: { termId: string; code: string }[]) => ps.map((p) => `${p.termId}:${p.code}`);

describe('validateOfferTerms', () => {
	it('[N1] accepts in-range, on-step values of every kind', () => {
		expect(
			validateOfferTerms(scenario, {
				seniority: 50, // (50 − 0) / 5 = 10 steps
				increase: 0.07, // 0.07 / 0.005 = 14.000000000000002 in floating point: on step within tolerance
				premium: 2.1, // (2.1 − 1) / 0.1 = 11.000000000000002
				peak: 2.5,
				basis: 'order',
				heat: true,
				ladder: { mid: 200, technician: 500 } // a new cell (technician) is allowed
			})
		).toEqual([]);
	});

	it('[N1] an empty offer is valid: every term stands at its current value', () => {
		expect(validateOfferTerms(scenario, {})).toEqual([]);
	});

	it('[N1] refuses values outside the bounds, inclusive bounds pass', () => {
		expect(validateOfferTerms(scenario, { seniority: 200, premium: 1 })).toEqual([]);
		const ps = validateOfferTerms(scenario, { seniority: 205, premium: 0.9, peak: -0.5 });
		expect(codes(ps)).toEqual([
			'seniority:out-of-range',
			'premium:out-of-range',
			'peak:out-of-range'
		]);
		expect(ps[0]!.message).toBe(
			'工龄工资标准（seniority）：205 元/年·月 超出允许范围 0–200 元/年·月'
		);
	});

	it('[N1] refuses values off the step grid counted from min', () => {
		// 37 / 5 = 7.4; (1.55 − 1) / 0.1 = 5.5; 0.0725 / 0.005 = 14.5
		const ps = validateOfferTerms(scenario, { seniority: 37, premium: 1.55, increase: 0.0725 });
		expect(codes(ps)).toEqual(['seniority:off-step', 'increase:off-step', 'premium:off-step']);
		expect(ps[0]!.message).toContain('步长 5');
	});

	it('[N1] refuses wrong types, with the term id in the message', () => {
		const ps = validateOfferTerms(scenario, {
			seniority: '50',
			heat: 'yes',
			ladder: [1, 2],
			peak: Number.NaN
		});
		expect(codes(ps)).toEqual([
			'seniority:wrong-type',
			'peak:wrong-type',
			'heat:wrong-type',
			'ladder:wrong-type'
		]);
		for (const p of ps) expect(p.message).toContain(`（${p.termId}）`);
		expect(ps[0]!.message).toBe('工龄工资标准（seniority）：需要一个数字，收到 "50"');
	});

	it('[N1] refuses a choice that is not an option and names the options', () => {
		const [p] = validateOfferTerms(scenario, { basis: 'always' });
		expect(p).toEqual({
			termId: 'basis',
			code: 'not-an-option',
			message:
				'工作时间口径（basis）："always" 不是可选项（可选：online 在线时间、order 接单时间加宽放、none 不计）'
		});
	});

	it('[N1] refuses a table cell out of range or not a number', () => {
		expect(codes(validateOfferTerms(scenario, { ladder: { mid: 6000 } }))).toEqual([
			'ladder:out-of-range'
		]);
		expect(codes(validateOfferTerms(scenario, { ladder: { mid: 'x' } }))).toEqual([
			'ladder:wrong-type'
		]);
	});

	it('[N1] refuses unknown term ids and clause text given as a term value', () => {
		expect(codes(validateOfferTerms(scenario, { nope: 1, award: '新条款' }))).toEqual([
			'award:clause-in-terms',
			'nope:unknown-term'
		]);
	});

	it('[N1] validateOfferClauses: added clauses pass; term ids, non-text and oversize text are refused', () => {
		expect(validateOfferClauses(scenario, { award: '新措辞', extra: '新增条款' })).toEqual([]);
		expect(
			codes(validateOfferClauses(scenario, { seniority: '50', award: 5, big: 'x'.repeat(20_001) }))
		).toEqual(['seniority:term-in-clauses', 'award:wrong-type', 'big:clause-too-long']);
	});

	it('[N1] problems join into one message for the server to refuse with', () => {
		expect(offerProblemsMessage([])).toBe('');
		expect(offerProblemsMessage(validateOfferTerms(scenario, { seniority: 205, nope: 1 }))).toBe(
			'方案未能提交，共 2 处问题：工龄工资标准（seniority）：205 元/年·月 超出允许范围 0–200 元/年·月；没有 id 为 "nope" 的议题'
		);
	});

	it('[N1] validateOffer reports term and clause problems together', () => {
		expect(
			codes(validateOffer(scenario, { terms: { seniority: 1 }, clauses: { heat: '是' } }))
		).toEqual(['seniority:off-step', 'heat:term-in-clauses']);
	});
});

describe('resolving an offer', () => {
	it('[N2] silent terms stand at current; a partial table merges onto the current table', () => {
		expect(
			resolveOfferTerms(scenario, { seniority: 50, ladder: { mid: 200, technician: 500 } })
		).toEqual({
			seniority: 50,
			increase: 0,
			premium: 1.5,
			peak: 1,
			basis: 'online',
			heat: false,
			ladder: { none: 0, mid: 200, senior: 300, technician: 500 }
		});
	});

	it('[N2] clause terms keep their current wording unless given; added clauses follow', () => {
		expect(resolveOfferClauses(scenario, {})).toEqual({ award: '经采纳的合理化建议酌情奖励。' });
		expect(resolveOfferClauses(scenario, { extra: '新增', award: '改写' })).toEqual({
			award: '改写',
			extra: '新增'
		});
		expect(Object.keys(resolveOfferClauses(scenario, { extra: '新增', award: '改写' }))).toEqual([
			'award',
			'extra'
		]);
	});
});

describe('offer log', () => {
	it('[N3] the next seq is one past the highest; the kind is counter once the other side tabled', () => {
		expect(nextOfferSeq([])).toBe(1);
		expect(nextOfferSeq([{ seq: 1 }, { seq: 3 }, { seq: 2 }])).toBe(4);
		expect(nextOfferKind([], 'labour')).toBe('offer');
		expect(nextOfferKind([{ side: 'labour' }], 'labour')).toBe('offer');
		expect(nextOfferKind([{ side: 'labour' }], 'management')).toBe('counter');
	});

	it('[N4] the offer schema accepts a snapshot and rejects a bad side, seq or timestamp', () => {
		const o = offer('labour', 1, { seniority: 50 }, { award: '改写' });
		expect(offerSchema.parse(o)).toEqual(o);
		expect(offerSchema.safeParse({ ...o, side: 'judge' }).success).toBe(false);
		expect(offerSchema.safeParse({ ...o, seq: 0 }).success).toBe(false);
		expect(offerSchema.safeParse({ ...o, createdAt: '昨天' }).success).toBe(false);
		expect(offerSchema.safeParse({ ...o, createdAt: '2025-03-01T10:00:00+08:00' }).success).toBe(
			true
		);
		expect(offerSchema.safeParse({ ...o, extra: 1 }).success).toBe(false);
		expect(offerSchema.safeParse({ ...o, terms: { seniority: [1] } }).success).toBe(false);
	});
});

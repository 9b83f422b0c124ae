import { describe, expect, it } from 'vitest';
import { scenario } from './fixtures.ts';
import {
	agreementContent,
	completesAgreement,
	effectiveState,
	effectiveStates,
	validateDraft,
	withSigners,
	type Draft
} from './draft.ts';
import { agreementContentHash } from './agreement.ts';
import { pendingTerms } from './term-state.ts';
import { applyClock, newClock, remainingMs, stopClock } from './clock.ts';

/** Every term of the fixture agenda at its current value: the draft a fresh table holds. */
const fresh = (): Draft => ({
	terms: {
		seniority: 30,
		increase: 0,
		premium: 1.5,
		peak: 1,
		basis: 'online',
		heat: false,
		ladder: { none: 0, mid: 150, senior: 300 }
	},
	clauses: { award: '经采纳的合理化建议酌情奖励。' }
});
const codes = (ps: { termId: string; code: string }[]) => ps.map((p) => `${p.termId}:${p.code}`);

describe('effectiveState', () => {
	it('[N12] a stored state holds only while the draft keeps the value it was about', () => {
		expect(effectiveState({ state: 'agreed', value: 45 }, 45)).toBe('agreed');
		expect(effectiveState({ state: 'agreed', value: 45 }, 50)).toBe('open');
		expect(
			effectiveState(
				{ state: 'proposed-labour', value: { mid: 200, none: 0 } },
				{ none: 0, mid: 200 }
			)
		).toBe('proposed-labour'); // key order is not a change
		expect(effectiveState(undefined, 45)).toBe('open');
		// A value nobody can have agreed to never reads as agreed.
		expect(effectiveState({ state: 'agreed', value: null }, Number.NaN)).toBe('open');
		expect(effectiveState({ state: 'agreed', value: null }, undefined)).toBe('agreed'); // a cleared value against a cleared agreement
	});

	it('[N12][N13] an edited clause reopens it and signing waits for it', () => {
		const draft = fresh();
		const stored = Object.fromEntries(
			scenario.terms.map((t) => [
				t.id,
				{
					state: 'agreed' as const,
					value: t.kind === 'clause' ? draft.clauses[t.id] : draft.terms[t.id]
				}
			])
		);
		expect(pendingTerms(effectiveStates(scenario, stored, draft), scenario)).toEqual([]);
		draft.clauses.award = '经采纳的合理化建议每项奖励 500 元。';
		draft.terms.seniority = 35;
		expect(pendingTerms(effectiveStates(scenario, stored, draft), scenario)).toEqual([
			'seniority',
			'award'
		]);
	});
});

describe('validateDraft', () => {
	it('[N1] a fresh draft may be tabled', () => {
		expect(validateDraft(scenario, fresh())).toEqual([]);
	});

	it('[N1] a deleted term, NaN and Infinity are refused with the term named', () => {
		const d = fresh();
		delete d.terms.heat;
		d.terms.seniority = Number.NaN;
		d.terms.premium = Number.POSITIVE_INFINITY;
		const ps = validateDraft(scenario, d);
		expect(codes(ps)).toEqual(['heat:missing-term', 'seniority:wrong-type', 'premium:wrong-type']);
		expect(ps[0]!.message).toContain('高温津贴（heat）');
		expect(ps[0]!.message).toContain('已被删除');
		expect(ps[1]!.message).toBe('工龄工资标准（seniority）：需要一个数字，收到 NaN');
		expect(ps[2]!.message).toBe('加班倍数（premium）：需要一个数字，收到 Infinity');
	});

	it('[N1] a table is checked cell by cell: every bad cell is named', () => {
		const d = fresh();
		// ladder is bounded 0–5000 元/月: 6000 is above, −1 below, 'x' no number; 200 and a new cell pass.
		d.terms.ladder = { none: -1, mid: 200, senior: 6000, expert: 'x', technician: 500 };
		const ps = validateDraft(scenario, d);
		expect(codes(ps)).toEqual(['ladder:out-of-range', 'ladder:out-of-range', 'ladder:wrong-type']);
		expect(ps.map((p) => p.message)).toEqual([
			'技能工资阶梯（ladder）“none”：-1 元/月 超出允许范围 0–5000 元/月',
			'技能工资阶梯（ladder）“senior”：6000 元/月 超出允许范围 0–5000 元/月',
			'技能工资阶梯（ladder）“expert”：需要一个数字，收到 "x"'
		]);
	});
});

describe('the agreement both chiefs sign', () => {
	const content = (draft: Draft) =>
		agreementContent(scenario, { matchId: 'm1', finalOfferId: 'o2', draft });

	it('[N16] the second signature completes only on the same content hash', async () => {
		const a = await agreementContentHash(content(fresh()));
		const edited = fresh();
		edited.terms.seniority = 35;
		const b = await agreementContentHash(content(edited));
		expect(a).not.toBe(b);
		expect(
			completesAgreement([{ side: 'labour', contentHash: a }], {
				side: 'management',
				contentHash: a
			})
		).toBe(true);
		expect(
			completesAgreement([{ side: 'labour', contentHash: a }], {
				side: 'management',
				contentHash: b
			})
		).toBe(false);
		// One side signing twice is not two signatures.
		expect(
			completesAgreement([{ side: 'labour', contentHash: a }], { side: 'labour', contentHash: a })
		).toBe(false);
		expect(completesAgreement([], { side: 'labour', contentHash: a })).toBe(false);
	});

	it('[N14][N16] signers do not change the content hash', async () => {
		const c = content(fresh());
		const signed = withSigners(c, [
			{ side: 'management', name: '李总监', signedAt: '2025-03-02T02:05:00Z' }
		]);
		expect(await agreementContentHash(signed)).toBe(await agreementContentHash(c));
	});
});

describe('stopClock', () => {
	it('[N26] signing stops a running clock with the time spent kept', () => {
		const t0 = 1_000_000;
		const running = applyClock(
			newClock([{ id: 'p', label: '自由协商', seconds: 600 }]),
			{ type: 'start' },
			t0
		);
		if (!running.ok) throw new Error(running.reason);
		const stopped = stopClock(running.clock, t0 + 90_000);
		expect(stopped.running).toBe(false);
		// 600 s − 90 s spent = 510 s left, now and an hour later.
		expect(remainingMs(stopped, t0 + 90_000)).toBe(510_000);
		expect(remainingMs(stopped, t0 + 3_690_000)).toBe(510_000);
	});

	it('[N26] signing during a caucus ends the caucus and the clock stays stopped', () => {
		const t0 = 1_000_000;
		const started = applyClock(
			newClock([{ id: 'p', label: '自由协商', seconds: 600 }]),
			{ type: 'start' },
			t0
		);
		if (!started.ok) throw new Error(started.reason);
		const caucus = applyClock(started.clock, { type: 'caucus', side: 'labour' }, t0 + 10_000);
		if (!caucus.ok) throw new Error(caucus.reason);
		const stopped = stopClock(caucus.clock, t0 + 20_000);
		expect(stopped.caucusSide).toBeNull();
		// The caucus would have resumed the clock at its end; stopped, 600 − 10 = 590 s stay left.
		expect(remainingMs(stopped, t0 + 1_000_000)).toBe(590_000);
	});
});

import { describe, expect, it } from 'vitest';
import { diffOffers } from './diff.ts';
import { offer, scenario } from './fixtures.ts';

const byId = <T extends { termId: string }>(xs: T[]) =>
	Object.fromEntries(xs.map((x) => [x.termId, x]));

describe('diffOffers', () => {
	it('[N6] the first offer is compared with the current terms', () => {
		const d = diffOffers(
			scenario,
			null,
			offer('labour', 1, { seniority: 50, premium: 1.5, basis: 'order' })
		);
		const t = byId(d.terms);
		expect(t.seniority).toMatchObject({
			title: '工龄工资标准',
			before: 30,
			after: 50,
			direction: 'up'
		});
		expect(t.premium).toMatchObject({ before: 1.5, after: 1.5, direction: 'same' }); // restating current is no change
		expect(t.basis).toMatchObject({ before: 'online', after: 'order', direction: 'changed' });
		expect(t.increase!.direction).toBe('same'); // silent: 0 → 0
		expect(d.terms.map((x) => x.termId)).toEqual([
			'seniority',
			'increase',
			'premium',
			'peak',
			'basis',
			'heat',
			'ladder'
		]);
		expect(d.clauses).toEqual([
			{
				clauseId: 'award',
				title: '创新奖励条款',
				before: '经采纳的合理化建议酌情奖励。',
				after: '经采纳的合理化建议酌情奖励。',
				change: 'same'
			}
		]);
		expect(d.hasChanges).toBe(true);
	});

	it('[N6] numbers move up or down; yes/no is changed', () => {
		const prev = offer('labour', 1, { seniority: 50, peak: 2, heat: true });
		const next = offer('management', 2, { seniority: 40, peak: 2.5, heat: false });
		const t = byId(diffOffers(scenario, prev, next).terms);
		expect(t.seniority).toMatchObject({ before: 50, after: 40, direction: 'down' });
		expect(t.peak).toMatchObject({ before: 2, after: 2.5, direction: 'up' });
		expect(t.heat).toMatchObject({ before: true, after: false, direction: 'changed' });
	});

	it('[N6] a table moves up when every changed cell rises, and lists the cells', () => {
		const t = byId(
			diffOffers(scenario, null, offer('labour', 1, { ladder: { mid: 200, senior: 400 } })).terms
		);
		expect(t.ladder).toMatchObject({ direction: 'up' });
		expect(t.ladder!.cells).toEqual([
			{ cell: 'mid', before: 150, after: 200, direction: 'up' },
			{ cell: 'senior', before: 300, after: 400, direction: 'up' }
		]);
	});

	it('[N6] a table with cells moving both ways, or a new cell, is changed', () => {
		const mixed = byId(
			diffOffers(scenario, null, offer('labour', 1, { ladder: { mid: 200, senior: 250 } })).terms
		);
		expect(mixed.ladder!.direction).toBe('changed');
		const added = byId(
			diffOffers(scenario, null, offer('labour', 1, { ladder: { technician: 500 } })).terms
		);
		expect(added.ladder!.direction).toBe('changed');
		expect(added.ladder!.cells).toEqual([
			{ cell: 'technician', before: undefined, after: 500, direction: 'changed' }
		]);
	});

	it('[N6] clauses are changed, added, or same; no change at all says so', () => {
		const prev = offer('labour', 1, {}, { award: '甲' });
		const next = offer('management', 2, {}, { award: '乙', extra: '新增条款' });
		const d = diffOffers(scenario, prev, next);
		expect(d.clauses.map((c) => [c.clauseId, c.title, c.change])).toEqual([
			['award', '创新奖励条款', 'changed'],
			['extra', 'extra', 'added']
		]);
		const removed = diffOffers(scenario, next, prev).clauses.find((c) => c.clauseId === 'extra');
		expect(removed).toMatchObject({ before: '新增条款', after: undefined, change: 'removed' });
		expect(diffOffers(scenario, prev, offer('management', 2, {}, { award: '甲' })).hasChanges).toBe(
			false
		);
	});
});

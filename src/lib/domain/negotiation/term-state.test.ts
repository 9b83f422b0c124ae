import { describe, expect, it } from 'vitest';
import { scenario } from './fixtures.ts';
import {
	allAgreed,
	chiefSide,
	pendingTerms,
	transition,
	type Actor,
	type TermState
} from './term-state.ts';

const labourChief: Actor = { role: 'labour-chief', name: '王工会' };
const mgmtChief: Actor = { role: 'management-chief', name: '李总监' };

function ok(r: ReturnType<typeof transition>): TermState {
	if (!r.ok) throw new Error(`refused: ${r.reason}`);
	return r.state;
}

describe('term states', () => {
	it('[N9] only a chief may propose, accept or reopen, and only for their own side', () => {
		expect(chiefSide('labour-chief')).toBe('labour');
		expect(chiefSide('management-chief')).toBe('management');
		expect(chiefSide('labour-member')).toBeNull();
		for (const role of ['labour-member', 'management-member', 'judge', 'observer', 'organizer']) {
			const r = transition('open', { type: 'propose', side: 'labour' }, { role });
			expect(r).toEqual({
				ok: false,
				code: 'not-a-chief',
				reason: '只有双方首席代表可以提出、接受或重新开放议题'
			});
		}
		expect(
			transition('proposed-labour', { type: 'accept', side: 'management' }, labourChief)
		).toMatchObject({ ok: false, code: 'wrong-side' });
		expect(transition('agreed', { type: 'reopen', side: 'labour' }, mgmtChief)).toMatchObject({
			ok: false,
			code: 'wrong-side'
		});
	});

	it('[N10] a chief proposes from open, or replaces the other side’s proposal; not on an agreed term', () => {
		expect(ok(transition('open', { type: 'propose', side: 'labour' }, labourChief))).toBe(
			'proposed-labour'
		);
		expect(
			ok(transition('proposed-labour', { type: 'propose', side: 'management' }, mgmtChief))
		).toBe('proposed-management');
		expect(
			ok(transition('proposed-labour', { type: 'propose', side: 'labour' }, labourChief))
		).toBe('proposed-labour');
		expect(transition('agreed', { type: 'propose', side: 'labour' }, labourChief)).toMatchObject({
			ok: false,
			code: 'already-agreed'
		});
	});

	it('[N11] agreed only from the other side’s proposal', () => {
		expect(
			ok(transition('proposed-labour', { type: 'accept', side: 'management' }, mgmtChief))
		).toBe('agreed');
		expect(
			ok(transition('proposed-management', { type: 'accept', side: 'labour' }, labourChief))
		).toBe('agreed');
		expect(transition('proposed-labour', { type: 'accept', side: 'labour' }, labourChief)).toEqual({
			ok: false,
			code: 'own-proposal',
			reason: '不能接受本方自己的提议，需由对方接受'
		});
		expect(transition('open', { type: 'accept', side: 'management' }, mgmtChief)).toMatchObject({
			ok: false,
			code: 'nothing-to-accept'
		});
		expect(transition('agreed', { type: 'accept', side: 'management' }, mgmtChief)).toMatchObject({
			ok: false,
			code: 'already-agreed'
		});
	});

	it('[N12] either chief reopens a proposed or agreed term; an open term cannot be reopened', () => {
		expect(ok(transition('agreed', { type: 'reopen', side: 'labour' }, labourChief))).toBe('open');
		expect(ok(transition('proposed-labour', { type: 'reopen', side: 'labour' }, labourChief))).toBe(
			'open'
		); // withdraw
		expect(
			ok(transition('proposed-labour', { type: 'reopen', side: 'management' }, mgmtChief))
		).toBe('open'); // decline
		expect(transition('open', { type: 'reopen', side: 'labour' }, labourChief)).toMatchObject({
			ok: false,
			code: 'already-open'
		});
	});

	it('[N12] any edit, by anyone, returns the term to open', () => {
		const member: Actor = { role: 'labour-member' };
		for (const s of ['open', 'proposed-labour', 'proposed-management', 'agreed'] as const) {
			expect(transition(s, { type: 'edit' }, member)).toEqual({ ok: true, state: 'open' });
		}
	});

	it('[N9–N12] a full round: labour proposes, management counters, labour accepts, an edit reopens', () => {
		let s: TermState = 'open';
		s = ok(transition(s, { type: 'propose', side: 'labour' }, labourChief));
		s = ok(transition(s, { type: 'propose', side: 'management' }, mgmtChief));
		s = ok(transition(s, { type: 'accept', side: 'labour' }, labourChief));
		expect(s).toBe('agreed');
		s = ok(transition(s, { type: 'edit' }, { role: 'management-member' }));
		expect(s).toBe('open');
	});

	it('[N13] signing needs every scenario term, clauses included, and every added clause agreed', () => {
		const ids = scenario.terms.map((t) => t.id);
		const every = Object.fromEntries(ids.map((id) => [id, 'agreed' as const]));
		expect(allAgreed(every, scenario)).toBe(true);
		expect(allAgreed({ ...every, award: 'proposed-labour' }, scenario)).toBe(false);
		const { heat: _heat, ...missingHeat } = every;
		expect(pendingTerms(missingHeat, scenario)).toEqual(['heat']); // no entry = open
		expect(pendingTerms(every, scenario, ['extra'])).toEqual(['extra']);
		expect(allAgreed({ ...every, extra: 'agreed' }, scenario, ['extra'])).toBe(true);
	});
});

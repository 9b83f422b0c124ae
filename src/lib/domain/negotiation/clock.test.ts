import { describe, expect, it } from 'vitest';
import { applyClock, newClock, remainingMs, type ClockState } from './clock.ts';

const phases = [
	{ id: 'a', label: 'A', seconds: 60 },
	{ id: 'b', label: 'B', seconds: 30 }
];
const ok = (r: ReturnType<typeof applyClock>): ClockState => {
	if (!r.ok) throw new Error(r.reason);
	return r.clock;
};

describe('match clock', () => {
	it('[N20] counts down from server time while running, and holds while paused', () => {
		let c = ok(applyClock(newClock(phases), { type: 'start' }, 1_000));
		// 60 s phase, 10 s in: 50 000 ms left.
		expect(remainingMs(c, 11_000)).toBe(50_000);
		c = ok(applyClock(c, { type: 'pause' }, 21_000));
		// Paused after 20 s: 40 000 ms left, whenever we look.
		expect(remainingMs(c, 99_000)).toBe(40_000);
		c = ok(applyClock(c, { type: 'start' }, 100_000));
		expect(remainingMs(c, 105_000)).toBe(35_000);
	});

	it('[N21] extend adds time, next starts the next phase fresh, the last next ends the match', () => {
		let c = ok(applyClock(newClock(phases), { type: 'start' }, 0));
		c = ok(applyClock(c, { type: 'extend', seconds: 30 }, 10_000));
		// 60 s + 30 s − 10 s = 80 s left.
		expect(remainingMs(c, 10_000)).toBe(80_000);
		c = ok(applyClock(c, { type: 'next' }, 20_000));
		expect(c.phaseIndex).toBe(1);
		expect(remainingMs(c, 25_000)).toBe(25_000);
		c = ok(applyClock(c, { type: 'next' }, 30_000));
		expect(c.ended).toBe(true);
		expect(applyClock(c, { type: 'start' }, 31_000).ok).toBe(false);
		expect(applyClock(newClock(phases), { type: 'extend', seconds: 0 }, 0).ok).toBe(false);
	});

	it('[N22] a side may call one caucus, which pauses the clock', () => {
		let c = ok(applyClock(newClock(phases), { type: 'start' }, 0));
		c = ok(applyClock(c, { type: 'caucus', side: 'labour' }, 5_000));
		expect(c.running).toBe(false);
		expect(c.caucusSide).toBe('labour');
		// Allowance 120 s: ends at 5 000 + 120 000.
		expect(c.caucusUntil).toBe(125_000);
		expect(remainingMs(c, 60_000)).toBe(55_000);
		expect(applyClock(c, { type: 'caucus', side: 'management' }, 6_000).ok).toBe(false);
		c = ok(applyClock(c, { type: 'resume' }, 30_000));
		expect(applyClock(c, { type: 'caucus', side: 'labour' }, 31_000).ok).toBe(false);
		expect(applyClock(c, { type: 'caucus', side: 'management' }, 31_000).ok).toBe(true);
	});
});

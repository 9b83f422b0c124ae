import { describe, expect, it } from 'vitest';
import {
	applyClock,
	clockFromFormat,
	defaultFormat,
	matchFormatSchema,
	newClock,
	remainingMs,
	settle,
	type ClockState
} from './clock.ts';

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

	it('[N22] a caucus ends by itself when its time is up, and the clock runs on from that moment', () => {
		let c = ok(applyClock(newClock(phases, { count: 2, seconds: 60 }), { type: 'start' }, 0));
		// 10 s into phase A (60 s), labour calls a 60 s caucus: it ends at 10 000 + 60 000 = 70 000.
		c = ok(applyClock(c, { type: 'caucus', side: 'labour' }, 10_000));
		expect(remainingMs(c, 69_999)).toBe(50_000); // held at 60 − 10 = 50 s during the caucus
		// At 80 000 the caucus has been over for 10 s, so the phase clock ran 10 s more: 40 s left.
		expect(remainingMs(c, 80_000)).toBe(40_000);
		const settled = settle(c, 80_000);
		expect(settled.caucusSide).toBeNull();
		expect(settled.running).toBe(true);
		// The other side may now call its own caucus without the organizer pressing resume.
		expect(applyClock(c, { type: 'caucus', side: 'management' }, 80_000).ok).toBe(true);
		// Labour's allowance here is two, so it may call a second one too.
		expect(applyClock(c, { type: 'caucus', side: 'labour' }, 80_000).ok).toBe(true);
	});

	it('[N22] a caucus called while paused, or paused during, leaves the clock paused afterwards', () => {
		const paused = newClock(phases);
		const c = ok(applyClock(paused, { type: 'caucus', side: 'management' }, 0));
		expect(settle(c, 200_000).running).toBe(false);
		let d = ok(applyClock(newClock(phases), { type: 'start' }, 0));
		d = ok(applyClock(d, { type: 'caucus', side: 'labour' }, 1_000));
		d = ok(applyClock(d, { type: 'pause' }, 2_000));
		expect(settle(d, 500_000).running).toBe(false);
		// 1 s spent before the caucus: 59 s left, whenever we look.
		expect(remainingMs(d, 500_000)).toBe(59_000);
	});

	it('[N24] the organizer may reopen an ended match; it comes back paused', () => {
		let c = ok(applyClock(newClock(phases), { type: 'start' }, 0));
		c = ok(applyClock(c, { type: 'end' }, 15_000));
		expect(applyClock(c, { type: 'start' }, 16_000).ok).toBe(false);
		c = ok(applyClock(c, { type: 'reopen' }, 20_000));
		expect(c.ended).toBe(false);
		expect(c.running).toBe(false);
		expect(remainingMs(c, 99_000)).toBe(45_000); // 60 − 15 s spent before the end
		expect(applyClock(c, { type: 'reopen' }, 21_000).ok).toBe(false);
	});

	it('[N25] a format in minutes becomes phases and an allowance in seconds', () => {
		const f = matchFormatSchema.parse({
			phases: [
				{ id: 'opening', label: '开场陈述', minutes: 3 },
				{ id: 'free', label: '自由协商', minutes: 12.5 }
			],
			caucus: { count: 2, minutes: 1.5 }
		});
		const c = clockFromFormat(f);
		expect(c.phases.map((p) => p.seconds)).toEqual([180, 750]); // 3 × 60, 12.5 × 60
		expect(c.caucus).toEqual({ count: 2, seconds: 90 }); // 1.5 × 60
		// The default is DOMAIN §4.2's template: 5 + 5 + 5 + 25 + 5 + 5 = 50 minutes.
		expect(defaultFormat().phases.reduce((s, p) => s + p.minutes, 0)).toBe(50);
		expect(
			matchFormatSchema.safeParse({ phases: [], caucus: { count: 1, minutes: 2 } }).success
		).toBe(false);
		expect(
			matchFormatSchema.safeParse({
				phases: [
					{ id: 'a', label: 'A', minutes: 1 },
					{ id: 'a', label: 'B', minutes: 1 }
				],
				caucus: { count: 1, minutes: 2 }
			}).success
		).toBe(false);
	});
});

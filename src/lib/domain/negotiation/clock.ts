/**
 * The match clock (赛程计时): phases run in order, everyone computes the same countdown from
 * server time. Pure; the server stores the state and mirrors it to the table document.
 * Rules N20–N24 in SPEC.md.
 */
import { z } from 'zod';

export interface Phase {
	id: string;
	label: string;
	seconds: number;
}

export interface ClockState {
	phases: Phase[];
	phaseIndex: number;
	running: boolean;
	startedAt: number | null;
	elapsedMs: number;
	extraMs: number;
	caucusUsed: { labour: number; management: number };
	caucusSide: 'labour' | 'management' | null;
	caucusUntil: number | null;
	/** Whether the clock was running when the caucus was called, so it runs again when it ends. */
	resumeAfterCaucus?: boolean;
	/** The match format's caucus allowance; clocks stored before it existed use the default. */
	caucus?: CaucusAllowance;
	ended: boolean;
}

export interface CaucusAllowance {
	count: number;
	seconds: number;
}

/** DOMAIN §4.2's match template (minutes are placeholders the organizer may change). */
export const DEFAULT_PHASES: Phase[] = [
	{ id: 'preparation', label: '准备', seconds: 5 * 60 },
	{ id: 'opening_labour', label: '开场陈述（职工方）', seconds: 5 * 60 },
	{ id: 'opening_management', label: '开场陈述（企业方）', seconds: 5 * 60 },
	{ id: 'free_negotiation', label: '自由协商', seconds: 25 * 60 },
	{ id: 'closing_summaries', label: '总结陈词', seconds: 5 * 60 },
	{ id: 'draft_agreement', label: '形成协议', seconds: 5 * 60 }
];

/**
 * A match format (赛制) as a scenario or an event states it: phases in minutes and the caucus
 * allowance per side. Minutes, not seconds: that is how competition rules are written.
 */
export const matchFormatSchema = z
	.object({
		phases: z
			.array(
				z
					.object({
						id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'use lower-case letters, digits and _'),
						label: z.string().trim().min(1).max(40),
						minutes: z.number().positive().max(600)
					})
					.strict()
			)
			.min(1)
			.max(20)
			.refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'phase ids must differ'),
		caucus: z
			.object({ count: z.number().int().min(0).max(10), minutes: z.number().positive().max(60) })
			.strict()
	})
	.strict();
export type MatchFormat = z.infer<typeof matchFormatSchema>;

/** The clock's phases and allowance for a format (whole seconds). */
export function clockFromFormat(f: MatchFormat): ClockState {
	return newClock(
		f.phases.map((p) => ({ id: p.id, label: p.label, seconds: Math.round(p.minutes * 60) })),
		{ count: f.caucus.count, seconds: Math.round(f.caucus.minutes * 60) }
	);
}

/** The default format, for forms that start from it. */
export function defaultFormat(): MatchFormat {
	return {
		phases: DEFAULT_PHASES.map((p) => ({ id: p.id, label: p.label, minutes: p.seconds / 60 })),
		caucus: { count: CAUCUS_ALLOWANCE.count, minutes: CAUCUS_ALLOWANCE.seconds / 60 }
	};
}

/** DOMAIN §4.2: one caucus (休会) per side, two minutes each. */
export const CAUCUS_ALLOWANCE: CaucusAllowance = { count: 1, seconds: 120 };

export function newClock(
	phases: Phase[] = DEFAULT_PHASES,
	caucus: CaucusAllowance = CAUCUS_ALLOWANCE
): ClockState {
	return {
		phases,
		caucus,
		phaseIndex: 0,
		running: false,
		startedAt: null,
		elapsedMs: 0,
		extraMs: 0,
		caucusUsed: { labour: 0, management: 0 },
		caucusSide: null,
		caucusUntil: null,
		ended: false
	};
}

/** The caucus allowance this clock runs with. */
export const allowanceOf = (c: ClockState): CaucusAllowance => c.caucus ?? CAUCUS_ALLOWANCE;

/**
 * [N22] A caucus ends by itself when its time is up: the clock runs again from that moment if it
 * was running when the caucus was called. Every reader settles first, so the server and every
 * screen agree without anyone pressing 继续.
 */
export function settle(c: ClockState, now: number): ClockState {
	if (!c.caucusSide || c.caucusUntil === null || now < c.caucusUntil) return c;
	const resume = c.resumeAfterCaucus === true && !c.ended;
	return {
		...c,
		caucusSide: null,
		caucusUntil: null,
		resumeAfterCaucus: false,
		running: resume,
		startedAt: resume ? c.caucusUntil : null
	};
}

/** [N20] Milliseconds left in the current phase at server time `now` (negative once overrun). */
export function remainingMs(clock: ClockState, now: number): number {
	const c = settle(clock, now);
	const phase = c.phases[c.phaseIndex];
	if (!phase || c.ended) return 0;
	const spent = c.elapsedMs + (c.running && c.startedAt !== null ? now - c.startedAt : 0);
	return phase.seconds * 1000 + c.extraMs - spent;
}

export type ClockAction =
	| { type: 'start' }
	| { type: 'pause' }
	| { type: 'next' }
	| { type: 'extend'; seconds: number }
	| { type: 'end' }
	| { type: 'caucus'; side: 'labour' | 'management' }
	| { type: 'resume' }
	| { type: 'reopen' };

export type ClockResult = { ok: true; clock: ClockState } | { ok: false; reason: string };

const pause = (c: ClockState, now: number): ClockState =>
	c.running && c.startedAt !== null
		? { ...c, running: false, startedAt: null, elapsedMs: c.elapsedMs + (now - c.startedAt) }
		: c;

/**
 * [N26] Signing stops the clock: once both chiefs have signed, no phase runs on and no caucus
 * continues; the time spent so far stays as it was at `now`.
 */
export function stopClock(clock: ClockState, now: number): ClockState {
	return {
		...pause(settle(clock, now), now),
		caucusSide: null,
		caucusUntil: null,
		resumeAfterCaucus: false
	};
}

/**
 * [N21] Organizer actions: start/pause/next/extend/end. [N22] A side's chief may call a caucus
 * (休会) within its allowance: the clock pauses until the caucus ends or the organizer resumes.
 * [N23] Nothing moves after the match has ended, except [N24] the organizer reopening it.
 */
export function applyClock(clock: ClockState, a: ClockAction, now: number): ClockResult {
	const c = settle(clock, now);
	if (a.type === 'reopen') {
		if (!c.ended) return { ok: false, reason: '本场尚未结束' };
		return { ok: true, clock: { ...c, ended: false, running: false, startedAt: null } };
	}
	if (c.ended) return { ok: false, reason: '本场已结束' };
	switch (a.type) {
		case 'start':
		case 'resume':
			if (c.running) return { ok: true, clock: c };
			return {
				ok: true,
				clock: {
					...c,
					running: true,
					startedAt: now,
					caucusSide: null,
					caucusUntil: null,
					resumeAfterCaucus: false
				}
			};
		case 'pause':
			// A pause during a caucus holds the clock after the caucus too.
			return { ok: true, clock: { ...pause(c, now), resumeAfterCaucus: false } };
		case 'next': {
			if (c.phaseIndex + 1 >= c.phases.length)
				return { ok: true, clock: { ...pause(c, now), ended: true } };
			return {
				ok: true,
				clock: {
					...c,
					phaseIndex: c.phaseIndex + 1,
					elapsedMs: 0,
					extraMs: 0,
					startedAt: c.running ? now : null
				}
			};
		}
		case 'extend':
			if (!(a.seconds > 0 && a.seconds <= 3600))
				return { ok: false, reason: '延长时间应在 1–3600 秒之间' };
			return { ok: true, clock: { ...c, extraMs: c.extraMs + a.seconds * 1000 } };
		case 'end':
			return { ok: true, clock: { ...pause(c, now), ended: true } };
		case 'caucus': {
			const allowance = allowanceOf(c);
			if (c.caucusUsed[a.side] >= allowance.count)
				return { ok: false, reason: '本方休会次数已用完' };
			if (c.caucusSide) return { ok: false, reason: '正在休会' };
			const paused = pause(c, now);
			return {
				ok: true,
				clock: {
					...paused,
					caucusUsed: { ...c.caucusUsed, [a.side]: c.caucusUsed[a.side] + 1 },
					caucusSide: a.side,
					caucusUntil: now + allowance.seconds * 1000,
					resumeAfterCaucus: c.running
				}
			};
		}
	}
}

/**
 * The match clock (赛程计时): phases run in order, everyone computes the same countdown from
 * server time. Pure; the server stores the state and mirrors it to the table document.
 * Rules N20–N23 in SPEC.md.
 */
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
	ended: boolean;
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

/** DOMAIN §4.2: one caucus (休会) per side, two minutes each. */
export const CAUCUS_ALLOWANCE = { count: 1, seconds: 120 };

export function newClock(phases: Phase[] = DEFAULT_PHASES): ClockState {
	return {
		phases,
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

/** [N20] Milliseconds left in the current phase at server time `now` (negative once overrun). */
export function remainingMs(c: ClockState, now: number): number {
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
	| { type: 'resume' };

export type ClockResult = { ok: true; clock: ClockState } | { ok: false; reason: string };

const pause = (c: ClockState, now: number): ClockState =>
	c.running && c.startedAt !== null ? { ...c, running: false, startedAt: null, elapsedMs: c.elapsedMs + (now - c.startedAt) } : c;

/**
 * [N21] Organizer actions: start/pause/next/extend/end. [N22] A side's chief may call a caucus
 * (休会) within its allowance: the clock pauses until the caucus ends or the organizer resumes.
 * [N23] Nothing moves after the match has ended.
 */
export function applyClock(c: ClockState, a: ClockAction, now: number): ClockResult {
	if (c.ended) return { ok: false, reason: '本场已结束' };
	switch (a.type) {
		case 'start':
		case 'resume':
			if (c.running) return { ok: true, clock: c };
			return { ok: true, clock: { ...c, running: true, startedAt: now, caucusSide: null, caucusUntil: null } };
		case 'pause':
			return { ok: true, clock: pause(c, now) };
		case 'next': {
			if (c.phaseIndex + 1 >= c.phases.length) return { ok: true, clock: { ...pause(c, now), ended: true } };
			return { ok: true, clock: { ...c, phaseIndex: c.phaseIndex + 1, elapsedMs: 0, extraMs: 0, startedAt: c.running ? now : null } };
		}
		case 'extend':
			if (!(a.seconds > 0 && a.seconds <= 3600)) return { ok: false, reason: '延长时间应在 1–3600 秒之间' };
			return { ok: true, clock: { ...c, extraMs: c.extraMs + a.seconds * 1000 } };
		case 'end':
			return { ok: true, clock: { ...pause(c, now), ended: true } };
		case 'caucus': {
			if (c.caucusUsed[a.side] >= CAUCUS_ALLOWANCE.count) return { ok: false, reason: '本方休会次数已用完' };
			if (c.caucusSide) return { ok: false, reason: '正在休会' };
			const paused = pause(c, now);
			return {
				ok: true,
				clock: {
					...paused,
					caucusUsed: { ...c.caucusUsed, [a.side]: c.caucusUsed[a.side] + 1 },
					caucusSide: a.side,
					caucusUntil: now + CAUCUS_ALLOWANCE.seconds * 1000
				}
			};
		}
	}
}

/**
 * The public face of a scenario (案例): everything except the sides' confidential briefs and
 * points tables. Pages that anyone may open get only this shape, so a confidential brief can
 * never reach the browser by accident (DESIGN.md "Confidential stays server-side").
 */
import type { ResolvedScenario } from './domain/index.ts';

export type PublicScenario = Omit<ResolvedScenario, 'confidential'>;

/** Drops `confidential` (a copy; the cached scenario is untouched). */
export function toPublic(s: ResolvedScenario): PublicScenario {
	const { confidential: _dropped, ...rest } = s;
	return rest;
}

/**
 * The engine's type wants a `confidential` part, but `cost()` never reads it; the public page
 * hands it empty sides instead of the real briefs.
 */
export function forEngine(p: PublicScenario): ResolvedScenario {
	const empty = { brief: '', positions: {} };
	return { ...p, confidential: { labour: empty, management: empty } };
}

/** Which pay model a scenario uses, for lists. */
export function payModel(
	s: Pick<ResolvedScenario, 'enterprise' | 'pieceRate'>
): 'enterprise' | 'piece-rate' | 'both' {
	if (s.enterprise && s.pieceRate) return 'both';
	return s.pieceRate ? 'piece-rate' : 'enterprise';
}

/**
 * Money as the cost screens show it. Engine figures may be fractional fen (means, percentiles);
 * they are rounded to the fen only here, at the edge.
 */
import { formatYuan, roundFen } from '$lib/domain/index.ts';
import { m } from '$lib/paraglide/messages.js';

export const yuan = (fen: number): string => `¥${formatYuan(roundFen(fen))}`;

/** A change in money, signed; a change that rounds to nothing reads 无变化, never "±¥0.00". */
export function signedYuan(fen: number): string {
	const r = roundFen(fen);
	if (r === 0) return m.cost_no_change();
	return (r > 0 ? '+' : '−') + yuan(Math.abs(r));
}

/**
 * Money inside the engine is integer fen (分); yuan appear only at the edges (files, CLI, UI).
 * Rounding half away from zero keeps a delta and its negation symmetric.
 */

/** Rounds to the nearest integer, halves away from zero. */
export function roundFen(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * The payslip rounding (C1): a worker's exactly computed monthly pay, rounded once to the fen,
 * half up. Pay is never negative, so half up and half away from zero agree; the 1e-7 fen slack
 * absorbs binary noise, so an amount that is exactly x.5 fen on paper but x.4999999… in floating
 * point still rounds up, as the payroll clerk's hand calculation does.
 */
export function payslipFen(exactFen: number): number {
	return Math.floor(exactFen + 0.5 + 1e-7);
}

/** Yuan as written by an author (e.g. 0.9975) to integer fen. */
export function yuanToFen(yuan: number): number {
	return roundFen(yuan * 100);
}

/** Integer fen to yuan for output. */
export function fenToYuan(fen: number): number {
	return fen / 100;
}

/** Formats fen as a yuan string with two decimals and thousands separators (for tables). */
export function formatYuan(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	const whole = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}${whole}.${(abs % 100).toString().padStart(2, '0')}`;
}

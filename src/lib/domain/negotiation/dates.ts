/**
 * Dates as a Chinese contract or spreadsheet prints them. Stored times are ISO instants; people
 * at the table read Beijing time. China has kept UTC+8 without daylight saving since 1991, so a
 * fixed offset is exact and needs no time-zone database.
 */
const BEIJING_OFFSET_MINUTES = 8 * 60;

function beijingParts(
	iso: string
): { y: number; m: number; d: number; hh: number; mm: number; ss: number } | null {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return null;
	const b = new Date(t + BEIJING_OFFSET_MINUTES * 60_000);
	return {
		y: b.getUTCFullYear(),
		m: b.getUTCMonth() + 1,
		d: b.getUTCDate(),
		hh: b.getUTCHours(),
		mm: b.getUTCMinutes(),
		ss: b.getUTCSeconds()
	};
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2025年3月2日` in Beijing time; the input unchanged when it is not a date. */
export function chineseDate(iso: string): string {
	const p = beijingParts(iso);
	return p ? `${p.y}年${p.m}月${p.d}日` : iso;
}

/** `2025-03-02 10:05:00` in Beijing time, a form Excel reads as a date-time. */
export function beijingDateTime(iso: string): string {
	const p = beijingParts(iso);
	return p ? `${p.y}-${two(p.m)}-${two(p.d)} ${two(p.hh)}:${two(p.mm)}:${two(p.ss)}` : iso;
}

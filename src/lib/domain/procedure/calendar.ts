/**
 * Work calendars (工作日历): which dates are rest days. Weekends rest unless the State Council's
 * yearly holiday arrangement turns one into a make-up working day (调休上班); public holidays and
 * the days joined to them (放假调休) rest whatever weekday they fall on. The arrangement is
 * published one year at a time, so a calendar is data (`scenarios/calendars/*.yaml`) and says
 * which years it covers: a date outside them is counted by weekends alone and flagged.
 */
import { z } from 'zod';

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 YYYY-MM-DD')
	.refine((s) => fromIso(s) !== null, '不是有效日期');

export const calendarSchema = z
	.object({
		version: z.literal(1),
		kind: z.literal('calendar'),
		id: z.string().regex(/^[a-z0-9-]+$/),
		name: z.string().min(1),
		/** Years whose holiday arrangement the calendar holds. */
		years: z.array(z.number().int().min(2000).max(2100)).min(1),
		/** Days off: statutory holidays and the days joined to them (放假调休). */
		holidays: z.array(z.object({ date: isoDate, name: z.string().min(1) }).strict()),
		/** Weekend days that are working days (调休上班). */
		workdays: z.array(z.object({ date: isoDate, name: z.string().min(1) }).strict()),
		source: z.string().optional()
	})
	.strict();
export type WorkCalendar = z.infer<typeof calendarSchema>;

/** Day number (days since 1970-01-01, UTC) of an ISO date, or null when it is not a real date. */
export function fromIso(s: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = Date.UTC(y, mo - 1, d);
	const back = new Date(t);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
		return null;
	return t / 86_400_000;
}

export function toIso(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

/** A calendar prepared for fast look-ups. */
export interface CalendarIndex {
	readonly holidays: ReadonlyMap<number, string>;
	readonly workdays: ReadonlyMap<number, string>;
	readonly years: ReadonlySet<number>;
}

export function indexCalendar(cal: WorkCalendar): CalendarIndex {
	return {
		holidays: new Map(cal.holidays.map((h) => [fromIso(h.date)!, h.name])),
		workdays: new Map(cal.workdays.map((w) => [fromIso(w.date)!, w.name])),
		years: new Set(cal.years)
	};
}

export function dayKind(day: number, cal: CalendarIndex): DayKind {
	if (cal.holidays.has(day)) return 'holiday';
	if (cal.workdays.has(day)) return 'makeUpWorkday';
	const w = weekday(day);
	return w === 0 || w === 6 ? 'weekend' : 'workday';
}

/** 法定休假日: weekends that are not make-up working days, and public holidays. */
export function isRestDay(day: number, cal: CalendarIndex): boolean {
	const k = dayKind(day, cal);
	return k === 'weekend' || k === 'holiday';
}

export function isCovered(day: number, cal: CalendarIndex): boolean {
	return cal.years.has(new Date(day * 86_400_000).getUTCFullYear());
}

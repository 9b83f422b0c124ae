import { describe, expect, it } from 'vitest';
import calendarText from '../../../../scenarios/calendars/cn.yaml?raw';
import { parseCalendar } from '../load.ts';
import { indexCalendar } from './calendar.ts';
import { procedureSteps } from './deadlines.ts';
import { chinaToday, nextDue, trackSteps } from './tracker.ts';

const parsed = parseCalendar(calendarText, 'scenarios/calendars/cn.yaml');
if (!parsed.ok) throw new Error('the shipped calendar does not validate');
const cal = indexCalendar(parsed.value);

// Offer 2026-09-01 (Tue): reply by +20 = 09-21 (Mon, a working day).
// Signed 2026-09-22 (Tue): filing by +10 = 10-02, a National Day holiday; 10-03…10-07 rest too,
// so it moves to 10-08 (Thu). Filed 10-09 (Fri): review +15 = 10-24 (Sat) → 10-25 (Sun) → 10-26
// (Mon); effective the day after, 10-27.
const steps = procedureSteps(
	{ offerDate: '2026-09-01', signed: '2026-09-22', filed: '2026-10-09' },
	{},
	cal
);

describe('[T5] procedure tracker', () => {
	it('marks done, waiting and due steps, and names the next one', () => {
		const t = trackSteps(steps, { reply: '2026-09-10' }, '2026-10-20');
		expect(t.map((s) => [s.id, s.due, s.state, s.daysLeft])).toEqual([
			['reply', '2026-09-21', 'done', -29],
			['congress', null, 'waiting', null],
			// Filed 10-09 is entered as a date but not as done here: the filing was due 10-08.
			['filing', '2026-10-08', 'overdue', -12],
			['review', '2026-10-26', 'due', 6],
			['effective', '2026-10-27', 'due', 7]
		]);
		expect(nextDue(t)?.id).toBe('filing');
	});

	it('a later step done proves the earlier ones, dates entered or not', () => {
		// Only the filing entered: the reply (due 09-21) and the congress are done, not overdue.
		const t = trackSteps(steps, { filing: '2026-10-09' }, '2026-10-20');
		expect(t.map((s) => [s.id, s.state, s.doneOn])).toEqual([
			['reply', 'done', null],
			['congress', 'done', null],
			['filing', 'done', '2026-10-09'],
			['review', 'due', null],
			['effective', 'due', null]
		]);
	});

	it('a step past its day with nothing entered is overdue; the review completes by itself', () => {
		const unfiled = procedureSteps({ offerDate: '2026-09-01', signed: '2026-09-22' }, {}, cal);
		const t = trackSteps(unfiled, { reply: '2026-09-10' }, '2026-10-09');
		expect(t.find((s) => s.id === 'filing')).toMatchObject({ state: 'overdue', daysLeft: -1 });
		expect(nextDue(t)?.id).toBe('filing');
		// On the due day itself a step is still due, not overdue.
		expect(trackSteps(unfiled, {}, '2026-10-08').find((s) => s.id === 'filing')?.state).toBe('due');
		const later = trackSteps(steps, {}, '2026-10-27');
		expect(later.find((s) => s.id === 'review')).toMatchObject({
			state: 'done',
			doneOn: '2026-10-26'
		});
		expect(later.find((s) => s.id === 'effective')).toMatchObject({
			state: 'done',
			doneOn: '2026-10-27'
		});
	});

	it('today is the date in China (UTC+8)', () => {
		// 2026-12-07 16:30 UTC is 00:30 on 12-08 in Beijing.
		expect(chinaToday(Date.UTC(2026, 11, 7, 16, 30))).toBe('2026-12-08');
		expect(chinaToday(Date.UTC(2026, 11, 7, 15, 59))).toBe('2026-12-07');
	});
});

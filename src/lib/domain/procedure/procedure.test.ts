import { describe, expect, it } from 'vitest';
import calendarText from '../../../../scenarios/calendars/cn.yaml?raw';
import { parseCalendar } from '../load.ts';
import { dayKind, fromIso, indexCalendar, weekday } from './calendar.ts';
import { periodEnd, procedureSteps } from './deadlines.ts';
import { decideVote, VOTE_RULES } from './ratification.ts';

const parsed = parseCalendar(calendarText, 'scenarios/calendars/cn.yaml');
if (!parsed.ok) throw new Error('the shipped calendar does not validate');
const cal = indexCalendar(parsed.value);
const day = (s: string) => fromIso(s)!;

describe('[T1] calendar', () => {
	it('knows weekdays, holidays and make-up working days', () => {
		// 2026-12-07 is a Monday; 2026-10-01 a Thursday (the State Council notice says 周四).
		expect(weekday(day('2026-12-07'))).toBe(1);
		expect(weekday(day('2026-10-01'))).toBe(4);
		expect(dayKind(day('2026-10-05'), cal)).toBe('holiday');
		expect(dayKind(day('2026-10-10'), cal)).toBe('makeUpWorkday'); // Saturday worked (调休上班)
		expect(dayKind(day('2026-12-05'), cal)).toBe('weekend');
		expect(dayKind(day('2026-12-08'), cal)).toBe('workday');
	});
	it('refuses dates that do not exist', () => {
		expect(fromIso('2026-02-30')).toBeNull();
		expect(fromIso('2026-2-3')).toBeNull();
	});
});

describe('[T2] periods in days (民法典 arts 201, 203)', () => {
	it('does not count the day of the event', () => {
		// offer Thu 2026-09-10 + 20 days = Wed 2026-09-30, a working day
		expect(periodEnd('2026-09-10', { value: 20, unit: 'days' }, cal).due).toBe('2026-09-30');
	});
	it('moves an end on a weekend to the next working day', () => {
		// signed Wed 2026-11-25 + 10 days = Sat 12-05 → Sun 12-06 rests too → Mon 2026-12-07
		expect(periodEnd('2026-11-25', { value: 10, unit: 'days' }, cal).due).toBe('2026-12-07');
	});
	it('moves an end inside a public holiday to the day after the holiday', () => {
		// offer Tue 2026-09-15 + 20 days = Mon 10-05, inside 国庆 10-01…10-07 → Thu 2026-10-08
		expect(periodEnd('2026-09-15', { value: 20, unit: 'days' }, cal).due).toBe('2026-10-08');
	});
	it('keeps an end on a make-up working Saturday', () => {
		// filed Fri 2026-09-25 + 15 days = Sat 10-10, a make-up working day (调休上班): stays
		expect(periodEnd('2026-09-25', { value: 15, unit: 'days' }, cal).due).toBe('2026-10-10');
	});
	it('flags an end outside the years the calendar covers and counts weekends there', () => {
		// 2026-12-20 + 20 = Sat 2027-01-09 → Sun 01-10 → Mon 2027-01-11; 2027 is not in the calendar
		expect(periodEnd('2026-12-20', { value: 20, unit: 'days' }, cal)).toEqual({
			due: '2027-01-11',
			uncovered: true
		});
	});
});

describe('[T3] periods in working days', () => {
	it('counts only working days, across a holiday and a make-up Saturday', () => {
		// offer Thu 2026-09-24; 09-25…27 中秋 rest; Mon 09-28 (1), 09-29 (2), 09-30 (3); 10-01…07 国庆 rest;
		// Thu 10-08 (4), Fri 10-09 (5), Sat 10-10 worked (6), Sun 10-11 rest, 10-12 (7), 10-13 (8),
		// 10-14 (9), Thu 10-15 (10)
		expect(periodEnd('2026-09-24', { value: 10, unit: 'working_days' }, cal).due).toBe(
			'2026-10-15'
		);
	});
});

describe('[T4] procedure steps', () => {
	it('use the national rules where the jurisdiction sets none, and null where a date is missing', () => {
		const steps = procedureSteps({ offerDate: '2026-09-15' }, {}, cal);
		expect(steps.map((s) => [s.id, s.due])).toEqual([
			['reply', '2026-10-08'], // 20 days, see T2
			['congress', null], // no national period
			['filing', null], // not signed yet
			['review', null],
			['effective', null]
		]);
	});
	it('use the jurisdiction’s periods and count review from filing; effective the day after review', () => {
		const steps = procedureSteps(
			{ offerDate: '2026-09-24', signed: '2026-11-25', filed: '2026-12-04' },
			{
				replyDeadline: { value: 10, unit: 'working_days' },
				congressSubmission: { value: 15, unit: 'working_days' }
			},
			cal,
			'浙江省'
		);
		// congress: 15 working days after Wed 11-25: 11-26 (1), 11-27 (2), 11-30 … 12-04 (3–7),
		// 12-07 … 12-11 (8–12), 12-14 (13), 12-15 (14), Wed 12-16 (15)
		// filing: 11-25 + 10 = Sat 12-05 → Mon 12-07
		// review: filed Fri 12-04 + 15 = Sat 12-19 → Mon 12-21; effective Tue 12-22
		expect(Object.fromEntries(steps.map((s) => [s.id, s.due]))).toEqual({
			reply: '2026-10-15',
			congress: '2026-12-16',
			filing: '2026-12-07',
			review: '2026-12-21',
			effective: '2026-12-22'
		});
		expect(steps[0]!.rule).toContain('浙江省');
	});
});

describe('[R1] national ratification: quorum ≥ 2/3 of all, passage > 1/2 of ALL delegates', () => {
	const national = VOTE_RULES.national;
	it('is quorate at exactly two thirds present, and fails at one fewer', () => {
		// 180 × 2/3 = 120
		expect(decideVote({ delegates: 180, present: 120, yes: 120 }, national).quorate).toBe(true);
		const short = decideVote({ delegates: 180, present: 119, yes: 119 }, national);
		expect(short).toMatchObject({ quorate: false, passed: false, quorumNeeded: 120 });
		expect(short.reason).toContain('不符合法定人数');
	});
	it('does not pass with exactly half of all delegates, even with most of those present', () => {
		// 90 yes of 120 present is 75 % of those present, but 90 is not more than 180 / 2 = 90
		const r = decideVote({ delegates: 180, present: 120, yes: 90, no: 30 }, national);
		expect(r).toMatchObject({ quorate: true, passed: false, yesNeeded: 91 });
		expect(r.reason).toBe(
			'出席 120 人，达到全体 180 人的三分之二（至少 120 人），符合法定人数；同意 90 票，未超过全体代表 180 人的半数（至少需 91 票），未通过。'
		);
		expect(decideVote({ delegates: 180, present: 120, yes: 91 }, national).passed).toBe(true);
	});
	it('rounds the quorum up and the majority correctly for an odd number of delegates', () => {
		// 7 × 2/3 = 4.67 → 5 present needed; 7 / 2 = 3.5 → 4 yes needed
		expect(decideVote({ delegates: 7, present: 5, yes: 4 }, national)).toMatchObject({
			quorumNeeded: 5,
			yesNeeded: 4,
			passed: true
		});
		expect(decideVote({ delegates: 7, present: 4, yes: 4 }, national).passed).toBe(false);
		expect(decideVote({ delegates: 7, present: 5, yes: 3 }, national).passed).toBe(false);
	});
	it('refuses impossible tallies', () => {
		expect(() => decideVote({ delegates: 10, present: 11, yes: 3 }, national)).toThrow(
			/超过代表总数/
		);
		expect(() => decideVote({ delegates: 10, present: 5, yes: 4, no: 2 }, national)).toThrow(
			/超过出席人数/
		);
	});
});

describe('[R2] representatives’ votes by the rule chosen when the vote opens', () => {
	it('two thirds of all is inclusive', () => {
		// 14 representatives (萧山 2018): 14 × 2/3 = 9.33 → 10 yes needed
		expect(
			decideVote({ delegates: 14, present: 14, yes: 10, no: 4 }, VOTE_RULES['two-thirds']).passed
		).toBe(true);
		expect(
			decideVote({ delegates: 14, present: 14, yes: 9, no: 5 }, VOTE_RULES['two-thirds']).passed
		).toBe(false);
	});
	it('a simple majority counts the votes cast, and a tie fails', () => {
		// 7 yes, 7 no: 7 is not more than 14 / 2; 8 yes, 5 no, 1 abstain: 8 > 13 / 2 = 6.5
		expect(
			decideVote({ delegates: 14, present: 14, yes: 7, no: 7 }, VOTE_RULES['simple-majority'])
				.passed
		).toBe(false);
		expect(
			decideVote(
				{ delegates: 14, present: 14, yes: 8, no: 5, abstain: 1 },
				VOTE_RULES['simple-majority']
			).passed
		).toBe(true);
	});
});

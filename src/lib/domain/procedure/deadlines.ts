/**
 * Procedure deadlines (程序期限) counted as the Civil Code counts periods (民法典 arts 200–204):
 * the day of the event is not counted, counting starts the next day (art 201); when the last day
 * of a period is a statutory rest day or holiday, the period ends on the first day after it
 * (art 203). A period in working days counts only working days, so it never ends on a rest day.
 * Which periods apply, and how long they are, is jurisdiction data; the national rules of the
 * Collective Contract Provisions (集体合同规定 2004) are the defaults.
 */
import { z } from 'zod';
import { fromIso, isCovered, isRestDay, toIso, type CalendarIndex } from './calendar.ts';

export const periodSchema = z
	.object({ value: z.number().int().positive(), unit: z.enum(['days', 'working_days']) })
	.strict();
export type Period = z.infer<typeof periodSchema>;

/** What a jurisdiction may set; every field falls back to the national rule. */
export interface ProcedureRules {
	replyDeadline?: Period;
	/** From the chiefs' signature of the draft to its submission to the workers' congress. */
	congressSubmission?: Period;
	filingDeadline?: Period;
	reviewPeriod?: Period;
}

/** National defaults and where they come from (docs/sources.md §procedure). */
export const NATIONAL_PROCEDURE = {
	replyDeadline: {
		period: { value: 20, unit: 'days' },
		rule: '集体合同规定第三十二条：收到要约之日起20日内书面答复'
	},
	congressSubmission: { period: null, rule: '全国规定未设提交职代会的期限' },
	filingDeadline: {
		period: { value: 10, unit: 'days' },
		rule: '集体合同规定第四十二条：双方首席代表签字后10日内报送'
	},
	reviewPeriod: {
		period: { value: 15, unit: 'days' },
		rule: '集体合同规定第四十五条、第四十七条：收到文本之日起15日内未提出异议即行生效'
	}
} as const;

export interface PeriodEnd {
	due: string;
	/** True when a counted day lies outside the years the calendar covers (weekends only were used there). */
	uncovered: boolean;
}

/** The last day of a period that starts with an event on `from` (ISO date). */
export function periodEnd(from: string, period: Period, cal: CalendarIndex): PeriodEnd {
	const start = fromIso(from);
	if (start === null) throw new Error(`不是有效日期：${from}`);
	let day = start;
	let uncovered = false;
	if (period.unit === 'working_days') {
		let left = period.value;
		while (left > 0) {
			day += 1;
			uncovered ||= !isCovered(day, cal);
			if (!isRestDay(day, cal)) left -= 1;
		}
	} else {
		day = start + period.value;
		uncovered ||= !isCovered(day, cal);
		while (isRestDay(day, cal)) {
			day += 1;
			uncovered ||= !isCovered(day, cal);
		}
	}
	return { due: toIso(day), uncovered };
}

export const procedureDatesSchema = z
	.object({
		offerDate: z.string().optional(),
		/** The chiefs' signature (首席代表签字). */
		signed: z.string().optional(),
		/** The day the labour authority received the filed contract. */
		filed: z.string().optional()
	})
	.strict();
export type ProcedureDates = z.infer<typeof procedureDatesSchema>;

export type StepId = 'reply' | 'congress' | 'filing' | 'review' | 'effective';

export interface ProcedureStep {
	id: StepId;
	/** Chinese name of the step. */
	name: string;
	/** Due date, or null when the date it counts from is not known yet or no period applies. */
	due: string | null;
	/** The rule in words, with its article. */
	rule: string;
	uncovered: boolean;
}

const unitWord = (p: Period) => (p.unit === 'days' ? '日' : '个工作日');

function step(
	id: StepId,
	name: string,
	from: string | undefined,
	period: Period | null,
	rule: string,
	cal: CalendarIndex
): ProcedureStep {
	if (!from || !period) return { id, name, due: null, rule, uncovered: false };
	const end = periodEnd(from, period, cal);
	return { id, name, due: end.due, rule, uncovered: end.uncovered };
}

/**
 * The procedure's timeline: each step's deadline from the dates known so far. The contract takes
 * effect the day after the review period ends without objection (art 47).
 */
export function procedureSteps(
	dates: ProcedureDates,
	rules: ProcedureRules,
	cal: CalendarIndex,
	/** Who set the local rules, e.g. the jurisdiction's name. */
	localName = '本地规定'
): ProcedureStep[] {
	const n = NATIONAL_PROCEDURE;
	const local = (
		p: Period | undefined,
		national: Period | null,
		nationalRule: string,
		what: string
	) =>
		p
			? { period: p, rule: `${localName}：${what}${p.value}${unitWord(p)}内` }
			: { period: national, rule: nationalRule };
	const reply = local(
		rules.replyDeadline,
		n.replyDeadline.period,
		n.replyDeadline.rule,
		'收到要约之日起'
	);
	const congress = local(
		rules.congressSubmission,
		n.congressSubmission.period,
		n.congressSubmission.rule,
		'草案签字后'
	);
	const filing = local(
		rules.filingDeadline,
		n.filingDeadline.period,
		n.filingDeadline.rule,
		'签字后'
	);
	const review = local(
		rules.reviewPeriod,
		n.reviewPeriod.period,
		n.reviewPeriod.rule,
		'收到文本之日起'
	);
	const reviewStep = step('review', '审查期满', dates.filed, review.period, review.rule, cal);
	const effectiveDay = reviewStep.due ? toIso(fromIso(reviewStep.due)! + 1) : null;
	return [
		step('reply', '书面答复要约', dates.offerDate, reply.period, reply.rule, cal),
		step('congress', '提交职工代表大会审议', dates.signed, congress.period, congress.rule, cal),
		step('filing', '报送劳动保障行政部门', dates.signed, filing.period, filing.rule, cal),
		reviewStep,
		{
			id: 'effective',
			name: '集体合同生效',
			due: effectiveDay,
			rule: '集体合同规定第四十七条：审查期内未提出异议的，集体合同即行生效',
			uncovered: reviewStep.uncovered
		}
	];
}

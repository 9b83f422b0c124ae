/**
 * The procedure tracker's view of the steps (procedure/SPEC.md T5): which are done, which are due
 * and which are overdue on a given day, and what is due next. Deadlines come from
 * `procedureSteps`; this only compares them with what has happened and with today.
 */
import { fromIso, toIso } from './calendar.ts';
import type { ProcedureStep, StepId } from './deadlines.ts';

export type StepState = 'done' | 'waiting' | 'due' | 'overdue';

export interface TrackedStep extends ProcedureStep {
	state: StepState;
	/** When it was done (the date entered), when known. */
	doneOn: string | null;
	/** Days from today to the due date (negative when past); null without a due date. */
	daysLeft: number | null;
}

/** What has happened: the day each step was completed, when it was. */
export type Completed = Partial<Record<StepId, string>>;

/**
 * T5: a step is done when its completion date is known, or when a later step's is; the review
 * period and the contract's taking effect complete by themselves once their day has passed
 * (review) or come (effective).
 * Otherwise a step with a due date is due until that day and overdue after it; one without is
 * waiting for the date it counts from.
 */
export function trackSteps(
	steps: ProcedureStep[],
	completed: Completed,
	today: string
): TrackedStep[] {
	const t = fromIso(today);
	if (t === null) throw new Error(`不是有效日期：${today}`);
	// The procedure runs in order: a step completed proves the earlier ones happened, even when
	// nobody entered their dates (a filed contract was replied to and signed).
	const lastCompleted = Math.max(-1, ...steps.map((s, i) => (completed[s.id] ? i : -1)));
	return steps.map((s, i) => {
		const due = s.due === null ? null : fromIso(s.due)!;
		const daysLeft = due === null ? null : due - t;
		let doneOn = completed[s.id] ?? null;
		if (
			!doneOn &&
			due !== null &&
			((s.id === 'review' && t > due) || (s.id === 'effective' && t >= due))
		)
			doneOn = s.due;
		const state: StepState =
			doneOn || i < lastCompleted ? 'done' : due === null ? 'waiting' : t > due ? 'overdue' : 'due';
		return { ...s, state, doneOn, daysLeft };
	});
}

/** The step to act on next: the overdue or due step with the earliest due date. */
export function nextDue(steps: TrackedStep[]): TrackedStep | null {
	const open = steps.filter((s) => s.state === 'due' || s.state === 'overdue');
	open.sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : 0));
	return open[0] ?? null;
}

/** Today's date in China (UTC+8), as the procedure counts days there. */
export function chinaToday(nowMs: number): string {
	return toIso(Math.floor((nowMs + 8 * 3_600_000) / 86_400_000));
}

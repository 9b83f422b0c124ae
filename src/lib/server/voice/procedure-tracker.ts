/**
 * The procedure tracker of a match (程序跟踪): the dates entered by hand, meeting minutes
 * (append-only, with the recorder's name) and ratification votes (职代会审议) decided by the
 * domain's `decideVote` and kept with who entered them. Deadlines are computed on every read from
 * the event's case jurisdiction and the shipped work calendar, never stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import type { Principal } from '../access.ts';
import {
	getEvent,
	getMatch,
	isChief,
	isOrganizerOf,
	type EventRow,
	type Match
} from '../events/events.ts';
import { getScenario } from '../scenarios.ts';
import { formatProblem, parseCalendar } from '../../domain/index.ts';
import { indexCalendar, type CalendarIndex } from '../../domain/procedure/calendar.ts';
import { procedureSteps, type ProcedureRules } from '../../domain/procedure/deadlines.ts';
import {
	decideVote,
	tallySchema,
	VOTE_RULES,
	type VoteRuleId
} from '../../domain/procedure/ratification.ts';
import { chinaToday, nextDue, trackSteps, type Completed } from '../../domain/procedure/tracker.ts';

let calendar: CalendarIndex | null = null;

/** The shipped work calendar, read once (same directory rule as the scenarios). */
export function workCalendar(): CalendarIndex {
	if (calendar) return calendar;
	const dir = process.env.SCENARIOS_DIR ?? join(process.cwd(), 'scenarios');
	const file = join(dir, 'calendars', 'cn.yaml');
	if (!existsSync(file)) throw new Error(`no work calendar at ${file}`);
	const r = parseCalendar(readFileSync(file, 'utf8'), 'calendars/cn.yaml');
	if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
	calendar = indexCalendar(r.value);
	return calendar;
}

/** The organizer of the match's event, or a chief seated at this match. */
export function canTrack(db: Db, p: Principal, match: Match): boolean {
	if (isOrganizerOf(db, match.eventId, p.user?.id)) return true;
	return !!p.seat && p.seat.matchId === match.id && isChief(p.seat.role);
}

/** Who is acting, for the audit log and as the default recorder's name. */
export function actorFor(p: Principal): { actor: string; name: string } {
	if (p.user) return { actor: `user:${p.user.id}`, name: p.user.displayName };
	if (p.seat)
		return { actor: `seat:${p.seat.id}`, name: p.seat.personName ?? p.session?.displayName ?? '' };
	return { actor: 'anonymous', name: '' };
}

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 YYYY-MM-DD')
	.refine(
		(s) =>
			!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
			new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
		'不是有效日期'
	);
const optionalDate = z.preprocess(
	(v) => (v === '' || v === null ? undefined : v),
	isoDate.optional()
);

export const DatesSchema = z
	.object({
		offerDate: optionalDate,
		repliedDate: optionalDate,
		signedDate: optionalDate,
		filedDate: optionalDate
	})
	.strict()
	.superRefine((d, ctx) => {
		if (d.offerDate && d.repliedDate && d.repliedDate < d.offerDate)
			ctx.addIssue({ code: 'custom', path: ['repliedDate'], message: '答复日期不能早于要约日期' });
		if (d.signedDate && d.filedDate && d.filedDate < d.signedDate)
			ctx.addIssue({ code: 'custom', path: ['filedDate'], message: '报送日期不能早于签字日期' });
	});
export type Dates = z.infer<typeof DatesSchema>;

export const MinuteSchema = z
	.object({
		meetingDate: isoDate,
		recorder: z.string().trim().min(1, '请填写记录人').max(40),
		body: z.string().trim().min(1, '请填写会议记录').max(5000)
	})
	.strict();

const count = z.coerce.number({ error: '请填写数字' }).int('应为整数').min(0, '不能为负数');
export const RatificationFormSchema = z
	.object({
		delegates: count.min(1, '代表总数至少为 1'),
		present: count,
		yes: count,
		no: count.default(0),
		abstain: count.default(0),
		rule: z.enum(Object.keys(VOTE_RULES) as [VoteRuleId, ...VoteRuleId[]], {
			error: '请选择表决规则'
		})
	})
	.strict();

type DatesRow = {
	offer_date: string | null;
	replied_date: string | null;
	signed_date: string | null;
	filed_date: string | null;
};

export function datesOf(db: Db, matchId: string): Dates {
	const r = db
		.prepare<[string], DatesRow>(
			'SELECT offer_date, replied_date, signed_date, filed_date FROM procedure_dates WHERE match_id = ?'
		)
		.get(matchId);
	return {
		offerDate: r?.offer_date ?? undefined,
		repliedDate: r?.replied_date ?? undefined,
		signedDate: r?.signed_date ?? undefined,
		filedDate: r?.filed_date ?? undefined
	};
}

export function saveDates(db: Db, matchId: string, d: Dates): void {
	db.prepare(
		`INSERT INTO procedure_dates (match_id, offer_date, replied_date, signed_date, filed_date, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (match_id) DO UPDATE SET offer_date = excluded.offer_date, replied_date = excluded.replied_date,
		 signed_date = excluded.signed_date, filed_date = excluded.filed_date, updated_at = excluded.updated_at`
	).run(
		matchId,
		d.offerDate ?? null,
		d.repliedDate ?? null,
		d.signedDate ?? null,
		d.filedDate ?? null,
		Date.now()
	);
}

/** The day the chiefs signed, from the stored agreement row, in China's date. */
export function agreementSignedDate(db: Db, matchId: string): string | null {
	const r = db
		.prepare<[string], { signed_at: number }>('SELECT signed_at FROM agreements WHERE match_id = ?')
		.get(matchId);
	return r ? chinaToday(r.signed_at) : null;
}

export interface Minute {
	id: number;
	meetingDate: string;
	recorder: string;
	body: string;
	at: number;
}

export function addMinute(
	db: Db,
	matchId: string,
	m: z.infer<typeof MinuteSchema>,
	actor: string
): void {
	db.prepare(
		'INSERT INTO procedure_minutes (match_id, meeting_date, recorder, body, actor, at) VALUES (?, ?, ?, ?, ?, ?)'
	).run(matchId, m.meetingDate, m.recorder, m.body, actor, Date.now());
}

export function minutesOf(db: Db, matchId: string): Minute[] {
	return db
		.prepare<
			[string],
			{ id: number; meeting_date: string; recorder: string; body: string; at: number }
		>(
			'SELECT id, meeting_date, recorder, body, at FROM procedure_minutes WHERE match_id = ? ORDER BY meeting_date, id'
		)
		.all(matchId)
		.map((r) => ({
			id: r.id,
			meetingDate: r.meeting_date,
			recorder: r.recorder,
			body: r.body,
			at: r.at
		}));
}

export interface Ratification {
	id: number;
	delegates: number;
	present: number;
	yes: number;
	no: number;
	abstain: number;
	rule: VoteRuleId;
	ruleName: string;
	quorate: boolean;
	passed: boolean;
	reason: string;
	actor: string;
	at: number;
}

/** Decides the vote with the domain's rule (R1–R3) and records it as decided; refuses impossible tallies. */
export function recordRatification(
	db: Db,
	matchId: string,
	input: z.infer<typeof RatificationFormSchema>,
	actor: string
): { ok: true; outcome: ReturnType<typeof decideVote> } | { ok: false; errors: string[] } {
	const { rule, ...t } = input;
	const tally = tallySchema.safeParse(t);
	if (!tally.success) return { ok: false, errors: tally.error.issues.map((i) => i.message) };
	const outcome = decideVote(tally.data, VOTE_RULES[rule]);
	db.prepare(
		`INSERT INTO ratifications (match_id, delegates, present, yes, no, abstain, rule, quorate, passed, reason, actor, at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		matchId,
		tally.data.delegates,
		tally.data.present,
		tally.data.yes,
		tally.data.no,
		tally.data.abstain,
		rule,
		outcome.quorate ? 1 : 0,
		outcome.passed ? 1 : 0,
		outcome.reason,
		actor,
		Date.now()
	);
	return { ok: true, outcome };
}

export function ratificationsOf(db: Db, matchId: string): Ratification[] {
	type R = {
		id: number;
		delegates: number;
		present: number;
		yes: number;
		no: number;
		abstain: number;
		rule: VoteRuleId;
		quorate: number;
		passed: number;
		reason: string;
		actor: string;
		at: number;
	};
	return db
		.prepare<[string], R>('SELECT * FROM ratifications WHERE match_id = ? ORDER BY id')
		.all(matchId)
		.map((r) => ({
			...r,
			ruleName: VOTE_RULES[r.rule]?.name ?? r.rule,
			quorate: r.quorate === 1,
			passed: r.passed === 1
		}));
}

/** Everything the tracker page shows for a match, computed for `today`. */
export function trackerView(db: Db, match: Match, event: EventRow, today: string) {
	const scenario = getScenario(event.scenarioId);
	const j = scenario?.rules;
	const rules: ProcedureRules = j?.procedure ?? {};
	const stored = datesOf(db, match.id);
	const signedFromAgreement = agreementSignedDate(db, match.id);
	const signed = stored.signedDate ?? signedFromAgreement ?? undefined;
	const steps = procedureSteps(
		{ offerDate: stored.offerDate, signed, filed: stored.filedDate },
		rules,
		workCalendar(),
		j?.name
	);
	const ratifications = ratificationsOf(db, match.id);
	const passed = ratifications.find((r) => r.passed);
	const completed: Completed = {
		...(stored.repliedDate ? { reply: stored.repliedDate } : {}),
		...(passed ? { congress: chinaToday(passed.at) } : {}),
		...(stored.filedDate ? { filing: stored.filedDate } : {})
	};
	const tracked = trackSteps(steps, completed, today);
	return {
		jurisdiction: j?.name ?? '全国',
		dates: stored,
		signedFromAgreement,
		signed: signed ?? null,
		steps: tracked,
		next: nextDue(tracked),
		ratifications,
		minutes: minutesOf(db, match.id),
		today
	};
}

export function trackerContext(
	db: Db,
	p: Principal,
	matchId: string
): { match: Match; event: EventRow } | null {
	const match = getMatch(db, matchId);
	if (!match || !canTrack(db, p, match)) return null;
	const event = getEvent(db, match.eventId);
	return event ? { match, event } : null;
}

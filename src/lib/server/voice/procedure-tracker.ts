/**
 * The procedure tracker of a match (程序跟踪): the dates entered by hand, meeting minutes
 * (append-only, with the recorder's name) and ratification votes (职代会审议) decided by the
 * domain's `decideVote` and kept with who entered them. Deadlines are computed on every read from
 * the event's case jurisdiction and the shipped work calendar, never stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SqlDb } from '../sql/handle.ts';
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
export async function canTrack(db: SqlDb, p: Principal, match: Match): Promise<boolean> {
	if (await isOrganizerOf(db, match.eventId, p.user?.id)) return true;
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

export async function datesOf(db: SqlDb, matchId: string): Promise<Dates> {
	const r: DatesRow | undefined = await db
		.selectFrom('procedure_dates')
		.select(['offer_date', 'replied_date', 'signed_date', 'filed_date'])
		.where('match_id', '=', matchId)
		.executeTakeFirst();
	return {
		offerDate: r?.offer_date ?? undefined,
		repliedDate: r?.replied_date ?? undefined,
		signedDate: r?.signed_date ?? undefined,
		filedDate: r?.filed_date ?? undefined
	};
}

export async function saveDates(db: SqlDb, matchId: string, d: Dates): Promise<void> {
	const row = {
		offer_date: d.offerDate ?? null,
		replied_date: d.repliedDate ?? null,
		signed_date: d.signedDate ?? null,
		filed_date: d.filedDate ?? null,
		updated_at: Date.now()
	};
	await db
		.insertInto('procedure_dates')
		.values({ match_id: matchId, ...row })
		.onConflict((oc) => oc.column('match_id').doUpdateSet(row))
		.execute();
}

/** The day the chiefs signed, from the stored agreement row, in China's date. */
export async function agreementSignedDate(db: SqlDb, matchId: string): Promise<string | null> {
	const r = await db
		.selectFrom('agreements')
		.select('signed_at')
		.where('match_id', '=', matchId)
		.executeTakeFirst();
	return r ? chinaToday(r.signed_at) : null;
}

export interface Minute {
	id: number;
	meetingDate: string;
	recorder: string;
	body: string;
	at: number;
}

export async function addMinute(
	db: SqlDb,
	matchId: string,
	m: z.infer<typeof MinuteSchema>,
	actor: string
): Promise<void> {
	await db
		.insertInto('procedure_minutes')
		.values({
			match_id: matchId,
			meeting_date: m.meetingDate,
			recorder: m.recorder,
			body: m.body,
			actor,
			at: Date.now()
		})
		.execute();
}

export async function minutesOf(db: SqlDb, matchId: string): Promise<Minute[]> {
	const rows = await db
		.selectFrom('procedure_minutes')
		.select(['id', 'meeting_date', 'recorder', 'body', 'at'])
		.where('match_id', '=', matchId)
		.orderBy('meeting_date')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
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
export async function recordRatification(
	db: SqlDb,
	matchId: string,
	input: z.infer<typeof RatificationFormSchema>,
	actor: string
): Promise<{ ok: true; outcome: ReturnType<typeof decideVote> } | { ok: false; errors: string[] }> {
	const { rule, ...t } = input;
	const tally = tallySchema.safeParse(t);
	if (!tally.success) return { ok: false, errors: tally.error.issues.map((i) => i.message) };
	const outcome = decideVote(tally.data, VOTE_RULES[rule]);
	await db
		.insertInto('ratifications')
		.values({
			match_id: matchId,
			delegates: tally.data.delegates,
			present: tally.data.present,
			yes: tally.data.yes,
			no: tally.data.no,
			abstain: tally.data.abstain,
			rule,
			quorate: outcome.quorate ? 1 : 0,
			passed: outcome.passed ? 1 : 0,
			reason: outcome.reason,
			actor,
			at: Date.now()
		})
		.execute();
	return { ok: true, outcome };
}

export async function ratificationsOf(db: SqlDb, matchId: string): Promise<Ratification[]> {
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
	const rows: R[] = await db
		.selectFrom('ratifications')
		.select([
			'id',
			'delegates',
			'present',
			'yes',
			'no',
			'abstain',
			'rule',
			'quorate',
			'passed',
			'reason',
			'actor',
			'at'
		])
		.where('match_id', '=', matchId)
		.orderBy('id')
		.execute()
		.then((rs) => rs.map((r) => ({ ...r, rule: r.rule as VoteRuleId })));
	return rows.map((r) => ({
		...r,
		ruleName: VOTE_RULES[r.rule]?.name ?? r.rule,
		quorate: r.quorate === 1,
		passed: r.passed === 1
	}));
}

/** Everything the tracker page shows for a match, computed for `today`. */
export async function trackerView(db: SqlDb, match: Match, event: EventRow, today: string) {
	const scenario = getScenario(event.scenarioId);
	const j = scenario?.rules;
	const rules: ProcedureRules = j?.procedure ?? {};
	const stored = await datesOf(db, match.id);
	const signedFromAgreement = await agreementSignedDate(db, match.id);
	const signed = stored.signedDate ?? signedFromAgreement ?? undefined;
	const steps = procedureSteps(
		{ offerDate: stored.offerDate, signed, filed: stored.filedDate },
		rules,
		workCalendar(),
		j?.name
	);
	const ratifications = await ratificationsOf(db, match.id);
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
		minutes: await minutesOf(db, match.id),
		today
	};
}

export async function trackerContext(
	db: SqlDb,
	p: Principal,
	matchId: string
): Promise<{ match: Match; event: EventRow } | null> {
	const match = await getMatch(db, matchId);
	if (!match || !(await canTrack(db, p, match))) return null;
	const event = await getEvent(db, match.eventId);
	return event ? { match, event } : null;
}

import { error, fail } from '@sveltejs/kit';
import { getEvent, teamsOf, type Seat } from '$lib/server/events/events.ts';
import { audit } from '$lib/server/audit.ts';
import {
	contestantsOf,
	getSettings,
	getSheet,
	isJudge,
	matchesForJudge,
	openConflictsFor,
	sheetValuesOf,
	writeSheet,
	type StoredSheet
} from '$lib/server/judging/judging.ts';
import {
	checkSheet,
	contestantField,
	contestantNoteField,
	parseSheetForm,
	teamField,
	teamNoteField,
	type FieldError
} from '$lib/server/judging/sheet.ts';
import { requiredStepsOf, stepStates, type StepState } from '$lib/server/voice/required-steps.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function judgeSeat(e: Pick<RequestEvent, 'locals'>): Seat {
	const seat = e.locals.principal.seat;
	if (!isJudge(seat)) error(404, '此页面仅供评委使用：请先用评委入座码入座');
	return seat;
}

/** A stored sheet as form values (scores and per-criterion remarks), keyed by field name. */
function sheetFields(sheet: StoredSheet | null): Record<string, string> {
	const out: Record<string, string> = {};
	if (!sheet) return out;
	for (const [id, v] of Object.entries(sheet.teamScores)) out[teamField(id)] = String(v);
	for (const [id, v] of Object.entries(sheet.criterionComments)) out[teamNoteField(id)] = v;
	for (const c of sheet.contestants) {
		for (const [id, v] of Object.entries(c.scores))
			out[contestantField(c.contestantId, id)] = String(v);
		for (const [id, v] of Object.entries(c.criterionComments ?? {}))
			out[contestantNoteField(c.contestantId, id)] = v;
	}
	return out;
}

export const load: PageServerLoad = async (e) => {
	const seat = judgeSeat(e);
	const { db } = e.locals.services.sql;
	const settings = await getSettings(db, seat.eventId);
	const teams = new Map((await teamsOf(db, seat.eventId)).map((t) => [t.id, t]));
	const matches = [];
	for (const m of (await matchesForJudge(db, seat)).filter(
		(m) => m.labourTeamId && m.managementTeamId
	)) {
		const sides = [];
		for (const side of ['labour', 'management'] as const) {
			const teamId = (side === 'labour' ? m.labourTeamId : m.managementTeamId) ?? '';
			const sheet = await getSheet(db, seat.id, m.id, side);
			sides.push({
				side,
				teamName: teams.get(teamId)?.name ?? '',
				contestants: await contestantsOf(db, m.id, side),
				status: sheet?.status ?? null,
				updatedAt: sheet?.updatedAt ?? null,
				values: sheetFields(sheet),
				comment: sheet?.comment ?? ''
			});
		}
		matches.push({
			id: m.id,
			round: m.roundNumber,
			table: m.tableNo,
			status: m.status,
			conflicts: (await openConflictsFor(db, seat, m.id)).map((c) => ({
				side: c.side,
				teamName: c.teamName
			})),
			sides
		});
	}
	// The procedure steps the event requires, and whether each match did them (E47).
	const required = await requiredStepsOf(db, seat.eventId);
	const steps: Record<string, StepState[]> = {};
	for (const m of matches) steps[m.id] = await stepStates(db, m.id, required);
	return {
		steps,
		eventName: (await getEvent(db, seat.eventId))?.name ?? '',
		judgeName: seat.personName ?? seat.label,
		rubric: settings.rubric,
		isReleased: settings.isReleased,
		matches
	};
};

type Failure = {
	matchId: string;
	side: string;
	errors: Record<string, FieldError>;
	values: Record<string, string>;
	comment: string;
	reason: string;
	message: string;
};

async function handle(e: RequestEvent, status: 'draft' | 'submitted') {
	const seat = judgeSeat(e);
	const { db } = e.locals.services.sql;
	const settings = await getSettings(db, seat.eventId);
	const form = await e.request.formData();
	const match = (await matchesForJudge(db, seat)).find((m) => m.id === form.get('match'));
	const side = form.get('side') === 'management' ? 'management' : 'labour';
	if (!match)
		return fail(404, {
			matchId: '',
			side,
			errors: {},
			values: {},
			comment: '',
			reason: '',
			message: 'no-match'
		} satisfies Failure);
	const contestants = await contestantsOf(db, match.id, side);
	const parsed = parseSheetForm(form, settings.rubric, contestants);
	if (!parsed)
		return fail(400, {
			matchId: match.id,
			side,
			errors: {},
			values: {},
			comment: '',
			reason: '',
			message: 'bad-form'
		} satisfies Failure);
	const refuse = (code: number, message: string, errors: Record<string, FieldError> = {}) =>
		fail(code, {
			matchId: match.id,
			side,
			errors,
			values: parsed.raw,
			comment: parsed.values.comment,
			reason: parsed.reason,
			message
		} satisfies Failure);

	const old = await getSheet(db, seat.id, match.id, side);
	const isChangeAfterSubmission = old?.status === 'submitted';
	const finalStatus = isChangeAfterSubmission ? 'submitted' : status;
	if (finalStatus === 'submitted' && (await openConflictsFor(db, seat, match.id)).length > 0)
		return refuse(403, 'conflict');
	const errors = checkSheet(settings.rubric, parsed, finalStatus, seat.id);
	if (Object.keys(errors).length > 0) return refuse(400, 'invalid', errors);

	const next = sheetValuesOf(parsed.values);
	if (isChangeAfterSubmission && old) {
		const before = sheetValuesOf(old);
		if (JSON.stringify(before) === JSON.stringify(next))
			return { matchId: match.id, side, saved: 'unchanged' as const };
		// A submitted sheet may be corrected, but never silently: the reason and both versions are audited.
		if (parsed.reason.length < 2)
			return refuse(400, 'reason-required', { reason: { code: 'missing' } });
		await db.transaction().execute(async (trx) => {
			await writeSheet(trx, seat, match.id, side, next, 'submitted');
			await audit(trx, seat.eventId, `seat:${seat.id}`, 'score.change', {
				match: match.id,
				side,
				judge: seat.personName ?? seat.label,
				reason: parsed.reason,
				old: before,
				new: next
			});
		});
		return { matchId: match.id, side, saved: 'changed' as const };
	}
	await db.transaction().execute(async (trx) => {
		await writeSheet(trx, seat, match.id, side, next, status);
		if (status === 'submitted')
			await audit(trx, seat.eventId, `seat:${seat.id}`, 'score.submit', {
				match: match.id,
				side,
				judge: seat.personName ?? seat.label,
				scores: next
			});
	});
	return { matchId: match.id, side, saved: status };
}

export const actions: Actions = {
	save: (e) => handle(e, 'draft'),
	submit: (e) => handle(e, 'submitted')
};

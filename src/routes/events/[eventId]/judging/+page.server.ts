import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	getSeat,
	matchesOf,
	revokeSeat,
	seatsOfEvent,
	teamsOf
} from '$lib/server/events/events.ts';
import { audit } from '$lib/server/audit.ts';
import {
	confirmConflict,
	conflictsOf,
	getSettings,
	isRubricLocked,
	JudgingError,
	JudgingSettingsSchema,
	OutlierThresholdSchema,
	reassignJudge,
	reassignTargets,
	RulesLockedError,
	rulesLock,
	saveOutlierThreshold,
	saveSettings,
	sheetsOfEvent
} from '$lib/server/judging/judging.ts';
import { DEFAULT_RUBRIC, rubricTotal } from '$lib/domain/scoring/index.ts';
import { actorOf, organizedEvent } from '$lib/server/events/organizer.ts';
import { appendAudit } from '$lib/server/sql/audit.ts';
import { requiredStepsOf, saveRequiredSteps } from '$lib/server/voice/required-steps.ts';
import { PROCEDURE_STEPS, requiredStepsSchema } from '$lib/domain/procedure/required-steps.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (e) => {
	const event = await organizedEvent(e);
	const { db } = e.locals.services.sql;
	const settings = await getSettings(db, event.id);
	const teams = new Map((await teamsOf(db, event.id)).map((t) => [t.id, t.name]));
	const matchList = await matchesOf(db, event.id);
	const matches = new Map(
		matchList.map((m) => [
			m.id,
			{
				round: m.roundNumber,
				table: m.tableNo,
				labour: teams.get(m.labourTeamId ?? '') ?? '',
				management: teams.get(m.managementTeamId ?? '') ?? ''
			}
		])
	);
	const seats = new Map((await seatsOfEvent(db, event.id)).map((s) => [s.id, s]));
	const nameOf = (seatId: string) => {
		const s = seats.get(seatId);
		return s?.personName ?? s?.label ?? seatId;
	};
	return {
		// The procedure steps the teams must carry out (E47).
		requiredSteps: await requiredStepsOf(e.locals.services.sql.db, event.id),
		procedureSteps: Object.entries(PROCEDURE_STEPS).map(([id, name]) => ({ id, name })),
		event,
		settings,
		isRubricLocked: await isRubricLocked(db, event.id),
		rulesLock: await rulesLock(db, event.id),
		defaultRubric: DEFAULT_RUBRIC,
		conflicts: await Promise.all(
			(await conflictsOf(db, event.id)).map(async (c) => {
				const seat = seats.get(c.judgeSeatId);
				return {
					...c,
					match: matches.get(c.matchId) ?? null,
					isEventWide: !seat?.matchId,
					targets: seat
						? (await reassignTargets(db, seat)).map((m) => ({ id: m.id, ...matches.get(m.id)! }))
						: []
				};
			})
		),
		// Every sheet with its remarks, for the organizer's review (drafts too: a missing sheet shows).
		sheets: (await sheetsOfEvent(db, event.id)).map((sh) => {
			const match = matches.get(sh.matchId) ?? null;
			return {
				id: sh.id,
				matchId: sh.matchId,
				match,
				side: sh.side,
				teamName: match ? match[sh.side] : '',
				judgeName: nameOf(sh.judgeSeatId),
				status: sh.status,
				total: rubricTotal(
					settings.rubric,
					sh.teamScores,
					sh.contestants.map((c) => c.scores)
				),
				teamScores: sh.teamScores,
				criterionComments: sh.criterionComments,
				contestants: sh.contestants.map((c) => ({ ...c, name: nameOf(c.contestantId) })),
				comment: sh.comment
			};
		})
	};
};

const SettingsFormSchema = z.object({ settings: z.string().max(100_000) });
// Number('') is 0 and Number('abc') NaN: both fail the schema, as do 0, 100.5 and 3.25.
const OutlierFormSchema = z.object({
	threshold: z.string().max(20).transform(Number).pipe(OutlierThresholdSchema)
});

export const actions: Actions = {
	save: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		const body = SettingsFormSchema.safeParse(Object.fromEntries(await e.request.formData()));
		let json: unknown;
		try {
			json = body.success ? JSON.parse(body.data.settings) : null;
		} catch {
			json = null;
		}
		const parsed = JudgingSettingsSchema.safeParse(json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, {
				action: 'save',
				message: 'invalid',
				detail: issue ? `${issue.path.join('.')}: ${issue.message}` : ''
			});
		}
		try {
			const before = await getSettings(db, event.id);
			const after = await saveSettings(db, event.id, parsed.data);
			await audit(db, event.id, actorOf(e.locals.principal), 'judging.settings', {
				rubricChanged: JSON.stringify(before.rubric) !== JSON.stringify(after.rubric),
				method: after.method,
				weights: after.weights,
				noAgreement: after.noAgreement,
				tieBreak: after.tieBreak,
				ranking: after.ranking
			});
		} catch (err) {
			// 409: the rules are fine, the moment is not (they were published and play has begun).
			if (err instanceof RulesLockedError)
				return fail(409, {
					action: 'save',
					message: err.message,
					detail: err.lock,
					changed: err.changed
				});
			if (err instanceof JudgingError)
				return fail(409, { action: 'save', message: err.message, detail: '' });
			throw err;
		}
		return { action: 'save', ok: true };
	},
	/**
	 * The outlier threshold (S34) is saved apart from the rules: it changes no score, so the rules
	 * lock does not apply to it (judging-rules.ts), and a save of the rules never carries it.
	 */
	outlier: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		const parsed = OutlierFormSchema.safeParse(Object.fromEntries(await e.request.formData()));
		if (!parsed.success)
			return fail(400, { action: 'outlier', message: 'outlier-invalid', detail: '' });
		try {
			const { before, after } = await saveOutlierThreshold(db, event.id, parsed.data.threshold);
			await audit(db, event.id, actorOf(e.locals.principal), 'judging.outlier', {
				old: before,
				new: after
			});
		} catch (err) {
			if (err instanceof JudgingError)
				return fail(409, { action: 'outlier', message: err.message, detail: '' });
			throw err;
		}
		return { action: 'outlier', ok: true };
	},
	confirm: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		const f = Object.fromEntries(await e.request.formData());
		const ok = await confirmConflict(
			db,
			event.id,
			String(f.match ?? ''),
			String(f.judge ?? ''),
			String(f.team ?? ''),
			actorOf(e.locals.principal)
		);
		if (!ok) return fail(404, { action: 'confirm', message: 'no-conflict', detail: '' });
		await audit(db, event.id, actorOf(e.locals.principal), 'judging.conflict.confirm', {
			match: f.match,
			judge: f.judge,
			team: f.team
		});
		return { action: 'confirm', ok: true };
	},
	/** 改派: the judge keeps their seat and code and scores another match of the same round. */
	reassign: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		const f = await e.request.formData();
		const seat = await getSeat(db, String(f.get('judge') ?? ''));
		if (!seat || seat.eventId !== event.id || seat.role !== 'judge')
			return fail(404, { action: 'reassign', message: 'no-seat', detail: '' });
		const r = await reassignJudge(db, seat, String(f.get('target') ?? ''));
		if (!r.ok)
			return fail(r.reason === 'submitted' ? 409 : 400, {
				action: 'reassign',
				message: `reassign-${r.reason}`,
				detail: ''
			});
		// Their open sockets were authorized for the old table.
		e.locals.services.disconnectSubject(`seat:${seat.id}`);
		await audit(db, event.id, actorOf(e.locals.principal), 'judging.conflict.reassign', {
			seat: seat.id,
			person: seat.personName,
			from: r.from,
			to: r.to,
			droppedDrafts: r.droppedDrafts.map((d) => ({
				side: d.side,
				teamScores: d.teamScores,
				contestants: d.contestants,
				comment: d.comment,
				criterionComments: d.criterionComments
			}))
		});
		return { action: 'reassign', ok: true };
	},
	/** The procedure steps the teams must carry out (E47), audited. */
	procedureSteps: async (e) => {
		const event = await organizedEvent(e);
		const form = await e.request.formData();
		const steps = requiredStepsSchema.safeParse(form.getAll('step').map(String));
		if (!steps.success)
			return fail(400, { action: 'procedureSteps', message: 'invalid', detail: '' });
		const k = e.locals.services.sql.db;
		await saveRequiredSteps(k, event.id, steps.data);
		await appendAudit(k, event.id, actorOf(e.locals.principal), 'judging.procedure_steps', {
			steps: steps.data
		});
		return { action: 'procedureSteps', ok: true };
	},
	/** Revoking stays for a judge who cannot sit anywhere (or an event-wide one). */
	revoke: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		const seat = await getSeat(db, String((await e.request.formData()).get('judge') ?? ''));
		if (!seat || seat.eventId !== event.id || seat.role !== 'judge')
			return fail(404, { action: 'revoke', message: 'no-seat', detail: '' });
		await revokeSeat(db, seat.id);
		e.locals.services.disconnectSubject(`seat:${seat.id}`);
		await audit(db, event.id, actorOf(e.locals.principal), 'judging.conflict.revoke', {
			seat: seat.id,
			person: seat.personName
		});
		return { action: 'revoke', ok: true };
	}
};

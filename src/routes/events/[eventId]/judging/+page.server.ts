import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { services } from '$lib/server/services.ts';
import { getSeat, matchesOf, revokeSeat, teamsOf } from '$lib/server/events.ts';
import { audit } from '$lib/server/audit.ts';
import {
	confirmConflict,
	conflictsOf,
	getSettings,
	isRubricLocked,
	JudgingError,
	JudgingSettingsSchema,
	saveSettings
} from '$lib/server/judging.ts';
import { DEFAULT_RUBRIC } from '$lib/domain/scoring/index.ts';
import { actorOf, organizedEvent } from './organizer.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (e) => {
	const event = organizedEvent(e);
	const { db } = services();
	const teams = new Map(teamsOf(db, event.id).map((t) => [t.id, t.name]));
	const matches = new Map(
		matchesOf(db, event.id).map((m) => [
			m.id,
			{ round: m.roundNumber, table: m.tableNo, labour: teams.get(m.labourTeamId ?? '') ?? '', management: teams.get(m.managementTeamId ?? '') ?? '' }
		])
	);
	return {
		event,
		settings: getSettings(db, event.id),
		isRubricLocked: isRubricLocked(db, event.id),
		defaultRubric: DEFAULT_RUBRIC,
		conflicts: conflictsOf(db, event.id).map((c) => ({ ...c, match: matches.get(c.matchId) ?? null }))
	};
};

const SettingsFormSchema = z.object({ settings: z.string().max(100_000) });

export const actions: Actions = {
	save: async (e) => {
		const event = organizedEvent(e);
		const { db } = services();
		const body = SettingsFormSchema.safeParse(Object.fromEntries(await e.request.formData()));
		let json: unknown = null;
		try {
			json = body.success ? JSON.parse(body.data.settings) : null;
		} catch {
			json = null;
		}
		const parsed = JudgingSettingsSchema.safeParse(json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, { action: 'save', message: 'invalid', detail: issue ? `${issue.path.join('.')}: ${issue.message}` : '' });
		}
		try {
			const before = getSettings(db, event.id);
			const after = saveSettings(db, event.id, parsed.data);
			audit(db, event.id, actorOf(e.locals.principal), 'judging.settings', {
				rubricChanged: JSON.stringify(before.rubric) !== JSON.stringify(after.rubric),
				method: after.method,
				weights: after.weights,
				noAgreement: after.noAgreement,
				tieBreak: after.tieBreak,
				ranking: after.ranking
			});
		} catch (err) {
			if (err instanceof JudgingError) return fail(409, { action: 'save', message: err.message, detail: '' });
			throw err;
		}
		return { action: 'save', ok: true };
	},
	confirm: async (e) => {
		const event = organizedEvent(e);
		const { db } = services();
		const f = Object.fromEntries(await e.request.formData());
		const ok = confirmConflict(db, event.id, String(f.match ?? ''), String(f.judge ?? ''), String(f.team ?? ''), actorOf(e.locals.principal));
		if (!ok) return fail(404, { action: 'confirm', message: 'no-conflict', detail: '' });
		audit(db, event.id, actorOf(e.locals.principal), 'judging.conflict.confirm', { match: f.match, judge: f.judge, team: f.team });
		return { action: 'confirm', ok: true };
	},
	reassign: async (e) => {
		const event = organizedEvent(e);
		const { db } = services();
		const seat = getSeat(db, String((await e.request.formData()).get('judge') ?? ''));
		if (!seat || seat.eventId !== event.id || seat.role !== 'judge') return fail(404, { action: 'reassign', message: 'no-seat', detail: '' });
		// Reassigning is revoking the judge's seat (the dashboard then issues a new judge seat).
		revokeSeat(db, seat.id);
		services().disconnectSubject(`seat:${seat.id}`);
		audit(db, event.id, actorOf(e.locals.principal), 'judging.conflict.reassign', { seat: seat.id, person: seat.personName });
		return { action: 'reassign', ok: true };
	}
};

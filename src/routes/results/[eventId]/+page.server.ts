import { error } from '@sveltejs/kit';
import { getEvent } from '$lib/server/events/events.ts';
import { frozenResults, getSettings, rulesLock } from '$lib/server/judging/judging.ts';
import type { PageServerLoad } from './$types';

/**
 * Public results. The rules are public as soon as they are published (saved) or locked, so
 * contestants know in advance how they will be judged; the standings only once released. An event
 * with neither answers 404, as before, so its existence is not revealed.
 */
export const load: PageServerLoad = ({ params, locals }) => {
	const { db } = locals.services;
	const event = getEvent(db, params.eventId);
	if (!event) error(404, '成绩尚未发布');
	const frozen = frozenResults(db, event.id);
	const settings = getSettings(db, event.id);
	const lock = rulesLock(db, event.id);
	if (!frozen && !settings.isStored && !lock) error(404, '成绩尚未发布');
	return {
		eventName: event.name,
		releasedAt: frozen?.releasedAt ?? null,
		standings: frozen?.standings ?? null,
		isLocked: !!frozen || lock !== null,
		// Settings cannot change after release (saveSettings), so these are the rules the results used.
		rules: {
			rubric: settings.rubric,
			method: settings.method,
			weights: settings.weights,
			noAgreement: settings.noAgreement,
			tieBreak: settings.tieBreak,
			prizes: settings.prizes,
			individualAwards: settings.individualAwards,
			ranking: settings.ranking,
			seed: settings.seed
		}
	};
};

import { error } from '@sveltejs/kit';
import { getEvent, matchesOf } from '$lib/server/events/events.ts';
import type { SqlDb } from '$lib/server/sql/handle.ts';
import { frozenResults, getSettings, rulesLock } from '$lib/server/judging/judging.ts';
import type { PageServerLoad } from './$types';

/**
 * Public results. The rules are public as soon as they are published (saved) or locked, so
 * contestants know in advance how they will be judged; the standings only once released. An event
 * with neither answers 404, as before, so its existence is not revealed.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = locals.services.sql;
	const event = await getEvent(db, params.eventId);
	if (!event) error(404, '成绩尚未发布');
	const frozen = await frozenResults(db, event.id);
	const settings = await getSettings(db, event.id);
	const lock = await rulesLock(db, event.id);
	if (!frozen && !settings.isStored && !lock) error(404, '成绩尚未发布');
	return {
		eventName: event.name,
		releasedAt: frozen?.releasedAt ?? null,
		// The engine's lot log names entries by id; the page explains ties in sentences instead.
		standings: frozen
			? {
					...frozen.standings,
					pools: frozen.standings.pools.map((p) => ({ ...p, lotLog: [] })),
					rawPools: frozen.standings.rawPools.map((p) => ({ ...p, lotLog: [] })),
					individuals: frozen.standings.individuals.map((g) => ({ ...g, lotLog: [] }))
				}
			: null,
		unscored: frozen?.unscored ?? [],
		poolSizes: frozen
			? frozen.standings.pools.map((p) => ({ pool: p.pool, n: p.teams.length }))
			: await expectedPoolSizes(db, event.id, settings.ranking),
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

/**
 * Before release: how many teams each pool will rank, from the matches drawn so far, so the prize
 * bands can say how many teams each prize goes to. A team playing both sides ranks in both (S13).
 */
async function expectedPoolSizes(db: SqlDb, eventId: string, ranking: string) {
	const paired = (await matchesOf(db, eventId)).filter((m) => m.labourTeamId && m.managementTeamId);
	const labour = new Set(paired.map((m) => m.labourTeamId));
	const management = new Set(paired.map((m) => m.managementTeamId));
	return ranking === 'combined'
		? [{ pool: 'combined' as const, n: labour.size + management.size }]
		: [
				{ pool: 'labour' as const, n: labour.size },
				{ pool: 'management' as const, n: management.size }
			];
}

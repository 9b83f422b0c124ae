import { error, json } from '@sveltejs/kit';
import { canReadBrief } from '$lib/server/access.ts';
import { getEvent, getMatch } from '$lib/server/events/events.ts';
import { getScenario } from '$lib/server/scenarios.ts';
import type { RequestHandler } from './$types';

/** A side's confidential brief as JSON: that side's seats, and judges after release. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const side = params.side;
	if (side !== 'labour' && side !== 'management') error(404, 'unknown side');
	const { db } = locals.services.sql;
	if (!(await canReadBrief(db, locals.principal, params.matchId, side)))
		error(403, '无权查看该方保密信息');
	const match = (await getMatch(db, params.matchId))!;
	const scenario = getScenario((await getEvent(db, match.eventId))!.scenarioId);
	if (!scenario) error(500, 'scenario missing');
	const c = scenario.confidential[side];
	return json({ side, brief: c.brief, positions: c.positions, points: c.points ?? null });
};

import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services.ts';
import { getEvent } from '$lib/server/events.ts';
import { frozenResults } from '$lib/server/judging.ts';
import type { PageServerLoad } from './$types';

/** Public results: readable by anyone once released, 404 before (their existence is not revealed). */
export const load: PageServerLoad = ({ params }) => {
	const { db } = services();
	const event = getEvent(db, params.eventId);
	const frozen = event ? frozenResults(db, event.id) : null;
	if (!event || !frozen) error(404, '成绩尚未发布');
	return { eventName: event.name, releasedAt: frozen.releasedAt, standings: frozen.standings };
};

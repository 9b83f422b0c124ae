import { error } from '@sveltejs/kit';
import { services } from '../services.ts';
import { canOrganize, type Principal } from '../access.ts';
import { getEvent, type EventRow } from './events.ts';

/**
 * The event when the caller organizes it; 404 otherwise (not 403: do not confirm it exists). Every
 * organizer page and action under /events/<id> starts here.
 */
export async function organizedEvent(e: {
	locals: { principal: Principal };
	params: { eventId: string };
}): Promise<EventRow> {
	const { db } = services().sql;
	const event = await getEvent(db, e.params.eventId);
	if (!event || !(await canOrganize(db, e.locals.principal, event.id)))
		error(404, '没有这个活动，或您不是它的组织者');
	return event;
}

export const actorOf = (p: Principal) => `user:${p.user?.id ?? '?'}`;

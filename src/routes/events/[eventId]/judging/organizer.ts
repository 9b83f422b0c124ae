import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services.ts';
import { canOrganize } from '$lib/server/access.ts';
import { getEvent, type EventRow } from '$lib/server/events.ts';
import type { Principal } from '$lib/server/access.ts';

/** The event when the caller organizes it; 404 otherwise (as the dashboard: do not confirm it exists). */
export function organizedEvent(e: { locals: { principal: Principal }; params: { eventId: string } }): EventRow {
	const { db } = services();
	const event = getEvent(db, e.params.eventId);
	if (!event || !canOrganize(db, e.locals.principal, event.id)) error(404, '没有这个活动，或您不是它的组织者');
	return event;
}

export const actorOf = (p: Principal) => `user:${p.user?.id ?? '?'}`;

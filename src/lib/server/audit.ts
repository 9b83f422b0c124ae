import type { Db } from './storage/db.ts';

export interface AuditEntry {
	id: number;
	eventId: string | null;
	actor: string;
	action: string;
	detail: Record<string, unknown>;
	at: number;
}

/** Appends one line to the audit log (who did what, when). The table refuses edits. */
export function audit(
	db: Db,
	eventId: string | null,
	actor: string,
	action: string,
	detail: Record<string, unknown> = {}
): void {
	db.prepare(
		'INSERT INTO audit_log (event_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)'
	).run(eventId, actor, action, JSON.stringify(detail), Date.now());
}

/**
 * What an event's organizers see: the event's own entries, and the account entries of its
 * organizers (logins, logouts, first-organizer setup, failed logins on their login names), which
 * are written without an event because an account is not tied to one. Newest first.
 */
export function auditFor(db: Db, eventId: string, limit = 200): AuditEntry[] {
	const rows = db
		.prepare<
			{ eventId: string; limit: number },
			{
				id: number;
				event_id: string | null;
				actor: string;
				action: string;
				detail: string;
				at: number;
			}
		>(
			`SELECT * FROM (
				SELECT * FROM audit_log WHERE event_id = @eventId
				UNION ALL
				SELECT * FROM audit_log WHERE event_id IS NULL
					AND actor IN (SELECT 'user:' || user_id FROM event_organizers WHERE event_id = @eventId)
				UNION ALL
				SELECT * FROM audit_log WHERE event_id IS NULL AND action = 'login.failed'
					AND lower(json_extract(detail, '$.login')) IN (
						SELECT lower(u.login) FROM users u JOIN event_organizers o ON o.user_id = u.id WHERE o.event_id = @eventId
					)
			) ORDER BY id DESC LIMIT @limit`
		)
		.all({ eventId, limit });
	return rows.map(auditEntryOf);
}

/** A stored audit row as the log shows it; the Kysely layer (sql/audit.ts) reads the same columns. */
export function auditEntryOf(r: {
	id: number;
	event_id: string | null;
	actor: string;
	action: string;
	detail: string;
	at: number;
}): AuditEntry {
	return {
		id: r.id,
		eventId: r.event_id,
		actor: r.actor,
		action: r.action,
		detail: JSON.parse(r.detail) as Record<string, unknown>,
		at: r.at
	};
}

/**
 * Who an audit actor is, for people reading the log: an organizer's display name, or a seat's
 * role and the name its holder gave. Unknown ids (deleted rows, ip:…, cli, system) stay as they are.
 */
export function actorNames(
	db: Db,
	actors: string[]
): Record<string, { kind: 'user' | 'seat' | 'other'; name: string; role?: string }> {
	const out: Record<string, { kind: 'user' | 'seat' | 'other'; name: string; role?: string }> = {};
	const user = db.prepare<[string], { display_name: string }>(
		'SELECT display_name FROM users WHERE id = ?'
	);
	const seat = db.prepare<[string], { role: string; person_name: string | null }>(
		'SELECT role, person_name FROM seats WHERE id = ?'
	);
	for (const a of new Set(actors)) {
		const [kind, id = ''] = a.split(':', 2) as [string, string | undefined];
		if (kind === 'user') {
			const u = user.get(id);
			if (u) out[a] = { kind: 'user', name: u.display_name };
		} else if (kind === 'seat') {
			const s = seat.get(id);
			if (s) out[a] = { kind: 'seat', name: s.person_name ?? '', role: s.role };
		}
		out[a] ??= { kind: 'other', name: a };
	}
	return out;
}

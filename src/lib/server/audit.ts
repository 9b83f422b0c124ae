import { sql } from 'kysely';
import { engineOf, type SqlDb } from './sql/handle.ts';
import { appendAudit } from './sql/audit.ts';

export interface AuditEntry {
	id: number;
	eventId: string | null;
	actor: string;
	action: string;
	detail: Record<string, unknown>;
	at: number;
}

/** Appends one line to the audit log (who did what, when). The table refuses edits. */
export async function audit(
	db: SqlDb,
	eventId: string | null,
	actor: string,
	action: string,
	detail: Record<string, unknown> = {}
): Promise<void> {
	await appendAudit(db, eventId, actor, action, detail);
}

/**
 * What an event's organizers see: the event's own entries, and the account entries of its
 * organizers (logins, logouts, first-organizer setup, failed logins on their login names), which
 * are written without an event because an account is not tied to one. Newest first.
 */
export async function auditFor(db: SqlDb, eventId: string, limit = 200): Promise<AuditEntry[]> {
	// The login a failed attempt named, out of the JSON detail: each engine spells it its own way.
	const failedLogin =
		engineOf(db) === 'postgres'
			? sql`lower(detail::json->>'login')`
			: sql`lower(json_extract(detail, '$.login'))`;
	const rows = await sql<{
		id: number;
		event_id: string | null;
		actor: string;
		action: string;
		detail: string;
		at: number;
	}>`SELECT * FROM (
			SELECT id, event_id, actor, action, detail, at FROM audit_log WHERE event_id = ${eventId}
			UNION ALL
			SELECT id, event_id, actor, action, detail, at FROM audit_log WHERE event_id IS NULL
				AND actor IN (SELECT 'user:' || user_id FROM event_organizers WHERE event_id = ${eventId})
			UNION ALL
			SELECT id, event_id, actor, action, detail, at FROM audit_log WHERE event_id IS NULL AND action = 'login.failed'
				AND ${failedLogin} IN (
					SELECT lower(u.login) FROM users u JOIN event_organizers o ON o.user_id = u.id WHERE o.event_id = ${eventId}
				)
		) AS entries ORDER BY id DESC LIMIT ${limit}`.execute(db);
	return rows.rows.map(auditEntryOf);
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
export async function actorNames(
	db: SqlDb,
	actors: string[]
): Promise<Record<string, { kind: 'user' | 'seat' | 'other'; name: string; role?: string }>> {
	const out: Record<string, { kind: 'user' | 'seat' | 'other'; name: string; role?: string }> = {};
	const split = [...new Set(actors)].map(
		(a) => [a, ...a.split(':', 2)] as [string, string, string?]
	);
	const ids = (kind: string) => split.filter((x) => x[1] === kind).map((x) => x[2] ?? '');
	const userIds = ids('user');
	const seatIds = ids('seat');
	const users = new Map(
		userIds.length
			? (
					await db
						.selectFrom('users')
						.select(['id', 'display_name'])
						.where('id', 'in', userIds)
						.execute()
				).map((u) => [u.id, u])
			: []
	);
	const seats = new Map(
		seatIds.length
			? (
					await db
						.selectFrom('seats')
						.select(['id', 'role', 'person_name'])
						.where('id', 'in', seatIds)
						.execute()
				).map((s) => [s.id, s])
			: []
	);
	for (const [a, kind, id = ''] of split) {
		if (kind === 'user') {
			const u = users.get(id);
			if (u) out[a] = { kind: 'user', name: u.display_name };
		} else if (kind === 'seat') {
			const s = seats.get(id);
			if (s) out[a] = { kind: 'seat', name: s.person_name ?? '', role: s.role };
		}
		out[a] ??= { kind: 'other', name: a };
	}
	return out;
}

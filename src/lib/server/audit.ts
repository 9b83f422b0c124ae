import type { Db } from './db.ts';

export interface AuditEntry {
	id: number;
	eventId: string | null;
	actor: string;
	action: string;
	detail: Record<string, unknown>;
	at: number;
}

/** Appends one line to the audit log (who did what, when). The table refuses edits. */
export function audit(db: Db, eventId: string | null, actor: string, action: string, detail: Record<string, unknown> = {}): void {
	db.prepare('INSERT INTO audit_log (event_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)').run(
		eventId,
		actor,
		action,
		JSON.stringify(detail),
		Date.now()
	);
}

export function auditFor(db: Db, eventId: string, limit = 200): AuditEntry[] {
	const rows = db
		.prepare<[string, number], { id: number; event_id: string | null; actor: string; action: string; detail: string; at: number }>(
			'SELECT * FROM audit_log WHERE event_id = ? ORDER BY id DESC LIMIT ?'
		)
		.all(eventId, limit);
	return rows.map((r) => ({
		id: r.id,
		eventId: r.event_id,
		actor: r.actor,
		action: r.action,
		detail: JSON.parse(r.detail) as Record<string, unknown>,
		at: r.at
	}));
}

/**
 * An audit row as a sentence a trainer reads (王师傅（职工方首席代表）提出方案：第 1 轮第 1 桌（甲队 对 乙队），
 * 第 2 号反方案。) instead of an action code and a JSON blob. Ids become names through `ctx`;
 * fields a person does not need (hashes, addresses, score arrays) stay in the raw record beside it.
 */
import { m } from '$lib/paraglide/messages.js';
import { roleLabel, sideLabel, type RoleName } from '$lib/roles.ts';

export interface AuditContext {
	actor: string;
	action: string;
	/** `第 1 轮第 1 桌（甲队 对 乙队）` for a match id of this event, null when unknown. */
	matchLabel(id: string): string | null;
	/** The seat's role and person, null when unknown. */
	seatLabel(id: string): string | null;
	teamName(id: string): string | null;
	scenarioTitle(id: string): string | null;
}

const ROLES = new Set([
	'labour-chief',
	'labour-member',
	'management-chief',
	'management-member',
	'judge',
	'observer'
]);
const str = (v: unknown): string | null =>
	typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null;
const methodLabel = (x: string) =>
	x === 'trimmed'
		? m.rubric_method_trimmed()
		: x === 'severity'
			? m.rubric_method_severity()
			: x === 'mean'
				? m.rubric_method_mean()
				: x;

/** The readable parts of a detail object, in a fixed order. */
export function auditParts(detail: Record<string, unknown>, ctx: AuditContext): string[] {
	const parts: string[] = [];
	const push = (s: string | null | undefined) => {
		if (s) parts.push(s);
	};
	const match = str(detail.match);
	if (match) push(ctx.matchLabel(match) ?? match);
	else if (typeof detail.round === 'number')
		push(m.org_audit_round({ round: String(detail.round) }));
	if (detail.side === 'labour' || detail.side === 'management') push(sideLabel(detail.side));
	if (typeof detail.seq === 'number')
		push(
			m.org_audit_seq({
				seq: String(detail.seq),
				kind: detail.kind === 'counter' ? m.org_kind_counter() : m.org_kind_offer()
			})
		);
	const seat = str(detail.seat);
	const seatText = seat ? ctx.seatLabel(seat) : null;
	if (seatText) push(seatText);
	else if (typeof detail.role === 'string' && ROLES.has(detail.role))
		push(roleLabel(detail.role as RoleName));
	for (const k of ['name', 'person'] as const) {
		// The joining person is the actor already; say their name only when the actor is not them.
		if (k === 'name' && ctx.action === 'seat.join') continue;
		if (!seatText) push(str(detail[k]));
	}
	const judge =
		str(detail.judgeName) ??
		(typeof detail.judge === 'string' ? (ctx.seatLabel(detail.judge) ?? detail.judge) : null);
	if (judge) push(m.org_audit_judge({ name: judge }));
	const team = str(detail.team);
	if (team) push(m.org_audit_team({ name: ctx.teamName(team) ?? team }));
	push(str(detail.label));
	const login = str(detail.login);
	if (login) push(m.org_audit_login({ login }));
	const scenario = str(detail.scenario);
	if (scenario) push(ctx.scenarioTitle(scenario) ?? scenario);
	if (typeof detail.method === 'string' && ctx.action !== 'pairings.generate')
		push(methodLabel(detail.method));
	const w = detail.weights as { rubric?: unknown; outcome?: unknown } | undefined;
	if (w && typeof w === 'object')
		push(m.org_audit_weights({ rubric: String(w.rubric ?? ''), outcome: String(w.outcome ?? '') }));
	if (typeof detail.matches === 'number')
		push(m.org_audit_matches({ count: String(detail.matches) }));
	if (Array.isArray(detail.terms)) push(m.org_audit_terms({ count: String(detail.terms.length) }));
	if (Array.isArray(detail.unscored) && detail.unscored.length)
		push(m.org_audit_unscored({ count: String(detail.unscored.length) }));
	for (const [a, b] of [
		['from', 'to'],
		['old', 'new']
	] as const) {
		if (a in detail || b in detail) {
			const from = detail[a];
			const to = detail[b];
			// A match id (reassign) reads as the match; anything else as itself.
			const show = (v: unknown) =>
				typeof v === 'string'
					? (ctx.matchLabel(v) ?? v)
					: v === null || v === undefined
						? '—'
						: typeof v === 'object'
							? '…'
							: String(v);
			push(m.org_audit_change({ from: show(from), to: show(to) }));
		}
	}
	const code = str(detail.code);
	if (code) push(m.org_audit_code({ code }));
	const reason = str(detail.reason);
	if (reason) push(m.org_audit_reason({ reason }));
	return parts;
}

export function auditSentence(
	actorText: string,
	actionText: string,
	detail: unknown,
	ctx: AuditContext
): string {
	const parts =
		detail && typeof detail === 'object' ? auditParts(detail as Record<string, unknown>, ctx) : [];
	return parts.length
		? m.org_audit_line({
				actor: actorText,
				action: actionText,
				details: parts.join(m.org_clause_sep())
			})
		: m.org_audit_line_bare({ actor: actorText, action: actionText });
}

/**
 * Who may open what (DESIGN.md, "Documents and who may open them"). Every route, API call and
 * WebSocket upgrade asks these functions; nothing else decides access.
 */
import type { SqlDb } from './sql/handle.ts';
import { isProposalMember } from './proposals/store.ts';
import { DEMO_DOC_NAME } from '../collab/protocol.ts';
import { getUser, sessionForToken, type Session, type User } from './auth.ts';
import {
	getMatch,
	getSeat,
	isOrganizerOf,
	isTableClosed,
	sideOf,
	type Match,
	type Seat,
	type Side
} from './events/events.ts';

export type Access = 'none' | 'read' | 'write';

export interface Principal {
	session: Session | null;
	user: User | null;
	/** The seat this browser holds, when it is still valid. */
	seat: Seat | null;
}

export const ANONYMOUS: Principal = { session: null, user: null, seat: null };

export async function principalFor(
	db: SqlDb,
	token: string | null | undefined
): Promise<Principal> {
	const session = await sessionForToken(db, token);
	if (!session) return ANONYMOUS;
	const user = session.userId ? await getUser(db, session.userId) : null;
	const seat = session.seatId ? await getSeat(db, session.seatId) : null;
	return { session, user, seat: seat && seat.revokedAt === null ? seat : null };
}

/** The connection subjects a principal's sockets are tagged with, so revoking any of them cuts it. */
export function subjectsOf(p: Principal): string[] {
	const out: string[] = [];
	if (p.session) out.push(`session:${p.session.id}`);
	if (p.seat) out.push(`seat:${p.seat.id}`);
	if (p.user) out.push(`user:${p.user.id}`);
	return out;
}

// Document names are the protocol's (src/lib/collab/protocol.ts); re-exported for the routes.
export {
	caucusDocName,
	formalDocName,
	parseDocName,
	tableDocName,
	type DocRef
} from '../collab/protocol.ts';
import { parseDocName } from '../collab/protocol.ts';

/** True when the seat belongs to this match (or is an event-wide seat of its event). */
function seatIsAt(seat: Seat | null, match: Match): seat is Seat {
	return (
		!!seat && seat.eventId === match.eventId && (seat.matchId === match.id || seat.matchId === null)
	);
}

function isReleased(match: Match, side: Side): boolean {
	return side === 'labour' ? match.releasedLabour : match.releasedManagement;
}

/** A side's private material (caucus, confidential brief): that side always, judges after release. */
function privateAccess(p: Principal, match: Match, side: Side): Access {
	if (seatIsAt(p.seat, match)) {
		const own = sideOf(p.seat.role);
		if (own === side && p.seat.matchId === match.id) return 'write';
		if (p.seat.role === 'judge' && isReleased(match, side)) return 'read';
	}
	return 'none';
}

export async function docAccess(
	db: SqlDb,
	p: Principal,
	docName: string,
	opts: { openDemoDocs?: boolean } = {}
): Promise<Access> {
	const ref = parseDocName(docName);
	if (!ref) return 'none';
	// The home page's demo table is open to everyone who can reach the server. Other demo/* names
	// are scratch documents for tests and benchmarks only: open to all, each would be stored, so
	// anyone could fill the disk.
	if (ref.kind === 'demo') return docName === DEMO_DOC_NAME || opts.openDemoDocs ? 'write' : 'none';
	if (ref.kind === 'proposal') return proposalAccess(db, p, ref.proposalId);
	const match = await getMatch(db, ref.matchId);
	if (!match) return 'none';
	if (ref.kind === 'caucus') return privateAccess(p, match, ref.side);
	// Only the server writes formal acts (after storing them); everyone at the match reads them.
	if (ref.kind === 'formal') return (await canViewMatch(db, p, match)) ? 'read' : 'none';
	let access: Access = 'none';
	if (seatIsAt(p.seat, match)) {
		const side = sideOf(p.seat.role);
		access = side && p.seat.matchId === match.id ? 'write' : 'read';
	} else if (await isOrganizerOf(db, match.eventId, p.user?.id)) {
		access = 'read';
	}
	// A signed agreement, or a match the organizer ended, freezes its table for everyone.
	if (access === 'write' && isTableClosed(match.status)) access = 'read';
	return access;
}

/** May this principal read a side's confidential brief (保密信息) of a match? */
export async function canReadBrief(
	db: SqlDb,
	p: Principal,
	matchId: string,
	side: Side
): Promise<boolean> {
	const match = await getMatch(db, matchId);
	return !!match && privateAccess(p, match, side) !== 'none';
}

export function canOrganize(db: SqlDb, p: Principal, eventId: string): Promise<boolean> {
	return isOrganizerOf(db, eventId, p.user?.id);
}

/** Any seat at the match, or its organizers, may see the match page (what it shows depends on the role). */
export async function canViewMatch(db: SqlDb, p: Principal, match: Match): Promise<boolean> {
	return seatIsAt(p.seat, match) || (await isOrganizerOf(db, match.eventId, p.user?.id));
}

/**
 * A proposal workspace (`proposal/<id>`, its pages and its documents): its members write, everyone
 * else, anonymous or a seat, gets nothing (server/SPEC.md WS4). Seats never reach a workspace:
 * only organizer accounts are members.
 */
export async function proposalAccess(
	sql: SqlDb,
	p: Principal,
	proposalId: string
): Promise<Access> {
	return (await isProposalMember(sql, proposalId, p.user?.id)) ? 'write' : 'none';
}

import { error, redirect, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import type { Principal } from './access.ts';
import { createSession, updateSession } from './auth.ts';
import { setSessionCookie } from './cookies.ts';
import { markJoined, seatForCode, type Seat } from './events.ts';
import { audit } from './audit.ts';
import { services } from './services.ts';

export const PersonNameSchema = z.string().trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字');

/** Looks a join code up, counting the attempt per IP and per code; 429 or 404 when refused. */
export function seatFromCode(code: string, ip: string): Seat {
	const { db, limits } = services();
	if (!limits.joinPerIp.attempt(ip) || !limits.joinPerCode.attempt(code.toLowerCase())) {
		error(429, `尝试次数过多，请 ${Math.max(limits.joinPerIp.retryAfter(ip), limits.joinPerCode.retryAfter(code.toLowerCase()))} 秒后再试`);
	}
	const seat = seatForCode(db, code);
	if (!seat) {
		audit(db, null, `ip:${ip}`, 'seat.join-failed', { code: code.slice(0, 4) + '…' });
		error(404, '入座码无效或已作废，请向组织者核对');
	}
	return seat;
}

/** Binds this browser's session to the seat (creating the session if needed), then goes to the table. */
export function bindSeat(seat: Seat, personName: string, p: Principal, cookies: Cookies, secure: boolean, ip: string): never {
	const { db, disconnectSubject } = services();
	if (p.session) {
		// Sockets opened under the previous seat must not outlive the switch.
		if (p.session.seatId && p.session.seatId !== seat.id) disconnectSubject(`session:${p.session.id}`);
		updateSession(db, p.session.id, { seatId: seat.id, displayName: personName });
	} else {
		const { token, session } = createSession(db, { seatId: seat.id, displayName: personName });
		setSessionCookie(cookies, token, session.expiresAt, secure);
	}
	markJoined(db, seat.id, personName);
	audit(db, seat.eventId, `seat:${seat.id}`, 'seat.join', { role: seat.role, name: personName, ip });
	redirect(303, seat.matchId ? `/match/${seat.matchId}` : '/seat');
}

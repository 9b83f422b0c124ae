import { error, redirect, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { plainName } from '../../domain/names.ts';
import type { Principal } from '../access.ts';
import { createSession, revokeSession } from '../auth.ts';
import { setSessionCookie } from '../cookies.ts';
import { markJoined, seatForCode, type Seat } from './events.ts';
import { audit } from '../audit.ts';
import { services } from '../services.ts';

export const PersonNameSchema = plainName(
	z.string().trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字')
);

/** The long join code (links, QR codes): 160 random bits, see `ids.ts`. Anything else looked up can only be a short code. */
const LONG_CODE = /^[a-z2-7]{32}$/;
/** The one key of the server-wide limit on failed short-code lookups. */
const ALL = 'all';

/**
 * Looks a join code up, counting the attempt per IP and per code; 429 or 404 when refused.
 *
 * A short code has 31⁸ ≈ 8.5 × 10¹¹ values. Per-IP limits alone do not bound guessing: an attacker
 * with many addresses multiplies them. So failed short-code lookups also count against one limit
 * for the whole server (`limits.shortCodeFailures`); once it is used up, short codes are refused for
 * everyone until the window ends, while links and QR codes (160 bits) keep working. At 200 failures
 * per 10 minutes that is at most 28,800 guesses a day: against 1,000 live seats, each guess hits
 * with odds 1,000 / 8.5 × 10¹¹, about 1 in 30,000 a day for the whole server. Typos in a classroom
 * stay far below 200 per 10 minutes. Each address may fail at most 20 times per window, so it takes
 * ten addresses to use the shared budget up; a classroom's typos come from many addresses anyway.
 */
export async function seatFromCode(code: string, ip: string): Promise<Seat> {
	const { limits } = services();
	const { db } = services().sql;
	const key = code.trim().toLowerCase();
	if (!(await limits.joinPerIp.attempt(ip)) || !(await limits.joinPerCode.attempt(key))) {
		error(
			429,
			`尝试次数过多，请 ${Math.max(await limits.joinPerIp.retryAfter(ip), await limits.joinPerCode.retryAfter(key))} 秒后再试`
		);
	}
	const isShort = !LONG_CODE.test(key);
	// One address may spend only a small share of the server-wide budget, or a single guesser
	// could switch short codes off for every classroom.
	if (isShort && (await limits.shortCodeFailuresPerIp.isExhausted(ip))) {
		error(
			429,
			`短入座码错误次数过多，请 ${await limits.shortCodeFailuresPerIp.retryAfter(ip)} 秒后再试，或扫描入座二维码、打开入座链接`
		);
	}
	if (isShort && (await limits.shortCodeFailures.isExhausted(ALL))) {
		error(
			429,
			`短入座码错误尝试过多，已暂停使用。请扫描入座二维码或打开入座链接，或 ${await limits.shortCodeFailures.retryAfter(ALL)} 秒后再试`
		);
	}
	const seat = await seatForCode(db, key);
	if (!seat) {
		if (isShort) {
			await limits.shortCodeFailuresPerIp.attempt(ip);
			await limits.shortCodeFailures.attempt(ALL);
		}
		await audit(db, null, `ip:${ip}`, 'seat.join-failed', { code: key.slice(0, 4) + '…' });
		error(404, '入座码无效或已作废，请向组织者核对');
	}
	return seat;
}

/**
 * Binds the seat to a fresh session for this browser, then goes to the table. Always a new token,
 * as at login: a token planted in the browser beforehand (session fixation) must not become the
 * seat's session. An organizer account this browser was logged in with moves over to it.
 */
export async function bindSeat(
	seat: Seat,
	personName: string,
	p: Principal,
	cookies: Cookies,
	secure: boolean,
	ip: string
): Promise<never> {
	const { disconnectSubject } = services();
	const { db } = services().sql;
	const held = p.session;
	const { token, session } = await createSession(db, {
		userId: held?.userId ?? null,
		seatId: seat.id,
		displayName: personName
	});
	if (held) {
		await revokeSession(db, held.id);
		// Sockets opened under the previous token must not outlive it.
		disconnectSubject(`session:${held.id}`);
	}
	setSessionCookie(cookies, token, session.expiresAt, secure);
	await markJoined(db, seat.id, personName);
	await audit(db, seat.eventId, `seat:${seat.id}`, 'seat.join', {
		role: seat.role,
		name: personName,
		ip
	});
	redirect(303, seat.matchId ? `/match/${seat.matchId}` : '/seat');
}

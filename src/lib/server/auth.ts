/**
 * Organizer accounts and browser sessions. Passwords are hashed with argon2id; a session cookie
 * carries a random token whose SHA-256 is what the database keeps.
 */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { plainName } from '../domain/names.ts';
import type { Db } from './storage/db.ts';
import { newId, newSecret, sha256 } from './ids.ts';

export const SESSION_COOKIE = 'xs_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export const NewUserSchema = z.object({
	login: z
		.string()
		.trim()
		.min(2, '登录名至少 2 个字符')
		.max(64)
		.regex(/^[^\s]+$/, '登录名不能含空格'),
	displayName: plainName(z.string().trim().min(1, '请填写姓名').max(40)),
	password: z.string().min(10, '密码至少 10 个字符').max(200)
});
export type NewUser = z.infer<typeof NewUserSchema>;

export interface User {
	id: string;
	login: string;
	displayName: string;
}

export interface Session {
	id: string;
	userId: string | null;
	seatId: string | null;
	displayName: string | null;
	expiresAt: number;
}

export function countUsers(db: Db): number {
	return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export async function createUser(db: Db, input: NewUser): Promise<User> {
	const u = NewUserSchema.parse(input);
	const id = newId();
	const passwordHash = await hash(u.password);
	db.prepare(
		'INSERT INTO users (id, login, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
	).run(id, u.login, u.displayName, passwordHash, Date.now());
	return { id, login: u.login, displayName: u.displayName };
}

export function getUser(db: Db, id: string): User | null {
	const r = db
		.prepare<[string], { id: string; login: string; display_name: string }>(
			'SELECT id, login, display_name FROM users WHERE id = ?'
		)
		.get(id);
	return r ? { id: r.id, login: r.login, displayName: r.display_name } : null;
}

/** The user when login and password match; null otherwise (same answer for an unknown login). */
export async function checkPassword(db: Db, login: string, password: string): Promise<User | null> {
	const r = db
		.prepare<[string], { id: string; login: string; display_name: string; password_hash: string }>(
			'SELECT * FROM users WHERE login = ?'
		)
		.get(login.trim());
	if (!r) {
		// Spend the same time as a real check so timing does not reveal which logins exist.
		await verify(
			'$argon2id$v=19$m=19456,t=2,p=1$FK33CiPiU812leezMBwurA$O6/qgrHdPoJab/rv2o2TPg9RxzjEjn8s+jiK9WJKtBA',
			password
		).catch(() => false);
		return null;
	}
	return (await verify(r.password_hash, password))
		? { id: r.id, login: r.login, displayName: r.display_name }
		: null;
}

/** Starts a session and returns the cookie token (shown once, never stored). */
export function createSession(
	db: Db,
	fields: { userId?: string | null; seatId?: string | null; displayName?: string | null },
	ttlMs = SESSION_TTL_MS
): { token: string; session: Session } {
	const token = newSecret();
	const session: Session = {
		id: newId(),
		userId: fields.userId ?? null,
		seatId: fields.seatId ?? null,
		displayName: fields.displayName ?? null,
		expiresAt: Date.now() + ttlMs
	};
	db.prepare(
		'INSERT INTO sessions (id, token_hash, user_id, seat_id, display_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	).run(
		session.id,
		sha256(token),
		session.userId,
		session.seatId,
		session.displayName,
		Date.now(),
		session.expiresAt
	);
	return { token, session };
}

/** The live session for a cookie token: unknown, revoked and expired tokens give null. */
export function sessionForToken(
	db: Db,
	token: string | undefined | null,
	now = Date.now()
): Session | null {
	if (!token || token.length > 100) return null;
	const r = db
		.prepare<
			[string],
			{
				id: string;
				user_id: string | null;
				seat_id: string | null;
				display_name: string | null;
				expires_at: number;
				revoked_at: number | null;
			}
		>(
			'SELECT id, user_id, seat_id, display_name, expires_at, revoked_at FROM sessions WHERE token_hash = ?'
		)
		.get(sha256(token));
	if (!r || r.revoked_at !== null || r.expires_at <= now) return null;
	return {
		id: r.id,
		userId: r.user_id,
		seatId: r.seat_id,
		displayName: r.display_name,
		expiresAt: r.expires_at
	};
}

export function updateSession(
	db: Db,
	id: string,
	fields: { userId?: string | null; seatId?: string | null; displayName?: string | null }
): void {
	const cur = db
		.prepare<
			[string],
			{ user_id: string | null; seat_id: string | null; display_name: string | null }
		>('SELECT user_id, seat_id, display_name FROM sessions WHERE id = ?')
		.get(id);
	if (!cur) return;
	db.prepare('UPDATE sessions SET user_id = ?, seat_id = ?, display_name = ? WHERE id = ?').run(
		fields.userId !== undefined ? fields.userId : cur.user_id,
		fields.seatId !== undefined ? fields.seatId : cur.seat_id,
		fields.displayName !== undefined ? fields.displayName : cur.display_name,
		id
	);
}

export function revokeSession(db: Db, id: string): void {
	db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
		Date.now(),
		id
	);
}

/** Parses one cookie out of a Cookie header (for the WebSocket upgrade, which SvelteKit does not see). */
export function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const i = part.indexOf('=');
		if (i < 0) continue;
		if (part.slice(0, i).trim() === name) {
			try {
				return decodeURIComponent(part.slice(i + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

/**
 * Where to go after login: `next` only when it stays on this site, as its path (with query and
 * fragment); null otherwise. Parsed as the browser will parse it, so `/\evil.example`, `//evil`,
 * `/\t/evil` and `https://evil` are all seen for the other sites they are.
 */
export function sameOriginPath(next: string | null | undefined, origin: string): string | null {
	if (!next || !next.startsWith('/')) return null;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return null;
	}
	if (url.origin !== new URL(origin).origin) return null;
	return url.pathname + url.search + url.hash;
}

/**
 * Organizer accounts and browser sessions. Passwords are hashed with argon2id; a session cookie
 * carries a random token whose SHA-256 is what the database keeps.
 */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { plainName } from '../domain/names.ts';
import { sql } from 'kysely';
import type { SqlDb } from './sql/handle.ts';
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

export async function countUsers(db: SqlDb): Promise<number> {
	const r = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function createUser(db: SqlDb, input: NewUser): Promise<User> {
	const u = NewUserSchema.parse(input);
	const id = newId();
	const passwordHash = await hash(u.password);
	await db
		.insertInto('users')
		.values({
			id,
			login: u.login,
			display_name: u.displayName,
			password_hash: passwordHash,
			created_at: Date.now()
		})
		.execute();
	return { id, login: u.login, displayName: u.displayName };
}

export async function getUser(db: SqlDb, id: string): Promise<User | null> {
	const r = await db
		.selectFrom('users')
		.select(['id', 'login', 'display_name'])
		.where('id', '=', id)
		.executeTakeFirst();
	return r ? { id: r.id, login: r.login, displayName: r.display_name } : null;
}

/** The user when login and password match; null otherwise (same answer for an unknown login). */
export async function checkPassword(
	db: SqlDb,
	login: string,
	password: string
): Promise<User | null> {
	// Logins compare case-insensitively (ASCII, as SQLite's NOCASE did) on both engines.
	const r = await db
		.selectFrom('users')
		.select(['id', 'login', 'display_name', 'password_hash'])
		.where(sql`lower(login)`, '=', sql`lower(${login.trim()})`)
		.executeTakeFirst();
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
export async function createSession(
	db: SqlDb,
	fields: { userId?: string | null; seatId?: string | null; displayName?: string | null },
	ttlMs = SESSION_TTL_MS
): Promise<{ token: string; session: Session }> {
	const token = newSecret();
	const session: Session = {
		id: newId(),
		userId: fields.userId ?? null,
		seatId: fields.seatId ?? null,
		displayName: fields.displayName ?? null,
		expiresAt: Date.now() + ttlMs
	};
	await db
		.insertInto('sessions')
		.values({
			id: session.id,
			token_hash: sha256(token),
			user_id: session.userId,
			seat_id: session.seatId,
			display_name: session.displayName,
			created_at: Date.now(),
			expires_at: session.expiresAt
		})
		.execute();
	return { token, session };
}

/** The live session for a cookie token: unknown, revoked and expired tokens give null. */
export async function sessionForToken(
	db: SqlDb,
	token: string | undefined | null,
	now = Date.now()
): Promise<Session | null> {
	if (!token || token.length > 100) return null;
	const r = await db
		.selectFrom('sessions')
		.select(['id', 'user_id', 'seat_id', 'display_name', 'expires_at', 'revoked_at'])
		.where('token_hash', '=', sha256(token))
		.executeTakeFirst();
	if (!r || r.revoked_at !== null || r.expires_at <= now) return null;
	return {
		id: r.id,
		userId: r.user_id,
		seatId: r.seat_id,
		displayName: r.display_name,
		expiresAt: r.expires_at
	};
}

export async function updateSession(
	db: SqlDb,
	id: string,
	fields: { userId?: string | null; seatId?: string | null; displayName?: string | null }
): Promise<void> {
	const set = {
		...(fields.userId !== undefined ? { user_id: fields.userId } : {}),
		...(fields.seatId !== undefined ? { seat_id: fields.seatId } : {}),
		...(fields.displayName !== undefined ? { display_name: fields.displayName } : {})
	};
	if (Object.keys(set).length === 0) return;
	await db.updateTable('sessions').set(set).where('id', '=', id).execute();
}

export async function revokeSession(db: SqlDb, id: string): Promise<void> {
	await db
		.updateTable('sessions')
		.set({ revoked_at: Date.now() })
		.where('id', '=', id)
		.where('revoked_at', 'is', null)
		.execute();
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

/**
 * What the server and the browser exchange over the WebSocket, in one place: the endpoint, the
 * document names (and which match and side a name refers to), the y-websocket message kinds and
 * the close codes the server uses. Both sides import these; nothing else spells them out.
 */
import type { Side } from '../domain/roles.ts';

/** The WebSocket endpoint: a client joins `${YJS_PATH}/${docName}`. */
export const YJS_PATH = '/yjs';
export const YJS_PREFIX = `${YJS_PATH}/`;

/** The home page's open demo table. */
export const DEMO_DOC_NAME = 'demo/table';

export const tableDocName = (matchId: string) => `match/${matchId}/table`;
/** The server-written record of formal acts (term states, signatures, clock): read-only for all. */
export const formalDocName = (matchId: string) => `match/${matchId}/formal`;
export const caucusDocName = (matchId: string, side: Side) => `match/${matchId}/caucus/${side}`;
/** An industry union's proposal workspace (proposal-doc.ts): its versions, co-edited by its members. */
export const proposalDocName = (proposalId: string) => `proposal/${proposalId}`;

export type DocRef =
	| { kind: 'demo' }
	| { kind: 'table'; matchId: string }
	| { kind: 'formal'; matchId: string }
	| { kind: 'caucus'; matchId: string; side: Side }
	| { kind: 'proposal'; proposalId: string };

const MATCH_DOC = /^match\/([a-z0-9]+)\/(table|formal|caucus\/(labour|management))$/;
const PROPOSAL_DOC = /^proposal\/([a-z0-9]+)$/;

/** Which document a name refers to, or null for a name no one serves. */
export function parseDocName(name: string): DocRef | null {
	if (name === 'demo' || name.startsWith('demo/')) return { kind: 'demo' };
	const p = PROPOSAL_DOC.exec(name);
	if (p) return { kind: 'proposal', proposalId: p[1]! };
	const m = MATCH_DOC.exec(name);
	if (!m) return null;
	if (m[2] === 'table') return { kind: 'table', matchId: m[1]! };
	if (m[2] === 'formal') return { kind: 'formal', matchId: m[1]! };
	return { kind: 'caucus', matchId: m[1]!, side: m[3] as Side };
}

/** Lowercase segments of [a-z0-9_-] joined by single slashes, 1–128 characters in all. */
const DOC_NAME = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*$/;

export function isValidDocName(name: string): boolean {
	return name.length >= 1 && name.length <= 128 && DOC_NAME.test(name);
}

/** y-websocket message kinds (the first varint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** WebSocket close codes the server sends (RFC 6455 §7.4.1). */
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_INVALID_DATA = 1007;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;
/** Service restart: the client should reconnect (and is then authorized afresh). */
export const CLOSE_RECONNECT = 1012;

import { m } from '$lib/paraglide/messages.js';

/**
 * Calls the match API; resolves to the JSON body, or throws a message a person can read: the
 * server's own (Chinese) reason, or a Chinese sentence when the network failed (fetch rejects with
 * a browser-specific English TypeError such as "Failed to fetch", which never reaches the screen).
 */
export async function callApi<T = unknown>(url: string, init: RequestInit = {}): Promise<T> {
	let res: Response;
	try {
		res = await fetch(url, init);
	} catch {
		throw new Error(navigator.onLine ? m.tbl_network_failed() : m.tbl_offline_act());
	}
	const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
	if (!res.ok)
		throw new Error(
			body.error ?? body.message ?? m.tbl_server_failed({ status: String(res.status) })
		);
	return body as T;
}

/** POSTs a formal act as JSON; resolves to the body, or throws a readable message (callApi). */
export function postAct<T = unknown>(url: string, payload: unknown = {}): Promise<T> {
	return callApi<T>(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload)
	});
}

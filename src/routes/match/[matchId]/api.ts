/** POSTs a formal act as JSON; resolves to the body, or throws the server's message. */
export async function postAct<T = unknown>(url: string, payload: unknown = {}): Promise<T> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
	const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
	if (!res.ok) throw new Error(body.error ?? body.message ?? `HTTP ${res.status}`);
	return body as T;
}

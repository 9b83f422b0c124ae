/**
 * JSON in and out for the studio's API routes: bodies parsed with zod and refused with a Chinese
 * message (W8), `CaseRefused` turned into its status and body, every answer `{error}` on failure.
 */
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { CaseRefused } from './service.ts';

/** Parses a JSON body with its schema or throws a 400 CaseRefused that says what is wrong. */
export async function caseBody<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<z.infer<T>> {
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		throw new CaseRefused(400, '请求内容不是有效的 JSON');
	}
	const r = schema.safeParse(raw);
	if (!r.success) {
		const where = r.error.issues.map((i) => i.path.join('.') || '请求').join('、');
		throw new CaseRefused(400, `请求格式不对：${where}`);
	}
	return r.data;
}

/** Runs a studio act and answers with its JSON, or with the refusal's status, message and body. */
export async function caseAnswer<T>(run: () => Promise<T>, status = 200): Promise<Response> {
	try {
		return json(await run(), { status });
	} catch (e) {
		if (e instanceof CaseRefused)
			return json({ error: e.message, ...e.body }, { status: e.status });
		throw e;
	}
}

/** `?version=N`: a positive integer, or undefined when absent; anything else is a 400. */
export function versionParam(url: URL): number | undefined {
	const v = url.searchParams.get('version');
	if (v === null || v === '') return undefined;
	if (!/^[1-9][0-9]{0,8}$/.test(v)) throw new CaseRefused(400, '版本号应为正整数');
	return Number(v);
}

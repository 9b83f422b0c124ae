import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { ActRefused } from './negotiation/negotiation.ts';

/** Parses a JSON body with a schema; a bad body is a 400 that says what is wrong. */
export async function body<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		error(400, '请求体不是有效的 JSON');
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success)
		error(
			400,
			parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')
		);
	return parsed.data;
}

/** Runs a formal act; a refusal becomes its 4xx with the message, anything else propagates. */
export async function act<T>(run: () => Promise<T>, status = 200): Promise<Response> {
	try {
		return json(await run(), { status });
	} catch (e) {
		if (e instanceof ActRefused) return json({ error: e.message }, { status: e.status });
		throw e;
	}
}

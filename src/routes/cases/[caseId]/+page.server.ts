import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { allJurisdictions } from '$lib/server/cases/resolve.ts';
import { draftSchema, type Draft } from './draft-sync.svelte.ts';
import type { PageServerLoad } from './$types';

/** `GET /api/cases/[caseId]` as the cases API answers it (zod at the boundary). */
const caseSchema = z.object({
	id: z.string(),
	title: z.string(),
	builtIn: z.boolean(),
	shared: z.boolean().default(false),
	mine: z.boolean().default(false),
	version: z.number().int(),
	versions: z
		.array(
			z.object({
				version: z.number().int(),
				note: z.string().nullable().optional(),
				by: z.string().nullable().optional(),
				at: z.union([z.number(), z.string()])
			})
		)
		.default([]),
	document: z.record(z.string(), z.unknown())
});
export type CaseRecord = z.infer<typeof caseSchema>;

const refusalSchema = z.object({ error: z.string() });

/**
 * The studio loads a case through the cases API (so the same permission checks apply to the page
 * and to scripts) and the caller's own draft of it. An organizer account is required. Built-ins
 * open read-only.
 */
export const load: PageServerLoad = async ({ params, fetch, url, locals }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const id = encodeURIComponent(params.caseId);
	const versionParam = url.searchParams.get('version');
	const version = versionParam && /^\d+$/.test(versionParam) ? versionParam : null;
	const res = await fetch(`/api/cases/${id}${version ? `?version=${version}` : ''}`);
	if (!res.ok) {
		const body = refusalSchema.safeParse(await res.json().catch(() => ({})));
		error(res.status, body.success ? body.data.error : '找不到这个案例');
	}
	const r = caseSchema.safeParse(await res.json());
	if (!r.success) error(502, '案例服务返回的内容无法识别');
	const record: CaseRecord = r.data;
	let draft: Draft | null = null;
	if (!record.builtIn && version === null) {
		const d = await fetch(`/api/cases/${id}/draft`);
		if (d.ok) {
			const parsed = draftSchema.safeParse(await d.json().catch(() => null));
			draft = parsed.success ? parsed.data : null;
		}
	}
	return {
		record,
		draft,
		/** Viewing an older version: read-only, with a way back to the latest. */
		isOldVersion:
			version !== null &&
			Number(version) !== Math.max(record.version, ...record.versions.map((v) => v.version)),
		userKey: user.id,
		jurisdictions: await allJurisdictions(locals.services.sql.db)
	};
};

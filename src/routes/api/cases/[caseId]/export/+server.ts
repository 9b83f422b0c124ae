import { json } from '@sveltejs/kit';
import { caseDocumentToYaml } from '$lib/domain/index.ts';
import { versionParam } from '$lib/server/cases/http.ts';
import { CaseRefused, viewCase } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

/** One version as YAML that validates and re-imports to the same figures (K11). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const v = await viewCase(
			locals.services.sql.db,
			locals.principal.user?.id,
			params.caseId,
			versionParam(url)
		);
		const name = `${v.title}-第${v.version}版.yaml`;
		return new Response(caseDocumentToYaml(v.document), {
			headers: {
				'content-type': 'application/yaml; charset=utf-8',
				'content-disposition': `attachment; filename="case-${v.id}-v${v.version}.yaml"; filename*=UTF-8''${encodeURIComponent(name)}`
			}
		});
	} catch (e) {
		if (e instanceof CaseRefused) return json({ error: e.message }, { status: e.status });
		throw e;
	}
};

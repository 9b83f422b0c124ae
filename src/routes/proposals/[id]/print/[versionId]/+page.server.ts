import { memberProposal, readVersion } from '$lib/server/proposals/workspace.ts';
import { versionValues } from '$lib/collab/proposal-doc.ts';
import { toPublic } from '$lib/scenario-public.ts';
import type { PageServerLoad } from './$types';

/** One version on one printed page, for the union committee (WS10). */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { proposal, scenario } = await memberProposal(
		locals.services,
		locals.principal,
		params.id,
		url.pathname
	);
	const { version } = await readVersion(locals.services, proposal.id, params.versionId);
	return {
		proposal: { id: proposal.id, title: proposal.title },
		scenario: toPublic(scenario),
		version: { name: version.name, rationale: version.rationale, values: versionValues(version) }
	};
};

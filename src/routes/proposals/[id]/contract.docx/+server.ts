import { error } from '@sveltejs/kit';
import { buildAgreementDocx, DOCX_MIME } from '$lib/server/export/agreement-docx.ts';
import { attachment } from '$lib/server/export/download-name.ts';
import { memberProposal, readVersion } from '$lib/server/proposals/workspace.ts';
import { versionValues } from '$lib/collab/proposal-doc.ts';
import { resolveOfferClauses, resolveOfferTerms } from '$lib/domain/negotiation/index.ts';
import type { RequestHandler } from './$types';

/**
 * A version as a draft contract (行业集体合同 / 工资专项集体合同 as the case's instrument names
 * it): the agreement document, marked 草案, with the version's terms in contract language (WS8).
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { proposal, scenario } = await memberProposal(
		locals.services,
		locals.principal,
		params.id,
		url.pathname
	);
	const versionId = url.searchParams.get('version');
	if (!versionId) error(400, '请指定方案版本');
	const { version } = await readVersion(locals.services, proposal.id, versionId);
	const values = versionValues(version);
	const clauses = resolveOfferClauses(scenario, version.clauses);
	const buf = await buildAgreementDocx({
		scenario,
		terms: resolveOfferTerms(scenario, values),
		clauses: scenario.terms
			.filter((t) => t.kind === 'clause')
			.map((t) => ({ id: t.id, title: t.title, text: clauses[t.id] ?? '' })),
		signers: [],
		isDraft: true,
		author: scenario.parties.labour.name
	});
	return new Response(new Uint8Array(buf), {
		headers: {
			'content-type': DOCX_MIME,
			'content-disposition': attachment(
				[proposal.title, version.name, '合同草案'],
				'docx',
				'contract-draft'
			)
		}
	});
};

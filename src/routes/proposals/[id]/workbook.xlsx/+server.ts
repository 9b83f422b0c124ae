import { attachment } from '$lib/server/export/download-name.ts';
import { proposalXlsx, XLSX_MIME } from '$lib/server/export/proposal-xlsx.ts';
import { memberProposal } from '$lib/server/proposals/workspace.ts';
import { proposalDocName } from '$lib/collab/protocol.ts';
import { readSweeps, readVersions, versionValues } from '$lib/collab/proposal-doc.ts';
import type { RequestHandler } from './$types';

/** The whole workspace as an Excel workbook (WS9, WS31), from the server's copy of the document. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { proposal, scenario } = await memberProposal(
		locals.services,
		locals.principal,
		params.id,
		url.pathname
	);
	const { versions, sweeps } = await locals.services.readDoc(
		proposalDocName(proposal.id),
		(doc) => ({
			versions: readVersions(doc),
			sweeps: readSweeps(doc)
		})
	);
	const buf = await proposalXlsx(
		proposal.title,
		scenario,
		versions.map((v) => ({
			name: v.name,
			rationale: v.rationale,
			values: versionValues(v),
			by: Object.fromEntries(Object.entries(v.terms).map(([k, t]) => [k, t.by]))
		})),
		// Each kept sweep on its version's terms today (WS31); a version that is gone: current terms.
		sweeps.map((sw) => {
			const v = versions.find((x) => x.id === sw.versionId);
			return {
				name: sw.name,
				versionName: v?.name ?? '现行标准',
				base: v ? versionValues(v) : {},
				x: sw.x,
				...(sw.y ? { y: sw.y } : {}),
				...(sw.metric ? { metric: sw.metric } : {}),
				...(sw.target ? { target: sw.target } : {})
			};
		})
	);
	return new Response(new Uint8Array(buf), {
		headers: {
			'content-type': XLSX_MIME,
			'content-disposition': attachment([proposal.title, '方案工作簿'], 'xlsx', 'proposal')
		}
	});
};

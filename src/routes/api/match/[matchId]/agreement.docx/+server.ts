import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { agreementRow, readDraft } from '$lib/server/negotiation/negotiation.ts';
import { buildAgreementDocx, DOCX_MIME } from '$lib/server/export/agreement-docx.ts';
import { attachment, matchNamePart } from '$lib/server/export/download-name.ts';
import { resolveOfferClauses, resolveOfferTerms } from '$lib/domain/negotiation/index.ts';
import type { RequestHandler } from './$types';

/** The signed agreement as a Word 工资专项集体合同, or the current draft marked 草案. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const signed = await agreementRow(locals.services.sql.db, ctx.match.id);
	const source = signed
		? {
				terms: signed.agreement.terms,
				clauses: signed.agreement.clauses,
				signers: signed.agreement.signers
			}
		: await readDraft(ctx.scenario, ctx.match.id).then((d) => ({
				terms: resolveOfferTerms(ctx.scenario, d.terms),
				clauses: resolveOfferClauses(ctx.scenario, d.clauses),
				signers: []
			}));
	const clauses = ctx.scenario.terms
		.filter((t) => t.kind === 'clause')
		.map((t) => ({ id: t.id, title: t.title, text: source.clauses[t.id] ?? '' }));
	const buf = await buildAgreementDocx({
		scenario: ctx.scenario,
		terms: source.terms,
		clauses,
		signers: source.signers,
		isDraft: !signed,
		author: ctx.eventName,
		...(signed ? { hash: signed.hash } : {})
	});
	const disposition = attachment(
		[
			ctx.eventName,
			matchNamePart(ctx.match),
			signed ? '工资专项集体合同' : '工资专项集体合同（草案）'
		],
		'docx',
		'agreement'
	);
	return new Response(new Uint8Array(buf), {
		headers: { 'content-type': DOCX_MIME, 'content-disposition': disposition }
	});
};

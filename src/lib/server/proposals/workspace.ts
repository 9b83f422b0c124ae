/**
 * What the proposal routes share: the member guard (404 to everyone else, WS4), creating a
 * workspace with its first document content, reading a version the server's copy holds, and the
 * reply deadline of the case's jurisdiction for the 要约书.
 */
import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Principal } from '../access.ts';
import { proposalAccess } from '../access.ts';
import type { Services } from '../services.ts';
import { getScenario } from '../scenarios.ts';
import { workCalendar } from '../voice/procedure-tracker.ts';
import { createProposal, getProposal, type Proposal } from './store.ts';
import { proposalDocName } from '../../collab/protocol.ts';
import {
	initProposalDoc,
	readProposalMeta,
	readVersions,
	type ProposalVersion
} from '../../collab/proposal-doc.ts';
import type { ResolvedScenario } from '../../domain/index.ts';
import { plainName } from '../../domain/names.ts';
import { procedureSteps, type ProcedureStep } from '../../domain/procedure/deadlines.ts';

export const NewProposalSchema = z.object({
	caseId: z.string().min(1, '请选择案例').max(128),
	title: plainName(z.string().trim().min(1, '请填写方案名称').max(60, '名称最多 60 个字'))
});

/** The workspace and its case, for a member; 404 for anyone else, a login redirect for visitors. */
export async function memberProposal(
	services: Pick<Services, 'sql'>,
	p: Principal,
	id: string,
	path: string
): Promise<{ proposal: Proposal; scenario: ResolvedScenario }> {
	if (!p.user) redirect(303, `/login?next=${encodeURIComponent(path)}`);
	// One answer for "no such workspace" and "not yours": a workspace's existence is not confirmed.
	if ((await proposalAccess(services.sql.db, p, id)) === 'none')
		error(404, '没有这个协商方案，或您无权查看');
	const proposal = await getProposal(services.sql.db, id);
	const scenario = proposal && getScenario(proposal.caseId);
	if (!proposal || !scenario) error(404, '没有这个协商方案，或您无权查看');
	return { proposal, scenario };
}

/** Makes the row, then writes the document's first content as the server (never a client). */
export async function startProposal(
	services: Pick<Services, 'sql' | 'changeDoc'>,
	input: z.infer<typeof NewProposalSchema>,
	owner: { id: string; displayName: string }
): Promise<Proposal> {
	const scenario = getScenario(input.caseId);
	if (!scenario) throw new Error(`no case ${input.caseId}`);
	const proposal = await createProposal(services.sql.db, {
		caseId: input.caseId,
		title: input.title,
		ownerId: owner.id
	});
	await services.changeDoc(proposalDocName(proposal.id), (doc) => {
		if (readProposalMeta(doc)) return;
		initProposalDoc(doc, {
			title: input.title,
			caseId: input.caseId,
			agenda: scenario.terms,
			by: owner.displayName
		});
	});
	return proposal;
}

/** One version as the server's copy of the document holds it, or 404. */
export async function readVersion(
	services: Pick<Services, 'readDoc'>,
	proposalId: string,
	versionId: string
): Promise<{ version: ProposalVersion; all: ProposalVersion[] }> {
	const all = await services.readDoc(proposalDocName(proposalId), readVersions);
	const version = all.find((v) => v.id === versionId);
	if (!version) error(404, '没有这个方案版本');
	return { version, all };
}

/** When the other side must answer an offer sent on `offerDate` (ISO), by the case's jurisdiction. */
export function replyDeadline(scenario: ResolvedScenario, offerDate: string): ProcedureStep {
	const steps = procedureSteps(
		{ offerDate },
		scenario.rules.procedure ?? {},
		workCalendar(),
		scenario.rules.name
	);
	return steps.find((s) => s.id === 'reply')!;
}

/**
 * 推送到协议草案 and the caucus working copy it is measured against (D8 in src/lib/collab).
 * The working copy starts from the table's current draft; a push sends only the terms the caucus
 * changed since that copy, after the chief saw a preview; a term the table changed meanwhile is a
 * conflict and is written only when the chief ticked it.
 */
import type { SqlDb } from '../sql/handle.ts';
import { services } from '../services.ts';
import { audit } from '../audit.ts';
import { caucusDocName, tableDocName } from '../../collab/protocol.ts';
import { ActRefused, assertOpen, chiefOf } from './negotiation.ts';
import type { Match, Seat, Side } from '../events/events.ts';
import { readTerm, readValues, setTermValue, type TermEntry } from '../../collab/table-doc.ts';
import {
	markPushed,
	pushPlan,
	readCaucusBase,
	takeCaucusCopy,
	type PushRow
} from '../../collab/caucus.ts';
import { validateOfferTerms } from '../../domain/negotiation/index.ts';
import type { ResolvedScenario } from '../../domain/index.ts';
import type { TermValue } from '../../collab/schema.ts';

async function tableEntries(
	scenario: ResolvedScenario,
	matchId: string
): Promise<Record<string, TermEntry | null>> {
	return services().readDoc(tableDocName(matchId), (doc) =>
		Object.fromEntries(scenario.terms.map((t) => [t.id, readTerm(doc, t.id)]))
	);
}

const tableValues = (matchId: string) =>
	services().readDoc(tableDocName(matchId), (doc) => readValues(doc));

/**
 * Gives a caucus its first working copy of the table (a caucus opened before any copy holds the
 * case's current values, which would revert the table when pushed). Later calls leave it alone.
 */
export async function ensureCaucusCopy(matchId: string, side: Side, by: string): Promise<void> {
	const name = caucusDocName(matchId, side);
	const hasCopy = await services().readDoc(name, (doc) => readCaucusBase(doc) !== null);
	if (hasCopy) return;
	const table = await tableValues(matchId);
	await services().changeDoc(name, (doc) => {
		// Another request may have taken the copy while the table was read.
		if (readCaucusBase(doc) === null) takeCaucusCopy(doc, table, by);
	});
}

/** 从协议草案重新复制: any member of the side replaces the working copy with the table as it is now. */
export async function recopyCaucus(match: Match, side: Side, by: string): Promise<void> {
	assertOpen(match);
	const table = await tableValues(match.id);
	await services().changeDoc(caucusDocName(match.id, side), (doc) =>
		takeCaucusCopy(doc, table, by)
	);
}

/** The rows a push would write, for the chief's preview. */
export async function caucusPushPreview(
	scenario: ResolvedScenario,
	match: Match,
	seat: Seat | null
): Promise<{ rows: PushRow[] }> {
	const { side } = chiefOf(seat, match);
	const table = await tableEntries(scenario, match.id);
	const rows = await services().readDoc(caucusDocName(match.id, side), (doc) =>
		pushPlan(scenario.terms, readCaucusBase(doc) ?? {}, readValues(doc), table)
	);
	return { rows };
}

/**
 * Writes the previewed terms the chief confirmed (`terms`) into the table. A term the table changed
 * since the copy is written only when it is also in `overwrite`; otherwise it is reported back as a
 * conflict. A value the offer rules would refuse never reaches the table.
 */
export async function pushCaucus(
	db: SqlDb,
	scenario: ResolvedScenario,
	match: Match,
	seat: Seat | null,
	choice: { terms: string[]; overwrite: string[] }
): Promise<{ changed: string[]; conflicts: string[] }> {
	assertOpen(match);
	const { side, seat: chief } = chiefOf(seat, match);
	const caucusName = caucusDocName(match.id, side);
	const { base, values } = await services().readDoc(caucusName, (doc) => ({
		base: readCaucusBase(doc) ?? {},
		values: readValues(doc)
	}));
	const wanted = new Set(choice.terms);
	const overwrite = new Set(choice.overwrite);
	const changed: string[] = [];
	const conflicts: string[] = [];
	const written: Record<string, TermValue> = {};
	let refusal = '';
	// The plan is re-made inside the table's change, so an edit that landed after the preview is
	// seen as a conflict here, not overwritten.
	await services().changeDoc(tableDocName(match.id), (doc) => {
		const entries = Object.fromEntries(scenario.terms.map((t) => [t.id, readTerm(doc, t.id)]));
		const rows = pushPlan(scenario.terms, base, values, entries).filter((r) =>
			wanted.has(r.termId)
		);
		const problems = validateOfferTerms(
			scenario,
			Object.fromEntries(rows.map((r) => [r.termId, r.caucusValue]))
		);
		// A throw here would only be logged by the room: note the refusal, write nothing, throw below.
		if (problems.length > 0) {
			refusal = `内部磋商稿有不能推送的数值，未作任何修改：${problems.map((p) => p.message).join('；')}`;
			return;
		}
		for (const r of rows) {
			if (r.isConflict && !overwrite.has(r.termId)) {
				conflicts.push(r.termId);
				continue;
			}
			setTermValue(doc, r.termId, r.caucusValue, chief.personName ?? side);
			written[r.termId] = r.caucusValue;
			changed.push(r.termId);
		}
	});
	if (refusal) throw new ActRefused(422, refusal);
	if (changed.length > 0) await services().changeDoc(caucusName, (doc) => markPushed(doc, written));
	await audit(db, match.eventId, `seat:${chief.id}`, 'caucus.push', {
		match: match.id,
		side,
		terms: changed,
		overwritten: changed.filter((id) => overwrite.has(id))
	});
	return { changed, conflicts };
}

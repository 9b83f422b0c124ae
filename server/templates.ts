/**
 * Initial content of documents the server creates (DESIGN: never seeded by whichever client
 * happens to find them empty): the demo table, and each match's table and caucus documents from
 * the event's scenario.
 */
import * as Y from 'yjs';
import type { Db } from '#lib/server/storage/db.ts';
import { getEvent, getMatch } from '#lib/server/events/events.ts';
import { parseDocName } from '#lib/server/access.ts';
import { getScenario } from '#lib/server/scenarios.ts';
import { demoTemplate } from '#lib/collab/demo.ts';
import { initDoc } from '#lib/collab/table-doc.ts';
import { initClauseFragment } from '#lib/collab/rich-clause.ts';
import type { TemplateResolver } from './rooms.ts';
import { SIDE_NAME_ZH } from '#lib/domain/roles.ts';

export function createTemplates(db: Db): TemplateResolver {
	return (docName) => {
		const ref = parseDocName(docName);
		if (!ref) return null;
		const doc = new Y.Doc();
		try {
			if (ref.kind === 'demo') {
				initDoc(doc, demoTemplate);
				return Y.encodeStateAsUpdate(doc);
			}
			// The formal-acts document starts empty; the server writes it at the first act.
			if (ref.kind === 'formal') return null;
			// A proposal workspace is written by the route that creates it (changeDoc), from its row.
			if (ref.kind === 'proposal') return null;
			const match = getMatch(db, ref.matchId);
			const event = match && getEvent(db, match.eventId);
			const scenario = event && getScenario(event.scenarioId);
			if (!scenario) return null;
			initDoc(doc, {
				kind: ref.kind,
				title:
					ref.kind === 'table'
						? scenario.title
						: `${scenario.title} · 内部磋商（${SIDE_NAME_ZH[ref.side]}）`,
				agenda: scenario.terms
			});
			if (ref.kind === 'caucus') initClauseFragment(doc, 'notes', '');
			return Y.encodeStateAsUpdate(doc);
		} finally {
			doc.destroy();
		}
	};
}

/**
 * Initial content of documents the server creates (DESIGN: never seeded by whichever client
 * happens to find them empty): the demo table, and each match's table and caucus documents from
 * the event's scenario.
 */
import * as Y from 'yjs';
import type { SqlDb } from '#lib/server/sql/handle.ts';
import { getEvent, getMatch } from '#lib/server/events/events.ts';
import { parseDocName } from '#lib/server/access.ts';
import { getScenario } from '#lib/server/scenarios.ts';
import { matchDocTemplate } from '#lib/server/cases/events.ts';
import { scenarioByRef } from '#lib/server/cases/resolve.ts';
import { demoTemplate } from '#lib/collab/demo.ts';
import { initDoc } from '#lib/collab/table-doc.ts';
import { initClauseFragment } from '#lib/collab/rich-clause.ts';
import type { TemplateResolver } from './rooms.ts';

export function createTemplates(db: SqlDb): TemplateResolver {
	return async (docName) => {
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
			const match = await getMatch(db, ref.matchId);
			const event = match && (await getEvent(db, match.eventId));
			// A pinned case version another instance created may not be cached here yet (K8).
			const scenario =
				event && (getScenario(event.scenarioId) ?? (await scenarioByRef(db, event.scenarioId)));
			if (!scenario) return null;
			initDoc(doc, matchDocTemplate(scenario, ref));
			if (ref.kind === 'caucus') initClauseFragment(doc, 'notes', '');
			return Y.encodeStateAsUpdate(doc);
		} finally {
			doc.destroy();
		}
	};
}

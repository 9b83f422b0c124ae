import { error } from '@sveltejs/kit';
import { stringify } from 'yaml';
import { buildEventExport, frozenResults, liveStandings } from '$lib/server/judging/judging.ts';
import {
	emptyStandings,
	standingsCsv,
	standingsXlsx,
	toCsv
} from '$lib/server/export/standings-export.ts';
import { SHEET_HEADER, sheetRows } from '$lib/server/judging/sheets-export.ts';
import { organizedEvent } from '$lib/server/events/organizer.ts';
import { attachment } from '$lib/server/export/download-name.ts';
import type { RequestHandler } from './$types';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Organizer downloads: the standings (released figures once released, else the live ones) as
 * XLSX or CSV, and the event file (`EventExportSchema`) that `xs standings` recomputes them from.
 * The score sheets with their remarks go with them: a 评分明细 worksheet in the XLSX, and sheets.csv.
 */
export const GET: RequestHandler = async (e) => {
	const event = await organizedEvent(e);
	const { db } = e.locals.services.sql;
	const frozen = await frozenResults(db, event.id);
	const live = frozen ? null : await liveStandings(db, event.id);
	// Released: the file the published standings came from. Live: every match with its outcome and
	// sheets, scored or not, as the organizer's complete record (the live standings leave out the
	// matches not yet fully scored; they are listed on the scoreboard).
	const file = frozen ? frozen.file : await buildEventExport(db, event.id);
	// Nothing fully scored yet: empty standings (headers and rules), never a ranking of zeros.
	const standings = frozen
		? frozen.standings
		: live!.ok
			? live!.standings
			: live!.file.teams.length === 0
				? emptyStandings(live!.file)
				: null;
	// Named after the event (成绩, 评分明细, 赛事数据), never its id.
	const disposition = (what: string, extension: string, fallback: string) =>
		attachment([event.name, what], extension, fallback);
	switch (e.params.file) {
		case 'standings.xlsx': {
			if (!standings) error(409, '成绩尚不能计算');
			const unscored = frozen ? (frozen.unscored ?? []) : live!.unscored;
			const buf = await standingsXlsx(
				standings,
				[{ name: '评分明细', header: SHEET_HEADER, rows: sheetRows(file) }],
				unscored
			);
			return new Response(new Uint8Array(buf), {
				headers: {
					'content-type': XLSX_MIME,
					'content-disposition': disposition('成绩', 'xlsx', 'standings')
				}
			});
		}
		case 'standings.csv': {
			if (!standings) error(409, '成绩尚不能计算');
			return new Response(standingsCsv(standings), {
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': disposition('成绩', 'csv', 'standings')
				}
			});
		}
		case 'sheets.csv':
			return new Response(toCsv([SHEET_HEADER, ...sheetRows(file)]), {
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': disposition('评分明细', 'csv', 'sheets')
				}
			});
		case 'event.json':
			return new Response(JSON.stringify(file, null, 2), {
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'content-disposition': disposition('赛事数据', 'json', 'event')
				}
			});
		case 'event.yaml':
			return new Response(stringify(file), {
				headers: {
					'content-type': 'application/yaml; charset=utf-8',
					'content-disposition': disposition('赛事数据', 'yaml', 'event')
				}
			});
		default:
			error(404, 'not found');
	}
};

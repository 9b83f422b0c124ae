/** A match left out of the ranking: never played, or a side without a submitted score sheet. */
export interface UnscoredMatch {
	matchId: string;
	round: number;
	table: number;
	/** Team names, as the organizer entered them. */
	labour: string;
	management: string;
	/** False while the match is still `scheduled` (未进行). */
	isPlayed: boolean;
	/** The sides no judge has submitted a sheet for. */
	missing: ('labour' | 'management')[];
}

/**
 * The largest load a setup holds: room counts are tried from `start`, doubling until one fails
 * (or halving until one holds, when `start` already fails), then bisected between the last that held and the first that failed until the two are within
 * `resolution` of each other (a fraction of the one that held, and never finer than `minStep`
 * rooms). Each count is tried once: `holds` decides, the search only picks the counts.
 */
export interface CapacitySearch {
	start: number;
	/** Doubling stops here even if it still holds (the clients' own machine has limits too). */
	max: number;
	resolution: number;
	minStep: number;
}

export interface CapacityResult {
	/** The largest count that held; null when even `start` failed. */
	held: number | null;
	/** The smallest count that failed; null when `max` held. */
	failed: number | null;
	/** Every count tried, in order, and whether it held. */
	tried: { rooms: number; held: boolean }[];
}

export async function findCapacity(
	holds: (rooms: number) => Promise<boolean>,
	search: CapacitySearch
): Promise<CapacityResult> {
	const tried: { rooms: number; held: boolean }[] = [];
	const attempt = async (rooms: number) => {
		const ok = await holds(rooms);
		tried.push({ rooms, held: ok });
		return ok;
	};
	let held: number | null = null;
	let failed: number | null = null;
	for (let rooms = search.start; ; rooms = Math.min(rooms * 2, search.max)) {
		if (await attempt(rooms)) held = rooms;
		else {
			failed = rooms;
			break;
		}
		if (rooms >= search.max) break;
	}
	// Even the first count failed (a loaded machine): halve until one holds.
	for (let rooms = Math.floor(search.start / 2); held === null && rooms >= search.minStep;) {
		if (await attempt(rooms)) held = rooms;
		else {
			failed = rooms;
			rooms = Math.floor(rooms / 2);
		}
	}
	if (held === null || failed === null) return { held, failed, tried };
	while (failed - held > Math.max(search.minStep, Math.round(held * search.resolution))) {
		const mid = Math.round((held + failed) / 2);
		if (await attempt(mid)) held = mid;
		else failed = mid;
	}
	return { held, failed, tried };
}

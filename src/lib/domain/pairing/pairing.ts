/**
 * Pairing teams into matches (对阵): each match puts one team on the labour side (职工方) and one
 * on the management side (企业方). Rules R1–R4 in src/lib/domain/SPEC.md (Pairing).
 */

export interface Pairing {
	round: number;
	labour: string;
	management: string;
}

export interface Schedule {
	rounds: Pairing[][];
	/** Teams sitting a round out (odd team counts), by round number. */
	byes: Record<number, string[]>;
}

/**
 * Circle-method round robin: every team meets every other team once (R1); with an odd count one
 * team sits out each round (R2). Sides alternate so no team plays the same side more than one
 * round in a row where the method allows.
 */
export function roundRobin(teams: string[]): Schedule {
	const list: (string | null)[] = [...teams];
	if (list.length % 2 === 1) list.push(null);
	const n = list.length;
	const rounds: Pairing[][] = [];
	const byes: Record<number, string[]> = {};
	for (let r = 0; r < n - 1; r++) {
		const round: Pairing[] = [];
		for (let i = 0; i < n / 2; i++) {
			const a = list[i]!;
			const b = list[n - 1 - i]!;
			const number = r + 1;
			if (a === null || b === null) {
				const sitting = a ?? b;
				if (sitting !== null) (byes[number] ??= []).push(sitting);
				continue;
			}
			// Alternate orientation by round and board so sides balance out over the schedule.
			const flip = (r + i) % 2 === 1;
			round.push({ round: number, labour: flip ? b : a, management: flip ? a : b });
		}
		rounds.push(round);
		// Keep the first team fixed, rotate the rest one place.
		list.splice(1, 0, list.pop()!);
	}
	return { rounds, byes };
}

/**
 * Two rounds in which every team plays each side once, against two different opponents (R3).
 * The two rounds are the first two of the round robin: their union is a set of disjoint cycles,
 * and walking each cycle in one direction gives every team one labour and one management match.
 * With an odd count, one team sits out (R2); with two teams, they must meet twice (R4).
 */
export function eachTeamBothSides(teams: string[]): Schedule {
	if (teams.length === 2) {
		const [a, b] = teams as [string, string];
		return {
			rounds: [[{ round: 1, labour: a, management: b }], [{ round: 2, labour: b, management: a }]],
			byes: {}
		};
	}
	const rr = roundRobin(teams);
	const [r1 = [], r2 = []] = rr.rounds;
	const next = new Map<string, { other: string; round: 1 | 2 }[]>();
	const link = (a: string, b: string, round: 1 | 2) => {
		(next.get(a) ?? next.set(a, []).get(a)!).push({ other: b, round });
		(next.get(b) ?? next.set(b, []).get(b)!).push({ other: a, round });
	};
	for (const p of r1) link(p.labour, p.management, 1);
	for (const p of r2) link(p.labour, p.management, 2);
	const out: [Pairing[], Pairing[]] = [[], []];
	const used = new Set<string>();
	const key = (a: string, b: string, round: number) => `${round}:${[a, b].sort().join('|')}`;
	// Paths (odd counts) must be walked from an end, or a middle team could get one side twice.
	const degree = (t: string) => next.get(t)?.length ?? 0;
	for (const start of [...teams].sort((a, b) => degree(a) - degree(b))) {
		// Walk the path or cycle through `start`, orienting each edge along the walk.
		let cur = start;
		let edges = next.get(cur)?.filter((e) => !used.has(key(cur, e.other, e.round))) ?? [];
		while (edges.length > 0) {
			const e = edges[0]!;
			used.add(key(cur, e.other, e.round));
			out[e.round - 1]!.push({ round: e.round, labour: cur, management: e.other });
			cur = e.other;
			edges = next.get(cur)?.filter((x) => !used.has(key(cur, x.other, x.round))) ?? [];
		}
	}
	const byes: Record<number, string[]> = {};
	if (rr.byes[1]) byes[1] = rr.byes[1];
	if (rr.byes[2]) byes[2] = rr.byes[2];
	return { rounds: out, byes };
}

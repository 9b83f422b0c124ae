import { describe, expect, it } from 'vitest';
import { eachTeamBothSides, roundRobin, type Pairing } from './pairing.ts';

const teams = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
const pairKey = (p: Pairing) => [p.labour, p.management].sort().join('-');

describe('pairing', () => {
	it('[R1] round robin: 4 teams play 3 rounds of 2 matches and meet each opponent once', () => {
		const s = roundRobin(teams(4));
		expect(s.rounds).toHaveLength(3);
		expect(s.rounds.every((r) => r.length === 2)).toBe(true);
		// C(4,2) = 6 distinct pairs over 3 × 2 = 6 matches.
		expect(new Set(s.rounds.flat().map(pairKey)).size).toBe(6);
	});

	it('[R2] round robin with 5 teams: 5 rounds, each team sits out exactly once', () => {
		const s = roundRobin(teams(5));
		// Padded to 6: 5 rounds of 3 boards, one board a bye each round → 2 matches a round.
		expect(s.rounds).toHaveLength(5);
		expect(s.rounds.every((r) => r.length === 2)).toBe(true);
		const byes = Object.values(s.byes).flat().sort();
		expect(byes).toEqual(['A', 'B', 'C', 'D', 'E']);
		// C(5,2) = 10 distinct pairs = 5 rounds × 2 matches.
		expect(new Set(s.rounds.flat().map(pairKey)).size).toBe(10);
	});

	it('[R3] each team plays both sides once, never against the same opponent twice (even counts 4–12)', () => {
		for (const n of [4, 6, 8, 10, 12]) {
			const s = eachTeamBothSides(teams(n));
			expect(s.rounds).toHaveLength(2);
			const all = s.rounds.flat();
			expect(all).toHaveLength(n); // n/2 matches in each of 2 rounds
			for (const t of teams(n)) {
				expect(
					all.filter((p) => p.labour === t),
					`${t} labour in ${n}`
				).toHaveLength(1);
				expect(
					all.filter((p) => p.management === t),
					`${t} management in ${n}`
				).toHaveLength(1);
			}
			expect(new Set(all.map(pairKey)).size).toBe(n);
			for (const round of s.rounds) {
				const seen = round.flatMap((p) => [p.labour, p.management]);
				expect(new Set(seen).size).toBe(seen.length);
			}
		}
	});

	it('[R3] with an odd count nobody plays the same side twice and one team sits out each round', () => {
		for (const n of [5, 7, 9]) {
			const s = eachTeamBothSides(teams(n));
			const all = s.rounds.flat();
			for (const t of teams(n)) {
				expect(all.filter((p) => p.labour === t).length, `${t} labour in ${n}`).toBeLessThanOrEqual(
					1
				);
				expect(
					all.filter((p) => p.management === t).length,
					`${t} management in ${n}`
				).toBeLessThanOrEqual(1);
			}
			expect(Object.values(s.byes).flat()).toHaveLength(2);
			expect(new Set(all.map(pairKey)).size).toBe(all.length);
		}
	});

	it('[R4] two teams meet twice, swapping sides', () => {
		const s = eachTeamBothSides(['甲', '乙']);
		expect(s.rounds.flat()).toEqual([
			{ round: 1, labour: '甲', management: '乙' },
			{ round: 2, labour: '乙', management: '甲' }
		]);
	});
});

/**
 * Negotiation analytics on additive points tables: what each side got, what was possible, and how
 * much both sides left on the table. Judges use it to score the outcome (S22) and trainers to
 * debrief a match ("you could both have had 30 more points by trading 年休假 for 加班费").
 *
 * The Pareto frontier is built term by term (S21): the frontier of a sum of independent terms is
 * the pruned Minkowski sum of the per-term frontiers, so 12 terms × 10 options never enumerate the
 * 10¹² packages.
 *
 * Example: `const f = paretoFrontier(agenda); nashPoint(f, { labour: 40, management: 35 })`.
 */
import type { Agenda, AgendaTerm, OptionValue, Package, Reservation } from './points.ts';

export interface PackagePoints {
	labour: number;
	management: number;
	joint: number;
	/** Term ids with no (or no valid) choice; they contribute 0 points. */
	problems: { termId: string; message: string }[];
}

export interface FrontierPoint {
	labour: number;
	management: number;
	joint: number;
	/** One package that achieves the point: option value per term id. */
	package: Package;
	/** The same package as option indices in agenda order. */
	optionIndices: number[];
}

// Sums of decimal points (0.1 + 0.2) must compare equal to the same total reached another way, or
// near-duplicates survive pruning; 1e-9 is far below any points table's resolution.
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;
const EPS = 1e-9;

/** Index of the chosen option: exact match first, then by text (YAML may give "3" for 3). */
export function optionIndex(term: AgendaTerm, value: OptionValue): number {
	const exact = term.options.findIndex((o) => o.value === value);
	if (exact >= 0) return exact;
	return term.options.findIndex((o) => String(o.value) === String(value));
}

/** Each side's points for a package (S20): the sum of the chosen options' points. */
export function packagePoints(agenda: Agenda, pkg: Package): PackagePoints {
	let labour = 0;
	let management = 0;
	const problems: PackagePoints['problems'] = [];
	for (const term of agenda.terms) {
		const v = pkg[term.id];
		if (v === undefined) {
			problems.push({ termId: term.id, message: `no option chosen for term "${term.id}"` });
			continue;
		}
		const i = optionIndex(term, v);
		const o = term.options[i];
		if (!o) {
			problems.push({
				termId: term.id,
				message: `"${String(v)}" is not an option of term "${term.id}"`
			});
			continue;
		}
		labour += o.labour;
		management += o.management;
	}
	for (const id of Object.keys(pkg)) {
		if (!agenda.terms.some((t) => t.id === id))
			problems.push({ termId: id, message: `"${id}" is not a term of the agenda` });
	}
	labour = tidy(labour);
	management = tidy(management);
	return { labour, management, joint: tidy(labour + management), problems };
}

interface Node {
	l: number;
	m: number;
	opt: number;
	prev: Node | null;
}

/**
 * Keep only points no other point dominates (S21), one per distinct point: sort by labour
 * descending then management descending, and keep a point only when its management beats every
 * point with at least its labour. The sort is stable, so the first-built package of equal points
 * survives and results are deterministic.
 */
function prune(nodes: Node[]): Node[] {
	nodes.sort((a, b) => b.l - a.l || b.m - a.m);
	const out: Node[] = [];
	let bestM = -Infinity;
	for (const n of nodes) {
		if (n.m > bestM + EPS) {
			out.push(n);
			bestM = n.m;
		}
	}
	return out;
}

function toFrontier(agenda: Agenda, nodes: Node[]): FrontierPoint[] {
	const k = agenda.terms.length;
	return nodes
		.map((n) => {
			const idx = new Array<number>(k).fill(0);
			let cur: Node | null = n;
			for (let t = k - 1; t >= 0 && cur; t--) {
				idx[t] = cur.opt;
				cur = cur.prev;
			}
			const pkg: Package = {};
			agenda.terms.forEach((term, t) => {
				const o = term.options[idx[t] as number];
				if (o) pkg[term.id] = o.value;
			});
			return {
				labour: n.l,
				management: n.m,
				joint: tidy(n.l + n.m),
				package: pkg,
				optionIndices: idx
			};
		})
		.sort((a, b) => a.labour - b.labour || b.management - a.management);
}

/**
 * The exact Pareto frontier of the agenda (S21), sorted by labour points ascending (so management
 * points descending). Built by merging each term's own frontier into the running one and pruning
 * after every merge; the running frontier holds at most one point per distinct labour total, so
 * the cost grows with the number of distinct totals, not with the number of packages.
 * An agenda with no terms has one point: (0, 0) with the empty package.
 */
export function paretoFrontier(agenda: Agenda): FrontierPoint[] {
	let front: Node[] = [{ l: 0, m: 0, opt: -1, prev: null }];
	for (const term of agenda.terms) {
		const opts = prune(
			term.options.map((o, i) => ({ l: o.labour, m: o.management, opt: i, prev: null }))
		);
		const next: Node[] = [];
		for (const n of front)
			for (const o of opts)
				next.push({ l: tidy(n.l + o.l), m: tidy(n.m + o.m), opt: o.opt, prev: n });
		front = prune(next);
	}
	return toFrontier(agenda, front);
}

/** Every package of the agenda, lazily (for tests and tiny agendas only: the count is Π options). */
export function* allPackages(agenda: Agenda): Generator<number[]> {
	const k = agenda.terms.length;
	const idx = new Array<number>(k).fill(0);
	if (agenda.terms.some((t) => t.options.length === 0)) return;
	for (;;) {
		yield [...idx];
		let t = k - 1;
		while (t >= 0) {
			const n = agenda.terms[t]?.options.length ?? 0;
			if ((idx[t] as number) + 1 < n) {
				idx[t] = (idx[t] as number) + 1;
				break;
			}
			idx[t] = 0;
			t--;
		}
		if (t < 0) return;
	}
}

/** The frontier by enumerating every package: the reference the fast one is tested against. */
export function bruteForceFrontier(agenda: Agenda): FrontierPoint[] {
	const nodes: Node[] = [];
	for (const idx of allPackages(agenda)) {
		let prev: Node | null = null;
		let l = 0;
		let m = 0;
		idx.forEach((i, t) => {
			const o = agenda.terms[t]?.options[i];
			l = tidy(l + (o?.labour ?? 0));
			m = tidy(m + (o?.management ?? 0));
			prev = { l, m, opt: i, prev };
		});
		nodes.push(prev ?? { l: 0, m: 0, opt: -1, prev: null });
	}
	return toFrontier(agenda, prune(nodes));
}

export interface BargainingSolution {
	point: FrontierPoint;
	labourGain: number;
	managementGain: number;
	/** Nash: the product of gains; Kalai–Smorodinsky: the smaller share of the ideal gain. */
	value: number;
}

function feasible(frontier: FrontierPoint[], r: Reservation) {
	return frontier
		.map((p) => ({ p, gl: tidy(p.labour - r.labour), gm: tidy(p.management - r.management) }))
		.filter((x) => x.gl >= -EPS && x.gm >= -EPS);
}

/**
 * The Nash bargaining point (S23): the package maximising (labour − r_labour) × (management −
 * r_management) among packages where both gains are ≥ 0. The maximum is always on the frontier
 * (raising either side's points never lowers a product of non-negative gains), so only frontier
 * points are searched. Ties: larger joint points, then smaller gap between the gains, then lower
 * labour points. `null` when no package gives both sides their reservation value (no ZOPA).
 */
export function nashPoint(
	frontier: FrontierPoint[],
	reservation: Reservation
): BargainingSolution | null {
	let best: BargainingSolution | null = null;
	for (const { p, gl, gm } of feasible(frontier, reservation)) {
		const value = tidy(Math.max(0, gl) * Math.max(0, gm));
		const cand = { point: p, labourGain: gl, managementGain: gm, value };
		if (!best || better(cand, best)) best = cand;
	}
	return best;
}

function better(a: BargainingSolution, b: BargainingSolution): boolean {
	if (a.value !== b.value) return a.value > b.value;
	if (a.point.joint !== b.point.joint) return a.point.joint > b.point.joint;
	const ga = Math.abs(a.labourGain - a.managementGain);
	const gb = Math.abs(b.labourGain - b.managementGain);
	if (ga !== gb) return ga < gb;
	return false;
}

/**
 * The Kalai–Smorodinsky point (S24; the proportional solution, not Kalai's egalitarian one): the
 * feasible package maximising min(gain_labour / ideal_labour, gain_management / ideal_management),
 * where each ideal is the largest gain that side reaches in any feasible package. Same tie rules
 * and the same `null` as `nashPoint`.
 */
export function kalaiSmorodinskyPoint(
	frontier: FrontierPoint[],
	reservation: Reservation
): BargainingSolution | null {
	const f = feasible(frontier, reservation);
	if (f.length === 0) return null;
	const idealL = Math.max(...f.map((x) => x.gl));
	const idealM = Math.max(...f.map((x) => x.gm));
	let best: BargainingSolution | null = null;
	for (const { p, gl, gm } of f) {
		const sl = idealL > EPS ? gl / idealL : 1;
		const sm = idealM > EPS ? gm / idealM : 1;
		const cand = { point: p, labourGain: gl, managementGain: gm, value: tidy(Math.min(sl, sm)) };
		if (!best || better(cand, best)) best = cand;
	}
	return best;
}

export interface AgreementAnalysis {
	labour: number;
	management: number;
	joint: number;
	/** Most points each side could get from any package. */
	bestLabour: number;
	bestManagement: number;
	/** points / best for that side (S22); null when that side's best is ≤ 0. */
	labourShare: number | null;
	managementShare: number | null;
	/** Most joint points any package gives. */
	maxJoint: number;
	/** joint / maxJoint; null when maxJoint ≤ 0. */
	efficiency: number | null;
	isOnFrontier: boolean;
	/**
	 * Largest joint gain from a frontier package at least as good for both sides (S24a); 0 when the
	 * agreement is on the frontier.
	 */
	valueLeftOnTable: number;
	/** The frontier package that realises `valueLeftOnTable` (the agreement's own point if 0). */
	improvement: FrontierPoint | null;
	problems: PackagePoints['problems'];
}

/** S22 and S24a for a point in the points plane: an agreement's, or what no agreement leaves (S27). */
export type PointAnalysis = Omit<AgreementAnalysis, 'problems'>;

/**
 * S22 and S24a for any pair of points, not only a package's: without an agreement the outcome is a
 * pair no single package need produce. Pass `frontier` to reuse one.
 */
export function analyzePoint(
	agenda: Agenda,
	point: { labour: number; management: number },
	frontier = paretoFrontier(agenda)
): PointAnalysis {
	const labour = tidy(point.labour);
	const management = tidy(point.management);
	const joint = tidy(labour + management);
	let bestLabour = 0;
	let bestManagement = 0;
	for (const t of agenda.terms) {
		bestLabour += Math.max(...t.options.map((o) => o.labour));
		bestManagement += Math.max(...t.options.map((o) => o.management));
	}
	bestLabour = tidy(bestLabour);
	bestManagement = tidy(bestManagement);
	const maxJoint = frontier.reduce((m, p) => Math.max(m, p.joint), -Infinity);
	let improvement: FrontierPoint | null = null;
	let left = -Infinity;
	for (const p of frontier) {
		if (p.labour >= labour - EPS && p.management >= management - EPS) {
			const d = tidy(p.joint - joint);
			if (d > left) {
				left = d;
				improvement = p;
			}
		}
	}
	return {
		labour,
		management,
		joint,
		bestLabour,
		bestManagement,
		labourShare: bestLabour > 0 ? labour / bestLabour : null,
		managementShare: bestManagement > 0 ? management / bestManagement : null,
		maxJoint,
		efficiency: maxJoint > 0 ? joint / maxJoint : null,
		isOnFrontier: frontier.some(
			(p) => Math.abs(p.labour - labour) < EPS && Math.abs(p.management - management) < EPS
		),
		valueLeftOnTable: improvement ? Math.max(0, left) : 0,
		improvement
	};
}

/** Analyse a signed package against the agenda (S22, S24a). Pass `frontier` to reuse one. */
export function analyzeAgreement(
	agenda: Agenda,
	agreement: Package,
	frontier = paretoFrontier(agenda)
): AgreementAnalysis {
	const a = packagePoints(agenda, agreement);
	return { ...analyzePoint(agenda, a, frontier), problems: a.problems };
}

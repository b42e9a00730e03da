/**
 * The second opinion: every theorem of a proof graph is turned into first-order problems
 * (obligations.ts) and an outside solver (z3, or E) decides each one. A theorem is
 *
 * - `confirmed` when every obligation is unsat (it follows from the axioms its proof cites
 *   and the theorems it cites, which come before it, by the method's schema);
 * - `refuted` when some obligation is sat: the solver found a model of the assumptions where
 *   the goal fails, so the statement (or, for an induction, that obligation) does not follow;
 * - `unknown` otherwise: a timeout, the solver giving up on the quantifiers, or a graph the
 *   encoding does not cover; the reason is kept.
 *
 * Theorems are decided in file order, one problem at a time, so the report is the same for
 * the same graph (times aside).
 */
import type { ProofGraph } from "../export/schema.js";
import {
  type EncodingName,
  graphContext,
  type Obligation,
  type ObligationName,
  shapeOf,
  theoremProblems,
} from "./obligations.js";
import { readableOf } from "./text.js";

/** `unsat`: the obligation holds; `sat`: a counter-model; `unknown`: undecided. */
export type SolverAnswer = "unsat" | "sat" | "unknown";

export interface SolverResult {
  readonly answer: SolverAnswer;
  /** The solver's reason for `unknown` (e.g. `timeout`, `incomplete quantifiers`), or its error. */
  readonly reason: string | null;
  readonly ms: number;
}

export type Verdict = "confirmed" | "unknown" | "refuted";

export interface ObligationResult {
  readonly name: ObligationName;
  /** `skipped`: not decided, because an earlier obligation of the theorem was not unsat. */
  readonly answer: SolverAnswer | "skipped";
  readonly reason: string | null;
  readonly ms: number;
}

export interface TheoremResult {
  readonly id: string;
  readonly name: string | null;
  readonly readable: string;
  readonly method: string;
  /** The proof's shape (obligations.ts `shapeOf`): `induction, negated head`, `case split`, … */
  readonly shape: string;
  readonly verdict: Verdict;
  /** Why it is not confirmed: `step: timeout`, or the encoding's reason. */
  readonly reason: string | null;
  readonly ms: number;
  readonly obligations: readonly ObligationResult[];
  /**
   * Earlier theorems the proof cites, directly or through the theorems it cites, that were not
   * confirmed in this run: a confirmation assumes their statements (sorted ids).
   */
  readonly assumes: readonly string[];
}

export interface CrosscheckReport {
  /** The solver's name and version, e.g. `Z3 4.15.8.0`. */
  readonly solver: string;
  /** Its short name: `z3`, `E`. */
  readonly solverName: string;
  readonly timeoutMs: number;
  readonly axioms: "cited" | "all";
  readonly encoding: EncodingName;
  /** The relations read as functions (`in3.+ as fn.+`); empty under the relational encoding. */
  readonly functions: readonly string[];
  /** Whether the SMT-LIB problems carried the proof's terms as hints (obligations.ts). */
  readonly hints: boolean;
  readonly theorems: readonly TheoremResult[];
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly problems: number;
  readonly ms: number;
  /** CPU time of the whole process during the run (z3's threads included). */
  readonly cpuMs: number;
}

/** What decides a problem (z3 or E in the command; anything with the same answers in tests). */
export interface ProblemSolver {
  /** Short name for messages: `z3`, `E`. */
  readonly name: string;
  readonly version: string;
  /** Decides one obligation (from its SMT-LIB or its TPTP text). */
  check(obligation: Obligation, timeoutMs: number): Promise<SolverResult>;
}

export interface CrosscheckOptions {
  readonly timeoutMs: number;
  readonly allAxioms?: boolean;
  /** Default `functional`. */
  readonly encoding?: EncodingName;
  /** Keep the carrier guards even where they could be dropped (relativise.ts). */
  readonly keepGuards?: boolean;
  /** The terms of the proof's facts as hints for z3 (default true; they change no answer). */
  readonly hints?: boolean;
  /**
   * Decide every obligation even after one is not unsat (the theorem can then no longer be
   * confirmed); by default the rest are skipped and listed as such.
   */
  readonly allObligations?: boolean;
  /** Only these theorem ids (all when absent). */
  readonly only?: ReadonlySet<string>;
  /** Called with each problem before it is decided (the SMT-LIB and TPTP exports). */
  readonly onProblem?: (o: Obligation) => void;
  /** Called after each theorem. */
  readonly onTheorem?: (done: number, total: number, result: TheoremResult) => void;
}

function verdictOf(
  results: readonly ObligationResult[],
  solver: string,
): { verdict: Verdict; reason: string | null } {
  const sat = results.filter((r) => r.answer === "sat");
  if (sat.length > 0)
    return {
      verdict: "refuted",
      reason: `${sat.map((r) => r.name).join(", ")}: ${solver} found a counter-model`,
    };
  const open = results.filter((r) => r.answer === "unknown");
  if (open.length === 0 && results.every((r) => r.answer === "unsat"))
    return { verdict: "confirmed", reason: null };
  return { verdict: "unknown", reason: open.map((r) => `${r.name}: ${r.reason ?? "unknown"}`).join("; ") };
}

export async function crosscheckGraph(
  graph: ProofGraph,
  solver: ProblemSolver,
  options: CrosscheckOptions,
): Promise<CrosscheckReport> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const ctx = graphContext(graph, {
    allAxioms: options.allAxioms === true,
    encoding: options.encoding ?? "functional",
    keepGuards: options.keepGuards === true,
    hints: options.hints !== false,
  });
  const selected = graph.theorems.filter((t) => !options.only || options.only.has(t.id));
  const theorems: TheoremResult[] = [];
  // Theorem id → the unconfirmed theorems its verdict rests on; absent: not confirmed here.
  const confirmedGiven = new Map<string, ReadonlySet<string>>();
  const counts: Record<Verdict, number> = { confirmed: 0, unknown: 0, refuted: 0 };
  let problems = 0;
  for (const t of selected) {
    const began = performance.now();
    const encoded = theoremProblems(ctx, t);
    const obligations: ObligationResult[] = [];
    let verdict: { verdict: Verdict; reason: string | null };
    if ("error" in encoded) verdict = { verdict: "unknown", reason: `not encoded: ${encoded.error}` };
    else {
      let open = false;
      for (const o of encoded.obligations) {
        options.onProblem?.(o);
        if (open && options.allObligations !== true) {
          obligations.push({ name: o.name, answer: "skipped", reason: null, ms: 0 });
          continue;
        }
        const r = await solver.check(o, options.timeoutMs);
        problems++;
        open ||= r.answer !== "unsat";
        obligations.push({ name: o.name, answer: r.answer, reason: r.reason, ms: r.ms });
      }
      verdict = verdictOf(obligations, solver.name);
    }
    counts[verdict.verdict]++;
    const assumes = new Set<string>();
    for (const u of t.uses) {
      const given = confirmedGiven.get(u);
      if (given) for (const x of given) assumes.add(x);
      else assumes.add(u);
    }
    if (verdict.verdict === "confirmed") confirmedGiven.set(t.id, assumes);
    const result: TheoremResult = {
      id: t.id,
      name: t.name,
      readable: t.readable.trim() === "" ? readableOf(t) : t.readable,
      method: t.method,
      shape: shapeOf(t),
      ...verdict,
      ms: performance.now() - began,
      obligations,
      assumes: verdict.verdict === "confirmed" ? [...assumes].sort() : [],
    };
    theorems.push(result);
    options.onTheorem?.(theorems.length, selected.length, result);
  }
  return {
    solver: solver.version,
    solverName: solver.name,
    timeoutMs: options.timeoutMs,
    axioms: options.allAxioms === true ? "all" : "cited",
    encoding: ctx.encoding,
    functions: [...ctx.signature.values()].map((r) => `${r.relation} as ${r.fn}`),
    hints: ctx.hints && ctx.encoding === "functional",
    theorems,
    counts,
    problems,
    ms: performance.now() - started,
    cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu)),
  };
}

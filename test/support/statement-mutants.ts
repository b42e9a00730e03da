/**
 * False statements made from the real theorems of a graph the engine proved (peano-quick, or
 * another example, with one worker), for the crosscheck's soundness tests. Three kinds of
 * change to one atom of a statement: two element arguments of the head or a premise swapped,
 * the other operation (+ for ·, · for +), or the head negated (or its negation dropped). The
 * steps that state the old atom state the new one, and an induction's hypothesis is computed
 * again from the new statement, so the graph still looks like a proof of it and the solver has
 * to find the flaw in the mathematics, not in the bookkeeping.
 *
 * Only mutants that a brute-force judge finds false in a model of the theory are kept (ℕ for
 * Peano, S3 for the groups: statement-judge.ts); the model satisfies the axioms and every
 * cited (unmutated) theorem, so confirming one would be a bug in the encoding. Statements the
 * judge cannot evaluate (a definition's predicate) make no mutants.
 */
import { runProver } from "../../cli/run-engine.js";
import type { AtomJson, ProofGraph, StatementJson, TheoremJson } from "../../export/schema.js";
import { loadPaths } from "../../mpl/index.js";
import { judgeStatement, type StatementVerdict } from "./statement-judge.js";

/** The graph `gl prove <dir>` writes, with one worker. */
export async function proveExample(dir: string): Promise<ProofGraph> {
  const { theory } = loadPaths([dir]);
  if (!theory) throw new Error(`${dir} does not compile`);
  const options = { workers: 1, settings: {}, phase: "test", quiet: true };
  return (await runProver(theory, theory.conjectures, options)).graph;
}

export const provePeanoQuick = (): Promise<ProofGraph> => proveExample("examples/peano-quick");

export type Judge = (graph: ProofGraph, s: StatementJson) => StatementVerdict;

/** ℕ, the variables over 0..4. */
export const onNaturals: Judge = (graph, s) => judgeStatement(graph, s, 4);

export interface Mutant {
  readonly description: string;
  readonly graph: ProofGraph;
  readonly theorem: string;
}

const show = (a: AtomJson) => `${a.neg ? "!" : ""}${a.pred}[${a.args.join(",")}]`;

/** The induction hypothesis of `t`'s statement, as the verifier recomputes it. */
function recomputeHypothesis(t: TheoremJson): void {
  const ind = t.induction;
  if (!ind) return;
  const atP = (a: AtomJson): AtomJson => ({
    ...a,
    args: a.args.map((x) => (x === ind.var ? ind.predecessor : x)),
  });
  ind.hypothesis = {
    vars: t.statement.vars.filter((v) => v !== ind.var && !ind.fixed.includes(v)),
    premises: t.statement.premises.map(atP),
    head: atP(t.statement.head),
  };
}

/**
 * The changes of one atom: swaps of two different element arguments, the other operation, and
 * for the head its negation flipped.
 */
function changes(a: AtomJson, negate: boolean): { what: string; next: AtomJson }[] {
  const out: { what: string; next: AtomJson }[] = [];
  if (negate) {
    const { neg: _, ...positive } = a;
    out.push({ what: "negation", next: a.neg === true ? positive : { ...a, neg: true } });
  }
  const elements = a.pred === "=" ? 2 : a.args.length - 1;
  for (let i = 0; i < elements; i++)
    for (let j = i + 1; j < elements; j++) {
      if (a.args[i] === a.args[j]) continue;
      const args = [...a.args];
      [args[i], args[j]] = [args[j]!, args[i]!];
      out.push({ what: "swap", next: { ...a, args } });
    }
  const other: Record<string, string> = { "+": "*", "*": "+" };
  const owner = a.args[a.args.length - 1]!;
  if (a.pred === "in3" && other[owner])
    out.push({ what: "operation", next: { ...a, args: [...a.args.slice(0, -1), other[owner]!] } });
  return out;
}

/** Every change of one atom of the statement of theorem `index`. */
function mutantsOf(graph: ProofGraph, index: number, negations: boolean): Mutant[] {
  const t = graph.theorems[index]!;
  const atoms: { where: "head" | number; atom: AtomJson }[] = [
    { where: "head", atom: t.statement.head },
    ...t.statement.premises.map((atom, i) => ({ where: i, atom })),
  ];
  const out: Mutant[] = [];
  for (const { where, atom } of atoms)
    for (const { what, next } of changes(atom, negations && where === "head")) {
      const g = structuredClone(graph);
      const m: TheoremJson = g.theorems[index]!;
      if (where === "head") m.statement.head = next;
      else m.statement.premises[where] = next;
      for (const step of m.steps) if (show(step.fact) === show(atom)) step.fact = { ...next };
      recomputeHypothesis(m);
      out.push({
        description: `${t.id} ${where === "head" ? "head" : `premise ${where + 1}`} ${what} ${show(atom)} → ${show(next)}`,
        graph: g,
        theorem: t.id,
      });
    }
  return out;
}

export interface MutantSet {
  /** Every mutant made. */
  readonly candidates: readonly Mutant[];
  /** Those the judge finds false on 0..4. */
  readonly falseOnes: readonly Mutant[];
}

export interface MutantOptions {
  /** The model that says which mutants are false (default ℕ). */
  readonly judge?: Judge;
  /** Also flip the negation of each head (default false). */
  readonly negations?: boolean;
}

export function statementMutants(graph: ProofGraph, options: MutantOptions = {}): MutantSet {
  const judge = options.judge ?? onNaturals;
  const judged = (s: StatementJson) => {
    try {
      return judge(graph, s).holds;
    } catch {
      return null;
    }
  };
  const candidates = graph.theorems.flatMap((t, i) =>
    judged(t.statement) === null ? [] : mutantsOf(graph, i, options.negations === true),
  );
  const falseOnes = candidates.filter((m) => {
    const t = m.graph.theorems.find((x) => x.id === m.theorem)!;
    return judged(t.statement) === false;
  });
  return { candidates, falseOnes };
}

/** `n` of the mutants, evenly spaced, so that every theorem is represented. */
export function evenly<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, k) => xs[Math.floor((k * xs.length) / n)]!);
}

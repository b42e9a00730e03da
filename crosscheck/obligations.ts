/**
 * A theorem's proof obligations as first-order problems in SMT-LIB 2. Each problem asserts the
 * graph's axioms, the statements of the theorems the proof cites, the obligation's assumptions
 * and the negation of its goal; the obligation holds exactly when the problem is unsat.
 *
 * - direct, contradiction: `main`: axioms ∧ cited ∧ premises ⊢ head (for a contradiction proof
 *   the head is negated, so the problem assumes the atom, as the proof does).
 * - induction on v with predecessor p (roles carrier N, zero 0, successor s):
 *   - `carrier`: axioms ∧ cited ∧ premises ⊢ in[v,N];
 *   - `base`: axioms ∧ cited ∧ premises[v:=0] ⊢ head[v:=0];
 *   - `step`: axioms ∧ cited ∧ premises ∧ s(p) = v ∧ the hypothesis as the graph states it ⊢ head;
 *   - `hypothesis`: the induction formula at p (∀ all but v and the fixed variables:
 *     premises[v:=p] → head[v:=p]) ⊢ the graph's hypothesis, so a graph cannot assume more
 *     than the induction principle gives.
 *   Together, and with the induction principle of the anchor's roles, they give the statement.
 *
 * A theorem may cite only theorems before it in the graph, so citations cannot form a cycle.
 * Statement variables are constants of the same name (fresh, arbitrary elements).
 */
import type { AtomJson, EntityJson, ProofGraph, StatementJson, TheoremJson } from "../export/schema.js";
import { conjunction, EncodingError, exists, Vocabulary } from "./smtlib.js";

export type ObligationName = "main" | "carrier" | "base" | "step" | "hypothesis";

export interface Obligation {
  /** The theorem's id. */
  readonly theorem: string;
  readonly name: ObligationName;
  /** The complete SMT-LIB 2 problem, ending in `(check-sat)`; unsat means the obligation holds. */
  readonly smt2: string;
}

/** A theorem's obligations, or why it cannot be encoded (an unknown, never a confirmation). */
export type TheoremProblems =
  | { readonly theorem: TheoremJson; readonly obligations: readonly Obligation[] }
  | { readonly theorem: TheoremJson; readonly error: string };

/** What every problem of a graph shares. */
export interface GraphContext {
  readonly graph: ProofGraph;
  readonly constants: ReadonlySet<string>;
  readonly roles: { readonly carrier?: string; readonly zero?: string; readonly successor?: string };
  /** Theorem id → position in the graph. */
  readonly positions: ReadonlyMap<string, number>;
  /** Every axiom in every problem, instead of those the theorem's proof cites. */
  readonly allAxioms: boolean;
}

export function graphContext(graph: ProofGraph, allAxioms = false): GraphContext {
  const roles: { carrier?: string; zero?: string; successor?: string } = {};
  for (const c of graph.theory.constants) if (c.role) roles[c.role] = c.name;
  const positions = new Map<string, number>();
  for (const [i, t] of graph.theorems.entries()) if (!positions.has(t.id)) positions.set(t.id, i);
  const constants = new Set(graph.theory.constants.map((c) => c.name));
  return { graph, constants, roles, positions, allAxioms };
}

function substitute(a: AtomJson, from: string, to: string): AtomJson {
  return { ...a, args: a.args.map((x) => (x === from ? to : x)) };
}

/**
 * The trigger weight of an `exists` axiom. Totality axioms (every x in N has a successor,
 * every pair a sum) give the solver an endless supply of new elements; weighting them makes
 * each witness cost more than a rule instance, so proofs needing few witnesses are found
 * first (tuned on the Peano graphs: 0 loses most proofs to the witness explosion, 30 starves
 * the witnesses they need).
 */
const WITNESS_WEIGHT = 10;

function entityFormula(e: EntityJson, v: Vocabulary): string {
  const bound = new Set(e.vars);
  if (e.kind === "exists") {
    const witnesses = e.witnesses ?? [];
    const body = conjunction((e.body ?? []).map((a) => v.atom(a, bound)));
    const universal = e.vars.filter((x) => !witnesses.includes(x));
    return v.implication(universal, e.premises, exists(witnesses, body), new Set(witnesses), WITNESS_WEIGHT);
  }
  if (!e.head) throw new EncodingError(`axiom ${e.id} has no head`);
  return v.implication(e.vars, e.premises, v.atom(e.head, bound));
}

/** One problem under construction: commented assertions, declarations added at the end. */
class Problem {
  readonly vocabulary: Vocabulary;
  private readonly lines: string[] = [];

  constructor(
    ctx: GraphContext,
    private readonly theorem: TheoremJson,
    private readonly name: ObligationName,
    withTheory = true,
  ) {
    this.vocabulary = new Vocabulary(ctx.constants);
    if (!withTheory) return;
    const only = ctx.allAxioms ? null : new Set(theorem.axioms);
    for (const e of ctx.graph.axioms)
      if (!only || only.has(e.id))
        this.assert(`axiom ${e.id} (${e.origin.via})`, entityFormula(e, this.vocabulary));
    for (const id of theorem.uses) {
      const at = ctx.positions.get(id);
      const own = ctx.positions.get(theorem.id);
      // A theorem of an earlier batch (checked against that batch by the verifier): assumed.
      const imported = ctx.graph.batch?.imports.find((i) => i.id === id);
      if (at === undefined && imported !== undefined) {
        this.assert(
          `imported theorem ${id}: ${oneLine(imported.readable)}`,
          this.vocabulary.statement(imported.statement),
        );
        continue;
      }
      if (at === undefined) throw new EncodingError(`cites unknown theorem ${id}`);
      if (own === undefined || at >= own)
        throw new EncodingError(`cites ${id}, which does not come before it`);
      const cited = ctx.graph.theorems[at]!;
      this.assert(
        `cited theorem ${id}: ${oneLine(cited.readable)}`,
        this.vocabulary.statement(cited.statement),
      );
    }
  }

  assert(comment: string, formula: string): void {
    this.lines.push(`; ${comment}`, `(assert ${formula})`);
  }

  atom(comment: string, a: AtomJson): void {
    this.assert(comment, this.vocabulary.atom(a, new Set()));
  }

  goal(a: AtomJson): void {
    this.assert(`the goal, negated: ${formatAtom(a)}`, `(not ${this.vocabulary.atom(a, new Set())})`);
  }

  finish(): Obligation {
    const t = this.theorem;
    const header = [
      `; gl crosscheck: theorem ${t.id}${t.name ? ` (${t.name})` : ""}, ${t.method}, obligation ${this.name}`,
      `; statement: ${oneLine(t.readable)}`,
      "; unsat means the obligation holds",
      "(set-logic UF)",
    ];
    const body = [...header, ...this.vocabulary.declarations(), ...this.lines, "(check-sat)"];
    return { theorem: t.id, name: this.name, smt2: `${body.join("\n")}\n` };
  }
}

const oneLine = (s: string) => s.replace(/\s+/g, " ");
const formatAtom = (a: AtomJson) => `${a.neg ? "!" : ""}${a.pred}[${a.args.join(",")}]`;

function premises(p: Problem, atoms: readonly AtomJson[]): void {
  for (const [i, a] of atoms.entries()) p.atom(`premise ${i + 1}: ${formatAtom(a)}`, a);
}

function direct(ctx: GraphContext, t: TheoremJson): Obligation[] {
  const p = new Problem(ctx, t, "main");
  premises(p, t.statement.premises);
  p.goal(t.statement.head);
  return [p.finish()];
}

function induction(ctx: GraphContext, t: TheoremJson): Obligation[] {
  const ind = t.induction;
  if (!ind) throw new EncodingError("an induction proof without its induction");
  const { carrier, zero, successor } = ctx.roles;
  if (!carrier || !zero || !successor)
    throw new EncodingError("the anchor lacks a carrier, zero or successor role, so there is no induction");
  const s = t.statement;
  if (!s.vars.includes(ind.var))
    throw new EncodingError(`induction variable ${ind.var} is not a statement variable`);
  if (s.vars.includes(ind.predecessor) || ctx.constants.has(ind.predecessor))
    throw new EncodingError(`predecessor ${ind.predecessor} is not fresh`);

  const carrierProblem = new Problem(ctx, t, "carrier");
  premises(carrierProblem, s.premises);
  carrierProblem.goal({ pred: "in", args: [ind.var, carrier] });

  const base = new Problem(ctx, t, "base");
  premises(
    base,
    s.premises.map((a) => substitute(a, ind.var, zero)),
  );
  base.goal(substitute(s.head, ind.var, zero));

  const step = new Problem(ctx, t, "step");
  premises(step, s.premises);
  step.atom(`successor: ${successor}(${ind.predecessor}) = ${ind.var}`, {
    pred: "in2",
    args: [ind.predecessor, ind.var, successor],
  });
  step.assert("the induction hypothesis as the graph states it", step.vocabulary.statement(ind.hypothesis));
  step.goal(s.head);

  // Pure logic: the axioms and cited theorems play no part in it.
  const hypothesis = new Problem(ctx, t, "hypothesis", false);
  const atP = (a: AtomJson) => substitute(a, ind.var, ind.predecessor);
  const formula: StatementJson = {
    vars: s.vars.filter((x) => x !== ind.var && !ind.fixed.includes(x)),
    premises: s.premises.map(atP),
    head: atP(s.head),
  };
  hypothesis.assert("the induction formula at the predecessor", hypothesis.vocabulary.statement(formula));
  hypothesis.assert(
    "the graph's induction hypothesis, negated",
    `(not ${hypothesis.vocabulary.statement(ind.hypothesis)})`,
  );
  // The step, usually the hardest, last: a run that stops at the first open obligation
  // then loses nothing in the common case.
  return [carrierProblem, base, hypothesis, step].map((p) => p.finish());
}

/** The obligations of one theorem; encoding problems are returned, not thrown. */
export function theoremProblems(ctx: GraphContext, t: TheoremJson): TheoremProblems {
  try {
    const obligations = t.method === "induction" ? induction(ctx, t) : direct(ctx, t);
    return { theorem: t, obligations };
  } catch (e) {
    if (e instanceof EncodingError) return { theorem: t, error: e.message };
    throw e;
  }
}

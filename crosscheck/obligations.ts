/**
 * A theorem's proof obligations as first-order problems. Each problem assumes the graph's
 * axioms (those the proof cites, or all), the statements of the theorems the proof cites, the
 * obligation's own assumptions, and has the obligation's goal; the obligation holds exactly
 * when the goal follows (SMT-LIB: unsat; TPTP: Theorem).
 *
 * Each proof method has a schema (SCHEMAS below), so that a new method is one small function:
 *
 * - direct, contradiction: `main`: premises ⊢ head (for a contradiction proof the head is
 *   negated, so the problem assumes the atom, as the proof does).
 * - induction on v with predecessor p (roles carrier N, zero 0, successor s):
 *   - `carrier`: premises ⊢ in[v,N];
 *   - `base`: premises[v:=0] ⊢ head[v:=0];
 *   - `hypothesis`: the induction formula at p (∀ all but v and the fixed variables:
 *     premises[v:=p] → head[v:=p]) ⊢ the graph's hypothesis, in pure logic (no axioms), so a
 *     graph cannot assume more than the induction principle gives;
 *   - `step`: premises ∧ s(p) = v ∧ the hypothesis as the graph states it ⊢ head.
 *   Together, and with the induction principle of the anchor's roles, they give the statement.
 *
 * A theorem may cite only theorems before it in the graph, so citations cannot form a cycle.
 * Statement variables are constants of the same name (fresh, arbitrary elements).
 *
 * Under the functional encoding (encode.ts) a problem that mentions a function also assumes
 * the axioms that justify its functional reading (functional.ts), whether the proof cites them
 * or not: they are axioms of the theory, and the translation is faithful only with them.
 */
import type {
  AtomJson,
  ProofGraph,
  Section,
  StatementJson,
  StepJson,
  TheoremJson,
} from "../export/schema.js";
import { Encoder, EncodingError } from "./encode.js";
import { app, applications, constant, type Formula, pred, type Term } from "./formula.js";
import { functionalSignature, type Signature } from "./functional.js";
import { HINT, type Problem, ProblemBuilder } from "./problem.js";
import { unrelativise } from "./relativise.js";
import { toSmtlib } from "./smtlib.js";
import {
  type HigherOrderPositions,
  higherOrderPositions,
  patternOf,
  specialisations,
  substituteAtom,
} from "./specialise.js";
import { formatAtom, formatStatement, oneLine, readableOf } from "./text.js";
import { toTptp } from "./tptp.js";

export type ObligationName = "main" | "carrier" | "base" | "step" | "hypothesis";

export interface Obligation {
  /** The theorem's id. */
  readonly theorem: string;
  readonly name: ObligationName;
  readonly problem: Problem;
  /** The complete SMT-LIB 2 problem, ending in `(check-sat)`; unsat means the obligation holds. */
  readonly smt2: string;
  /** The same problem in TPTP FOF; `Theorem` means the obligation holds. */
  readonly tptp: string;
}

/** A theorem's obligations, or why it cannot be encoded (an unknown, never a confirmation). */
export type TheoremProblems =
  | { readonly theorem: TheoremJson; readonly obligations: readonly Obligation[] }
  | { readonly theorem: TheoremJson; readonly error: string };

export type EncodingName = "functional" | "relational";

/** What every problem of a graph shares. */
export interface GraphContext {
  readonly graph: ProofGraph;
  readonly constants: ReadonlySet<string>;
  readonly roles: { readonly carrier?: string; readonly zero?: string; readonly successor?: string };
  /** Theorem id → position in the graph. */
  readonly positions: ReadonlyMap<string, number>;
  /** Every axiom in every problem, instead of those the theorem's proof cites. */
  readonly allAxioms: boolean;
  readonly encoding: EncodingName;
  /** The functional readings in use (empty under the relational encoding). */
  readonly signature: Signature;
  readonly encoder: Encoder;
  /** Keep the carrier guards even where relativise.ts could drop them. */
  readonly keepGuards: boolean;
  /** The relational encoder, for the pure-logic hypothesis obligation. */
  readonly relational: Encoder;
  /** Predicate positions holding sets, functions or operations (specialise.ts). */
  readonly higherOrder: HigherOrderPositions;
  /** Give z3 the terms of the proof's facts as hints (default true; they change no answer). */
  readonly hints: boolean;
}

export interface ContextOptions {
  readonly allAxioms?: boolean;
  /** Default `functional`. */
  readonly encoding?: EncodingName;
  /** Keep the carrier guards even where relativise.ts could drop them (default false). */
  readonly keepGuards?: boolean;
  /** Term hints from the proof's facts (default true). */
  readonly hints?: boolean;
}

export function graphContext(graph: ProofGraph, options: ContextOptions = {}): GraphContext {
  const roles: { carrier?: string; zero?: string; successor?: string } = {};
  for (const c of graph.theory.constants) if (c.role) roles[c.role] = c.name;
  const positions = new Map<string, number>();
  for (const [i, t] of graph.theorems.entries()) if (!positions.has(t.id)) positions.set(t.id, i);
  const constants = new Set(graph.theory.constants.map((c) => c.name));
  const encoding = options.encoding ?? "functional";
  const signature: Signature = encoding === "functional" ? functionalSignature(graph) : new Map();
  const constructors = new Set<string>();
  if (roles.zero) constructors.add(roles.zero);
  const successor = roles.successor && signature.get(`in2.${roles.successor}`);
  if (successor) constructors.add(successor.fn);
  const higherOrder = higherOrderPositions(graph);
  const predicates = new Set(graph.predicates.map((p) => p.name));
  return {
    graph,
    constants,
    roles,
    positions,
    allAxioms: options.allAxioms === true,
    encoding,
    signature,
    encoder: new Encoder(constants, signature, constructors, higherOrder, predicates),
    keepGuards: options.keepGuards === true,
    relational: new Encoder(constants, new Map(), constructors, higherOrder, predicates),
    higherOrder,
    hints: options.hints !== false,
  };
}

function substitute(a: AtomJson, from: string, to: string): AtomJson {
  return { ...a, args: a.args.map((x) => (x === from ? to : x)) };
}

/**
 * The axioms and theorems cited by the steps of the given sections. An obligation assumes
 * only what the part of the proof it stands for cites (a base, for instance, not what the
 * step needs): fewer assumptions make a confirmation no weaker, and keep the solver from
 * instantiating lemmas the obligation does not need.
 */
function citations(graph: ProofGraph, t: TheoremJson, sections: readonly Section[]) {
  const axiomIds = new Set(graph.axioms.map((e) => e.id));
  const axioms = new Set<string>();
  const theorems = new Set<string>();
  for (const s of t.steps) {
    if (!sections.includes(s.section) || s.ref === undefined) continue;
    if (s.kind === "theorem") theorems.add(s.ref);
    // Any other step that names an axiom cites it (whatever kinds of step a graph may have).
    else if (axiomIds.has(s.ref)) axioms.add(s.ref);
    else if (
      s.kind === "axiom" ||
      s.kind === "rule" ||
      s.kind === "witness" ||
      s.kind === "comprehension" ||
      s.kind === "definition"
    )
      throw new EncodingError(`step ${s.n} cites unknown axiom ${s.ref}`);
  }
  return { axioms, theorems: [...theorems].sort() };
}

/** One obligation under construction. */
class ObligationProblem {
  private readonly theory = new ProblemBuilder();
  private readonly local = new ProblemBuilder();
  private readonly hints = new ProblemBuilder();
  private readonly axiomsIn = new Set<string>();
  private readonly withTheory: boolean;
  readonly encoder: Encoder;

  constructor(
    private readonly ctx: GraphContext,
    private readonly theorem: TheoremJson,
    private readonly name: ObligationName,
    /**
     * The proof's sections whose citations this obligation assumes (the sections a step of
     * that part of the proof may see); empty: pure logic, no axioms or cited theorems, and
     * the relational encoding.
     */
    sections: readonly Section[],
  ) {
    this.withTheory = sections.length > 0;
    this.encoder = this.withTheory ? ctx.encoder : ctx.relational;
    if (!this.withTheory) return;
    const cited = citations(ctx.graph, theorem, sections);
    for (const e of ctx.graph.axioms) {
      // The ground facts of the theory (`in[e,G]`) in every problem: they cost the solver
      // nothing, and a constant the problem cannot place in the carrier keeps its guards.
      if (ctx.allAxioms || cited.axioms.has(e.id)) this.axiom(e.id, "");
      else if (e.kind === "fact") this.axiom(e.id, ", a fact of the theory");
    }
    for (const id of cited.theorems) {
      const at = ctx.positions.get(id);
      const own = ctx.positions.get(theorem.id);
      // A theorem of an earlier batch (checked against that batch by the verifier): assumed.
      const imported = ctx.graph.batch?.imports.find((i) => i.id === id);
      if (at === undefined && imported !== undefined) {
        const text =
          imported.readable.trim() === "" ? formatStatement(imported.statement) : oneLine(imported.readable);
        this.statement(`imported theorem ${id}`, text, imported.statement);
        continue;
      }
      if (at === undefined) throw new EncodingError(`cites unknown theorem ${id}`);
      if (own === undefined || at >= own)
        throw new EncodingError(`cites ${id}, which does not come before it`);
      const cited = ctx.graph.theorems[at]!;
      this.statement(`cited theorem ${id}`, readableOf(cited), cited.statement);
    }
    if (ctx.hints && ctx.encoding === "functional") this.hintTerms(sections);
  }

  /** A theorem's statement assumed, through its specialisations (specialise.ts). */
  private statement(what: string, text: string, s: StatementJson): void {
    for (const { label, map } of this.instances(patternOf(s), what))
      this.theory.assume(
        `${what}${label}: ${text}`,
        this.encoder.statement({
          vars: s.vars.filter((x) => !map.has(x)),
          premises: s.premises.map((a) => substituteAtom(a, map)),
          head: substituteAtom(s.head, map),
        }),
      );
  }

  /** The specialisations of a pattern (specialise.ts), each with a label for its comment. */
  private instances(p: Parameters<typeof specialisations>[0], what: string) {
    const all = specialisations(p, this.ctx.higherOrder, this.ctx.graph.theory.constants);
    if ("tooMany" in all)
      throw new EncodingError(`${what} has ${all.tooMany} specialisations to theory constants, too many`);
    return all.map((map) => ({
      map,
      label: map.size === 0 ? "" : ` [${[...map].map(([x, c]) => `${x}:=${c}`).join(", ")}]`,
    }));
  }

  private axiom(id: string, why: string): void {
    const e = this.ctx.graph.axioms.find((x) => x.id === id);
    if (!e) throw new EncodingError(`cites unknown axiom ${id}`);
    this.axiomsIn.add(id);
    for (const { label, map } of this.instances(patternOf(e), `axiom ${id}`)) {
      const instance =
        map.size === 0
          ? e
          : {
              ...e,
              vars: e.vars.filter((x) => !map.has(x)),
              premises: e.premises.map((a) => substituteAtom(a, map)),
              ...(e.head ? { head: substituteAtom(e.head, map) } : {}),
              ...(e.body ? { body: e.body.map((a) => substituteAtom(a, map)) } : {}),
            };
      this.theory.assume(`axiom ${e.id} (${e.origin.via})${label}${why}`, this.encoder.entity(instance));
    }
  }

  /**
   * The terms of the proof's facts in the given sections, as hints: `fn.*(u, fn.inv(u))` for a
   * fact `in3[u,w1,e,*]` whose w1 a witness step of the totality of inv introduced for u. An
   * instantiating solver creates terms only from the terms it has, so a theory without
   * constructors (a group: nothing ever names inv(u)) leaves it nothing to work on; the proof
   * says which terms mattered. A hint says nothing about the problem's symbols (problem.ts),
   * so the problem's answer is the same with or without it: the solver still has to find
   * every equation between those terms by itself.
   */
  private hintTerms(sections: readonly Section[]): void {
    const signature = this.ctx.signature;
    const totalities = new Map([...signature.values()].map((r) => [r.justification[0]!, r]));
    // A witness → the term it names; null: a witness of no function (its terms are skipped).
    const named = new Map<string, Term | null>();
    const element = (x: string): Term | null => {
      const w = named.get(x);
      return w === undefined ? constant(x) : w;
    };
    const term = (relation: string, args: readonly string[]): Term | null => {
      const r = signature.get(relation);
      if (!r || r.arity !== args.length) return null;
      const inputs = args.filter((_, i) => i !== r.output).map(element);
      return inputs.every((x) => x !== null) ? app(r.fn, inputs as Term[]) : null;
    };
    const relationOf = (a: AtomJson) =>
      (a.pred === "in2" || a.pred === "in3") && a.neg !== true && a.args.length > 1
        ? { relation: `${a.pred}.${a.args[a.args.length - 1]}`, args: a.args.slice(0, -1) }
        : null;
    for (const s of this.theorem.steps) {
      if (!sections.includes(s.section)) continue;
      if (
        (s.kind === "witness" || s.kind === "comprehension") &&
        s.witness !== undefined &&
        !named.has(s.witness)
      ) {
        const reading = s.ref === undefined ? undefined : totalities.get(s.ref);
        const e = reading && this.ctx.graph.axioms.find((x) => x.id === s.ref);
        const atom = e?.body?.find((a) => relationOf(a)?.relation === reading!.relation);
        const binding = new Map(e?.vars.map((x, i) => [x, s.binding?.[i] ?? x]) ?? []);
        const value = atom && relationOf(substituteAtom(atom, binding));
        named.set(s.witness, value ? term(value.relation, value.args) : null);
      }
      const r = relationOf(s.fact);
      const t = r && term(r.relation, r.args);
      if (t) this.hints.hint(`a term of step ${s.n}: ${formatAtom(s.fact)}`, pred(HINT, [t]));
    }
  }

  assume(comment: string, formula: Formula): void {
    this.local.assume(comment, formula);
  }

  premises(atoms: readonly AtomJson[]): void {
    for (const [i, a] of atoms.entries())
      this.assume(`premise ${i + 1}: ${formatAtom(a)}`, this.encoder.ground(a));
  }

  finish(goalComment: string, goal: Formula): Obligation {
    const t = this.theorem;
    const problem = this.problem(goalComment, goal);
    // The axioms that justify the functional reading of every function the problem mentions.
    if (this.withTheory) {
      const used = new Set<string>();
      for (const a of [...problem.assumptions, problem.goal])
        if (a.formula)
          for (const term of applications(a.formula).values()) if (term.kind === "app") used.add(term.fn);
      for (const reading of this.ctx.signature.values()) {
        if (!used.has(reading.fn)) continue;
        for (const id of reading.justification)
          if (!this.axiomsIn.has(id))
            this.axiom(id, `, which the functional reading of ${reading.relation} rests on`);
      }
    }
    const encoded = this.problem(goalComment, goal);
    const full = this.ctx.keepGuards ? encoded : unrelativise(encoded).problem;
    return { theorem: t.id, name: this.name, problem: full, smt2: toSmtlib(full), tptp: toTptp(full) };
  }

  private problem(goalComment: string, goal: Formula): Problem {
    const t = this.theorem;
    const readings = [...this.ctx.signature.values()].map((r) => `${r.relation} as ${r.fn}`);
    const encoding =
      this.withTheory && readings.length > 0
        ? `functional encoding: ${readings.join(", ")}`
        : "relational encoding";
    const header = [
      `gl crosscheck: theorem ${t.id}${t.name ? ` (${t.name})` : ""}, ${t.method}, obligation ${this.name}`,
      `statement: ${readableOf(t)}`,
      encoding,
      "the obligation holds when the goal follows from the assumptions",
    ];
    const assumptions = [...this.theory.list(), ...this.local.list(), ...this.hints.list()];
    return { header, assumptions, goal: { comment: goalComment, formula: goal } };
  }
}

type Schema = (ctx: GraphContext, t: TheoremJson) => Obligation[];

/** premises ⊢ head: direct proofs, and contradiction proofs (whose head is negated). */
function implication(ctx: GraphContext, t: TheoremJson): Obligation[] {
  const p = new ObligationProblem(ctx, t, "main", ["main"]);
  p.premises(t.statement.premises);
  return [p.finish(`the goal: ${formatAtom(t.statement.head)}`, p.encoder.ground(t.statement.head))];
}

/** An induction whose step cites no hypothesis: a case split on zero / successor. */
const isCaseSplit = (t: TheoremJson) => !t.steps.some((s) => s.section === "step" && s.kind === "hypothesis");

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
  const goal = (p: ObligationProblem, a: AtomJson) =>
    p.finish(`the goal: ${formatAtom(a)}`, p.encoder.ground(a));
  const caseSplit = isCaseSplit(t);

  const carrierProblem = new ObligationProblem(ctx, t, "carrier", ["main"]);
  carrierProblem.premises(s.premises);
  const inCarrier: AtomJson = { pred: "in", args: [ind.var, carrier] };

  const base = new ObligationProblem(ctx, t, "base", ["base"]);
  base.premises(s.premises.map((a) => substitute(a, ind.var, zero)));

  const step = new ObligationProblem(ctx, t, "step", ["main", "step"]);
  step.premises(s.premises);
  const succ: AtomJson = { pred: "in2", args: [ind.predecessor, ind.var, successor] };
  step.assume(`successor: ${successor}(${ind.predecessor}) = ${ind.var}`, step.encoder.ground(succ));
  // A case split proves its successor case without the hypothesis, so its step problem does
  // without it too (a stronger obligation), and there is no hypothesis to check.
  if (!caseSplit)
    step.assume("the induction hypothesis as the graph states it", step.encoder.statement(ind.hypothesis));

  // Pure logic: the axioms and cited theorems play no part in it.
  const hypothesis = new ObligationProblem(ctx, t, "hypothesis", []);
  const atP = (a: AtomJson) => substitute(a, ind.var, ind.predecessor);
  const formula: StatementJson = {
    vars: s.vars.filter((x) => x !== ind.var && !ind.fixed.includes(x)),
    premises: s.premises.map(atP),
    head: atP(s.head),
  };
  hypothesis.assume("the induction formula at the predecessor", hypothesis.encoder.statement(formula));

  // The step, usually the hardest, last: a run that stops at the first open obligation
  // then loses nothing in the common case.
  return [
    goal(carrierProblem, inCarrier),
    goal(base, substitute(s.head, ind.var, zero)),
    ...(caseSplit
      ? []
      : [
          hypothesis.finish("the graph's induction hypothesis", hypothesis.encoder.statement(ind.hypothesis)),
        ]),
    goal(step, s.head),
  ];
}

/**
 * The obligations of each proof method. Typed by the schema's method list, so a method added
 * to export/schema.ts does not compile here until it has its obligations. How a section
 * closes (a fact, a contradiction between an atom and its negation, ex falso from `¬=[a,a]`,
 * an assumption of the negated goal's atom refuted) is the proof's business: every section's
 * obligation is its goal from its assumptions, whatever the steps (SHAPES below).
 */
const SCHEMAS: Readonly<Record<TheoremJson["method"], Schema>> = {
  direct: implication,
  contradiction: implication,
  induction,
};

/**
 * The shape of a theorem's proof, for reports: its method, `case split` for an induction whose
 * step cites no hypothesis, and `negated head`, `ex falso` or `by assumption` where the
 * proof's sections close that way. Each shape has its obligations (SCHEMAS):
 *
 * | shape                                   | obligations                                  |
 * | --------------------------------------- | -------------------------------------------- |
 * | direct (also ex falso)                  | main                                         |
 * | contradiction                           | main (the negated head as goal)              |
 * | induction (also negated head, ex falso) | carrier, base, hypothesis, step              |
 * | case split (also negated head, ex falso)| carrier, base, step (without the hypothesis) |
 */
export function shapeOf(t: TheoremJson): string {
  const parts: string[] = [t.method === "induction" && isCaseSplit(t) ? "case split" : t.method];
  if (t.method !== "contradiction" && t.statement.head.neg === true) parts.push("negated head");
  if (t.method !== "contradiction" && t.steps.some((s) => s.kind === "assume")) parts.push("by assumption");
  const exFalso = (s: StepJson) =>
    s.kind === "contradiction" &&
    s.premises.length === 1 &&
    t.steps.some((p) => p.n === s.premises[0] && p.fact.pred === "=" && p.fact.neg === true);
  if (t.steps.some(exFalso)) parts.push("ex falso");
  return parts.join(", ");
}

/** The obligations of one theorem; encoding problems are returned, not thrown. */
export function theoremProblems(ctx: GraphContext, t: TheoremJson): TheoremProblems {
  try {
    const schema = Object.hasOwn(SCHEMAS, t.method) ? SCHEMAS[t.method] : undefined;
    if (!schema) throw new EncodingError(`no obligations are known for the method ${String(t.method)}`);
    return { theorem: t, obligations: schema(ctx, t) };
  } catch (e) {
    if (e instanceof EncodingError) return { theorem: t, error: e.message };
    throw e;
  }
}

/**
 * The counterexample filter: evaluates candidate conjectures in a finite ground model (a table
 * of operation values on small numerals, e.g. computed and proved by the engine itself from the
 * axioms) and drops those with a counterexample there.
 *
 * A candidate is refuted iff some assignment of numerals to its leaf variables (those no premise
 * outputs) makes every premise computable in the model and true, and the head false. Intermediate
 * variables are computed, not enumerated. A value the model does not know (outside its range)
 * never refutes: the assignment is skipped. A candidate the filter cannot read (a premise that is
 * not an operator atom, a constant the model does not interpret, a premise cycle) survives.
 */
import type { Conjecture, PatternAtom, Term, Theory } from "../../mpl/theory.js";
import { signatureOf } from "./signature.js";

/** A finite model of the theory's operations on numerals. */
export interface GroundModel {
  /** The numerals the leaf variables range over, e.g. 0 … n. */
  readonly domain: readonly number[];
  /** The numeral of each element constant the model interprets: theory constant id → value. */
  readonly constants: ReadonlyMap<number, number>;
  /**
   * The value of operation `op` (a theory constant id) at `inputs`, or undefined when the model
   * does not know it (out of range).
   */
  apply(op: number, inputs: readonly number[]): number | undefined;
  /** The id of the proved ground fact that establishes `op(inputs)`, for provenance. */
  source(op: number, inputs: readonly number[]): string;
  /**
   * The proved fact that gives element constant `id` its numeral, or null when the value holds
   * by definition (zero is numeral 0).
   */
  constantSource?(id: number): string | null;
  /**
   * The proved fact that numerals a and b differ, or undefined when there is none. When the
   * model has this, a counterexample needs it (its two values must provably differ) and cites
   * it last; without, distinct numerals are taken to differ.
   */
  distinctSource?(a: number, b: number): string | undefined;
}

export interface Refutation {
  readonly conjecture: Conjecture;
  /** The counterexample: every variable of the conjecture (leaves and computed ones) by name. */
  readonly instance: Readonly<Record<string, number>>;
  /** The head's value as computed from its inputs (for an equality head, its first argument). */
  readonly lhs: number;
  /** The value the head claims (the other side's, or the equality's second argument). */
  readonly rhs: number;
  /**
   * Sources of the ground facts the counterexample uses: constant values, then premises in
   * order, then the head, then the distinctness of its two values; no repeats.
   */
  readonly facts: readonly string[];
}

export interface FilterResult {
  readonly survivors: Conjecture[];
  readonly refuted: Refutation[];
}

/** One operator atom ready to evaluate: `output = op(inputs)`. */
interface Step {
  readonly op: number;
  readonly inputs: readonly Term[];
  readonly output: Term;
}

/** A conjecture compiled for evaluation, or null when the filter cannot read it. */
interface Program {
  readonly leaves: readonly number[];
  readonly steps: readonly Step[];
  readonly head:
    | { readonly kind: "op"; readonly step: Step }
    | { readonly kind: "eq"; readonly args: readonly Term[] };
  readonly varCount: number;
  /** Element constants it mentions: the model must interpret each. */
  readonly constants: readonly number[];
}

function stepOf(atom: PatternAtom, theory: Theory): Step | null {
  const op = theory.predicates[atom.pred]?.operator ?? null;
  if (op === null || atom.negated) return null;
  const rest: number[] = [];
  for (let i = 0; i < atom.args.length; i++) if (!op.inputs.includes(i) && i !== op.output) rest.push(i);
  if (rest.length !== 1) return null;
  const opTerm = atom.args[rest[0]!]!;
  if (opTerm >= 0) return null;
  return { op: -opTerm - 1, inputs: op.inputs.map((i) => atom.args[i]!), output: atom.args[op.output]! };
}

/** Programs by candidate: compiling does not depend on the model, and discovery filters a candidate list several times. */
const programs = new WeakMap<Conjecture, { theory: Theory; program: Program | null }>();

function compile(c: Conjecture, theory: Theory, equality: number | null): Program | null {
  const cached = programs.get(c);
  if (cached !== undefined && cached.theory === theory) return cached.program;
  const program = compileOnce(c, theory, equality);
  programs.set(c, { theory, program });
  return program;
}

function compileOnce(c: Conjecture, theory: Theory, equality: number | null): Program | null {
  const steps: Step[] = [];
  for (const premise of c.premises) {
    const step = stepOf(premise, theory);
    if (step === null) return null;
    steps.push(step);
  }
  let head: Program["head"];
  if (c.head.pred === equality && !c.head.negated && c.head.args.length === 2) {
    head = { kind: "eq", args: c.head.args };
  } else {
    const step = stepOf(c.head, theory);
    if (step === null) return null;
    head = { kind: "op", step };
  }
  const terms = [...c.premises, c.head].flatMap((a) => a.args);
  const headArgs = head.kind === "eq" ? head.args : [...head.step.inputs, head.step.output];
  const constants = new Set<number>();
  for (const t of [...steps.flatMap((s) => [...s.inputs, s.output]), ...headArgs])
    if (t < 0) constants.add(-t - 1);
  const varCount = Math.max(c.varNames.length, ...terms.map((t) => t + 1));
  const outputs = new Set(steps.map((s) => s.output).filter((t) => t >= 0));
  const used = new Set(terms);
  const leaves: number[] = [];
  for (let v = 0; v < varCount; v++) if (used.has(v) && !outputs.has(v)) leaves.push(v);
  // Definitional order: a step runs once all its inputs are leaves or earlier outputs.
  const known = new Set(leaves);
  const ordered: Step[] = [];
  const pending = [...steps];
  while (pending.length > 0) {
    const i = pending.findIndex((s) => s.inputs.every((t) => t < 0 || known.has(t)));
    if (i < 0) return null;
    const [step] = pending.splice(i, 1);
    ordered.push(step!);
    if (step!.output >= 0) known.add(step!.output);
  }
  return { leaves, steps: ordered, head, varCount, constants: [...constants] };
}

const UNSET = -1;
// Values are held as doubles: exact for every safe integer, which a model evaluated on the
// host (exact evaluation, engine/discovery/exact-filter.ts) may give far past 32 bits.

/**
 * Evaluates the program under the leaf values already in `values`. Returns null when the
 * assignment is unknown or makes a premise false, else the head's two values.
 */
function evaluate(
  program: Program,
  values: Float64Array,
  model: GroundModel,
): { lhs: number; rhs: number } | null {
  const termValue = (t: Term): number => (t < 0 ? model.constants.get(-t - 1)! : values[t]!);
  const args: number[] = [];
  for (const step of program.steps) {
    args.length = 0;
    for (const t of step.inputs) args.push(termValue(t));
    const v = model.apply(step.op, args);
    if (v === undefined) return null;
    const out = step.output;
    if (out >= 0 && values[out] === UNSET) values[out] = v;
    else if (termValue(out) !== v) return null;
  }
  if (program.head.kind === "eq") {
    return { lhs: termValue(program.head.args[0]!), rhs: termValue(program.head.args[1]!) };
  }
  const step = program.head.step;
  const lhs = model.apply(
    step.op,
    step.inputs.map((t) => termValue(t)),
  );
  if (lhs === undefined) return null;
  return { lhs, rhs: termValue(step.output) };
}

/** The ground facts a refuting assignment uses, by their sources. */
function factsOf(program: Program, values: Float64Array, model: GroundModel): string[] {
  const termValue = (t: Term): number => (t < 0 ? model.constants.get(-t - 1)! : values[t]!);
  const steps = program.head.kind === "op" ? [...program.steps, program.head.step] : program.steps;
  const facts: string[] = [];
  const headTerms = program.head.kind === "eq" ? program.head.args : [];
  for (const t of [...steps.flatMap((s) => [...s.inputs, s.output]), ...headTerms]) {
    const fact = t < 0 ? (model.constantSource?.(-t - 1) ?? null) : null;
    if (fact !== null && !facts.includes(fact)) facts.push(fact);
  }
  for (const step of steps) {
    const fact = model.source(
      step.op,
      step.inputs.map((t) => termValue(t)),
    );
    if (!facts.includes(fact)) facts.push(fact);
  }
  return facts;
}

/** The first counterexample in odometer order (first leaf slowest), or null. */
function refute(c: Conjecture, program: Program, model: GroundModel): Refutation | null {
  const { leaves } = program;
  const domain = model.domain;
  if (domain.length === 0) return null;
  const digits = new Array<number>(leaves.length).fill(0);
  const values = new Float64Array(program.varCount);
  for (;;) {
    values.fill(UNSET);
    leaves.forEach((v, i) => {
      values[v] = domain[digits[i]!]!;
    });
    const result = evaluate(program, values, model);
    const differ =
      result !== null &&
      result.lhs !== result.rhs &&
      (model.distinctSource === undefined || model.distinctSource(result.lhs, result.rhs) !== undefined);
    if (differ) {
      const instance: Record<string, number> = {};
      for (let v = 0; v < program.varCount; v++) {
        const name = c.varNames[v] ?? `v${v}`;
        if (values[v] !== UNSET) instance[name] = values[v]!;
      }
      return {
        conjecture: c,
        instance,
        lhs: result.lhs,
        rhs: result.rhs,
        facts: [
          ...factsOf(program, values, model),
          ...(model.distinctSource ? [model.distinctSource(result.lhs, result.rhs)!] : []),
        ],
      };
    }
    let i = leaves.length - 1;
    while (i >= 0 && digits[i] === domain.length - 1) digits[i--] = 0;
    if (i < 0) return null;
    digits[i]!++;
  }
}

/** Splits candidates into those the model does not refute (in input order) and refutations. */
export function filterCandidates(
  candidates: readonly Conjecture[],
  theory: Theory,
  model: GroundModel,
): FilterResult {
  const equality = signatureOf(theory).equality;
  const survivors: Conjecture[] = [];
  const refuted: Refutation[] = [];
  for (const c of candidates) {
    const compiled = compile(c, theory, equality);
    // A constant the model does not interpret makes the candidate unreadable here.
    const program = compiled?.constants.every((k) => model.constants.has(k)) ? compiled : null;
    const refutation = program === null ? null : refute(c, program, model);
    if (refutation === null) survivors.push(c);
    else refuted.push(refutation);
  }
  return { survivors, refuted };
}

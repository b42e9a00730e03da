/**
 * The proof-graph JSON: the contract between the engine (which writes it), the verifier and
 * the HTML export (which read it). Documented in docs/proof-json.md; bump `version` on any
 * incompatible change.
 *
 * Conventions:
 * - Names, not ids, at this edge: predicates by name, constants by name. Inside one theorem's
 *   proof, the statement's variables appear as constants of the same name; witnesses and the
 *   induction predecessor get fresh names that clash with nothing else in that theorem.
 * - A pattern (in statements and entities) uses variable names and constant names; which is
 *   which is given by the enclosing `vars` list.
 * - No timings, no paths of the machine, nothing that varies between runs: the same input gives
 *   the same bytes for any worker count.
 */

export const PROOF_SCHEMA = "gl-proof-graph";
export const PROOF_SCHEMA_VERSION = 2;

/** An atom: `{ pred: "in3", args: ["a","b","c","+"] }` is a+b=c; `neg` marks a negated atom. */
export interface AtomJson {
  pred: string;
  args: string[];
  neg?: true;
}

/** `∀ vars: premises → head`; names not in `vars` are theory constants. */
export interface StatementJson {
  vars: string[];
  premises: AtomJson[];
  head: AtomJson;
}

export interface EntityJson {
  /** Axiom ids `A1`, `A2`, … in compile order (for definitions: `<definition>#1`, …). */
  id: string;
  kind: "fact" | "rule" | "exists";
  /** Universally bound variables (and, for `exists`, the witnesses too). */
  vars: string[];
  premises: AtomJson[];
  /** `fact` and `rule`: the conclusion. */
  head?: AtomJson;
  /** `exists`: which of `vars` are existentially bound, and the conjunction they satisfy. */
  witnesses?: string[];
  body?: AtomJson[];
  /** The definition it was compiled from and the expansion path. */
  origin: { definition: string; via: string };
}

export interface DefinitionJson {
  name: string;
  params: { name: string; type: "element" | "set" | "function" | "operation" }[];
  mpl: string;
  uses: string[];
  entities: EntityJson[];
}

/**
 * How a step's fact follows. `premises` are step numbers of the same theorem, earlier than
 * the step itself.
 * - `premise`: the statement's premise number `index` (0-based), variables read as constants.
 *   In an induction base section: that premise with the induction variable replaced by zero.
 * - `axiom`: a `fact` entity of the anchor (`ref` = its id).
 * - `rule`: a `rule` entity of the anchor instantiated by `binding` (one constant per entity
 *   variable, in order) whose premises are the steps in `premises`, in the entity's order.
 * - `definition`: the same with a definition's introduction axiom (`body → D[x̄]`, origin
 *   `D (introduction)`): the fact `D[ā]` from its body's facts, the binding naming the witnesses
 *   of an existential body.
 * - `theorem`: the same with an earlier proved theorem (`ref` = `T<k>`), or with a theorem
 *   imported from an earlier batch (`ref` = its id in `batch.imports`, e.g. `Peano:T22`).
 * - `hypothesis`: the same with the induction hypothesis of this theorem (step section only).
 * - `witness`: one body atom of an `exists` entity (`ref`), instantiated by `binding`, whose
 *   variables include the fresh witness named by `witness`; `premises` match the entity's premises.
 * - `comprehension`: a `witness` step whose axiom is a set definition's comprehension principle
 *   (origin `D (comprehension)`: side conditions → ∃M. D[x̄]): the fact `D[ā]` with the fresh set
 *   named by `witness`. An assumption beyond the theory's axioms (mpl/comprehension.ts); the
 *   verifier checks the definition's text really is a comprehension of that set.
 * - `succ`: induction step assumption `successor(predecessor) = var` (no premises).
 * - `refl`: `=[a,a]`, with no premises (reflexivity of equality).
 * - `eq-symm`: `=[a,b]` from `=[b,a]`. `eq-trans`: `=[a,c]` from `=[a,b]`, `=[b,c]`.
 * - `eq-subst`: the fact of `premises[0]` with some arguments replaced by equals: every other
 *   premise is an equality `=[x,y]`; each argument of the result is the source's argument, or
 *   `y` where the source has `x` for one of those equalities.
 * - `assume`: the goal of its section without its negation, assumed; only where that goal is
 *   negated (the main section of a contradiction proof; the base and step of an induction with
 *   a negated head). A section that assumes closes with a `contradiction` step.
 * - `contradiction`: the goal of its section (main: the head; base: the head with the induction
 *   variable replaced by zero; step: the head), from two premises that are an atom and its
 *   negation, or from `¬=[a,a]` alone: ex falso, in any section with a goal (not the main
 *   section of an induction).
 *
 * - `suppose`: inside case `scope.case` of the intro step `scope.intro`: the premise number
 *   `index` (1-based: 0 is the clause atom) of that case's elimination rule under its binding.
 *   No premises.
 * - `intro`: implication introduction. The fact is a clause atom `D.impK[ā]` (an implication of
 *   definition D, docs/design.md "Implications as premises"); `cases` has one entry per
 *   elimination axiom of it (origin `D.impK`, in axiom order): the axiom and a binding that
 *   gives the clause's variables ā and every other variable a fresh constant. `premises[j]` proves
 *   case j's head under its binding, from the steps of scope {intro: this step, case: j} (its
 *   `suppose` steps among them) and steps outside it. A fresh constant of case j occurs in no
 *   step outside that scope, nor in the fact.
 * - `scope` (any step): the step belongs to case `case` of the later intro step `intro`; it may
 *   cite steps of its own scope and of the scopes around it (the intro's own, …), and no step
 *   outside its scope cites it, except its intro citing a case's goal.
 *
 * Version 2 added `assume` and `contradiction` steps in induction sections and `contradiction`
 * steps in direct proofs (docs/proof-json.md, "Methods and their sections").
 */
export type StepKind =
  | "premise"
  | "axiom"
  | "rule"
  | "definition"
  | "theorem"
  | "hypothesis"
  | "witness"
  | "comprehension"
  | "succ"
  | "refl"
  | "eq-symm"
  | "eq-trans"
  | "eq-subst"
  | "assume"
  | "contradiction"
  | "suppose"
  | "intro";

export type Section = "main" | "base" | "step";

export interface StepJson {
  n: number;
  section: Section;
  fact: AtomJson;
  kind: StepKind;
  premises: number[];
  /**
   * `axiom`, `rule`, `witness`: an axiom id; `theorem`: a theorem id or an import id;
   * `hypothesis`: "hypothesis"; `comprehension`: the id of a comprehension axiom.
   */
  ref?: string;
  /** One constant name per variable of the referenced entity / statement / hypothesis. */
  binding?: string[];
  /** `premise`: which premise of the statement; `suppose`: which premise of the case's rule. */
  index?: number;
  /** `witness`, `comprehension`: the fresh constant introduced. */
  witness?: string;
  /** `intro`: one case per elimination axiom of the clause: the axiom and its binding. */
  cases?: { ref: string; binding: string[] }[];
  /** A step of an intro's case (its sub-derivation): the intro's step number and the case. */
  scope?: { intro: number; case: number };
}

/** An induction; one whose step cites no `hypothesis` step is a case split on zero / successor. */
export interface InductionJson {
  /** The statement variable inducted on. */
  var: string;
  /** The fresh constant p of the step case, with successor(p) = var. */
  predecessor: string;
  /** Statement variables held fixed in the hypothesis (never `var`); any subset, also none. */
  fixed: string[];
  /**
   * The hypothesis: the statement with `var` replaced by `predecessor`, `fixed` (and
   * `predecessor`) as constants, every other variable universally bound.
   */
  hypothesis: StatementJson;
  /** A `main` step proving `in[var, carrier]` from the premises. */
  carrierStep: number;
}

export interface TheoremJson {
  /** `T1`, `T2`, … in the order proved (a theorem cites only smaller ids). */
  id: string;
  /** The conjecture's name, if it had one. */
  name: string | null;
  statement: StatementJson;
  /** The statement as MPL (premise chain under the anchor's constants). */
  mpl: string;
  /** Readable form, e.g. `a + b = b + a`. */
  readable: string;
  method: "direct" | "induction" | "contradiction";
  induction?: InductionJson;
  /** For a mirror (the symmetric variant): the theorem it was derived from. */
  mirrorOf?: string;
  /**
   * Set on a helper lemma that `gl prove` found by discovery for goals left unproved (it is not
   * a statement of the theory); its proof is checked like any other. Mirrors of it carry it too.
   */
  provenance?: "discovery";
  /** The burst in which it was proved. */
  burst: number;
  /** Theorems cited by `theorem` steps (sorted ids; imported ones by their import id). */
  uses: string[];
  /** Axioms cited by `axiom`, `rule` and `witness` steps (sorted ids). */
  axioms: string[];
  /** Step numbers proving the head: `main` for direct/contradiction, `base` and `step` for induction. */
  goals: { main?: number; base?: number; step?: number };
  steps: StepJson[];
}

export interface UnprovedJson {
  name: string | null;
  statement: StatementJson;
  mpl: string;
  readable: string;
}

export interface RunJson {
  stopReason: "all-proved" | "fixpoint" | "max-bursts" | "max-facts" | "timeout" | "max-memory";
  bursts: number;
  blocks: number;
  facts: number;
  witnesses: number;
  limits: { maxBursts: number; maxWitnessDepth: number; maxFactsPerBlock: number };
  /** Blocks that reached `maxFactsPerBlock` (their saturation was cut; reported, never silent). */
  blocksAtFactLimit: number;
}

/**
 * The anchor link of a batch to the one it extends: the earlier anchor's constants and its
 * predicates that are not built in, each mapped to this batch's. Under it every earlier axiom is
 * an axiom of this batch (up to variable names and premise order).
 */
export interface LinkJson {
  /** The batch extended (its anchor's name). */
  earlier: string;
  /** One pair per earlier constant, in its order: [earlier name, this batch's name]. */
  constants: [string, string][];
  /** Earlier predicates that the link maps (those its axioms use): [earlier name, this batch's name]. */
  predicates: [string, string][];
  /** `declared`: written in the sources (`extends P[…]`); `found`: by the compiler's search. */
  how: "declared" | "found";
}

/** A theorem of an earlier batch received by this one, stated in this batch's names. */
export interface ImportJson {
  /** `<batch>:<theorem>`, what steps cite, e.g. `Peano:T22`. */
  id: string;
  /** The batch that proved it and its theorem id there. */
  batch: string;
  theorem: string;
  name: string | null;
  statement: StatementJson;
  mpl: string;
  readable: string;
}

/** Where a graph stands among batches (absent on a graph of one theory without batches). */
export interface BatchJson {
  /** This batch's name: its anchor's. */
  name: string;
  /** The batch it extends (one of the graph's `earlier` batches), or null for the first. */
  extends: string | null;
  link: LinkJson | null;
  /** This batch's constants outside the link's image: every candidate mentioned one of them. */
  newConstants: string[];
  /**
   * What the extended batch handed on: its essential theorems and what it received itself,
   * mapped through the link; the verifier checks each against that batch.
   */
  imports: ImportJson[];
}

/** An earlier batch inside a graph: a whole graph of its own, without the envelope. */
export type EarlierBatchJson = Omit<ProofGraph, "schema" | "version" | "batch" | "earlier"> & {
  batch: BatchJson;
};

export interface ProofGraph {
  schema: typeof PROOF_SCHEMA;
  version: typeof PROOF_SCHEMA_VERSION;
  /** Set when the graph is the last of several batches. */
  batch?: BatchJson;
  /** The batches before this one, in the order they ran (the first has no `extends`). */
  earlier?: EarlierBatchJson[];
  theory: {
    anchor: string;
    constants: {
      name: string;
      type: "element" | "set" | "function" | "operation";
      role?: "carrier" | "zero" | "successor";
    }[];
    sources: { path: string; text: string }[];
  };
  predicates: { name: string; arity: number; operator: { inputs: number[]; output: number } | null }[];
  definitions: DefinitionJson[];
  axioms: EntityJson[];
  theorems: TheoremJson[];
  unproved: UnprovedJson[];
  run: RunJson;
}

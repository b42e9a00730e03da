/**
 * The compiled theory: what the MPL compiler hands to the engine (and to discovery).
 *
 * Everything here is plain, immutable data with interned integer ids: predicates and
 * theory constants are numbered, and a term inside a pattern is one integer — a
 * non-negative number is a variable of the enclosing entity, a negative number `-(k+1)`
 * is theory constant `k` (a parameter of the anchor, or of the definition being shown).
 */
import type { ParamType } from "./ast.js";

export type PredId = number;

/** A pattern term: `>= 0` variable index, `< 0` constant `-(t + 1)`. */
export type Term = number;

export const constTerm = (k: number): Term => -(k + 1);
export const isConstTerm = (t: Term): boolean => t < 0;
export const constOfTerm = (t: Term): number => -t - 1;

export interface Predicate {
  readonly id: PredId;
  readonly name: string;
  readonly arity: number;
  readonly argTypes: readonly ParamType[];
  /**
   * For relations read as functions (`in2[x,y,f]`: f(x)=y, `in3[x,y,z,f]`: f(x,y)=z): the
   * argument positions of the inputs and of the output. `null` for other predicates.
   */
  readonly operator: { readonly inputs: readonly number[]; readonly output: number } | null;
}

export interface PatternAtom {
  readonly pred: PredId;
  readonly args: readonly Term[];
  readonly negated: boolean;
}

/** Where a compiled entity came from, for reports and the HTML definitions page. */
export interface EntityOrigin {
  /** The definition whose body produced it, e.g. `fXYZ`. */
  readonly definition: string;
  /** The chain of expansions from the anchor down, e.g. `NaturalNumbers > fXYZ[+,N,N,N]`. */
  readonly via: string;
}

/** A ground atom (no variables), e.g. `in[i0,N]`. */
export interface FactEntity {
  readonly kind: "fact";
  readonly id: string;
  readonly atom: PatternAtom;
  readonly origin: EntityOrigin;
}

/** `∀ vars: premises → head`. Conjunctions in a head are split into several rules. */
export interface RuleEntity {
  readonly kind: "rule";
  readonly id: string;
  readonly varNames: readonly string[];
  readonly premises: readonly PatternAtom[];
  readonly head: PatternAtom;
  readonly origin: EntityOrigin;
}

/** `∀ vars: premises → ∃ witnesses: body₁ ∧ … ∧ bodyₙ`; `witnesses` are variable indices. */
export interface ExistsEntity {
  readonly kind: "exists";
  readonly id: string;
  readonly varNames: readonly string[];
  readonly premises: readonly PatternAtom[];
  readonly witnesses: readonly number[];
  readonly body: readonly PatternAtom[];
  readonly origin: EntityOrigin;
}

export type Entity = FactEntity | RuleEntity | ExistsEntity;

export interface Constant {
  readonly id: number;
  readonly name: string;
  readonly type: ParamType;
}

export interface SourceRef {
  readonly path: string;
  readonly line: number;
  readonly col: number;
}

export interface CompiledDefinition {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly type: ParamType }[];
  /** The body as MPL text (printed from the AST). */
  readonly mpl: string;
  /** Entities of the body with its parameters as constants (`-(k+1)` = parameter k). */
  readonly entities: readonly Entity[];
  /** Definitions referenced (and expanded) by the body, sorted. */
  readonly uses: readonly string[];
  readonly source: SourceRef;
}

/** A conjecture as a premise chain: `∀ vars: premises → head`, under the anchor. */
export interface Conjecture {
  readonly name: string;
  readonly mpl: string;
  readonly varNames: readonly string[];
  readonly premises: readonly PatternAtom[];
  readonly head: PatternAtom;
  readonly source: SourceRef;
}

export interface Roles {
  readonly carrier: number;
  readonly zero: number;
  readonly successor: number;
}

export interface Anchor {
  readonly name: string;
  /** Indices into `Theory.constants`; the anchor's parameters in signature order. */
  readonly params: readonly number[];
  /** Induction roles; `null` when the anchor declares none (then no induction is tried). */
  readonly roles: Roles | null;
  /** The anchor's body, fully expanded, with its parameters as theory constants. */
  readonly entities: readonly Entity[];
}

export interface Theory {
  /** Interned predicates; `predicates[id].id === id`. Built-ins first: in, in2, in3, =. */
  readonly predicates: readonly Predicate[];
  /** Theory constants (the anchor's parameters); `constants[id].id === id`. */
  readonly constants: readonly Constant[];
  readonly definitions: readonly CompiledDefinition[];
  readonly anchor: Anchor | null;
  readonly conjectures: readonly Conjecture[];
  readonly sources: readonly { readonly path: string; readonly text: string }[];
}

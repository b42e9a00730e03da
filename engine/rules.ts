/**
 * Rules as the matcher sees them: the anchor's compiled entities, proved theorems and
 * induction hypotheses, all in one shape. A term is a variable (`>= 0`) or a constant
 * `-(id + 1)`, where `id` is a theory constant or, in a hypothesis, a block constant.
 */
import type { Conjecture, Entity, PatternAtom, Theory } from "../mpl/theory.js";
import type { OperatorInfo } from "./saturate/tables.js";

export interface RAtom {
  readonly pred: number;
  readonly neg: boolean;
  readonly args: readonly number[];
}

export type RuleKind = "axiom" | "theorem" | "hypothesis";

export interface Rule {
  /** Axioms and theorems: index into the global rule table. Hypotheses: -1. */
  readonly index: number;
  /** Export reference: `A12`, `T3` or `hypothesis`. */
  readonly ref: string;
  readonly kind: RuleKind;
  readonly nvars: number;
  readonly premises: readonly RAtom[];
  /** The conclusion, for plain rules and ground facts (no premises). */
  readonly head: RAtom | null;
  /** For existentials: witness variables and the body they satisfy. */
  readonly exists: { readonly witnesses: readonly number[]; readonly body: readonly RAtom[] } | null;
  /** Existentials whose premises are all membership atoms fire only on demand. */
  readonly demandOnly: boolean;
  /**
   * A comprehension axiom (mpl/comprehension.ts: side conditions → ∃M. D[x̄]): the place of M
   * in D's arguments. Demanded like an operation's value when EngineSettings.comprehension is on.
   */
  readonly setOutput?: number;
  /**
   * An auxiliary predicate's elimination axiom `D.impK[ȳ] ∧ A → B` (mpl/lower.ts), the clause
   * atom first: what implication introduction proves case by case (engine/saturate/implication.ts).
   */
  readonly elimination?: true;
}

const toRAtom = (a: PatternAtom): RAtom => ({ pred: a.pred, neg: a.negated, args: [...a.args] });

/** The `in` predicate (membership) is built-in id 0. */
export const MEMBER_PRED = 0;
/** The `=` predicate is built-in id 3. */
export const EQ_PRED = 3;

export function ruleFromEntity(e: Entity, index: number): Rule {
  switch (e.kind) {
    case "fact":
      return {
        index,
        ref: e.id,
        kind: "axiom",
        nvars: 0,
        premises: [],
        head: toRAtom(e.atom),
        exists: null,
        demandOnly: false,
      };
    case "rule":
      return {
        ...(isElimination(e) ? { elimination: true as const } : {}),
        index,
        ref: e.id,
        kind: "axiom",
        nvars: e.varNames.length,
        premises: e.premises.map(toRAtom),
        head: toRAtom(e.head),
        exists: null,
        demandOnly: false,
      };
    case "exists": {
      const premises = e.premises.map(toRAtom);
      const set = isComprehension(e) ? (e.body[0] as PatternAtom).args.indexOf(e.witnesses[0] as number) : -1;
      return {
        ...(set >= 0 ? { setOutput: set } : {}),
        ...(isElimination(e) ? { elimination: true as const } : {}),
        index,
        ref: e.id,
        kind: "axiom",
        nvars: e.varNames.length,
        premises,
        head: null,
        exists: { witnesses: [...e.witnesses], body: e.body.map(toRAtom) },
        demandOnly: premises.every((p) => p.pred === MEMBER_PRED && !p.neg),
      };
    }
  }
}

/** An axiom the compiler emitted as the elimination rule of a definition's implication `D.impK`. */
export function isElimination(e: Entity): boolean {
  const prefix = `${e.origin.definition}.imp`;
  return (
    e.kind !== "fact" && e.origin.via.startsWith(prefix) && /^\d+$/.test(e.origin.via.slice(prefix.length))
  );
}

/** An axiom the compiler emitted as a set definition's comprehension principle. */
export function isComprehension(e: Entity): boolean {
  return e.kind === "exists" && e.origin.via === `${e.origin.definition} (comprehension)`;
}

/**
 * The operators of a run as demands see them: the theory's operations and, where
 * comprehension is on, each set definition with its defined set as the output.
 */
export function demandOperators(
  rules: readonly Rule[],
  operators: readonly (OperatorInfo | null)[],
): readonly (OperatorInfo | null)[] {
  let out: (OperatorInfo | null)[] | null = null;
  for (const r of rules) {
    if (r.setOutput === undefined || r.exists === null) continue;
    const atom = r.exists.body[0] as RAtom;
    out ??= [...operators];
    const inputs = atom.args.map((_, i) => i).filter((i) => i !== r.setOutput);
    out[atom.pred] = { inputs, output: r.setOutput };
  }
  return out ?? operators;
}

export function ruleFromStatement(
  c: Pick<Conjecture, "varNames" | "premises" | "head">,
  index: number,
  ref: string,
  kind: RuleKind,
): Rule {
  return {
    index,
    ref,
    kind,
    nvars: c.varNames.length,
    premises: c.premises.map(toRAtom),
    head: toRAtom(c.head),
    exists: null,
    demandOnly: false,
  };
}

export function axiomRules(theory: Theory): Rule[] {
  return (theory.anchor?.entities ?? []).map((e, i) => ruleFromEntity(e, i));
}

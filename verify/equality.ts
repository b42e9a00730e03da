/**
 * The three equality steps. Each takes the step's conclusion and the facts of its premises
 * (in order) and says why the step is wrong, or returns null.
 */
import type { AtomJson } from "../export/schema.js";
import { formatAtom } from "./atoms.js";

type Eq = AtomJson & { args: [string, string] };

function isEquality(a: AtomJson): a is Eq {
  return a.pred === "=" && a.neg !== true && a.args.length === 2;
}

const notEquality = (a: AtomJson, what: string) => `${what} ${formatAtom(a)} is not an equality`;

/** `=[a,a]`, citing nothing. */
export function reflProblem(fact: AtomJson, premises: readonly AtomJson[]): string | null {
  if (premises.length > 0) return `refl takes no premises, not ${premises.length}`;
  if (!isEquality(fact)) return notEquality(fact, "conclusion");
  return fact.args[0] === fact.args[1] ? null : `conclusion ${formatAtom(fact)} is not of the form =[a,a]`;
}

/** `=[a,b]` from `=[b,a]`. */
export function eqSymmProblem(fact: AtomJson, premises: readonly AtomJson[]): string | null {
  const [p] = premises;
  if (premises.length !== 1 || !p) return `eq-symm takes one premise, not ${premises.length}`;
  if (!isEquality(p)) return notEquality(p, "premise");
  if (!isEquality(fact)) return notEquality(fact, "conclusion");
  const [b, a] = p.args;
  return fact.args[0] === a && fact.args[1] === b
    ? null
    : `conclusion ${formatAtom(fact)} is not ${formatAtom(p)} reversed (expected =[${a},${b}])`;
}

/** `=[a,c]` from `=[a,b]` and `=[b,c]`, in that order. */
export function eqTransProblem(fact: AtomJson, premises: readonly AtomJson[]): string | null {
  const [p, q] = premises;
  if (premises.length !== 2 || !p || !q) return `eq-trans takes two premises, not ${premises.length}`;
  if (!isEquality(p)) return notEquality(p, "premise");
  if (!isEquality(q)) return notEquality(q, "premise");
  if (!isEquality(fact)) return notEquality(fact, "conclusion");
  if (p.args[1] !== q.args[0]) return `premises ${formatAtom(p)} and ${formatAtom(q)} do not chain`;
  const [a, c] = [p.args[0], q.args[1]];
  return fact.args[0] === a && fact.args[1] === c
    ? null
    : `conclusion ${formatAtom(fact)} does not follow by transitivity (expected =[${a},${c}])`;
}

/**
 * The first premise with arguments replaced by equals: argument i of the conclusion is the
 * source's argument i, or `y` where the source has `x` for one of the equalities `=[x,y]`.
 */
export function eqSubstProblem(fact: AtomJson, premises: readonly AtomJson[]): string | null {
  const [source, ...eqs] = premises;
  if (!source) return "eq-subst needs the fact to rewrite as its first premise";
  const bad = eqs.find((e) => !isEquality(e));
  if (bad) return notEquality(bad, "premise");
  const equalities = eqs as Eq[];
  if (
    fact.pred !== source.pred ||
    (fact.neg === true) !== (source.neg === true) ||
    fact.args.length !== source.args.length
  ) {
    return `conclusion ${formatAtom(fact)} is not ${formatAtom(source)} with arguments replaced`;
  }
  for (let i = 0; i < fact.args.length; i++) {
    const [x, y] = [source.args[i]!, fact.args[i]!];
    if (x !== y && !equalities.some((e) => e.args[0] === x && e.args[1] === y)) {
      return `argument ${i + 1} of ${formatAtom(fact)}: ${y} replaces ${x} of ${formatAtom(source)}, but no premise is =[${x},${y}]`;
    }
  }
  return null;
}

/**
 * Which terms trigger the instantiation of a quantifier (z3's `:pattern`). Triggers change
 * which instances a solver tries, never what a formula means; they decide whether E-matching
 * finds the instances a proof needs, and whether it stops making new ones.
 *
 * For `∀x̄: premises → conclusion`, in order of preference:
 *
 * 1. One function application containing every variable, among the largest such (not inside
 *    another). When one of those is a recursive call, a term whose root is no constructor but
 *    which has a constructor below it (`fn.+(a, fn.succ(b))`, `fn.*(a, zero)`), only those:
 *    a defining equation is then used left to right, from the constructor term to the smaller
 *    terms of the other side, as a terminating rewrite would be. Otherwise every largest one,
 *    each a trigger of its own (`a + b = b + a` fires on either side).
 * 2. A multi-pattern of function applications covering the variables (injectivity,
 *    `s(m) = s(n) → m = n`, fires on pairs of existing successor terms and makes no new term).
 * 3. The conjunction of the positive, non-equality premises when they mention every variable
 *    (the relational encoding's rule, used forwards as a proof uses it). Left to itself, z3
 *    may pick the witness of a totality axiom as the trigger and never use the axiom.
 * 4. None: the solver chooses.
 *
 * Instances made through 1 and 2 contain only terms that already exist or are smaller
 * (towards the constructors) than the trigger; those through 3 may create witnesses, which
 * the witness weight (encode.ts) keeps in check.
 */
import { applications, type Formula, key, type Term, type Trigger, termVars } from "./formula.js";

const covers = (t: Term, vars: readonly string[]) => {
  const inside = termVars(t);
  return vars.every((v) => inside.has(v));
};

function properSubterms(t: Term): Term[] {
  return t.kind === "app" ? t.args.flatMap((a) => [a, ...properSubterms(a)]) : [];
}

function isConstructor(t: Term, constructors: ReadonlySet<string>): boolean {
  return (t.kind === "app" && constructors.has(t.fn)) || (t.kind === "const" && constructors.has(t.name));
}

/** A recursive call: no constructor at the root, one below it. */
function recursive(t: Term, constructors: ReadonlySet<string>): boolean {
  return !isConstructor(t, constructors) && properSubterms(t).some((s) => isConstructor(s, constructors));
}

export function chooseTriggers(
  vars: readonly string[],
  premises: readonly Formula[],
  conclusion: Formula,
  constructors: ReadonlySet<string>,
): Trigger[] {
  if (vars.length === 0) return [];
  const apps = new Map<string, Term>();
  for (const p of premises) applications(p, apps);
  applications(conclusion, apps);
  const terms = [...apps.values()].filter((t) => termVars(t).size > 0);

  const full = terms.filter((t) => covers(t, vars));
  if (full.length > 0) {
    const inner = new Set(full.flatMap(properSubterms).map(key));
    const largest = full.filter((t) => !inner.has(key(t)));
    const calls = largest.filter((t) => recursive(t, constructors));
    return (calls.length > 0 ? calls : largest).map((t) => [t]);
  }

  // Greedy cover by applications, largest first (first-mention order among equals).
  const bySize = [...terms].sort((a, b) => key(b).length - key(a).length);
  const chosen: Term[] = [];
  const seen = new Set<string>();
  for (const t of bySize) {
    const vs = [...termVars(t)];
    if (vs.every((v) => seen.has(v))) continue;
    chosen.push(t);
    for (const v of vs) seen.add(v);
  }
  if (vars.every((v) => seen.has(v)) && chosen.length > 0) return [chosen];

  const atoms = premises.filter((p) => p.kind === "pred");
  const mentioned = new Set(
    atoms.flatMap((p) => (p.kind === "pred" ? [...p.args.flatMap((a) => [...termVars(a)])] : [])),
  );
  if (atoms.length > 0 && vars.every((v) => mentioned.has(v))) return [atoms];
  return [];
}

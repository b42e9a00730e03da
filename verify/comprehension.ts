/**
 * Comprehension steps: a set definition's comprehension principle (side conditions → ∃M. D[x̄])
 * used as an existential. Checked on its own, from the definition's text, not from the
 * compiler's classification: the text must be both directions of one membership clause for
 * the set parameter, with the set not occurring in the clause, and the axiom's premises must be
 * exactly the text's other conjuncts. Then the step is checked like any witness step.
 */
import type { EntityJson } from "../export/schema.js";
import { type Formula, parseFormula } from "../mpl/index.js";

/** A definition as the sources give it: parameter names and the body's MPL text. */
export interface DefinitionText {
  readonly params: readonly string[];
  readonly mpl: string;
}

function leaves(f: Formula, out: Formula[]): Formula[] {
  if (f.kind === "and") {
    leaves(f.left, out);
    leaves(f.right, out);
  } else out.push(f);
  return out;
}

function mentions(f: Formula, name: string): boolean {
  if (f.kind === "atom") return f.name.text === name || f.args.some((a) => a.text === name);
  if (f.kind === "not") return mentions(f.body, name);
  if (f.kind === "and") return mentions(f.left, name) || mentions(f.right, name);
  return !f.vars.some((v) => v.text === name) && (mentions(f.premise, name) || mentions(f.conclusion, name));
}

/** The same formula once `x`'s bound names are read through `map` (to y's). */
function same(x: Formula, y: Formula, map: ReadonlyMap<string, string>): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === "atom" && y.kind === "atom")
    return (
      x.name.text === y.name.text &&
      x.args.length === y.args.length &&
      x.args.every((a, i) => (map.get(a.text) ?? a.text) === y.args[i]?.text)
    );
  if (x.kind === "not" && y.kind === "not") return same(x.body, y.body, map);
  if (x.kind === "and" && y.kind === "and") return same(x.left, y.left, map) && same(x.right, y.right, map);
  if (x.kind === "implies" && y.kind === "implies") {
    if (x.vars.length !== y.vars.length) return false;
    const inner = new Map(map);
    for (const [i, v] of x.vars.entries()) inner.set(v.text, y.vars[i]?.text ?? "");
    return same(x.premise, y.premise, inner) && same(x.conclusion, y.conclusion, inner);
  }
  return false;
}

const MEMBER_ARITY: Record<string, number> = { in: 2, in2: 3, in3: 4 };

/** `mem(v̄, set)` with v̄ the binder's distinct variables in order. */
function isMembership(f: Formula, vars: readonly string[], set: string): boolean {
  if (f.kind !== "atom" || MEMBER_ARITY[f.name.text] !== f.args.length) return false;
  if (f.args[f.args.length - 1]?.text !== set || new Set(vars).size !== vars.length || vars.includes(set))
    return false;
  return f.args.length - 1 === vars.length && vars.every((v, i) => f.args[i]?.text === v);
}

/** Why `e` is not the comprehension axiom of `def` (named `name`), or null. */
export function comprehensionProblem(
  e: EntityJson,
  name: string,
  def: DefinitionText | undefined,
): string | null {
  if (def === undefined) return `no source text of ${name} to check its comprehension against`;
  if (e.kind !== "exists" || e.witnesses?.length !== 1 || e.body?.length !== 1)
    return `${e.id} is not of the form side conditions → ∃M. ${name}[…]`;
  const body = e.body[0]!;
  if (
    body.pred !== name ||
    body.neg === true ||
    e.vars.length !== def.params.length ||
    body.args.length !== e.vars.length ||
    body.args.some((a, i) => a !== e.vars[i])
  )
    return `${e.id} does not conclude ${name} of its variables in order`;
  const at = e.vars.indexOf(e.witnesses[0]!);
  const set = def.params[at]!;
  const parsed = parseFormula(def.mpl);
  if (parsed.formula === undefined) return `the text of ${name} does not parse`;
  const parts = leaves(parsed.formula, []);
  let pair: [number, number] | null = null;
  for (const [i, a] of parts.entries()) {
    if (a.kind !== "implies") continue;
    const vars = a.vars.map((v) => v.text);
    if (!isMembership(a.premise, vars, set) || mentions(a.conclusion, set)) continue;
    for (const [j, b] of parts.entries()) {
      if (b.kind !== "implies" || b.vars.length !== vars.length) continue;
      const bVars = b.vars.map((v) => v.text);
      if (!isMembership(b.conclusion, bVars, set)) continue;
      if (!same(b.premise, a.conclusion, new Map(bVars.map((v, k) => [v, vars[k]!])))) continue;
      if (pair !== null) return `${name} defines ${set} by more than one clause`;
      pair = [i, j];
    }
  }
  if (pair === null)
    return `${name} is not a comprehension of ${set}: no clause gives ${set}'s members in both directions`;
  const side = parts.filter((_, k) => k !== pair![0] && k !== pair![1]);
  if (side.length !== e.premises.length)
    return `${e.id} has ${e.premises.length} premises, ${name} ${side.length} side conditions`;
  const varOf = new Map(def.params.map((p, i) => [p, e.vars[i]!]));
  for (const [k, f] of side.entries()) {
    const p = e.premises[k]!;
    if (f.kind !== "atom" || mentions(f, set))
      return `side condition ${k + 1} of ${name} is not an atom without ${set}`;
    if (
      p.pred !== f.name.text ||
      p.neg === true ||
      p.args.length !== f.args.length ||
      f.args.some((a, i) => varOf.get(a.text) !== p.args[i])
    )
      return `premise ${k + 1} of ${e.id} is not side condition ${k + 1} of ${name}`;
  }
  return null;
}

/**
 * Set definitions (comprehensions). A definition D[x̄] is one when its body is a conjunction of
 * both directions of a membership clause for one parameter M,
 *
 *     ∀v̄ (mem(v̄, M) → φ)  ∧  ∀v̄ (φ → mem(v̄, M))      (mem: in, in2 or in3; v̄ distinct)
 *
 * with M not free in φ, plus side conditions: built-in atoms over the other parameters. GL's
 * `interval`, `limitSet`, `split`, `limitSequence` and `identity` are of this form. For such a D
 * the comprehension principle says that the set exists: side conditions → ∃M. D[x̄]. The
 * axioms never state it; the compiler emits it as an `exists` entity with the origin
 * `D (comprehension)`, which the engine uses only when asked to (EngineSettings.comprehension)
 * and the verifier checks against the definition's text on its own.
 */
import type { AtomFormula, Formula } from "./ast.js";

/** The membership predicates by arity: the element arguments, then the set. */
const MEMBERSHIP: ReadonlyMap<string, number> = new Map([
  ["in", 2],
  ["in2", 3],
  ["in3", 4],
]);

const BUILTIN_SIDE = new Set(["in", "in2", "in3", "="]);

export interface Comprehension {
  /** The index of the defined set among the parameters. */
  readonly set: number;
  /** The side conditions: atoms over the other parameters, in the body's order. */
  readonly side: readonly AtomFormula[];
}

/** The conjuncts of a (nested) conjunction, left to right. */
function conjuncts(f: Formula): Formula[] {
  return f.kind === "and" ? [...conjuncts(f.left), ...conjuncts(f.right)] : [f];
}

/** Whether `name` occurs free in `f`. */
function occursFree(f: Formula, name: string): boolean {
  switch (f.kind) {
    case "atom":
      return f.name.text === name || f.args.some((a) => a.text === name);
    case "not":
      return occursFree(f.body, name);
    case "and":
      return occursFree(f.left, name) || occursFree(f.right, name);
    case "implies":
      if (f.vars.some((v) => v.text === name)) return false;
      return occursFree(f.premise, name) || occursFree(f.conclusion, name);
  }
}

/** Equal up to the names of bound variables (`ren` maps a's bound names to b's). */
function alphaEqual(a: Formula, b: Formula, ren: ReadonlyMap<string, string>): boolean {
  const name = (n: string) => ren.get(n) ?? n;
  if (a.kind === "atom" && b.kind === "atom") {
    return (
      a.name.text === b.name.text &&
      a.args.length === b.args.length &&
      a.args.every((x, i) => name(x.text) === (b.args[i] as { text: string }).text)
    );
  }
  if (a.kind === "not" && b.kind === "not") return alphaEqual(a.body, b.body, ren);
  if (a.kind === "and" && b.kind === "and")
    return alphaEqual(a.left, b.left, ren) && alphaEqual(a.right, b.right, ren);
  if (a.kind === "implies" && b.kind === "implies") {
    if (a.vars.length !== b.vars.length) return false;
    const inner = new Map(ren);
    for (const [i, v] of a.vars.entries()) inner.set(v.text, (b.vars[i] as { text: string }).text);
    return alphaEqual(a.premise, b.premise, inner) && alphaEqual(a.conclusion, b.conclusion, inner);
  }
  return false;
}

/** `mem(v̄, M)` with v̄ exactly `vars` in order: M's name, else null. */
function membershipOf(f: Formula, vars: readonly string[]): string | null {
  if (f.kind !== "atom" || MEMBERSHIP.get(f.name.text) !== f.args.length) return null;
  const elems = f.args.slice(0, -1).map((a) => a.text);
  const set = (f.args[f.args.length - 1] as { text: string }).text;
  if (elems.length !== vars.length || elems.some((e, i) => e !== vars[i])) return null;
  if (new Set(vars).size !== vars.length || vars.includes(set)) return null;
  return set;
}

/** D's comprehension (see the module doc), or null when its body is not of that form. */
export function comprehensionOf(params: readonly string[], body: Formula): Comprehension | null {
  const parts = conjuncts(body);
  let found: { set: number; at: [number, number] } | null = null;
  for (let i = 0; i < parts.length; i++) {
    const there = parts[i] as Formula;
    if (there.kind !== "implies") continue;
    const vars = there.vars.map((v) => v.text);
    const set = membershipOf(there.premise, vars);
    const index = set === null ? -1 : params.indexOf(set);
    if (set === null || index < 0 || occursFree(there.conclusion, set)) continue;
    for (let j = 0; j < parts.length; j++) {
      const back = parts[j] as Formula;
      if (j === i || back.kind !== "implies" || back.vars.length !== vars.length) continue;
      const backVars = back.vars.map((v) => v.text);
      if (membershipOf(back.conclusion, backVars) !== set) continue;
      const ren = new Map(backVars.map((v, k) => [v, vars[k] as string]));
      if (!alphaEqual(back.premise, there.conclusion, ren)) continue;
      if (found !== null) return null; // two sets defined at once: not a single comprehension
      found = { set: index, at: [i, j] };
    }
  }
  if (found === null) return null;
  const setName = params[found.set] as string;
  const side: AtomFormula[] = [];
  for (let k = 0; k < parts.length; k++) {
    if (k === found.at[0] || k === found.at[1]) continue;
    const p = parts[k] as Formula;
    if (p.kind !== "atom" || !BUILTIN_SIDE.has(p.name.text)) return null;
    if (p.args.some((a) => a.text === setName || !params.includes(a.text))) return null;
    side.push(p);
  }
  return { set: found.set, side };
}

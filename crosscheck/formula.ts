/**
 * The first-order formulas a crosscheck problem is made of, independent of any solver's
 * syntax: smtlib.ts prints them as SMT-LIB 2 (for z3 and cvc5), tptp.ts as TPTP FOF (for E).
 * One sort of elements; symbols are the logical names of encode.ts (`in3.+`, `fn.+`, `zero`),
 * which each printer spells in its own syntax.
 *
 * Also the purely logical rewrites the encoding applies (none of them uses an axiom): the
 * one-point rule, dropping conjuncts a premise already gives, and trivial equalities.
 */

export type Term =
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "const"; readonly name: string }
  | { readonly kind: "app"; readonly fn: string; readonly args: readonly Term[] };

/**
 * A trigger for a quantifier: the terms and atoms that must all be matched (a multi-pattern).
 * Solvers without triggers ignore them; they never change what a formula means.
 */
export type Trigger = readonly (Term | Formula)[];

export type Formula =
  | { readonly kind: "true" }
  | { readonly kind: "false" }
  | { readonly kind: "pred"; readonly rel: string; readonly args: readonly Term[] }
  | { readonly kind: "eq"; readonly left: Term; readonly right: Term }
  | { readonly kind: "not"; readonly body: Formula }
  | { readonly kind: "and"; readonly parts: readonly Formula[] }
  | { readonly kind: "implies"; readonly premise: Formula; readonly conclusion: Formula }
  | {
      readonly kind: "forall";
      readonly vars: readonly string[];
      readonly body: Formula;
      /** Alternative triggers (any one may fire); empty: the solver chooses. */
      readonly triggers: readonly Trigger[];
      /** A cost for each instance (z3's `:weight`); 0: none. */
      readonly weight: number;
    }
  | { readonly kind: "exists"; readonly vars: readonly string[]; readonly body: Formula };

export const isTerm = (x: Term | Formula): x is Term =>
  x.kind === "var" || x.kind === "const" || x.kind === "app";

export const TRUE: Formula = { kind: "true" };
export const variable = (name: string): Term => ({ kind: "var", name });
export const constant = (name: string): Term => ({ kind: "const", name });
export const app = (fn: string, args: readonly Term[]): Term => ({ kind: "app", fn, args });
export const pred = (rel: string, args: readonly Term[]): Formula => ({ kind: "pred", rel, args });
export const eq = (left: Term, right: Term): Formula => ({ kind: "eq", left, right });

export function not(body: Formula): Formula {
  if (body.kind === "true") return { kind: "false" };
  if (body.kind === "false") return TRUE;
  return body.kind === "not" ? body.body : { kind: "not", body };
}

/** A flattened conjunction: `true` parts dropped, `and` inside `and` spliced. */
export function and(parts: readonly Formula[]): Formula {
  const flat = parts.flatMap(conjuncts);
  if (flat.some((p) => p.kind === "false")) return { kind: "false" };
  if (flat.length === 0) return TRUE;
  return flat.length === 1 ? flat[0]! : { kind: "and", parts: flat };
}

/** The conjuncts of a formula (itself when it is not a conjunction; none for `true`). */
export function conjuncts(f: Formula): readonly Formula[] {
  if (f.kind === "true") return [];
  return f.kind === "and" ? f.parts.flatMap(conjuncts) : [f];
}

export function implies(premise: Formula, conclusion: Formula): Formula {
  if (premise.kind === "true") return conclusion;
  return { kind: "implies", premise, conclusion };
}

export function forall(
  vars: readonly string[],
  body: Formula,
  triggers: readonly Trigger[] = [],
  weight = 0,
): Formula {
  return vars.length === 0 ? body : { kind: "forall", vars, body, triggers, weight };
}

export function exists(vars: readonly string[], body: Formula): Formula {
  return vars.length === 0 ? body : { kind: "exists", vars, body };
}

/** A canonical text of a term or formula, for syntactic comparison (not a solver syntax). */
export function key(x: Term | Formula): string {
  switch (x.kind) {
    case "var":
      return `?${x.name}`;
    case "const":
      return x.name;
    case "app":
      return `${x.fn}(${x.args.map(key).join(",")})`;
    case "pred":
      return `${x.rel}[${x.args.map(key).join(",")}]`;
    case "eq":
      return `(${key(x.left)}=${key(x.right)})`;
    case "not":
      return `~${key(x.body)}`;
    case "and":
      return `(${x.parts.map(key).join("&")})`;
    case "implies":
      return `(${key(x.premise)}=>${key(x.conclusion)})`;
    case "forall":
      return `!${x.vars.join(",")}.${key(x.body)}`;
    case "exists":
      return `?${x.vars.join(",")}.${key(x.body)}`;
    default:
      return x.kind;
  }
}

export function termVars(t: Term, into = new Set<string>()): Set<string> {
  if (t.kind === "var") into.add(t.name);
  else if (t.kind === "app") for (const a of t.args) termVars(a, into);
  return into;
}

/** The immediate parts of a formula: its sub-formulas and its argument terms. */
export function children(f: Formula): { formulas: readonly Formula[]; terms: readonly Term[] } {
  switch (f.kind) {
    case "pred":
      return { formulas: [], terms: f.args };
    case "eq":
      return { formulas: [], terms: [f.left, f.right] };
    case "not":
    case "forall":
    case "exists":
      return { formulas: [f.body], terms: [] };
    case "and":
      return { formulas: f.parts, terms: [] };
    case "implies":
      return { formulas: [f.premise, f.conclusion], terms: [] };
    default:
      return { formulas: [], terms: [] };
  }
}

/** The free variables of a formula. */
export function freeVars(f: Formula, into = new Set<string>()): Set<string> {
  const { formulas, terms } = children(f);
  for (const t of terms) termVars(t, into);
  const bound = f.kind === "forall" || f.kind === "exists" ? f.vars : [];
  for (const g of formulas) for (const v of freeVars(g)) if (!bound.includes(v)) into.add(v);
  return into;
}

/** The function applications in a formula, outermost first, each once (by `key`). */
export function applications(x: Term | Formula, into = new Map<string, Term>()): Map<string, Term> {
  if (isTerm(x)) {
    if (x.kind !== "app") return into;
    if (!into.has(key(x))) into.set(key(x), x);
    for (const a of x.args) applications(a, into);
    return into;
  }
  const { formulas, terms } = children(x);
  for (const t of terms) applications(t, into);
  for (const g of formulas) applications(g, into);
  return into;
}

function substituteTerm(t: Term, name: string, by: Term): Term {
  if (t.kind === "var") return t.name === name ? by : t;
  if (t.kind === "app")
    return app(
      t.fn,
      t.args.map((a) => substituteTerm(a, name, by)),
    );
  return t;
}

/**
 * The formula with the free variable `name` replaced by `by`. Callers substitute only terms
 * whose variables are bound outside every quantifier of `f` that could capture them (the
 * encoding's quantifiers bind distinct names), so no renaming is needed.
 */
export function substitute(f: Formula, name: string, by: Term): Formula {
  const s = (g: Formula) => substitute(g, name, by);
  switch (f.kind) {
    case "pred":
      return pred(
        f.rel,
        f.args.map((a) => substituteTerm(a, name, by)),
      );
    case "eq":
      return eq(substituteTerm(f.left, name, by), substituteTerm(f.right, name, by));
    case "not":
      return not(s(f.body));
    case "and":
      return and(f.parts.map(s));
    case "implies":
      return implies(s(f.premise), s(f.conclusion));
    case "forall":
      return f.vars.includes(name) ? f : { ...f, body: s(f.body) };
    case "exists":
      return f.vars.includes(name) ? f : exists(f.vars, s(f.body));
    default:
      return f;
  }
}

/**
 * A literal `v = t` (either side) of `literals` that defines one of `vars` by a term without
 * it: the one-point rule then removes v (`∀v: v = t → φ` is `φ[v:=t]`, and `∃v: v = t ∧ φ`
 * is `φ[v:=t]`). Variables are preferred as the defined side in `vars` order.
 */
function definition(
  literals: readonly Formula[],
  vars: readonly string[],
): { index: number; name: string; by: Term } | null {
  for (const [index, l] of literals.entries()) {
    if (l.kind !== "eq") continue;
    for (const [side, other] of [
      [l.left, l.right],
      [l.right, l.left],
    ] as const) {
      if (side.kind === "var" && vars.includes(side.name) && !termVars(other).has(side.name))
        return { index, name: side.name, by: other };
    }
  }
  return null;
}

const trivial = (f: Formula) => f.kind === "eq" && key(f.left) === key(f.right);

/**
 * Eliminates the variables of `vars` that `literals` define (the one-point rule), and applies
 * the same substitutions to `rest`. Returns what remains.
 */
export function eliminate(
  vars: readonly string[],
  literals: readonly Formula[],
  rest: Formula,
): { vars: string[]; literals: Formula[]; rest: Formula } {
  let vs = [...vars];
  let ls = [...literals];
  let r = rest;
  for (let d = definition(ls, vs); d !== null; d = definition(ls, vs)) {
    const { index, name, by } = d;
    ls = ls.filter((_, i) => i !== index).map((l) => substitute(l, name, by));
    r = substitute(r, name, by);
    vs = vs.filter((v) => v !== name);
  }
  return { vars: vs, literals: ls, rest: r };
}

/** Drops repeated literals and `t = t`. */
function distinctLiterals(literals: readonly Formula[]): Formula[] {
  const seen = new Set<string>();
  return literals.filter((l) => {
    const k = key(l);
    if (trivial(l) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The conclusion of `premises → conclusion` without what the premises give: conjuncts that
 * are premises (or `t = t`) are dropped, and in `¬(A ∧ B)` a premise A is dropped (`¬B`).
 */
function withoutGiven(conclusion: Formula, given: ReadonlySet<string>): Formula {
  if (conclusion.kind === "not") {
    const inner = conjuncts(conclusion.body);
    if (inner.length === 0) return conclusion;
    const kept = inner.filter((c) => !given.has(key(c)) && !trivial(c));
    return not(and(kept));
  }
  if (conclusion.kind === "exists") return conclusion;
  const kept = conjuncts(conclusion).filter((c) => !given.has(key(c)) && !trivial(c));
  return and(kept);
}

/**
 * `∀vars: premises → conclusion` simplified by pure logic: variables defined by a premise
 * equality are eliminated (one-point rule), as are witnesses defined by an equality of an
 * existential conclusion; repeated premises, trivial equalities and conclusion conjuncts that a
 * premise gives are dropped. The result is logically equivalent to the input. `true` when
 * nothing is left to say.
 */
export function simplifyRule(vars: readonly string[], premises: Formula, conclusion: Formula) {
  const first = eliminate(vars, conjuncts(premises), conclusion);
  let rest = first.rest;
  if (rest.kind === "exists") {
    const inner = eliminate(rest.vars, conjuncts(rest.body), TRUE);
    rest = exists(inner.vars, and(distinctLiterals(inner.literals)));
  }
  const literals = distinctLiterals(first.literals);
  const given = new Set(literals.map(key));
  const conclusionLeft = withoutGiven(rest, given);
  return { vars: first.vars, premises: literals, conclusion: conclusionLeft };
}

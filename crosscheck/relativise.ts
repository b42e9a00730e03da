/**
 * Dropping the carrier guards of a problem that is a relativisation to one set. After the
 * functional encoding, a Peano problem says `in.Nat(x)` before every use of every variable,
 * and every function is closed on Nat. Such guards cost a superposition prover such as E
 * dearly (each conditional equation must have its conditions proved before it rewrites), yet
 * they say nothing the problem does not already force, by the relativisation lemma:
 *
 * Let S be the only membership predicate of problem P, and suppose
 *   (a) every function f of P has a closure assumption `∀x̄: S(x1) ∧ … ∧ S(xn) → S(f(x̄))`;
 *   (b) every constant of P is in S by P's unconditional assumptions: a top-level conjunct
 *       `S(c)`, or `c = t` with t built from such constants by functions (a);
 *   (c) every quantifier is guarded: `∀x̄: (S(x1) ∧ … ∧ …) → φ` or `∃x̄: S(x1) ∧ … ∧ φ`;
 *   (d) at least one constant (so S is not empty).
 * Then P is satisfiable exactly when P' is, where P' replaces every atom S(t) by true. If M is a
 * model of P, S^M holds every constant and is closed under every function, so it is the domain
 * of a substructure M'; guarded quantifiers range over S^M in M and over all of M', every term
 * they or the ground assumptions can reach lies in S^M (so each atom S(t) there is true), and
 * quantifier-free parts mean the same in a substructure: M' is a model of P'. If N is a model
 * of P', N with S read as everything is a model of P. Hence the goal follows from P exactly
 * when it follows from P', and confirmations are unchanged; this is purely logical.
 *
 * `unrelativise` applies the rewrite only when (a)–(d) are checked to hold; otherwise the
 * problem is returned as it is (the guards are then part of the problem).
 */
import {
  and,
  children,
  conjuncts,
  type Formula,
  freeVars,
  implies,
  isTerm,
  key,
  not,
  type Term,
  termVars,
} from "./formula.js";
import type { Assertion, Problem } from "./problem.js";

function termParts(t: Term, fns: Set<string>, constants: Set<string>) {
  if (t.kind === "const") constants.add(t.name);
  else if (t.kind === "app") {
    fns.add(`${t.fn}/${t.args.length}`);
    for (const a of t.args) termParts(a, fns, constants);
  }
}

/** Functions, constants and unary membership predicates (`in.S`) of a formula. */
function parts(f: Formula, fns: Set<string>, constants: Set<string>, members: Set<string>): void {
  if (f.kind === "pred" && f.rel.startsWith("in.") && f.args.length === 1) members.add(f.rel);
  const { formulas, terms } = children(f);
  for (const t of terms) termParts(t, fns, constants);
  for (const g of formulas) parts(g, fns, constants, members);
}

const isMember = (f: Formula, set: string, x: string) =>
  f.kind === "pred" &&
  f.rel === set &&
  f.args.length === 1 &&
  f.args[0]!.kind === "var" &&
  f.args[0]!.name === x;

/** (c): every quantifier of f is guarded by `set`. */
function guarded(f: Formula, set: string): boolean {
  switch (f.kind) {
    case "forall": {
      const premises = f.body.kind === "implies" ? conjuncts(f.body.premise) : [];
      return f.vars.every((v) => premises.some((p) => isMember(p, set, v))) && guarded(f.body, set);
    }
    case "exists": {
      const body = conjuncts(f.body);
      return f.vars.every((v) => body.some((p) => isMember(p, set, v))) && guarded(f.body, set);
    }
    case "not":
      return guarded(f.body, set);
    case "and":
      return f.parts.every((p) => guarded(p, set));
    case "implies":
      return guarded(f.premise, set) && guarded(f.conclusion, set);
    default:
      return true;
  }
}

/** (a): `∀x̄: S(x1) ∧ … ∧ S(xn) → S(f(x̄))` with x̄ distinct: the closure of f, or null. */
function closureOf(f: Formula, set: string): string | null {
  if (f.kind !== "forall" || f.body.kind !== "implies") return null;
  const c = f.body.conclusion;
  if (c.kind !== "pred" || c.rel !== set || c.args.length !== 1) return null;
  const t = c.args[0]!;
  if (t.kind !== "app" || t.args.length !== f.vars.length) return null;
  const names = t.args.map((a) => (a.kind === "var" ? a.name : null));
  if (names.some((n) => n === null) || new Set(names).size !== names.length) return null;
  if (!f.vars.every((v) => names.includes(v))) return null;
  const premises = conjuncts(f.body.premise);
  return f.vars.every((v) => premises.some((p) => isMember(p, set, v))) ? `${t.fn}/${t.args.length}` : null;
}

/** (b): the constants the unconditional assumptions put in `set`. */
function members(assumptions: readonly Formula[], set: string, closed: ReadonlySet<string>): Set<string> {
  const known = new Set<string>();
  const facts = assumptions.flatMap(conjuncts);
  const inSet = (t: Term): boolean =>
    t.kind === "const"
      ? known.has(t.name)
      : t.kind === "app" && closed.has(`${t.fn}/${t.args.length}`) && t.args.every(inSet);
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of facts) {
      let c: string | null = null;
      if (f.kind === "pred" && f.rel === set && f.args[0]?.kind === "const") c = f.args[0].name;
      else if (f.kind === "eq") {
        if (f.left.kind === "const" && !known.has(f.left.name) && inSet(f.right)) c = f.left.name;
        else if (f.right.kind === "const" && !known.has(f.right.name) && inSet(f.left)) c = f.right.name;
      }
      if (c !== null && !known.has(c)) {
        known.add(c);
        grew = true;
      }
    }
  }
  return known;
}

/** f with every atom `set(t)` read as true. */
function dropMembership(f: Formula, set: string): Formula {
  const rec = (g: Formula) => dropMembership(g, set);
  switch (f.kind) {
    case "pred":
      return f.rel === set ? { kind: "true" } : f;
    case "not":
      return not(rec(f.body));
    case "and":
      return and(f.parts.map(rec));
    case "implies": {
      const conclusion = rec(f.conclusion);
      if (conclusion.kind === "true") return conclusion;
      return implies(rec(f.premise), conclusion);
    }
    case "forall": {
      const body = rec(f.body);
      if (body.kind === "true") return body;
      // Dropped atoms leave their triggers; a trigger that no longer covers the variables goes.
      const triggers = f.triggers
        .map((t) => t.filter((x) => !(x.kind === "pred" && x.rel === set)))
        .filter((t) => {
          const covered = new Set(t.flatMap((x) => [...(isTerm(x) ? termVars(x) : freeVars(x))]));
          return f.vars.every((v) => covered.has(v));
        });
      return { ...f, body, triggers };
    }
    case "exists":
      return { ...f, body: rec(f.body) };
    default:
      return f;
  }
}

/**
 * The problem with its carrier guards dropped when (a)–(d) hold, with the set named; else the
 * problem unchanged and why not.
 */
export function unrelativise(p: Problem): { problem: Problem; set: string | null; why: string | null } {
  // Term hints are left out of the conditions: each is kept only where its term lies in S
  // (its functions closed, its constants known to be in S), the others dropped, which changes
  // no answer (problem.ts).
  const proper = p.assumptions.filter((a) => !a.hint);
  const formulas = [...proper.flatMap((a) => (a.formula ? [a.formula] : [])), p.goal.formula];
  const fns = new Set<string>();
  const constants = new Set<string>();
  const sets = new Set<string>();
  for (const f of formulas) parts(f, fns, constants, sets);
  const keep = (why: string) => ({ problem: p, set: null, why });
  if (sets.size !== 1) return keep(sets.size === 0 ? "no membership guards" : "more than one set");
  const set = [...sets][0]!;
  const assumed = proper.flatMap((a) => (a.formula ? [a.formula] : []));
  const closed = new Set(assumed.map((f) => closureOf(f, set)).filter((x): x is string => x !== null));
  const open = [...fns].filter((f) => !closed.has(f));
  if (open.length > 0) return keep(`no closure of ${set} under ${open.join(", ")}`);
  const known = members(assumed, set, closed);
  const outside = [...constants].filter((c) => !known.has(c));
  if (outside.length > 0) return keep(`not known to be in ${set}: ${outside.join(", ")}`);
  if (constants.size === 0) return keep("no constant");
  if (!formulas.every((f) => guarded(f, set))) return keep(`a quantifier not guarded by ${set}`);
  const inSet = (f: Formula) => {
    const hintFns = new Set<string>();
    const hintConstants = new Set<string>();
    parts(f, hintFns, hintConstants, new Set());
    return [...hintFns].every((x) => closed.has(x)) && [...hintConstants].every((c) => known.has(c));
  };
  const assumptions: Assertion[] = p.assumptions.flatMap((a): Assertion[] => {
    if (!a.formula) return [a];
    if (a.hint) return inSet(a.formula) ? [a] : [];
    const f = dropMembership(a.formula, set);
    return f.kind === "true"
      ? [{ comment: `${a.comment}: true with the guards of ${set} dropped`, formula: null }]
      : [{ comment: a.comment, formula: f }];
  });
  const header = [
    ...p.header,
    `the guards of ${set} dropped (relativisation): every element the problem speaks of lies in ${set.slice(3)}`,
  ];
  const goal = { comment: p.goal.comment, formula: dropMembership(p.goal.formula, set) };
  return { problem: { header, assumptions: dedupe(assumptions), goal }, set, why: null };
}

/** Assumptions made equal by the rewrite, stated once. */
function dedupe(assumptions: readonly Assertion[]): Assertion[] {
  const out: Assertion[] = [];
  const at = new Map<string, number>();
  for (const a of assumptions) {
    const k = a.formula ? key(a.formula) : null;
    const i = k === null ? undefined : at.get(k);
    if (i !== undefined) {
      out[i] = { ...out[i]!, comment: `${out[i]!.comment}; ${a.comment}` };
      continue;
    }
    if (k !== null) at.set(k, out.length);
    out.push(a);
  }
  return out;
}

/**
 * Conjecture statements as premise chains: canonical variable numbering, free inputs (the
 * induction candidates), mirrors, and a canonical key for de-duplication.
 */
import type { Conjecture, PatternAtom, Predicate } from "../mpl/theory.js";
import { MEMBER_PRED } from "./rules.js";

export interface Statement {
  readonly varNames: readonly string[];
  readonly premises: readonly PatternAtom[];
  readonly head: PatternAtom;
}

/** Renumbers variables by first occurrence (premises in order, then the head). */
export function canonicalVars(s: Statement): Statement {
  const map = new Map<number, number>();
  const names: string[] = [];
  const visit = (a: PatternAtom): PatternAtom => ({
    pred: a.pred,
    negated: a.negated,
    args: a.args.map((t) => {
      if (t < 0) return t;
      let v = map.get(t);
      if (v === undefined) {
        v = map.size;
        map.set(t, v);
        names.push(s.varNames[t] ?? `v${t}`);
      }
      return v;
    }),
  });
  const premises = s.premises.map(visit);
  const head = visit(s.head);
  return { varNames: names, premises, head };
}

/** Variables used only as operator inputs: the candidates for induction. */
export function freeInputs(s: Statement, preds: readonly Predicate[]): number[] {
  const input = new Set<number>();
  const other = new Set<number>();
  for (const a of [...s.premises, s.head]) {
    const op = preds[a.pred]?.operator;
    a.args.forEach((t, i) => {
      if (t < 0) return;
      if (op?.inputs.includes(i)) input.add(t);
      else other.add(t);
    });
  }
  return [...input].filter((v) => !other.has(v)).sort((x, y) => x - y);
}

/**
 * Induction variables beyond the pure inputs (engine/plan.ts says when they are tried): every
 * variable used as an operator input somewhere, also one that occurs elsewhere too (an output,
 * an equality, a negated atom: `0 + a = b → b = a` inducts on a, `a + b = a → b = 0` on a,
 * `s(a) = b → b ≠ a` on a), and a variable that a premise puts in the carrier
 * (`a ∈ N ∧ a ≠ 0 → …`: a case split on a). Pure inputs (freeInputs) come first; each group in
 * the order of `canonicalRanks`, so the choice does not depend on how the statement is written.
 */
export function inductionVars(s: Statement, preds: readonly Predicate[], carrier: number): number[] {
  const rank = canonicalRanks(s);
  const byRank = (x: number, y: number) => rank[x]! - rank[y]!;
  const pure = freeInputs(s, preds).sort(byRank);
  const more = new Set<number>();
  for (const a of [...s.premises, s.head]) {
    const op = preds[a.pred]?.operator;
    a.args.forEach((t, i) => {
      if (t >= 0 && op?.inputs.includes(i)) more.add(t);
    });
  }
  const carrierT = -carrier - 1;
  for (const p of s.premises)
    if (p.pred === MEMBER_PRED && !p.negated && p.args[1] === carrierT && p.args[0]! >= 0)
      more.add(p.args[0]!);
  return [...pure, ...[...more].filter((v) => !pure.includes(v)).sort(byRank)];
}

/**
 * A rank for each variable that does not depend on how the statement is written: its number
 * in the premise order that gives the smallest `statementKey` (premise order and names do not
 * change it; variables that only an automorphism of the statement tells apart may swap).
 */
export function canonicalRanks(s: Statement): number[] {
  return canonicalForm(s).ranks;
}

/** The smallest key over premise orders (variables numbered by first occurrence), and the ranks it gives. */
function canonicalForm(s: Statement): { key: string; ranks: number[] } {
  const n = s.premises.length;
  const orders = n > 7 ? [s.premises.map((_, i) => i)] : permutations(n);
  let best: { key: string; ranks: number[] } | null = null;
  for (const perm of orders) {
    const seen = new Map<number, number>();
    const visit = (a: PatternAtom): string => {
      const args = a.args.map((t) => {
        if (t < 0) return t;
        if (!seen.has(t)) seen.set(t, seen.size);
        return seen.get(t)!;
      });
      return atomText({ ...a, args });
    };
    const key = [...perm.map((i) => visit(s.premises[i]!)), "=>", visit(s.head)].join(" ");
    if (best === null || key < best.key)
      best = { key, ranks: s.varNames.map((_, v) => seen.get(v) ?? seen.size + v) };
  }
  return best!;
}

/**
 * The symmetric variant: the head swapped with the premise that computes the other side of
 * the equation (the premise whose output is the head's output). Null when there is none.
 */
export function mirror(s: Statement, preds: readonly Predicate[]): Statement | null {
  const hop = preds[s.head.pred]?.operator;
  if (!hop || s.head.negated) return null;
  const out = s.head.args[hop.output]!;
  if (out < 0) return null;
  const idx = s.premises.findIndex((p) => {
    const op = preds[p.pred]?.operator;
    return !!op && !p.negated && p.args[op.output] === out;
  });
  if (idx < 0) return null;
  const premises = s.premises.map((p, i) => (i === idx ? s.head : p));
  return canonicalVars({ varNames: s.varNames, premises, head: s.premises[idx]! });
}

const atomText = (a: PatternAtom): string => `${a.negated ? "!" : ""}${a.pred}[${a.args.join(",")}]`;

/** Same key for statements equal up to variable renaming and premise order. */
export function statementKey(s: Statement): string {
  return canonicalForm(s).key;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1))
    for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  return out;
}

export function statementOf(c: Conjecture): Statement {
  return canonicalVars({ varNames: c.varNames, premises: c.premises, head: c.head });
}

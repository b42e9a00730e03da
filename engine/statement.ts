/**
 * Conjecture statements as premise chains: canonical variable numbering, free inputs (the
 * induction candidates), mirrors, and a canonical key for de-duplication.
 */
import type { Conjecture, PatternAtom, Predicate } from "../mpl/theory.js";

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
 * Induction variables when a statement has no pure input (engine/run.ts): every variable used
 * as an operator input somewhere, also one that occurs elsewhere too (an output, an equality, a negated atom: `0 + a = b → b = a` inducts
 * on a, `a + b = a → b = 0` on a). Pure inputs (freeInputs) come first, in variable order.
 */
export function inductionVars(s: Statement, preds: readonly Predicate[]): number[] {
  const pure = freeInputs(s, preds);
  const input = new Set<number>();
  for (const a of [...s.premises, s.head]) {
    const op = preds[a.pred]?.operator;
    a.args.forEach((t, i) => {
      if (t >= 0 && op?.inputs.includes(i)) input.add(t);
    });
  }
  const mixed = [...input].filter((v) => !pure.includes(v)).sort((x, y) => x - y);
  return [...pure, ...mixed];
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
  const n = s.premises.length;
  if (n > 7) return [...s.premises.map(atomText), "=>", atomText(s.head)].join(" ");
  let best: string | null = null;
  for (const perm of permutations(n)) {
    const c = canonicalVars({
      varNames: s.varNames,
      premises: perm.map((i) => s.premises[i]!),
      head: s.head,
    });
    const k = [...c.premises.map(atomText), "=>", atomText(c.head)].join(" ");
    if (best === null || k < best) best = k;
  }
  return best!;
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

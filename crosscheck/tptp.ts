/**
 * A problem (problem.ts) in TPTP's first-order form (FOF), for first-order provers such as E:
 * every assumption an `axiom`, the goal the `conjecture`, so a prover's `Theorem` means the
 * goal follows. FOF is untyped, which matches the one sort of the SMT-LIB problems; triggers,
 * weights and term hints are for instantiating solvers and are left out.
 *
 * Names: a plain lower-case identifier is kept (`zero`, `a1`); anything else is a single-quoted
 * atom (`'in3.+'`, `'fn.succ'`, `'x.N'` for an element named N). Characters outside printable
 * ASCII, and `#`, are written as `#x<hex>;` inside quotes, so distinct names stay distinct.
 * Bound variables become `X_<name>` (or `XV<n>` for names that are not plain).
 */
import type { Formula, Term } from "./formula.js";
import type { Problem } from "./problem.js";
import { oneLine } from "./text.js";

const LOWER_WORD = /^[a-z][A-Za-z0-9_]*$/;
const PLAIN = /^[A-Za-z0-9_]+$/;

function quoted(name: string): string {
  const inner = [...name]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === "#" || code < 32 || code > 126) return `#x${code.toString(16)};`;
      return c === "'" || c === "\\" ? `\\${c}` : c;
    })
    .join("");
  return `'${inner}'`;
}

/** A function or predicate symbol (always contains a dot, so always quoted). */
const symbol = (name: string) => (LOWER_WORD.test(name) ? name : quoted(name));

/** An element: kept when it is a lower-case word, else `'x.<name>'` (never a symbol's name). */
export const tptpElement = (name: string) => (LOWER_WORD.test(name) ? name : quoted(`x.${name}`));

class Variables {
  private readonly names = new Map<string, string>();
  of(name: string): string {
    let v = this.names.get(name);
    if (v === undefined) {
      v = PLAIN.test(name) ? `X_${name}` : `XV${this.names.size}`;
      this.names.set(name, v);
    }
    return v;
  }
}

function term(t: Term, vars: Variables): string {
  if (t.kind === "var") return vars.of(t.name);
  if (t.kind === "const") return tptpElement(t.name);
  return `${symbol(t.fn)}(${t.args.map((a) => term(a, vars)).join(",")})`;
}

function formula(f: Formula, vars: Variables): string {
  switch (f.kind) {
    case "true":
      return "$true";
    case "false":
      return "$false";
    case "pred":
      return f.args.length === 0
        ? symbol(f.rel)
        : `${symbol(f.rel)}(${f.args.map((a) => term(a, vars)).join(",")})`;
    case "eq":
      return `${term(f.left, vars)} = ${term(f.right, vars)}`;
    case "not":
      return f.body.kind === "eq"
        ? `${term(f.body.left, vars)} != ${term(f.body.right, vars)}`
        : `~ ${atomic(f.body, vars)}`;
    case "and":
      return f.parts.map((p) => atomic(p, vars)).join(" & ");
    case "implies":
      return `${atomic(f.premise, vars)} => ${atomic(f.conclusion, vars)}`;
    case "forall":
    case "exists":
      return `${f.kind === "forall" ? "!" : "?"} [${f.vars.map((v) => vars.of(v)).join(",")}] : ${atomic(f.body, vars)}`;
  }
}

/** A formula as an operand: parenthesised unless it is an atom. */
function atomic(f: Formula, vars: Variables): string {
  const text = formula(f, vars);
  return f.kind === "pred" || f.kind === "true" || f.kind === "false" ? text : `(${text})`;
}

/** The problem as a TPTP FOF file; `Theorem` (SZS) means the goal follows. */
export function toTptp(p: Problem): string {
  const lines = p.header.map((h) => `% ${oneLine(h)}`);
  let n = 0;
  for (const a of p.assumptions) {
    // Term hints are for instantiating solvers; they change no answer (problem.ts).
    if (a.hint) continue;
    lines.push(`% ${oneLine(a.comment)}`);
    if (a.formula) lines.push(`fof(a${++n}, axiom, ${formula(a.formula, new Variables())}).`);
  }
  lines.push(
    `% ${oneLine(p.goal.comment)}`,
    `fof(goal, conjecture, ${formula(p.goal.formula, new Variables())}).`,
  );
  return `${lines.join("\n")}\n`;
}

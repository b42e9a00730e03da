/**
 * Closed forms of iterated functions, read off their defining axioms: what lets exact
 * evaluation (exact-filter.ts) compute `4 ^ 9` or `8 ^ 8` exactly, past the ground model's
 * numerals, where running the recursion would take millions of successor steps.
 *
 * A function is recognised when its readings (evaluate.ts) are a base case and a step on one
 * input, with `y` that input and `x` the other one (absent for a unary function):
 * - base: `f(x, 0) = B(x)`;
 * - step: `f(x, s(y)) = E` where E, computed symbolically from the reading's program, is the
 *   recursive value `u = f(x, y)` plus or times a term `H(x)` that mentions neither u nor y.
 * Then, by induction on y, `f(x, y) = B(x) + y·H(x)` or `f(x, y) = B(x)·H(x)^y`. The symbolic
 * program uses only the successor, the carrier, equalities and functions already recognised, so
 * `+` is recognised first (a step `s(u)`), then `·` (a step `u + x`), then `^` (a step `u·x`).
 * A step that also mentions y (a sum such as `tri(s(y)) = tri(y) + s(y)`) is not an iteration:
 * such functions are evaluated by their recursion.
 */
import type { Term } from "../../mpl/theory.js";
import type { Reading } from "./evaluate.js";

/** A term over the inputs: `x`, `y` and the recursive value `u` while a step is read. */
export type Expr =
  | { readonly k: "x" | "y" | "u" }
  | { readonly k: "n"; readonly v: bigint }
  | { readonly k: "add" | "mul" | "pow"; readonly a: Expr; readonly b: Expr };

/** A recognised function: its value in terms of `x` (input `xSlot`) and `y` (input `ySlot`). */
export interface ClosedForm {
  readonly ySlot: number;
  /** The other input of a binary function; null for a unary one. */
  readonly xSlot: number | null;
  readonly expr: Expr;
  /** The axioms (reading rules) of its base and step. */
  readonly rules: readonly string[];
}

const X: Expr = { k: "x" };
const Y: Expr = { k: "y" };
const U: Expr = { k: "u" };
const num = (v: bigint): Expr => ({ k: "n", v });
const isNum = (e: Expr, v: bigint): boolean => e.k === "n" && e.v === v;

// Terms are built simplified by identities of the naturals (0 + t = t, 1·t = t, t^1 = t, …),
// so that a step reads as `u + H` or `u·H` whatever the axioms' way round.
function add(a: Expr, b: Expr): Expr {
  if (a.k === "n" && b.k === "n") return num(a.v + b.v);
  if (isNum(a, 0n)) return b;
  if (isNum(b, 0n)) return a;
  return { k: "add", a, b };
}

function mul(a: Expr, b: Expr): Expr {
  if (a.k === "n" && b.k === "n") return num(a.v * b.v);
  if (isNum(a, 0n) || isNum(b, 0n)) return num(0n);
  if (isNum(a, 1n)) return b;
  if (isNum(b, 1n)) return a;
  return { k: "mul", a, b };
}

function pow(a: Expr, b: Expr): Expr {
  if (isNum(b, 0n)) return num(1n);
  if (isNum(b, 1n) || isNum(a, 1n)) return a;
  return { k: "pow", a, b };
}

const build = { add, mul, pow } as const;

function same(a: Expr, b: Expr): boolean {
  if (a.k !== b.k) return false;
  if (a.k === "n") return a.v === (b as typeof a).v;
  if (a.k === "add" || a.k === "mul" || a.k === "pow") {
    const c = b as typeof a;
    return same(a.a, c.a) && same(a.b, c.b);
  }
  return true;
}

function mentions(e: Expr, k: "x" | "y" | "u"): boolean {
  if (e.k === k) return true;
  return (e.k === "add" || e.k === "mul" || e.k === "pow") && (mentions(e.a, k) || mentions(e.b, k));
}

function substitute(e: Expr, vars: { x?: Expr; y?: Expr }): Expr {
  switch (e.k) {
    case "x":
      return vars.x ?? e;
    case "y":
      return vars.y ?? e;
    case "u":
    case "n":
      return e;
    default:
      return build[e.k](substitute(e.a, vars), substitute(e.b, vars));
  }
}

/** The summands (or factors) of a tree of one operation. */
function flatten(e: Expr, k: "add" | "mul"): Expr[] {
  return e.k === k ? [...flatten(e.a, k), ...flatten(e.b, k)] : [e];
}

/** Largest value the evaluation computes (a safe integer: the filter's values are numbers). */
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The value of `e` at x, y, or undefined past MAX. */
export function evaluateExpr(e: Expr, x: bigint, y: bigint): bigint | undefined {
  switch (e.k) {
    case "x":
      return x;
    case "y":
      return y;
    case "u":
      return undefined;
    case "n":
      return e.v;
  }
  const a = evaluateExpr(e.a, x, y);
  const b = evaluateExpr(e.b, x, y);
  if (a === undefined || b === undefined) return undefined;
  let v: bigint;
  if (e.k === "add") v = a + b;
  else if (e.k === "mul") v = a * b;
  else {
    // Past 53 bits before computing it: 2^b ≤ a^b for a ≥ 2.
    if (a >= 2n && b > 53n) return undefined;
    v = a ** b;
  }
  return v > MAX ? undefined : v;
}

/**
 * The closed forms of the functions whose readings are iterations, by function id: recognised
 * in rounds, each round using the forms found before (a step of `·` calls `+`).
 */
export function closedForms(
  readings: ReadonlyMap<number, readonly Reading[]>,
  arity: (op: number) => number,
  roles: { readonly zero: number; readonly successor: number },
): Map<number, ClosedForm> {
  const found = new Map<number, ClosedForm>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [f, list] of [...readings].sort((a, b) => a[0] - b[0])) {
      if (found.has(f)) continue;
      const form = recognise(f, list, arity(f), found, roles);
      if (form !== null) {
        found.set(f, form);
        grew = true;
      }
    }
  }
  return found;
}

function recognise(
  f: number,
  list: readonly Reading[],
  n: number,
  known: ReadonlyMap<number, ClosedForm>,
  roles: { readonly zero: number; readonly successor: number },
): ClosedForm | null {
  const zero: Term = -roles.zero - 1;
  for (let ySlot = 0; ySlot < n; ySlot++) {
    const xSlot = n === 2 ? 1 - ySlot : null;
    // Base: input ySlot is zero, the other one a variable.
    let base: { expr: Expr; rule: string } | null = null;
    for (const r of list) {
      if (r.inputs[ySlot] !== zero) continue;
      if (xSlot !== null && r.inputs[xSlot]! < 0) continue;
      const e = symbolic(r, f, ySlot, xSlot, known, roles, "base");
      if (e !== null && !mentions(e, "u") && !mentions(e, "y")) {
        base = { expr: e, rule: r.rule };
        break;
      }
    }
    if (base === null) continue;
    for (const r of list) {
      if (r.inputs.some((t) => t < 0)) continue;
      if (xSlot !== null && r.inputs[0] === r.inputs[1]) continue;
      const e = symbolic(r, f, ySlot, xSlot, known, roles, "step");
      if (e === null || !mentions(e, "u") || mentions(e, "y")) continue;
      for (const kind of ["add", "mul"] as const) {
        const parts = flatten(e, kind);
        const withU = parts.filter((p) => mentions(p, "u"));
        if (withU.length !== 1 || !same(withU[0]!, U)) continue;
        const rest = parts.filter((p) => p !== withU[0]);
        const h = rest.reduce(build[kind], num(kind === "add" ? 0n : 1n));
        const expr = kind === "add" ? add(base.expr, mul(Y, h)) : mul(base.expr, pow(h, Y));
        return { ySlot, xSlot, expr, rules: [base.rule, r.rule] };
      }
    }
  }
  return null;
}

/**
 * The reading's output as a term over x, y and u, or null when a step is outside what the
 * symbolic run follows. In a step reading input ySlot is `y + 1` (its predecessor is y) and the
 * recursive call must be `f` at (x, y); a base reading has no call of f.
 */
function symbolic(
  r: Reading,
  f: number,
  ySlot: number,
  xSlot: number | null,
  known: ReadonlyMap<number, ClosedForm>,
  roles: { readonly zero: number; readonly successor: number },
  mode: "base" | "step",
): Expr | null {
  const env = new Map<number, Expr>();
  const get = (t: Term): Expr | undefined =>
    t < 0 ? (t === -roles.zero - 1 ? num(0n) : undefined) : env.get(t);
  const put = (t: Term, e: Expr): boolean => {
    const old = get(t);
    if (old !== undefined) return same(old, e);
    if (t < 0) return false;
    env.set(t, e);
    return true;
  };
  if (xSlot !== null && !put(r.inputs[xSlot]!, X)) return null;
  if (mode === "step" && !put(r.inputs[ySlot]!, add(Y, num(1n)))) return null;
  if (mode === "base" && get(r.inputs[ySlot]!) === undefined) return null;
  for (const step of r.program) {
    switch (step.kind) {
      case "member":
        if (get(step.x) === undefined) return null;
        break;
      case "eq": {
        const a = get(step.a);
        if (a === undefined || !put(step.b, a)) return null;
        break;
      }
      case "succ": {
        const a = get(step.from);
        if (a === undefined || !put(step.to, add(a, num(1n)))) return null;
        break;
      }
      case "pred": {
        const a = get(step.from);
        // Only the predecessor of y + 1 is followed (the recursion's descent).
        if (a === undefined || a.k !== "add" || a.b.k !== "n" || a.b.v !== 1n || !put(step.to, a.a))
          return null;
        break;
      }
      case "call": {
        const ins = step.inputs.map(get);
        if (ins.some((e) => e === undefined)) return null;
        let out: Expr;
        if (step.op === roles.successor) out = add(ins[0]!, num(1n));
        else if (step.op === f) {
          if (mode === "base") return null;
          if (!same(ins[ySlot]!, Y) || (xSlot !== null && !same(ins[xSlot]!, X))) return null;
          out = U;
        } else {
          const form = known.get(step.op);
          if (form === undefined) return null;
          out = substitute(form.expr, {
            y: ins[form.ySlot]!,
            ...(form.xSlot !== null ? { x: ins[form.xSlot]! } : {}),
          });
        }
        if (!put(step.output, out)) return null;
        break;
      }
    }
  }
  return get(r.output) ?? null;
}

/** The closed form's value at the given inputs (undefined past a safe integer). */
export function applyClosedForm(form: ClosedForm, inputs: readonly number[]): number | undefined {
  const y = BigInt(inputs[form.ySlot]!);
  const x = form.xSlot === null ? 0n : BigInt(inputs[form.xSlot]!);
  const v = evaluateExpr(form.expr, x, y);
  return v === undefined ? undefined : Number(v);
}

/**
 * The closed form as text over the function's inputs named by position (`a`, then `b`):
 * `a ^ b = a^b` for an operation, `dbl(a) = a·2` for a function.
 */
export function describeClosedForm(form: ClosedForm, name: string): string {
  const nameOf = (slot: number) => (slot === 0 ? "a" : "b");
  const show = (e: Expr, inner: boolean): string => {
    switch (e.k) {
      case "x":
        return form.xSlot === null ? "x" : nameOf(form.xSlot);
      case "y":
        return nameOf(form.ySlot);
      case "u":
        return "u";
      case "n":
        return String(e.v);
    }
    const text =
      e.k === "add"
        ? `${show(e.a, false)} + ${show(e.b, false)}`
        : `${show(e.a, true)}${e.k === "mul" ? "·" : "^"}${show(e.b, true)}`;
    return inner ? `(${text})` : text;
  };
  const lhs = form.xSlot === null ? `${name}(a)` : `a ${name} b`;
  return `${lhs} = ${show(form.expr, false)}`;
}

/**
 * Readable names for theorems, derived from their statements: `add_comm`, `mul_zero_right`,
 * `add_succ_left`, `mul_add_distrib_left`. Theorems that state the same law with its
 * variables or sides permuted form a family; the family's representative (a named theorem if
 * there is one, else the first) carries the name, the others `<name>_var`, `<name>_var2`, ….
 *
 * Display names only: the proof graph's ids and `name` fields are left alone. Pure and
 * deterministic: the same graph gives the same names, in graph order.
 */
import {
  type ApplyTerm,
  isSymbolName,
  type ReadableContext,
  statementEquation,
  type Term,
} from "./readable.js";
import type { ProofGraph, TheoremJson } from "./schema.js";

export interface TheoremNaming {
  /** The name shown for the theorem (its own `name` when it has one). */
  readonly name: string;
  /** The family's representative (itself for a representative). */
  readonly representative: string;
  /** For a representative: the other members of its family, in graph order. */
  readonly variants: readonly string[];
  /** Word names of the operations the statement mentions (`add`, `mul`, `succ`), sorted. */
  readonly operations: readonly string[];
}

const WORDS: ReadonlyMap<string, string> = new Map([
  ["+", "add"],
  ["*", "mul"],
  ["·", "mul"],
  ["×", "mul"],
  ["-", "sub"],
  ["−", "sub"],
  ["/", "div"],
  ["÷", "div"],
]);

/** The constants with a role: how a name reads as a word. */
function wordOf(graph: ProofGraph): (name: string) => string {
  const roles = new Map(graph.theory.constants.map((c) => [c.name, c.role]));
  return (name) => {
    const known = WORDS.get(name);
    if (known !== undefined) return known;
    const role = roles.get(name);
    if (role === "successor") return "succ";
    if (role === "zero") return "zero";
    if (isSymbolName(name)) return "op";
    const word = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "");
    return word.length > 0 ? word : "op";
  };
}

const isApply = (t: Term): t is ApplyTerm => "fn" in t;

/** Operation names of a term, outermost first, each once. */
function operationsOf(t: Term, out: string[]): string[] {
  if (!isApply(t)) return out;
  if (!out.includes(t.fn)) out.push(t.fn);
  for (const a of t.args) operationsOf(a, out);
  return out;
}

/** The term's shape with every variable as `_`: the same for any permutation of the variables. */
function shape(t: Term, vars: ReadonlySet<string>): string {
  if (!isApply(t)) return vars.has(t.name) ? "_" : t.name;
  return `${t.fn}(${t.args.map((a) => shape(a, vars)).join(",")})`;
}

function same(a: Term, b: Term): boolean {
  if (!isApply(a) || !isApply(b)) return !isApply(a) && !isApply(b) && a.name === b.name;
  return a.fn === b.fn && a.args.length === b.args.length && a.args.every((x, i) => same(x, b.args[i]!));
}

/** `f(x, y)` with two arguments, or null. */
function binary(t: Term): [string, Term, Term] | null {
  return isApply(t) && t.args.length === 2 ? [t.fn, t.args[0]!, t.args[1]!] : null;
}

/** Classifies `l = r` (tried in both directions) into a law name, or null. */
function lawName(
  l: Term,
  r: Term,
  word: (n: string) => string,
  zero: string | null,
  succ: string | null,
): string | null {
  const bl = binary(l);
  const br = binary(r);
  const isZero = (t: Term): boolean => !isApply(t) && t.name === zero;
  const isSucc = (t: Term): boolean => isApply(t) && t.fn === succ && t.args.length === 1;
  if (bl && br && bl[0] === br[0]) {
    const f = word(bl[0]);
    if (same(bl[1], br[2]) && same(bl[2], br[1])) {
      const extra = [bl[1], bl[2]].some(isZero) ? "_zero" : [bl[1], bl[2]].some(isSucc) ? "_succ" : "";
      return `${f}${extra}_comm`;
    }
    // f(x, f(y, z)) = f(f(x, y), z), either way round.
    for (const [x, y] of [
      [bl, br],
      [br, bl],
    ] as const) {
      const inner = binary(x[2]);
      const innerY = binary(y[1]);
      if (inner && innerY && inner[0] === x[0] && innerY[0] === x[0]) {
        if (same(x[1], innerY[1]) && same(inner[1], innerY[2]) && same(inner[2], y[2])) return `${f}_assoc`;
      }
    }
  }
  for (const [side, other] of [
    [bl, r],
    [br, l],
  ] as const) {
    if (side === null) continue;
    const f = word(side[0]);
    const [, x, y] = side;
    if (isZero(y) && (same(x, other) || isZero(other))) return `${f}_zero_right`;
    if (isZero(x) && (same(y, other) || isZero(other))) return `${f}_zero_left`;
  }
  if (bl && br && bl[0] === br[0]) {
    const succLeft = (x: [string, Term, Term]): boolean => isSucc(x[1]) && !isSucc(x[2]);
    const succRight = (x: [string, Term, Term]): boolean => isSucc(x[2]) && !isSucc(x[1]);
    if ((succLeft(bl) && succRight(br)) || (succRight(bl) && succLeft(br))) return `${word(bl[0])}_succ_swap`;
  }
  for (const side of [bl, br]) {
    if (side === null) continue;
    if (isSucc(side[2])) return `${word(side[0])}_succ_right`;
    if (isSucc(side[1])) return `${word(side[0])}_succ_left`;
  }
  // g(x, f(y, z)) = f(g(…), g(…)): distributivity, on the left or the right.
  for (const [side, other] of [
    [bl, br],
    [br, bl],
  ] as const) {
    if (side === null || other === null) continue;
    const g = side[0];
    const f = other[0];
    const a = binary(other[1]);
    const b = binary(other[2]);
    if (f === g || a === null || b === null || a[0] !== g || b[0] !== g) continue;
    if (binary(side[2])?.[0] === f) return `${word(g)}_${word(f)}_distrib_left`;
    if (binary(side[1])?.[0] === f) return `${word(g)}_${word(f)}_distrib_right`;
  }
  return null;
}

interface Analysed {
  readonly t: TheoremJson;
  readonly family: string;
  readonly law: string | null;
  readonly operations: string[];
}

function analyse(t: TheoremJson, graph: ProofGraph, ctx: ReadableContext): Analysed {
  const word = wordOf(graph);
  const zero = graph.theory.constants.find((c) => c.role === "zero")?.name ?? null;
  const succ = graph.theory.constants.find((c) => c.role === "successor")?.name ?? null;
  const eq = statementEquation(t.statement, ctx);
  if (eq === null) {
    const ops = [t.statement.head, ...t.statement.premises].map((a) => word(a.pred));
    return { t, family: `#${t.id}`, law: null, operations: [...new Set(ops)].sort() };
  }
  const vars = new Set(t.statement.vars);
  const sides = [shape(eq.lhs, vars), shape(eq.rhs, vars)].sort();
  const fns = operationsOf(eq.rhs, operationsOf(eq.lhs, []));
  const words = [...new Set(fns.map(word))];
  // Premises left in front of ⇒ make it a different law: they stay out of the family.
  const family = eq.rest > 0 ? `#${t.id}` : `${sides.join("=")}|${vars.size}`;
  const law = eq.rest > 0 ? null : lawName(eq.lhs, eq.rhs, word, zero, succ);
  if (zero !== null && `${sides.join(" ")}`.includes(zero) && !words.includes("zero")) words.push("zero");
  return { t, family, law, operations: [...new Set(words)].sort() };
}

/** Display names for every theorem of the graph, by id. */
export function theoremNames(graph: ProofGraph): Map<string, TheoremNaming> {
  const ctx: ReadableContext = graph;
  const items = graph.theorems.map((t) => analyse(t, graph, ctx));
  const families = new Map<string, Analysed[]>();
  for (const a of items) {
    const list = families.get(a.family) ?? [];
    list.push(a);
    families.set(a.family, list);
  }
  const taken = new Set<string>(graph.theorems.flatMap((t) => (t.name === null ? [] : [t.name])));
  const unique = (base: string): string => {
    let n = base;
    for (let i = 2; taken.has(n); i++) n = `${base}_${i}`;
    taken.add(n);
    return n;
  };
  const out = new Map<string, TheoremNaming>();
  const counters = new Map<string, number>();
  for (const members of families.values()) {
    const named = members.filter((m) => m.t.name !== null);
    const reps = named.length > 0 ? named : [members[0]!];
    const repNames = new Map<string, string>();
    for (const r of reps) {
      const name = r.t.name ?? unique(r.law ?? `${r.operations.join("_") || "law"}_lemma`);
      repNames.set(r.t.id, name);
    }
    const first = reps[0]!;
    const variants = members.filter((m) => !repNames.has(m.t.id));
    for (const r of reps) {
      out.set(r.t.id, {
        name: repNames.get(r.t.id)!,
        representative: r.t.id,
        variants: r === first ? variants.map((v) => v.t.id) : [],
        operations: r.operations,
      });
    }
    const base = repNames.get(first.t.id)!;
    for (const v of variants) {
      const k = (counters.get(base) ?? 0) + 1;
      counters.set(base, k);
      out.set(v.t.id, {
        name: unique(`${base}_var${k === 1 ? "" : k}`),
        representative: first.t.id,
        variants: [],
        operations: v.operations,
      });
    }
  }
  return out;
}

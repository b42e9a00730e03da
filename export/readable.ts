/**
 * Readable notation for proof-graph atoms and statements: `in3[a,b,c,+]` reads `a + b = c`,
 * `in2[a,b,s]` reads `s(a) = b`, `in[x,N]` reads `x ∈ N`.
 *
 * A statement's intermediate results (outputs of premises that apply an operation) are
 * substituted into its head, so `a+b=c → b+a=c` reads `a + b = b + a`. Which argument
 * positions are inputs and output comes from the proof graph's predicate table, never from
 * predicate or constant names. Pure functions: the HTML export and the command line share them.
 */
import type { AtomJson, StatementJson } from "./schema.js";

/** The part of a proof graph the notation needs: which predicates are operations. */
export interface ReadableContext {
  readonly predicates: readonly {
    readonly name: string;
    readonly operator: { readonly inputs: readonly number[]; readonly output: number } | null;
  }[];
}

/** A term of the readable notation: a name, or an operation applied to terms. */
export type Term = NameTerm | ApplyTerm;
export interface NameTerm {
  readonly name: string;
}
export interface ApplyTerm {
  readonly fn: string;
  readonly args: readonly Term[];
}

/** An atom read as an operation application: `fn(inputs) = output`. */
interface Application {
  readonly fn: string;
  readonly inputs: readonly string[];
  readonly output: string;
}

const SYMBOL_NAME = /^[^A-Za-z0-9_]+$/;

/** Binding strength of the usual infix symbols; unknown symbols always get parentheses. */
const PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ["+", 1],
  ["-", 1],
  ["−", 1],
  ["*", 2],
  ["·", 2],
  ["×", 2],
  ["/", 2],
  ["÷", 2],
]);

/** True for operation names written infix, such as `+` and `*`. */
export function isSymbolName(name: string): boolean {
  return SYMBOL_NAME.test(name);
}

interface Operator {
  readonly inputs: readonly number[];
  readonly output: number;
}

const operatorCache = new WeakMap<ReadableContext["predicates"], Map<string, Operator | null>>();

function operatorOf(pred: string, ctx: ReadableContext): Operator | null {
  let cache = operatorCache.get(ctx.predicates);
  if (cache === undefined) {
    cache = new Map();
    for (const p of ctx.predicates) cache.set(p.name, p.operator);
    operatorCache.set(ctx.predicates, cache);
  }
  return cache.get(pred) ?? null;
}

function applicationOf(atom: AtomJson, ctx: ReadableContext): Application | null {
  const op = operatorOf(atom.pred, ctx);
  if (op === null) return null;
  const used = new Set([...op.inputs, op.output]);
  // The one position outside inputs and output names the operation (`+` in in3[a,b,c,+]);
  // with no such position the predicate itself is the operation.
  const rest = atom.args.map((_, i) => i).filter((i) => !used.has(i));
  if (rest.length > 1 || [...used].some((i) => i >= atom.args.length)) return null;
  const output = atom.args[op.output];
  const fn = rest[0] === undefined ? atom.pred : atom.args[rest[0]];
  if (output === undefined || fn === undefined) return null;
  const inputs = op.inputs.map((i) => atom.args[i] ?? "");
  return { fn, inputs, output };
}

function displayFn(fn: string): string {
  return fn === "*" ? "·" : fn;
}

function isInfix(term: Term): term is ApplyTerm {
  return "fn" in term && term.args.length === 2 && isSymbolName(term.fn);
}

function needsParens(child: Term, parentFn: string): boolean {
  if (!isInfix(child)) return false;
  const c = PRECEDENCE.get(displayFn(child.fn));
  const p = PRECEDENCE.get(displayFn(parentFn));
  // Equal strength keeps its parentheses: `(a + b) + c` must stay distinguishable from `a + (b + c)`.
  return c === undefined || p === undefined || c <= p;
}

function termText(term: Term): string {
  if ("name" in term) return term.name;
  if (term.args.length === 2 && isSymbolName(term.fn)) {
    const [left, right] = term.args as readonly [Term, Term];
    const shown = displayFn(term.fn);
    const l = needsParens(left, term.fn) ? `(${termText(left)})` : termText(left);
    const r = needsParens(right, term.fn) ? `(${termText(right)})` : termText(right);
    return shown === "·" ? `${l}·${r}` : `${l} ${shown} ${r}`;
  }
  return `${term.fn}(${term.args.map(termText).join(", ")})`;
}

type Substitution = ReadonlyMap<string, Term>;

function termFor(name: string, subst: Substitution): Term {
  return subst.get(name) ?? { name };
}

function applicationTerm(app: Application, subst: Substitution): Term {
  return { fn: app.fn, args: app.inputs.map((x) => termFor(x, subst)) };
}

function negate(text: string): string {
  return `¬(${text})`;
}

/** An atom under a substitution of intermediate results (empty for plain atoms). */
function atomText(atom: AtomJson, ctx: ReadableContext, subst: Substitution): string {
  const arg = (i: number): string => termText(termFor(atom.args[i] ?? "?", subst));
  if (atom.pred === "=" && atom.args.length === 2) {
    return `${arg(0)} ${atom.neg ? "≠" : "="} ${arg(1)}`;
  }
  if (atom.pred === "in" && atom.args.length === 2) {
    const text = `${arg(0)} ∈ ${arg(1)}`;
    return atom.neg ? negate(text) : text;
  }
  const app = applicationOf(atom, ctx);
  if (app !== null) {
    const lhs = termText(applicationTerm(app, subst));
    const out = subst.get(app.output);
    if (out !== undefined) {
      // The output is itself a computed term: show it first, as the value being described.
      return `${termText(out)} ${atom.neg ? "≠" : "="} ${lhs}`;
    }
    const text = `${lhs} = ${app.output}`;
    return atom.neg ? negate(text) : text;
  }
  const text = `${atom.pred}(${atom.args.map((_, i) => arg(i)).join(", ")})`;
  return atom.neg ? negate(text) : text;
}

/** `a + b = c` for `in3[a,b,c,+]`, `s(a) = b` for `in2[a,b,s]`, `x ∈ N`, `a ≠ b`, `¬(…)`. */
export function readableAtom(atom: AtomJson, ctx: ReadableContext): string {
  return atomText(atom, ctx, new Map());
}

/** `p₁ ∧ p₂ ⇒ h` without any substitution: the literal shape of a rule or axiom. */
export function readableImplication(
  premises: readonly AtomJson[],
  head: AtomJson,
  ctx: ReadableContext,
): string {
  const h = readableAtom(head, ctx);
  if (premises.length === 0) return h;
  return `${premises.map((p) => readableAtom(p, ctx)).join(" ∧ ")} ⇒ ${h}`;
}

/** Premises that define a statement variable as an operation's result, by variable. */
function definingPremises(st: StatementJson, ctx: ReadableContext): Map<string, number> {
  const vars = new Set(st.vars);
  const apps = st.premises.map((p) => (p.neg ? null : applicationOf(p, ctx)));
  const outputs = new Map<string, number>();
  for (const app of apps) if (app !== null) outputs.set(app.output, (outputs.get(app.output) ?? 0) + 1);
  // A term cannot stand where an operation is named.
  const fnNames = new Set<string>();
  for (const atom of [...st.premises, st.head]) {
    const app = applicationOf(atom, ctx);
    if (app !== null && app.fn !== atom.pred) fnNames.add(app.fn);
  }
  const defs = new Map<string, number>();
  apps.forEach((app, i) => {
    if (app === null || !vars.has(app.output) || outputs.get(app.output) !== 1) return;
    if (app.inputs.includes(app.output) || fnNames.has(app.output)) return;
    // Substitute only a variable that occurs elsewhere; otherwise its premise would vanish.
    const elsewhere =
      st.head.args.includes(app.output) || st.premises.some((p, j) => j !== i && p.args.includes(app.output));
    if (elsewhere) defs.set(app.output, i);
  });
  removeCycles(defs, apps);
  return defs;
}

/** Drops definitions that depend on themselves (`a+b=c, c+d=a`): they cannot be unfolded. */
function removeCycles(defs: Map<string, number>, apps: readonly (Application | null)[]): void {
  for (;;) {
    const state = new Map<string, "open" | "done">();
    let cycle: string[] | null = null;
    const visit = (v: string, path: string[]): void => {
      if (cycle !== null) return;
      const s = state.get(v);
      if (s === "done") return;
      if (s === "open") {
        cycle = path.slice(path.indexOf(v));
        return;
      }
      const idx = defs.get(v);
      if (idx === undefined) return;
      state.set(v, "open");
      for (const input of apps[idx]?.inputs ?? []) visit(input, [...path, v]);
      state.set(v, "done");
    };
    for (const v of [...defs.keys()].sort()) visit(v, []);
    if (cycle === null) return;
    for (const v of cycle as string[]) defs.delete(v);
  }
}

function buildSubstitution(
  defs: ReadonlyMap<string, number>,
  st: StatementJson,
  ctx: ReadableContext,
): Map<string, Term> {
  const subst = new Map<string, Term>();
  const resolve = (v: string): Term => {
    const done = subst.get(v);
    if (done !== undefined) return done;
    const idx = defs.get(v);
    const premise = idx === undefined ? undefined : st.premises[idx];
    const app = premise === undefined ? null : applicationOf(premise, ctx);
    if (app === null) return { name: v };
    const term: Term = { fn: app.fn, args: app.inputs.map(resolve) };
    subst.set(v, term);
    return term;
  };
  for (const v of [...defs.keys()].sort()) resolve(v);
  return subst;
}

/**
 * A statement in readable notation. Intermediate results are substituted into the head
 * (`a·(b + c) = a·b + a·c`); premises that cannot be substituted stay in front of `⇒`.
 */
export function readableStatement(st: StatementJson, ctx: ReadableContext): string {
  const defs = definingPremises(st, ctx);
  const subst = buildSubstitution(defs, st, ctx);
  const consumed = new Set(defs.values());
  const rest = st.premises.filter((_, i) => !consumed.has(i)).map((p) => atomText(p, ctx, subst));
  const head = atomText(st.head, ctx, subst);
  return rest.length === 0 ? head : `${rest.join(" ∧ ")} ⇒ ${head}`;
}

/**
 * A statement read as an equation between terms, with its intermediate results substituted:
 * `a+b=c → b+a=c` gives `a + b` and `b + a`. `rest` counts the premises that stay in front of
 * `⇒`. Null when the head is not an equality or an operation's value.
 */
export function statementEquation(
  st: StatementJson,
  ctx: ReadableContext,
): { lhs: Term; rhs: Term; rest: number } | null {
  if (st.head.neg) return null;
  const defs = definingPremises(st, ctx);
  const subst = buildSubstitution(defs, st, ctx);
  const rest = st.premises.length - new Set(defs.values()).size;
  if (st.head.pred === "=" && st.head.args.length === 2) {
    const [x, y] = st.head.args as [string, string];
    return { lhs: termFor(x, subst), rhs: termFor(y, subst), rest };
  }
  const app = applicationOf(st.head, ctx);
  if (app === null) return null;
  const lhs = applicationTerm(app, subst);
  const out = subst.get(app.output);
  return out === undefined ? { lhs, rhs: { name: app.output }, rest } : { lhs: out, rhs: lhs, rest };
}

/** A term in readable notation (`a·(b + c)`). */
export function readableTerm(term: Term): string {
  return termText(term);
}

/** Whether an induction's step section cites its hypothesis (if not, it is a case split). */
export function usesHypothesis(t: { steps: readonly { kind: string }[] }): boolean {
  return t.steps.some((s) => s.kind === "hypothesis");
}

/**
 * How a theorem was proved, for people: `induction on a`, `case split on b` (an induction whose
 * step does not use the hypothesis: zero or a successor), `contradiction` or `direct`.
 */
export function methodText(t: {
  method: string;
  induction?: { var: string };
  steps: readonly { kind: string }[];
}): string {
  if (t.method !== "induction" || t.induction === undefined) return t.method;
  return `${usesHypothesis(t) ? "induction" : "case split"} on ${t.induction.var}`;
}

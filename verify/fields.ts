/**
 * The fields people read next to a theorem, checked against its statement:
 *
 * - `mpl` is parsed and read as a premise chain (a GL conjecture line's anchor binder maps its
 *   names to the theory constants by position); it must state exactly the statement: the same
 *   atoms in the same order with the same names, and the same variables.
 * - `mirrorOf` names an earlier theorem whose statement, with one premise and the head
 *   exchanged (or the sides of an equality head), is this one's (up to variable names and
 *   premise order).
 * - `name`: a mirror is named `<name of its original> (mirror)`; any other name must be a
 *   conjecture of the sources whose statement is this one's or its mirror's (up to variable
 *   names and premise order: discovery names the theorem that proves a target law this way).
 *
 * `readable` is a rendering for people and is not vouched for; the HTML export re-derives it
 * from the statement.
 */
import type { AtomJson, StatementJson, TheoremJson } from "../export/schema.js";
import type { Formula } from "../mpl/ast.js";
import { parseFormula } from "../mpl/parse.js";
import { formatStatement, makeAtom, sameStatement } from "./atoms.js";

/** A named conjecture of the sources, as a statement. */
export interface SourceConjecture {
  readonly name: string;
  readonly statement: StatementJson;
}

/** What the sources say about names: their conjectures, and whether that list is complete. */
export interface SourceNames {
  readonly conjectures: readonly SourceConjecture[];
  /** False where some conjecture files could not be compiled again (GL lists outside the folder). */
  readonly complete: boolean;
}

function freshName(taken: readonly string[], base: string): string {
  if (!taken.includes(base)) return base;
  for (let k = 1; ; k++) if (!taken.includes(`${base}_${k}`)) return `${base}_${k}`;
}

/** The premise chain an MPL formula states, or why it is none. */
export function chainOf(f: Formula, anchor: string, constants: readonly string[]): StatementJson | string {
  const env = new Map<string, string>();
  const vars: string[] = [];
  const premises: AtomJson[] = [];
  const atom = (g: Formula, neg: boolean): AtomJson | null =>
    g.kind === "atom"
      ? makeAtom(
          g.name.text,
          g.args.map((a) => env.get(a.text) ?? a.text),
          neg,
        )
      : null;
  const addPremise = (g: Formula): boolean => {
    if (g.kind === "and") return addPremise(g.left) && addPremise(g.right);
    if (g.kind === "not" && g.body.kind === "not") return addPremise(g.body.body);
    const a = g.kind === "not" ? atom(g.body, true) : atom(g, false);
    if (a) premises.push(a);
    return a !== null;
  };
  let f2 = f;
  // A GL conjecture line: (>[N,z,s](Anchor[N,z,s]) chain), the anchor's arguments by position.
  const p = f2.kind === "implies" ? f2.premise : null;
  if (
    f2.kind === "implies" &&
    p?.kind === "atom" &&
    p.name.text === anchor &&
    p.args.length === constants.length
  ) {
    p.args.forEach((a, i) => {
      env.set(a.text, constants[i]!);
    });
    f2 = f2.conclusion;
  }
  while (f2.kind === "implies") {
    for (const v of f2.vars) {
      const name = freshName(vars, v.text);
      env.set(v.text, name);
      vars.push(name);
    }
    if (!addPremise(f2.premise)) return "its premises are not atoms";
    f2 = f2.conclusion;
  }
  while (f2.kind === "not" && f2.body.kind === "not") f2 = f2.body.body;
  const head = f2.kind === "not" ? atom(f2.body, true) : atom(f2, false);
  if (!head) return "its conclusion is not an atom";
  return { vars, premises, head };
}

/** Why `t.mpl` does not state `t.statement`, or null. */
export function mplProblem(t: TheoremJson, anchor: string, constants: readonly string[]): string | null {
  const parsed = parseFormula(t.mpl, "mpl");
  if (!parsed.formula) return `the mpl text does not parse: ${parsed.diagnostics[0]?.message ?? "?"}`;
  const chain = chainOf(parsed.formula, anchor, constants);
  if (typeof chain === "string") return `the mpl text is not a premise chain: ${chain}`;
  // Variables are compared as a set: the statement lists them in an order of its own.
  const sorted = (s: StatementJson) => ({ ...s, vars: [...s.vars].sort() });
  return sameStatement(sorted(chain), sorted(t.statement))
    ? null
    : `the mpl text states ${formatStatement(chain)}, not the statement ${formatStatement(t.statement)}`;
}

/** Text equal for statements equal up to variable names and premise order. */
export function statementKey(s: StatementJson): string {
  const orders = s.premises.length > 6 ? [s.premises.map((_, i) => i)] : permutations(s.premises.length);
  let best: string | null = null;
  for (const order of orders) {
    const names = new Map<string, string>();
    const name = (x: string) => {
      if (!s.vars.includes(x)) return x;
      if (!names.has(x)) names.set(x, `$${names.size}`);
      return names.get(x)!;
    };
    const text = (a: AtomJson) => `${a.neg ? "!" : ""}${a.pred}[${a.args.map(name).join(",")}]`;
    const key = [...order.map((i) => text(s.premises[i]!)), "=>", text(s.head)].join(" ");
    if (best === null || key < best) best = key;
  }
  return best!;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

/**
 * The symmetric variants of a statement: one premise and the head exchanged (how the engine
 * mirrors an equation between operation results; negated atoms are never swapped), or an
 * equality head with its sides exchanged.
 */
export function swaps(s: StatementJson): StatementJson[] {
  if (s.head.neg) return [];
  const exchanged = s.premises.flatMap((p, i) =>
    p.neg ? [] : [{ vars: s.vars, premises: s.premises.map((q, j) => (j === i ? s.head : q)), head: p }],
  );
  const [x, y] = s.head.args;
  const flipped =
    s.head.pred === "=" && x !== undefined && y !== undefined
      ? [{ ...s, head: makeAtom("=", [y, x], false) }]
      : [];
  return [...exchanged, ...flipped];
}

/** Why `t.mirrorOf` is wrong, or null (`original` is the theorem it names, known to be earlier). */
export function mirrorProblem(t: TheoremJson, original: TheoremJson): string | null {
  const key = statementKey(t.statement);
  return swaps(original.statement).some((m) => statementKey(m) === key)
    ? null
    : `its statement is not a symmetric variant of ${original.id}'s (a premise and the head exchanged, or the sides of its equality)`;
}

/**
 * Why `t.name` is wrong, null when it is right, or `unvouched` for a name that names no
 * conjecture of the sources (the ground model's descriptive names, or names from conjecture
 * lists that were not compiled again): nothing to check it against.
 */
export function nameProblem(
  t: TheoremJson & { name: string },
  byId: ReadonlyMap<string, TheoremJson>,
  sources: SourceNames | null,
): string | null | "unvouched" {
  const base = / \(mirror\)$/.exec(t.name) ? t.name.slice(0, -" (mirror)".length) : null;
  if (base !== null) {
    const original = t.mirrorOf === undefined ? undefined : byId.get(t.mirrorOf);
    return original?.name === base
      ? null
      : `the name ${t.name} needs mirrorOf to name a theorem called ${base}`;
  }
  const c = sources?.conjectures.find((x) => x.name === t.name);
  if (!c) return "unvouched";
  const key = statementKey(t.statement);
  if (statementKey(c.statement) === key || swaps(c.statement).some((m) => statementKey(m) === key))
    return null;
  return `the sources' conjecture ${t.name} states ${formatStatement(c.statement)}, not this theorem's statement`;
}

/**
 * The anchor link between two batches: a mapping of the earlier theory's constants (its
 * anchor's parameters) and of its defined predicates into the later theory's, under which every
 * axiom of the earlier theory is an axiom of the later one, up to the names of bound variables
 * and the order of premises. Then the later anchor implies the earlier one, and every theorem of
 * the earlier batch, mapped, is a theorem of the later one.
 *
 * Decided by types and axioms only, never by names: a given mapping (`extends P[a,b,…]`) is
 * checked, otherwise the mappings are searched (backtracking over the symbols in order of first
 * use, each axiom checked as soon as all its symbols are mapped).
 */
import { BUILTIN_PREDICATES } from "./builtins.js";
import type { Entity, PatternAtom, Predicate, Theory } from "./theory.js";

export interface BatchLink {
  /** The earlier batch (its anchor's name). */
  readonly earlier: string;
  /** Earlier constant id → later constant id. */
  readonly constants: readonly number[];
  /**
   * Earlier predicate id → later predicate id; built-ins map to themselves; `null` for a
   * predicate that no earlier axiom uses (a statement with it is not carried over).
   */
  readonly predicates: readonly (number | null)[];
  /** `declared`: written as `extends P[…]`; `found`: by the search. */
  readonly how: "declared" | "found";
}

export type LinkOutcome =
  | {
      readonly kind: "linked";
      readonly link: BatchLink;
      /** Other constant mappings that work too (only when searched; at most a few). */
      readonly alternatives: readonly (readonly number[])[];
    }
  | { readonly kind: "none"; readonly detail: string };

/** Solutions collected beyond the first, to report an ambiguous link. */
const MAX_ALTERNATIVES = 3;
/** Search nodes before giving up (each node maps one symbol). */
const MAX_NODES = 200_000;
/** Premise orders tried per entity key; beyond it the sorted order alone is used. */
const MAX_ORDERS = 5040;

type MapSymbol = (x: number) => number;

const BUILTINS = BUILTIN_PREDICATES.length;

function atomsOf(e: Entity): PatternAtom[] {
  switch (e.kind) {
    case "fact":
      return [e.atom];
    case "rule":
      return [...e.premises, e.head];
    case "exists":
      return [...e.premises, ...e.body];
  }
}

/**
 * A text that equal entities share whatever their variable names and premise order: premises
 * sorted by their variable-blind text, all orders within ties tried, variables numbered by first
 * occurrence; the least text wins.
 */
export function entityKey(e: Entity, pred: MapSymbol, constant: MapSymbol): string {
  const blind = (a: PatternAtom) =>
    `${a.negated ? "!" : ""}${pred(a.pred)}[${a.args.map((t) => (t < 0 ? `k${constant(-t - 1)}` : "_")).join(",")}]`;
  const premises = e.kind === "fact" ? [] : [...e.premises];
  const tail: PatternAtom[] = e.kind === "fact" ? [e.atom] : e.kind === "rule" ? [e.head] : [...e.body];
  const witnesses = e.kind === "exists" ? new Set(e.witnesses) : new Set<number>();
  const sorted = premises
    .map((a) => ({ a, b: blind(a) }))
    .sort((x, y) => (x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  const groups: PatternAtom[][] = [];
  sorted.forEach((x, i) => {
    if (i > 0 && sorted[i - 1]!.b === x.b) groups[groups.length - 1]!.push(x.a);
    else groups.push([x.a]);
  });
  let orders = 1;
  for (const g of groups) for (let i = 2; i <= g.length; i++) orders *= i;
  const encode = (order: readonly PatternAtom[]): string => {
    const num = new Map<number, number>();
    const text = (a: PatternAtom) =>
      `${a.negated ? "!" : ""}${pred(a.pred)}[${a.args
        .map((t) => {
          if (t < 0) return `k${constant(-t - 1)}`;
          let v = num.get(t);
          if (v === undefined) {
            v = num.size;
            num.set(t, v);
          }
          return `v${v}`;
        })
        .join(",")}]`;
    const head = order.map(text).join(" ");
    const rest = tail.map(text).join(" ");
    const w = [...witnesses].map((x) => num.get(x) ?? -1).sort((x, y) => x - y);
    return `${e.kind}|${head}|${w.join(",")}|${rest}`;
  };
  if (orders > MAX_ORDERS) return encode(sorted.map((x) => x.a));
  let best: string | null = null;
  const pick = (gi: number, acc: PatternAtom[]): void => {
    if (gi === groups.length) {
      const k = encode(acc);
      if (best === null || k < best) best = k;
      return;
    }
    for (const perm of permutations(groups[gi]!)) pick(gi + 1, [...acc, ...perm]);
  };
  pick(0, []);
  return best!;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

const sameSignature = (a: Predicate, b: Predicate): boolean =>
  a.arity === b.arity &&
  a.argTypes.every((t, i) => b.argTypes[i] === t) &&
  JSON.stringify(a.operator) === JSON.stringify(b.operator);

/** `∀x,y: in2[x,y,succ] → in[y,Nat]`, with the theory's names. */
export function formatEntity(e: Entity, theory: Theory): string {
  const vars = e.kind === "fact" ? [] : e.varNames;
  const atom = (a: PatternAtom) =>
    `${a.negated ? "¬" : ""}${theory.predicates[a.pred]?.name ?? "?"}[${a.args
      .map((t) => (t < 0 ? (theory.constants[-t - 1]?.name ?? "?") : (vars[t] ?? `v${t}`)))
      .join(",")}]`;
  if (e.kind === "fact") return atom(e.atom);
  const conclusion =
    e.kind === "rule"
      ? atom(e.head)
      : `∃${e.witnesses.map((w) => vars[w]).join(",")}: ${e.body.map(atom).join(" ∧ ")}`;
  const witnesses = e.kind === "exists" ? new Set(e.witnesses) : new Set<number>();
  const universal = vars.filter((_, i) => !witnesses.has(i));
  const body = e.premises.length > 0 ? `${e.premises.map(atom).join(" ∧ ")} → ${conclusion}` : conclusion;
  return universal.length > 0 ? `∀${universal.join(",")}: ${body}` : body;
}

/**
 * The link from `earlier` into `later`: checks `declared` (earlier constant → later constant)
 * when given, else searches the mappings. Both theories need an anchor.
 */
export function findLink(earlier: Theory, later: Theory, declared: readonly number[] | null): LinkOutcome {
  const ea = earlier.anchor;
  const la = later.anchor;
  if (ea === null || la === null) return { kind: "none", detail: "a batch without an anchor" };
  const identity: MapSymbol = (x) => x;
  const laterKeys = new Set(la.entities.map((e) => entityKey(e, identity, identity)));

  // Symbols in order of first use in the earlier axioms; unused constants last.
  type Sym = { readonly kind: "const" | "pred"; readonly id: number };
  const order: Sym[] = [];
  const seen = new Set<string>();
  const note = (s: Sym) => {
    const k = `${s.kind}${s.id}`;
    if (!seen.has(k)) {
      seen.add(k);
      order.push(s);
    }
  };
  const lastUse = ea.entities.map(() => -1);
  ea.entities.forEach((e, i) => {
    for (const a of atomsOf(e)) {
      if (a.pred >= BUILTINS) note({ kind: "pred", id: a.pred });
      for (const t of a.args) if (t < 0) note({ kind: "const", id: -t - 1 });
    }
    void i;
  });
  for (const c of earlier.constants) note({ kind: "const", id: c.id });
  const position = new Map(order.map((s, i) => [`${s.kind}${s.id}`, i]));
  ea.entities.forEach((e, i) => {
    for (const a of atomsOf(e)) {
      if (a.pred >= BUILTINS) lastUse[i] = Math.max(lastUse[i]!, position.get(`pred${a.pred}`)!);
      for (const t of a.args) if (t < 0) lastUse[i] = Math.max(lastUse[i]!, position.get(`const${-t - 1}`)!);
    }
  });
  const checkedAt = order.map(() => [] as number[]);
  const upfront: number[] = [];
  lastUse.forEach((p, i) => {
    if (p < 0) upfront.push(i);
    else checkedAt[p]!.push(i);
  });

  const domain = order.map((s): number[] => {
    if (s.kind === "const") {
      if (declared) return [declared[s.id]!];
      const type = earlier.constants[s.id]!.type;
      return later.constants.filter((c) => c.type === type).map((c) => c.id);
    }
    const p = earlier.predicates[s.id]!;
    return later.predicates.filter((q) => q.id >= BUILTINS && sameSignature(p, q)).map((q) => q.id);
  });

  const constMap = earlier.constants.map(() => -1);
  const predMap = earlier.predicates.map((p) => (p.id < BUILTINS ? p.id : -1));
  const mapPred: MapSymbol = (x) => predMap[x]!;
  const mapConst: MapSymbol = (x) => constMap[x]!;
  const holds = (i: number) => laterKeys.has(entityKey(ea.entities[i]!, mapPred, mapConst));

  const describe = (i: number) =>
    `no axiom matches ${ea.entities[i]!.id} ${formatEntity(ea.entities[i]!, earlier)}`;
  for (const i of upfront) if (!holds(i)) return { kind: "none", detail: describe(i) };
  const empty = domain.findIndex((d) => d.length === 0);
  if (empty >= 0) {
    const s = order[empty]!;
    const what =
      s.kind === "const"
        ? `the parameter '${earlier.constants[s.id]!.name}' (${earlier.constants[s.id]!.type})`
        : `the predicate '${earlier.predicates[s.id]!.name}'`;
    return { kind: "none", detail: `${what} has no counterpart of its type` };
  }

  const solutions: number[][] = [];
  const predSolutions: number[][] = [];
  let nodes = 0;
  let deepest = { depth: -1, entity: -1 };
  const search = (depth: number): boolean => {
    if (depth === order.length) {
      solutions.push([...constMap]);
      predSolutions.push([...predMap]);
      return solutions.length > MAX_ALTERNATIVES;
    }
    const s = order[depth]!;
    for (const candidate of domain[depth]!) {
      if (++nodes > MAX_NODES) return true;
      if (s.kind === "const") constMap[s.id] = candidate;
      else predMap[s.id] = candidate;
      const failed = checkedAt[depth]!.find((i) => !holds(i));
      if (failed === undefined) {
        if (search(depth + 1)) return true;
      } else if (depth > deepest.depth) deepest = { depth, entity: failed };
    }
    if (s.kind === "const") constMap[s.id] = -1;
    else predMap[s.id] = -1;
    return false;
  };
  search(0);
  const first = solutions[0];
  if (first === undefined) {
    if (nodes > MAX_NODES)
      return { kind: "none", detail: `the search gave up after ${MAX_NODES} steps; write the mapping` };
    return {
      kind: "none",
      detail: deepest.entity < 0 ? "no mapping of the parameters works" : describe(deepest.entity),
    };
  }
  return {
    kind: "linked",
    link: {
      earlier: ea.name,
      constants: first,
      predicates: predSolutions[0]!.map((q) => (q < 0 ? null : q)),
      how: declared ? "declared" : "found",
    },
    alternatives: solutions.slice(1),
  };
}

/** `Nat→Nat, zero→zero, succ→succ`: a constant mapping in the two theories' names. */
export function formatMapping(mapping: readonly number[], earlier: Theory, later: Theory): string {
  return mapping
    .map((m, k) => `${earlier.constants[k]?.name ?? "?"}→${later.constants[m]?.name ?? "?"}`)
    .join(", ");
}

/** An earlier atom in the later theory's ids; null when it uses a predicate the link leaves out. */
export function mapAtom(link: BatchLink, a: PatternAtom): PatternAtom | null {
  const pred = link.predicates[a.pred];
  if (pred === null || pred === undefined) return null;
  return {
    pred,
    negated: a.negated,
    args: a.args.map((t) => (t < 0 ? -(link.constants[-t - 1]! + 1) : t)),
  };
}

/**
 * Survivors that are instances of other survivors. A candidate with a repeated leaf (`a·a`,
 * `(a+a)·c = a·c + a·c`) is the specialisation of an equation with some occurrences of that
 * leaf renamed to a new variable (`(a+b)·c = a·c + b·c`, b := a); when such a *split* survived
 * the model too, proving it gives the repeated form by one instantiation, so the repeated form
 * is not proved separately. A repeated form whose splits are all refuted or malformed
 * (Gauss's `a·s(a) = tri(a) + tri(a)`: every split leaves a variable on one side only, or is
 * false) stays a survivor.
 *
 * The splits are taken on the terms, before equal subterms merge into one atom, and keyed at
 * enumeration (`splitKeys`); the drop is decided after the ground model, because whether the
 * split holds is the model's business and an instance of a false equation may be true.
 */
import type { Conjecture } from "../../mpl/theory.js";
import { chainKey } from "./canonical.js";
import { equationChain } from "./relational.js";
import type { Signature } from "./signature.js";
import type { TermId, TermTable } from "./term.js";

export interface InstanceDrop {
  readonly conjecture: Conjecture;
  /** The more general survivor it is an instance of. */
  readonly of: Conjecture;
}

export interface InstanceSplit {
  /** Survivors kept, in input order. */
  readonly kept: Conjecture[];
  readonly dropped: InstanceDrop[];
}

/** `t` with the occurrences of variable `x` chosen by `mask` (in reading order) renamed to `fresh`. */
function renamed(
  table: TermTable,
  t: TermId,
  x: number,
  fresh: number,
  mask: number,
  next: { k: number },
): TermId {
  const info = table.get(t);
  if (info.kind === "var") {
    if (info.index !== x) return t;
    const pick = (mask >> next.k++) & 1;
    return pick ? table.variable(fresh) : t;
  }
  if (info.kind === "const") return t;
  if ((info.varMask & (1 << x)) === 0) {
    // No occurrence below: nothing to count or rename.
    return t;
  }
  return table.apply(
    info.index,
    info.children.map((c) => renamed(table, c, x, fresh, mask, next)),
  );
}

/**
 * The key of `a = b` as `enumerate.ts` keeps candidates (the smaller of the two orientations),
 * or null when it is not well-formed (a variable on one side only, or no compound side).
 */
function keyOf(table: TermTable, sig: Signature, a: TermId, b: TermId, maxVars: number): string | null {
  const ia = table.get(a);
  const ib = table.get(b);
  if (ia.varMask !== ib.varMask || ia.varMask === 0 || (ia.kind !== "app" && ib.kind !== "app")) return null;
  const [head, other] = ia.kind === "app" ? [a, b] : [b, a];
  const forward = equationChain(sig, table, head, other, maxVars);
  let key = chainKey(forward.premises, forward.head);
  if (table.get(other).kind === "app") {
    const backward = equationChain(sig, table, other, head, maxVars);
    const k = chainKey(backward.premises, backward.head);
    if (k < key) key = k;
  }
  return key;
}

/**
 * The equation left when a context common to both sides is taken off (`odd(a) + d = a·a + d`
 * gives `odd(a) = a·a`): both sides apply one operation to the same arguments but one, again
 * and again. Null when the sides differ at the top.
 */
function withoutContext(table: TermTable, lhs: TermId, rhs: TermId): [TermId, TermId] | null {
  let [a, b] = [lhs, rhs];
  let peeled = false;
  for (;;) {
    const ia = table.get(a);
    const ib = table.get(b);
    if (ia.kind !== "app" || ib.kind !== "app" || ia.index !== ib.index) break;
    const differ = ia.children.flatMap((c, i) => (c === ib.children[i] ? [] : [i]));
    if (differ.length !== 1) break;
    a = ia.children[differ[0]!]!;
    b = ib.children[differ[0]!]!;
    peeled = true;
  }
  return peeled ? [a, b] : null;
}

/**
 * The keys of the equations `lhs = rhs` follows from at once (instances.ts): every well-formed
 * split of a repeated leaf, and the equation without a common context.
 */
export function coverKeys(
  table: TermTable,
  sig: Signature,
  lhs: TermId,
  rhs: TermId,
  maxVars: number,
): string[] {
  const keys = new Set<string>();
  const inner = withoutContext(table, lhs, rhs);
  if (inner !== null) {
    const k = keyOf(table, sig, inner[0], inner[1], maxVars);
    if (k !== null) keys.add(k);
  }
  const l = table.get(lhs);
  const r = table.get(rhs);
  const used = l.varMask | r.varMask;
  let fresh = 0;
  while (fresh < maxVars && used & (1 << fresh)) fresh++;
  if (fresh >= maxVars) return [...keys].sort();
  for (let x = 0; x < maxVars; x++) {
    const count = (l.varCounts[x] ?? 0) + (r.varCounts[x] ?? 0);
    if (count < 2) continue;
    // The first occurrence keeps its name: a mask and its complement give the same equation.
    for (let mask = 2; mask < 1 << count; mask += 2) {
      const next = { k: 0 };
      const a = renamed(table, lhs, x, fresh, mask, next);
      const b = renamed(table, rhs, x, fresh, mask, next);
      const k = keyOf(table, sig, a, b, maxVars);
      if (k !== null) keys.add(k);
    }
  }
  return [...keys].sort();
}

/**
 * Splits survivors into those to prove and those that are instances of another survivor;
 * `keyOf` gives a candidate's key and `splitsOf` its split keys (empty for candidates that were
 * not enumerated).
 */
export function dropInstancesOfSurvivors(
  survivors: readonly Conjecture[],
  keyOf: (c: Conjecture) => string,
  splitsOf: (c: Conjecture) => readonly string[],
): InstanceSplit {
  const byKey = new Map<string, Conjecture>();
  for (const c of survivors) byKey.set(keyOf(c), c);
  const kept: Conjecture[] = [];
  const dropped: InstanceDrop[] = [];
  const gone = new Set<Conjecture>();
  // One pass in order: a survivor is dropped only for one that is not dropped at that point,
  // so no two survivors are dropped for each other.
  for (const c of survivors) {
    let of: Conjecture | undefined;
    for (const k of splitsOf(c)) {
      const general = byKey.get(k);
      if (general !== undefined && general !== c && !gone.has(general)) {
        of = general;
        break;
      }
    }
    if (of === undefined) kept.push(c);
    else {
      dropped.push({ conjecture: c, of });
      gone.add(c);
    }
  }
  return { kept, dropped };
}

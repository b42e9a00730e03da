/**
 * Goals equal up to associativity and commutativity: the products a rearrangement needs.
 *
 * Once an operation's commutativity and associativity are theorems (rules of the run), a goal
 * whose two sides are products of the same factors in another grouping and order, such as the
 * induction step of (a·b)^c = a^c·b^c, `(x·a)·(y·b) = (x·y)·(a·b)`, still needs the
 * intermediate products (`a·y`, `x·(a·y)`, …) to exist before those rules can connect the
 * sides, and no premise names them. This layer reads both sides of an open goal as a list of
 * factors through the block's facts of that operation; when the two lists are the same
 * multiset (2 < factors ≤ MAX_FACTORS), it demands, for every sub-multiset S of the factors and
 * every split of S into two non-empty parts A, B, the product t(A)·t(B) of the parts' products.
 * With every split of every part present, the commutativity and associativity rules (ordinary
 * theorem steps) merge all products of S into one class, up to S = all factors, which holds
 * both sides: the goal follows, and its proof is the usual one (witness steps citing the
 * totality axiom, then theorem instances).
 *
 * Built part by part: the products of a part are demanded once its sub-parts have values,
 * so a round asks only for products whose inputs exist. Bounded: at most AC_DEMANDS products per
 * block; they may nest MAX_FACTORS levels past the witness depth (each level is one more part).
 */
import type { Rule } from "../rules.js";

/** Most factors a goal side may have for the layer to rearrange it. */
export const MAX_FACTORS = 5;
/** Most products demanded by this layer in one block. */
export const AC_DEMANDS = 600;

/** What the layer reads from and asks of a block under saturation. */
export interface AcView {
  /** Canonical class representative. */
  find(c: number): number;
  /** The canonical output of the live fact `pred[x, y, ?, op]`, or -1. */
  product(pred: number, op: number, x: number, y: number): number;
  /** Inputs of the live facts `pred[x, y, c, op]` whose output is class c, canonical, ascending. */
  factorsOf(pred: number, op: number, c: number): [number, number][];
  /** Asks for the term `pred[x, y, ?, op]` (nesting allowed past the witness bound by `extraDepth`). */
  demand(pred: number, op: number, x: number, y: number, extraDepth: number): void;
}

/** An operation whose commutativity and associativity are rules: its relation and constant. */
export interface AcOperation {
  readonly pred: number;
  readonly op: number;
}

type Atom = Rule["premises"][number];

/** `[x, y, z]` when the atom is `pred[x, y, z, op]` over three variables. */
function binaryAtom(a: Atom, pred: number, op: number): [number, number, number] | null {
  if (a.neg || a.pred !== pred || a.args.length !== 4 || a.args[3] !== -op - 1) return null;
  const [x, y, z] = a.args as [number, number, number];
  return x >= 0 && y >= 0 && z >= 0 ? [x, y, z] : null;
}

/** Whether the rule states `x∘y = z → y∘x = z`. */
function isCommutativity(r: Rule, pred: number, op: number): boolean {
  if (r.premises.length !== 1 || !r.head) return false;
  const p = binaryAtom(r.premises[0]!, pred, op);
  const h = binaryAtom(r.head, pred, op);
  return !!p && !!h && p[0] !== p[1] && h[0] === p[1] && h[1] === p[0] && h[2] === p[2];
}

/** Whether the rule's four atoms are `x∘y = u, y∘z = v, x∘v = w, u∘z = w` in some order (associativity). */
function isAssociativity(r: Rule, pred: number, op: number): boolean {
  if (r.premises.length !== 3 || !r.head) return false;
  const atoms = [...r.premises, r.head].map((a) => binaryAtom(a, pred, op));
  if (atoms.some((a) => a === null)) return false;
  // Roles: x·y=u, y·z=v, x·v=w, u·z=w over six distinct variables.
  const roles = [
    [0, 1, 3],
    [1, 2, 4],
    [0, 4, 5],
    [3, 2, 5],
  ];
  const perms = permutations([0, 1, 2, 3]);
  return perms.some((perm) => {
    const bind = new Array<number>(6).fill(-1);
    for (let i = 0; i < 4; i++) {
      const atom = atoms[perm[i]!]!;
      for (let k = 0; k < 3; k++) {
        const role = roles[i]![k]!;
        if (bind[role] === -1) bind[role] = atom[k]!;
        else if (bind[role] !== atom[k]) return false;
      }
    }
    return new Set(bind).size === 6;
  });
}

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const acCache = new WeakMap<readonly Rule[], AcOperation[]>();

/** The operations with both laws among the run's theorem rules (binary `in3`-shaped relations). */
export function acOperations(rules: readonly Rule[]): readonly AcOperation[] {
  const cached = acCache.get(rules);
  if (cached) return cached;
  const seen = new Map<string, AcOperation>();
  for (const r of rules) {
    if (r.kind !== "theorem" || !r.head || r.head.args.length !== 4) continue;
    const op = r.head.args[3]!;
    if (op < 0) seen.set(`${r.head.pred}:${op}`, { pred: r.head.pred, op: -op - 1 });
  }
  const out = [...seen.values()].filter(
    (o) =>
      rules.some((r) => r.kind === "theorem" && isCommutativity(r, o.pred, o.op)) &&
      rules.some((r) => r.kind === "theorem" && isAssociativity(r, o.pred, o.op)),
  );
  acCache.set(rules, out);
  return out;
}

/** The factors of class c: the leaves of one product tree through the block's facts. */
function factors(v: AcView, o: AcOperation, c: number, path: Set<number>, out: number[]): boolean {
  if (out.length > MAX_FACTORS) return false;
  const k = v.find(c);
  const split = path.has(k) ? undefined : v.factorsOf(o.pred, o.op, k).find(([x, y]) => x !== k && y !== k);
  if (split === undefined) {
    out.push(k);
    return true;
  }
  path.add(k);
  const ok = factors(v, o, split[0], path, out) && factors(v, o, split[1], path, out);
  path.delete(k);
  return ok;
}

/**
 * For an open goal `x∘y = z` (or `=[x', z]` with x' a product): demands the products that make
 * its sides meet, when they are the same factors. Returns the products demanded.
 */
export function demandAcProducts(
  v: AcView,
  ops: readonly AcOperation[],
  goal: { readonly pred: number; readonly args: readonly number[] },
  budget: number,
): number {
  let asked = 0;
  for (const o of ops) {
    let left: number[] = [];
    let right: number[] = [];
    if (goal.pred === o.pred && goal.args[3] === o.op) {
      const ok =
        factors(v, o, goal.args[0]!, new Set(), left) && factors(v, o, goal.args[1]!, new Set(), left);
      if (!ok || !factors(v, o, goal.args[2]!, new Set(), right)) continue;
    } else if (goal.args.length === 2) {
      if (!factors(v, o, goal.args[0]!, new Set(), left) || !factors(v, o, goal.args[1]!, new Set(), right))
        continue;
    } else continue;
    const n = left.length;
    if (n < 3 || n > MAX_FACTORS || right.length !== n) continue;
    left = left.sort((a, b) => a - b);
    right = right.sort((a, b) => a - b);
    if (left.some((x, i) => x !== right[i])) continue;
    asked += demandSplits(v, o, left, budget - asked);
    if (asked >= budget) break;
  }
  return asked;
}

/** Products of every split of every part of `fs`, for the parts whose sub-parts have values. */
function demandSplits(v: AcView, o: AcOperation, fs: readonly number[], budget: number): number {
  const n = fs.length;
  // Parts as bit masks over factor positions; equal factors give equal parts, kept once.
  const keyOf = (mask: number): string =>
    fs
      .filter((_, i) => mask & (1 << i))
      .sort((a, b) => a - b)
      .join(",");
  const value = new Map<string, number>();
  for (let i = 0; i < n; i++) value.set(String(fs[i]), v.find(fs[i]!));
  const masks = Array.from({ length: (1 << n) - 1 }, (_, i) => i + 1)
    .filter((m) => popcount(m) >= 2)
    .sort((a, b) => popcount(a) - popcount(b) || a - b);
  let asked = 0;
  for (const mask of masks) {
    const key = keyOf(mask);
    let known = value.get(key);
    let ready = true;
    // Every ordered split A, B of the part (A taking the lowest factor or not, both orders).
    for (let a = (mask - 1) & mask; a > 0; a = (a - 1) & mask) {
      const b = mask & ~a;
      const x = value.get(keyOf(a));
      const y = value.get(keyOf(b));
      if (x === undefined || y === undefined) {
        ready = false;
        continue;
      }
      const p = v.product(o.pred, o.op, x, y);
      if (p >= 0) {
        if (known === undefined) known = p;
        continue;
      }
      if (asked >= budget) return asked;
      v.demand(o.pred, o.op, x, y, popcount(mask));
      asked++;
    }
    if (known !== undefined && ready) value.set(key, v.find(known));
  }
  return asked;
}

const popcount = (x: number): number => {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
};

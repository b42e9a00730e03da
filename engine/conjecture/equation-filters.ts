/**
 * The filters on an equation `lhs = rhs` between two side terms, cheapest first; the first that
 * applies names the reason the equation is dropped. docs/discovery.md argues for each one.
 *
 * Trivial: the sides use different variables, none at all, are identical, or one contains the
 * other. Redundant (switchable in the settings): too many constants, a subterm on both sides, a
 * binary operation on one leaf twice, two atoms on one pair of leaves, sides without a common
 * binary operation, operands in both orders, an instance of a smaller equation.
 */
import type { ConjectureSettings } from "./settings.js";
import type { Signature } from "./signature.js";
import { occursIn, type TermId, type TermTable, unionSize, varsOutside } from "./term.js";

export type EquationFilter =
  | "varsDiffer"
  | "noVariable"
  | "identicalSides"
  | "sideInOther"
  | "equalityHeadOff"
  | "constants"
  | "sharedSubterm"
  | "diagonal"
  | "leafPairTwice"
  | "noSharedOperation"
  | "mixedOperandOrder"
  | "instanceOfSmaller";

const popcount = (x: number): number => {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
};

/** The compound subterms of an equation, ascending by id (a merge of the sides' sorted lists). */
function equationAtoms(table: TermTable, lhs: TermId, rhs: TermId): TermId[] {
  const a = table.get(lhs).atoms;
  const b = table.get(rhs).atoms;
  const out: TermId[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out.push(x!);
      i++;
    } else if (x === undefined || y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}

/**
 * Whether one binary operation meets the same two operands in both orders, the bare
 * commutativity law `x∘y = y∘x` excepted. Such an equation either follows from that law (itself
 * a candidate) combined with a smaller one, or is false where the operation does not commute.
 */
function mixedOperandOrder(table: TermTable, lhs: TermId, rhs: TermId, atoms: readonly TermId[]): boolean {
  const seen = new Set<string>();
  for (const t of atoms) {
    const info = table.get(t);
    if (info.children.length !== 2) continue;
    seen.add(`${info.index}:${info.children[0]}:${info.children[1]}`);
  }
  for (const t of atoms) {
    const info = table.get(t);
    if (info.children.length !== 2 || info.children[0] === info.children[1]) continue;
    if (seen.has(`${info.index}:${info.children[1]}:${info.children[0]}`))
      return !bareCommutativity(table, lhs, rhs);
  }
  return false;
}

const isLeaf = (table: TermTable, t: TermId): boolean => table.get(t).kind !== "app";

/** Whether the equation is `x∘y = y∘x` for two leaves x, y. */
function bareCommutativity(table: TermTable, lhs: TermId, rhs: TermId): boolean {
  const l = table.get(lhs);
  const r = table.get(rhs);
  return (
    l.kind === "app" &&
    r.kind === "app" &&
    l.index === r.index &&
    l.children.length === 2 &&
    l.children[0] === r.children[1] &&
    l.children[1] === r.children[0] &&
    isLeaf(table, l.children[0]!) &&
    isLeaf(table, l.children[1]!)
  );
}

/**
 * Whether a binary operation is applied to one leaf twice (`a+a`, `a·a`). Such diagonal atoms
 * are the specialisation y := x of `x∘y`; the general law is enumerated in their place.
 */
function hasDiagonal(table: TermTable, atoms: readonly TermId[]): boolean {
  return atoms.some((t) => {
    const c = table.get(t).children;
    return c.length === 2 && c[0] === c[1] && isLeaf(table, c[0]!);
  });
}

/**
 * Whether two atoms take the same unordered pair of leaves as operands (`a+b` with `a·b`, or
 * with `b+a`), the bare commutativity law excepted. A law tying two operations on the same
 * operands directly needs constants (`a+a = 2·a`); the operand swap is commutativity's business.
 */
function leafPairTwice(table: TermTable, lhs: TermId, rhs: TermId, atoms: readonly TermId[]): boolean {
  const pairs = new Set<string>();
  for (const t of atoms) {
    const c = table.get(t).children;
    if (c.length !== 2 || !isLeaf(table, c[0]!) || !isLeaf(table, c[1]!)) continue;
    const key = c[0]! < c[1]! ? `${c[0]},${c[1]}` : `${c[1]},${c[0]}`;
    if (pairs.has(key)) return !bareCommutativity(table, lhs, rhs);
    pairs.add(key);
  }
  return false;
}

/** The binary operations used in a side. */
function binaryOps(table: TermTable, side: TermId): Set<number> {
  const ops = new Set<number>();
  for (const t of table.get(side).atoms) {
    const info = table.get(t);
    if (info.children.length === 2) ops.add(info.index);
  }
  return ops;
}

/**
 * Whether the sides have a binary operation in common, or one side has none. Equations whose
 * sides are built from disjoint binary operations (`a+b = a·b`-like) do not hold as laws over
 * variables alone; the laws that relate two operations (distributivity) mention both on a side.
 */
function shareOperation(table: TermTable, lhs: TermId, rhs: TermId): boolean {
  const l = binaryOps(table, lhs);
  const r = binaryOps(table, rhs);
  if (l.size === 0 || r.size === 0) return true;
  for (const op of l) if (r.has(op)) return true;
  return false;
}

/**
 * Whether replacing every occurrence of some proper compound subterm by a fresh variable gives a
 * well-formed equation (same variables on both sides, within `maxVars`): the equation is then
 * an instance of that smaller, more general one (`s(a)+b = b+s(a)` of `x+b = b+x`).
 */
function instanceOfSmaller(
  table: TermTable,
  lhs: TermId,
  rhs: TermId,
  atoms: readonly TermId[],
  maxVars: number,
): boolean {
  const fresh = 1 << maxVars;
  for (const t of atoms) {
    if (t === lhs || t === rhs) continue;
    const l = varsOutside(table, lhs, t);
    const r = varsOutside(table, rhs, t);
    const ml = l.mask | (l.found ? fresh : 0);
    const mr = r.mask | (r.found ? fresh : 0);
    if (ml === mr && popcount(ml) <= maxVars) return true;
  }
  return false;
}

/** The text of `lhs = rhs` with variables renumbered by first occurrence. */
function orientedText(table: TermTable, lhs: TermId, rhs: TermId): string {
  const rename = new Map<number, number>();
  const write = (t: TermId): string => {
    const info = table.get(t);
    if (info.kind === "const") return `k${info.index}`;
    if (info.kind === "var") {
      let n = rename.get(info.index);
      if (n === undefined) {
        n = rename.size;
        rename.set(info.index, n);
      }
      return `v${n}`;
    }
    return `o${info.index}(${info.children.map(write).join(",")})`;
  };
  const left = write(lhs);
  return `${left}=${write(rhs)}`;
}

/** A key of an equation up to renaming of variables and exchange of its sides. */
export function equationKey(table: TermTable, lhs: TermId, rhs: TermId): string {
  const forward = orientedText(table, lhs, rhs);
  const backward = orientedText(table, rhs, lhs);
  // Strings: `Math.min` does not apply.
  if (backward < forward) return backward;
  return forward;
}

/** The first filter that drops `lhs = rhs` (left side compound), or null when it passes all. */
export function equationDropReason(
  table: TermTable,
  sig: Signature,
  settings: ConjectureSettings,
  lhs: TermId,
  rhs: TermId,
): EquationFilter | null {
  const l = table.get(lhs);
  const r = table.get(rhs);
  if (l.varMask !== r.varMask) return "varsDiffer";
  if (l.varMask === 0) return "noVariable";
  if (lhs === rhs) return "identicalSides";
  if (r.kind === "app" && (occursIn(table, rhs, lhs) || occursIn(table, lhs, rhs))) return "sideInOther";
  if (r.kind !== "app" && (!settings.equalityHeads || sig.equality === null)) return "equalityHeadOff";
  const constants = l.constCount + r.constCount;
  if (constants > settings.maxConstantOccurrences) return "constants";
  if (constants > 0 && unionSize(l.atoms, r.atoms) > settings.maxAtomsWithConstants) return "constants";
  if (settings.noSharedSubterm && l.atoms.some((t) => r.atoms.includes(t))) return "sharedSubterm";
  const atoms = equationAtoms(table, lhs, rhs);
  if (settings.noDiagonal && hasDiagonal(table, atoms)) return "diagonal";
  if (settings.leafPairOnce && leafPairTwice(table, lhs, rhs, atoms)) return "leafPairTwice";
  if (settings.shareOperation && !shareOperation(table, lhs, rhs)) return "noSharedOperation";
  if (settings.consistentOperandOrder && mixedOperandOrder(table, lhs, rhs, atoms))
    return "mixedOperandOrder";
  if (settings.dropInstances && instanceOfSmaller(table, lhs, rhs, atoms, settings.maxVars)) {
    return "instanceOfSmaller";
  }
  return null;
}

/**
 * Hash-consed terms over the conjecturer's signature: variables, element constants and
 * applications of the anchor's operations. Identical terms get one id, so a subterm shared by
 * several places of an equation is one atom of the relational form. Each term carries the
 * summary data the enumerator's limits and filters read.
 */

export type TermId = number;

export type TermKind = "var" | "const" | "app";

export interface TermInfo {
  readonly id: TermId;
  readonly kind: TermKind;
  /** Variable index, theory constant id, or index into the signature's operations. */
  readonly index: number;
  readonly children: readonly TermId[];
  /** 0 for a leaf. */
  readonly depth: number;
  /** Ids of the distinct compound subterms, this term included when compound; ascending. */
  readonly atoms: readonly TermId[];
  /** Bit i set when variable i occurs. */
  readonly varMask: number;
  /** Occurrences of each variable (index = variable). */
  readonly varCounts: readonly number[];
  /** Occurrences of element constants. */
  readonly constCount: number;
  /**
   * Most applications of one unary function along one root-to-leaf path (`s(s(a))`: 2,
   * `s(tri(a))`: 1): the nesting the side limit bounds.
   */
  readonly unaryNesting: number;
  /** Per operation index: its most applications along one root-to-leaf path (unary ones counted). */
  readonly unaryRuns: readonly number[];
  /** Bit i set when operation i of the signature occurs. */
  readonly opMask: number;
  /** Whether some compound subterm (this one included) contains no variable. */
  readonly hasGroundCompound: boolean;
  /** Variables in order of first occurrence, reading left to right. */
  readonly firstOccurrence: readonly number[];
}

const NO_RUNS: readonly number[] = [];

function mergeSorted(parts: readonly (readonly number[])[], extra: number | null): number[] {
  const set = new Set<number>();
  for (const part of parts) for (const x of part) set.add(x);
  if (extra !== null) set.add(extra);
  return [...set].sort((x, y) => x - y);
}

/** The interning table. Ids are dense and assigned in creation order. */
export class TermTable {
  private readonly byKey = new Map<string, TermId>();
  private readonly infos: TermInfo[] = [];

  constructor(
    private readonly varCount: number,
    private readonly unaryOps: ReadonlySet<number>,
    /** Operations of the signature (bounds the per-operation lists). */
    private readonly opCount = 32,
  ) {}

  get(id: TermId): TermInfo {
    const info = this.infos[id];
    if (info === undefined) throw new RangeError(`unknown term ${id}`);
    return info;
  }

  variable(i: number): TermId {
    return this.intern("var", i, []);
  }

  constant(k: number): TermId {
    return this.intern("const", k, []);
  }

  apply(op: number, children: readonly TermId[]): TermId {
    return this.intern("app", op, children);
  }

  private intern(kind: TermKind, index: number, children: readonly TermId[]): TermId {
    const key = `${kind}:${index}(${children.join(",")})`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.infos.length;
    this.infos.push(this.summarise(id, kind, index, children));
    this.byKey.set(key, id);
    return id;
  }

  private summarise(id: TermId, kind: TermKind, index: number, children: readonly TermId[]): TermInfo {
    const varCounts = new Array<number>(this.varCount).fill(0);
    if (kind === "var") {
      varCounts[index] = 1;
      return {
        id,
        kind,
        index,
        children,
        depth: 0,
        atoms: [],
        varMask: 1 << index,
        varCounts,
        constCount: 0,
        unaryNesting: 0,
        unaryRuns: NO_RUNS,
        opMask: 0,
        hasGroundCompound: false,
        firstOccurrence: [index],
      };
    }
    if (kind === "const") {
      return {
        id,
        kind,
        index,
        children,
        depth: 0,
        atoms: [],
        varMask: 0,
        varCounts,
        constCount: 1,
        unaryNesting: 0,
        unaryRuns: NO_RUNS,
        opMask: 0,
        hasGroundCompound: false,
        firstOccurrence: [],
      };
    }
    const subs = children.map((c) => this.get(c));
    // Unary runs of this term: the children's, plus one for this function.
    let varMask = 0;
    let constCount = 0;
    let depth = 0;
    let groundInside = false;
    let opMask = 1 << index;
    const runs = new Array<number>(this.opCount).fill(0);
    const firstOccurrence: number[] = [];
    for (const sub of subs) {
      varMask |= sub.varMask;
      constCount += sub.constCount;
      depth = Math.max(depth, sub.depth);
      opMask |= sub.opMask;
      sub.unaryRuns.forEach((n, op) => {
        if (n > runs[op]!) runs[op] = n;
      });
      groundInside ||= sub.hasGroundCompound;
      sub.varCounts.forEach((n, v) => {
        varCounts[v] = (varCounts[v] ?? 0) + n;
      });
      for (const v of sub.firstOccurrence) if (!firstOccurrence.includes(v)) firstOccurrence.push(v);
    }
    if (this.unaryOps.has(index)) runs[index]!++;
    return {
      id,
      kind,
      index,
      children,
      depth: depth + 1,
      atoms: mergeSorted(
        subs.map((s) => s.atoms),
        id,
      ),
      varMask,
      varCounts,
      constCount,
      unaryNesting: Math.max(0, ...runs),
      unaryRuns: runs,
      opMask,
      hasGroundCompound: groundInside || varMask === 0,
      firstOccurrence,
    };
  }
}

/** Whether `inner` occurs in `outer` (`outer` itself included). */
export function occursIn(table: TermTable, inner: TermId, outer: TermId): boolean {
  if (inner === outer) return true;
  const info = table.get(inner);
  if (info.kind === "app") return table.get(outer).atoms.includes(inner);
  if (info.kind === "var") return (table.get(outer).varMask & (1 << info.index)) !== 0;
  const walk = (t: TermId): boolean => {
    if (t === inner) return true;
    return table.get(t).children.some(walk);
  };
  return walk(outer);
}

/**
 * The variables of `term` that occur outside every occurrence of `sub`, and whether `sub`
 * occurs at all: the variables `term` keeps when `sub` is replaced by a fresh variable.
 */
export function varsOutside(table: TermTable, term: TermId, sub: TermId): { mask: number; found: boolean } {
  if (term === sub) return { mask: 0, found: true };
  const info = table.get(term);
  if (info.kind !== "app") return { mask: info.varMask, found: false };
  if (!info.atoms.includes(sub)) return { mask: info.varMask, found: false };
  let mask = 0;
  let found = false;
  for (const child of info.children) {
    const part = varsOutside(table, child, sub);
    mask |= part.mask;
    found ||= part.found;
  }
  return { mask, found };
}

/** Size of the union of two ascending lists. */
export function unionSize(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) i++;
    else if (x === undefined || y < x) j++;
    else {
      i++;
      j++;
    }
    n++;
  }
  return n;
}

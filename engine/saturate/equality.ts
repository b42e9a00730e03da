/**
 * The fact store of one block run, kept in canonical form under equality.
 *
 * Facts are indexed by predicate, by (predicate, position, argument) and by full record.
 * Equality uses union-find: every live fact has class representatives as arguments, and each
 * rewrite is recorded as an `eq-subst` derivation (the orienting step as `eq-symm`), so the
 * proof of a canonical fact leads back to the facts and equalities it came from. A fact and
 * its negation close the block (contradiction).
 */
import {
  type BlockData,
  type BlockState,
  D,
  F_ALIVE,
  factCount,
  ownBase,
  predNegOf,
  ufEdgeList,
} from "../block.js";
import { IntMap, PairLists, RecordTable } from "../fact-tables.js";
import { EQ_PRED } from "../rules.js";
import { argHi, argLo, type EngineContext, type Index, NEW, pushAt, recordArgs } from "./tables.js";

export abstract class CanonicalFacts {
  protected readonly d: BlockData;
  protected readonly W: number;
  protected readonly idx: Index;
  /** Union-find: loser → winner. */
  private readonly parent = new IntMap();
  /** Whether an operation constant (below ownBase(0)) was ever merged (see seedWith). */
  protected opMerged = false;
  /** Witness constant → depth (theory and block constants have depth 0). */
  protected readonly constDepth: Map<number, number>;
  protected readonly edges: [number, number, number][];
  private pendingEq: number[] = [];
  private edgeIndex = new Map<number, [number, number, number]>();
  /** Reused argument arrays, by length, for canonicalise. */
  private canonBufs: number[][] = [];
  /**
   * Reused arrays, by length, for the arguments of a fact about to be looked up or added
   * (`add` only reads them, and they are dead once it returns).
   */
  protected argBufs: number[][] = [];

  constructor(
    protected readonly s: BlockState,
    protected readonly ctx: EngineContext,
  ) {
    this.d = s.data;
    this.W = ctx.width;
    this.idx = {
      byPred: new Map(),
      byArg: new PairLists(),
      byConst: new Map(),
      byKey: new RecordTable(this.d.facts, this.W),
    };
    this.constDepth = new Map();
    const cd = s.meta.constDepth;
    for (let i = 0; i < cd.length; i += 2) this.constDepth.set(cd[i]!, cd[i + 1]!);
    this.edges = ufEdgeList(s.meta);
    for (const [l, w] of this.edges) this.union(l, w);
    const n = factCount(this.d);
    for (let f = 0; f < n; f++) if (this.d.flags.get(f) & F_ALIVE) this.indexFact(f);
  }

  /** The live fact with record (pn, args), or -1. */
  protected lookup(pn: number, args: readonly number[]): number {
    const f = this.idx.byKey.lookup(pn, args);
    return f >= 0 && this.alive(f) ? f : -1;
  }

  find(c: number): number {
    let r = c;
    for (let p = this.parent.get(r); p >= 0; p = this.parent.get(r)) r = p;
    return r;
  }

  private union(loser: number, winner: number): void {
    this.parent.set(loser, winner);
    if (loser < ownBase(0)) this.opMerged = true;
  }

  /** The value of a rule term under a binding: constants by their class representative. */
  protected valueOf(t: number, binding: Int32Array): number {
    return t < 0 ? this.find(-t - 1) : binding[t]!;
  }

  private indexFact(f: number): void {
    const base = f * this.W;
    const facts = this.d.facts.data;
    const pn = facts[base]!;
    for (let i = 1; i < this.W; i++) {
      const a = facts[base + i]!;
      if (a === -1) break;
      this.idx.byArg.push(argHi(pn, i - 1, a), argLo(pn, i - 1), f);
      pushAt(this.idx.byConst, a, f);
    }
    pushAt(this.idx.byPred, pn, f);
    this.idx.byKey.insert(f);
  }

  private argsOf(f: number): number[] {
    const base = f * this.W;
    const out: number[] = [];
    for (let i = 1; i < this.W; i++) {
      const a = this.d.facts.get(base + i);
      if (a === -1) break;
      out.push(a);
    }
    return out;
  }

  /** Whether a live fact of `list` has the arguments `pattern`, where -1 matches anything. */
  protected fitsSome(list: readonly number[], pattern: readonly number[]): boolean {
    const facts = this.d.facts.data;
    next: for (const f of list) {
      if (!this.alive(f)) continue;
      const base = f * this.W;
      for (let i = 0; i + 1 < this.W; i++) {
        const a = facts[base + 1 + i]!;
        if (a === -1) break;
        if (i >= pattern.length || (pattern[i] !== -1 && pattern[i] !== a)) continue next;
      }
      return true;
    }
    return false;
  }

  private predNeg(f: number): number {
    return this.d.facts.get(f * this.W);
  }

  protected alive(f: number): boolean {
    return (this.d.flags.get(f) & F_ALIVE) !== 0;
  }

  /**
   * Adds a fact (canonicalising its arguments first, with recorded substitution steps) and
   * returns its id, or the id of the identical live fact already present.
   */
  protected add(pred: number, neg: boolean, args: readonly number[], deriv: number[], flags = 0): number {
    const known = this.known(pred, neg, args);
    return known === NEW ? this.addNew(pred, neg, args, deriv, flags) : known;
  }

  /**
   * What `add` would return without adding: -1 for x = x (never stored), the live fact with
   * exactly these arguments, or NEW. Lets callers build a derivation only for a new fact.
   */
  protected known(pred: number, neg: boolean, args: readonly number[]): number {
    // x = x carries nothing: never stored.
    if (pred === EQ_PRED && !neg && this.find(args[0]!) === this.find(args[1]!)) return -1;
    const existing = this.lookup(predNegOf(pred, neg), args);
    return existing >= 0 ? existing : NEW;
  }

  /** Adds a fact that `known` found new. `args` is only read (callers reuse their buffers). */
  protected addNew(pred: number, neg: boolean, args: readonly number[], deriv: number[], flags = 0): number {
    const f = this.push(predNegOf(pred, neg), args, deriv, flags);
    // Rewrite into canonical form if some argument is not a representative.
    for (const a of args) if (this.find(a) !== a) return this.canonicalise(f);
    this.afterAdd(f, pred, neg, args);
    return f;
  }

  private push(pn: number, args: readonly number[], deriv: readonly number[], flags: number): number {
    const d = this.d;
    const f = factCount(d);
    d.facts.push(pn);
    for (let i = 1; i < this.W; i++) d.facts.push(i - 1 < args.length ? args[i - 1]! : -1);
    d.flags.push(F_ALIVE | flags);
    d.derivOff.push(d.deriv.length);
    for (const x of deriv) d.deriv.push(x);
    this.indexFact(f);
    return f;
  }

  private afterAdd(f: number, pred: number, neg: boolean, args: readonly number[]): void {
    const m = this.s.meta;
    if (pred === EQ_PRED) {
      if (!neg && args[0] !== args[1]) this.pendingEq.push(f);
      if (!neg && args[0] === args[1]) this.kill(f); // x = x carries nothing
      if (neg && args[0] === args[1] && !m.contradiction) m.contradiction = [f, -1];
    }
    if (!m.contradiction) {
      const other = this.lookup(predNegOf(pred, !neg), args);
      if (other >= 0) m.contradiction = neg ? [other, f] : [f, other];
    }
  }

  private kill(f: number): void {
    this.d.flags.set(f, this.d.flags.get(f) & ~F_ALIVE);
  }

  /** Replaces a non-canonical live fact by its canonical form, one equality at a time. */
  private canonicalise(f: number): number {
    let cur = f;
    const pn = this.predNeg(cur);
    // The arguments of `cur`, rewritten in place.
    const args = recordArgs(this.d.facts.data, cur * this.W, this.W, this.canonBufs);
    for (;;) {
      let i = 0;
      while (i < args.length && this.find(args[i]!) === args[i]) i++;
      if (i === args.length) break;
      const loser = args[i]!;
      const [, winner, eq] = this.edgeOf(loser);
      for (let j = i; j < args.length; j++) if (args[j] === loser) args[j] = winner;
      this.kill(cur);
      const existing = this.lookup(pn, args);
      if (existing >= 0) return existing;
      cur = this.push(pn, args, [D.eqSubst, -1, 0, 2, cur, eq, 0], 0);
    }
    this.afterAdd(cur, pn >> 1, (pn & 1) === 1, args);
    return cur;
  }

  private edgeOf(loser: number): [number, number, number] {
    let e = this.edgeIndex.get(loser);
    if (!e) {
      for (const x of this.edges) this.edgeIndex.set(x[0], x);
      e = this.edgeIndex.get(loser)!;
    }
    return e;
  }

  private rank(c: number): number {
    // Prefer theory constants, then older (shallower, earlier) constants, witnesses last.
    const dep = this.constDepth.get(c) ?? 0;
    return dep * 2 ** 40 + c;
  }

  /** Merges the classes of every pending equality and rewrites the facts that mention a loser. */
  protected processEqualities(): void {
    while (this.pendingEq.length) {
      const f = this.pendingEq.shift()!;
      if (!this.alive(f)) continue;
      const [a, b] = this.argsOf(f) as [number, number];
      if (a === b) continue;
      const [loser, winner] = this.rank(a) < this.rank(b) ? [b, a] : [a, b];
      // The substitution steps need the equality oriented loser → winner.
      let eq = f;
      if (a !== loser)
        eq = this.push(predNegOf(EQ_PRED, false), [loser, winner], [D.eqSymm, -1, 0, 1, f, 0], 0);
      this.union(loser, winner);
      const edge: [number, number, number] = [loser, winner, eq];
      this.edges.push(edge);
      this.edgeIndex.set(loser, edge);
      this.kill(f);
      if (eq !== f) this.kill(eq);
      const touched = (this.idx.byConst.get(loser) ?? []).filter((x) => this.alive(x));
      for (const t of touched) this.canonicalise(t);
    }
  }
}

/**
 * Local inference inside one logic block: a semi-naive chase over ground atoms.
 *
 * - Rules fire through an indexed join seeded by new facts (a combination is examined only
 *   when it contains something new). Matching is non-injective: two rule variables may bind
 *   the same constant, and constants inside rules match by value.
 * - Equality uses union-find; every live fact is kept in canonical form (arguments replaced
 *   by class representatives), and each rewrite is recorded as an `eq-subst` derivation.
 * - Existentials make witnesses keyed by (rule, arguments). Those whose premises are mere
 *   memberships (totality axioms) fire only on demand: when a join needs `f(x,y)` for known
 *   x, y and no fact gives it. Witness depth is bounded (EngineSettings.maxWitnessDepth).
 * - A fact and its negation close the block (contradiction).
 *
 * `runBlock` depends only on the block's state, its inbox and the rule tables, so it gives
 * the same result on any thread.
 */
import {
  type Assumption,
  type BlockData,
  type BlockState,
  D,
  F_ALIVE,
  F_INHERITED,
  factCount,
  ownBase,
  predNegOf,
  ufEdgeList,
  witnessKeyList,
} from "./block.js";
import { IntMap, PairLists, RecordTable } from "./fact-tables.js";
import { type GoalSearchView, introductionRules, searchWitnesses } from "./goal-witness.js";
import { EQ_PRED, MEMBER_PRED, type RAtom, type Rule } from "./rules.js";
import type { EngineSettings } from "./settings.js";

export interface OperatorInfo {
  readonly inputs: readonly number[];
  readonly output: number;
}

/** Read-only tables shared by every block of a run. */
export interface EngineContext {
  /** Axioms then theorems, by global index. */
  readonly rules: readonly Rule[];
  readonly operators: readonly (OperatorInfo | null)[];
  readonly width: number;
  readonly settings: EngineSettings;
}

/** What a block receives at the start of a burst. */
export interface Inbox {
  /** Parent facts not yet delivered: records of `width` ints, and their parent fact ids. */
  readonly facts: Int32Array;
  readonly factIds: Int32Array;
  /** The parent's witness keys (newline-terminated), their constants, and (constant, depth) pairs. */
  readonly witnessKeys: string;
  readonly witnessConsts: Int32Array;
  readonly constDepth: Int32Array;
}

const UNBOUND = -2147483648;

/** Goal fact marker: an equality goal whose sides were merged by union-find. */
export const EQ_BY_CLASSES = -2;

interface Index {
  byPred: Map<number, number[]>;
  /** Keyed by argHi/argLo. */
  byArg: PairLists;
  byConst: Map<number, number[]>;
  byKey: RecordTable;
}

/*
 * The byArg key of (predNeg, position, constant) is the number c * 1024 + predNeg * 8 + pos,
 * split into two int32 halves: as one number it leaves the small-integer range, and each
 * lookup would allocate a heap number.
 */
const argHi = (predNeg: number, pos: number, c: number): number => c + ((predNeg * 8 + pos) >> 10);
const argLo = (predNeg: number, pos: number): number => (predNeg * 8 + pos) & 1023;

/**
 * Per-rule lookup: which (rule, premise position) pairs a fact can seed. Keyed by the
 * predicate and, when the premise's last argument is a constant (the operation of `in2`/`in3`
 * atoms), by that constant too, so `+` facts never try `·` premises.
 */
function seedTable(rules: readonly Rule[]): Map<number, [Rule, number][]> {
  const t = new Map<number, [Rule, number][]>();
  for (const r of rules) {
    r.premises.forEach((p, i) => {
      const pn = predNegOf(p.pred, p.neg);
      const last = p.args[p.args.length - 1];
      listAt(t, last !== undefined && last < 0 ? seedKey(pn, -last - 1) : anyKey(pn)).push([r, i]);
    });
  }
  return t;
}

const seedKey = (pn: number, c: number): number => c * 1024 + pn;
const anyKey = (pn: number): number => -(pn + 1);

/** Demand-only existentials, by the predicate of a body atom. */
function demandTable(rules: readonly Rule[]): Map<number, [Rule, number][]> {
  const t = new Map<number, [Rule, number][]>();
  for (const r of rules) {
    if (!r.exists || !r.demandOnly) continue;
    r.exists.body.forEach((b, i) => {
      if (b.neg) return;
      listAt(t, b.pred).push([r, i]);
    });
  }
  return t;
}

const tableCache = new WeakMap<
  readonly Rule[],
  Map<number, { seeds: Map<number, [Rule, number][]>; demands: Map<number, [Rule, number][]> }>
>();

function globalTables(ctx: EngineContext, upTo: number) {
  let byLen = tableCache.get(ctx.rules);
  if (!byLen) {
    byLen = new Map();
    tableCache.set(ctx.rules, byLen);
  }
  let t = byLen.get(upTo);
  if (!t) {
    const rs = ctx.rules.slice(0, upTo);
    t = { seeds: seedTable(rs), demands: demandTable(rs) };
    byLen.set(upTo, t);
  }
  return t;
}

export interface BlockRunResult {
  newFacts: number;
}

/** Runs one block for one burst: absorb the inbox and new rules, then saturate. */
export function runBlock(state: BlockState, inbox: Inbox, ctx: EngineContext): BlockRunResult {
  return new Saturator(state, ctx).run(inbox);
}

class Saturator {
  private readonly d: BlockData;
  private readonly W: number;
  private readonly idx: Index;
  /** Union-find: loser → winner. */
  private readonly parent = new IntMap();
  /** Whether an operation constant (below ownBase(0)) was ever merged (see seedWith). */
  private opMerged = false;
  private readonly witnessKeys: Map<string, number>;
  /** Keys added to witnessKeys in this run, in order (the map only ever grows). */
  private readonly newWitnessKeys: string[] = [];
  private readonly constDepth: Map<number, number>;
  private readonly edges: [number, number, number][];
  private pendingEq: number[] = [];
  private demands = new Map<string, { pred: number; args: number[]; hole: number }>();
  private seeds!: Map<number, [Rule, number][]>;
  private demandRules!: Map<number, [Rule, number][]>;

  constructor(
    private readonly s: BlockState,
    private readonly ctx: EngineContext,
  ) {
    this.d = s.data;
    this.W = ctx.width;
    this.idx = {
      byPred: new Map(),
      byArg: new PairLists(),
      byConst: new Map(),
      byKey: new RecordTable(this.d.facts, this.W),
    };
    this.witnessKeys = new Map();
    const consts = s.meta.witnessConsts;
    witnessKeyList(s.meta.witnessKeys).forEach((k, i) => {
      this.witnessKeys.set(k, consts[i]!);
    });
    this.constDepth = new Map();
    const cd = s.meta.constDepth;
    for (let i = 0; i < cd.length; i += 2) this.constDepth.set(cd[i]!, cd[i + 1]!);
    this.edges = ufEdgeList(s.meta);
    for (const [l, w] of this.edges) this.union(l, w);
    const n = factCount(this.d);
    for (let f = 0; f < n; f++) if (this.d.flags.get(f) & F_ALIVE) this.indexFact(f);
  }

  run(inbox: Inbox): BlockRunResult {
    const m = this.s.meta;
    const before = factCount(this.d);
    const allRules = this.ctx.rules.length;
    const g = globalTables(this.ctx, allRules);
    this.seeds = g.seeds;
    this.demandRules = g.demands;
    if (m.hypotheses.length) {
      // Local rules join the seed table of this block only.
      this.seeds = new Map([...g.seeds].map(([k, v]) => [k, [...v]]));
      for (const [k, v] of seedTable(m.hypotheses)) {
        const l = this.seeds.get(k);
        if (l) l.push(...v);
        else this.seeds.set(k, v);
      }
    }
    witnessKeyList(inbox.witnessKeys).forEach((k, i) => {
      if (!this.witnessKeys.has(k)) this.setWitness(k, inbox.witnessConsts[i]!);
    });
    for (let i = 0; i < inbox.constDepth.length; i += 2)
      this.constDepth.set(inbox.constDepth[i]!, inbox.constDepth[i + 1]!);

    const oldEnd = factCount(this.d);
    let newRules: Rule[] = [];
    if (!m.initialized) {
      m.initialized = true;
      if (m.kind === "anchor") this.addAxiomFacts();
      for (const a of m.assumptions) this.addAssumption(a);
      newRules = [];
    } else if (m.rulesSeen < allRules) {
      newRules = this.ctx.rules.slice(m.rulesSeen);
    }
    m.rulesSeen = allRules;
    // Parent facts arrive as inherited facts (canonicalised below if this block knows more equalities).
    const rec = inbox.facts;
    for (let i = 0; i < inbox.factIds.length; i++) {
      const base = i * this.W;
      const args = recordArgs(rec, base, this.W, this.argBufs);
      const pn = rec[base]!;
      this.add(pn >> 1, (pn & 1) === 1, args, [D.inherited, inbox.factIds[i]!, 0, 0, 0], F_INHERITED);
    }
    this.processEqualities();
    if (newRules.length) this.fireRules(newRules, 0, oldEnd);
    for (const [k, dm] of m.pendingDemands) this.demands.set(k, dm);
    // Hypotheses mention block constants, so they can demand before any fact matches them.
    for (const h of m.hypotheses)
      this.join(
        h,
        -1,
        new Array(h.premises.length).fill(-1),
        new Int32Array(h.nvars).fill(UNBOUND),
        0,
        factCount(this.d),
      );

    let deltaStart = oldEnd;
    const limit = this.ctx.settings.maxFactsPerBlock;
    while (true) {
      const deltaEnd = factCount(this.d);
      if (deltaStart >= deltaEnd && this.demands.size === 0) break;
      m.rounds++;
      this.fireSeeds(deltaStart, deltaEnd);
      this.processDemands();
      this.processEqualities();
      this.checkGoals();
      deltaStart = deltaEnd;
      if (factCount(this.d) >= limit) {
        m.atLimit = true;
        break;
      }
      if (factCount(this.d) === deltaEnd) break;
      if (m.leaf && m.goals.length > 0 && m.goals.every((g) => g.proved)) break;
    }
    this.checkGoals();
    m.pendingDemands = [...this.demands];
    this.storeLists();
    return { newFacts: factCount(this.d) - before };
  }

  private setWitness(key: string, c: number): void {
    this.witnessKeys.set(key, c);
    this.newWitnessKeys.push(key);
  }

  /** Writes the witness, depth and union-find lists back to the block in their flat form. */
  private storeLists(): void {
    const m = this.s.meta;
    if (this.newWitnessKeys.length) {
      m.witnessKeys += this.newWitnessKeys.join("\n") + "\n";
      const consts = new Int32Array(m.witnessConsts.length + this.newWitnessKeys.length);
      consts.set(m.witnessConsts);
      this.newWitnessKeys.forEach((k, i) => {
        consts[m.witnessConsts.length + i] = this.witnessKeys.get(k)!;
      });
      m.witnessConsts = consts;
    }
    const cd = new Int32Array(this.constDepth.size * 2);
    let o = 0;
    for (const [c, dep] of this.constDepth) {
      cd[o++] = c;
      cd[o++] = dep;
    }
    m.constDepth = cd;
    const uf = new Int32Array(this.edges.length * 3);
    this.edges.forEach((e, i) => {
      uf.set(e, i * 3);
    });
    m.ufEdges = uf;
  }

  // ---- facts ---------------------------------------------------------------------------

  /** The live fact with record (pn, args), or -1. */
  private lookup(pn: number, args: readonly number[]): number {
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

  private indexFact(f: number): void {
    const base = f * this.W;
    const facts = this.d.facts.data;
    const pn = facts[base]!;
    for (let i = 1; i < this.W; i++) {
      const a = facts[base + i]!;
      if (a === -1) break;
      this.idx.byArg.push(argHi(pn, i - 1, a), argLo(pn, i - 1), f);
      push(this.idx.byConst, a, f);
    }
    push(this.idx.byPred, pn, f);
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
  private fitsSome(list: readonly number[], pattern: readonly number[]): boolean {
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

  private alive(f: number): boolean {
    return (this.d.flags.get(f) & F_ALIVE) !== 0;
  }

  /**
   * Adds a fact (canonicalising its arguments first, with recorded substitution steps) and
   * returns its id, or the id of the identical live fact already present.
   */
  private add(pred: number, neg: boolean, args: readonly number[], deriv: number[], flags = 0): number {
    const known = this.known(pred, neg, args);
    return known === NEW ? this.addNew(pred, neg, args, deriv, flags) : known;
  }

  /**
   * What `add` would return without adding: -1 for x = x (never stored), the live fact with
   * exactly these arguments, or NEW. Lets callers build a derivation only for a new fact.
   */
  private known(pred: number, neg: boolean, args: readonly number[]): number {
    // x = x carries nothing: never stored.
    if (pred === EQ_PRED && !neg && this.find(args[0]!) === this.find(args[1]!)) return -1;
    const existing = this.lookup(predNegOf(pred, neg), args);
    return existing >= 0 ? existing : NEW;
  }

  /** Adds a fact that `known` found new. `args` is only read (callers reuse their buffers). */
  private addNew(pred: number, neg: boolean, args: readonly number[], deriv: number[], flags = 0): number {
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

  /** Reused argument arrays, by length, for canonicalise and for processDemands. */
  private canonBufs: number[][] = [];
  private demandBufs: number[][] = [];

  private edgeIndex = new Map<number, [number, number, number]>();
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

  private processEqualities(): void {
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

  // ---- rules ---------------------------------------------------------------------------

  private addAxiomFacts(): void {
    for (const r of this.ctx.rules) {
      if (r.kind !== "axiom" || r.premises.length > 0) continue;
      if (r.head) {
        const args = r.head.args.map((t) => this.find(-t - 1));
        this.add(r.head.pred, r.head.neg, args, [D.axiom, r.index, 0, 0, 0]);
      } else if (r.exists) {
        this.conclude(r, new Int32Array(r.nvars).fill(UNBOUND), [], false);
      }
    }
  }

  private addAssumption(a: Assumption): void {
    const args = a.atom.args.map((t) => -t - 1);
    const kind = a.kind === "premise" ? D.premise : a.kind === "succ" ? D.succ : D.assume;
    this.add(a.atom.pred, a.atom.neg, args, [kind, a.index, 0, 0, 0]);
  }

  /** Seeds every rule premise with every live fact in [from, to). */
  private fireSeeds(from: number, to: number): void {
    this.seedWith(this.seeds, from, to);
  }

  /** Fires newly arrived rules against all facts in [from, to). */
  private fireRules(rules: readonly Rule[], from: number, to: number): void {
    this.seedWith(seedTable(rules.filter((r) => r.premises.length > 0)), from, to);
  }

  private seedWith(t: Map<number, [Rule, number][]>, from: number, to: number): void {
    // Operation constants are never merged in practice; if one was, fall back to every premise.
    const all = this.opMerged ? [...t.values()].flat() : null;
    const W = this.W;
    const facts = this.d.facts.data;
    for (let f = from; f < to; f++) {
      if (!this.alive(f)) continue;
      const pn = facts[f * W]!;
      if (all) {
        for (const [r, i] of all)
          if (predNegOf(r.premises[i]!.pred, r.premises[i]!.neg) === pn) this.seed(r, i, f, from, to);
        continue;
      }
      let k = W - 1;
      while (facts[f * W + k] === -1) k--;
      const a = t.get(seedKey(pn, facts[f * W + k]!));
      if (a) for (const [r, i] of a) this.seed(r, i, f, from, to);
      const b = t.get(anyKey(pn));
      if (b) for (const [r, i] of b) this.seed(r, i, f, from, to);
    }
  }

  /**
   * Reused binding buffers, by variable count: a join never re-enters another seed, and
   * serving a demand happens outside joins.
   */
  private bufs: Int32Array[] = [];

  /** A reused binding of n variables, all unbound. */
  private bindingBuffer(n: number): Int32Array {
    let binding = this.bufs[n];
    if (!binding) {
      binding = new Int32Array(n);
      this.bufs[n] = binding;
    }
    return binding.fill(UNBOUND);
  }

  private seed(r: Rule, pos: number, f: number, deltaStart: number, deltaEnd: number): void {
    const binding = this.bindingBuffer(r.nvars);
    const mark = this.matchInto(r.premises[pos]!, f, binding);
    if (mark < 0) return;
    // All -1 between seeds: join puts back every entry it sets.
    let matched = this.matchedBufs[r.premises.length];
    if (!matched) {
      matched = new Array<number>(r.premises.length).fill(-1);
      this.matchedBufs[r.premises.length] = matched;
    }
    matched[pos] = f;
    this.join(r, pos, matched, binding, deltaStart, deltaEnd);
    matched[pos] = -1;
    this.unwind(binding, mark);
  }

  /** Reused `matched` arrays, by premise count. */
  private matchedBufs: number[][] = [];

  /** Variables bound by matchInto, so a join can undo them without copying the binding. */
  private trail: number[] = [];

  /**
   * Binds the premise's variables against fact f. Returns the trail length before the match
   * (undo with `unwind`), or -1 on mismatch (binding untouched then).
   */
  private matchInto(p: RAtom, f: number, binding: Int32Array): number {
    const base = f * this.W;
    const facts = this.d.facts.data;
    if (facts[base] !== predNegOf(p.pred, p.neg)) return -1;
    const mark = this.trail.length;
    const args = p.args;
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!;
      const a = facts[base + 1 + i]!;
      if (t < 0) {
        if (this.find(-t - 1) !== a) return this.unwind(binding, mark);
      } else {
        const cur = binding[t]!;
        if (cur === UNBOUND) {
          binding[t] = a;
          this.trail.push(t);
        } else if (cur !== a) return this.unwind(binding, mark);
      }
    }
    return mark;
  }

  private unwind(binding: Int32Array, mark: number): -1 {
    while (this.trail.length > mark) binding[this.trail.pop()!] = UNBOUND;
    return -1;
  }

  private valueOf(t: number, binding: Int32Array): number {
    return t < 0 ? this.find(-t - 1) : binding[t]!;
  }

  private join(
    r: Rule,
    seedPos: number,
    matched: number[],
    binding: Int32Array,
    ds: number,
    de: number,
  ): void {
    // Pick the most constrained unmatched premise.
    let best = -1;
    let bestCands: number[] = EMPTY;
    let bestDemand = false;
    const prem = r.premises;
    for (let i = 0; i < prem.length; i++) {
      if (matched[i] !== -1) continue;
      const p = prem[i]!;
      const cands = this.candidates(p, binding);
      const demandable =
        cands.length === 0 || best < 0 || cands.length <= bestCands.length
          ? this.demandable(p, binding)
          : false;
      // A premise nothing can satisfy (and no witness could): this branch is dead.
      if (cands.length === 0 && !demandable) return;
      if (
        best < 0 ||
        cands.length < bestCands.length ||
        (cands.length === bestCands.length && bestDemand && !demandable)
      ) {
        best = i;
        bestCands = cands;
        bestDemand = demandable;
      }
    }
    if (best < 0) {
      this.conclude(r, binding, matched, true);
      return;
    }
    const p = prem[best]!;
    const limit = best < seedPos ? ds : de;
    const flags = this.d.flags.data;
    // Combinations of inherited facts alone are the parent's work (see conclude).
    let remaining = 0;
    let ownSeen = r.kind === "hypothesis";
    for (let i = 0; i < prem.length; i++) {
      const m = matched[i]!;
      if (m === -1) remaining++;
      else if (!(flags[m]! & F_INHERITED)) ownSeen = true;
    }
    const needOwn = remaining === 1 && !ownSeen;
    let any = false;
    for (let k = 0; k < bestCands.length; k++) {
      const f = bestCands[k]!;
      if (f >= limit || !(flags[f]! & F_ALIVE)) continue;
      if (needOwn && flags[f]! & F_INHERITED) {
        any = true; // a match exists; the parent block serves it (and any demand)
        continue;
      }
      const mark = this.matchInto(p, f, binding);
      if (mark < 0) continue;
      any = true;
      matched[best] = f;
      this.join(r, seedPos, matched, binding, ds, de);
      matched[best] = -1;
      this.unwind(binding, mark);
    }
    if (!any && bestDemand && this.mayDemand(r, matched)) this.demand(p, binding);
  }

  private candidates(p: RAtom, binding: Int32Array): number[] {
    const pn = predNegOf(p.pred, p.neg);
    let best: number[] | undefined;
    for (let i = 0; i < p.args.length; i++) {
      const t = p.args[i]!;
      const v = t < 0 ? this.find(-t - 1) : binding[t]!;
      if (v === UNBOUND) continue;
      const l = this.idx.byArg.get(argHi(pn, i, v), argLo(pn, i)) ?? EMPTY;
      if (!best || l.length < best.length) best = l;
      if (best.length === 0) break;
    }
    return best ?? this.idx.byPred.get(pn) ?? EMPTY;
  }

  /** An operator atom whose inputs (and other non-output arguments) are known but whose output is not. */
  private demandable(p: RAtom, binding: Int32Array): boolean {
    if (p.neg) return false;
    const op = this.ctx.operators[p.pred];
    if (!op) return false;
    for (let i = 0; i < p.args.length; i++) {
      const known = this.valueOf(p.args[i]!, binding) !== UNBOUND;
      if (i === op.output ? known : !known) return false;
    }
    return true;
  }

  private mayDemand(r: Rule, matched: number[]): boolean {
    let own = false;
    let relational = false;
    let any = false;
    for (let i = 0; i < matched.length; i++) {
      const f = matched[i]!;
      if (f < 0) continue;
      any = true;
      if (!(this.d.flags.get(f) & F_INHERITED)) own = true;
      if (r.premises[i]!.pred !== MEMBER_PRED) relational = true;
    }
    if (r.kind === "hypothesis") return true;
    if (r.kind === "theorem" && !this.ctx.settings.theoremDemands) return false;
    if (!own && any) return false;
    return relational || !any;
  }

  private demand(p: RAtom, binding: Int32Array): void {
    const op = this.ctx.operators[p.pred]!;
    const args = p.args.map((t, i) => (i === op.output ? -1 : this.valueOf(t, binding)));
    const k = p.pred + ":" + args.join(",");
    if (!this.demands.has(k)) this.demands.set(k, { pred: p.pred, args, hole: op.output });
  }

  /** Serves demands with demand-only existentials; unmet ones stay for the next round. */
  private processDemands(): void {
    if (this.demands.size === 0) return;
    const list = [...this.demands.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.demands.clear();
    for (const [k, dm] of list) {
      // Already satisfied by a fact?
      const args = scratch(this.demandBufs, dm.args.length);
      let pos0 = -1;
      for (let i = 0; i < args.length; i++) {
        const a = dm.args[i]!;
        args[i] = a === -1 ? -1 : this.find(a);
        if (a !== -1 && pos0 < 0) pos0 = i;
      }
      const pn = predNegOf(dm.pred, false);
      if (this.fitsSome(this.idx.byArg.get(argHi(pn, pos0, args[pos0]!), argLo(pn, pos0)) ?? EMPTY, args))
        continue;
      let served = false;
      let waiting = false;
      for (const [r, bi] of this.demandRules.get(dm.pred) ?? EMPTY_RULES) {
        const body = r.exists!.body[bi]!;
        const binding = this.bindingBuffer(r.nvars);
        let ok = true;
        for (let i = 0; i < body.args.length && ok; i++) {
          const t = body.args[i]!;
          if (i === dm.hole) {
            ok = t >= 0 && r.exists!.witnesses.includes(t);
          } else if (t < 0) ok = this.find(-t - 1) === args[i];
          else if (r.exists!.witnesses.includes(t)) ok = false;
          else if (binding[t] === UNBOUND) binding[t] = args[i]!;
          else ok = binding[t] === args[i];
        }
        if (!ok) continue;
        // The existential's own premises must hold.
        const matched: number[] = [];
        for (const p of r.premises) {
          const pa = scratch(this.argBufs, p.args.length);
          for (let i = 0; i < pa.length; i++) pa[i] = this.valueOf(p.args[i]!, binding);
          const f = pa.includes(UNBOUND) ? -1 : this.lookup(predNegOf(p.pred, p.neg), pa);
          if (f < 0) {
            ok = false;
            break;
          }
          matched.push(f);
        }
        if (!ok) {
          waiting = true;
          continue;
        }
        this.conclude(r, binding, matched, false);
        served = true;
        break;
      }
      if (!served && waiting && this.s.meta.rounds < 64) this.demands.set(k, dm);
    }
  }

  private conclude(r: Rule, binding: Int32Array, matched: number[], fromJoin: boolean): void {
    if (fromJoin && r.kind !== "hypothesis" && this.allInherited(matched)) return;
    if (r.exists) {
      if (fromJoin && r.demandOnly) return;
      this.makeWitness(r, binding, matched);
      return;
    }
    const h = r.head!;
    const args = scratch(this.argBufs, h.args.length);
    for (let i = 0; i < args.length; i++) {
      const v = this.valueOf(h.args[i]!, binding);
      if (v === UNBOUND) return;
      args[i] = v;
    }
    // Most conclusions are already known: build the derivation only for a new fact.
    if (this.known(h.pred, h.neg, args) !== NEW) return;
    const ref = r.kind === "hypothesis" ? -1 - this.s.meta.hypotheses.indexOf(r) : r.index;
    this.addNew(h.pred, h.neg, args, [D.rule, ref, r.nvars, ...binding, matched.length, ...matched, 0]);
  }

  private allInherited(matched: readonly number[]): boolean {
    const flags = this.d.flags.data;
    for (const f of matched) if (!(flags[f]! & F_INHERITED)) return false;
    return true;
  }

  /**
   * Reused arrays, by length, for the arguments of a fact about to be looked up or added
   * (`add` only reads them, and they are dead once it returns).
   */
  private argBufs: number[][] = [];

  private makeWitness(r: Rule, binding: Int32Array, matched: number[]): void {
    const ex = r.exists!;
    const universal: number[] = [];
    for (let v = 0; v < r.nvars; v++) if (!ex.witnesses.includes(v)) universal.push(binding[v]!);
    const key = r.index + "|" + universal.join(",");
    if (this.witnessKeys.has(key)) return;
    let depth = 0;
    for (const c of universal) depth = Math.max(depth, this.constDepth.get(c) ?? 0);
    depth += 1;
    if (depth > this.ctx.settings.maxWitnessDepth) {
      this.s.meta.witnessesCut++;
      return;
    }
    const m = this.s.meta;
    const b = binding.slice();
    let first = -1;
    for (const w of ex.witnesses) {
      const c = ownBase(m.depth) + m.ownConsts++;
      this.constDepth.set(c, depth);
      b[w] = c;
      if (first < 0) first = c;
    }
    this.setWitness(key, first);
    for (const atom of ex.body) {
      const args = atom.args.map((t) => this.valueOf(t, b));
      this.add(atom.pred, atom.neg, args, [
        D.witness,
        r.index,
        r.nvars,
        ...b,
        matched.length,
        ...matched,
        first,
      ]);
    }
  }

  private checkGoals(): void {
    const m = this.s.meta;
    for (const g of m.goals) {
      if (g.proved) continue;
      if (!g.atom) {
        if (m.contradiction) {
          g.proved = true;
          g.fact = m.contradiction[0];
        }
        continue;
      }
      const args = g.atom.args.map((t) => this.find(-t - 1));
      if (g.atom.pred === EQ_PRED && !g.atom.neg && args[0] === args[1]) {
        // Both sides in one class: proved through the union-find edges (see engine/proof.ts).
        g.proved = true;
        g.fact = EQ_BY_CLASSES;
        continue;
      }
      const f = this.lookup(predNegOf(g.atom.pred, g.atom.neg), args);
      if (f >= 0) {
        g.proved = true;
        g.fact = f;
        continue;
      }
      // Demand the goal's left-hand side so that rules can reach it.
      const op = this.ctx.operators[g.atom.pred];
      if (op && !g.atom.neg) {
        const a = args.map((x, i) => (i === op.output ? -1 : x));
        const k = g.atom.pred + ":" + a.join(",");
        if (!this.demands.has(k) && !this.goalDemanded.has(k)) {
          this.goalDemanded.add(k);
          this.demands.set(k, { pred: g.atom.pred, args: a, hole: op.output });
        }
      } else if (g.atom.pred > EQ_PRED && !g.atom.neg) {
        // An existential goal: look for witnesses through the definition's introduction rules.
        for (const r of this.introductions(g.atom.pred)) searchWitnesses(this.goalView(), r, args);
      }
    }
  }
  private goalDemanded = new Set<string>();

  private introductions(pred: number): readonly Rule[] {
    let byPred = introCache.get(this.ctx.rules);
    if (!byPred) {
      byPred = new Map();
      introCache.set(this.ctx.rules, byPred);
    }
    let list = byPred.get(pred);
    if (!list) {
      list = introductionRules(this.ctx.rules, pred);
      byPred.set(pred, list);
    }
    return list;
  }

  private view: GoalSearchView | null = null;

  private goalView(): GoalSearchView {
    if (this.view) return this.view;
    const flags = this.d.flags;
    this.view = {
      operators: this.ctx.operators,
      candidates: (p, binding) => this.candidates(p, binding).filter((f) => (flags.get(f) & F_ALIVE) !== 0),
      matchInto: (p, f, binding) => this.matchInto(p, f, binding),
      unwind: (binding, mark) => {
        this.unwind(binding, mark);
      },
      valueOf: (t, binding) => this.valueOf(t, binding),
      isWitness: (c) => (this.constDepth.get(c) ?? 0) > 0,
      demand: (pred, args, hole) => {
        const k = pred + ":" + args.join(",");
        if (this.demands.has(k) || this.goalDemanded.has(k)) return;
        this.goalDemanded.add(k);
        this.demands.set(k, { pred, args, hole });
      },
    };
    return this.view;
  }
}

const EMPTY: number[] = [];
const introCache = new WeakMap<readonly Rule[], Map<number, readonly Rule[]>>();
const EMPTY_RULES: [Rule, number][] = [];

/** `known`: no live fact has these arguments. */
const NEW = -2;

/** The arguments of the record at `base` in `data` (`width` ints, -1 padded), in a reused array of `pool`. */
function recordArgs(data: ArrayLike<number>, base: number, width: number, pool: number[][]): number[] {
  let n = 0;
  while (n + 1 < width && data[base + 1 + n] !== -1) n++;
  const args = scratch(pool, n);
  for (let i = 0; i < n; i++) args[i] = data[base + 1 + i]!;
  return args;
}

/** The reused array of length n in pool (one per length). */
function scratch(pool: number[][], n: number): number[] {
  let b = pool[n];
  if (!b) {
    b = new Array<number>(n).fill(0);
    pool[n] = b;
  }
  return b;
}

function push(m: Map<number, number[]>, k: number, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function listAt<K, V>(m: Map<K, V[]>, k: K): V[] {
  let l = m.get(k);
  if (!l) {
    l = [];
    m.set(k, l);
  }
  return l;
}

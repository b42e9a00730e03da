/**
 * Logic-block state. A block holds the facts valid under the premises on its path, each
 * with one derivation. Facts and derivations live in flat Int32Arrays (see IntVec) so a
 * block can be transferred to a worker thread and back without copying object graphs;
 * the small remainder (goals, hypotheses, equality edges) is plain data.
 *
 * Constants are integers: theory constants are `0..K-1`; a block at depth d owns the ids
 * `ownBase(d) + i`. Facts only flow from ancestors to descendants, and every ancestor has a
 * different depth, so constants never collide along a path.
 */
import { IntVec } from "./intvec.js";
import type { RAtom, Rule } from "./rules.js";

export const ownBase = (depth: number): number => (depth + 1) * 2 ** 24;
export const ownerDepth = (c: number): number => Math.floor(c / 2 ** 24) - 1;

/** Derivation kinds (the first int of a derivation record). */
export const D = {
  premise: 1,
  axiom: 2,
  rule: 3,
  witness: 4,
  succ: 5,
  eqSubst: 6,
  eqSymm: 7,
  inherited: 8,
  assume: 9,
  /** A hypothesis of an implication introduction's child derivation (engine/saturate/implication.ts). */
  suppose: 10,
  /** A clause concluded by implication introduction: `extra` indexes `BlockMeta.intros`. */
  intro: 11,
} as const;

/**
 * In a rule derivation's premise list: a premise `=[x,x]` met by reflexivity. Reflexive
 * equalities are never stored, so no fact stands for it; the proof shows a `refl` step.
 */
export const REFL_PREMISE = -2;

/** Fact flags. */
export const F_ALIVE = 1;
export const F_INHERITED = 2;

export type BlockKind = "anchor" | "prefix" | "step" | "assume" | "intro";

export interface Assumption {
  readonly atom: RAtom; // ground: constant terms only
  readonly kind: "premise" | "succ" | "assume" | "suppose";
  readonly index: number;
}

/**
 * One case of an implication introduction: the child derivation that assumed the premises of
 * the clause's elimination rule `rule` (an axiom index) on fresh constants and derived its head.
 */
export interface IntroCase {
  readonly rule: number;
  /** The rule's binding: the clause's arguments and the fresh constants. */
  readonly binding: readonly number[];
  /** The child block, packed; `block` is its id once engine/run.ts has added it to the run's blocks. */
  readonly child: PackedBlock;
  block: number;
  /** The goal (the rule's head under the binding) and the child's fact proving it (or EQ_BY_CLASSES). */
  readonly goal: RAtom;
  readonly fact: number;
}

/** A clause `C[ā]` concluded by implication introduction, one case per elimination rule of C. */
export interface IntroRecord {
  readonly pred: number;
  readonly args: readonly number[];
  readonly cases: readonly IntroCase[];
}

export interface Goal {
  /** Which conjecture attempt this goal belongs to (coordinator's key). */
  readonly key: string;
  /** Ground atom (constant terms), or null for "derive a contradiction". */
  readonly atom: RAtom | null;
  proved: boolean;
  /** The fact proving it (or the first fact of the contradiction pair). */
  fact: number;
}

export interface BlockMeta {
  readonly id: number;
  readonly parent: number;
  readonly depth: number;
  readonly kind: BlockKind;
  ownConsts: number;
  readonly assumptions: readonly Assumption[];
  readonly hypotheses: Rule[];
  goals: Goal[];
  initialized: boolean;
  /** Parent facts consumed so far. */
  delivered: number;
  /** Global rules (axioms + theorems) absorbed so far. */
  rulesSeen: number;
  /**
   * Witness keys (own and inherited) in creation order, each followed by a newline, and the
   * constant of each. These lists grow with every witness and travel to a worker thread each
   * burst, so they are kept flat (one string, typed arrays): structured-cloning them as arrays
   * of small arrays cost more than the facts (docs/parallelism.md).
   */
  witnessKeys: string;
  witnessConsts: Int32Array;
  /** Pairs: witness constant, its depth. */
  constDepth: Int32Array;
  /** Union-find edges in order, as triples: loser, winner, the fact `=[loser,winner]`. */
  ufEdges: Int32Array;
  contradiction: [number, number] | null;
  /** Demands not yet served (their existential's premises were missing). */
  pendingDemands: [string, { pred: number; args: number[]; hole: number }][];
  active: boolean;
  /** No child blocks: saturation may stop as soon as every goal here is proved. */
  leaf: boolean;
  atLimit: boolean;
  witnessesCut: number;
  /**
   * Join without dropping a branch at an operator premise whose inputs are not bound yet (it
   * waits for the others to bind them, then may be demanded). Complete, and dearer: only the
   * blocks of the second round of induction attempts (engine/plan.ts, escalate) do it.
   */
  thorough: boolean;
  rounds: number;
  /**
   * Goal-directed terms (engine/saturate/goal-terms.ts): terms made so far, and the most that
   * one closure wanted beyond the block's bound.
   */
  goalTermsMade?: number;
  goalTermsCut?: number;
  /** The witness-depth bound of this block's last run (a deeper one re-runs its joins). */
  witnessDepthSeen?: number;
  /** Clauses concluded here by implication introduction (engine/saturate/implication.ts). */
  intros?: IntroRecord[];
  /** Implication introductions tried here: clause key → this block's fact count at the try. */
  introTried?: Record<string, number>;
  /** How many introductions were tried here (bounded, engine/saturate/implication.ts). */
  introTries?: number;
}

/** The meta of a new, empty block. */
export function newBlockMeta(
  id: number,
  parent: number,
  depth: number,
  kind: BlockKind,
  ownConsts: number,
  assumptions: readonly Assumption[],
  hypotheses: Rule[],
  thorough: boolean,
): BlockMeta {
  return {
    id,
    parent,
    depth,
    kind,
    ownConsts,
    assumptions,
    hypotheses,
    goals: [],
    initialized: false,
    delivered: 0,
    rulesSeen: 0,
    witnessKeys: "",
    witnessConsts: new Int32Array(0),
    constDepth: new Int32Array(0),
    ufEdges: new Int32Array(0),
    contradiction: null,
    pendingDemands: [],
    active: true,
    leaf: true,
    atLimit: false,
    witnessesCut: 0,
    thorough,
    rounds: 0,
  };
}

/** The fact and derivation arrays of a block. */
export interface BlockData {
  facts: IntVec; // width W records: predNeg, args..., padded with -1
  flags: IntVec;
  derivOff: IntVec;
  deriv: IntVec;
}

export interface BlockState {
  meta: BlockMeta;
  data: BlockData;
}

/** A block on its way to or from a worker thread: every array is transferred, not copied. */
export interface PackedBlock {
  meta: BlockMeta;
  facts: Int32Array;
  flags: Int32Array;
  derivOff: Int32Array;
  deriv: Int32Array;
}

export function newBlockData(): BlockData {
  return { facts: new IntVec(256), flags: new IntVec(64), derivOff: new IntVec(64), deriv: new IntVec(256) };
}

export function packBlock(s: BlockState): PackedBlock {
  return {
    meta: s.meta,
    facts: s.data.facts.pack(),
    flags: s.data.flags.pack(),
    derivOff: s.data.derivOff.pack(),
    deriv: s.data.deriv.pack(),
  };
}

export function unpackBlock(p: PackedBlock): BlockState {
  return {
    meta: p.meta,
    data: {
      facts: IntVec.from(p.facts),
      flags: IntVec.from(p.flags),
      derivOff: IntVec.from(p.derivOff),
      deriv: IntVec.from(p.deriv),
    },
  };
}

/**
 * The buffers of a packed block. The data arrays are fresh copies made by packBlock; the meta
 * arrays are the block's own, so the sender must not read the block again until it comes back.
 */
export function transferList(p: PackedBlock): ArrayBuffer[] {
  const m = p.meta;
  return [
    p.facts.buffer,
    p.flags.buffer,
    p.derivOff.buffer,
    p.deriv.buffer,
    m.witnessConsts.buffer,
    m.constDepth.buffer,
    m.ufEdges.buffer,
  ] as ArrayBuffer[];
}

/** The witness keys of a block, in creation order. */
export function witnessKeyList(text: string): string[] {
  if (text === "") return [];
  const keys = text.split("\n");
  keys.pop();
  return keys;
}

/** The union-find edges of a block as [loser, winner, fact] triples. */
export function ufEdgeList(meta: Pick<BlockMeta, "ufEdges">): [number, number, number][] {
  const e = meta.ufEdges;
  const out: [number, number, number][] = [];
  for (let i = 0; i < e.length; i += 3) out.push([e[i]!, e[i + 1]!, e[i + 2]!]);
  return out;
}

export const predNegOf = (pred: number, neg: boolean): number => pred * 2 + (neg ? 1 : 0);

export function factCount(d: BlockData): number {
  return d.flags.length;
}

/** A decoded derivation record. */
export interface Deriv {
  kind: number;
  ref: number;
  binding: number[];
  premises: number[];
  extra: number;
}

export function readDeriv(d: BlockData, f: number): Deriv {
  let o = d.derivOff.get(f);
  const v = d.deriv;
  const kind = v.get(o++);
  const ref = v.get(o++);
  const nb = v.get(o++);
  const binding: number[] = [];
  for (let i = 0; i < nb; i++) binding.push(v.get(o++));
  const np = v.get(o++);
  const premises: number[] = [];
  for (let i = 0; i < np; i++) premises.push(v.get(o++));
  const extra = v.get(o);
  return { kind, ref, binding, premises, extra };
}

export function readFact(
  d: BlockData,
  width: number,
  f: number,
): { pred: number; neg: boolean; args: number[] } {
  const base = f * width;
  const pn = d.facts.get(base);
  const args: number[] = [];
  for (let i = 1; i < width; i++) {
    const a = d.facts.get(base + i);
    if (a === -1) break;
    args.push(a);
  }
  return { pred: pn >> 1, neg: (pn & 1) === 1, args };
}

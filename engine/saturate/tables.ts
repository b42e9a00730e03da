/**
 * Shared tables of the saturation (engine/saturate.ts): the run's read-only context, the
 * per-rule seed and demand lookups (cached per rule list), the fact index layout, and small
 * reusable-buffer helpers used on the hot path.
 */
import { predNegOf } from "../block.js";
import type { PairLists, RecordTable } from "../fact-tables.js";
import type { Rule } from "../rules.js";
import type { EngineSettings } from "../settings.js";

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
  /**
   * Called now and then during a block's saturation (between rounds, every few hundred seed
   * facts): the pool hands over other blocks that idle threads claimed (engine/steal.ts). It
   * never touches the block running, so it cannot change what the block derives.
   */
  readonly poll?: () => void;
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

export interface BlockRunResult {
  newFacts: number;
}

export const UNBOUND = -2147483648;

/** Goal fact marker: a goal proved by the block's contradiction (ex falso quodlibet). */
export const EX_FALSO = -3;

/** A pending request for the output of an operation on known inputs. */
export interface Demand {
  pred: number;
  args: number[];
  hole: number;
  /** Levels the witness may nest past the depth bound (engine/saturate/ac-goals.ts). */
  extraDepth?: number;
}

export interface Index {
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
export const argHi = (predNeg: number, pos: number, c: number): number => c + ((predNeg * 8 + pos) >> 10);
export const argLo = (predNeg: number, pos: number): number => (predNeg * 8 + pos) & 1023;

/**
 * Per-rule lookup: which (rule, premise position) pairs a fact can seed. Keyed by the
 * predicate and, when the premise's last argument is a constant (the operation of `in2`/`in3`
 * atoms), by that constant too, so `+` facts never try `·` premises.
 */
export function seedTable(rules: readonly Rule[]): Map<number, [Rule, number][]> {
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

export const seedKey = (pn: number, c: number): number => c * 1024 + pn;
export const anyKey = (pn: number): number => -(pn + 1);

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

/** The seed and demand tables of the first `upTo` rules of the run (built once per rule count). */
export function globalTables(ctx: EngineContext, upTo: number) {
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

export const EMPTY: number[] = [];
export const EMPTY_RULES: [Rule, number][] = [];

/** `known`: no live fact has these arguments. */
export const NEW = -2;

/** The arguments of the record at `base` in `data` (`width` ints, -1 padded), in a reused array of `pool`. */
export function recordArgs(data: ArrayLike<number>, base: number, width: number, pool: number[][]): number[] {
  let n = 0;
  while (n + 1 < width && data[base + 1 + n] !== -1) n++;
  const args = scratch(pool, n);
  for (let i = 0; i < n; i++) args[i] = data[base + 1 + i]!;
  return args;
}

/** The reused array of length n in pool (one per length). */
export function scratch(pool: number[][], n: number): number[] {
  let b = pool[n];
  if (!b) {
    b = new Array<number>(n).fill(0);
    pool[n] = b;
  }
  return b;
}

export function pushAt(m: Map<number, number[]>, k: number, v: number): void {
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

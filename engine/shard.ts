/**
 * The blocks one thread holds across bursts (a shard): the blocks it owns, whose facts and
 * derivations never leave it until the run ends or an idle thread takes them over (engine/steal.ts), and read-only
 * replicas of parents owned by other shards, kept current by small per-burst deltas (the
 * parent's new facts, the ids of facts that died, its witness lists). The coordinator thread
 * holds one shard itself and each pool thread one (engine/worker.ts); the same code runs on both.
 *
 * A burst on a shard first computes the inbox of every active block it owns, from the owned
 * parent or the parent's replica, all before any block runs, so every inbox reflects the state
 * at the end of the previous burst, exactly as when one thread runs everything.
 */
import { type BlockState, F_ALIVE, factCount } from "./block.js";
import { EMPTY_INBOX, inboxFrom, type ParentView } from "./inbox.js";
import { IntVec } from "./intvec.js";
import { type EngineContext, type Inbox, runBlock } from "./saturate.js";
import { clockSince, threadClock } from "./thread-clock.js";

/** A replica update: facts [from, count) with their flags, and older facts that died since. */
export interface ReplicaDelta {
  readonly id: number;
  readonly from: number;
  readonly count: number;
  readonly facts: Int32Array;
  readonly flags: Int32Array;
  readonly killed: Int32Array;
  readonly witnessKeys: string;
  readonly witnessConsts: Int32Array;
  readonly constDepth: Int32Array;
}

export const deltaBytes = (d: ReplicaDelta): number =>
  4 * (d.facts.length + d.flags.length + d.killed.length + d.witnessConsts.length + d.constDepth.length) +
  2 * d.witnessKeys.length;

interface Replica {
  facts: IntVec;
  flags: IntVec;
  witnessKeys: string;
  witnessConsts: Int32Array;
  constDepth: Int32Array;
}

/** What the coordinator needs back from a block after a burst. */
export interface BlockOutcome {
  readonly id: number;
  /** Per goal, in order: proved (0/1) and the proving fact. */
  readonly goals: Int32Array;
  readonly count: number;
  readonly ms: number;
  /** CPU milliseconds of the run where measured (a profiled burst), else -1. */
  readonly cpuMs: number;
  /** Ints in the block's inbox this burst (for the scaling simulator). */
  readonly inboxInts: number;
}

export class Shard {
  readonly owned = new Map<number, BlockState>();
  private readonly replicas = new Map<number, Replica>();
  /** Owned blocks that other shards replicate: the fact count and live flags last published. */
  private readonly published = new Map<number, { count: number; alive: Uint8Array }>();

  constructor(readonly width: number) {}

  adopt(state: BlockState): void {
    this.owned.set(state.meta.id, state);
    this.replicas.delete(state.meta.id);
  }

  release(id: number): BlockState {
    const s = this.owned.get(id);
    if (!s) throw new Error(`shard does not own block ${id}`);
    this.owned.delete(id);
    this.published.delete(id);
    return s;
  }

  dropReplica(id: number): void {
    this.replicas.delete(id);
  }

  clear(): void {
    this.owned.clear();
    this.replicas.clear();
    this.published.clear();
  }

  /**
   * The changes of an owned block since its last publication (a whole copy the first time it
   * is published from this shard), and a whole copy when `full` (for a new replica).
   */
  publish(id: number, full: boolean): { delta: ReplicaDelta; full: ReplicaDelta | null } {
    const s = this.owned.get(id);
    if (!s) throw new Error(`shard does not own block ${id}`);
    const W = this.width;
    const n = factCount(s.data);
    const flags = s.data.flags.data;
    const facts = s.data.facts.data;
    const m = s.meta;
    const witness = () => ({
      witnessKeys: m.witnessKeys,
      witnessConsts: m.witnessConsts.slice(),
      constDepth: m.constDepth.slice(),
    });
    const prev = this.published.get(id);
    const whole = (): ReplicaDelta => ({
      id,
      from: 0,
      count: n,
      facts: facts.slice(0, n * W),
      flags: flags.slice(0, n),
      killed: new Int32Array(0),
      ...witness(),
    });
    let delta: ReplicaDelta;
    if (prev) {
      const killed: number[] = [];
      for (let f = 0; f < prev.count; f++) if (prev.alive[f] && !(flags[f]! & F_ALIVE)) killed.push(f);
      delta = {
        id,
        from: prev.count,
        count: n,
        facts: facts.slice(prev.count * W, n * W),
        flags: flags.slice(prev.count, n),
        killed: Int32Array.from(killed),
        ...witness(),
      };
    } else {
      // First publication here (new replica, or the block just moved to this shard): whole copies.
      delta = whole();
    }
    const alive = new Uint8Array(n);
    for (let f = 0; f < n; f++) alive[f] = flags[f]! & F_ALIVE;
    this.published.set(id, { count: n, alive });
    return { delta, full: !full ? null : delta.from === 0 ? delta : whole() };
  }

  applyDelta(d: ReplicaDelta): void {
    let r = this.replicas.get(d.id);
    if (d.from === 0 || !r) {
      if (d.from !== 0) throw new Error(`replica of block ${d.id} missing its first facts`);
      r = {
        facts: new IntVec(d.facts.length),
        flags: new IntVec(d.flags.length),
        witnessKeys: "",
        witnessConsts: new Int32Array(0),
        constDepth: new Int32Array(0),
      };
      this.replicas.set(d.id, r);
    }
    if (r.flags.length !== d.from) throw new Error(`replica of block ${d.id} out of step`);
    for (let i = 0; i < d.facts.length; i++) r.facts.push(d.facts[i]!);
    for (let i = 0; i < d.flags.length; i++) r.flags.push(d.flags[i]!);
    for (const f of d.killed) r.flags.set(f, r.flags.get(f) & ~F_ALIVE);
    r.witnessKeys = d.witnessKeys;
    r.witnessConsts = d.witnessConsts;
    r.constDepth = d.constDepth;
  }

  private parentView(id: number): ParentView {
    const s = this.owned.get(id);
    if (s)
      return {
        facts: s.data.facts.data,
        flags: s.data.flags.data,
        count: factCount(s.data),
        witnessKeys: s.meta.witnessKeys,
        witnessConsts: s.meta.witnessConsts,
        constDepth: s.meta.constDepth,
      };
    const r = this.replicas.get(id);
    if (!r) throw new Error(`shard has neither block ${id} nor a replica of it`);
    return {
      facts: r.facts.data,
      flags: r.flags.data,
      count: r.flags.length,
      witnessKeys: r.witnessKeys,
      witnessConsts: r.witnessConsts,
      constDepth: r.constDepth,
    };
  }

  /**
   * The inboxes of the given owned blocks, from the owned parent or the parent's replica, all
   * computed before any of them runs (every inbox then reflects the end of the previous burst).
   */
  inboxes(active: readonly number[]): Map<number, Inbox> {
    const out = new Map<number, Inbox>();
    for (const id of active) {
      const s = this.owned.get(id);
      if (!s) throw new Error(`shard does not own block ${id}`);
      if (s.meta.parent < 0) {
        out.set(id, EMPTY_INBOX);
        continue;
      }
      const r = inboxFrom(this.parentView(s.meta.parent), s.meta.delivered, this.width);
      s.meta.delivered = r.delivered;
      out.set(id, r.inbox);
    }
    return out;
  }

  /**
   * Runs one owned block for one burst with its inbox. With `clock`, its CPU time is taken
   * from this thread's scheduler clock (engine/thread-clock.ts; -1 otherwise).
   */
  runOne(id: number, inbox: Inbox, ctx: EngineContext, clock = false): BlockOutcome {
    const s = this.owned.get(id);
    if (!s) throw new Error(`shard does not own block ${id}`);
    const c0 = clock ? threadClock() : null;
    const t0 = performance.now();
    runBlock(s, inbox, ctx);
    const ms = performance.now() - t0;
    const cpu = clock ? clockSince(c0) : null;
    const goals = new Int32Array(s.meta.goals.length * 2);
    s.meta.goals.forEach((g, k) => {
      goals[2 * k] = g.proved ? 1 : 0;
      goals[2 * k + 1] = g.fact;
    });
    return {
      id,
      goals,
      count: factCount(s.data),
      ms,
      cpuMs: cpu ? cpu.cpuMs : -1,
      inboxInts: inbox.facts.length + inbox.factIds.length,
    };
  }

  /**
   * Runs a burst of the given owned blocks on this thread alone: every inbox first, then every
   * block. `onBlock` is told which block is about to run (so a crash can name it).
   */
  runBurst(active: readonly number[], ctx: EngineContext, onBlock?: (id: number) => void): BlockOutcome[] {
    const inboxes = this.inboxes(active);
    return active.map((id) => {
      onBlock?.(id);
      return this.runOne(id, inboxes.get(id)!, ctx);
    });
  }
}

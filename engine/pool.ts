/**
 * The resident block pool: `workers` shards, each a thread that holds its blocks across bursts.
 * Shard 0 is the coordinator thread itself; shards 1..workers−1 are each the only thread of a
 * single-thread piscina pool, so a task sent to a shard's pool reaches that thread and its state
 * (engine/worker.ts). A burst is two rounds of small messages:
 *
 * 1. exchange: every owner of a parent whose children live on other shards publishes the
 *    parent's changes since the last burst (new facts, facts that died, witness lists), or a
 *    whole copy for a new replica; blocks the balancer moves are handed over;
 * 2. burst: each shard gets the deltas for its replicas, new and moved blocks, goals the
 *    coordinator added, and the list of its active blocks; it answers per block with goal states,
 *    the fact count and the time taken.
 *
 * Placement and rebalancing are in engine/placement.ts. Output never depends on where a block
 * runs: a block's run depends only on its own state and its inbox, computed from the parent's
 * state at the end of the previous burst on whichever thread holds the parent or its replica.
 * docs/parallelism.md gives the design and its measurements.
 */
import { Piscina } from "piscina";
import type { Conjecture, Theory } from "../mpl/theory.js";
import {
  type BlockState,
  factCount,
  newBlockData,
  type PackedBlock,
  packBlock,
  transferList,
  unpackBlock,
} from "./block.js";
import { placeAll, placeNew, rebalance } from "./placement.js";
import type { Executor, ResidentRunner } from "./run.js";
import { type BlockOutcome, deltaBytes, type ReplicaDelta, Shard } from "./shard.js";
import type {
  BurstResult,
  BurstTask,
  CollectTask,
  ExchangeResult,
  ExchangeTask,
  WorkerInit,
} from "./worker.js";

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly blocks: number[],
  ) {
    super(message);
    this.name = "WorkerError";
  }
}

/** Testing hook: make the pool thread running this block fail, by throwing or by exiting. */
export interface FaultInjection {
  readonly block: number;
  readonly kind: "throw" | "exit";
}

export interface PoolOptions {
  /** Threads running blocks, the coordinator's included (1: everything stays on it). */
  workers: number;
  fault?: FaultInjection;
  /**
   * Bursts run in place on the coordinator, with no thread started, until they have taken this
   * many milliseconds in all; the pool starts then (default 0). Where a block runs never changes
   * what it derives.
   */
  inPlaceFirstMs?: number;
  /**
   * Start with fewer threads when the work is small: one shard per MIN_BLOCKS_PER_SHARD active
   * blocks at the moment the pool starts, at most `workers` (the commands' default --workers).
   */
  adaptive?: boolean;
  /** Move subtrees between shards when it pays (default true). */
  rebalance?: boolean;
  /**
   * A few of the run's conjectures each pool thread proves briefly, and drops, when it starts
   * (engine/worker.ts): its JIT warm-up then overlaps the caller's serial work.
   */
  rehearsal?: readonly Conjecture[];
  /** Records, per burst, every block's time and message sizes (for the scaling simulator). */
  trace?: BurstTrace[];
}

/** The commands' default for PoolOptions.inPlaceFirstMs. */
export const IN_PLACE_FIRST_MS = 1000;
/** With PoolOptions.adaptive, a shard per this many active blocks. */
export const MIN_BLOCKS_PER_SHARD = 16;

/** One burst of a run as the simulator replays it. */
export interface BurstTrace {
  readonly shards: number;
  /** Coordinator milliseconds between the previous burst and this one. */
  readonly coordinatorMs: number;
  readonly blocks: {
    readonly id: number;
    readonly parent: number;
    readonly shard: number;
    readonly ms: number;
    readonly inboxInts: number;
    /** Ints of replica deltas published for this block this burst (0 if none). */
    readonly publishedInts: number;
  }[];
  /** Wall milliseconds of the exchange round and of the burst round. */
  readonly exchangeMs: number;
  readonly burstMs: number;
}

/** Where a pool run's time went (milliseconds, summed over shards unless said otherwise). */
export interface PoolStats {
  /** Threads asked for, and threads that really ran blocks (the coordinator's included). */
  readonly workers: number;
  readonly threadsRun: number;
  readonly bursts: number;
  readonly inPlaceBursts: number;
  /** Shard tasks sent (exchange and burst rounds). */
  readonly batches: number;
  readonly blocks: number;
  readonly localBlocks: number;
  /** Saturation, on any thread. */
  readonly computeMs: number;
  /** Packing, unpacking and applying deltas, on either side. */
  readonly codecMs: number;
  /** Round trips minus the worker's own time: message passing and hand-over. */
  readonly messageMs: number;
  /** Summed over bursts: the busiest shard's compute time (balance against computeMs / threads). */
  readonly busiestThreadMs: number;
  /** Ints of replica deltas and moved blocks sent between threads. */
  readonly deltaInts: number;
  /** Blocks the balancer moved between threads. */
  readonly movedBlocks: number;
  /** Ints of block state handed between threads: first placement, new blocks, moves. */
  readonly movedInts: number;
}

export interface PoolExecutor extends Executor {
  stats(): PoolStats;
  /**
   * Starts up to `threads` shards' threads now (at most workers − 1), so that they load and
   * build their tables while the caller does serial work.
   */
  warm(threads?: number): void;
}

const sizeOf = (s: BlockState): number => s.data.facts.length + s.data.deriv.length + 2 * factCount(s.data);
const sizeOfPacked = (p: PackedBlock): number =>
  p.facts.length + p.flags.length + p.derivOff.length + p.deriv.length;
/** Estimated cost of moving one int of block state between threads (pack, hand over, unpack). */
const MS_PER_INT = 1e-5;

/** A block coming back to the coordinator keeps the goals and flags the coordinator set meanwhile. */
function mergeShadow(state: BlockState, shadow: BlockState): void {
  const m = shadow.meta;
  state.meta.goals.push(...m.goals.slice(state.meta.goals.length).map((g) => ({ ...g })));
  state.meta.leaf = m.leaf;
  state.meta.active = m.active;
}

export function poolExecutor(theory: Theory, width: number, opts: PoolOptions): PoolExecutor {
  if (!Number.isInteger(opts.workers) || opts.workers < 1)
    throw new RangeError(`a pool needs at least 1 worker, got ${opts.workers}`);
  const init: WorkerInit = { theory, width, ...(opts.rehearsal ? { rehearsal: [...opts.rehearsal] } : {}) };
  // The fault hook targets pool threads, so a run that sets it uses them from the start.
  const inPlaceFirstMs = opts.fault ? 0 : (opts.inPlaceFirstMs ?? 0);
  const pools: Piscina[] = [];
  const startPools = (n: number): void => {
    while (pools.length < n)
      pools.push(
        new Piscina({
          filename: new URL("./worker.js", import.meta.url).href,
          minThreads: 1,
          maxThreads: 1,
          idleTimeout: Number.POSITIVE_INFINITY,
          workerData: init,
        }),
      );
  };
  let closed = false;
  const st = {
    threadsRun: 1,
    bursts: 0,
    inPlaceBursts: 0,
    batches: 0,
    blocks: 0,
    localBlocks: 0,
    computeMs: 0,
    codecMs: 0,
    messageMs: 0,
    busiestThreadMs: 0,
    deltaInts: 0,
    movedBlocks: 0,
    movedInts: 0,
  };

  // Per engine run (a pool can serve several in turn).
  let runBlocks: BlockState[] | null = null;
  let run = 0;
  let shards = 1;
  let inPlaceMs = 0;
  const local = new Shard(width);
  let owner: number[] = [];
  let subs = new Map<number, Set<number>>();
  let sentGoals: number[] = [];
  let sentLeaf: boolean[] = [];
  let counts: number[] = [];
  let lastMs: number[] = [];
  let lastBetween = performance.now();
  /** Blocks known at the end of the last placement. */
  let known = 0;

  const newRun = (blocks: BlockState[]) => {
    runBlocks = blocks;
    run++;
    shards = 1;
    inPlaceMs = 0;
    local.clear();
    owner = [];
    subs = new Map();
    sentGoals = [];
    sentLeaf = [];
    counts = [];
    lastMs = [];
    known = 0;
  };

  const fail = (e: unknown, ids: number[]): never => {
    const msg = e instanceof Error ? e.message : String(e);
    if (process.env.GL_DEBUG_POOL) console.error(e);
    throw new WorkerError(
      `a worker thread failed on block${ids.length > 1 ? "s" : ""} ${ids.join(", ")}: ${msg}`,
      ids,
    );
  };

  const send = async <R>(
    s: number,
    task: ExchangeTask | BurstTask | CollectTask,
    transfer: ArrayBuffer[],
    blame: () => number[],
  ): Promise<R> => {
    st.batches++;
    try {
      return (await pools[s - 1]!.run(task, { transferList: transfer as never })) as R;
    } catch (e) {
      return fail(e, blame());
    }
  };

  const runner: ResidentRunner = {
    factCount(b) {
      return (owner[b.meta.id] ?? 0) > 0 ? counts[b.meta.id]! : factCount(b.data);
    },

    async runBurst(active, blocks, ctx) {
      if (blocks !== runBlocks) newRun(blocks);
      const coordinatorMs = performance.now() - lastBetween;
      st.bursts++;
      st.blocks += active.length;
      // New blocks are born on the coordinator: its shard holds them until placed elsewhere.
      for (let i = owner.length; i < blocks.length; i++) {
        owner.push(0);
        local.adopt(blocks[i]!);
      }
      const ids = active.map((b) => b.meta.id);
      if ((shards === 1 && inPlaceMs < inPlaceFirstMs) || opts.workers === 1) {
        const t0 = performance.now();
        const out = local.runBurst(ids, ctx);
        const ms = performance.now() - t0;
        for (const o of out) {
          lastMs[o.id] = o.ms;
          counts[o.id] = o.count;
        }
        inPlaceMs += ms;
        st.inPlaceBursts++;
        st.localBlocks += active.length;
        st.computeMs += ms;
        st.busiestThreadMs += ms;
        opts.trace?.push({
          shards: 1,
          coordinatorMs,
          blocks: out.map((o) => ({
            id: o.id,
            parent: blocks[o.id]!.meta.parent,
            shard: 0,
            ms: o.ms,
            inboxInts: o.inboxInts,
            publishedInts: 0,
          })),
          exchangeMs: 0,
          burstMs: ms,
        });
        lastBetween = performance.now();
        return;
      }
      const activeSet = new Set(ids);
      const tree = {
        parent: blocks.map((b) => b.meta.parent),
        weight: blocks.map((b, id) =>
          activeSet.has(id) ? (lastMs[id] ?? 0) + 0.05 + 1e-5 * (counts[id] ?? factCount(b.data)) : 0,
        ),
      };
      const moves = new Map<number, number>(); // block → shard it moves to
      const firstPlacement = shards === 1;
      if (firstPlacement) {
        // The pool starts: everything the coordinator holds is placed.
        const want = opts.adaptive ? Math.ceil(active.length / MIN_BLOCKS_PER_SHARD) : opts.workers;
        shards = Math.max(2, Math.min(opts.workers, want));
        startPools(shards - 1);
        st.threadsRun = Math.max(st.threadsRun, shards);
        const pinned = new Map<number, number>();
        if (opts.fault && opts.fault.block < blocks.length) pinned.set(opts.fault.block, 1);
        placeAll(tree, shards, pinned).forEach((s, id) => {
          if (s !== owner[id]) moves.set(id, s);
        });
      } else {
        const placed = owner.map((s, id) => (id >= known ? -1 : s));
        placeNew(tree, placed, shards);
        for (let id = known; id < blocks.length; id++) if (placed[id] !== 0) moves.set(id, placed[id]!);
        if (opts.rebalance !== false) {
          const size = blocks.map((b, id) => (owner[id]! > 0 ? (counts[id] ?? 0) * (width + 8) : sizeOf(b)));
          const pin = new Set(opts.fault ? [opts.fault.block] : []);
          const mv = rebalance(tree, placed, size, shards, { msPerInt: MS_PER_INT, horizon: 2 }, pin);
          if (mv) for (const b of mv.blocks) moves.set(b, mv.to);
        }
      }
      const knownBefore = known;
      known = blocks.length;
      const target = owner.slice();
      for (const [id, s] of moves) target[id] = s;
      // Replicas each shard needs: the parents of its active blocks that live elsewhere.
      const need = new Map<number, Set<number>>();
      for (const id of ids) {
        const p = blocks[id]!.meta.parent;
        if (p < 0 || target[p] === target[id]) continue;
        const set = need.get(p) ?? need.set(p, new Set()).get(p)!;
        set.add(target[id]!);
      }
      const drop = new Map<number, number[]>();
      const listIn = <V>(m: Map<number, V[]>, k: number): V[] => m.get(k) ?? m.set(k, []).get(k)!;
      for (const [p, old] of subs) {
        const now = need.get(p);
        for (const s of old) if (!now?.has(s) && target[p] !== s) listIn(drop, s).push(p);
      }
      const isNew = (p: number, s: number) => moves.has(p) || !subs.get(p)?.has(s);

      // Round 1: owners publish replica updates and hand over blocks that move.
      const exchangeT0 = performance.now();
      const plan = new Map<number, { publish: number[]; full: number[]; give: number[] }>();
      const planOf = (s: number) => plan.get(s) ?? plan.set(s, { publish: [], full: [], give: [] }).get(s)!;
      for (const [p, set] of need) {
        const e = planOf(owner[p]!);
        e.publish.push(p);
        if ([...set].some((s) => isNew(p, s))) e.full.push(p);
      }
      for (const [id] of moves) planOf(owner[id]!).give.push(id);
      const updates: ExchangeResult["updates"] = [];
      const arriving = new Map<number, PackedBlock[]>();
      const rounds: Promise<void>[] = [];
      for (const [s, e] of plan) {
        if (s === 0) {
          const t0 = performance.now();
          const full = new Set(e.full);
          for (const id of e.publish) updates.push({ id, ...local.publish(id, full.has(id)) });
          for (const id of e.give) listIn(arriving, moves.get(id)!).push(packBlock(local.release(id)));
          st.codecMs += performance.now() - t0;
          continue;
        }
        const task: ExchangeTask = { kind: "exchange", run, ...e };
        rounds.push(
          (async () => {
            const t0 = performance.now();
            const r = await send<ExchangeResult>(s, task, [], () => e.give.concat(e.publish));
            st.codecMs += r.codecMs;
            st.messageMs += Math.max(0, performance.now() - t0 - r.codecMs);
            updates.push(...r.updates);
            for (const p of r.blocks) listIn(arriving, moves.get(p.meta.id)!).push(p);
          })(),
        );
      }
      await Promise.all(rounds);
      updates.sort((a, b) => a.id - b.id);
      const deltasFor = new Map<number, ReplicaDelta[]>();
      const publishedInts = new Map<number, number>();
      for (const u of updates) {
        for (const s of need.get(u.id)!) {
          const d = isNew(u.id, s) ? u.full : u.delta;
          if (!d) continue;
          listIn(deltasFor, s).push(d);
          const ints = deltaBytes(d) / 4;
          st.deltaInts += ints;
          publishedInts.set(u.id, (publishedInts.get(u.id) ?? 0) + ints);
        }
      }
      // Every block handed over counts for the per-int cost; only rebalancing counts as a move.
      for (const list of arriving.values()) for (const p of list) st.movedInts += sizeOfPacked(p);
      for (const [id, s] of moves) {
        if (owner[id] !== s && id < knownBefore && !firstPlacement) st.movedBlocks++;
        owner[id] = s;
      }
      subs = need;
      const exchangeMs = performance.now() - exchangeT0;

      // Round 2: the burst, on every shard at once.
      const theorems = ctx.rules.filter((r) => r.kind === "theorem");
      const outcomes: BlockOutcome[] = [];
      const byShard = new Map<number, number>();
      const burstT0 = performance.now();
      const remote: Promise<void>[] = [];
      for (let s = 1; s < shards; s++) {
        const blocksIn = arriving.get(s) ?? [];
        const arrived = new Set<number>();
        for (const p of blocksIn) {
          arrived.add(p.meta.id);
          sentGoals[p.meta.id] = p.meta.goals.length;
          sentLeaf[p.meta.id] = p.meta.leaf;
          // The coordinator keeps only the meta (goals, flags) of a block that lives elsewhere.
          blocks[p.meta.id] = {
            meta: { ...p.meta, goals: p.meta.goals.map((g) => ({ ...g })) },
            data: newBlockData(),
          };
        }
        const goals: BurstTask["goals"] = [];
        const nonLeaf: number[] = [];
        for (let id = 0; id < blocks.length; id++) {
          if (owner[id] !== s || arrived.has(id)) continue;
          const m = blocks[id]!.meta;
          if (m.goals.length > sentGoals[id]!) goals.push({ id, goals: m.goals.slice(sentGoals[id]) });
          sentGoals[id] = m.goals.length;
          if (!m.leaf && sentLeaf[id]) nonLeaf.push(id);
          sentLeaf[id] = m.leaf;
        }
        const mine = ids.filter((id) => owner[id] === s);
        const deltas = deltasFor.get(s) ?? [];
        const dropped = drop.get(s) ?? [];
        if (
          mine.length + blocksIn.length + goals.length + nonLeaf.length + deltas.length + dropped.length ===
          0
        )
          continue;
        const current = new Int32Array(new SharedArrayBuffer(4)).fill(-1);
        const task: BurstTask = {
          kind: "burst",
          run,
          settings: ctx.settings,
          theorems,
          blocks: blocksIn,
          goals,
          nonLeaf,
          deltas,
          drop: dropped,
          active: mine,
          current,
        };
        if (opts.fault) task.fault = opts.fault;
        remote.push(
          (async () => {
            const t0 = performance.now();
            const r = await send<BurstResult>(s, task, blocksIn.flatMap(transferList), () => {
              const on = Atomics.load(current, 0);
              return on >= 0 ? [on] : mine;
            });
            const t1 = performance.now();
            for (const o of r.outcomes) {
              const m = blocks[o.id]!.meta;
              for (let k = 0; k < o.goals.length / 2; k++) {
                m.goals[k]!.proved = o.goals[2 * k] === 1;
                m.goals[k]!.fact = o.goals[2 * k + 1]!;
              }
              counts[o.id] = o.count;
              lastMs[o.id] = o.ms;
            }
            outcomes.push(...r.outcomes);
            st.computeMs += r.computeMs;
            st.codecMs += r.codecMs;
            st.messageMs += Math.max(0, t1 - t0 - r.computeMs - r.codecMs);
            byShard.set(s, r.computeMs);
          })(),
        );
      }
      // The coordinator's own shard, while the others run.
      const t0 = performance.now();
      for (const p of arriving.get(0) ?? []) {
        const state = unpackBlock(p);
        // Goals and flags the coordinator changed while the block was away stay the coordinator's.
        mergeShadow(state, blocks[p.meta.id]!);
        blocks[p.meta.id] = state;
        local.adopt(state);
      }
      for (const id of drop.get(0) ?? []) local.dropReplica(id);
      for (const d of deltasFor.get(0) ?? []) local.applyDelta(d);
      st.codecMs += performance.now() - t0;
      const mine = ids.filter((id) => owner[id] === 0);
      let out: BlockOutcome[];
      try {
        out = local.runBurst(mine, ctx);
      } catch (e) {
        await Promise.allSettled(remote);
        throw e;
      }
      const ms = out.reduce((s, o) => s + o.ms, 0);
      for (const o of out) {
        counts[o.id] = o.count;
        lastMs[o.id] = o.ms;
      }
      outcomes.push(...out);
      st.computeMs += ms;
      st.localBlocks += mine.length;
      byShard.set(0, ms);
      const settled = await Promise.allSettled(remote);
      const bad = settled.find((r) => r.status === "rejected");
      if (bad) throw (bad as PromiseRejectedResult).reason;
      st.busiestThreadMs += Math.max(0, ...byShard.values());
      const burstMs = performance.now() - burstT0;
      if (opts.trace) {
        const byId = new Map(outcomes.map((o) => [o.id, o]));
        opts.trace.push({
          shards,
          coordinatorMs,
          blocks: ids.map((id) => {
            const o = byId.get(id)!;
            return {
              id,
              parent: blocks[id]!.meta.parent,
              shard: owner[id]!,
              ms: o.ms,
              inboxInts: o.inboxInts,
              publishedInts: publishedInts.get(id) ?? 0,
            };
          }),
          exchangeMs,
          burstMs,
        });
      }
      lastBetween = performance.now();
    },

    async collect(blocks) {
      if (blocks !== runBlocks) return;
      const rounds: Promise<void>[] = [];
      for (let s = 1; s < shards; s++) {
        rounds.push(
          (async () => {
            const r = await send<{ blocks: PackedBlock[] }>(s, { kind: "collect" }, [], () => []);
            for (const p of r.blocks) {
              const state = unpackBlock(p);
              mergeShadow(state, blocks[p.meta.id]!);
              blocks[p.meta.id] = state;
            }
          })(),
        );
      }
      await Promise.all(rounds);
      runBlocks = null;
      local.clear();
    },
  };

  return {
    resident: runner,
    async runBurst() {
      throw new Error("the resident pool runs bursts through its resident runner");
    },
    stats() {
      return { workers: opts.workers, ...st };
    },
    warm(threads = opts.workers - 1) {
      startPools(Math.max(0, Math.min(opts.workers - 1, threads)));
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(pools.map((p) => p.destroy()));
    },
  };
}

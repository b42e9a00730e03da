/**
 * Models of the scaling curve: Amdahl's law fitted to measured speedups, and a simulator that
 * replays a one-worker run's burst trace for P threads.
 *
 * The simulator places blocks the way the pool does (engine/placement.ts: subtree placement
 * when the pool starts, new blocks beside their parent, a paying-only rebalance), then charges
 * per burst, per shard: the measured compute of its blocks, the per-message cost of the two
 * rounds (exchange and burst), the per-int cost of the replica deltas and block moves it sends
 * or receives, and once per pool thread the isolate warm-up (a fresh V8 isolate compiles and
 * optimises the engine's code again and runs slower meanwhile). A burst takes as long as its
 * busiest shard; the coordinator's time between bursts and the serial phases around the bursts
 * add up as measured. Costs come from measured runs (bench/scaling.ts, `costsFrom`).
 */

import { placeAll, placeNew, rebalance } from "../engine/placement.js";
import { type BurstTrace, MIN_BLOCKS_PER_SHARD } from "../engine/pool.js";

/** Amdahl's law: the speedup on n threads when a fraction f of the time is serial. */
export const amdahl = (f: number, n: number): number => 1 / (f + (1 - f) / n);

/** The serial fraction that fits measured (threads, speedup) points best (least squares). */
export function fitAmdahl(points: readonly { threads: number; speedup: number }[]): number {
  let best = 0;
  let bestErr = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= 10_000; i++) {
    const f = i / 10_000;
    const err = points.reduce((s, p) => s + (amdahl(f, p.threads) - p.speedup) ** 2, 0);
    if (err < bestErr) {
      bestErr = err;
      best = f;
    }
  }
  return best;
}

export interface SimCosts {
  /** Milliseconds per shard task (round trip, hand-over), per round. */
  readonly msPerMessage: number;
  /** Milliseconds per int of replica delta or moved block (pack, clone, apply). */
  readonly msPerInt: number;
  /** Extra compute milliseconds of a fresh pool isolate (JIT warm-up), once per thread. */
  readonly warmupMs: number;
  /** Wall milliseconds of the run outside bursts and coordinator work (loading, enumeration…). */
  readonly outsideMs: number;
  /** Bursts run in place before the pool starts, as the commands do (PoolOptions.inPlaceFirstMs). */
  readonly inPlaceFirstMs: number;
}

export interface SimResult {
  readonly threads: number;
  readonly wallMs: number;
  readonly computeMs: number;
  readonly messageMs: number;
  readonly warmupMs: number;
  readonly coordinatorMs: number;
  /** Mean shard compute over the busiest shard's, over pool bursts. */
  readonly balance: number;
}

/** Replays a one-worker trace for `threads` threads. */
export function simulate(
  trace: readonly BurstTrace[],
  threads: number,
  costs: SimCosts,
  adaptive = false,
): SimResult {
  let wall = costs.outsideMs;
  let coordinatorMs = 0;
  let computeMs = 0;
  let messageMs = 0;
  let warmupMs = 0;
  let inPlace = 0;
  let shards = 1;
  let owner: number[] = [];
  const parent: number[] = [];
  const lastMs: number[] = [];
  let meanSum = 0;
  let maxSum = 0;
  for (const burst of trace) {
    coordinatorMs += burst.coordinatorMs;
    wall += burst.coordinatorMs;
    for (const b of burst.blocks) {
      parent[b.id] = b.parent;
      lastMs[b.id] ??= 0;
    }
    for (let i = 0; i < parent.length; i++) parent[i] ??= -1;
    const burstCompute = burst.blocks.reduce((s, b) => s + b.ms, 0);
    computeMs += burstCompute;
    if (threads <= 1 || (shards === 1 && inPlace < costs.inPlaceFirstMs)) {
      inPlace += burstCompute;
      wall += burstCompute;
      for (const b of burst.blocks) lastMs[b.id] = b.ms;
      continue;
    }
    const active = new Set(burst.blocks.map((b) => b.id));
    const weight = parent.map((_, id) => (active.has(id) ? (lastMs[id] ?? 0) + 0.05 : 0));
    const tree = { parent, weight };
    let moved = new Map<number, number>();
    let fresh = false;
    if (shards === 1) {
      shards = adaptive
        ? Math.max(2, Math.min(threads, Math.ceil(active.size / MIN_BLOCKS_PER_SHARD)))
        : threads;
      owner = placeAll(tree, shards);
      fresh = true;
      moved = new Map(owner.map((s, id) => [id, s]));
    } else {
      const placed = parent.map((_, id) => owner[id] ?? -1);
      placeNew(tree, placed, shards);
      const mv = rebalance(
        tree,
        placed,
        parent.map(() => 0),
        shards,
        { msPerInt: costs.msPerInt, horizon: 2 },
      );
      if (mv)
        for (const b of mv.blocks) {
          placed[b] = mv.to;
          moved.set(b, mv.to);
        }
      owner = placed;
    }
    const load = new Array<number>(shards).fill(0);
    const ints = new Array<number>(shards).fill(0);
    for (const b of burst.blocks) {
      const s = owner[b.id]!;
      load[s]! += b.ms;
      // A parent elsewhere: its delta arrives (about this burst's inbox, counted once per child).
      if (b.parent >= 0 && owner[b.parent] !== s) ints[s]! += b.inboxInts;
    }
    let busiest = 0;
    for (let s = 0; s < shards; s++) {
      // Two rounds per burst for every pool shard; the coordinator's own shard sends nothing.
      const msg = s === 0 ? 0 : 2 * costs.msPerMessage + ints[s]! * costs.msPerInt;
      const warm = fresh && s > 0 ? costs.warmupMs : 0;
      messageMs += msg;
      warmupMs += warm;
      busiest = Math.max(busiest, load[s]! + msg + warm);
    }
    meanSum += burstCompute / shards;
    maxSum += Math.max(...load);
    wall += busiest;
    for (const b of burst.blocks) lastMs[b.id] = b.ms;
  }
  return {
    threads,
    wallMs: wall,
    computeMs,
    messageMs,
    warmupMs,
    coordinatorMs,
    balance: maxSum > 0 ? meanSum / maxSum : 1,
  };
}

/**
 * Models of the scaling curve: Amdahl's law fitted to measured speedups, and a simulator that
 * replays a one-worker run's profile (engine/pool-profile.ts: per burst, every block's CPU time
 * and parent, and the coordinator's serial CPU) for P threads.
 *
 * The simulator does what the pool does (engine/pool.ts, engine/placement.ts,
 * engine/steal.ts): blocks are placed when the pool starts and new blocks go beside their
 * parent; each burst's units are built and balanced when the burst starts by the pool's own
 * functions; then each thread runs its units heaviest first and an idle thread claims half the
 * unstarted expected work of the busiest one, handed over after the measured wait of a steal.
 * Blocks stay where they ran. A burst costs the coordinator's serial work, then the
 * busiest thread's time; phases outside the bursts cost their measured one-thread time, and
 * those that map tasks on the pool (the HTML site, the re-check) follow Amdahl's law with the
 * serial fraction their 2-thread runs show. Costs are measured (bench/scaling.ts, `costsFrom`).
 */

import { placeAll, placeNew } from "../engine/placement.js";
import type { BurstProfile } from "../engine/pool-profile.js";
import { assignUnits, buildUnits, MIN_STEAL_MS } from "../engine/steal.js";

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
  /** Hand-over latency of a task to a pool thread and of its answer back, per burst (ms). */
  readonly msPerMessage: number;
  /** A thief's wait for the blocks it claimed (the victim serves claims between rounds) (ms). */
  readonly msPerSteal: number;
  /** A block's CPU time with threads running at once over its time alone (measured; 1 = none). */
  readonly coRun: number;
  /** From a pool thread's start until it takes blocks: loading and rehearsal (ms). */
  readonly warmupMs: number;
  /**
   * In-place burst time after which the pool waits for its threads instead of running more
   * bursts in place (the commands' PoolOptions.inPlaceFirstMs; Infinity: never waits).
   */
  readonly inPlaceFirstMs: number;
  /** The one-thread time outside the bursts that stays serial (loading, enumeration, export…). */
  readonly outsideMs: number;
  /** Phases that map their tasks on the pool: one-thread time and serial fraction. */
  readonly mapped: readonly { readonly name: string; readonly ms: number; readonly serialFraction: number }[];
}

export interface SimResult {
  readonly threads: number;
  readonly wallMs: number;
  /** Where the predicted time goes (ms): they add up to wallMs. */
  readonly parts: {
    /** Outside the bursts, serial. */
    readonly outsideMs: number;
    /** Phases mapped on the pool. */
    readonly mappedMs: number;
    /** The coordinator's serial work between bursts. */
    readonly serialMs: number;
    /** Waiting for the pool threads to load (after inPlaceFirstMs of bursts in place). */
    readonly loadWaitMs: number;
    /** Bursts: the work itself divided over the threads (CPU alone, no slowdown). */
    readonly workMs: number;
    /** Bursts: the co-running slowdown's share. */
    readonly coRunMs: number;
    /** Bursts: beyond an even split, the longest block where it is longer (critical path). */
    readonly criticalPathMs: number;
    /** Bursts: the rest of the busiest thread's time (imbalance, hand-over waits, messages). */
    readonly imbalanceMs: number;
  };
  /** Mean thread busy time over the busiest thread's, over bursts on the pool. */
  readonly balance: number;
}

/** One block of a burst: id, CPU ms, parent. */
type SimBlock = readonly [id: number, ms: number, parent: number];

/** The bursts of a one-worker profile as the simulator replays them (one entry per burst). */
export interface SimBurst {
  readonly run: number;
  readonly serialMs: number;
  readonly blocks: readonly SimBlock[];
}

export function simBursts(profile: readonly BurstProfile[]): SimBurst[] {
  return profile.map((b) => ({
    run: b.run,
    serialMs: (b.serialCpuMs ?? b.serialMs) + (b.planCpuMs ?? b.planMs),
    blocks: b.perBlock.map(([id, , ms, parent]) => [id, ms, parent] as const),
  }));
}

/** Replays a one-worker profile for `threads` threads. */
export function simulate(bursts: readonly SimBurst[], threads: number, costs: SimCosts): SimResult {
  const parts = {
    outsideMs: costs.outsideMs,
    mappedMs: 0,
    serialMs: 0,
    loadWaitMs: 0,
    workMs: 0,
    coRunMs: 0,
    criticalPathMs: 0,
    imbalanceMs: 0,
  };
  for (const m of costs.mapped)
    parts.mappedMs += m.ms * (threads <= 1 ? 1 : amdahl(m.serialFraction, threads) ** -1);
  let elapsed = 0;
  let inPlace = 0;
  let run = -1;
  let parallel = false;
  let owner: number[] = [];
  let parent: number[] = [];
  let lastMs: number[] = [];
  let meanSum = 0;
  let maxSum = 0;
  for (const b of bursts) {
    if (b.run !== run) {
      run = b.run;
      parallel = false;
      owner = [];
      parent = [];
      lastMs = [];
    }
    parts.serialMs += b.serialMs;
    elapsed += b.serialMs;
    for (const [id, , p] of b.blocks) {
      while (parent.length <= id) parent.push(-1);
      parent[id] = p;
    }
    const work = b.blocks.reduce((s, x) => s + x[1], 0);
    const longest = Math.max(0, ...b.blocks.map((x) => x[1]));
    // Threads take blocks once loaded (the commands start them when the run starts); after
    // inPlaceFirstMs of bursts in place the pool waits for them.
    if (threads > 1 && !parallel && elapsed < costs.warmupMs && inPlace >= costs.inPlaceFirstMs) {
      parts.loadWaitMs += costs.warmupMs - elapsed;
      elapsed = costs.warmupMs;
    }
    if (threads <= 1 || (!parallel && elapsed < costs.warmupMs)) {
      parts.workMs += work;
      elapsed += work;
      inPlace += work;
      for (const [id, ms] of b.blocks) lastMs[id] = ms;
      continue;
    }
    const ids = b.blocks.map((x) => x[0]);
    const active = new Set(ids);
    const weight = parent.map((_, id) => (active.has(id) ? (lastMs[id] ?? 0) + 0.05 : 0));
    if (!parallel) {
      parallel = true;
      owner = placeAll({ parent, weight }, threads);
    } else {
      const placed = parent.map((_, id) => owner[id] ?? -1);
      placeNew({ parent, weight }, placed, threads);
      owner = placed;
    }
    const msOf = new Map(b.blocks.map((x) => [x[0], x[1] * costs.coRun]));
    const { table } = buildUnits(ids, owner, (id) => weight[id]!);
    const assigned = assignUnits(table, threads);
    const { makespan, ranBy, busy } = stealSchedule(
      table,
      assigned,
      msOf,
      threads,
      costs.msPerMessage,
      costs.msPerSteal,
    );
    for (let u = 0; u < table.shard.length; u++)
      for (let i = table.start[u]!; i < table.start[u + 1]!; i++) owner[table.blocks[i]!] = ranBy[u]!;
    const even = work / threads;
    parts.workMs += even;
    parts.coRunMs += even * (costs.coRun - 1);
    const floor = Math.max(even * costs.coRun, longest * costs.coRun);
    parts.criticalPathMs += floor - even * costs.coRun;
    parts.imbalanceMs += Math.max(0, makespan - floor);
    meanSum += busy.reduce((s, x) => s + x, 0) / threads;
    maxSum += Math.max(...busy);
    elapsed += makespan;
    for (const [id, ms] of b.blocks) lastMs[id] = ms;
  }
  const wallMs = Object.values(parts).reduce((s, x) => s + x, 0);
  return { threads, wallMs, parts, balance: maxSum > 0 ? meanSum / maxSum : 1 };
}

/**
 * One burst on `threads` threads: each runs its units in order after handing over the units
 * assigned elsewhere, then the ones assigned to it, then claims half the unstarted expected
 * work of the busiest thread, handed over after `msPerSteal`. Returns the burst's time, which
 * thread ran each unit, and each thread's busy time.
 */
export function stealSchedule(
  table: {
    readonly shard: Int32Array;
    readonly start: Int32Array;
    readonly blocks: Int32Array;
    readonly weight: Float64Array;
  },
  assigned: ReadonlyMap<number, number>,
  msOf: ReadonlyMap<number, number>,
  threads: number,
  msPerMessage: number,
  msPerSteal: number,
): { makespan: number; ranBy: Int32Array; busy: number[] } {
  const n = table.shard.length;
  const claim = new Int32Array(n).fill(-1);
  for (const [u, s] of assigned) claim[u] = s;
  const ranBy = Int32Array.from(table.shard);
  const time = Array.from({ length: threads }, (_, s) => (s === 0 ? 0 : msPerMessage));
  const busy = new Array<number>(threads).fill(0);
  const runUnit = (s: number, u: number) => {
    for (let i = table.start[u]!; i < table.start[u + 1]!; i++) {
      const ms = msOf.get(table.blocks[i]!) ?? 0;
      time[s]! += ms;
      busy[s]! += ms;
    }
    ranBy[u] = s;
  };
  const phase = new Array<number>(threads).fill(0); // 0 own, 1 assigned, 2 stealing, 3 done
  const nextOwn = new Array<number>(threads).fill(0);
  for (;;) {
    let s = -1;
    for (let k = 0; k < threads; k++) if (phase[k]! < 3 && (s < 0 || time[k]! < time[s]!)) s = k;
    if (s < 0) break;
    if (phase[s] === 0) {
      while (nextOwn[s]! < n && (table.shard[nextOwn[s]!] !== s || claim[nextOwn[s]!]! >= 0)) nextOwn[s]!++;
      if (nextOwn[s]! < n) {
        const u = nextOwn[s]!;
        claim[u] = s;
        runUnit(s, u);
        continue;
      }
      phase[s] = 1;
    }
    if (phase[s] === 1) {
      // Handed over when their holders started (one message later).
      for (const [u, to] of assigned)
        if (to === s) {
          time[s] = Math.max(time[s]!, (table.shard[u] === 0 ? 0 : msPerMessage) + msPerMessage);
          runUnit(s, u);
        }
      phase[s] = 2;
      continue;
    }
    // Steal: half the unstarted expected work of the thread with the most, from its end.
    const free = new Array<number>(threads).fill(0);
    for (let u = 0; u < n; u++)
      if (claim[u]! < 0 && table.weight[u]! >= MIN_STEAL_MS) free[table.shard[u]!]! += table.weight[u]!;
    let victim = -1;
    for (let k = 0; k < threads; k++)
      if (k !== s && free[k]! >= MIN_STEAL_MS && (victim < 0 || free[k]! > free[victim]!)) victim = k;
    if (victim < 0) {
      phase[s] = 3;
      continue;
    }
    const taken: number[] = [];
    let got = 0;
    for (let u = n - 1; u >= 0 && got < free[victim]! / 2; u--) {
      if (table.shard[u] !== victim || claim[u]! >= 0 || table.weight[u]! < MIN_STEAL_MS) continue;
      claim[u] = s;
      taken.push(u);
      got += table.weight[u]!;
    }
    time[s]! += msPerSteal;
    for (const u of taken) runUnit(s, u);
  }
  return { makespan: Math.max(...time) + msPerMessage, ranBy, busy };
}

/** The largest of the simulated parts besides the work itself, and its share of the total. */
export function limitingCost(r: SimResult): { name: string; share: number } {
  const names: Record<keyof SimResult["parts"], string> = {
    outsideMs: "serial phases outside the bursts",
    mappedMs: "phases mapped on the pool",
    serialMs: "the coordinator's serial work between bursts",
    loadWaitMs: "waiting for the pool threads to load",
    workMs: "the work itself",
    coRunMs: "co-running slowdown (threads sharing caches and memory)",
    criticalPathMs: "the longest block of a burst (critical path)",
    imbalanceMs: "imbalance and hand-over waits",
  };
  let best: keyof SimResult["parts"] = "outsideMs";
  for (const k of Object.keys(names) as (keyof SimResult["parts"])[])
    if (k !== "workMs" && r.parts[k] > r.parts[best]) best = k;
  return { name: names[best], share: r.parts[best] / r.wallMs };
}

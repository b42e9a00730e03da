/**
 * The pool's per-burst profile (PoolOptions.profile): for every burst, each thread's part in
 * measures that survive a shared machine (its CPU time and its run-queue wait from the kernel's
 * per-thread clock, engine/thread-clock.ts), the time it waited for others, the hand-overs, the
 * coordinator's serial work between bursts, and which block made the burst's critical path.
 *
 * From these the profile predicts what the bursts would take on a quiet machine with a core per
 * thread: per burst, the coordinator's serial CPU plus the CPU of the busiest thread
 * (`quietBurstMs`). docs/parallelism.md shows the table and how it compares with runs on a quiet
 * machine.
 */

/** One thread's part of one burst. Milliseconds; null where the thread clock is missing. */
export interface ThreadBurst {
  readonly shard: number;
  /** From the start of its part of the burst to its end, on the thread. */
  readonly wallMs: number;
  /** CPU time of the thread over its part, and time it was runnable but off a core. */
  readonly cpuMs: number | null;
  readonly runQueueMs: number | null;
  /** Saturation of its blocks: wall time, and CPU time (per-block clock). */
  readonly computeMs: number;
  readonly computeCpuMs: number | null;
  /** Waiting for blocks it claimed from another thread (engine/steal.ts). */
  readonly stealWaitMs: number;
  /** Packing and posting blocks other threads claimed from it. */
  readonly handoverMs: number;
  /** Applying replica deltas, adopting blocks, publishing its deltas. */
  readonly codecMs: number;
  /** From the coordinator's send to the thread's start, and from its end to the coordinator's receipt (0 on the coordinator). */
  readonly sendMs: number;
  readonly returnMs: number;
  /** From its end to the end of the burst: waiting at the barrier, not runnable. */
  readonly idleMs: number;
  readonly blocks: number;
  /** Claims it made on other threads' work; blocks it took over, and blocks it handed over. */
  readonly steals: number;
  readonly took: number;
  readonly gave: number;
}

export interface BurstProfile {
  /** The engine run (a pool can serve several: discovery's model, then its proofs). */
  readonly run: number;
  readonly burst: number;
  readonly shards: number;
  readonly blocks: number;
  /** The coordinator's work since the previous burst ended (proofs, promotion, mirrors, deactivation): wall and CPU. */
  readonly serialMs: number;
  readonly serialCpuMs: number | null;
  /** The pool's own planning before the burst round (placement, units, replica routing), exchange round included. */
  readonly planMs: number;
  readonly planCpuMs: number | null;
  /** The exchange round (0 when it did not run). */
  readonly exchangeMs: number;
  /** The burst round, wall, on the coordinator. */
  readonly wallMs: number;
  readonly threads: readonly ThreadBurst[];
  /** Blocks' saturation time (CPU where measured, else wall): the longest, its block, and the sum. */
  readonly maxBlockMs: number;
  readonly criticalBlock: number;
  readonly sumBlockMs: number;
  /**
   * Every block of the burst: id, the shard that ran it, its CPU milliseconds (wall where
   * unmeasured), and its parent (-1 for a root): what the scaling simulator replays.
   */
  readonly perBlock: readonly (readonly [id: number, shard: number, ms: number, parent: number])[];
}

/** Where a PoolOptions.profile collects its bursts. */
export interface PoolProfile {
  readonly bursts: BurstProfile[];
  /** Per pool thread started: milliseconds from its start until it had loaded (and rehearsed). */
  readonly threadLoadMs: number[];
  /** Per pool thread: its CPU milliseconds until then (module loading, rule tables, rehearsal). */
  readonly threadLoadCpuMs: number[];
}

/** A thread's busy time in a burst: CPU where measured, else its wall time less waiting. */
const busy = (t: ThreadBurst): number => t.cpuMs ?? t.wallMs - t.stealWaitMs;

/** The burst on a quiet machine with a core per thread: serial CPU, planning, then the busiest thread. */
export function quietBurstMs(b: BurstProfile): number {
  const serial = (b.serialCpuMs ?? b.serialMs) + (b.planCpuMs ?? b.planMs);
  return serial + Math.max(0, ...b.threads.map(busy));
}

export interface ProfileSummary {
  readonly bursts: number;
  readonly wallMs: number;
  readonly quietMs: number;
  readonly serialCpuMs: number;
  readonly planCpuMs: number;
  /** Per shard: CPU, run-queue wait, idle at the barrier, steal waits, hand-overs. */
  readonly perShard: {
    shard: number;
    cpuMs: number;
    runQueueMs: number;
    idleMs: number;
    stealWaitMs: number;
    handoverMs: number;
    sendMs: number;
    returnMs: number;
    blocks: number;
    took: number;
  }[];
  /** Sum over bursts of the longest block, and of all blocks (the critical path against the work). */
  readonly criticalPathMs: number;
  readonly blockSumMs: number;
}

export function summarize(bursts: readonly BurstProfile[]): ProfileSummary {
  const shards = Math.max(1, ...bursts.map((b) => b.shards));
  const perShard = Array.from({ length: shards }, (_, shard) => ({
    shard,
    cpuMs: 0,
    runQueueMs: 0,
    idleMs: 0,
    stealWaitMs: 0,
    handoverMs: 0,
    sendMs: 0,
    returnMs: 0,
    blocks: 0,
    took: 0,
  }));
  let wallMs = 0;
  let quietMs = 0;
  let serialCpuMs = 0;
  let planCpuMs = 0;
  let criticalPathMs = 0;
  let blockSumMs = 0;
  for (const b of bursts) {
    wallMs += b.serialMs + b.planMs + b.wallMs;
    quietMs += quietBurstMs(b);
    serialCpuMs += b.serialCpuMs ?? b.serialMs;
    planCpuMs += b.planCpuMs ?? b.planMs;
    criticalPathMs += b.maxBlockMs;
    blockSumMs += b.sumBlockMs;
    for (const t of b.threads) {
      const p = perShard[t.shard]!;
      p.cpuMs += t.cpuMs ?? t.wallMs;
      p.runQueueMs += t.runQueueMs ?? 0;
      p.idleMs += t.idleMs;
      p.stealWaitMs += t.stealWaitMs;
      p.handoverMs += t.handoverMs;
      p.sendMs += t.sendMs;
      p.returnMs += t.returnMs;
      p.blocks += t.blocks;
      p.took += t.took;
    }
  }
  return {
    bursts: bursts.length,
    wallMs,
    quietMs,
    serialCpuMs,
    planCpuMs,
    perShard,
    criticalPathMs,
    blockSumMs,
  };
}

const f1 = (x: number | null): string => (x === null ? "–" : x.toFixed(1));

/** The per-burst table (markdown): one row per burst, each thread's CPU / run-queue / idle. */
export function profileTable(bursts: readonly BurstProfile[]): string {
  const shards = Math.max(1, ...bursts.map((b) => b.shards));
  const head = [
    "run",
    "burst",
    "blocks",
    "serial CPU",
    "plan",
    "wall",
    ...Array.from({ length: shards }, (_, s) => `thread ${s}: CPU / run-queue / idle / steal-wait`),
    "blocks moved",
    "hand-over (send+return)",
    "longest block (id)",
    "all blocks",
    "quiet estimate",
  ];
  const rows = bursts.map((b) => {
    const cells = Array.from({ length: shards }, (_, s) => {
      const t = b.threads.find((x) => x.shard === s);
      return t ? `${f1(t.cpuMs)} / ${f1(t.runQueueMs)} / ${f1(t.idleMs)} / ${f1(t.stealWaitMs)}` : "";
    });
    const hand = b.threads.reduce((x, t) => x + t.sendMs + t.returnMs, 0);
    const moved = b.threads.reduce((x, t) => x + t.took, 0);
    return [
      String(b.run),
      String(b.burst),
      String(b.blocks),
      f1(b.serialCpuMs ?? b.serialMs),
      f1(b.planCpuMs ?? b.planMs),
      f1(b.wallMs),
      ...cells,
      String(moved),
      f1(hand),
      `${f1(b.maxBlockMs)} (${b.criticalBlock})`,
      f1(b.sumBlockMs),
      f1(quietBurstMs(b)),
    ];
  });
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

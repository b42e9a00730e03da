/**
 * The resident block pool: `workers` shards, each a thread that holds its blocks across bursts.
 * Shard 0 is the coordinator thread itself; shards 1..workers−1 are each the only thread of a
 * single-thread piscina pool, so a task sent to a shard's pool reaches that thread and its state
 * (engine/worker.ts). A burst is at most two rounds of small messages:
 *
 * 1. exchange, only when placement or subscriptions changed in a way the last burst's answers
 *    do not cover: an owner of a parent whose children live on other shards publishes the
 *    parent's changes (new facts, facts that died, witness lists), or a whole copy for a new
 *    replica; blocks placed on another shard are handed over. Otherwise the owners published
 *    what is needed at the end of the last burst, in their answers;
 * 2. burst: each shard gets the deltas for its replicas, new blocks, goals the coordinator
 *    added, and the burst's table of units (engine/steal.ts): it runs its own units heaviest
 *    first, then takes over unstarted units of the busiest shard, until no work is left. It
 *    answers per block with goal states, the fact count and the time taken.
 *
 * Placement is in engine/placement.ts; stealing in engine/steal.ts. Output never depends on
 * where a block runs: a block's run depends only on its own state and its inbox, computed from
 * the parent's state at the end of the previous burst on whichever thread holds the parent or
 * its replica, before any block of the burst runs. docs/parallelism.md gives the design and its
 * measurements.
 */
import { MessageChannel, type MessagePort } from "node:worker_threads";
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
import { forEachWithTurns } from "./event-loop.js";
import { placeAll, placeNew } from "./placement.js";
import type { BurstProfile, PoolProfile, ThreadBurst } from "./pool-profile.js";
import type { Executor, ResidentRunner } from "./run.js";
import { type BlockOutcome, deltaBytes, type ReplicaDelta, Shard } from "./shard.js";
import {
  abortBurst,
  assignUnits,
  BurstScheduler,
  buildUnits,
  endOfBurstPublications,
  newControl,
} from "./steal.js";
import { clockSince, epochMs, threadClock } from "./thread-clock.js";
import type {
  BurstResult,
  BurstTask,
  CollectTask,
  ExchangeResult,
  ExchangeTask,
  MapResult,
  MapTask,
  Published,
  TheoryOfRuns,
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

/**
 * Testing hook: make the pool thread running this block (or, for a phase that maps tasks,
 * this item) fail, by throwing or by exiting; only in `phase` when given (PoolExecutor.setPhase).
 */
export interface FaultInjection {
  readonly block: number;
  readonly kind: "throw" | "exit";
  readonly phase?: string;
}

export interface PoolOptions {
  /** Threads running blocks, the coordinator's included (1: everything stays on it). */
  workers: number;
  fault?: FaultInjection;
  /**
   * Without `warm()`, bursts run in place on the coordinator, with no thread started, until
   * they have taken this many milliseconds in all (over the pool's life); the threads start then.
   * Threads started by `warm()` take blocks as soon as they have loaded. Default 0. Where a
   * block runs never changes what it derives.
   */
  inPlaceFirstMs?: number;
  /**
   * A map job (PoolExecutor.map) sends tasks to the pool threads only when, measured on its first
   * items here, the rest would take this thread at least this many milliseconds: a thread
   * serving a job pays for the job's shared input and for compiling its module's code, which on
   * the site of a Peano run costs more than it saves. Default 0 (always share).
   */
  mapInPlaceMs?: number;
  /**
   * Use fewer threads when the work is small: one shard per MIN_BLOCKS_PER_SHARD active blocks
   * at the moment the pool starts, at most `workers` (the commands' default --workers).
   */
  adaptive?: boolean;
  /**
   * A few of the run's conjectures each pool thread proves briefly, and drops, when it starts
   * (engine/worker.ts): its JIT warm-up then overlaps the caller's serial work.
   */
  rehearsal?: readonly Conjecture[];
  /** Records, per burst, each thread's CPU, run-queue wait, idle time and hand-overs (engine/pool-profile.ts). */
  profile?: PoolProfile;
}

/** The commands' default for PoolOptions.inPlaceFirstMs. */
export const IN_PLACE_FIRST_MS = 1000;
/**
 * The commands' default for PoolOptions.mapInPlaceMs. With two threads on two cores, the site
 * of peano-exp (1.7 s here) took 2.6 s and its re-check 0.7 s against 0.5 s (docs/parallelism.md).
 */
export const MAP_IN_PLACE_MS = 4000;
/** How long a map job runs its first items here to measure them (PoolOptions.mapInPlaceMs). */
const MAP_PROBE_MS = 60;
const MAP_PROBE_ITEMS = 8;
/** With PoolOptions.adaptive, a shard per this many active blocks. */
export const MIN_BLOCKS_PER_SHARD = 16;

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
  /** Blocks that changed threads after the first placement (taken over by an idle thread). */
  readonly movedBlocks: number;
  /** Ints of block state handed between threads: first placement, new blocks, moves. */
  readonly movedInts: number;
  /** Claims an idle thread made on another's unstarted units, and time spent waiting for them. */
  readonly steals: number;
  readonly stealWaitMs: number;
  /** Tasks of other phases run on the pool threads (PoolExecutor.map). */
  readonly mapTasks: number;
  /** Per phase (PoolExecutor.setPhase): the most threads that ran its work at once. */
  readonly threadsByPhase: Readonly<Record<string, number>>;
}

/** Independent tasks of another phase, run by a module's exported function on the pool threads. */
export interface MapJob<T, R> {
  /** The phase (errors name it; the fault hook targets it). */
  readonly phase: string;
  /** The module (a URL, e.g. `new URL("./x.js", import.meta.url).href`) and its exported function. */
  readonly module: string;
  readonly fn: string;
  /** An exported async function the thread runs once per job before the first item (loading). */
  readonly prepare?: string;
  /** Read by every task; sent once per thread per job. */
  readonly shared?: unknown;
  readonly items: readonly T[];
  /** What an item is, for an error: "the page of T12". */
  readonly describe: (item: T, index: number) => string;
  /** Items per task (default: about four tasks per thread). */
  readonly chunk?: number;
  /** Runs one item on this thread (the coordinator takes its share of the items too). */
  readonly local: (item: T) => R;
}

export interface PoolExecutor extends Executor {
  stats(): PoolStats;
  /**
   * Starts up to `threads` shards' threads now (at most workers − 1), so that they load and
   * build their tables while the caller does serial work; they take blocks once loaded.
   */
  warm(threads?: number): void;
  /** Resolves once every thread started so far has loaded (its ping answered). */
  loaded(): Promise<void>;
  /**
   * Runs independent tasks of another phase on the coordinator and the loaded pool threads,
   * results in item order (so output never depends on the thread count). Returns the threads used.
   */
  map<T, R>(job: MapJob<T, R>): Promise<{ results: R[]; threads: number }>;
  /**
   * The phase the pool serves now: errors name it, and the fault hook targets its `kind`
   * ("model", "prove", …; by default the name itself).
   */
  setPhase(name: string, kind?: string): void;
  /**
   * The theory of the runs that follow (a later batch's): the pool threads rebuild their axiom
   * rules and tables for it with their next task. Only between runs.
   */
  setTheory(theory: Theory, width: number): void;
}

const sizeOfPacked = (p: PackedBlock): number =>
  p.facts.length + p.flags.length + p.derivOff.length + p.deriv.length;

/** A block coming back to the coordinator keeps the goals and flags the coordinator set meanwhile. */
function mergeShadow(state: BlockState, shadow: BlockState): void {
  const m = shadow.meta;
  state.meta.goals.push(...m.goals.slice(state.meta.goals.length).map((g) => ({ ...g })));
  state.meta.leaf = m.leaf;
  state.meta.active = m.active;
}

/** What the coordinator keeps of a block that lives on another thread: its meta (goals, flags). */
const shadowOf = (meta: BlockState["meta"]): BlockState => ({
  meta: { ...meta, goals: meta.goals.map((g) => ({ ...g })) },
  data: newBlockData(),
});

const isAbort = (e: unknown): boolean => e instanceof Error && e.message.includes("burst aborted");

export function poolExecutor(theory: Theory, width: number, opts: PoolOptions): PoolExecutor {
  if (!Number.isInteger(opts.workers) || opts.workers < 1)
    throw new RangeError(`a pool needs at least 1 worker, got ${opts.workers}`);
  const init: WorkerInit = { theory, width, ...(opts.rehearsal ? { rehearsal: [...opts.rehearsal] } : {}) };
  // The fault hook targets pool threads, so a run that sets it uses them from the start.
  const inPlaceFirstMs = opts.fault ? 0 : (opts.inPlaceFirstMs ?? 0);
  const mapInPlaceMs = opts.mapInPlaceMs ?? 0;
  const pools: Piscina[] = [];
  /** Per pool thread: loaded (its first task, a ping, answered). */
  const loaded: boolean[] = [];
  const loading: Promise<void>[] = [];
  const startPools = (n: number): void => {
    while (pools.length < n) {
      const pool = new Piscina({
        filename: new URL("./worker.js", import.meta.url).href,
        minThreads: 1,
        maxThreads: 1,
        idleTimeout: Number.POSITIVE_INFINITY,
        workerData: init,
      });
      const k = pools.length;
      pools.push(pool);
      loaded.push(false);
      const t0 = performance.now();
      // The answer comes once the thread has loaded the engine and rehearsed.
      loading.push(
        pool.run({ kind: "ping" }).then(
          (r: { loadCpuMs: number }) => {
            loaded[k] = true;
            opts.profile?.threadLoadMs.push(performance.now() - t0);
            opts.profile?.threadLoadCpuMs.push(r.loadCpuMs);
          },
          () => {},
        ),
      );
    }
  };
  const loadedCount = (): number => {
    let n = 0;
    while (n < loaded.length && loaded[n]) n++;
    return n;
  };
  /** Ports between shards for hand-overs, by pair "a:b" (a < b); the coordinator's ends by shard. */
  const channels = new Set<string>();
  const coordinatorPorts = new Map<number, MessagePort>();
  /** Ports created for a pool shard and not yet sent to it. */
  const portsToSend = new Map<number, { peer: number; port: MessagePort }[]>();
  const connect = (shards: number): void => {
    for (let b = 1; b < shards; b++)
      for (let a = 0; a < b; a++) {
        const key = `${a}:${b}`;
        if (channels.has(key)) continue;
        channels.add(key);
        const { port1, port2 } = new MessageChannel();
        if (a === 0) {
          port1.unref();
          coordinatorPorts.set(b, port1);
        } else (portsToSend.get(a) ?? portsToSend.set(a, []).get(a)!).push({ peer: b, port: port1 });
        (portsToSend.get(b) ?? portsToSend.set(b, []).get(b)!).push({ peer: a, port: port2 });
      }
  };
  let closed = false;
  let phase: string | null = null;
  let phaseKind: string | null = null;
  const threadsByPhase = new Map<string, number>();
  const usedThreads = (n: number): void => {
    if (phase !== null) threadsByPhase.set(phase, Math.max(n, threadsByPhase.get(phase) ?? 1));
  };
  let warmed = false;
  let everParallel = false;
  let inPlaceMs = 0;
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
    steals: 0,
    stealWaitMs: 0,
    mapTasks: 0,
  };

  // Per engine run (a pool can serve several in turn).
  let runBlocks: BlockState[] | null = null;
  let run = 0;
  let burstOfRun = 0;
  let shards = 1;
  /** The theory of the runs now (a later batch's after setTheory); threads get it with a task. */
  let theoryNow: TheoryOfRuns = { id: 0, theory, width };
  /** Per pool thread: the id of the theory it holds (workerData's is 0). */
  const threadTheory: number[] = [];
  const theoryFor = (s: number): TheoryOfRuns | undefined => {
    if ((threadTheory[s - 1] ?? 0) === theoryNow.id) return undefined;
    threadTheory[s - 1] = theoryNow.id;
    return theoryNow;
  };
  let local = new Shard(width);
  let owner: number[] = [];
  let subs = new Map<number, Set<number>>();
  let sentGoals: number[] = [];
  let sentLeaf: boolean[] = [];
  let counts: number[] = [];
  let lastMs: number[] = [];
  let lastBetween = performance.now();
  let lastClock = threadClock();
  /** Blocks known at the end of the last placement. */
  let known = 0;
  /** Replica deltas (and whole copies) owners published at the end of the last burst, by block. */
  const prepublished = new Map<number, Published>();

  const newRun = (blocks: BlockState[]) => {
    runBlocks = blocks;
    run++;
    burstOfRun = 0;
    shards = 1;
    local.clear();
    owner = [];
    subs = new Map();
    sentGoals = [];
    sentLeaf = [];
    counts = [];
    lastMs = [];
    known = 0;
    prepublished.clear();
  };

  const fail = (e: unknown, ids: number[]): never => {
    const msg = e instanceof Error ? e.message : String(e);
    if (process.env.GL_DEBUG_POOL) console.error(e);
    const where = phase === null ? "" : `in phase '${phase}' `;
    throw new WorkerError(
      `a worker thread failed ${where}on block${ids.length > 1 ? "s" : ""} ${ids.join(", ")}: ${msg}`,
      ids,
    );
  };
  /** The block fault hook, where it applies to this run's phase. */
  const blockFault = (): FaultInjection | null =>
    opts.fault && (opts.fault.phase === undefined || opts.fault.phase === phaseKind) ? opts.fault : null;

  const send = async <R>(
    s: number,
    task: ExchangeTask | BurstTask | CollectTask,
    transfer: (ArrayBuffer | MessagePort)[],
    blame: () => number[],
  ): Promise<R> => {
    st.batches++;
    try {
      return (await pools[s - 1]!.run(task, { transferList: transfer as never })) as R;
    } catch (e) {
      return fail(e, blame());
    }
  };

  /** Whether this burst runs in place, and with how many shards the pool starts otherwise. */
  const decideStart = async (activeCount: number): Promise<number> => {
    if (opts.workers === 1) return 1;
    const want = opts.adaptive
      ? Math.min(opts.workers, Math.ceil(activeCount / MIN_BLOCKS_PER_SHARD))
      : opts.workers;
    if (want < 2) return 1;
    if (warmed || everParallel) {
      // Threads started early take blocks once loaded; until then the bursts run here.
      const ready = Math.min(want - 1, loadedCount());
      if (ready > 0) return ready + 1;
      if (!(inPlaceMs >= inPlaceFirstMs)) return 1;
    } else if (inPlaceMs < inPlaceFirstMs) return 1;
    startPools(want - 1);
    await Promise.all(loading.slice(0, want - 1));
    return want;
  };

  const inPlaceBurst = async (
    ids: number[],
    ctx: Parameters<ResidentRunner["runBurst"]>[2],
    serial: Serial,
  ): Promise<void> => {
    const t0 = performance.now();
    const c0 = threadClock();
    const profiling = opts.profile !== undefined;
    const inboxes = local.inboxes(ids);
    const out: ReturnType<Shard["runOne"]>[] = [];
    await forEachWithTurns(0, ids.length, (i) =>
      out.push(local.runOne(ids[i]!, inboxes.get(ids[i]!)!, ctx, profiling)),
    );
    const ms = performance.now() - t0;
    const clock = clockSince(c0);
    for (const o of out) {
      lastMs[o.id] = o.ms;
      counts[o.id] = o.count;
    }
    inPlaceMs += ms;
    st.inPlaceBursts++;
    st.localBlocks += ids.length;
    st.computeMs += ms;
    st.busiestThreadMs += ms;
    if (opts.profile) {
      const thread: ThreadBurst = {
        shard: 0,
        wallMs: ms,
        cpuMs: clock?.cpuMs ?? null,
        runQueueMs: clock?.waitMs ?? null,
        computeMs: out.reduce((s, o) => s + o.ms, 0),
        computeCpuMs: clock ? out.reduce((s, o) => s + o.cpuMs, 0) : null,
        stealWaitMs: 0,
        handoverMs: 0,
        codecMs: 0,
        sendMs: 0,
        returnMs: 0,
        idleMs: 0,
        blocks: out.length,
        steals: 0,
        took: 0,
        gave: 0,
      };
      opts.profile.bursts.push(
        burstProfile(
          serial,
          0,
          null,
          0,
          ms,
          [thread],
          out.map((o) => ({ shard: 0, o })),
        ),
      );
    }
  };

  interface Serial {
    ms: number;
    cpuMs: number | null;
  }
  const burstProfile = (
    serial: Serial,
    planMs: number,
    planCpuMs: number | null,
    exchangeMs: number,
    wallMs: number,
    threads: ThreadBurst[],
    outcomes: readonly { shard: number; o: BlockOutcome }[],
  ): BurstProfile => {
    let maxBlockMs = 0;
    let criticalBlock = -1;
    let sumBlockMs = 0;
    const perBlock: [number, number, number, number][] = [];
    for (const { shard: s, o } of outcomes) {
      const x = o.cpuMs >= 0 ? o.cpuMs : o.ms;
      perBlock.push([o.id, s, Math.round(x * 1000) / 1000, runBlocks?.[o.id]?.meta.parent ?? -1]);
      sumBlockMs += x;
      if (x > maxBlockMs) {
        maxBlockMs = x;
        criticalBlock = o.id;
      }
    }
    return {
      run,
      burst: burstOfRun,
      shards: threads.length,
      blocks: outcomes.length,
      serialMs: serial.ms,
      serialCpuMs: serial.cpuMs,
      planMs,
      planCpuMs,
      exchangeMs,
      wallMs,
      threads: threads.sort((a, b) => a.shard - b.shard),
      maxBlockMs,
      criticalBlock,
      sumBlockMs,
      perBlock,
    };
  };

  const runner: ResidentRunner = {
    factCount(b) {
      return (owner[b.meta.id] ?? 0) > 0 ? counts[b.meta.id]! : factCount(b.data);
    },

    async runBurst(active, blocks, ctx) {
      if (blocks !== runBlocks) newRun(blocks);
      const coordinatorMs = performance.now() - lastBetween;
      const serialClock = clockSince(lastClock);
      const serial: Serial = { ms: coordinatorMs, cpuMs: serialClock?.cpuMs ?? null };
      const planT0 = performance.now();
      const planC0 = threadClock();
      st.bursts++;
      st.blocks += active.length;
      // New blocks are born on the coordinator: its shard holds them until placed elsewhere.
      for (let i = owner.length; i < blocks.length; i++) {
        owner.push(0);
        local.adopt(blocks[i]!);
      }
      const ids = active.map((b) => b.meta.id);
      const firstPlacement = shards === 1;
      if (firstPlacement) shards = await decideStart(ids.length);
      usedThreads(shards);
      if (shards === 1) {
        await inPlaceBurst(ids, ctx, serial);
        burstOfRun++;
        lastBetween = performance.now();
        lastClock = threadClock();
        return;
      }
      everParallel = true;
      connect(shards);
      const activeSet = new Set(ids);
      const tree = {
        parent: blocks.map((b) => b.meta.parent),
        weight: blocks.map((b, id) =>
          activeSet.has(id) ? (lastMs[id] ?? 0) + 0.05 + 1e-5 * (counts[id] ?? factCount(b.data)) : 0,
        ),
      };
      const moves = new Map<number, number>(); // block → shard it moves to
      const fault = blockFault();
      const pinnedBlock = fault && fault.block < blocks.length ? fault.block : -1;
      if (firstPlacement) {
        // The pool starts: everything the coordinator holds is placed.
        st.threadsRun = Math.max(st.threadsRun, shards);
        const pinned = new Map<number, number>();
        if (pinnedBlock >= 0) pinned.set(pinnedBlock, 1);
        placeAll(tree, shards, pinned).forEach((s, id) => {
          if (s !== owner[id]) moves.set(id, s);
        });
      } else {
        // New blocks go where their parent lives. Nothing is rebalanced between bursts: idle
        // threads take over unstarted work during a burst, and blocks stay where they last ran.
        const placed = owner.map((s, id) => (id >= known ? -1 : s));
        placeNew(tree, placed, shards);
        for (let id = known; id < blocks.length; id++) if (placed[id] !== 0) moves.set(id, placed[id]!);
      }
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

      // Round 1: owners publish replica updates and hand over blocks placed elsewhere.
      const exchangeT0 = performance.now();
      const plan = new Map<number, { publish: number[]; full: number[]; give: number[] }>();
      const planOf = (s: number) => plan.get(s) ?? plan.set(s, { publish: [], full: [], give: [] }).get(s)!;
      // A parent whose owner published at the end of the last burst what its subscribers need
      // (a whole copy for new ones) needs no exchange: most bursts take one round, not two.
      const ready: Published[] = [];
      for (const [p, set] of need) {
        const fresh = [...set].some((s) => isNew(p, s));
        const pre = prepublished.get(p);
        if (pre && !moves.has(p) && (!fresh || pre.full)) {
          ready.push(pre);
          continue;
        }
        const e = planOf(owner[p]!);
        e.publish.push(p);
        if (fresh) e.full.push(p);
        // Old subscribers take the end-of-burst delta first, then the (empty) one from now.
        if (pre && !moves.has(p)) ready.push({ ...pre, full: null });
      }
      prepublished.clear();
      for (const [id] of moves) planOf(owner[id]!).give.push(id);
      const updates: Published[] = [];
      const arriving = new Map<number, PackedBlock[]>();
      const rounds: Promise<void>[] = [];
      let exchanged = false;
      for (const [s, e] of plan) {
        if (s === 0) {
          const t0 = performance.now();
          const full = new Set(e.full);
          for (const id of e.publish) updates.push({ id, ...local.publish(id, full.has(id)) });
          for (const id of e.give) listIn(arriving, moves.get(id)!).push(packBlock(local.release(id)));
          st.codecMs += performance.now() - t0;
          continue;
        }
        exchanged = true;
        const next = theoryFor(s);
        const task: ExchangeTask = { kind: "exchange", run, ...e, ...(next ? { theory: next } : {}) };
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
      // Stable: for one block, the end-of-burst delta stays before the exchange's.
      const all = [...ready, ...updates].sort((a, b) => a.id - b.id);
      const deltasFor = new Map<number, ReplicaDelta[]>();
      const publishedInts = new Map<number, number>();
      for (const u of all) {
        for (const s of need.get(u.id)!) {
          const d = isNew(u.id, s) ? u.full : u.delta;
          if (!d) continue;
          listIn(deltasFor, s).push(d);
          const ints = deltaBytes(d) / 4;
          st.deltaInts += ints;
          publishedInts.set(u.id, (publishedInts.get(u.id) ?? 0) + ints);
        }
      }
      for (const list of arriving.values()) for (const p of list) st.movedInts += sizeOfPacked(p);
      for (const [id, s] of moves) owner[id] = s;
      subs = need;
      const exchangeMs = exchanged ? performance.now() - exchangeT0 : 0;

      const { table, unitOf } = buildUnits(ids, owner, (id) => tree.weight[id]!);
      // A unit that moves publishes a block whose active children stay behind (their next inbox).
      const publishIfMoved: number[] = [];
      for (const id of ids) {
        const p = blocks[id]!.meta.parent;
        if (p >= 0 && activeSet.has(p) && unitOf.get(id) !== unitOf.get(p)) publishIfMoved.push(p);
      }
      const movedPublish = [...new Set(publishIfMoved)].sort((a, b) => a - b);
      const pinnedUnits = pinnedBlock >= 0 && unitOf.has(pinnedBlock) ? [unitOf.get(pinnedBlock)!] : [];
      const assigned = assignUnits(table, shards, new Set(pinnedUnits));
      const control = newControl(table, shards, pinnedUnits, assigned);
      const planMs = performance.now() - planT0;
      const planCpu = clockSince(planC0);

      // Round 2: the burst, on every shard at once.
      const theorems = ctx.rules.filter((r) => r.kind === "theorem");
      const outcomes: { shard: number; o: BlockOutcome }[] = [];
      const threads: ThreadBurst[] = [];
      const burstT0 = performance.now();
      const sentAt = epochMs();
      const remote: Promise<void>[] = [];
      let failed: () => void = () => {};
      const failure = new Promise<void>((resolve) => {
        failed = resolve;
      });
      const profiling = opts.profile !== undefined;
      const answeredAt = new Map<number, number>();
      for (let s = 1; s < shards; s++) {
        const blocksIn = arriving.get(s) ?? [];
        const arrived = new Set<number>();
        for (const p of blocksIn) {
          arrived.add(p.meta.id);
          sentGoals[p.meta.id] = p.meta.goals.length;
          sentLeaf[p.meta.id] = p.meta.leaf;
          // The coordinator keeps only the meta (goals, flags) of a block that lives elsewhere.
          blocks[p.meta.id] = shadowOf(p.meta);
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
        const current = new Int32Array(new SharedArrayBuffer(4)).fill(-1);
        const ports = portsToSend.get(s) ?? [];
        portsToSend.delete(s);
        const next = theoryFor(s);
        const task: BurstTask = {
          kind: "burst",
          ...(next ? { theory: next } : {}),
          run,
          shard: s,
          shards,
          settings: ctx.settings,
          theorems,
          blocks: blocksIn,
          goals,
          nonLeaf,
          deltas: deltasFor.get(s) ?? [],
          drop: drop.get(s) ?? [],
          table,
          control,
          ports,
          publishAfter: [...need.keys()].filter((p) => owner[p] === s),
          publishIfMoved: movedPublish,
          profile: profiling,
          current,
        };
        if (fault) task.fault = { block: fault.block, kind: fault.kind };
        remote.push(
          (async () => {
            const t0 = performance.now();
            let r: BurstResult;
            try {
              r = await send<BurstResult>(
                s,
                task,
                [...blocksIn.flatMap(transferList), ...ports.map((x) => x.port)],
                () => {
                  const on = Atomics.load(current, 0);
                  return on >= 0 ? [on] : mine;
                },
              );
            } catch (e) {
              abortBurst(control);
              failed();
              throw e;
            }
            const t1 = performance.now();
            const receivedAt = epochMs();
            answeredAt.set(s, receivedAt);
            for (const o of r.outcomes) outcomes.push({ shard: s, o });
            for (const d of r.published) prepublished.set(d.id, d);
            st.computeMs += r.computeMs;
            st.codecMs += r.codecMs;
            st.steals += r.steals;
            st.stealWaitMs += r.stealWaitMs;
            st.messageMs += Math.max(0, t1 - t0 - (r.endAt - r.startAt));
            threads.push({
              shard: s,
              wallMs: r.endAt - r.startAt,
              cpuMs: r.cpuMs,
              runQueueMs: r.runQueueMs,
              computeMs: r.computeMs,
              computeCpuMs: r.computeCpuMs,
              stealWaitMs: r.stealWaitMs,
              handoverMs: r.handoverMs,
              codecMs: r.codecMs,
              sendMs: Math.max(0, r.startAt - sentAt),
              returnMs: Math.max(0, receivedAt - r.endAt),
              idleMs: 0,
              blocks: r.outcomes.length,
              steals: r.steals,
              took: r.took.length,
              gave: r.gave.length,
            });
          })(),
        );
      }
      // The coordinator's own shard, while the others run.
      const localStart = epochMs();
      const c0 = threadClock();
      let codec = performance.now();
      for (const p of arriving.get(0) ?? []) {
        const state = unpackBlock(p);
        // Goals and flags the coordinator changed while the block was away stay the coordinator's.
        mergeShadow(state, blocks[p.meta.id]!);
        blocks[p.meta.id] = state;
        local.adopt(state);
      }
      for (const id of drop.get(0) ?? []) local.dropReplica(id);
      for (const d of deltasFor.get(0) ?? []) local.applyDelta(d);
      let localCodecMs = performance.now() - codec;
      const mine = ids.filter((id) => owner[id] === 0);
      const localOut: BlockOutcome[] = [];
      const gaveParents: number[] = [];
      const served = { ...ctx, poll: () => sched.poll() };
      const sched: BurstScheduler = new BurstScheduler(
        control,
        table,
        shards,
        0,
        coordinatorPorts,
        local.inboxes(mine),
        {
          run: (id, inbox) => {
            localOut.push(sched.timed(() => local.runOne(id, inbox, served, profiling)));
          },
          give: (id) => {
            const s = local.release(id);
            gaveParents.push(s.meta.parent);
            return packBlock(s);
          },
          take: (p) => {
            local.adopt(unpackBlock(p));
          },
        },
      );
      try {
        sched.runOwn();
        await sched.stealAsync(failure);
      } catch (e) {
        abortBurst(control);
        const settled = await Promise.allSettled(remote);
        const bad = settled.find((r) => r.status === "rejected" && !isAbort(r.reason));
        throw bad ? (bad as PromiseRejectedResult).reason : e;
      }
      codec = performance.now();
      const toPublish = endOfBurstPublications(
        need.keys(),
        (p) => owner[p] === 0,
        sched.took,
        gaveParents,
        movedPublish,
      );
      for (const [p, full] of toPublish)
        if (local.owned.has(p)) prepublished.set(p, { id: p, ...local.publish(p, full) });
      localCodecMs += performance.now() - codec;
      st.codecMs += localCodecMs;
      const localEnd = epochMs();
      const localClock = clockSince(c0);
      for (const o of localOut) outcomes.push({ shard: 0, o });
      const ms = localOut.reduce((s, o) => s + o.ms, 0);
      st.computeMs += ms;
      st.localBlocks += localOut.length;
      st.steals += sched.steals;
      st.stealWaitMs += sched.waitMs;
      const settled = await Promise.allSettled(remote);
      const bad =
        settled.find((r) => r.status === "rejected" && !isAbort(r.reason)) ??
        settled.find((r) => r.status === "rejected");
      if (bad) throw (bad as PromiseRejectedResult).reason;
      const burstEnd = epochMs();
      threads.push({
        shard: 0,
        wallMs: localEnd - localStart,
        cpuMs: localClock?.cpuMs ?? null,
        runQueueMs: localClock?.waitMs ?? null,
        computeMs: ms,
        computeCpuMs: profiling && localClock ? localOut.reduce((s, o) => s + o.cpuMs, 0) : null,
        stealWaitMs: sched.waitMs,
        handoverMs: sched.handoverMs,
        codecMs: localCodecMs,
        sendMs: 0,
        returnMs: 0,
        idleMs: Math.max(0, burstEnd - localEnd),
        blocks: localOut.length,
        steals: sched.steals,
        took: sched.took.length,
        gave: sched.gave.length,
      });
      // A pool thread is idle from the end of its part to the end of the burst.
      const timed = threads.map((t) =>
        t.shard === 0 ? t : { ...t, idleMs: Math.max(0, burstEnd - answeredAt.get(t.shard)! + t.returnMs) },
      );

      // Blocks that changed threads during the burst now live where they ran.
      const computeBy = new Array<number>(shards).fill(0);
      outcomes.sort((a, b) => a.o.id - b.o.id);
      for (const { shard: s, o } of outcomes) {
        const id = o.id;
        computeBy[s]! += o.ms;
        if (owner[id] !== s) {
          if (s === 0) {
            const state = local.owned.get(id)!;
            mergeShadow(state, blocks[id]!);
            blocks[id] = state;
          } else if (owner[id] === 0) {
            blocks[id] = shadowOf(blocks[id]!.meta);
            sentGoals[id] = blocks[id]!.meta.goals.length;
            sentLeaf[id] = blocks[id]!.meta.leaf;
          }
          owner[id] = s;
          st.movedBlocks++;
        }
        if (s > 0) {
          const m = blocks[id]!.meta;
          for (let k = 0; k < o.goals.length / 2; k++) {
            m.goals[k]!.proved = o.goals[2 * k] === 1;
            m.goals[k]!.fact = o.goals[2 * k + 1]!;
          }
        }
        counts[id] = o.count;
        lastMs[id] = o.ms;
      }
      st.busiestThreadMs += Math.max(0, ...computeBy);
      const burstMs = performance.now() - burstT0;
      if (opts.profile)
        opts.profile.bursts.push(
          burstProfile(serial, planMs, planCpu?.cpuMs ?? null, exchangeMs, burstMs, timed, outcomes),
        );
      burstOfRun++;
      lastBetween = performance.now();
      lastClock = threadClock();
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
      return { workers: opts.workers, ...st, threadsByPhase: Object.fromEntries(threadsByPhase) };
    },
    warm(threads = opts.workers - 1) {
      const n = Math.max(0, Math.min(opts.workers - 1, threads));
      if (n > 0) warmed = true;
      startPools(n);
    },
    async loaded() {
      await Promise.all(loading);
    },
    async map<T, R>(job: MapJob<T, R>): Promise<{ results: R[]; threads: number }> {
      const fault = opts.fault?.phase === job.phase ? opts.fault : null;
      // The fault hook needs a pool thread to fail on.
      if (fault) await Promise.all(loading);
      const ready = loadedCount();
      const what = (i: number) => `in phase '${job.phase}' on item ${i} (${job.describe(job.items[i]!, i)})`;
      const results = new Array<R>(job.items.length);
      const runHere = (i: number): void => {
        try {
          results[i] = job.local(job.items[i]!);
        } catch (e) {
          throw new WorkerError(`failed ${what(i)}: ${e instanceof Error ? e.message : e}`, []);
        }
      };
      // Unless the fault hook wants the pool threads, the first items run here; the rest go to
      // the pool only if, at the pace measured, they would keep this thread busy long enough.
      let first = 0;
      if (!fault && mapInPlaceMs > 0) {
        // The median item's time, not the mean: the first items include the heaviest (a site's
        // index) and run while the code is still cold.
        const times: number[] = [];
        const t0 = performance.now();
        while (
          first < job.items.length &&
          (performance.now() - t0 < MAP_PROBE_MS || times.length < MAP_PROBE_ITEMS)
        ) {
          const a = performance.now();
          runHere(first++);
          times.push(performance.now() - a);
        }
        times.sort((x, y) => x - y);
        const restMs = (times[times.length >> 1] ?? 0) * (job.items.length - first);
        if (restMs < mapInPlaceMs) {
          await forEachWithTurns(first, job.items.length, runHere);
          first = job.items.length;
        }
      }
      if (first === job.items.length || ready === 0 || job.items.length - first < 2) {
        await forEachWithTurns(first, job.items.length, runHere);
        return { results, threads: 1 };
      }
      const threads = 1 + ready;
      const remaining = job.items.length - first;
      const chunk = job.chunk ?? Math.max(1, Math.ceil(remaining / (4 * threads)));
      const starts: number[] = [];
      for (let i = first; i < job.items.length; i += chunk) starts.push(i);
      let next = 0;
      const jobId = ++mapJobs;
      let failed: Error | null = null;
      // Every thread, the coordinator's included, takes the next chunk when it is free.
      const lane = async (s: number): Promise<void> => {
        let sentShared = false;
        while (next < starts.length && !failed) {
          const c = starts[next++]!;
          const end = Math.min(job.items.length, c + chunk);
          if (s === 0) {
            for (let i = c; i < end; i++) {
              try {
                results[i] = job.local(job.items[i]!);
              } catch (e) {
                failed ??= new WorkerError(`failed ${what(i)}: ${e instanceof Error ? e.message : e}`, []);
                return;
              }
              // Let the pool threads' answers in between items.
              if (i % 4 === 3) await new Promise((r) => setImmediate(r));
            }
            continue;
          }
          const task: MapTask = {
            kind: "map",
            job: jobId,
            module: job.module,
            fn: job.fn,
            ...(job.prepare ? { prepare: job.prepare } : {}),
            ...(sentShared ? {} : { shared: job.shared }),
            items: job.items.slice(c, end),
            ...(fault && fault.block >= c && fault.block < end
              ? { fault: { index: fault.block - c, kind: fault.kind } }
              : {}),
          };
          sentShared = true;
          st.batches++;
          st.mapTasks++;
          try {
            const out = (await pools[s - 1]!.run(task)) as MapResult;
            if ("error" in out) {
              failed ??= new WorkerError(`a worker thread failed ${what(c + out.index)}: ${out.error}`, []);
              return;
            }
            out.results.forEach((r, k) => {
              results[c + k] = r as R;
            });
          } catch (e) {
            const at = fault && fault.block >= c && fault.block < end ? fault.block : c;
            failed ??= new WorkerError(
              `a worker thread failed ${what(at)}: ${e instanceof Error ? e.message : e}`,
              [],
            );
            return;
          }
        }
      };
      // With the fault hook on, the pool threads take every chunk (the fault is theirs).
      // Pool threads first, so that their tasks are on their way while this thread works.
      await Promise.all([
        ...Array.from({ length: ready }, (_, k) => lane(k + 1)),
        ...(fault ? [] : [lane(0)]),
      ]);
      if (failed) throw failed;
      usedThreads(threads);
      return { results, threads };
    },
    setPhase(name: string, kind = name) {
      phase = name;
      phaseKind = kind;
      usedThreads(1);
    },
    setTheory(next: Theory, nextWidth: number) {
      if (runBlocks !== null) throw new Error("internal: the pool's theory changes only between runs");
      theoryNow = { id: theoryNow.id + 1, theory: next, width: nextWidth };
      local = new Shard(nextWidth);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const p of coordinatorPorts.values()) p.close();
      await Promise.all(pools.map((p) => p.destroy()));
    },
  };
}

let mapJobs = 0;

/**
 * The worker-pool executor: `workers` threads run a burst's blocks, namely the coordinator
 * thread itself and a piscina pool of `workers - 1` threads.
 *
 * - Batching: blocks are sorted heaviest first (weight: facts held plus facts arriving) and
 *   cut into batches that shrink towards the end of the burst (see batchesOf). Every thread
 *   takes the next batch from one shared queue as soon as it is free, so irregular blocks are
 *   balanced dynamically.
 * - The coordinator thread takes batches too (it would otherwise sit idle until the burst
 *   ends): its blocks run in place, with no copying, and it yields to the event loop after
 *   every block so that finished pool tasks are answered with new ones at once.
 * - What travels to a pool thread: a block's facts and derivations and its flat meta lists,
 *   as transferred typed arrays (no copy); the axiom rule table is built once per worker from
 *   workerData; the theorems proved so far ride with each task (they are few and small).
 * - Results are written back by position, so the outcome does not depend on which thread ran
 *   what, or in which order batches finished.
 *
 * docs/parallelism.md gives the measurements behind these choices.
 */
import { Piscina } from "piscina";
import type { Theory } from "../mpl/theory.js";
import { type BlockState, type PackedBlock, packBlock, transferList, unpackBlock } from "./block.js";
import { type Executor, inThreadExecutor } from "./run.js";
import { type EngineContext, type Inbox, runBlock } from "./saturate.js";
import type { BlockResult, BlockTask, WorkerInit } from "./worker.js";

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
  /** Threads running blocks, the coordinator's included: at least 2. */
  workers: number;
  /**
   * Whether the coordinator thread runs batches too (default). When false, the pool has
   * `workers` threads and the coordinator only waits: kept for benchmarks that compare both.
   */
  coordinatorRuns?: boolean;
  fault?: FaultInjection;
  /**
   * Bursts run in place on the coordinator, with no thread started, until they have taken this
   * many milliseconds in all; the pool starts then. A short run gains nothing from threads that
   * must start and warm up first (default 0: the pool from the first burst; the commands use
   * IN_PLACE_FIRST_MS). Where a block runs never changes what it derives.
   */
  inPlaceFirstMs?: number;
}

/** The commands' default for PoolOptions.inPlaceFirstMs. */
export const IN_PLACE_FIRST_MS = 1000;

/** Where a pool run's time went (milliseconds, summed over batches unless said otherwise). */
export interface PoolStats {
  readonly workers: number;
  readonly bursts: number;
  readonly batches: number;
  readonly blocks: number;
  /** Batches and blocks run on the coordinator thread. */
  readonly localBatches: number;
  readonly localBlocks: number;
  /** Bursts run in place before the pool started (PoolOptions.inPlaceFirstMs). */
  readonly inPlaceBursts: number;
  /** Saturation, on any thread. */
  readonly computeMs: number;
  /** Packing, unpacking and structured cloning, on either side (what running in place saves). */
  readonly codecMs: number;
  /** Pool round trips minus the time the worker spent on the task: message passing and hand-over. */
  readonly messageMs: number;
  /**
   * Summed over bursts: the busiest thread's compute time. Against computeMs / workers it
   * shows how evenly the dynamic queue spread the work.
   */
  readonly busiestThreadMs: number;
}

export interface PoolExecutor extends Executor {
  stats(): PoolStats;
}

/**
 * Splits a burst's tasks (by index) into batches, heaviest blocks first, with shrinking
 * batches ("guided" scheduling): each batch takes blocks, in weight order, until it holds
 * half of the remaining weight's per-thread share, but never less than 1/16 of a thread's
 * share of the whole. Threads take batches from the front as they become free: the big early
 * batches keep messages few, the small late ones let the threads finish the burst together.
 */
export function batchesOf(weights: readonly number[], threads: number): number[][] {
  const order = weights.map((w, i) => ({ i, w })).sort((a, b) => b.w - a.w || a.i - b.i);
  let remaining = weights.reduce((s, w) => s + w, 0);
  const floor = remaining / (threads * 16);
  const batches: number[][] = [];
  let batch: number[] = [];
  let weight = 0;
  let target = Math.max(floor, remaining / (2 * threads));
  for (const { i, w } of order) {
    batch.push(i);
    weight += w;
    if (weight >= target) {
      batches.push(batch);
      remaining -= weight;
      batch = [];
      weight = 0;
      target = Math.max(floor, remaining / (2 * threads));
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** An inbox's arrays are fresh copies made for this burst (see Engine.inboxFor), so they can move. */
function inboxTransferList(b: Inbox): ArrayBuffer[] {
  return [b.facts.buffer, b.factIds.buffer, b.witnessConsts.buffer, b.constDepth.buffer] as ArrayBuffer[];
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const COORDINATOR = -1;

export function poolExecutor(
  theory: Theory,
  /** Atom record width of the engine runs the pool serves (one theory, one width). */
  width: number,
  opts: PoolOptions,
): PoolExecutor {
  if (!Number.isInteger(opts.workers) || opts.workers < 2)
    throw new RangeError(`a pool needs at least 2 workers, got ${opts.workers}`);
  const local = opts.coordinatorRuns ?? true;
  const threads = local ? opts.workers - 1 : opts.workers;
  const init: WorkerInit = { theory, width };
  // The fault hook targets pool threads, so a run that sets it uses them from the start.
  const inPlaceFirstMs = opts.fault ? 0 : (opts.inPlaceFirstMs ?? 0);
  let inPlaceMs = 0;
  let started: Piscina | null = null;
  const startPool = (): Piscina => {
    started ??= new Piscina({
      filename: new URL("./worker.js", import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: init,
    });
    return started;
  };
  let closed = false;
  const st = {
    bursts: 0,
    batches: 0,
    blocks: 0,
    localBatches: 0,
    localBlocks: 0,
    inPlaceBursts: 0,
    computeMs: 0,
    codecMs: 0,
    messageMs: 0,
    busiestThreadMs: 0,
  };

  // A pool can serve several engine runs in turn (discovery's model, then its proofs); a new
  // rule table means a new run, and the workers drop the theorems they cached for the last one.
  let runRules: EngineContext["rules"] | null = null;
  let run = 0;

  return {
    async runBurst(tasks, ctx) {
      if (ctx.rules !== runRules) {
        runRules = ctx.rules;
        run++;
      }
      if (started === null && inPlaceMs < inPlaceFirstMs) {
        const t0 = performance.now();
        const out = await inThreadExecutor.runBurst(tasks, ctx);
        const ms = performance.now() - t0;
        inPlaceMs += ms;
        st.bursts++;
        st.inPlaceBursts++;
        st.batches++;
        st.blocks += tasks.length;
        st.localBatches++;
        st.localBlocks += tasks.length;
        st.computeMs += ms;
        st.busiestThreadMs += ms;
        return out;
      }
      const pool = startPool();
      const theorems = ctx.rules.filter((r) => r.kind === "theorem");
      const weights = tasks.map((t) => 64 + t.state.data.flags.length + t.inbox.factIds.length);
      const batches = batchesOf(weights, opts.workers);
      const taken = new Array<boolean>(batches.length).fill(false);
      // The fault hook targets pool threads, so the coordinator leaves that block's batch alone.
      const poolOnly = batches.map((b) => b.some((i) => tasks[i]!.state.meta.id === opts.fault?.block));
      const results = new Array<BlockState>(tasks.length);
      const byThread = new Map<number, number>();
      const busy = (thread: number, ms: number) => byThread.set(thread, (byThread.get(thread) ?? 0) + ms);
      let failed = false;
      st.bursts++;

      const take = (local: boolean): number[] | null => {
        for (let k = 0; k < batches.length; k++) {
          if (taken[k] || (local && poolOnly[k])) continue;
          taken[k] = true;
          st.batches++;
          st.blocks += batches[k]!.length;
          return batches[k]!;
        }
        return null;
      };

      const runRemote = async (batch: number[]): Promise<void> => {
        const t0 = performance.now();
        const packed = batch.map((i) => packBlock(tasks[i]!.state));
        // The worker writes the id of the block it is on here, so a crash can be pinned to one block.
        const current = new Int32Array(new SharedArrayBuffer(4)).fill(-1);
        const task: BlockTask = {
          blocks: packed,
          inboxes: batch.map((i) => tasks[i]!.inbox),
          theorems,
          run,
          settings: ctx.settings,
          current,
        };
        if (opts.fault) task.fault = opts.fault;
        const transfer = [...packed.flatMap(transferList), ...task.inboxes.flatMap(inboxTransferList)];
        const t1 = performance.now();
        let out: BlockResult;
        try {
          out = (await pool.run(task, { transferList: transfer as never })) as BlockResult;
        } catch (e) {
          failed = true;
          const on = Atomics.load(current, 0);
          const ids = on >= 0 ? [on] : batch.map((i) => tasks[i]!.state.meta.id);
          const msg = e instanceof Error ? e.message : String(e);
          throw new WorkerError(
            `a worker thread failed on block${ids.length > 1 ? "s" : ""} ${ids.join(", ")}: ${msg}`,
            ids,
          );
        }
        const t2 = performance.now();
        out.blocks.forEach((p: PackedBlock, k) => {
          results[batch[k]!] = unpackBlock(p);
        });
        st.computeMs += out.computeMs;
        st.codecMs += out.codecMs + (t1 - t0) + (performance.now() - t2);
        st.messageMs += Math.max(0, t2 - t1 - out.computeMs - out.codecMs);
        busy(out.thread, out.computeMs);
      };

      const remoteRunner = async (): Promise<void> => {
        for (let b = take(false); b && !failed; b = take(false)) await runRemote(b);
      };

      const localRunner = async (): Promise<void> => {
        for (let b = take(true); b && !failed; b = take(true)) {
          st.localBatches++;
          for (const i of b) {
            const t = tasks[i]!;
            const t0 = performance.now();
            runBlock(t.state, t.inbox, ctx);
            const ms = performance.now() - t0;
            results[i] = t.state;
            st.localBlocks++;
            st.computeMs += ms;
            busy(COORDINATOR, ms);
            await yieldToEventLoop();
            if (failed) return;
          }
        }
      };

      // Pool threads get their first batches before the coordinator starts on its own.
      const remote = Array.from({ length: threads }, () => remoteRunner());
      await Promise.all(local ? [...remote, localRunner()] : remote);
      st.busiestThreadMs += Math.max(0, ...byThread.values());
      return results;
    },
    stats() {
      return { workers: opts.workers, ...st };
    },
    async close() {
      if (closed) return;
      closed = true;
      await started?.destroy();
    },
  };
}

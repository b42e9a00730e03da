/**
 * The worker-pool executor: a burst's blocks are cut into batches (largest first, about four
 * per thread, so piscina's queue balances the few heavy blocks dynamically) and run on a
 * piscina pool. Block state moves as transferred typed arrays; rule tables are built once
 * per worker. See docs/parallelism.md for the measurements behind these choices.
 */
import { Piscina } from "piscina";
import type { Theory } from "../mpl/theory.js";
import { type BlockState, type PackedBlock, packBlock, transferList, unpackBlock } from "./block.js";
import type { Executor } from "./run.js";
import type { EngineContext } from "./saturate.js";
import type { BlockTask, WorkerInit } from "./worker.js";

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly blocks: number[],
  ) {
    super(message);
    this.name = "WorkerError";
  }
}

export interface PoolOptions {
  workers: number;
  /** Testing hook: make the worker running this block fail. */
  fault?: { block: number; kind: "throw" | "exit" };
}

export function poolExecutor(
  theory: Theory,
  ctx0: { settings: EngineContext["settings"]; width: number },
  opts: PoolOptions,
): Executor {
  const init: WorkerInit = { theory, settings: ctx0.settings, width: ctx0.width };
  const pool = new Piscina({
    filename: new URL("./worker.js", import.meta.url).href,
    minThreads: opts.workers,
    maxThreads: opts.workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: init,
  });
  let closed = false;
  return {
    async runBurst(tasks, ctx) {
      const theorems = ctx.rules.filter((r) => r.kind === "theorem");
      // Heaviest first; greedy batches of roughly equal weight.
      const order = tasks
        .map((t, i) => ({ i, w: 64 + t.state.data.flags.length + t.inbox.factIds.length }))
        .sort((a, b) => b.w - a.w || a.i - b.i);
      const nBatches = Math.min(order.length, opts.workers * 4);
      const batches: number[][] = Array.from({ length: nBatches }, () => []);
      const load = new Array<number>(nBatches).fill(0);
      for (const { i, w } of order) {
        let k = 0;
        for (let j = 1; j < nBatches; j++) if (load[j]! < load[k]!) k = j;
        batches[k]!.push(i);
        load[k]! += w;
      }
      const results = new Array<BlockState>(tasks.length);
      await Promise.all(
        batches
          .filter((b) => b.length > 0)
          .map(async (batch) => {
            const packed = batch.map((i) => packBlock(tasks[i]!.state));
            const task: BlockTask = { blocks: packed, inboxes: batch.map((i) => tasks[i]!.inbox), theorems };
            if (opts.fault) task.fault = opts.fault;
            const ids = batch.map((i) => tasks[i]!.state.meta.id);
            let out: { blocks: PackedBlock[] };
            try {
              out = (await pool.run(task, { transferList: packed.flatMap(transferList) as never })) as {
                blocks: PackedBlock[];
              };
            } catch (e) {
              const msg = e instanceof Error ? e.message : String(e);
              throw new WorkerError(
                `worker failed while running block${ids.length > 1 ? "s" : ""} ${ids.join(", ")}: ${msg}`,
                ids,
              );
            }
            out.blocks.forEach((p, k) => {
              results[batch[k]!] = unpackBlock(p);
            });
          }),
      );
      return results;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.destroy();
    },
  };
}

/**
 * Which executor runs a proof: one worker stays on the calling thread and starts no worker
 * thread; N workers start N - 1 pool threads (the coordinator thread is the N-th). Also the
 * placement of blocks is tested in pool-placement.test.ts; here also the run's time split between bursts and the coordinator.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import type * as GraphModule from "../engine/graph.js";
import type * as Pool from "../engine/pool.js";
import { poolExecutor } from "../engine/pool.js";
import type * as RunModule from "../engine/run.js";
import type * as Statement from "../engine/statement.js";
import type * as Readable from "../export/readable.js";
import type { Theory } from "../mpl/theory.js";
import { ensureBuilt, fromDist } from "./support/dist.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

let runProver: typeof RunEngine.runProver;
let theory: Theory;
let started = 0;
const onWorker = (_: Worker) => {
  started++;
};

beforeAll(async () => {
  ensureBuilt();
  ({ runProver } = await fromDist<typeof RunEngine>("cli/run-engine.js"));
  const { loadTheory } = await fromDist<typeof LoadTheory>("cli/load-theory.js");
  theory = loadTheory({ paths: [join(REPO_ROOT, "examples", "peano")] }).theory!;
  process.on("worker", onWorker);
});
afterAll(() => {
  process.off("worker", onWorker);
});
afterEach(() => {
  started = 0;
});

const prove = (workers: number, inPlaceFirstMs = 0) =>
  runProver(theory, theory.conjectures, {
    workers,
    settings: {},
    phase: "test",
    quiet: true,
    inPlaceFirstMs,
  });

const sha = (r: Awaited<ReturnType<typeof prove>>) =>
  createHash("sha256").update(JSON.stringify(r.graph)).digest("hex");

/** Proves the theory's conjectures on a pool made here (not warmed unless asked, then loaded first). */
async function proveOn(workers: number, o: Partial<Pool.PoolOptions>, warm = false) {
  const { Engine } = await fromDist<typeof RunModule>("engine/run.js");
  const { buildProofGraph } = await fromDist<typeof GraphModule>("engine/graph.js");
  const { readableStatement } = await fromDist<typeof Readable>("export/readable.js");
  const { statementOf } = await fromDist<typeof Statement>("engine/statement.js");
  const pools = await fromDist<typeof Pool>("engine/pool.js");
  const engine = new Engine(theory, {});
  for (const c of theory.conjectures)
    engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
  const executor = pools.poolExecutor(theory, engine.width, { workers, ...o });
  if (warm) {
    executor.warm();
    await executor.loaded();
  }
  const run = await engine.run({ executor });
  const graph = buildProofGraph(run, (s) => readableStatement(s, theory));
  return {
    run,
    pool: executor.stats(),
    sha: createHash("sha256").update(JSON.stringify(graph)).digest("hex"),
  };
}

describe("the executor for --workers", () => {
  it("1 worker: no pool, no worker thread", async () => {
    const r = await prove(1);
    expect(r.pool).toBeNull();
    expect(started).toBe(0);
    expect(r.graph.theorems.length).toBeGreaterThan(0);
  });

  it.each([2, 4])(
    "%i workers: that many threads run blocks, one of them the coordinator",
    async (workers) => {
      const r = await prove(workers);
      expect(started).toBe(workers - 1);
      const pool = r.pool!;
      expect(pool.workers).toBe(workers);
      expect(pool.bursts).toBe(r.run.bursts);
      // Every active block of every burst ran exactly once, somewhere.
      expect(pool.blocks).toBeGreaterThan(pool.localBlocks);
      expect(pool.computeMs).toBeGreaterThan(0);
    },
  );

  it("runs bursts in place, on this thread only, until they have taken inPlaceFirstMs", async () => {
    const reference = sha(await prove(1));
    // Longer than the whole run: no thread starts, every burst runs in place.
    const never = await proveOn(2, { inPlaceFirstMs: 3_600_000 });
    expect(started).toBe(0);
    expect(never.pool.threadsRun).toBe(1);
    expect(never.pool.inPlaceBursts).toBe(never.run.bursts);
    expect(never.pool.localBlocks).toBe(never.pool.blocks);
    expect(never.sha).toBe(reference);
    // One millisecond: the first burst runs in place, the pool starts its thread and takes over.
    const soon = await proveOn(2, { inPlaceFirstMs: 1 });
    expect(started).toBe(1);
    expect(soon.pool.threadsRun).toBe(2);
    expect(soon.pool.inPlaceBursts).toBe(1);
    expect(soon.pool.localBlocks).toBeLessThan(soon.pool.blocks);
    expect(soon.sha).toBe(reference);
  });

  it("a warmed pool takes blocks from the first burst once its threads have loaded", async () => {
    const reference = sha(await prove(1));
    const warm = await proveOn(2, { inPlaceFirstMs: 3_600_000 }, true);
    expect(started).toBe(1);
    expect(warm.pool.threadsRun).toBe(2);
    expect(warm.pool.inPlaceBursts).toBe(0);
    expect(warm.sha).toBe(reference);
  });

  it("reads GL_IN_PLACE_FIRST_MS: unset means the default, else whole milliseconds", async () => {
    const { inPlaceFirstMsFromEnv } = await fromDist<typeof RunEngine>("cli/run-engine.js");
    const { IN_PLACE_FIRST_MS } = await fromDist<typeof Pool>("engine/pool.js");
    expect(inPlaceFirstMsFromEnv(undefined)).toBe(IN_PLACE_FIRST_MS);
    expect(inPlaceFirstMsFromEnv("")).toBe(IN_PLACE_FIRST_MS);
    expect(inPlaceFirstMsFromEnv("0")).toBe(0);
    expect(inPlaceFirstMsFromEnv("250")).toBe(250);
    for (const bad of ["-1", "1.5", "soon"])
      expect(() => inPlaceFirstMsFromEnv(bad)).toThrow(
        `GL_IN_PLACE_FIRST_MS must be a whole number of milliseconds, got '${bad}'`,
      );
  });

  it("refuses a pool of fewer than 1 worker", () => {
    expect(() => poolExecutor(theory, 5, { workers: 0 })).toThrow("a pool needs at least 1 worker, got 0");
  });
});

describe("run timing", () => {
  it("splits the wall time between bursts and the coordinator", async () => {
    const start = performance.now();
    const r = await prove(1);
    const wall = performance.now() - start;
    const { burstMs, coordinatorMs } = r.run.timing;
    expect(burstMs).toBeGreaterThan(0);
    expect(coordinatorMs).toBeGreaterThan(0);
    expect(burstMs + coordinatorMs).toBeLessThanOrEqual(wall);
  });
});

/**
 * Which executor runs a proof: one worker stays on the calling thread and starts no worker
 * thread; N workers start N - 1 pool threads (the coordinator thread is the N-th). Also the
 * batching of a burst, and the run's time split between bursts and the coordinator.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import type * as Pool from "../engine/pool.js";
import { batchesOf, poolExecutor } from "../engine/pool.js";
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

  it("runs bursts in place, with no thread started, until they have taken inPlaceFirstMs", async () => {
    const reference = sha(await prove(1));
    // Longer than the whole run: the pool never starts.
    const never = await prove(2, 3_600_000);
    expect(started).toBe(0);
    expect(never.pool!.inPlaceBursts).toBe(never.run.bursts);
    expect(never.pool!.localBlocks).toBe(never.pool!.blocks);
    expect(sha(never)).toBe(reference);
    // One millisecond: the first burst runs in place, the pool takes over after it.
    const soon = await prove(2, 1);
    expect(started).toBe(1);
    expect(soon.pool!.inPlaceBursts).toBe(1);
    expect(soon.pool!.localBlocks).toBeLessThan(soon.pool!.blocks);
    expect(sha(soon)).toBe(reference);
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

  it("refuses a pool of fewer than 2 workers", () => {
    expect(() => poolExecutor(theory, 5, { workers: 1 })).toThrow("a pool needs at least 2 workers, got 1");
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

describe("batchesOf", () => {
  const weights = [5, 900, 40, 40, 41, 300, 7, 7, 7, 64, 120, 300, 2, 1, 1000, 33];
  const byWeight = weights
    .map((w, i) => ({ w, i }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map((x) => x.i);

  it("puts every block in exactly one batch, heaviest first", () => {
    for (const threads of [1, 2, 3, 8]) {
      expect(batchesOf(weights, threads).flat()).toEqual(byWeight);
    }
  });

  it("cuts shrinking batches: half the remaining share per thread, down to 1/16 of a share", () => {
    // 400 in all over 2 threads: 100, then 75, 55, 40, 30, 22.5, 15, and the floor 12.5.
    expect(batchesOf(new Array<number>(40).fill(10), 2).map((b) => b.length)).toEqual([
      10, 8, 6, 4, 3, 3, 2, 2, 2,
    ]);
    // A block heavier than a share is a batch of its own; the rest meet the floor (1100/32).
    expect(batchesOf([1000, ...new Array<number>(10).fill(10)], 2).map((b) => b.length)).toEqual([
      1, 4, 4, 2,
    ]);
    expect(batchesOf(weights, 2)).toEqual([
      [14],
      [1],
      [5],
      [11],
      [10],
      [9, 4],
      [2, 3, 15],
      [6, 7, 8, 0, 12, 13],
    ]);
  });

  it("has nothing to cut for an empty burst", () => {
    expect(batchesOf([], 4)).toEqual([]);
  });
});

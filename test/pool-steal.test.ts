/**
 * Work within a burst (engine/steal.ts): a unit per block, heaviest first; balancing at the start of a burst moves only what does not fit a
 * fair share, never a pinned unit; and in a real pool run idle threads take over blocks from
 * busy ones while the proof graph keeps its bytes.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import type * as Profile from "../engine/pool-profile.js";
import type * as Steal from "../engine/steal.js";
import type { Theory } from "../mpl/theory.js";
import { ensureBuilt, fromDist } from "./support/dist.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

let steal: typeof Steal;
let runProver: typeof RunEngine.runProver;
let theory: Theory;

beforeAll(async () => {
  ensureBuilt();
  steal = await fromDist<typeof Steal>("engine/steal.js");
  ({ runProver } = await fromDist<typeof RunEngine>("cli/run-engine.js"));
  const { loadTheory } = await fromDist<typeof LoadTheory>("cli/load-theory.js");
  theory = loadTheory({ paths: [join(REPO_ROOT, "examples", "peano")] }).theory!;
});

describe("buildUnits", () => {
  it("one unit per block, each shard's heaviest first", () => {
    const weight = [1, 5, 3, 1, 2, 40];
    const { table, unitOf } = steal.buildUnits([0, 1, 2, 3, 4, 5], [0, 0, 0, 1, 1, 1], (id) => weight[id]!);
    expect([...table.blocks]).toEqual([1, 2, 0, 5, 4, 3]);
    expect([...table.shard]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(unitOf.get(5)).toBe(3);
    expect(table.start[table.shard.length]).toBe(6);
  });
});

describe("assignUnits", () => {
  const table = (shard: number[], weight: number[]) => ({
    shard: Int32Array.from(shard),
    start: Int32Array.from({ length: shard.length + 1 }, (_, i) => i),
    blocks: Int32Array.from(shard.map((_, i) => i)),
    weight: Float64Array.from(weight),
  });

  it("moves what does not fit a fair share to the least-loaded shard, heaviest first", () => {
    const t = table([0, 0, 0, 0, 1], [40, 30, 20, 10, 0]);
    const moved = steal.assignUnits(t, 2);
    const load = [0, 0];
    for (let u = 0; u < 5; u++) load[moved.get(u) ?? t.shard[u]!]! += t.weight[u]!;
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(20);
    expect(moved.has(0)).toBe(false);
  });

  it("leaves a balanced burst, light units and pinned units alone", () => {
    expect(steal.assignUnits(table([0, 1], [10, 10]), 2).size).toBe(0);
    expect(steal.assignUnits(table([0, 0, 0], [0.5, 0.5, 0.5]), 2).size).toBe(0);
    expect(steal.assignUnits(table([0, 0], [50, 50]), 2, new Set([1])).size).toBe(0);
  });
});

describe("BurstScheduler", () => {
  it("a thief gives up when the other shards hold only units too small to hand over", () => {
    // Shard 0 holds 400 units of 0.1 ms (40 ms in all, none worth a hand-over); shard 1 has none.
    const table = {
      shard: new Int32Array(400),
      start: Int32Array.from({ length: 401 }, (_, i) => i),
      blocks: Int32Array.from({ length: 400 }, (_, i) => i),
      weight: new Float64Array(400).fill(0.1),
    };
    const ctl = steal.newControl(table, 2);
    const never = () => {
      throw new Error("nothing should run or move");
    };
    const thief = new steal.BurstScheduler(ctl, table, 2, 1, new Map(), new Map(), {
      run: never,
      give: never,
      take: never,
    });
    thief.runOwn();
    thief.stealSync();
    expect(thief.steals).toBe(0);
    expect(thief.took).toEqual([]);
  });
});

describe("a pool run", () => {
  it("moves blocks to idle threads during bursts, and gives the one-worker bytes", async () => {
    const run = async (workers: number) => {
      const profile: Profile.PoolProfile = { bursts: [], threadLoadMs: [], threadLoadCpuMs: [] };
      const r = await runProver(theory, theory.conjectures, {
        workers,
        settings: {},
        phase: "test",
        quiet: true,
        inPlaceFirstMs: 0,
        profile,
      });
      return {
        sha: createHash("sha256").update(JSON.stringify(r.graph)).digest("hex"),
        profile,
        pool: r.pool!,
      };
    };
    const one = await run(1);
    const three = await run(3);
    expect(three.sha).toBe(one.sha);
    const took = three.profile.bursts.reduce((s, b) => s + b.threads.reduce((x, t) => x + t.took, 0), 0);
    expect(took, "blocks taken over by idle threads").toBeGreaterThan(0);
    expect(three.pool.movedBlocks).toBeGreaterThan(0);
    // The profile accounts for every block of every burst, once.
    for (const b of three.profile.bursts) expect(b.perBlock.length).toBe(b.blocks);
    expect(one.profile.bursts.every((b) => b.shards === 1)).toBe(true);
  });
});

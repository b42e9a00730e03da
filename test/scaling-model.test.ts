/**
 * The scaling benchmark's models: Amdahl's fit recovers a known serial fraction, and the
 * simulator replays a one-worker profile exactly for one thread, divides independent work for
 * more, is bounded by a burst's longest block, runs bursts in place until the threads have
 * loaded, charges the co-running slowdown, and steals the way the pool does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as Model from "../bench/scaling-model.js";
import type * as Steal from "../engine/steal.js";
import { ensureBuilt, fromDist } from "./support/dist.js";

let model: typeof Model;
let steal: typeof Steal;

beforeAll(async () => {
  ensureBuilt();
  model = await fromDist<typeof Model>("bench/scaling-model.js");
  steal = await fromDist<typeof Steal>("engine/steal.js");
});

/** An anchor and `n` independent leaves of `ms` each (one of them `long`), for `bursts` bursts. */
function flat(n: number, ms: number, bursts: number, long = ms): Model.SimBurst[] {
  return Array.from({ length: bursts }, () => ({
    run: 1,
    serialMs: 2,
    blocks: [
      [0, 0, -1] as const,
      ...Array.from({ length: n }, (_, i) => [i + 1, i === 0 ? long : ms, 0] as const),
    ],
  }));
}

const free: Model.SimCosts = {
  msPerMessage: 0,
  msPerSteal: 0,
  coRun: 1,
  warmupMs: 0,
  inPlaceFirstMs: Number.POSITIVE_INFINITY,
  outsideMs: 0,
  mapped: [],
};

describe("Amdahl", () => {
  it("fits the serial fraction of exact points", () => {
    const pts = [2, 4, 8].map((t) => ({ threads: t, speedup: model.amdahl(0.1, t) }));
    expect(model.fitAmdahl(pts)).toBeCloseTo(0.1, 3);
  });
});

describe("simulate", () => {
  it("one thread: the profile's own time, plus what lies outside the bursts", () => {
    const r = model.simulate(flat(64, 5, 4), 1, { ...free, outsideMs: 100 });
    expect(r.wallMs).toBeCloseTo(100 + 4 * (2 + 64 * 5), 6);
  });

  it("divides independent blocks: near-ideal with no costs", () => {
    const one = model.simulate(flat(64, 5, 4), 1, free).wallMs;
    const eight = model.simulate(flat(64, 5, 4), 8, free);
    expect(one / eight.wallMs).toBeGreaterThan(6);
    expect(eight.balance).toBeGreaterThan(0.9);
  });

  it("is bounded by a burst's longest block: the critical path", () => {
    const r = model.simulate(flat(64, 1, 4, 100), 16, free);
    // Each burst takes at least its 100 ms block, however many threads.
    expect(r.wallMs).toBeGreaterThanOrEqual(4 * (2 + 100));
    expect(r.parts.criticalPathMs).toBeGreaterThan(4 * 50);
    expect(model.limitingCost(r).name).toContain("longest block");
  });

  it("runs bursts in place until the threads have loaded, or waits for them after inPlaceFirstMs", () => {
    const t = flat(64, 5, 4);
    const r = model.simulate(t, 4, { ...free, warmupMs: 1e9 });
    expect(r.wallMs).toBeCloseTo(model.simulate(t, 1, free).wallMs, 6);
    // One burst in place (322 ms), then a wait until 1000 ms, then three bursts on 4 threads.
    const w = model.simulate(t, 4, { ...free, warmupMs: 1000, inPlaceFirstMs: 300 });
    expect(w.parts.loadWaitMs).toBeCloseTo(1000 - 322 - 2, 6);
    expect(w.wallMs).toBeLessThan(model.simulate(t, 1, free).wallMs + 1000);
  });

  it("charges the co-running slowdown on the bursts that run on several threads", () => {
    const t = flat(64, 5, 4);
    const base = model.simulate(t, 4, free);
    const slow = model.simulate(t, 4, { ...free, coRun: 1.2 });
    expect(slow.parts.coRunMs).toBeCloseTo(base.parts.workMs * 0.2, 6);
    expect(slow.wallMs).toBeGreaterThan(base.wallMs);
  });

  it("divides a mapped phase by Amdahl's law with its serial fraction", () => {
    const t = flat(1, 1, 1);
    const mapped = [{ name: "html", ms: 1000, serialFraction: 0.2 }];
    const one = model.simulate(t, 1, { ...free, mapped });
    const four = model.simulate(t, 4, { ...free, mapped });
    expect(one.parts.mappedMs).toBeCloseTo(1000, 6);
    expect(four.parts.mappedMs).toBeCloseTo(1000 * (0.2 + 0.8 / 4), 6);
  });
});

describe("stealSchedule", () => {
  /** Units of one block each, all held by thread 0. */
  const table = (ms: number[]) => ({
    shard: new Int32Array(ms.length),
    start: Int32Array.from({ length: ms.length + 1 }, (_, i) => i),
    blocks: Int32Array.from(ms.map((_, i) => i)),
    weight: Float64Array.from(ms),
  });

  it("an idle thread takes half of what the busy one has not started", () => {
    const ms = Array.from({ length: 16 }, () => 10);
    const r = model.stealSchedule(table(ms), new Map(), new Map(ms.map((x, i) => [i, x])), 2, 0, 0);
    expect(r.makespan).toBeLessThanOrEqual(90);
    expect([...r.ranBy].filter((s) => s === 1).length).toBeGreaterThanOrEqual(7);
  });

  it("a thief pays the wait of each steal", () => {
    // Thread 0 starts on a 100 ms block; the thief takes the two others after 30 ms.
    const ms = [100, 10, 10];
    const times = new Map(ms.map((x, i) => [i, x]));
    const r = model.stealSchedule(table(ms), new Map(), times, 2, 0, 30);
    expect(r.ranBy[0]).toBe(0);
    expect(r.makespan).toBe(100);
    expect(r.busy[1]).toBe(20);
    const slow = model.stealSchedule(table(ms), new Map(), times, 2, 0, 95);
    expect(slow.makespan).toBeGreaterThan(100);
  });

  it("units assigned elsewhere when the burst starts run there", () => {
    const ms = [50, 50];
    const t = table(ms);
    const assigned = steal.assignUnits(t, 2);
    expect([...assigned]).toEqual([[1, 1]]);
    const r = model.stealSchedule(t, assigned, new Map(ms.map((x, i) => [i, x])), 2, 0, 0);
    expect([...r.ranBy]).toEqual([0, 1]);
    expect(r.makespan).toBe(50);
  });
});

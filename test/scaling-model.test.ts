/**
 * The scaling benchmark's models: Amdahl's fit recovers a known serial fraction, and the
 * simulator replays a trace exactly for one thread, divides independent work for more, and
 * charges warm-up and messages where they are paid.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as Model from "../bench/scaling-model.js";
import type { BurstTrace } from "../engine/pool.js";
import { ensureBuilt, fromDist } from "./support/dist.js";

let model: typeof Model;

beforeAll(async () => {
  ensureBuilt();
  model = await fromDist<typeof Model>("bench/scaling-model.js");
});

/** An anchor and `n` independent leaves of `ms` each, for `bursts` bursts. */
function flatTrace(n: number, ms: number, bursts: number): BurstTrace[] {
  return Array.from({ length: bursts }, () => ({
    shards: 1,
    coordinatorMs: 2,
    exchangeMs: 0,
    burstMs: n * ms,
    blocks: [
      { id: 0, parent: -1, shard: 0, ms: 0, inboxInts: 0, publishedInts: 0 },
      ...Array.from({ length: n }, (_, i) => ({
        id: i + 1,
        parent: 0,
        shard: 0,
        ms,
        inboxInts: 10,
        publishedInts: 0,
      })),
    ],
  }));
}

const free = { msPerMessage: 0, msPerInt: 0, warmupMs: 0, outsideMs: 0, inPlaceFirstMs: 0 };

describe("Amdahl", () => {
  it("fits the serial fraction of exact points", () => {
    const pts = [2, 4, 8].map((t) => ({ threads: t, speedup: model.amdahl(0.1, t) }));
    expect(model.fitAmdahl(pts)).toBeCloseTo(0.1, 3);
  });
});

describe("simulate", () => {
  it("one thread: the trace's own time", () => {
    const t = flatTrace(64, 5, 4);
    const r = model.simulate(t, 1, { ...free, outsideMs: 100 });
    expect(r.wallMs).toBeCloseTo(100 + 4 * (2 + 64 * 5), 6);
  });

  it("divides independent blocks: near-ideal with no costs", () => {
    const t = flatTrace(64, 5, 4);
    const one = model.simulate(t, 1, free).wallMs;
    const eight = model.simulate(t, 8, free);
    expect(one / eight.wallMs).toBeGreaterThan(7);
    expect(eight.balance).toBeGreaterThan(0.95);
  });

  it("charges each pool thread's warm-up once and two messages per thread and burst", () => {
    const t = flatTrace(64, 5, 4);
    const base = model.simulate(t, 4, free).wallMs;
    const warm = model.simulate(t, 4, { ...free, warmupMs: 50 });
    expect(warm.warmupMs).toBe(3 * 50);
    expect(warm.wallMs - base).toBeCloseTo(50, 6);
    const msg = model.simulate(t, 4, { ...free, msPerMessage: 1 });
    expect(msg.messageMs).toBe(4 * 3 * 2);
  });

  it("runs the first bursts in place, as the commands do", () => {
    const t = flatTrace(64, 5, 4);
    const r = model.simulate(t, 4, { ...free, inPlaceFirstMs: 10_000 });
    expect(r.wallMs).toBeCloseTo(model.simulate(t, 1, free).wallMs, 6);
  });
});

/**
 * Where blocks live (engine/placement.ts) and how a parent's replica on another thread is kept
 * current (engine/shard.ts): a conjecture's subtree stays together, every block gets one shard,
 * and a replica fed by deltas yields exactly the inboxes the parent itself would give, burst after burst.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as Block from "../engine/block.js";
import type * as Inbox from "../engine/inbox.js";
import type * as Placement from "../engine/placement.js";
import type * as ShardModule from "../engine/shard.js";
import { ensureBuilt, fromDist } from "./support/dist.js";

let placement: typeof Placement;
let shard: typeof ShardModule;
let inbox: typeof Inbox;
let block: typeof Block;

beforeAll(async () => {
  ensureBuilt();
  placement = await fromDist<typeof Placement>("engine/placement.js");
  shard = await fromDist<typeof ShardModule>("engine/shard.js");
  inbox = await fromDist<typeof Inbox>("engine/inbox.js");
  block = await fromDist<typeof Block>("engine/block.js");
});

// 0 ─┬─ 1 ─┬─ 3 ── 7
//    │     └─ 4
//    └─ 2 ─┬─ 5
//          └─ 6 ── 8
const parent = [-1, 0, 0, 1, 1, 2, 2, 3, 6];

describe("placeAll", () => {
  it("gives every block one shard and keeps light subtrees whole", () => {
    const weight = [1, 1, 1, 10, 10, 10, 10, 10, 10];
    for (const shards of [1, 2, 3, 4]) {
      const owner = placement.placeAll({ parent, weight }, shards);
      expect(owner).toHaveLength(parent.length);
      for (const s of owner) expect(s >= 0 && s < shards).toBe(true);
      // A leaf's step child lives with it: 3 with 7, 6 with 8.
      expect(owner[7]).toBe(owner[3]);
      expect(owner[8]).toBe(owner[6]);
    }
  });

  it("spreads the work: no shard above the heaviest unit plus the mean", () => {
    const weight = [1, 1, 1, 10, 10, 10, 10, 10, 10];
    const owner = placement.placeAll({ parent, weight }, 2);
    const load = [0, 0];
    owner.forEach((s, i) => {
      load[s]! += weight[i]!;
    });
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(21);
    expect(Math.min(...load)).toBeGreaterThan(0);
  });

  it("honours pinned blocks", () => {
    const owner = placement.placeAll({ parent, weight: parent.map(() => 1) }, 3, new Map([[5, 2]]));
    expect(owner[5]).toBe(2);
  });
});

describe("placeNew", () => {
  it("puts a new block where its parent lives", () => {
    const owner = [0, 1, 0, 1, 1, 0, 0, -1, -1];
    placement.placeNew({ parent, weight: parent.map(() => 1) }, owner, 2);
    expect(owner[7]).toBe(1);
    expect(owner[8]).toBe(0);
  });
});

describe("replicas", () => {
  const W = 5;
  /** A parent block with `n` more facts: pred p (0 = equality, sign in bit 0), arguments, alive. */
  function grow(state: Block.BlockState, n: number, seed: number): void {
    for (let i = 0; i < n; i++) {
      const pn = ((seed + i) % 5) * 2;
      state.data.facts.push(pn);
      for (let k = 1; k < W; k++) state.data.facts.push(k < 3 ? seed + i + k : -1);
      state.data.flags.push(block.F_ALIVE);
    }
  }
  const viewOf = (s: Block.BlockState): Inbox.ParentView => ({
    facts: s.data.facts.data,
    flags: s.data.flags.data,
    count: block.factCount(s.data),
    witnessKeys: s.meta.witnessKeys,
    witnessConsts: s.meta.witnessConsts,
    constDepth: s.meta.constDepth,
  });

  it("give the same inboxes as the parent itself, burst after burst", () => {
    const parent: Block.BlockState = {
      meta: {
        id: 3,
        parent: -1,
        witnessKeys: "",
        witnessConsts: new Int32Array(0),
        constDepth: new Int32Array(0),
      },
      data: block.newBlockData(),
    } as unknown as Block.BlockState;
    const home = new shard.Shard(W);
    const away = new shard.Shard(W);
    home.adopt(parent);
    let direct = 0;
    let replica = 0;
    let delivered = 0;
    for (let burst = 0; burst < 5; burst++) {
      grow(parent, 20 + burst * 7, burst * 100);
      // Some facts die, old and new: dead non-equalities are not delivered, dead equalities are.
      for (let f = burst; f < block.factCount(parent.data); f += 6)
        parent.data.flags.set(f, parent.data.flags.get(f) & ~block.F_ALIVE);
      parent.meta.witnessKeys += `w${burst}\n`;
      parent.meta.witnessConsts = Int32Array.from([...parent.meta.witnessConsts, 1000 + burst]);
      // The first publication is a whole copy; later ones carry only what changed.
      const { delta } = home.publish(3, false);
      if (burst > 0) expect(delta.from).toBeGreaterThan(0);
      away.applyDelta(delta);
      const a = inbox.inboxFrom(viewOf(parent), direct, W);
      const b = inbox.inboxFrom(
        (away as unknown as { parentView(i: number): Inbox.ParentView }).parentView(3),
        replica,
        W,
      );
      direct = a.delivered;
      replica = b.delivered;
      expect(Array.from(b.inbox.facts)).toEqual(Array.from(a.inbox.facts));
      expect(Array.from(b.inbox.factIds)).toEqual(Array.from(a.inbox.factIds));
      expect(b.inbox.witnessKeys).toBe(a.inbox.witnessKeys);
      expect(Array.from(b.inbox.witnessConsts)).toEqual(Array.from(a.inbox.witnessConsts));
      delivered += a.inbox.factIds.length;
    }
    expect(delivered).toBeGreaterThan(50);
  });

  it("refuses a delta that does not follow the replica", () => {
    const parent = {
      meta: { id: 1, witnessKeys: "", witnessConsts: new Int32Array(0), constDepth: new Int32Array(0) },
      data: block.newBlockData(),
    } as unknown as Block.BlockState;
    const home = new shard.Shard(W);
    home.adopt(parent);
    grow(parent, 4, 0);
    const first = home.publish(1, false).delta;
    grow(parent, 4, 10);
    const second = home.publish(1, false).delta;
    grow(parent, 4, 20);
    const third = home.publish(1, false).delta;
    const away = new shard.Shard(W);
    away.applyDelta(first);
    expect(() => away.applyDelta(third)).toThrow("replica of block 1 out of step");
    away.applyDelta(second);
    away.applyDelta(third);
  });
});

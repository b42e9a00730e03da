/**
 * Work stealing within a burst. A burst's active blocks are its units, and each shard runs its
 * own heaviest first (by the time each took in its last burst), after handing over the units
 * balanced onto other shards when the burst started (`assignUnits`). A shard that runs out
 * claims about half of the unstarted work of the shard with the most left, from the light end
 * of its queue, and the owner hands those blocks over at its next look, between two blocks or
 * between two rounds of the block it runs (EngineContext.poll): their state (transferred, not
 * copied) and the inboxes it computed before the burst started. The thief then owns them
 * (blocks stay where they last ran).
 *
 * Claims are compare-and-swap on one int per unit in a SharedArrayBuffer (`control`) that every
 * shard of the burst shares, so a unit runs exactly once; blocks travel over a MessagePort per
 * pair of shards. A pool thread waits for a hand-over with Atomics.wait; the coordinator thread
 * waits with Atomics.waitAsync, so that it still sees a pool thread fail. `control[0]` aborts
 * the burst (set by the coordinator when a thread failed) and wakes every waiting thief.
 *
 * Stealing decides only where a block runs, never what it derives: a block's run depends on
 * its state and its inbox, and both travel with it (docs/parallelism.md).
 */
import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { type PackedBlock, transferList } from "./block.js";
import { EMPTY_INBOX } from "./inbox.js";
import type { Inbox } from "./saturate.js";
import type { BlockOutcome } from "./shard.js";
import { clockSince, threadClock } from "./thread-clock.js";

/** One burst's units, as every shard of the burst sees them (built by engine/pool.ts). */
export interface UnitTable {
  /** The shard holding each unit when the burst starts. */
  readonly shard: Int32Array;
  /** Unit u holds blocks[start[u] .. start[u + 1]); a shard's units are in its run order. */
  readonly start: Int32Array;
  readonly blocks: Int32Array;
  /** Expected milliseconds of each unit (its blocks' times in their last burst). */
  readonly weight: Float64Array;
}

/**
 * The units of a burst and their table: one block each, each shard's heaviest first (by the
 * expected work). A block is not kept with its parent: the hand-over is quick (owners serve
 * claims between the rounds of the block they run), and a heavy child that the expectations
 * missed must be able to go to an idle thread. Pure, so the scaling simulator builds the same
 * table (bench/scaling-model.ts).
 */
export function buildUnits(
  ids: readonly number[],
  owner: readonly number[],
  weightOf: (id: number) => number,
): { table: UnitTable; unitOf: Map<number, number> } {
  const units = ids.map((id) => ({ id, shard: owner[id]!, weight: weightOf(id) }));
  units.sort((a, b) => a.shard - b.shard || b.weight - a.weight || a.id - b.id);
  const table: UnitTable = {
    shard: Int32Array.from(units.map((u) => u.shard)),
    start: Int32Array.from({ length: units.length + 1 }, (_, i) => i),
    blocks: Int32Array.from(units.map((u) => u.id)),
    weight: Float64Array.from(units.map((u) => u.weight)),
  };
  return { table, unitOf: new Map(units.map((u, k) => [u.id, k])) };
}

/** Ints of the shared control array for a burst of `shards` shards and `units` units. */
export const controlLength = (shards: number, units: number): number => 1 + 2 * shards + units;

const ABORT = 0;
const pendingAt = (s: number) => 1 + s;
const handedAt = (shards: number, t: number) => 1 + shards + t;
const claimAt = (shards: number, u: number) => 1 + 2 * shards + u;

/**
 * A fresh control array. `pinned` units are claimed by their own shard in advance (never
 * stolen); `assigned` units are claimed in advance for another shard (handed over first thing).
 */
export function newControl(
  table: UnitTable,
  shards: number,
  pinned: readonly number[] = [],
  assigned: ReadonlyMap<number, number> = new Map(),
): Int32Array {
  const ctl = new Int32Array(new SharedArrayBuffer(4 * controlLength(shards, table.shard.length)));
  for (const [u, s] of assigned) ctl[claimAt(shards, u)] = s + 1;
  for (const u of pinned) ctl[claimAt(shards, u)] = table.shard[u]! + 1;
  return ctl;
}

/** Expected work a unit must carry to be handed to another shard when the burst starts (ms). */
export const MIN_ASSIGN_MS = 1;

/**
 * Balances the expected work when the burst starts: each shard keeps its heaviest units while
 * they fit a fair share, and the units that do not fit (of at least MIN_ASSIGN_MS) go, heaviest
 * first, to the least-loaded shard. Returns the units that change shard. Stealing then evens out
 * what the expectations got wrong.
 */
export function assignUnits(
  table: UnitTable,
  shards: number,
  pinned: ReadonlySet<number> = new Set(),
): Map<number, number> {
  const n = table.shard.length;
  const load = new Float64Array(shards);
  let total = 0;
  for (let u = 0; u < n; u++) total += table.weight[u]!;
  const fair = total / shards;
  const over: number[] = [];
  for (let u = 0; u < n; u++) {
    const s = table.shard[u]!;
    const w = table.weight[u]!;
    if (pinned.has(u) || w < MIN_ASSIGN_MS || load[s]! + w <= fair || load[s] === 0) load[s]! += w;
    else over.push(u);
  }
  over.sort((a, b) => table.weight[b]! - table.weight[a]! || a - b);
  const out = new Map<number, number>();
  for (const u of over) {
    let best = 0;
    for (let s = 1; s < shards; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += table.weight[u]!;
    if (best !== table.shard[u]) out.set(u, best);
  }
  return out;
}

/** Tells every thief of the burst to give up (a thread failed). */
export function abortBurst(ctl: Int32Array): void {
  Atomics.store(ctl, ABORT, 1);
  for (let i = 1; i < ctl.length; i++) Atomics.notify(ctl, i);
}

/** Thrown in a thief whose burst was aborted because another thread failed. */
export class BurstAborted extends Error {
  constructor() {
    super("burst aborted: another thread failed");
    this.name = "BurstAborted";
  }
}

/** Blocks handed from a victim to a thief, with the inboxes the victim computed for them. */
export interface Handover {
  readonly units: number[];
  readonly blocks: { packed: PackedBlock; inbox: Inbox }[];
}

/** What the scheduler needs from the shard it runs on. */
export interface ShardHooks {
  /** Runs an owned block with its inbox. */
  run(id: number, inbox: Inbox): void;
  /** Releases an owned block for a thief, packed. */
  give(id: number): PackedBlock;
  /** Adopts a block handed over. */
  take(p: PackedBlock): void;
}

/**
 * Smallest expected work of a unit worth a hand-over (milliseconds): moving a block costs
 * about as much as running one that takes a tenth of a millisecond (packing, transfer, adopting),
 * and the first bursts have hundreds of those.
 */
export const MIN_STEAL_MS = 0.5;

/** Milliseconds a waiting thief sleeps before it looks at the abort flag again. */
const WAIT_SLICE_MS = 50;

type WaitAsync = (
  a: Int32Array,
  i: number,
  v: number,
  t: number,
) => { async: boolean; value: Promise<string> | string };

export class BurstScheduler {
  /** Blocks this shard handed over, and blocks it took over (and ran). */
  readonly gave: number[] = [];
  readonly took: number[] = [];
  /** Wall milliseconds waiting for hand-overs, and spent packing and posting them. */
  waitMs = 0;
  handoverMs = 0;
  /** CPU time of the hand-overs (where the thread clock exists). */
  handoverCpuMs = 0;
  steals = 0;
  private readonly handed: Uint8Array;
  private seenPending = 0;
  private readonly S: number;

  /** Units of other shards assigned to this one when the burst started, by their shard. */
  private readonly assigned = new Map<number, Set<number>>();

  constructor(
    private readonly ctl: Int32Array,
    private readonly table: UnitTable,
    shards: number,
    private readonly me: number,
    private readonly ports: ReadonlyMap<number, MessagePort>,
    private readonly inboxes: Map<number, Inbox>,
    private readonly hooks: ShardHooks,
  ) {
    this.S = shards;
    this.handed = new Uint8Array(table.shard.length);
    for (let u = 0; u < table.shard.length; u++) {
      const from = table.shard[u]!;
      if (from !== me && Atomics.load(ctl, claimAt(shards, u)) === me + 1)
        (this.assigned.get(from) ?? this.assigned.set(from, new Set()).get(from)!).add(u);
    }
  }

  private blocksOf(u: number): Int32Array {
    return this.table.blocks.subarray(this.table.start[u]!, this.table.start[u + 1]!);
  }

  /** Runs this shard's own units in order, serving thieves between blocks, then hands over what they claimed. */
  runOwn(): void {
    const mine = this.me + 1;
    const n = this.table.shard.length;
    // Units assigned to other shards when the burst started go before anything runs here.
    this.handOver();
    for (let u = 0; u < n; u++) {
      if (this.table.shard[u] !== this.me) continue;
      const at = claimAt(this.S, u);
      const c = Atomics.compareExchange(this.ctl, at, 0, mine);
      if (c !== 0 && c !== mine) continue;
      for (const id of this.blocksOf(u)) {
        this.poll();
        this.hooks.run(id, this.inboxes.get(id)!);
      }
    }
    // Every unit of this shard is claimed now, so no later claim can come: hand over the rest.
    this.handOver();
  }

  /**
   * Hands over claimed units if a thief asked since the last look: between blocks, and through
   * EngineContext.poll between the rounds of the block running.
   */
  poll(): void {
    const p = Atomics.load(this.ctl, pendingAt(this.me));
    if (p === this.seenPending) return;
    this.seenPending = p;
    this.handOver();
  }

  private handOver(): void {
    const t0 = performance.now();
    const c0 = threadClock();
    const byThief = new Map<number, Handover>();
    const mine = this.me + 1;
    for (let u = 0; u < this.table.shard.length; u++) {
      if (this.table.shard[u] !== this.me || this.handed[u]) continue;
      const c = Atomics.load(this.ctl, claimAt(this.S, u));
      if (c === 0 || c === mine) continue;
      this.handed[u] = 1;
      const h = byThief.get(c - 1) ?? byThief.set(c - 1, { units: [], blocks: [] }).get(c - 1)!;
      h.units.push(u);
      for (const id of this.blocksOf(u)) {
        h.blocks.push({ packed: this.hooks.give(id), inbox: this.inboxes.get(id)! });
        this.gave.push(id);
      }
    }
    for (const [t, h] of byThief) {
      const transfer: ArrayBuffer[] = [];
      for (const b of h.blocks) {
        transfer.push(...transferList(b.packed));
        if (b.inbox !== EMPTY_INBOX)
          transfer.push(
            b.inbox.facts.buffer as ArrayBuffer,
            b.inbox.factIds.buffer as ArrayBuffer,
            b.inbox.witnessConsts.buffer as ArrayBuffer,
            b.inbox.constDepth.buffer as ArrayBuffer,
          );
      }
      this.ports.get(t)!.postMessage(h, transfer);
      Atomics.add(this.ctl, handedAt(this.S, t), 1);
      Atomics.notify(this.ctl, handedAt(this.S, t));
    }
    if (byThief.size > 0) {
      this.handoverMs += performance.now() - t0;
      this.handoverCpuMs += clockSince(c0)?.cpuMs ?? 0;
    }
  }

  /**
   * Runs `run` (a block's run) and takes the CPU time of the hand-overs served meanwhile
   * (EngineContext.poll) off the block's own CPU time.
   */
  timed(run: () => BlockOutcome): BlockOutcome {
    const h0 = this.handoverCpuMs;
    const o = run();
    const h = this.handoverCpuMs - h0;
    return h > 0 && o.cpuMs >= 0 ? { ...o, cpuMs: Math.max(0, o.cpuMs - h) } : o;
  }

  /**
   * Claims about half the unstarted expected work of the shard with the most left, from the
   * end of its queue (its lightest units worth a hand-over), or returns null when nothing worth
   * a hand-over is left.
   */
  private claimSome(): { victim: number; units: Set<number> } | null {
    for (;;) {
      const free = new Float64Array(this.S);
      const n = this.table.shard.length;
      // The same test as the claims below: a unit free and worth a hand-over.
      const stealable = (u: number) =>
        this.table.weight[u]! >= MIN_STEAL_MS && Atomics.load(this.ctl, claimAt(this.S, u)) === 0;
      for (let u = 0; u < n; u++) if (stealable(u)) free[this.table.shard[u]!]! += this.table.weight[u]!;
      let victim = -1;
      for (let s = 0; s < this.S; s++)
        if (s !== this.me && free[s]! >= MIN_STEAL_MS && (victim < 0 || free[s]! > free[victim]!)) victim = s;
      if (victim < 0) return null;
      const target = free[victim]! / 2;
      const units = new Set<number>();
      let got = 0;
      let lost = false;
      for (let u = n - 1; u >= 0 && got < target; u--) {
        if (this.table.shard[u] !== victim || !stealable(u)) continue;
        if (Atomics.compareExchange(this.ctl, claimAt(this.S, u), 0, this.me + 1) !== 0) {
          lost = true;
          continue;
        }
        units.add(u);
        got += this.table.weight[u]!;
      }
      // Nothing claimed: another thread won every race (look again), or nothing is left.
      if (units.size === 0) {
        if (lost) continue;
        return null;
      }
      Atomics.add(this.ctl, pendingAt(victim), 1);
      Atomics.notify(this.ctl, pendingAt(victim));
      this.steals++;
      return { victim, units };
    }
  }

  /** Takes in one hand-over; returns the ids of its blocks. */
  private accept(h: Handover, missing: Set<number>): number[] {
    for (const u of h.units) missing.delete(u);
    return h.blocks.map((b) => {
      this.hooks.take(b.packed);
      this.inboxes.set(b.packed.meta.id, b.inbox);
      this.took.push(b.packed.meta.id);
      return b.packed.meta.id;
    });
  }

  private runTaken(ids: readonly number[]): void {
    for (const id of ids) this.hooks.run(id, this.inboxes.get(id)!);
  }

  /** Waits (blocking) for the blocks of `units` from `victim`; returns their ids. */
  private receiveSync(victim: number, units: Set<number>): number[] {
    const port = this.ports.get(victim)!;
    const got: number[] = [];
    while (units.size > 0) {
      const seen = Atomics.load(this.ctl, handedAt(this.S, this.me));
      const m = receiveMessageOnPort(port);
      if (m) {
        got.push(...this.accept(m.message as Handover, units));
        continue;
      }
      if (Atomics.load(this.ctl, ABORT)) throw new BurstAborted();
      const t0 = performance.now();
      Atomics.wait(this.ctl, handedAt(this.S, this.me), seen, WAIT_SLICE_MS);
      this.waitMs += performance.now() - t0;
    }
    return got;
  }

  /** Like receiveSync without blocking the event loop; gives up when `failed` settles. */
  private async receiveAsync(
    victim: number,
    units: Set<number>,
    failed: Promise<unknown>,
  ): Promise<number[]> {
    const port = this.ports.get(victim)!;
    const got: number[] = [];
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
    while (units.size > 0) {
      const seen = Atomics.load(this.ctl, handedAt(this.S, this.me));
      const m = receiveMessageOnPort(port);
      if (m) {
        got.push(...this.accept(m.message as Handover, units));
        continue;
      }
      if (this.gaveUp || Atomics.load(this.ctl, ABORT)) throw new BurstAborted();
      const t0 = performance.now();
      const w = waitAsync(this.ctl, handedAt(this.S, this.me), seen, WAIT_SLICE_MS);
      if (w.async) await Promise.race([w.value, failed]);
      this.waitMs += performance.now() - t0;
    }
    return got;
  }

  private gaveUp = false;

  /**
   * A pool thread's second half of a burst (after runOwn): the units assigned to it from other
   * shards, then claims on unstarted work until nothing is left.
   */
  stealSync(): void {
    for (const [from, units] of this.assigned) this.runTaken(this.receiveSync(from, units));
    for (let c = this.claimSome(); c; c = this.claimSome())
      this.runTaken(this.receiveSync(c.victim, c.units));
  }

  /**
   * The coordinator's second half: like stealSync, but it waits without blocking its event
   * loop, and gives up when `failed` settles (a pool thread failed).
   */
  async stealAsync(failed: Promise<unknown>): Promise<void> {
    const settled = failed.then(
      () => {
        this.gaveUp = true;
      },
      () => {
        this.gaveUp = true;
      },
    );
    for (const [from, units] of this.assigned) this.runTaken(await this.receiveAsync(from, units, settled));
    for (let c = this.claimSome(); c; c = this.claimSome())
      this.runTaken(await this.receiveAsync(c.victim, c.units, settled));
  }
}

/**
 * What a shard publishes at the end of a burst, with whether a whole copy is wanted: its
 * replicated blocks, blocks it took over whose children stay elsewhere (a whole copy: the first
 * from this shard), and the parents of blocks it handed over (the new holder needs a whole copy).
 */
export function endOfBurstPublications(
  replicated: Iterable<number>,
  isMine: (id: number) => boolean,
  took: readonly number[],
  gaveParents: readonly number[],
  publishIfMoved: readonly number[],
): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (const p of replicated) if (isMine(p)) out.set(p, false);
  const moved = new Set(publishIfMoved);
  for (const id of took) if (moved.has(id)) out.set(id, true);
  for (const p of gaveParents) if (p >= 0) out.set(p, true);
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

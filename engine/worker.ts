/**
 * Worker-thread entry: one pool thread holds one shard (engine/shard.ts) for the whole run.
 * On start it rehearses (WorkerInit.rehearsal) so that its code is warm before real work.
 * Each thread is the only thread of its own single-thread piscina pool, so the coordinator
 * addresses a shard by its pool. The axiom rule table is built once from workerData, and again
 * when a task brings a later batch's theory (TheoryOfRuns); a task is one of:
 *
 * - `ping`: answered once the thread has loaded and rehearsed (the pool uses a thread only then);
 * - `exchange`: publish replica deltas of owned blocks and hand over blocks placed elsewhere;
 * - `burst`: adopt arriving blocks, goal additions and replica deltas, then run the shard's
 *   units and take over other shards' unstarted ones (engine/steal.ts); only per-block outcomes
 *   (goals, fact counts, times) and the deltas to publish go back;
 * - `collect`: hand every owned block back at the end of the run, and forget everything;
 * - `map`: run a batch of another phase's independent tasks (PoolExecutor.map).
 */
import { type MessagePort, threadId, workerData } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { type Goal, type PackedBlock, packBlock, transferList, unpackBlock } from "./block.js";
import { axiomRules, type Rule } from "./rules.js";
import { Engine } from "./run.js";
import type { EngineContext, OperatorInfo } from "./saturate.js";
import type { EngineSettings } from "./settings.js";
import { type BlockOutcome, type ReplicaDelta, Shard } from "./shard.js";
import { statementOf } from "./statement.js";
import { BurstScheduler, endOfBurstPublications, type UnitTable } from "./steal.js";
import { clockSince, epochMs, threadClock } from "./thread-clock.js";

export interface WorkerInit {
  theory: Theory;
  width: number;
  /**
   * Conjectures to prove briefly, and throw away, as soon as the thread starts: the isolate
   * compiles and optimises the engine's code while the coordinator is still busy with serial
   * work, instead of on the first bursts it serves (PoolOptions.rehearsal).
   */
  rehearsal?: Conjecture[];
}

/**
 * How much of its own CPU time a thread's rehearsal may take (checked between its bursts), and
 * at most how long it may take on the clock (on a loaded machine the CPU comes slowly).
 */
export const REHEARSAL_CPU_MS = 200;
export const REHEARSAL_WALL_MS = 2000;

/** The theory of the runs from this task on, where it changed (a later batch's). */
export interface TheoryOfRuns {
  /** 0 is workerData's theory; each change takes the next id. */
  id: number;
  theory: Theory;
  width: number;
}

export interface ExchangeTask {
  kind: "exchange";
  theory?: TheoryOfRuns;
  run: number;
  /** Owned blocks whose replicas elsewhere need an update; `full` also wants whole copies. */
  publish: number[];
  full: number[];
  /** Owned blocks moving to another shard (published first). */
  give: number[];
}

/** A block's replica update, and a whole copy where a new replica needs one. */
export interface Published {
  id: number;
  delta: ReplicaDelta;
  full: ReplicaDelta | null;
}

export interface ExchangeResult {
  updates: Published[];
  blocks: PackedBlock[];
  codecMs: number;
}

export interface BurstTask {
  kind: "burst";
  theory?: TheoryOfRuns;
  run: number;
  /** This thread's shard, and the shards of the burst. */
  shard: number;
  shards: number;
  settings: EngineSettings;
  /** Theorem rules proved so far (the axioms are loaded once per worker). */
  theorems: Rule[];
  /** Blocks this shard now owns: new ones and ones placed here. */
  blocks: PackedBlock[];
  /** Goals added by the coordinator to owned blocks since the last burst. */
  goals: { id: number; goals: Goal[] }[];
  /** Owned blocks that got their first child. */
  nonLeaf: number[];
  deltas: ReplicaDelta[];
  drop: number[];
  /** The burst's units over all shards, and the claims on them (engine/steal.ts). */
  table: UnitTable;
  control: Int32Array;
  /** Ports to other shards this thread does not have yet. */
  ports: { peer: number; port: MessagePort }[];
  /** Owned blocks whose changes to publish after the run (replicated elsewhere). */
  publishAfter: number[];
  /** Blocks to publish whole if this shard takes them over (some child lives elsewhere). */
  publishIfMoved: number[];
  /** Time each block on this thread's CPU clock (PoolOptions.profile). */
  profile: boolean;
  /** Shared with the coordinator: the id of the block being run, so a crash names it. */
  current: Int32Array;
  /** Testing hook: fail on this block id, by throwing or by ending the thread. */
  fault?: { block: number; kind: "throw" | "exit" };
}

export interface BurstResult {
  outcomes: BlockOutcome[];
  /** Deltas (and whole copies) of the blocks to publish, as of the end of this burst. */
  published: Published[];
  /** Blocks taken over from other shards, and blocks handed to them. */
  took: number[];
  gave: number[];
  steals: number;
  stealWaitMs: number;
  handoverMs: number;
  computeMs: number;
  computeCpuMs: number | null;
  codecMs: number;
  /** The thread's part of the burst: start and end (epoch ms), CPU and run-queue milliseconds. */
  startAt: number;
  endAt: number;
  cpuMs: number | null;
  runQueueMs: number | null;
  thread: number;
}

export interface CollectTask {
  kind: "collect";
}

export interface PingTask {
  kind: "ping";
}

export interface MapTask {
  kind: "map";
  /** The job (one `map` call); `shared` comes with a thread's first batch of the job. */
  job: number;
  module: string;
  fn: string;
  /** Run once per job on this thread, with `shared`, before its first item. */
  prepare?: string;
  shared?: unknown;
  items: unknown[];
  /** Testing hook: fail on this item of the batch, by throwing or by ending the thread. */
  fault?: { index: number; kind: "throw" | "exit" };
}

/** A batch's results in item order, or the first item that threw. */
export type MapResult = { results: unknown[] } | { error: string; index: number };

export type ShardTask = ExchangeTask | BurstTask | CollectTask | PingTask | MapTask;

const init = workerData as WorkerInit;
if (init.rehearsal && init.rehearsal.length > 0) await rehearse(init.theory, init.rehearsal);

async function rehearse(theory: Theory, conjectures: Conjecture[]): Promise<void> {
  const t0 = performance.now();
  const c0 = threadClock();
  const engine = new Engine({ ...theory, conjectures: [] }, { maxBursts: 4, maxFactsPerBlock: 2000 });
  for (const c of conjectures)
    engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
  const spent = () => clockSince(c0)?.cpuMs ?? performance.now() - t0;
  await engine.run({
    shouldStop: () =>
      spent() > REHEARSAL_CPU_MS || performance.now() - t0 > REHEARSAL_WALL_MS ? "timeout" : null,
  });
}
let axioms = axiomRules(init.theory);
let operators: (OperatorInfo | null)[] = init.theory.predicates.map((p) => p.operator);
let width = init.width;
let shard = new Shard(width);
/** Ports to the other shards (the coordinator is shard 0), kept for the pool's life. */
const ports = new Map<number, MessagePort>();
let rules: Rule[] = axioms;
let rulesRun = -1;
let shardRun = -1;

function enter(run: number, theory: TheoryOfRuns | undefined): void {
  // The runs of a later batch prove in its theory: new axiom rules, operators and record width.
  if (theory) {
    axioms = axiomRules(theory.theory);
    operators = theory.theory.predicates.map((p) => p.operator);
    width = theory.width;
    shard = new Shard(width);
    rulesRun = -1;
    shardRun = -1;
  }
  // A pool can serve several engine runs in turn (discovery's model, then its proofs).
  if (run !== shardRun) {
    shard.clear();
    shardRun = run;
  }
}

function context(task: BurstTask): EngineContext {
  // Same array while no theorem was added, so saturation's per-rule-table cache keeps hitting.
  if (task.run !== rulesRun || rules.length !== axioms.length + task.theorems.length) {
    rules = [...axioms, ...task.theorems];
    rulesRun = task.run;
  }
  return { rules, operators, width, settings: task.settings };
}

function exchange(task: ExchangeTask): unknown {
  enter(task.run, task.theory);
  const t0 = performance.now();
  const full = new Set(task.full);
  const updates = task.publish.map((id) => ({ id, ...shard.publish(id, full.has(id)) }));
  const blocks = task.give.map((id) => packBlock(shard.release(id)));
  const result: ExchangeResult = { updates, blocks, codecMs: performance.now() - t0 };
  return Piscina.move(new Moved(result, blocks.flatMap(transferList)) as never);
}

function burst(task: BurstTask): BurstResult {
  const startAt = epochMs();
  const c0 = threadClock();
  enter(task.run, task.theory);
  const ctx = context(task);
  const t0 = performance.now();
  for (const p of task.ports) ports.set(p.peer, p.port);
  for (const p of task.blocks) shard.adopt(unpackBlock(p));
  for (const g of task.goals) shard.owned.get(g.id)!.meta.goals.push(...g.goals);
  for (const id of task.nonLeaf) shard.owned.get(id)!.meta.leaf = false;
  for (const id of task.drop) shard.dropReplica(id);
  for (const d of task.deltas) shard.applyDelta(d);
  const mine: number[] = [];
  const { table } = task;
  for (let u = 0; u < table.shard.length; u++)
    if (table.shard[u] === task.shard)
      for (let i = table.start[u]!; i < table.start[u + 1]!; i++) mine.push(table.blocks[i]!);
  const inboxes = shard.inboxes(mine);
  let codecMs = performance.now() - t0;
  const outcomes: BlockOutcome[] = [];
  const gaveParents: number[] = [];
  const served = { ...ctx, poll: () => sched.poll() };
  const sched: BurstScheduler = new BurstScheduler(
    task.control,
    table,
    task.shards,
    task.shard,
    ports,
    inboxes,
    {
      run: (id, inbox) => {
        Atomics.store(task.current, 0, id);
        if (task.fault?.block === id) {
          if (task.fault.kind === "exit") process.exit(3);
          throw new Error("injected fault (testing hook)");
        }
        outcomes.push(sched.timed(() => shard.runOne(id, inbox, served, task.profile)));
      },
      give: (id) => {
        const s = shard.release(id);
        gaveParents.push(s.meta.parent);
        return packBlock(s);
      },
      take: (p) => {
        shard.adopt(unpackBlock(p));
      },
    },
  );
  sched.runOwn();
  sched.stealSync();
  const computeMs = outcomes.reduce((s, o) => s + o.ms, 0);
  const t1 = performance.now();
  const published: Published[] = [];
  for (const [id, full] of endOfBurstPublications(
    task.publishAfter,
    (p) => shard.owned.has(p),
    sched.took,
    gaveParents,
    task.publishIfMoved,
  ))
    if (shard.owned.has(id)) published.push({ id, ...shard.publish(id, full) });
  codecMs += performance.now() - t1;
  const clock = clockSince(c0);
  return {
    outcomes,
    published,
    took: sched.took,
    gave: sched.gave,
    steals: sched.steals,
    stealWaitMs: sched.waitMs,
    handoverMs: sched.handoverMs,
    computeMs,
    computeCpuMs: task.profile && clock ? outcomes.reduce((s, o) => s + o.cpuMs, 0) : null,
    codecMs,
    startAt,
    endAt: epochMs(),
    cpuMs: clock?.cpuMs ?? null,
    runQueueMs: clock?.waitMs ?? null,
    thread: threadId,
  };
}

function collect(): unknown {
  const blocks = [...shard.owned.values()].map(packBlock);
  shard.clear();
  shardRun = -1;
  return Piscina.move(new Moved({ blocks }, blocks.flatMap(transferList)) as never);
}

type MapFn = (item: unknown, shared: unknown) => unknown;
const mapModules = new Map<string, Record<string, unknown>>();
let mapJob = -1;
let mapShared: unknown;

async function mapBatch(task: MapTask): Promise<MapResult> {
  let mod = mapModules.get(task.module);
  if (!mod) {
    mod = (await import(task.module)) as Record<string, unknown>;
    mapModules.set(task.module, mod);
  }
  if (task.job !== mapJob) {
    mapJob = task.job;
    mapShared = task.shared;
    if (task.prepare) await (mod[task.prepare] as (shared: unknown) => Promise<void>)(mapShared);
  }
  const fn = mod[task.fn] as MapFn | undefined;
  if (typeof fn !== "function") return { error: `${task.module} has no function ${task.fn}`, index: 0 };
  const results: unknown[] = [];
  for (let i = 0; i < task.items.length; i++) {
    try {
      if (task.fault?.index === i) {
        if (task.fault.kind === "exit") process.exit(3);
        throw new Error("injected fault (testing hook)");
      }
      results.push(fn(task.items[i], mapShared));
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), index: i };
    }
  }
  return { results };
}

export default function runShardTask(task: ShardTask): unknown {
  if (task.kind === "ping") return { thread: threadId, loadCpuMs: (threadClock()?.cpuNs ?? 0) / 1e6 };
  if (task.kind === "exchange") return exchange(task);
  if (task.kind === "burst") return burst(task);
  if (task.kind === "map") return mapBatch(task);
  return collect();
}

/** A result whose typed arrays are transferred back instead of copied. */
class Moved {
  constructor(
    private readonly value: unknown,
    private readonly list: ArrayBuffer[],
  ) {}
  get [Piscina.transferableSymbol](): ArrayBuffer[] {
    return this.list;
  }
  get [Piscina.valueSymbol](): unknown {
    return this.value;
  }
}

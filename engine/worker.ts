/**
 * Worker-thread entry: one pool thread holds one shard (engine/shard.ts) for the whole run.
 * On start it rehearses (WorkerInit.rehearsal) so that its code is warm before real work.
 * Each thread is the only thread of its own single-thread piscina pool, so the coordinator
 * addresses a shard by its pool. The axiom rule table is built once from workerData; a task
 * is one of:
 *
 * - `exchange`: publish replica deltas of owned blocks and hand over blocks that move away;
 * - `burst`: adopt arriving blocks, goal additions and replica deltas, then run the active
 *   blocks; only per-block outcomes (goals, fact counts, times) go back;
 * - `collect`: hand every owned block back at the end of the run, and forget everything.
 */
import { threadId, workerData } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { type Goal, type PackedBlock, packBlock, transferList, unpackBlock } from "./block.js";
import { axiomRules, type Rule } from "./rules.js";
import { Engine } from "./run.js";
import type { EngineContext, OperatorInfo } from "./saturate.js";
import type { EngineSettings } from "./settings.js";
import { type BlockOutcome, type ReplicaDelta, Shard } from "./shard.js";
import { statementOf } from "./statement.js";

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

/** How long a thread's rehearsal may run (checked between its bursts). */
export const REHEARSAL_MS = 400;

export interface ExchangeTask {
  kind: "exchange";
  run: number;
  /** Owned blocks whose replicas elsewhere need an update; `full` also wants whole copies. */
  publish: number[];
  full: number[];
  /** Owned blocks moving to another shard (published first). */
  give: number[];
}

export interface ExchangeResult {
  updates: { id: number; delta: ReplicaDelta; full: ReplicaDelta | null }[];
  blocks: PackedBlock[];
  codecMs: number;
}

export interface BurstTask {
  kind: "burst";
  run: number;
  settings: EngineSettings;
  /** Theorem rules proved so far (the axioms are loaded once per worker). */
  theorems: Rule[];
  /** Blocks this shard now owns: new ones and ones moved here. */
  blocks: PackedBlock[];
  /** Goals added by the coordinator to owned blocks since the last burst. */
  goals: { id: number; goals: Goal[] }[];
  /** Owned blocks that got their first child. */
  nonLeaf: number[];
  deltas: ReplicaDelta[];
  drop: number[];
  /** Owned blocks to run, in id order. */
  active: number[];
  /** Shared with the coordinator: the id of the block being run, so a crash names it. */
  current: Int32Array;
  /** Testing hook: fail on this block id, by throwing or by ending the thread. */
  fault?: { block: number; kind: "throw" | "exit" };
}

export interface BurstResult {
  outcomes: BlockOutcome[];
  computeMs: number;
  codecMs: number;
  thread: number;
}

export interface CollectTask {
  kind: "collect";
}

export type ShardTask = ExchangeTask | BurstTask | CollectTask;

const init = workerData as WorkerInit;
if (init.rehearsal && init.rehearsal.length > 0) await rehearse(init.theory, init.rehearsal);

async function rehearse(theory: Theory, conjectures: Conjecture[]): Promise<void> {
  const t0 = performance.now();
  const engine = new Engine({ ...theory, conjectures: [] }, { maxBursts: 4, maxFactsPerBlock: 2000 });
  for (const c of conjectures)
    engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
  await engine.run({ shouldStop: () => (performance.now() - t0 > REHEARSAL_MS ? "timeout" : null) });
}
const axioms = axiomRules(init.theory);
const operators: (OperatorInfo | null)[] = init.theory.predicates.map((p) => p.operator);
const shard = new Shard(init.width);
let rules: Rule[] = axioms;
let rulesRun = -1;
let shardRun = -1;

function enter(run: number): void {
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
  return { rules, operators, width: init.width, settings: task.settings };
}

function exchange(task: ExchangeTask): unknown {
  enter(task.run);
  const t0 = performance.now();
  const full = new Set(task.full);
  const updates = task.publish.map((id) => ({ id, ...shard.publish(id, full.has(id)) }));
  const blocks = task.give.map((id) => packBlock(shard.release(id)));
  const result: ExchangeResult = { updates, blocks, codecMs: performance.now() - t0 };
  return Piscina.move(new Moved(result, blocks.flatMap(transferList)) as never);
}

function burst(task: BurstTask): BurstResult {
  enter(task.run);
  const ctx = context(task);
  const t0 = performance.now();
  for (const p of task.blocks) shard.adopt(unpackBlock(p));
  for (const g of task.goals) shard.owned.get(g.id)!.meta.goals.push(...g.goals);
  for (const id of task.nonLeaf) shard.owned.get(id)!.meta.leaf = false;
  for (const id of task.drop) shard.dropReplica(id);
  for (const d of task.deltas) shard.applyDelta(d);
  const codecMs = performance.now() - t0;
  const outcomes = shard.runBurst(task.active, ctx, (id) => {
    Atomics.store(task.current, 0, id);
    if (task.fault?.block === id) {
      if (task.fault.kind === "exit") process.exit(3);
      throw new Error("injected fault (testing hook)");
    }
  });
  const computeMs = outcomes.reduce((s, o) => s + o.ms, 0);
  return { outcomes, computeMs, codecMs, thread: threadId };
}

function collect(): unknown {
  const blocks = [...shard.owned.values()].map(packBlock);
  shard.clear();
  shardRun = -1;
  return Piscina.move(new Moved({ blocks }, blocks.flatMap(transferList)) as never);
}

export default function runShardTask(task: ShardTask): unknown {
  if (task.kind === "exchange") return exchange(task);
  if (task.kind === "burst") return burst(task);
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

/**
 * Worker-thread entry for the block pool. Each worker builds the axiom rule table once from
 * the theory in workerData; a task carries a batch of blocks (typed arrays, transferred, not
 * copied), their inboxes, and the theorems proved so far. Results travel back the same way,
 * with the time spent, for the pool's statistics.
 */
import { threadId, workerData } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Theory } from "../mpl/theory.js";
import { type PackedBlock, packBlock, transferList, unpackBlock } from "./block.js";
import { axiomRules, type Rule } from "./rules.js";
import { type EngineContext, type Inbox, type OperatorInfo, runBlock } from "./saturate.js";
import type { EngineSettings } from "./settings.js";

export interface WorkerInit {
  theory: Theory;
  width: number;
}

export interface BlockTask {
  blocks: PackedBlock[];
  inboxes: Inbox[];
  /** Theorem rules proved so far (the axioms are loaded once per worker). */
  theorems: Rule[];
  /** Which engine run the batch belongs to: the theorems are that run's. */
  run: number;
  /** That run's settings (runs sharing a pool may differ, e.g. the model proves without induction). */
  settings: EngineSettings;
  /** Shared with the coordinator: the id of the block being run, so a crash names it. */
  current: Int32Array;
  /** Testing hook: fail on this block id, by throwing or by ending the thread. */
  fault?: { block: number; kind: "throw" | "exit" };
}

export interface BlockResult {
  blocks: PackedBlock[];
  /** Milliseconds in runBlock, and in unpacking and packing. */
  computeMs: number;
  codecMs: number;
  thread: number;
}

const init = workerData as WorkerInit;
const axioms = axiomRules(init.theory);
const operators: (OperatorInfo | null)[] = init.theory.predicates.map((p) => p.operator);
let rules: Rule[] = axioms;
let rulesRun = -1;

function context(task: BlockTask): EngineContext {
  // Same array while no theorem was added, so saturate.ts's per-rule-table cache keeps hitting.
  // Theorems only grow within a run; a new run starts from its own list.
  if (task.run !== rulesRun || rules.length !== axioms.length + task.theorems.length) {
    rules = [...axioms, ...task.theorems];
    rulesRun = task.run;
  }
  return { rules, operators, width: init.width, settings: task.settings };
}

export default function runBlocks(task: BlockTask): unknown {
  const ctx = context(task);
  const out: PackedBlock[] = [];
  let computeMs = 0;
  let codecMs = 0;
  task.blocks.forEach((packed, i) => {
    Atomics.store(task.current, 0, packed.meta.id);
    if (task.fault?.block === packed.meta.id) {
      if (task.fault.kind === "exit") process.exit(3);
      throw new Error("injected fault (testing hook)");
    }
    const t0 = performance.now();
    const state = unpackBlock(packed);
    const t1 = performance.now();
    runBlock(state, task.inboxes[i]!, ctx);
    const t2 = performance.now();
    out.push(packBlock(state));
    computeMs += t2 - t1;
    codecMs += t1 - t0 + (performance.now() - t2);
  });
  const result: BlockResult = { blocks: out, computeMs, codecMs, thread: threadId };
  return Piscina.move(new Moved(result, out.flatMap(transferList)) as never);
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

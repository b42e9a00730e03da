/**
 * Worker-thread entry for the block pool. Each worker builds the axiom rule table once from
 * the theory in workerData; a task carries a batch of blocks (typed arrays, transferred, not
 * copied), their inboxes, and the theorems proved so far. Results travel back the same way.
 */
import { workerData } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Theory } from "../mpl/theory.js";
import { type PackedBlock, packBlock, transferList, unpackBlock } from "./block.js";
import { axiomRules, type Rule } from "./rules.js";
import { type EngineContext, type Inbox, type OperatorInfo, runBlock } from "./saturate.js";
import type { EngineSettings } from "./settings.js";

export interface WorkerInit {
  theory: Theory;
  settings: EngineSettings;
  width: number;
}

export interface BlockTask {
  blocks: PackedBlock[];
  inboxes: Inbox[];
  /** Theorem rules proved so far (the axioms are loaded once per worker). */
  theorems: Rule[];
  /** Testing hook: fail on this block id, by throwing or by killing the thread. */
  fault?: { block: number; kind: "throw" | "exit" };
}

const init = workerData as WorkerInit;
const axioms = axiomRules(init.theory);
const operators: (OperatorInfo | null)[] = init.theory.predicates.map((p) => p.operator);
let rules: Rule[] = axioms;

function context(theorems: Rule[]): EngineContext {
  if (rules.length !== axioms.length + theorems.length) rules = [...axioms, ...theorems];
  return { rules, operators, width: init.width, settings: init.settings };
}

export default function runBlocks(task: BlockTask): unknown {
  const ctx = context(task.theorems);
  const out: PackedBlock[] = [];
  task.blocks.forEach((packed, i) => {
    if (task.fault?.block === packed.meta.id) {
      if (task.fault.kind === "exit") process.exit(3);
      throw new Error(`injected fault in block ${packed.meta.id}`);
    }
    const state = unpackBlock(packed);
    runBlock(state, task.inboxes[i]!, ctx);
    out.push(packBlock(state));
  });
  return Piscina.move(new Moved({ blocks: out }, out.flatMap(transferList)) as never);
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

/**
 * The coordinator: builds the logic-block trie from the conjectures, runs bulk-synchronous
 * bursts (every active block absorbs its inbox and saturates; then mail is delivered, proofs
 * recorded, theorems promoted to rules, finished subtrees deactivated), and stops at a
 * fixpoint, when no goal is pending, or at a limit, saying which.
 *
 * Determinism: blocks are numbered in creation order, inboxes are computed before a burst
 * starts, and everything the coordinator does between bursts iterates in a fixed order; a
 * block's run depends only on its state and inbox. So the result does not depend on how the
 * blocks of a burst are spread over threads.
 */
import type { Conjecture, Theory } from "../mpl/theory.js";
import { type BlockState, factCount } from "./block.js";
import { forEachWithTurns } from "./event-loop.js";
import { EMPTY_INBOX, inboxFrom } from "./inbox.js";
import { BlockPlan, type ConjectureRun, type TheoremRecord } from "./plan.js";
import { type Rule, ruleFromStatement } from "./rules.js";
import { addIntroBlocks } from "./saturate/implication.js";
import { type EngineContext, type Inbox, runBlock } from "./saturate.js";
import { type EngineSettings, startDepth } from "./settings.js";
import { mirror, statementOf } from "./statement.js";

export {
  type Attempt,
  type ConjectureRun,
  recordWidth,
  type TheoremRecord,
} from "./plan.js";

export type StopReason = "all-proved" | "fixpoint" | "max-bursts" | "max-facts" | LimitStop;

/** A limit of the caller's (`--timeout`, `--max-memory`) that ended a run early. */
export type LimitStop = "timeout" | "max-memory";

/** Runs a burst's blocks; the in-thread executor and the worker pool both implement this. */
export interface Executor {
  runBurst(tasks: { state: BlockState; inbox: Inbox }[], ctx: EngineContext): Promise<BlockState[]>;
  close(): Promise<void>;
  /** Set by executors that keep blocks on their threads (engine/pool.ts); used instead of runBurst. */
  readonly resident?: ResidentRunner;
}

/**
 * An executor whose blocks live on its threads between bursts. It computes inboxes where the
 * blocks live; the engine's entries for blocks held elsewhere carry only their meta (goals and
 * flags, kept current after every burst), until `collect` brings every block back at the end.
 */
export interface ResidentRunner {
  runBurst(active: readonly BlockState[], blocks: BlockState[], ctx: EngineContext): Promise<void>;
  factCount(b: BlockState): number;
  collect(blocks: BlockState[]): Promise<void>;
}

export const inThreadExecutor: Executor = {
  async runBurst(tasks, ctx) {
    await forEachWithTurns(0, tasks.length, (i) => runBlock(tasks[i]!.state, tasks[i]!.inbox, ctx));
    return tasks.map((t) => t.state);
  },
  async close() {},
};

export interface RunResult {
  readonly theory: Theory;
  readonly settings: EngineSettings;
  readonly blocks: BlockState[];
  readonly conjectures: ConjectureRun[];
  readonly theorems: TheoremRecord[];
  /** Every rule by global index: axioms, rules added with addTheoremRule, theorems. */
  readonly rules: readonly Rule[];
  readonly axiomCount: number;
  readonly stopReason: StopReason;
  readonly bursts: number;
  readonly width: number;
  /** The witness depth the run ended with, and the bursts that started one level deeper. */
  readonly witnessDepth: { readonly reached: number; readonly deepenedAt: readonly number[] };
  /** Wall time, for benchmarks only (never part of the proof graph). */
  readonly timing: RunTiming;
}

/**
 * Where a run's wall time went: inside `executor.runBurst` (the part that parallelises) and
 * in the coordinator between bursts (inboxes, proofs, promotion, deactivation: serial).
 */
export interface RunTiming {
  readonly burstMs: number;
  readonly coordinatorMs: number;
}

export interface ProgressEvent {
  burst: number;
  activeBlocks: number;
  facts: number;
  proved: number;
  conjectures: number;
}

export interface RunOptions {
  settings?: Partial<EngineSettings>;
  executor?: Executor;
  onProgress?: (e: ProgressEvent) => void;
  /** Run at least this many bursts (a flat block needs its parent's facts first). */
  minBursts?: number;
  /** Extra conjectures (e.g. from discovery) proved together with the theory's own. */
  conjectures?: readonly Conjecture[];
  /** Asked before every burst; a reason ends the run there, with what was proved so far. */
  shouldStop?: () => LimitStop | null;
}

export class Engine extends BlockPlan {
  /** The witness depth of the coming bursts (EngineSettings.startWitnessDepth, raised at fixpoints). */
  private witnessDepth = startDepth(this.settings);
  private readonly deepenedAt: number[] = [];

  private context(): EngineContext {
    const settings =
      this.witnessDepth === this.settings.maxWitnessDepth
        ? this.settings
        : { ...this.settings, maxWitnessDepth: this.witnessDepth };
    return { rules: this.rules, operators: this.operators, width: this.width, settings };
  }

  private inboxFor(b: BlockState): Inbox {
    const parentId = b.meta.parent;
    if (parentId < 0) return EMPTY_INBOX;
    const parent = this.blocks[parentId]!;
    const r = inboxFrom(
      {
        facts: parent.data.facts.data,
        flags: parent.data.flags.data,
        count: factCount(parent.data),
        witnessKeys: parent.meta.witnessKeys,
        witnessConsts: parent.meta.witnessConsts,
        constDepth: parent.meta.constDepth,
      },
      b.meta.delivered,
      this.width,
    );
    b.meta.delivered = r.delivered;
    return r.inbox;
  }

  /** Runs bursts until no goal is pending, nothing changes, or a limit is reached. */
  async run(opts: RunOptions = {}): Promise<RunResult> {
    const exec = opts.executor ?? inThreadExecutor;
    try {
      return await this.bursts(exec, opts);
    } finally {
      // A failed burst must not leave worker threads behind.
      await exec.close();
    }
  }

  private async bursts(exec: Executor, opts: RunOptions): Promise<RunResult> {
    let stopReason: StopReason = "max-bursts";
    let burst = 0;
    const start = performance.now();
    let burstMs = 0;
    const resident = exec.resident;
    const count = (b: BlockState) => (resident ? resident.factCount(b) : factCount(b.data));
    for (; burst < this.settings.maxBursts; burst++) {
      const limit = opts.shouldStop?.() ?? null;
      if (limit !== null) {
        stopReason = limit;
        break;
      }
      const active = this.blocks.filter((b) => b.meta.active);
      const before = active.reduce((s, b) => s + count(b), 0);
      const rulesBefore = this.rules.length;
      const blocksBefore = this.blocks.length;
      const t0 = performance.now();
      if (resident) await resident.runBurst(active, this.blocks, this.context());
      else {
        const tasks = active.map((state) => ({ state, inbox: this.inboxFor(state) }));
        const out = await exec.runBurst(tasks, this.context());
        out.forEach((s) => {
          this.blocks[s.meta.id] = s;
        });
      }
      burstMs += performance.now() - t0;
      this.promote(burst);
      this.deactivate();
      const after = this.blocks.filter((b) => b.meta.active).reduce((s, b) => s + count(b), 0);
      const proved = this.conjectures.filter((c) => c.proved).length;
      opts.onProgress?.({
        burst,
        activeBlocks: active.length,
        facts: after,
        proved,
        conjectures: this.conjectures.length,
      });
      if (burst + 1 < (opts.minBursts ?? 0)) continue;
      if (this.conjectures.every((c) => c.proved || c.attempts.length === 0)) {
        stopReason = "all-proved";
        burst++;
        break;
      }
      if (
        after === before &&
        this.rules.length === rulesBefore &&
        this.blocks.length === blocksBefore &&
        burst > 0
      ) {
        // Stuck below the witness-depth bound: one level deeper, and every active block
        // re-derives what the shallower bound cut (engine/saturate.ts).
        if (this.witnessDepth < this.settings.maxWitnessDepth) {
          this.witnessDepth++;
          this.deepenedAt.push(burst + 1);
          continue;
        }
        // Goals still open at full depth: a second round of induction shapes before giving up.
        if (this.escalate()) {
          this.deactivate();
          continue;
        }
        stopReason = "fixpoint";
        burst++;
        break;
      }
    }
    // Blocks held on other threads come back for the proofs and the graph.
    await resident?.collect(this.blocks);
    // Implication introductions' child derivations join the blocks the proofs are read from.
    addIntroBlocks(this.blocks);
    // A cut saturation may be why goals stay open: say so rather than "fixpoint".
    if (stopReason !== "all-proved" && this.blocks.some((b) => b.meta.atLimit)) stopReason = "max-facts";
    return {
      theory: this.theory,
      settings: this.settings,
      blocks: this.blocks,
      conjectures: this.conjectures,
      theorems: this.theorems,
      rules: this.rules,
      axiomCount: this.axiomCount,
      stopReason,
      bursts: burst,
      width: this.width,
      witnessDepth: { reached: this.witnessDepth, deepenedAt: [...this.deepenedAt] },
      timing: { burstMs, coordinatorMs: performance.now() - start - burstMs },
    };
  }

  /** Records proofs found this burst and turns them into rules (and mirrors) for the next. */
  private promote(burst: number): void {
    for (const c of this.conjectures) {
      if (c.proved || c.attempts.length === 0) continue;
      const ai = c.attempts.findIndex((a) => this.attemptProved(a));
      if (ai < 0) continue;
      const t = this.theorems.length;
      c.proved = { theorem: t, attempt: ai, burst };
      const rule = ruleFromStatement(c.statement, this.rules.length, `T${t + 1}`, "theorem");
      this.theorems.push({ conjecture: c.index, rule, burst });
      if (this.settings.theoremRules) this.rules = [...this.rules, rule];
    }
    if (!this.settings.mirrors) return;
    for (const th of this.theorems.slice()) {
      const c = this.conjectures[th.conjecture]!;
      if (c.proved?.burst !== burst || c.mirrorOf !== null) continue;
      const m = mirror(c.statement, this.theory.predicates);
      if (!m) continue;
      const name = c.name ? `${c.name} (mirror)` : null;
      this.addConjecture({ name, mpl: "", statement: m, mirrorOf: c.proved.theorem });
    }
  }

  /** A block stays active while some goal in its subtree is pending. */
  private deactivate(): void {
    const pending = new Array<boolean>(this.blocks.length).fill(false);
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const b = this.blocks[i]!;
      let p = b.meta.goals.some((g) => !g.proved && !this.goalDone(g.key)) || this.flatBlocks.includes(i);
      for (const ch of this.children.get(i) ?? []) p ||= pending[ch]!;
      pending[i] = p;
      b.meta.active = p;
    }
  }

  private goalDone(key: string): boolean {
    const c = this.conjectures[Number(key.slice(0, key.indexOf(":")))];
    return !!c?.proved;
  }
}

export async function prove(theory: Theory, opts: RunOptions = {}): Promise<RunResult> {
  const engine = new Engine(theory, opts.settings);
  for (const c of [...theory.conjectures, ...(opts.conjectures ?? [])]) {
    engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
  }
  return engine.run(opts);
}

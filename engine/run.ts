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
import type { Conjecture, PatternAtom, Theory } from "../mpl/theory.js";
import {
  type Assumption,
  type BlockKind,
  type BlockState,
  factCount,
  newBlockData,
  ownBase,
} from "./block.js";
import { EMPTY_INBOX, inboxFrom } from "./inbox.js";
import { axiomRules, type RAtom, type Rule, ruleFromStatement } from "./rules.js";
import { type EngineContext, type Inbox, listAt, type OperatorInfo, runBlock } from "./saturate.js";
import { DEFAULT_SETTINGS, type EngineSettings } from "./settings.js";
import {
  canonicalVars,
  freeInputs,
  inductionVars,
  mirror,
  type Statement,
  statementKey,
  statementOf,
} from "./statement.js";

export type StopReason = "all-proved" | "fixpoint" | "max-bursts" | "max-facts" | LimitStop;

/** A limit of the caller's (`--timeout`, `--max-memory`) that ended a run early. */
export type LimitStop = "timeout" | "max-memory";

export interface Attempt {
  readonly method: "direct" | "induction" | "contradiction";
  /** Induction variable (statement variable index). */
  readonly var: number;
  readonly fixed: readonly number[];
  /** Direct: the conjecture block. Induction: the step block and the base path's last block. */
  readonly main: number;
  readonly step: number;
  readonly base: number;
  /** The base path's variable constants (statement var index → constant). */
  readonly baseVars: ReadonlyMap<number, number>;
  readonly predecessor: number;
  readonly goalKeys: readonly string[];
}

export interface ConjectureRun {
  readonly index: number;
  readonly name: string | null;
  readonly mpl: string;
  readonly statement: Statement;
  readonly mirrorOf: number | null; // theorem index
  readonly block: number; // the conjecture's own block (end of its premise path)
  readonly vars: ReadonlyMap<number, number>; // statement var → block constant
  readonly attempts: Attempt[];
  proved: { theorem: number; attempt: number; burst: number } | null;
}

export interface TheoremRecord {
  readonly conjecture: number;
  readonly rule: Rule;
  readonly burst: number;
}

/** Ints per fact record: the predicate (with its sign) and the arguments, padded with -1. */
export const recordWidth = (theory: Theory): number =>
  1 + Math.max(4, ...theory.predicates.map((p) => p.arity));

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
    for (const t of tasks) runBlock(t.state, t.inbox, ctx);
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
  readonly axiomCount: number;
  readonly stopReason: StopReason;
  readonly bursts: number;
  readonly width: number;
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

interface PathNode {
  block: number;
  /** Statement var → constant, for the vars introduced along the path. */
  vars: Map<number, number>;
}

export class Engine {
  readonly settings: EngineSettings;
  readonly blocks: BlockState[] = [];
  readonly conjectures: ConjectureRun[] = [];
  readonly theorems: TheoremRecord[] = [];
  private readonly trie = new Map<string, PathNode>();
  private readonly keys = new Set<string>();
  private rules: Rule[];
  private readonly axiomCount: number;
  private readonly operators: (OperatorInfo | null)[];
  readonly width: number;
  private readonly children = new Map<number, number[]>();

  constructor(
    readonly theory: Theory,
    settings: Partial<EngineSettings> = {},
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.rules = axiomRules(theory);
    this.axiomCount = this.rules.length;
    this.operators = theory.predicates.map((p) => p.operator);
    this.width = recordWidth(theory);
    this.newBlock(-1, "anchor", [], []);
    this.trie.set("", { block: 0, vars: new Map() });
  }

  private newBlock(
    parent: number,
    kind: BlockKind,
    assumptions: Assumption[],
    hypotheses: Rule[],
    ownConsts = 0,
  ): number {
    const id = this.blocks.length;
    const depth = parent < 0 ? 0 : this.blocks[parent]!.meta.depth + 1;
    this.blocks.push({
      meta: {
        id,
        parent,
        depth,
        kind,
        ownConsts,
        assumptions,
        hypotheses,
        goals: [],
        initialized: false,
        delivered: 0,
        rulesSeen: 0,
        witnessKeys: "",
        witnessConsts: new Int32Array(0),
        constDepth: new Int32Array(0),
        ufEdges: new Int32Array(0),
        contradiction: null,
        pendingDemands: [],
        active: true,
        leaf: true,
        atLimit: false,
        witnessesCut: 0,
        rounds: 0,
      },
      data: newBlockData(),
    });
    if (parent >= 0) {
      this.blocks[parent]!.meta.leaf = false;
      listAt(this.children, parent).push(id);
    }
    return id;
  }

  /** Finds or creates the block path for a premise chain; returns the last node. */
  private path(premises: readonly PatternAtom[], keyPrefix: string): PathNode {
    let node = this.trie.get("")!;
    let key = keyPrefix;
    premises.forEach((p, i) => {
      key += `|${p.negated ? "!" : ""}${p.pred}[${p.args.join(",")}]`;
      let next = this.trie.get(key);
      if (!next) {
        const parent = node;
        const depth = this.blocks[parent.block]!.meta.depth + 1;
        const vars = new Map(parent.vars);
        let own = 0;
        for (const t of p.args) if (t >= 0 && !vars.has(t)) vars.set(t, ownBase(depth) + own++);
        const atom: RAtom = {
          pred: p.pred,
          neg: p.negated,
          args: p.args.map((t) => (t < 0 ? t : -vars.get(t)! - 1)),
        };
        const block = this.newBlock(parent.block, "prefix", [{ atom, kind: "premise", index: i }], [], own);
        next = { block, vars };
        this.trie.set(key, next);
      }
      node = next;
    });
    return node;
  }

  private ground(
    a: PatternAtom,
    vars: ReadonlyMap<number, number>,
    extra?: ReadonlyMap<number, number>,
  ): RAtom {
    return {
      pred: a.pred,
      neg: a.negated,
      args: a.args.map((t) => (t < 0 ? t : -(extra?.get(t) ?? vars.get(t)!) - 1)),
    };
  }

  /** Registers a conjecture: its block path, goals, and induction attempts. */
  addConjecture(c: {
    name: string | null;
    mpl: string;
    statement: Statement;
    mirrorOf: number | null;
    /** Induct on pure inputs only (helper lemmas: their search stays as in discovery). */
    pureInduction?: boolean;
  }): number | null {
    const st = canonicalVars(c.statement);
    const key = statementKey(st);
    if (this.keys.has(key)) return null;
    this.keys.add(key);
    const index = this.conjectures.length;
    const node = this.path(st.premises, "");
    // Every head variable must be introduced by a premise (otherwise it ranges over everything).
    const headOk = st.head.args.every((t) => t < 0 || node.vars.has(t));
    const run: ConjectureRun = {
      index,
      name: c.name,
      mpl: c.mpl,
      statement: st,
      mirrorOf: c.mirrorOf,
      block: node.block,
      vars: node.vars,
      attempts: [],
      proved: null,
    };
    this.conjectures.push(run);
    if (!headOk) return index;
    if (st.head.negated) {
      // ¬A: assume A in a child block and look for a contradiction there.
      const depth = this.blocks[node.block]!.meta.depth + 1;
      void depth;
      const atom = this.ground({ ...st.head, negated: false }, node.vars);
      const child = this.newBlock(node.block, "assume", [{ atom, kind: "assume", index: 0 }], []);
      const key = `${index}:contra`;
      this.blocks[child]!.meta.goals.push({ key, atom: null, proved: false, fact: -1 });
      run.attempts.push({
        method: "contradiction",
        var: -1,
        fixed: [],
        main: child,
        step: -1,
        base: -1,
        baseVars: new Map(),
        predecessor: -1,
        goalKeys: [key],
      });
      return index;
    }
    const direct = `${index}:direct`;
    this.blocks[node.block]!.meta.goals.push({
      key: direct,
      atom: this.ground(st.head, node.vars),
      proved: false,
      fact: -1,
    });
    run.attempts.push({
      method: "direct",
      var: -1,
      fixed: [],
      main: node.block,
      step: -1,
      base: -1,
      baseVars: new Map(),
      predecessor: -1,
      goalKeys: [direct],
    });
    const roles = this.theory.anchor?.roles;
    // A mirror follows from its original in a few direct steps: no induction attempts.
    if (this.settings.induction && roles && c.mirrorOf === null) {
      // The other pure inputs stay fixed in the hypothesis; every other variable is generalised.
      const inputs = freeInputs(st, this.theory.predicates);
      // Mixed variables only when there is no pure input: each attempt costs blocks, and a
      // statement with pure inputs (every law and discovery candidate) needs no more.
      const mixed = this.settings.mixedInduction && !c.pureInduction && inputs.length === 0;
      const vars = mixed ? inductionVars(st, this.theory.predicates) : inputs;
      for (const v of vars)
        this.addInduction(
          run,
          v,
          inputs.filter((x) => x !== v),
          roles.zero,
          roles.successor,
        );
    }
    return index;
  }

  private addInduction(run: ConjectureRun, v: number, fixed: number[], zero: number, succ: number): void {
    const st = run.statement;
    const i = run.attempts.length;
    const zeroT = -zero - 1;
    // Base case: the premise chain with v := zero, on its own path.
    const sub = (a: PatternAtom): PatternAtom => ({ ...a, args: a.args.map((t) => (t === v ? zeroT : t)) });
    const baseNode = this.path(st.premises.map(sub), "");
    const baseKey = `${run.index}:ind${v}:base`;
    const baseHead = sub(st.head);
    if (!baseHead.args.every((t) => t < 0 || baseNode.vars.has(t))) return;
    this.blocks[baseNode.block]!.meta.goals.push({
      key: baseKey,
      atom: this.ground(baseHead, baseNode.vars),
      proved: false,
      fact: -1,
    });
    // Step case: a child of the conjecture's block with successor(p) = v and the hypothesis.
    const depth = this.blocks[run.block]!.meta.depth + 1;
    const p = ownBase(depth);
    const hyp = this.hypothesis(st, v, fixed, p, run.vars);
    const succAtom: RAtom = { pred: 1, neg: false, args: [-p - 1, -run.vars.get(v)! - 1, -succ - 1] };
    const step = this.newBlock(run.block, "step", [{ atom: succAtom, kind: "succ", index: 0 }], [hyp], 1);
    const stepKey = `${run.index}:ind${v}:step`;
    this.blocks[step]!.meta.goals.push({
      key: stepKey,
      atom: this.ground(st.head, run.vars),
      proved: false,
      fact: -1,
    });
    run.attempts.push({
      method: "induction",
      var: v,
      fixed,
      main: run.block,
      step,
      base: baseNode.block,
      baseVars: baseNode.vars,
      predecessor: p,
      goalKeys: [baseKey, stepKey],
    });
    void i;
  }

  /** The statement with v := p and `fixed` held as the block's constants; the rest stay bound. */
  private hypothesis(
    st: Statement,
    v: number,
    fixed: number[],
    p: number,
    vars: ReadonlyMap<number, number>,
  ): Rule {
    const renum = new Map<number, number>();
    st.varNames.forEach((_, x) => {
      if (x !== v && !fixed.includes(x)) renum.set(x, renum.size);
    });
    const term = (t: number): number => {
      if (t < 0) return t;
      if (t === v) return -p - 1;
      if (fixed.includes(t)) return -vars.get(t)! - 1;
      return renum.get(t)!;
    };
    const conv = (a: PatternAtom): RAtom => ({ pred: a.pred, neg: a.negated, args: a.args.map(term) });
    return {
      index: -1,
      ref: "hypothesis",
      kind: "hypothesis",
      nvars: renum.size,
      premises: st.premises.map(conv),
      head: conv(st.head),
      exists: null,
      demandOnly: false,
    };
  }

  /**
   * A block under the anchor holding all the given ground premises at once (no trie path),
   * with demands for the operation values it should compute. Used for the ground model.
   * Returns the block id and the constants given to the statement's variables.
   */
  addFlatBlock(
    st: Statement,
    demands: { pred: number; args: number[]; hole: number }[],
  ): { block: number; vars: Map<number, number> } {
    const depth = 1;
    const vars = new Map<number, number>();
    for (const p of st.premises)
      for (const t of p.args) if (t >= 0 && !vars.has(t)) vars.set(t, ownBase(depth) + vars.size);
    const assumptions: Assumption[] = st.premises.map((p, i) => ({
      atom: this.ground(p, vars),
      kind: "premise",
      index: i,
    }));
    const block = this.newBlock(0, "prefix", assumptions, [], vars.size);
    const term = (t: number): number => (t < 0 ? -t - 1 : vars.get(t)!);
    this.blocks[block]!.meta.pendingDemands = demands.map((d) => {
      const args = d.args.map((t, i) => (i === d.hole ? -1 : term(t)));
      return [`${d.pred}:${args.join(",")}`, { pred: d.pred, args, hole: d.hole }];
    });
    this.flatBlocks.push(block);
    return { block, vars };
  }
  private readonly flatBlocks: number[] = [];

  /** A proved statement from elsewhere, available as a rule from the first burst. */
  addTheoremRule(st: Statement, ref: string): void {
    this.rules = [...this.rules, ruleFromStatement(st, this.rules.length, ref, "theorem")];
  }

  private context(): EngineContext {
    return { rules: this.rules, operators: this.operators, width: this.width, settings: this.settings };
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
        stopReason = "fixpoint";
        burst++;
        break;
      }
    }
    // Blocks held on other threads come back for the proofs and the graph.
    await resident?.collect(this.blocks);
    // A cut saturation may be why goals stay open: say so rather than "fixpoint".
    if (stopReason !== "all-proved" && this.blocks.some((b) => b.meta.atLimit)) stopReason = "max-facts";
    return {
      theory: this.theory,
      settings: this.settings,
      blocks: this.blocks,
      conjectures: this.conjectures,
      theorems: this.theorems,
      axiomCount: this.axiomCount,
      stopReason,
      bursts: burst,
      width: this.width,
      timing: { burstMs, coordinatorMs: performance.now() - start - burstMs },
    };
  }

  private goal(block: number, key: string) {
    return this.blocks[block]!.meta.goals.find((g) => g.key === key)!;
  }

  /** Records proofs found this burst and turns them into rules (and mirrors) for the next. */
  private promote(burst: number): void {
    for (const c of this.conjectures) {
      if (c.proved || c.attempts.length === 0) continue;
      const ai = c.attempts.findIndex((a) =>
        a.method !== "induction"
          ? this.goal(a.main, a.goalKeys[0]!).proved
          : this.goal(a.base, a.goalKeys[0]!).proved && this.goal(a.step, a.goalKeys[1]!).proved,
      );
      if (ai < 0) continue;
      const t = this.theorems.length;
      c.proved = { theorem: t, attempt: ai, burst };
      const rule = ruleFromStatement(c.statement, this.rules.length, `T${t + 1}`, "theorem");
      this.theorems.push({ conjecture: c.index, rule, burst });
      this.rules = [...this.rules, rule];
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

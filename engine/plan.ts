/**
 * Planning: turns conjectures into logic blocks and proof attempts. Conjectures that share a
 * premise prefix share the blocks of that prefix (a trie keyed by premise atoms); each
 * conjecture gets its goals and attempts (direct, induction with base path and step block,
 * contradiction for a negated head), and the ground model gets flat blocks. The burst loop
 * that runs the blocks is engine/run.ts; this file owns the engine state it works on.
 */
import type { PatternAtom, Theory } from "../mpl/theory.js";
import {
  type Assumption,
  type BlockKind,
  type BlockState,
  newBlockData,
  newBlockMeta,
  ownBase,
} from "./block.js";
import { axiomRules, MEMBER_PRED, type RAtom, type Rule, ruleFromStatement } from "./rules.js";
import { listAt, type OperatorInfo } from "./saturate.js";
import { type EngineSettings, resolveSettings } from "./settings.js";
import { canonicalVars, freeInputs, inductionVars, type Statement, statementKey } from "./statement.js";

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
  /** The block that holds each goal of `goalKeys` (an induction's base, step and carrier goals, in order). */
  readonly goalBlocks: readonly number[];
}

/** The induction fields of an attempt that is not an induction. */
const NO_INDUCTION = {
  var: -1,
  fixed: [],
  step: -1,
  base: -1,
  baseVars: new Map<number, number>(),
  predecessor: -1,
} as const;

const sameList = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

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
  /** Pure inputs only, and no second round (helper lemmas, goals retried with lemmas). */
  readonly pure: boolean;
  /** The second round of attempts (BlockPlan.escalate) was added. */
  escalated: boolean;
}

export interface TheoremRecord {
  readonly conjecture: number;
  readonly rule: Rule;
  readonly burst: number;
}

/** Ints per fact record: the predicate (with its sign) and the arguments, padded with -1. */
export const recordWidth = (theory: Theory): number =>
  1 + Math.max(4, ...theory.predicates.map((p) => p.arity));

interface PathNode {
  block: number;
  /** Statement var → constant, for the vars introduced along the path. */
  vars: Map<number, number>;
}

/**
 * The engine's state (blocks, conjectures, theorems, rules) and the operations that add to it
 * between or before bursts. engine/run.ts's Engine extends it with the burst loop.
 */
export class BlockPlan {
  readonly settings: EngineSettings;
  readonly blocks: BlockState[] = [];
  readonly conjectures: ConjectureRun[] = [];
  readonly theorems: TheoremRecord[] = [];
  protected readonly trie = new Map<string, PathNode>();
  protected readonly keys = new Set<string>();
  protected rules: Rule[];
  protected readonly axiomCount: number;
  protected readonly operators: (OperatorInfo | null)[];
  readonly width: number;
  protected readonly children = new Map<number, number[]>();
  /** Blocks made now join thoroughly (BlockMeta.thorough): set while the second round is added. */
  private thorough = false;

  constructor(
    readonly theory: Theory,
    settings: Partial<EngineSettings> = {},
  ) {
    this.settings = resolveSettings(settings, (theory.anchor?.roles ?? null) !== null);
    this.rules = axiomRules(theory);
    this.axiomCount = this.rules.length;
    this.operators = theory.predicates.map((p) => p.operator);
    this.width = recordWidth(theory);
    this.newBlock(-1, "anchor", [], []);
    this.trie.set("", { block: 0, vars: new Map() });
  }

  protected newBlock(
    parent: number,
    kind: BlockKind,
    assumptions: Assumption[],
    hypotheses: Rule[],
    ownConsts = 0,
  ): number {
    const id = this.blocks.length;
    const depth = parent < 0 ? 0 : this.blocks[parent]!.meta.depth + 1;
    this.blocks.push({
      meta: newBlockMeta(id, parent, depth, kind, ownConsts, assumptions, hypotheses, this.thorough),
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

  /** The one block under the anchor holding all of `premises` (found or created). */
  private flatPath(premises: readonly PatternAtom[]): PathNode {
    const key = `flat${premises.map((p) => `|${p.negated ? "!" : ""}${p.pred}[${p.args.join(",")}]`).join("")}`;
    const known = this.trie.get(key);
    if (known) return known;
    const vars = new Map<number, number>();
    for (const p of premises)
      for (const t of p.args) if (t >= 0 && !vars.has(t)) vars.set(t, ownBase(1) + vars.size);
    const assumptions: Assumption[] = premises.map((p, i) => ({
      atom: this.ground(p, vars),
      kind: "premise",
      index: i,
    }));
    const node = { block: this.newBlock(0, "prefix", assumptions, [], vars.size), vars };
    this.trie.set(key, node);
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

  /** Registers a conjecture: its block path, goals, and the first round of attempts. */
  addConjecture(c: {
    name: string | null;
    mpl: string;
    statement: Statement;
    mirrorOf: number | null;
    /** Induct on pure inputs only, never escalate (helper lemmas: their search stays as in discovery). */
    pureInduction?: boolean;
    /**
     * All premises in one block (the ground model: its numerals at once, not one block per
     * successor step); conjectures with the same premises share that block.
     */
    flat?: boolean;
  }): number | null {
    const st = canonicalVars(c.statement);
    const key = statementKey(st);
    if (this.keys.has(key)) return null;
    this.keys.add(key);
    const index = this.conjectures.length;
    const node = c.flat ? this.flatPath(st.premises) : this.path(st.premises, "");
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
      pure: c.pureInduction === true,
      escalated: false,
    };
    this.conjectures.push(run);
    if (!headOk) return index;
    if (st.head.negated) {
      // ¬A: assume A in a child block and look for a contradiction there.
      const child = this.assumeChild(node.block, st.head, node.vars);
      const goal = `${index}:contra`;
      this.blocks[child]!.meta.goals.push({ key: goal, atom: null, proved: false, fact: -1 });
      run.attempts.push({
        ...NO_INDUCTION,
        method: "contradiction",
        main: child,
        goalKeys: [goal],
        goalBlocks: [child],
      });
    } else {
      const direct = `${index}:direct`;
      this.blocks[node.block]!.meta.goals.push({
        key: direct,
        atom: this.ground(st.head, node.vars),
        proved: false,
        fact: -1,
      });
      run.attempts.push({
        ...NO_INDUCTION,
        method: "direct",
        main: node.block,
        goalKeys: [direct],
        goalBlocks: [node.block],
      });
    }
    const roles = this.theory.anchor?.roles;
    // A mirror follows from its original in a few direct steps: no induction attempts.
    if (!this.settings.induction || !roles || c.mirrorOf !== null) return index;
    const preds = this.theory.predicates;
    // The other pure inputs stay fixed in the hypothesis; every other variable is generalised.
    const inputs = freeInputs(st, preds);
    // Mixed variables only when there is no pure input, or for a negated head (s(a) ≠ a): each
    // attempt costs blocks, and a law with pure inputs (every discovery candidate) needs no more.
    const mixed = this.settings.mixedInduction && !run.pure && (inputs.length === 0 || st.head.negated);
    const all = inductionVars(st, preds, roles.carrier);
    for (const v of mixed ? all : all.filter((x) => inputs.includes(x)))
      this.addInduction(
        run,
        v,
        inputs.filter((x) => x !== v),
      );
    return index;
  }

  /** Whether every goal of the attempt is proved. */
  protected attemptProved(a: Attempt): boolean {
    return a.goalKeys.every(
      (k, i) => this.blocks[a.goalBlocks[i]!]!.meta.goals.find((g) => g.key === k)!.proved,
    );
  }

  /**
   * The second round, for goals the first round left open once the run reached a fixpoint:
   * induction on every induction variable (also the mixed ones of a statement with pure
   * inputs), and each with its hypothesis generalised over all other variables. Helper lemmas
   * and mirrors never escalate. Returns whether any attempt was added.
   */
  escalate(): boolean {
    const roles = this.theory.anchor?.roles;
    if (!this.settings.induction || !this.settings.extraInduction || !roles) return false;
    const before = this.blocks.length;
    this.thorough = true;
    for (const run of this.conjectures) {
      if (run.proved || run.escalated || run.pure || run.mirrorOf !== null || run.attempts.length === 0)
        continue;
      run.escalated = true;
      const st = run.statement;
      const inputs = freeInputs(st, this.theory.predicates);
      for (const v of inductionVars(st, this.theory.predicates, roles.carrier)) {
        const fixed = inputs.filter((x) => x !== v);
        for (const f of fixed.length > 0 ? [fixed, []] : [fixed]) this.addInduction(run, v, f);
      }
    }
    this.thorough = false;
    return this.blocks.length > before;
  }

  /** A child block of `parent` that assumes the atom (its sign dropped) and wants a contradiction. */
  private assumeChild(parent: number, atom: PatternAtom, vars: ReadonlyMap<number, number>): number {
    const a = this.ground({ ...atom, negated: false }, vars);
    return this.newBlock(parent, "assume", [{ atom: a, kind: "assume", index: 0 }], []);
  }

  /**
   * Induction on v: the base (the premise chain with v := zero) on its own path, and a step
   * block under the conjecture's block with successor(p) = v and the hypothesis. A negated head
   * is proved in each case by contradiction, in a child block that assumes the atom. Nothing is
   * added when the same attempt exists already.
   */
  private addInduction(run: ConjectureRun, v: number, fixed: number[]): void {
    const roles = this.theory.anchor!.roles!;
    const st = run.statement;
    if (run.attempts.some((a) => a.method === "induction" && a.var === v && sameList(a.fixed, fixed))) return;
    const zeroT = -roles.zero - 1;
    const negated = st.head.negated;
    const sub = (a: PatternAtom): PatternAtom => ({ ...a, args: a.args.map((t) => (t === v ? zeroT : t)) });
    const baseNode = this.path(st.premises.map(sub), "");
    const baseHead = sub(st.head);
    if (!baseHead.args.every((t) => t < 0 || baseNode.vars.has(t))) return;
    // Attempts on one variable share the base case (it does not depend on the hypothesis).
    const baseKey = `${run.index}:ind${v}:base`;
    const shared = run.attempts.find((a) => a.method === "induction" && a.var === v);
    let baseGoal = shared?.goalBlocks[0] ?? -1;
    if (baseGoal < 0) {
      baseGoal = negated ? this.assumeChild(baseNode.block, baseHead, baseNode.vars) : baseNode.block;
      this.blocks[baseGoal]!.meta.goals.push({
        key: baseKey,
        atom: negated ? null : this.ground(baseHead, baseNode.vars),
        proved: false,
        fact: -1,
      });
    }
    // v in the carrier, from the premises alone: what makes the induction principle apply.
    const carrierKey = `${run.index}:ind${v}:carrier`;
    const mainGoals = this.blocks[run.block]!.meta.goals;
    if (!mainGoals.some((g) => g.key === carrierKey)) {
      const atom: RAtom = {
        pred: MEMBER_PRED,
        neg: false,
        args: [-run.vars.get(v)! - 1, -roles.carrier - 1],
      };
      mainGoals.push({ key: carrierKey, atom, proved: false, fact: -1 });
    }
    // Step case: a child of the conjecture's block with successor(p) = v and the hypothesis.
    const depth = this.blocks[run.block]!.meta.depth + 1;
    const p = ownBase(depth);
    const hyp = this.hypothesis(st, v, fixed, p, run.vars);
    const succAtom: RAtom = {
      pred: 1,
      neg: false,
      args: [-p - 1, -run.vars.get(v)! - 1, -roles.successor - 1],
    };
    const step = this.newBlock(run.block, "step", [{ atom: succAtom, kind: "succ", index: 0 }], [hyp], 1);
    const stepGoal = negated ? this.assumeChild(step, st.head, run.vars) : step;
    const stepKey = `${run.index}:ind${v}/${fixed.join(".")}:step`;
    this.blocks[stepGoal]!.meta.goals.push({
      key: stepKey,
      atom: negated ? null : this.ground(st.head, run.vars),
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
      goalKeys: [baseKey, stepKey, carrierKey],
      goalBlocks: [baseGoal, stepGoal, run.block],
    });
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
   * The block under the anchor holding all of the statement's premises at once (the one flat
   * conjectures with these premises use), with demands for the operation values it should
   * compute (statement terms, `hole` the output slot). Used for the ground model. Returns the
   * block id and the constants given to the statement's variables.
   */
  addFlatBlock(
    st: Statement,
    demands: { pred: number; args: number[]; hole: number }[],
  ): { block: number; vars: Map<number, number> } {
    const { block, vars } = this.flatPath(st.premises);
    const term = (t: number): number => (t < 0 ? -t - 1 : vars.get(t)!);
    const meta = this.blocks[block]!.meta;
    meta.pendingDemands = [
      ...meta.pendingDemands,
      ...demands.map((d): [string, { pred: number; args: number[]; hole: number }] => {
        const args = d.args.map((t, i) => (i === d.hole ? -1 : term(t)));
        return [`${d.pred}:${args.join(",")}`, { pred: d.pred, args, hole: d.hole }];
      }),
    ];
    if (!this.flatBlocks.includes(block)) this.flatBlocks.push(block);
    return { block, vars };
  }
  protected readonly flatBlocks: number[] = [];

  /** A proved statement from elsewhere, available as a rule from the first burst. */
  addTheoremRule(st: Statement, ref: string): void {
    this.rules = [...this.rules, ruleFromStatement(st, this.rules.length, ref, "theorem")];
  }
}

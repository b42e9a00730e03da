/**
 * Planning: turns conjectures into logic blocks and proof attempts. Conjectures that share a
 * premise prefix share the blocks of that prefix (a trie keyed by premise atoms); each
 * conjecture gets its goals and attempts (direct, induction with base path and step block,
 * contradiction for a negated head), and the ground model gets flat blocks. The burst loop
 * that runs the blocks is engine/run.ts; this file owns the engine state it works on.
 */
import type { PatternAtom, Theory } from "../mpl/theory.js";
import { type Assumption, type BlockKind, type BlockState, newBlockData, ownBase } from "./block.js";
import { axiomRules, type RAtom, type Rule, ruleFromStatement } from "./rules.js";
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

  /** Registers a conjecture: its block path, goals, and induction attempts. */
  addConjecture(c: {
    name: string | null;
    mpl: string;
    statement: Statement;
    mirrorOf: number | null;
    /** Induct on pure inputs only (helper lemmas: their search stays as in discovery). */
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

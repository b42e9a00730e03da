/**
 * Local inference inside one logic block: a semi-naive chase over ground atoms.
 *
 * The work is layered by concern, each layer a class extending the one below:
 * - engine/saturate/equality.ts: the fact store, kept canonical under union-find, with
 *   recorded rewrite steps, and contradiction detection;
 * - engine/saturate/witnesses.ts: existential witnesses, demand-driven for totality axioms,
 *   bounded in depth;
 * - engine/saturate/join.ts: rule matching, an indexed join seeded by new facts;
 * - this file: the burst loop of a block (its set-up from axioms, assumptions and the inbox,
 *   the per-block fact limit) and goal checks.
 *
 * `runBlock` depends only on the block's state, its inbox and the rule tables, so it gives
 * the same result on any thread.
 */

import type { BlockState } from "./block.js";
import { type Assumption, D, F_ALIVE, F_INHERITED, factCount, predNegOf, witnessKeyList } from "./block.js";
import { type GoalSearchView, introductionRules, searchWitnesses } from "./goal-witness.js";
import { EQ_PRED, MEMBER_PRED, type Rule } from "./rules.js";
import { AC_DEMANDS, type AcView, acOperations, demandAcProducts } from "./saturate/ac-goals.js";
import { demandGoalTerms, type GoalTermView } from "./saturate/goal-terms.js";
import { clauseRules, type IntroView, introduce, mayIntroduce } from "./saturate/implication.js";
import { Matcher } from "./saturate/join.js";
import {
  argHi,
  argLo,
  type BlockRunResult,
  EMPTY,
  type EngineContext,
  EX_FALSO,
  globalTables,
  type Inbox,
  recordArgs,
  seedTable,
  UNBOUND,
} from "./saturate/tables.js";
import { goalTermBound } from "./settings.js";

export {
  type BlockRunResult,
  type EngineContext,
  EX_FALSO,
  type Inbox,
  listAt,
  type OperatorInfo,
} from "./saturate/tables.js";

/** Goal fact marker: an equality goal whose sides were merged by union-find. */
export const EQ_BY_CLASSES = -2;

/** Runs one block for one burst: absorb the inbox and new rules, then saturate. */
export function runBlock(state: BlockState, inbox: Inbox, ctx: EngineContext): BlockRunResult {
  return new Saturator(state, ctx).run(inbox);
}

class Saturator extends Matcher {
  /** Goal left-hand sides already demanded in this run. */
  private goalDemanded = new Set<string>();

  run(inbox: Inbox): BlockRunResult {
    const m = this.s.meta;
    const before = factCount(this.d);
    const allRules = this.ctx.rules.length;
    const g = globalTables(this.ctx, allRules);
    this.seeds = g.seeds;
    this.demandRules = g.demands;
    if (m.hypotheses.length) {
      // Local rules join the seed table of this block only.
      this.seeds = new Map([...g.seeds].map(([k, v]) => [k, [...v]]));
      for (const [k, v] of seedTable(m.hypotheses)) {
        const l = this.seeds.get(k);
        if (l) l.push(...v);
        else this.seeds.set(k, v);
      }
    }
    witnessKeyList(inbox.witnessKeys).forEach((k, i) => {
      if (!this.witnessKeys.has(k)) this.setWitness(k, inbox.witnessConsts[i]!);
    });
    for (let i = 0; i < inbox.constDepth.length; i += 2)
      this.constDepth.set(inbox.constDepth[i]!, inbox.constDepth[i + 1]!);

    const oldEnd = factCount(this.d);
    let newRules: Rule[] = [];
    if (!m.initialized) {
      m.initialized = true;
      if (m.kind === "anchor") this.addAxiomFacts();
      for (const a of m.assumptions) this.addAssumption(a);
      newRules = [];
    } else if (m.rulesSeen < allRules) {
      newRules = this.ctx.rules.slice(m.rulesSeen);
    }
    m.rulesSeen = allRules;
    // Parent facts arrive as inherited facts (canonicalised below if this block knows more equalities).
    const rec = inbox.facts;
    for (let i = 0; i < inbox.factIds.length; i++) {
      const base = i * this.W;
      const args = recordArgs(rec, base, this.W, this.argBufs);
      const pn = rec[base]!;
      this.add(pn >> 1, (pn & 1) === 1, args, [D.inherited, inbox.factIds[i]!, 0, 0, 0], F_INHERITED);
    }
    this.processEqualities();
    if (newRules.length) this.fireRules(newRules, 0, oldEnd);
    // A deeper witness bound than last time: the joins run again over every fact, so that the
    // witnesses the shallower bound cut are demanded and made now.
    const depth = this.ctx.settings.maxWitnessDepth;
    if ((m.witnessDepthSeen ?? depth) < depth && m.witnessesCut > 0) this.fireSeeds(0, oldEnd);
    m.witnessDepthSeen = depth;
    for (const [k, dm] of m.pendingDemands) this.demands.set(k, dm);
    // Hypotheses mention block constants, so they can demand before any fact matches them.
    for (const h of m.hypotheses)
      this.join(
        h,
        -1,
        new Array(h.premises.length).fill(-1),
        new Int32Array(h.nvars).fill(UNBOUND),
        0,
        factCount(this.d),
      );

    let deltaStart = oldEnd;
    // Nesting levels of goal-directed terms filed in this run (the seeds may have grown since the last).
    let termLevel = 0;
    const limit = this.ctx.settings.maxFactsPerBlock;
    while (true) {
      const deltaEnd = factCount(this.d);
      if (deltaStart >= deltaEnd && this.demands.size === 0) break;
      m.rounds++;
      this.ctx.poll?.();
      this.fireSeeds(deltaStart, deltaEnd);
      this.rearrangeGoals();
      this.processDemands();
      this.processEqualities();
      this.checkGoals();
      deltaStart = deltaEnd;
      if (factCount(this.d) >= limit) {
        m.atLimit = true;
        break;
      }
      if (factCount(this.d) === deltaEnd) {
        // A fixpoint: with a goal open, the goal-directed terms of the next nesting level.
        let filed = false;
        // A level-k term is a witness of depth k: levels beyond the current witness bound wait.
        const levels = Math.min(this.ctx.settings.goalTermDepth, this.ctx.settings.maxWitnessDepth);
        while (!filed && termLevel < levels) filed = this.goalTerms(++termLevel);
        if (!filed) filed = this.introduceClauses();
        if (!filed) break;
      }
      if (m.leaf && m.goals.length > 0 && m.goals.every((g) => g.proved)) break;
    }
    this.checkGoals();
    m.pendingDemands = [...this.demands];
    this.storeLists();
    return { newFacts: factCount(this.d) - before };
  }

  /** Clause atoms asked for in this run (implication introduction), by key. */
  private readonly introWanted = new Map<string, [number, number[]]>();

  /** Asks for the clause atom `pred[args]` by implication introduction, where one may be tried. */
  private wantIntro(pred: number, args: readonly number[]): void {
    if (!mayIntroduce(this.s) || !clauseRules(this.ctx.rules).has(pred)) return;
    const canon = args.map((a) => this.find(a));
    if (this.lookup(predNegOf(pred, false), canon) >= 0) return;
    this.introWanted.set(`${pred}:${canon.join(",")}`, [pred, canon]);
  }

  /**
   * At a fixpoint: tries the clause atoms asked for (engine/saturate/implication.ts) and adds
   * those concluded. True when it added some.
   */
  private introduceClauses(): boolean {
    let added = false;
    for (const [k, [pred, args]] of this.introWanted) {
      this.introWanted.delete(k);
      const canon = args.map((a) => this.find(a));
      if (this.lookup(predNegOf(pred, false), canon) >= 0) continue;
      const record = introduce(this.introView(), pred, canon);
      if (record === null) continue;
      this.add(pred, false, canon, [D.intro, pred, 0, 0, record]);
      added = true;
    }
    return added;
  }

  private introView(): IntroView {
    return {
      state: this.s,
      ctx: this.ctx,
      find: (c) => this.find(c),
      witnessLists: () => {
        const keys = [...this.witnessKeys.keys()];
        return {
          keys: keys.map((k) => `${k}\n`).join(""),
          consts: Int32Array.from(keys, (k) => this.witnessKeys.get(k)!),
          depths: Int32Array.from([...this.constDepth].flat()),
        };
      },
      run: (child, inbox, ctx) => {
        runBlock(child, inbox, ctx);
      },
    };
  }

  /**
   * Demands the goal-directed terms of one nesting level (engine/saturate/goal-terms.ts) when
   * a goal is open, within the block's bound. True when it filed some.
   */
  private goalTerms(level: number): boolean {
    const m = this.s.meta;
    const bound = goalTermBound(this.ctx.settings);
    if (bound <= 0 || m.kind === "anchor" || !m.goals.some((g) => !g.proved)) return false;
    const made = m.goalTermsMade ?? 0;
    const n = demandGoalTerms(this.termView(), this.ctx.rules, level, bound - made);
    m.goalTermsMade = made + n.made;
    m.goalTermsCut = Math.max(m.goalTermsCut ?? 0, n.cut);
    return n.made > 0;
  }

  private termView(): GoalTermView {
    const flags = this.d.flags;
    return {
      operators: this.ctx.operators,
      members: () => {
        const out = new Map<number, number>();
        for (const f of this.idx.byPred.get(predNegOf(MEMBER_PRED, false)) ?? []) {
          if (!(flags.get(f) & F_ALIVE)) continue;
          const c = this.d.facts.get(f * this.W + 1);
          if (!out.has(c)) out.set(c, this.constDepth.get(c) ?? 0);
        }
        return out;
      },
      holds: (pred, args) =>
        this.lookup(
          predNegOf(pred, false),
          args.map((a) => this.find(a)),
        ) >= 0,
      valueOf: (pred, args, hole) => {
        const pos = args.findIndex((a, i) => i !== hole && a !== -1);
        const pn = predNegOf(pred, false);
        const canon = args.map((a) => (a === -1 ? -1 : this.find(a)));
        for (const f of this.idx.byArg.get(argHi(pn, pos, canon[pos]!), argLo(pn, pos)) ?? []) {
          if (!(flags.get(f) & F_ALIVE)) continue;
          let ok = true;
          for (let i = 0; i < canon.length && ok; i++)
            ok = i === hole || this.d.facts.get(f * this.W + 1 + i) === canon[i];
          if (ok) return this.d.facts.get(f * this.W + 1 + hole);
        }
        return -1;
      },
      demand: (pred, args, hole) => {
        const k = pred + ":" + args.join(",");
        if (!this.demands.has(k)) this.demands.set(k, { pred, args, hole });
      },
    };
  }

  /** Writes the witness, depth and union-find lists back to the block in their flat form. */
  private storeLists(): void {
    const m = this.s.meta;
    if (this.newWitnessKeys.length) {
      m.witnessKeys += this.newWitnessKeys.join("\n") + "\n";
      const consts = new Int32Array(m.witnessConsts.length + this.newWitnessKeys.length);
      consts.set(m.witnessConsts);
      this.newWitnessKeys.forEach((k, i) => {
        consts[m.witnessConsts.length + i] = this.witnessKeys.get(k)!;
      });
      m.witnessConsts = consts;
    }
    const cd = new Int32Array(this.constDepth.size * 2);
    let o = 0;
    for (const [c, dep] of this.constDepth) {
      cd[o++] = c;
      cd[o++] = dep;
    }
    m.constDepth = cd;
    const uf = new Int32Array(this.edges.length * 3);
    this.edges.forEach((e, i) => {
      uf.set(e, i * 3);
    });
    m.ufEdges = uf;
  }

  private addAxiomFacts(): void {
    for (const r of this.ctx.rules) {
      if (r.kind !== "axiom" || r.premises.length > 0) continue;
      if (r.head) {
        const args = r.head.args.map((t) => this.find(-t - 1));
        this.add(r.head.pred, r.head.neg, args, [D.axiom, r.index, 0, 0, 0]);
      } else if (r.exists && r.setOutput === undefined) {
        // A comprehension has universal variables even without premises: only demands fire it.
        this.conclude(r, new Int32Array(r.nvars).fill(UNBOUND), [], false);
      }
    }
  }

  private addAssumption(a: Assumption): void {
    const args = a.atom.args.map((t) => -t - 1);
    const kind = { premise: D.premise, succ: D.succ, assume: D.assume, suppose: D.suppose }[a.kind];
    this.add(a.atom.pred, a.atom.neg, args, [kind, a.index, 0, 0, 0]);
  }

  private checkGoals(): void {
    const m = this.s.meta;
    for (const g of m.goals) {
      if (g.proved) continue;
      if (!g.atom) {
        if (m.contradiction) {
          g.proved = true;
          g.fact = m.contradiction[0];
        }
        continue;
      }
      const args = g.atom.args.map((t) => this.find(-t - 1));
      if (g.atom.pred === EQ_PRED && !g.atom.neg && args[0] === args[1]) {
        // Both sides in one class: proved through the union-find edges (see engine/proof.ts).
        g.proved = true;
        g.fact = EQ_BY_CLASSES;
        continue;
      }
      const f = this.lookup(predNegOf(g.atom.pred, g.atom.neg), args);
      if (f >= 0 || m.contradiction) {
        // Ex falso: in a block whose facts contradict each other every goal holds.
        g.proved = true;
        g.fact = f >= 0 ? f : EX_FALSO;
        continue;
      }
      // Demand the goal's left-hand side so that rules can reach it.
      const op = this.ctx.operators[g.atom.pred];
      if (op && !g.atom.neg) {
        const a = args.map((x, i) => (i === op.output ? -1 : x));
        const k = g.atom.pred + ":" + a.join(",");
        if (!this.demands.has(k) && !this.goalDemanded.has(k)) {
          this.goalDemanded.add(k);
          this.demands.set(k, { pred: g.atom.pred, args: a, hole: op.output });
        }
      } else if (g.atom.pred > EQ_PRED && !g.atom.neg) {
        // A clause goal: implication introduction. An existential goal: look for witnesses
        // through the definition's introduction rules.
        this.wantIntro(g.atom.pred, args);
        for (const r of this.introductions(g.atom.pred)) searchWitnesses(this.goalView(), r, args);
      }
    }
  }

  /** Products demanded by the AC layer in this run (engine/saturate/ac-goals.ts). */
  private acAsked = 0;

  /** Open goals equal up to associativity and commutativity get the products that connect them. */
  private rearrangeGoals(): void {
    if (!this.ctx.settings.rearrangeGoals || this.acAsked >= AC_DEMANDS) return;
    const ops = acOperations(this.ctx.rules);
    if (ops.length === 0) return;
    for (const g of this.s.meta.goals) {
      if (g.proved || !g.atom || g.atom.neg) continue;
      const args = g.atom.args.map((t) => this.find(-t - 1));
      this.acAsked += demandAcProducts(
        this.acView(),
        ops,
        { pred: g.atom.pred, args },
        AC_DEMANDS - this.acAsked,
      );
      if (this.acAsked >= AC_DEMANDS) return;
    }
  }

  private acViewCache: AcView | null = null;

  private acView(): AcView {
    if (this.acViewCache) return this.acViewCache;
    const W = this.W;
    const live = (pred: number, pos: number, c: number, op: number): [number, number, number][] => {
      const pn = predNegOf(pred, false);
      const out: [number, number, number][] = [];
      const facts = this.d.facts.data;
      for (const f of this.idx.byArg.get(argHi(pn, pos, c), argLo(pn, pos)) ?? EMPTY) {
        if (!this.alive(f)) continue;
        const base = f * W;
        if (facts[base + 4] !== op) continue;
        out.push([this.find(facts[base + 1]!), this.find(facts[base + 2]!), this.find(facts[base + 3]!)]);
      }
      return out;
    };
    this.acViewCache = {
      find: (c) => this.find(c),
      product: (pred, op, x, y) => {
        for (const [a, b, z] of live(pred, 0, this.find(x), op))
          if (a === this.find(x) && b === this.find(y)) return z;
        return -1;
      },
      factorsOf: (pred, op, c) =>
        live(pred, 2, this.find(c), op)
          .map(([a, b]): [number, number] => [a, b])
          .sort((p, q) => p[0] - q[0] || p[1] - q[1]),
      demand: (pred, op, x, y, extraDepth) => {
        const args = [this.find(x), this.find(y), -1, op];
        const k = `${pred}:${args.join(",")}`;
        if (!this.demands.has(k)) this.demands.set(k, { pred, args, hole: 2, extraDepth });
      },
    };
    return this.acViewCache;
  }

  private introductions(pred: number): readonly Rule[] {
    let byPred = introCache.get(this.ctx.rules);
    if (!byPred) {
      byPred = new Map();
      introCache.set(this.ctx.rules, byPred);
    }
    let list = byPred.get(pred);
    if (!list) {
      list = introductionRules(this.ctx.rules, pred);
      byPred.set(pred, list);
    }
    return list;
  }

  private view: GoalSearchView | null = null;

  private goalView(): GoalSearchView {
    if (this.view) return this.view;
    const flags = this.d.flags;
    this.view = {
      operators: this.demandOps,
      candidates: (p, binding) => this.candidates(p, binding).filter((f) => (flags.get(f) & F_ALIVE) !== 0),
      matchInto: (p, f, binding) => this.matchInto(p, f, binding),
      unwind: (binding, mark) => {
        this.unwind(binding, mark);
      },
      valueOf: (t, binding) => this.valueOf(t, binding),
      isWitness: (c) => (this.constDepth.get(c) ?? 0) > 0,
      isClause: (pred) => clauseRules(this.ctx.rules).has(pred),
      introduce: (pred, args) => {
        this.wantIntro(pred, args);
      },
      demand: (pred, args, hole) => {
        const k = pred + ":" + args.join(",");
        if (this.demands.has(k) || this.goalDemanded.has(k)) return;
        this.goalDemanded.add(k);
        this.demands.set(k, { pred, args, hole });
      },
    };
    return this.view;
  }
}

const introCache = new WeakMap<readonly Rule[], Map<number, readonly Rule[]>>();

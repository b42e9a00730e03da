/**
 * Existential witnesses of one block run.
 *
 * A witness is keyed by (rule, universal arguments), so each existential instance makes its
 * constants once per path. Existentials whose premises are mere memberships (totality
 * axioms) fire only on demand: when a join needs `f(x,y)` for known x, y and no fact gives it,
 * the join files a demand and `processDemands` serves it. Witness depth is bounded
 * (EngineSettings.maxWitnessDepth); cut witnesses are counted, never silent.
 */

import type { BlockState } from "../block.js";
import { D, F_INHERITED, ownBase, predNegOf, REFL_PREMISE, witnessKeyList } from "../block.js";
import { demandOperators, EQ_PRED, MEMBER_PRED, type RAtom, type Rule } from "../rules.js";
import { CanonicalFacts } from "./equality.js";
import {
  argHi,
  argLo,
  type Demand,
  EMPTY,
  EMPTY_RULES,
  type EngineContext,
  type OperatorInfo,
  scratch,
  UNBOUND,
} from "./tables.js";

/** demandOperators per rule table (the same array serves every block of a burst). */
const DEMAND_OPS = new WeakMap<readonly Rule[], readonly (OperatorInfo | null)[]>();

export abstract class Witnesses extends CanonicalFacts {
  protected readonly witnessKeys: Map<string, number>;
  /** Keys added to witnessKeys in this run, in order (the map only ever grows). */
  protected readonly newWitnessKeys: string[] = [];
  protected demands = new Map<string, Demand>();
  protected demandRules!: Map<number, [Rule, number][]>;
  /** Levels past the witness bound allowed for the demand being served (its `extraDepth`). */
  private witnessAllowance = 0;
  /** Reused argument arrays, by length, for processDemands. */
  private demandBufs: number[][] = [];
  /**
   * Reused binding buffers, by variable count: a join never re-enters another seed, and
   * serving a demand happens outside joins.
   */
  private bufs: Int32Array[] = [];

  /** What demands see as operators: with comprehension on, set definitions too. */
  protected readonly demandOps: readonly (OperatorInfo | null)[];

  constructor(s: BlockState, ctx: EngineContext) {
    super(s, ctx);
    let ops = ctx.operators;
    if (ctx.settings.comprehension) {
      ops = DEMAND_OPS.get(ctx.rules) ?? demandOperators(ctx.rules, ctx.operators);
      DEMAND_OPS.set(ctx.rules, ops);
    }
    this.demandOps = ops;
    this.witnessKeys = new Map();
    const consts = s.meta.witnessConsts;
    witnessKeyList(s.meta.witnessKeys).forEach((k, i) => {
      this.witnessKeys.set(k, consts[i]!);
    });
  }

  /** Concludes rule r under a complete binding (see the join). */
  protected abstract conclude(r: Rule, binding: Int32Array, matched: number[], fromJoin: boolean): void;

  protected setWitness(key: string, c: number): void {
    this.witnessKeys.set(key, c);
    this.newWitnessKeys.push(key);
  }

  /** A reused binding of n variables, all unbound. */
  protected bindingBuffer(n: number): Int32Array {
    let binding = this.bufs[n];
    if (!binding) {
      binding = new Int32Array(n);
      this.bufs[n] = binding;
    }
    return binding.fill(UNBOUND);
  }

  /** An operator atom whose inputs (and other non-output arguments) are known but whose output is not. */
  protected demandable(p: RAtom, binding: Int32Array): boolean {
    if (p.neg) return false;
    const op = this.demandOps[p.pred];
    if (!op) return false;
    for (let i = 0; i < p.args.length; i++) {
      const known = this.valueOf(p.args[i]!, binding) !== UNBOUND;
      if (i === op.output ? known : !known) return false;
    }
    return true;
  }

  /** An operator atom whose output is not bound yet (a witness could supply it). */
  protected openOutput(p: RAtom, binding: Int32Array): boolean {
    if (p.neg) return false;
    const op = this.demandOps[p.pred];
    return !!op && this.valueOf(p.args[op.output]!, binding) === UNBOUND;
  }

  protected mayDemand(r: Rule, matched: number[]): boolean {
    let own = false;
    let relational = false;
    let any = false;
    for (let i = 0; i < matched.length; i++) {
      const f = matched[i]!;
      if (f < 0) continue;
      any = true;
      if (!(this.d.flags.get(f) & F_INHERITED)) own = true;
      if (r.premises[i]!.pred !== MEMBER_PRED) relational = true;
    }
    if (r.kind === "hypothesis") return true;
    if (r.kind === "theorem" && !this.ctx.settings.theoremDemands) return false;
    if (r.kind === "axiom" && !this.ctx.settings.axiomDemands) return false;
    if (!own && any) return false;
    return relational || !any;
  }

  protected demand(p: RAtom, binding: Int32Array): void {
    const op = this.demandOps[p.pred]!;
    const args = p.args.map((t, i) => (i === op.output ? -1 : this.valueOf(t, binding)));
    const k = p.pred + ":" + args.join(",");
    if (!this.demands.has(k)) this.demands.set(k, { pred: p.pred, args, hole: op.output });
  }

  /** Serves demands with demand-only existentials; unmet ones stay for the next round. */
  protected processDemands(): void {
    if (this.demands.size === 0) return;
    const list = [...this.demands.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.demands.clear();
    for (const [k, dm] of list) {
      if (this.d.flags.length >= this.ctx.settings.maxFactsPerBlock) {
        this.demands.set(k, dm);
        continue;
      }
      // Already satisfied by a fact?
      const args = scratch(this.demandBufs, dm.args.length);
      let pos0 = -1;
      for (let i = 0; i < args.length; i++) {
        const a = dm.args[i]!;
        args[i] = a === -1 ? -1 : this.find(a);
        if (a !== -1 && pos0 < 0) pos0 = i;
      }
      const pn = predNegOf(dm.pred, false);
      if (this.fitsSome(this.idx.byArg.get(argHi(pn, pos0, args[pos0]!), argLo(pn, pos0)) ?? EMPTY, args))
        continue;
      let served = false;
      let waiting = false;
      for (const [r, bi] of this.demandRules.get(dm.pred) ?? EMPTY_RULES) {
        const body = r.exists!.body[bi]!;
        const binding = this.bindingBuffer(r.nvars);
        let ok = true;
        for (let i = 0; i < body.args.length && ok; i++) {
          const t = body.args[i]!;
          if (i === dm.hole) {
            ok = t >= 0 && r.exists!.witnesses.includes(t);
          } else if (t < 0) ok = this.find(-t - 1) === args[i];
          else if (r.exists!.witnesses.includes(t)) ok = false;
          else if (binding[t] === UNBOUND) binding[t] = args[i]!;
          else ok = binding[t] === args[i];
        }
        if (!ok) continue;
        // The existential's own premises must hold.
        const matched: number[] = [];
        for (const p of r.premises) {
          const pa = scratch(this.argBufs, p.args.length);
          for (let i = 0; i < pa.length; i++) pa[i] = this.valueOf(p.args[i]!, binding);
          const reflexive = p.pred === EQ_PRED && !p.neg && pa[0] !== UNBOUND && pa[0] === pa[1];
          const f = reflexive
            ? REFL_PREMISE
            : pa.includes(UNBOUND)
              ? -1
              : this.lookup(predNegOf(p.pred, p.neg), pa);
          if (f === -1) {
            ok = false;
            break;
          }
          matched.push(f);
        }
        if (!ok) {
          waiting = true;
          continue;
        }
        this.witnessAllowance = dm.extraDepth ?? 0;
        this.conclude(r, binding, matched, false);
        this.witnessAllowance = 0;
        served = true;
        break;
      }
      if (!served && waiting && this.s.meta.rounds < 64) this.demands.set(k, dm);
    }
  }

  /** Makes the witnesses of an existential instance (once per key, within the depth bound). */
  protected makeWitness(r: Rule, binding: Int32Array, matched: number[]): void {
    const ex = r.exists!;
    const universal: number[] = [];
    for (let v = 0; v < r.nvars; v++) if (!ex.witnesses.includes(v)) universal.push(binding[v]!);
    const key = r.index + "|" + universal.join(",");
    if (this.witnessKeys.has(key)) return;
    let depth = 0;
    for (const c of universal) depth = Math.max(depth, this.constDepth.get(c) ?? 0);
    depth += 1;
    if (depth > this.ctx.settings.maxWitnessDepth + this.witnessAllowance) {
      this.s.meta.witnessesCut++;
      return;
    }
    const m = this.s.meta;
    const b = binding.slice();
    let first = -1;
    for (const w of ex.witnesses) {
      const c = ownBase(m.depth) + m.ownConsts++;
      this.constDepth.set(c, depth);
      b[w] = c;
      if (first < 0) first = c;
    }
    this.setWitness(key, first);
    for (const atom of ex.body) {
      const args = atom.args.map((t) => this.valueOf(t, b));
      this.add(atom.pred, atom.neg, args, [
        D.witness,
        r.index,
        r.nvars,
        ...b,
        matched.length,
        ...matched,
        first,
      ]);
    }
  }
}

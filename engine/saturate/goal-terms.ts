/**
 * Goal-directed terms: the operator terms a goal's rewriting needs but that nothing names.
 *
 * Demands make an operator term only when a join has bound its inputs (engine/saturate/
 * witnesses.ts), so a term that no rule premise reaches with bound inputs is never made. In a
 * group, the right-inverse goal `c·inv(c) = e` is proved through inv(inv(c)) and `inv(c)·c`;
 * no axiom has `inv` applied to a known argument among its premises, so inv(inv(c)) never
 * exists and the goal stays open.
 *
 * When a block's saturation reaches a fixpoint with a goal still open, this layer closes the
 * block's terms under the theory's total operations: for every demand-only existential (a
 * totality axiom `∀x̄ ∈ S̄ ∃y. f(x̄) = y`), every tuple of the block's *seed* constants (those
 * that are members of the axiom's sets and are not witnesses, so the goal's constants, the
 * premises' constants and the theory's element constants) is demanded, the operator terms of
 * depth 1 over them. With `goalTermDepth` 2 the closure is taken again over the terms it made
 * (depth 2 over the seeds). The demands are served by the ordinary witness machinery, so each
 * term is a normal witness step citing its totality axiom, within `maxWitnessDepth`.
 *
 * Bounded and reported: at most `goalTerms` terms per block (EngineSettings), the rest cut and
 * counted in the block's meta (`goalTermsMade`, `goalTermsCut`), which the prove summary sums.
 */
import type { RAtom, Rule } from "../rules.js";
import { MEMBER_PRED } from "../rules.js";

/** What the closure needs from a block under saturation. */
export interface GoalTermView {
  readonly operators: readonly ({ readonly inputs: readonly number[]; readonly output: number } | null)[];
  /** Canonical constants that some live membership fact puts in a set, with their witness depth. */
  members(): ReadonlyMap<number, number>;
  /** Whether the live fact pred[args] (positive) exists; args are canonical constants. */
  holds(pred: number, args: readonly number[]): boolean;
  /** The canonical constant a live fact gives `pred[args]` at `hole` (args[hole] is -1), or -1. */
  valueOf(pred: number, args: readonly number[], hole: number): number;
  /** Asks for the term `pred[args]`, args[hole] unknown (-1). */
  demand(pred: number, args: number[], hole: number): void;
}

/** A totality axiom read as a term former: its body atom, the input variables, the output slot. */
interface Former {
  readonly rule: Rule;
  readonly atom: RAtom;
  readonly hole: number;
  /** The rule's universal variables, in order of first occurrence in the atom's inputs. */
  readonly vars: readonly number[];
}

const formerCache = new WeakMap<readonly Rule[], Former[]>();

/** The term formers of the run's rules: demand-only existentials whose witness is an operator output. */
export function termFormers(rules: readonly Rule[], operators: GoalTermView["operators"]): readonly Former[] {
  const cached = formerCache.get(rules);
  if (cached) return cached;
  const out: Former[] = [];
  for (const r of rules) {
    if (!r.exists || !r.demandOnly) continue;
    for (const atom of r.exists.body) {
      const op = operators[atom.pred];
      if (!op || atom.neg) continue;
      const w = atom.args[op.output]!;
      if (w < 0 || !r.exists.witnesses.includes(w)) continue;
      const vars: number[] = [];
      let ok = true;
      atom.args.forEach((t, i) => {
        if (i === op.output || t < 0) return;
        if (r.exists!.witnesses.includes(t)) ok = false;
        else if (!vars.includes(t)) vars.push(t);
      });
      // Every universal variable must be an input, or the term is not determined by its inputs.
      const universal = new Set<number>();
      for (const p of r.premises) for (const t of p.args) if (t >= 0) universal.add(t);
      for (const v of universal) if (!vars.includes(v)) ok = false;
      if (ok && vars.length > 0) out.push({ rule: r, atom, hole: op.output, vars });
    }
  }
  // Unary formers first: their terms are few, and the bound should cut the quadratic ones.
  out.sort((a, b) => a.vars.length - b.vars.length || a.rule.index - b.rule.index);
  formerCache.set(rules, out);
  return out;
}

export interface GoalTermCounts {
  /** Terms demanded (each a term no fact gave a value). */
  readonly made: number;
  /** Terms of the closure left out by the bound. */
  readonly cut: number;
}

/**
 * Demands the terms of nesting level `level` over the block's seeds (constants of witness
 * depth 0 that are members of a set), up to `bound` terms. Level 1: every former applied to
 * seeds. Level k > 1: a unary former applied to any term of a lower level, a former of two or
 * more inputs applied to seeds and unary terms of lower levels only (inv(inv(c)), c·inv(c), but
 * not (c·d)·e: unary formers cost one term per operand, binary ones the square). Terms that
 * already have a value are skipped without counting. Deterministic: formers by input count,
 * then rule order; operand tuples in ascending constant order.
 */
export function demandGoalTerms(
  v: GoalTermView,
  rules: readonly Rule[],
  level: number,
  bound: number,
): GoalTermCounts {
  const formers = termFormers(rules, v.operators);
  if (formers.length === 0 || bound <= 0) return { made: 0, cut: 0 };
  const seeds = [...v.members()]
    .filter(([, d]) => d === 0)
    .map(([c]) => c)
    .sort((a, b) => a - b);
  // Operands of lower levels: all terms (for unary formers) and unary ones (for the others).
  let all = new Set(seeds);
  let unary = new Set(seeds);
  let made = 0;
  let cut = 0;
  for (let k = 1; k <= level; k++) {
    const nextAll = new Set(all);
    const nextUnary = new Set(unary);
    const last = k === level;
    for (const f of formers) {
      const operands = [...(f.vars.length === 1 ? all : unary)].sort((a, b) => a - b);
      forEachTuple(f, operands, v, (args) => {
        const out = v.valueOf(f.atom.pred, args, f.hole);
        if (out >= 0) {
          nextAll.add(out);
          if (f.vars.length === 1) nextUnary.add(out);
          return;
        }
        if (!last) return;
        if (made >= bound) {
          cut++;
          return;
        }
        made++;
        v.demand(f.atom.pred, args, f.hole);
      });
    }
    all = nextAll;
    unary = nextUnary;
  }
  return { made, cut };
}

/** Calls `visit` with the atom's arguments (hole -1) for every operand tuple whose memberships hold. */
function forEachTuple(
  f: Former,
  operands: readonly number[],
  v: GoalTermView,
  visit: (args: number[]) => void,
): void {
  const binding = new Map<number, number>();
  const tuple = (k: number): void => {
    if (k === f.vars.length) {
      // The axiom's own premises (memberships) must hold for the demand to be served.
      for (const p of f.rule.premises) {
        if (p.pred !== MEMBER_PRED || p.neg) return;
        if (!v.holds(p.pred, ground(p.args, binding))) return;
      }
      const args = ground(f.atom.args, binding);
      args[f.hole] = -1;
      visit(args);
      return;
    }
    for (const c of operands) {
      binding.set(f.vars[k]!, c);
      tuple(k + 1);
    }
    binding.delete(f.vars[k]!);
  };
  tuple(0);
}

/** Rule terms under a binding of its variables; constants `-(id+1)` become `id`. */
function ground(args: readonly number[], binding: ReadonlyMap<number, number>): number[] {
  return args.map((t) => (t < 0 ? -t - 1 : (binding.get(t) ?? -1)));
}

/** A run's goal-directed terms, summed over its blocks (for the prove summary). */
export interface GoalTermTotals {
  /** Terms made, and terms the per-block bound cut. */
  readonly made: number;
  readonly cut: number;
  /** Blocks that made some, and blocks where the bound cut some. */
  readonly blocks: number;
  readonly blocksCut: number;
}

export function goalTermTotals(
  blocks: readonly { readonly meta: { goalTermsMade?: number; goalTermsCut?: number } }[],
): GoalTermTotals {
  let made = 0;
  let cut = 0;
  let withTerms = 0;
  let withCut = 0;
  for (const b of blocks) {
    const m = b.meta.goalTermsMade ?? 0;
    const c = b.meta.goalTermsCut ?? 0;
    made += m;
    cut += c;
    if (m > 0) withTerms++;
    if (c > 0) withCut++;
  }
  return { made, cut, blocks: withTerms, blocksCut: withCut };
}

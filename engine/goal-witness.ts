/**
 * Witnesses for existential goals. A goal `D[ā]` whose definition has an existential body
 * (`a ≤ c` as ∃d. a + d = c) is proved by the definition's introduction rule
 * `in[d,N] ∧ a + d = c → D[a,c]` (mpl/lower.ts), which the ordinary joins apply as soon as the
 * body's facts exist. Often they do not: `a ≤ a` needs the term a + 0, which nothing asks for.
 * This search binds the rule's head to the goal, tries the block's own constants (never
 * witnesses, so the search stays bounded) for the body's variables, and demands every operator
 * term whose inputs are then known (a + 0, a + 1, …). The served demands and the theory's
 * rules make the body true for some candidate, and the introduction rule then proves the goal
 * as a normal, verified rule step that names the witness in its binding.
 */
import type { RAtom, Rule } from "./rules.js";

const UNBOUND = -2147483648;

/** What the search needs from a block under saturation. */
export interface GoalSearchView {
  readonly operators: readonly ({ readonly inputs: readonly number[]; readonly output: number } | null)[];
  /** Alive facts that may match `p` under `binding`. */
  candidates(p: RAtom, binding: Int32Array): readonly number[];
  /** Binds `p` against fact `f`: the trail mark, or -1 when it does not match. */
  matchInto(p: RAtom, f: number, binding: Int32Array): number;
  unwind(binding: Int32Array, mark: number): void;
  /** The value of a pattern term under `binding` (canonical constant, or UNBOUND). */
  valueOf(t: number, binding: Int32Array): number;
  /** A constant made by an existential (a witness). */
  isWitness(c: number): boolean;
  /** Asks for the term `pred[args]` with `args[hole]` unknown (-1). */
  demand(pred: number, args: number[], hole: number): void;
  /** A clause predicate (an implication's auxiliary predicate) that implication introduction can conclude. */
  isClause(pred: number): boolean;
  /** Asks for the clause atom `pred[args]` by implication introduction (engine/saturate/implication.ts). */
  introduce(pred: number, args: number[]): void;
}

/** Combinations tried per goal and rule in one round. */
const BUDGET = 256;

/** Axioms concluding a positive atom of `pred` (a defined predicate: its introduction rules). */
export function introductionRules(rules: readonly Rule[], pred: number): Rule[] {
  return rules.filter(
    (r) =>
      r.kind === "axiom" && r.head !== null && r.head.pred === pred && !r.head.neg && r.premises.length > 0,
  );
}

/** Searches witnesses for the goal `pred[goal]` through the introduction rule `r`. */
export function searchWitnesses(v: GoalSearchView, r: Rule, goal: readonly number[]): void {
  const head = r.head;
  if (head === null) return;
  const binding = new Int32Array(r.nvars).fill(UNBOUND);
  for (let i = 0; i < head.args.length; i++) {
    const t = head.args[i] as number;
    const g = goal[i] as number;
    if (t < 0) {
      if (v.valueOf(t, binding) !== g) return;
    } else if (binding[t] === UNBOUND) binding[t] = g;
    else if (binding[t] !== g) return;
  }
  const matched = new Array<boolean>(r.premises.length).fill(false);
  const budget = { left: BUDGET };
  step(v, r, binding, matched, budget);
}

function inputsKnown(v: GoalSearchView, p: RAtom, binding: Int32Array): boolean {
  const op = v.operators[p.pred];
  if (!op || p.neg) return false;
  return p.args.every((t, i) => i === op.output || v.valueOf(t, binding) !== UNBOUND);
}

function step(
  v: GoalSearchView,
  r: Rule,
  binding: Int32Array,
  matched: boolean[],
  budget: { left: number },
): void {
  if (budget.left-- <= 0) return;
  // An operator premise whose inputs are known: its fact fixes the output, or it is demanded.
  for (let i = 0; i < r.premises.length; i++) {
    const p = r.premises[i] as RAtom;
    if (matched[i] || !inputsKnown(v, p, binding)) continue;
    const op = v.operators[p.pred]!;
    let any = false;
    for (const f of v.candidates(p, binding)) {
      const mark = v.matchInto(p, f, binding);
      if (mark < 0) continue;
      any = true;
      matched[i] = true;
      step(v, r, binding, matched, budget);
      matched[i] = false;
      v.unwind(binding, mark);
    }
    if (!any) {
      const args = p.args.map((t, k) => (k === op.output ? -1 : v.valueOf(t, binding)));
      v.demand(p.pred, args, op.output);
    }
    return;
  }
  // A clause premise with every argument known and no fact: asked for by implication
  // introduction, and the search goes on as if it held (what else the body needs is asked too).
  for (let i = 0; i < r.premises.length; i++) {
    const p = r.premises[i] as RAtom;
    if (matched[i] || p.neg || !v.isClause(p.pred)) continue;
    const args = p.args.map((t) => v.valueOf(t, binding));
    if (args.includes(UNBOUND) || v.candidates(p, binding).length > 0) continue;
    v.introduce(p.pred, args);
    matched[i] = true;
    step(v, r, binding, matched, budget);
    matched[i] = false;
    return;
  }
  // Otherwise the unmatched premise with the fewest candidates, operator premises last (they
  // can be demanded once their inputs are bound); new bindings only to non-witnesses.
  let best = -1;
  let bestCands: readonly number[] = [];
  let bestIsOp = true;
  for (let i = 0; i < r.premises.length; i++) {
    if (matched[i]) continue;
    const p = r.premises[i] as RAtom;
    const isOp = v.operators[p.pred] != null;
    const c = v.candidates(p, binding);
    if (best < 0 || (bestIsOp && !isOp) || (isOp === bestIsOp && c.length < bestCands.length)) {
      best = i;
      bestCands = c;
      bestIsOp = isOp;
    }
  }
  if (best < 0) return; // every premise holds: the ordinary joins apply the rule
  const p = r.premises[best] as RAtom;
  const unbound = p.args.filter((t) => t >= 0 && binding[t] === UNBOUND);
  for (const f of bestCands) {
    const mark = v.matchInto(p, f, binding);
    if (mark < 0) continue;
    if (unbound.some((t) => v.isWitness(binding[t] as number))) {
      v.unwind(binding, mark);
      continue;
    }
    matched[best] = true;
    step(v, r, binding, matched, budget);
    matched[best] = false;
    v.unwind(binding, mark);
    if (budget.left <= 0) return;
  }
}

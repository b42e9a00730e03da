/**
 * Exact evaluation: the second filter stage, after the ground model, for the survivors the
 * model could not evaluate on every assignment of the test range (some value past its
 * numeral bound, say `4 ^ 9`). Their assignments are evaluated on the host with the closed
 * forms of the theory's iterated functions (closed-forms.ts: `+`, `·`, `^` read off their
 * defining axioms), exactly in bigint, and with the guide's recursion (evaluate.ts) for the
 * other functions; a candidate whose two sides differ at some assignment is rejected.
 *
 * Not certified, and reported apart from the ground model's refutations: no value here is a
 * theorem the engine proved. It is sound as a filter all the same: a rejected candidate never
 * reaches the prover, so a wrong value could only lose a true theorem, never report a false one
 * as proved (whatever is reported proved still passes the independent verifier).
 */
import type { Conjecture, Theory } from "../../mpl/theory.js";
import { filterCandidates, type GroundModel, type Refutation } from "../conjecture/index.js";
import { applyClosedForm, type ClosedForm, closedForms, describeClosedForm } from "./closed-forms.js";
import type { GroundEvaluator } from "./evaluate.js";

export interface ExactFilterResult {
  /** Closed forms of the theory's iterated functions, by function id (ascending). */
  readonly forms: ReadonlyMap<number, ClosedForm>;
  /** The candidates looked at: survivors the ground model left unevaluated somewhere. */
  readonly examined: number;
  /**
   * Candidates rejected, in candidate order: the first assignment (the filter's order) where
   * the two sides differ, both values, and the evaluated values used (`4 ^ 9 = 262144`).
   */
  readonly rejected: readonly Refutation[];
  /** Every survivor not rejected, in order. */
  readonly survivors: readonly Conjecture[];
  /** Examined candidates not rejected that still have an assignment evaluation could not reach. */
  readonly undecided: number;
}

/**
 * Evaluates the `undecided` among `survivors` on the test range 0..size (the ground model's),
 * and splits the survivors into those kept and those rejected.
 */
export function exactFilter(
  theory: Theory,
  guide: GroundEvaluator,
  survivors: readonly Conjecture[],
  undecided: ReadonlySet<Conjecture>,
  size: number,
): ExactFilterResult {
  const roles = theory.anchor?.roles;
  const examine = survivors.filter((c) => undecided.has(c));
  const forms = roles
    ? closedForms(guide.programs, (op) => (theory.constants[op]?.type === "operation" ? 2 : 1), roles)
    : new Map<number, ClosedForm>();
  if (!roles || examine.length === 0)
    return { forms, examined: examine.length, rejected: [], survivors: [...survivors], undecided: 0 };
  const symbol = (id: number) => theory.constants[id]?.name ?? `#${id}`;
  const constants = new Map<number, number>();
  for (const k of theory.constants) {
    const v = k.type === "element" ? guide.constant(k.id) : undefined;
    if (v !== undefined) constants.set(k.id, v);
  }
  const value = (op: number, inputs: readonly number[]): number | undefined => {
    if (op === roles.successor) return inputs[0]! < Number.MAX_SAFE_INTEGER ? inputs[0]! + 1 : undefined;
    const form = forms.get(op);
    return form ? applyClosedForm(form, inputs) : guide.value(op, inputs);
  };
  const model: GroundModel = {
    domain: Array.from({ length: size + 1 }, (_, i) => i),
    constants,
    apply: value,
    source(op, inputs) {
      const v = value(op, inputs);
      return inputs.length === 2
        ? `${inputs[0]} ${symbol(op)} ${inputs[1]} = ${v}`
        : `${symbol(op)}(${inputs[0]}) = ${v}`;
    },
    constantSource: (id) => (id === roles.zero ? null : `${symbol(id)} = ${constants.get(id)}`),
  };
  const rejected: Refutation[] = [];
  const rejectedSet = new Set<Conjecture>();
  let stillUndecided = 0;
  for (const c of examine) {
    let missed = false;
    const recording: GroundModel = {
      ...model,
      apply(op, inputs) {
        const v = value(op, inputs);
        if (v === undefined) missed = true;
        return v;
      },
    };
    const r = filterCandidates([c], theory, recording).refuted[0];
    if (r !== undefined) {
      rejected.push(r);
      rejectedSet.add(c);
    } else if (missed) stillUndecided++;
  }
  return {
    forms,
    examined: examine.length,
    rejected,
    survivors: survivors.filter((c) => !rejectedSet.has(c)),
    undecided: stillUndecided,
  };
}

/** The closed forms as text by function name, e.g. `^` → `a ^ b = a^b` (for reports). */
export function closedFormTexts(
  theory: Theory,
  forms: ReadonlyMap<number, ClosedForm>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [op, form] of [...forms].sort((a, b) => a[0] - b[0])) {
    const name = theory.constants[op]?.name ?? `#${op}`;
    out[name] = describeClosedForm(form, name);
  }
  return out;
}

/**
 * Instantiation checks shared by the rule, theorem, hypothesis and witness steps: the step's
 * binding gives one name per variable of the cited pattern, and the cited steps are the
 * pattern's premises under that binding, in order.
 */
import type { AtomJson, StepJson } from "../export/schema.js";
import { bindingMap, formatAtom, instantiate, sameAtom } from "./atoms.js";

/** `1 name`, `2 names`. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The conclusion is the head of `label` under the binding, the premises its premises in order. */
export function instanceProblem(
  label: string,
  pattern: { vars: readonly string[]; premises: readonly AtomJson[]; head: AtomJson },
  step: StepJson,
  premises: readonly StepJson[],
  binding: readonly string[] | undefined = step.binding,
): string | null {
  if (!binding) return `the step gives no binding for ${label}`;
  if (binding.length !== pattern.vars.length) {
    return `the binding has ${count(binding.length, "name")} but ${label} has ${count(pattern.vars.length, "variable")}`;
  }
  const map = bindingMap(pattern.vars, binding);
  const head = instantiate(pattern.head, map);
  if (!sameAtom(step.fact, head)) {
    return `conclusion ${formatAtom(step.fact)} is not the head of ${label} under the binding (expected ${formatAtom(head)})`;
  }
  return premisesProblem(label, pattern.premises, map, premises);
}

export function premisesProblem(
  label: string,
  patterns: readonly AtomJson[],
  map: ReadonlyMap<string, string>,
  premises: readonly StepJson[],
): string | null {
  if (patterns.length !== premises.length) {
    return `${label} has ${count(patterns.length, "premise")} but the step cites ${premises.length}`;
  }
  for (const [i, p] of premises.entries()) {
    const expected = instantiate(patterns[i]!, map);
    if (!sameAtom(p.fact, expected)) {
      return `premise ${i + 1} (step ${p.n}: ${formatAtom(p.fact)}) is not premise ${i + 1} of ${label} under the binding (expected ${formatAtom(expected)})`;
    }
  }
  return null;
}

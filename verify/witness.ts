/**
 * Witness steps: existential elimination with a fresh name.
 */
import type { StepJson } from "../export/schema.js";
import { bindingMap, formatAtom, instantiate, sameAtom } from "./atoms.js";
import { count, premisesProblem } from "./instance.js";
import type { TheoremScope } from "./scope.js";

/**
 * One body atom of an `exists` axiom under the binding; the witness variables are bound to
 * fresh names. A name is fresh where it is first introduced: no earlier step's fact, the
 * statement, the constants or the predecessor mention it. Later witness steps may reuse it
 * only for the same instantiation (the other body atoms of the same witness).
 */
export function witnessProblem(
  step: StepJson,
  s: TheoremScope,
  premises: readonly StepJson[],
): string | null {
  const ref = step.ref!;
  const e = s.anchor.axioms.get(ref)!;
  const witnessVars = e.witnesses ?? [];
  const binding = step.binding;
  if (!binding || binding.length !== e.vars.length) {
    return `the binding has ${count(binding?.length ?? 0, "name")} but ${ref} has ${count(e.vars.length, "variable")}`;
  }
  const map = bindingMap(e.vars, binding);
  const fresh = witnessVars.map((v) => map.get(v)!);
  if (step.witness === undefined || !fresh.includes(step.witness)) {
    return `witness ${step.witness ?? "(none)"} is not what the binding gives the witness variable of ${ref} (${fresh.join(",")})`;
  }
  if (new Set(fresh).size !== fresh.length) return `the binding gives two witnesses of ${ref} the same name`;
  const clash = e.vars.find((v) => !witnessVars.includes(v) && fresh.includes(map.get(v)!));
  if (clash) return `the binding maps ${clash} of ${ref} to the witness ${map.get(clash)}`;
  const body = (e.body ?? []).map((b) => instantiate(b, map));
  if (!body.some((b) => sameAtom(b, step.fact))) {
    return `fact ${formatAtom(step.fact)} is not a body atom of ${ref} under the binding (body: ${body.map(formatAtom).join(", ")})`;
  }
  const premiseProblem = premisesProblem(ref, e.premises, map, premises);
  if (premiseProblem) return premiseProblem;
  const key = JSON.stringify([ref, binding]);
  for (const w of fresh) {
    const before = s.witnesses.get(w);
    if (before) {
      if (before.key !== key)
        return `witness ${w} was already introduced at step ${before.n} by another instantiation`;
      continue;
    }
    const used = s.firstMention.get(w);
    if (used !== undefined) return `witness ${w} is not fresh: step ${used} mentions it`;
    if (s.theorem.statement.vars.includes(w)) return `witness ${w} is not fresh: it is a statement variable`;
    if (s.anchor.constants.has(w)) return `witness ${w} is not fresh: it is a theory constant`;
    if (w === s.theorem.induction?.predecessor)
      return `witness ${w} is not fresh: it is the induction predecessor`;
    s.witnesses.set(w, { key, n: step.n });
  }
  return null;
}

/**
 * Implication introduction: `intro` and `suppose` steps and the scopes of their sub-derivations
 * (export/schema.ts). A clause atom `D.impK[ā]` stands for an implication of definition D's
 * text, and the compiler (whose axioms the verifier recompiles from the sources) gives it
 * elimination axioms whose conjunction is that implication. So the clause holds when, for each
 * elimination axiom, its head was derived from its premises for constants fresh in the proof:
 * the case's steps (its scope) may cite steps outside, nothing outside cites them, and no step
 * outside mentions its fresh constants.
 */
import type { EntityJson, StepJson } from "../export/schema.js";
import { bindingMap, formatAtom, instantiate, sameAtom } from "./atoms.js";
import { count } from "./instance.js";
import type { TheoremScope } from "./scope.js";

/**
 * The scopes a step lies in, innermost first, as `intro:case` keys; a string says why the
 * step's scope is not one.
 */
export function scopeChain(step: StepJson, steps: ReadonlyMap<number, StepJson>): string[] | string {
  const chain: string[] = [];
  let at = step;
  while (at.scope !== undefined) {
    const { intro, case: c } = at.scope;
    const owner = steps.get(intro);
    if (owner?.kind !== "intro" || intro <= at.n)
      return `scope ${intro} is not a later intro step of the theorem`;
    if (c < 0 || c >= (owner.cases?.length ?? 0)) return `scope ${intro} has no case ${c}`;
    chain.push(`${intro}:${c}`);
    at = owner;
  }
  return chain;
}

/** Whether a step in scopes `inner` may cite one in scopes `outer`: those lie around it. */
export function sees(inner: readonly string[], outer: readonly string[]): boolean {
  if (outer.length > inner.length) return false;
  const off = inner.length - outer.length;
  return outer.every((k, i) => inner[off + i] === k);
}

/** The elimination axioms of a clause predicate, in axiom order. */
function eliminations(pred: string, s: TheoremScope): EntityJson[] {
  return [...s.anchor.axioms.values()].filter((e) => e.origin.via === pred && e.premises[0]?.pred === pred);
}

/** `suppose`: a premise (not the clause) of its case's elimination axiom under the case's binding. */
export function supposeProblem(step: StepJson, s: TheoremScope): string | null {
  if (step.premises.length > 0) return "a suppose step cites no other steps";
  if (!step.scope) return "a suppose step must lie in the scope of an intro step";
  const owner = s.steps.get(step.scope.intro);
  const c = owner?.kind === "intro" ? owner.cases?.[step.scope.case] : undefined;
  if (!c) return `scope ${step.scope.intro} is not a case of an intro step`;
  const e = s.anchor.axioms.get(c.ref);
  if (!e) return `the case cites unknown axiom ${c.ref}`;
  const i = step.index;
  if (i === undefined || i < 1 || i >= e.premises.length)
    return `index ${i ?? "(none)"} is not a premise of ${c.ref} after its clause (it has ${e.premises.length})`;
  const expected = instantiate(e.premises[i]!, bindingMap(e.vars, c.binding));
  return sameAtom(step.fact, expected)
    ? null
    : `fact ${formatAtom(step.fact)} is not premise ${i} of ${c.ref} under the case's binding (expected ${formatAtom(expected)})`;
}

/** `intro`: the clause from one derived case per elimination axiom, each with fresh constants. */
export function introProblem(step: StepJson, s: TheoremScope, premises: readonly StepJson[]): string | null {
  const pred = step.fact.pred;
  if (step.fact.neg === true) return "an intro step concludes a positive clause atom";
  const elims = eliminations(pred, s);
  const owner = elims[0]?.origin.definition;
  if (owner === undefined || !new RegExp(`^${escapeRegExp(owner)}\\.imp\\d+$`).test(pred))
    return `${pred} is not an implication of a definition (no elimination axioms with origin ${pred})`;
  if (!s.definitions.has(owner))
    return `the clause ${pred} needs definition ${owner} from the sources, which the verifier did not compile`;
  const cases = step.cases ?? [];
  const ids = elims.map((e) => e.id);
  if (cases.length !== elims.length || cases.some((c, j) => c.ref !== ids[j]))
    return `the cases cite [${cases.map((c) => c.ref).join(",")}], not the elimination axioms of ${pred} [${ids.join(",")}]`;
  if (premises.length !== cases.length)
    return `an intro step cites one goal per case (${cases.length}), not ${premises.length}`;
  const outer = scopeChain(step, s.steps);
  if (typeof outer === "string") return outer;
  for (let j = 0; j < cases.length; j++) {
    const problem = caseProblem(step, j, elims[j]!, premises[j]!, outer, s);
    if (problem) return `case ${j} (${elims[j]!.id}): ${problem}`;
  }
  return null;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function caseProblem(
  step: StepJson,
  j: number,
  e: EntityJson,
  goal: StepJson,
  outer: readonly string[],
  s: TheoremScope,
): string | null {
  const c = step.cases![j]!;
  if (s.anchor.rejected.has(e.id)) return `${e.id} is not given by the sources as it stands`;
  if (e.kind !== "rule" || !e.head) return `${e.id} is of kind ${e.kind}, not a rule`;
  if (c.binding.length !== e.vars.length)
    return `the binding has ${count(c.binding.length, "name")} but ${e.id} has ${count(e.vars.length, "variable")}`;
  const map = bindingMap(e.vars, c.binding);
  const clause = instantiate(e.premises[0]!, map);
  if (!sameAtom(clause, step.fact))
    return `the binding makes the clause ${formatAtom(clause)}, not the fact ${formatAtom(step.fact)}`;
  const head = instantiate(e.head, map);
  if (!sameAtom(goal.fact, head))
    return `premise ${goal.n} proves ${formatAtom(goal.fact)}, not the case's head ${formatAtom(head)}`;
  const here = [`${step.n}:${j}`, ...outer];
  const goalChain = scopeChain(goal, s.steps);
  if (typeof goalChain === "string" || !sees(here, goalChain))
    return `premise ${goal.n} lies in a scope the case does not see`;
  const clauseVars = new Set(e.premises[0]!.args.filter((a) => e.vars.includes(a)));
  const fresh = e.vars.filter((v) => !clauseVars.has(v)).map((v) => map.get(v)!);
  if (new Set(fresh).size !== fresh.length) return "the binding gives two fresh variables the same constant";
  const key = `${step.n}:${j}`;
  for (const x of fresh) {
    if (step.fact.args.includes(x)) return `${x} is not fresh: the clause mentions it`;
    if (s.anchor.constants.has(x)) return `${x} is not fresh: it is a theory constant`;
    if (s.theorem.statement.vars.includes(x)) return `${x} is not fresh: it is a statement variable`;
    if (x === s.theorem.induction?.predecessor) return `${x} is not fresh: it is the induction predecessor`;
    for (const t of s.theorem.steps) {
      if (!t.fact.args.includes(x)) continue;
      const chain = scopeChain(t, s.steps);
      if (typeof chain === "string" || !chain.includes(key))
        return `${x} is not fresh: step ${t.n}, outside the case, mentions it`;
    }
  }
  return null;
}

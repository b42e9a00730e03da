/**
 * One check per step kind, exactly as export/schema.ts defines the kinds. A step is checked
 * against the facts its premises claim; a wrong premise fails at its own step, so the first
 * failure of a theorem points at the first wrong step.
 */
import type { EntityJson, Section, StatementJson, StepJson } from "../export/schema.js";
import { atomProblem } from "./anchor.js";
import { formatAtom, makeAtom, sameAtom, sameNames } from "./atoms.js";
import { comprehensionProblem } from "./comprehension.js";
import { eqSubstProblem, eqSymmProblem, eqTransProblem, reflProblem } from "./equality.js";
import { goalLabel, sectionGoal } from "./goals.js";
import { replaceVar } from "./induction.js";
import { instanceProblem } from "./instance.js";
import { introProblem, scopeChain, sees, supposeProblem } from "./intro.js";
import type { TheoremScope } from "./scope.js";
import { witnessProblem } from "./witness.js";

/** `main` sees main, `base` sees base, `step` sees main and step. */
function mayCite(from: Section, to: Section): boolean {
  return from === to || (from === "step" && to === "main");
}

function placeProblem(step: StepJson, s: TheoremScope): string | null {
  const { method } = s.theorem;
  if (method !== "induction" && step.section !== "main") {
    return `a ${method} proof has only main steps, not ${step.section}`;
  }
  if ((step.kind === "succ" || step.kind === "hypothesis") && step.section !== "step") {
    return `${step.kind} steps belong to the step section of an induction`;
  }
  const goal = sectionGoal(s.theorem, step.section, s.anchor);
  if (step.kind === "assume" && (method === "direct" || goal?.neg !== true)) {
    return "assume steps belong to proofs by contradiction and to the base and step of an induction with a negated head";
  }
  if (step.kind === "contradiction" && !goal) {
    return "a contradiction step concludes its section's goal, and the main section of an induction has none";
  }
  return null;
}

function premiseStepProblem(step: StepJson, s: TheoremScope): string | null {
  const { statement, induction } = s.theorem;
  const i = step.index;
  const premise = i === undefined ? undefined : statement.premises[i];
  if (!premise)
    return `index ${i ?? "(none)"} is not a premise of the statement (it has ${statement.premises.length})`;
  let expected = premise;
  if (step.section === "base") {
    if (!induction || s.anchor.zero === undefined)
      return "a base premise needs an induction and a zero constant";
    expected = replaceVar(premise, induction.var, s.anchor.zero);
  }
  if (step.premises.length > 0) return "a premise step cites no other steps";
  const where = step.section === "base" ? ` with ${induction?.var} := ${s.anchor.zero}` : "";
  return sameAtom(step.fact, expected)
    ? null
    : `fact ${formatAtom(step.fact)} is not the statement's premise at index ${i}${where} (expected ${formatAtom(expected)})`;
}

/** The axiom a step cites, or why it cannot cite it. */
function citedAxiom(step: StepJson, s: TheoremScope): { ref: string; e: EntityJson } | string {
  const ref = step.ref ?? "(none)";
  const e = s.anchor.axioms.get(ref);
  if (!e) return `cites unknown axiom ${ref}`;
  if (s.anchor.rejected.has(ref)) return `cites axiom ${ref}, which the sources do not give as it stands`;
  return { ref, e };
}

function axiomStepProblem(step: StepJson, s: TheoremScope, premises: readonly StepJson[]): string | null {
  const cited = citedAxiom(step, s);
  if (typeof cited === "string") return cited;
  const { ref, e } = cited;
  const want = step.kind === "axiom" ? "fact" : step.kind === "rule" ? "rule" : "exists";
  if (e.kind !== want) return `${ref} is of kind ${e.kind}, not ${want}`;
  if (e.kind === "exists" && e.origin.via === `${e.origin.definition} (comprehension)`)
    return `${ref} is ${e.origin.definition}'s comprehension axiom, which only a comprehension step may cite`;
  if (e.kind === "exists") return witnessProblem(step, s, premises);
  if (!e.head) return `${ref} has no head`;
  return instanceProblem(
    ref,
    { vars: e.vars, premises: e.premises, head: e.head },
    step,
    premises,
    step.binding ?? (e.kind === "fact" ? [] : undefined),
  );
}

/**
 * A set named by a set definition's comprehension axiom: the axiom must be one (checked against
 * the definition's text, verify/comprehension.ts), then the step is a witness step.
 */
function comprehensionStepProblem(
  step: StepJson,
  s: TheoremScope,
  premises: readonly StepJson[],
): string | null {
  const cited = citedAxiom(step, s);
  if (typeof cited === "string") return cited;
  const { ref, e } = cited;
  const name = e.origin.definition;
  if (e.origin.via !== `${name} (comprehension)`)
    return `${ref} is not the comprehension axiom of a definition (its origin is ${e.origin.via})`;
  const problem = comprehensionProblem(e, name, s.definitions.get(name));
  return problem ?? witnessProblem(step, s, premises);
}

/**
 * `D[ā]` by its definition: the axiom must be D's introduction axiom (compiled from the sources
 * like every axiom, so its body is the definition's), then it is checked as a rule instance.
 */
function definitionStepProblem(
  step: StepJson,
  s: TheoremScope,
  premises: readonly StepJson[],
): string | null {
  const ref = step.ref ?? "(none)";
  const e = s.anchor.axioms.get(ref);
  if (!e) return `cites unknown axiom ${ref}`;
  if (e.kind !== "rule" || !e.head) return `${ref} is of kind ${e.kind}, not an introduction rule`;
  if (e.origin.via !== `${e.origin.definition} (introduction)` || e.head.pred !== e.origin.definition)
    return `${ref} is not the introduction axiom of a definition (its origin is ${e.origin.via})`;
  return instanceProblem(
    ref,
    { vars: e.vars, premises: e.premises, head: e.head },
    step,
    premises,
    step.binding,
  );
}

function theoremStepProblem(step: StepJson, s: TheoremScope, premises: readonly StepJson[]): string | null {
  const ref = step.ref ?? "(none)";
  const at = s.positions.get(ref);
  const imported = s.imports.get(ref);
  if (at === undefined && imported !== undefined) {
    if (!imported.ok) return `cites the import ${ref}, which did not verify`;
    return instanceProblem(ref, imported.statement, step, premises);
  }
  if (at === undefined) return `cites unknown theorem ${ref}`;
  if (at === s.position) return `${ref} cites itself`;
  if (at > s.position) return `cites ${ref}, which comes later`;
  if (s.verified.get(ref) !== true) return `cites failed theorem ${ref}`;
  return instanceProblem(ref, s.theorems[at]!.statement, step, premises);
}

function hypothesisStepProblem(
  step: StepJson,
  s: TheoremScope,
  premises: readonly StepJson[],
): string | null {
  if (step.ref !== "hypothesis")
    return `a hypothesis step has ref "hypothesis", not ${JSON.stringify(step.ref)}`;
  const hypothesis: StatementJson | undefined = s.theorem.induction?.hypothesis;
  if (!hypothesis) return "there is no induction hypothesis";
  return instanceProblem("the induction hypothesis", hypothesis, step, premises);
}

function succProblem(step: StepJson, s: TheoremScope): string | null {
  const ind = s.theorem.induction;
  if (!ind || s.anchor.successor === undefined)
    return "a succ step needs an induction and a successor constant";
  if (step.premises.length > 0) return "a succ step cites no other steps";
  const expected = makeAtom("in2", [ind.predecessor, ind.var, s.anchor.successor], false);
  return sameAtom(step.fact, expected)
    ? null
    : `fact ${formatAtom(step.fact)} is not the successor assumption ${formatAtom(expected)}`;
}

function assumeProblem(step: StepJson, s: TheoremScope): string | null {
  const goal = sectionGoal(s.theorem, step.section, s.anchor)!;
  const label = goalLabel(s.theorem, step.section);
  if (step.premises.length > 0) return "an assume step cites no other steps";
  const expected = makeAtom(goal.pred, goal.args, false);
  return sameAtom(step.fact, expected)
    ? null
    : `fact ${formatAtom(step.fact)} is not the ${label} ${formatAtom(goal)} without its negation (expected ${formatAtom(expected)})`;
}

/** Ex falso: the section's goal from an atom and its negation, or from ¬ a = a alone. */
function contradictionProblem(step: StepJson, s: TheoremScope, premises: readonly StepJson[]): string | null {
  const goal = sectionGoal(s.theorem, step.section, s.anchor)!;
  const label = goalLabel(s.theorem, step.section);
  if (!sameAtom(step.fact, goal))
    return `fact ${formatAtom(step.fact)} is not the ${label} ${formatAtom(goal)}`;
  const facts = premises.map((p) => p.fact);
  const [a, b] = facts;
  if (facts.length === 1 && a) {
    const [x, y] = a.args;
    if (a.pred === "=" && a.neg === true && a.args.length === 2 && x === y) return null;
    return `a single premise closes only as !=[x,x], not ${formatAtom(a)}`;
  }
  if (facts.length !== 2 || !a || !b) return `a contradiction cites two premises, not ${facts.length}`;
  const complementary =
    a.pred === b.pred && (a.neg === true) !== (b.neg === true) && sameNames(a.args, b.args);
  return complementary
    ? null
    : `premises ${formatAtom(a)} and ${formatAtom(b)} are not an atom and its negation`;
}

/** Why the step is wrong, or null. Updates the scope's mention and witness tables. */
export function stepProblem(step: StepJson, s: TheoremScope): string | null {
  const problem = checkStep(step, s);
  for (const x of step.fact.args) if (!s.firstMention.has(x)) s.firstMention.set(x, step.n);
  return problem;
}

function checkStep(step: StepJson, s: TheoremScope): string | null {
  const place = placeProblem(step, s);
  if (place) return place;
  const factProblem = atomProblem(step.fact, s.anchor, null);
  if (factProblem) return `fact ${factProblem}`;
  const chain = scopeChain(step, s.steps);
  if (typeof chain === "string") return chain;
  const premises: StepJson[] = [];
  for (const [j, k] of step.premises.entries()) {
    const p = s.steps.get(k);
    if (!p) return `premise ${k} is not a step of ${s.theorem.id}`;
    if (k >= step.n) return `premise ${k} does not come before step ${step.n}`;
    if (!mayCite(step.section, p.section))
      return `a ${step.section} step cannot cite step ${k} of the ${p.section} section`;
    // An intro cites each case's goal from inside that case (checked in verify/intro.ts).
    const cited = scopeChain(p, s.steps);
    const from = step.kind === "intro" ? [`${step.n}:${j}`, ...chain] : chain;
    if (typeof cited !== "string" && !sees(from, cited))
      return `step ${k} lies in the scope of intro step ${p.scope?.intro}, which step ${step.n} is outside`;
    premises.push(p);
  }
  const facts = premises.map((p) => p.fact);
  switch (step.kind) {
    case "premise":
      return premiseStepProblem(step, s);
    case "axiom":
    case "rule":
    case "witness":
      return axiomStepProblem(step, s, premises);
    case "comprehension":
      return comprehensionStepProblem(step, s, premises);
    case "definition":
      return definitionStepProblem(step, s, premises);
    case "theorem":
      return theoremStepProblem(step, s, premises);
    case "hypothesis":
      return hypothesisStepProblem(step, s, premises);
    case "succ":
      return succProblem(step, s);
    case "refl":
      return reflProblem(step.fact, facts);
    case "eq-symm":
      return eqSymmProblem(step.fact, facts);
    case "eq-trans":
      return eqTransProblem(step.fact, facts);
    case "eq-subst":
      return eqSubstProblem(step.fact, facts);
    case "assume":
      return assumeProblem(step, s);
    case "contradiction":
      return contradictionProblem(step, s, premises);
    case "suppose":
      return supposeProblem(step, s);
    case "intro":
      return introProblem(step, s, premises);
  }
}

/**
 * What each section of a proof proves, and the goal steps that say so.
 *
 * - `main` proves the head (direct and contradiction proofs); in an induction it only sets up
 *   (the carrier step) and has no goal;
 * - `base` proves the head with the induction variable replaced by the zero constant;
 * - `step` proves the head, for `var` = successor(predecessor), with the hypothesis.
 *
 * A section may close its goal with a `contradiction` step (an atom and its negation: ex falso),
 * and a section whose goal is negated may first `assume` the goal's atom; whatever the section
 * then derives holds under that assumption, and a goal ¬A derived under A holds outright
 * ((A → ¬A) → ¬A). A section that assumes closes with a contradiction step.
 */
import type { AtomJson, Section, StepJson, TheoremJson } from "../export/schema.js";
import type { Anchor } from "./anchor.js";
import { formatAtom, makeAtom, sameAtom } from "./atoms.js";
import { replaceVar } from "./induction.js";

type Fail = (step: number | null, reason: string) => void;

/** The atom section `section` of `t` proves, or null for an induction's main section. */
export function sectionGoal(t: TheoremJson, section: Section, anchor: Anchor): AtomJson | null {
  const { head } = t.statement;
  if (t.method !== "induction" || !t.induction) return section === "main" ? head : null;
  if (section === "step") return head;
  if (section === "base") return replaceVar(head, t.induction.var, anchor.zero ?? "(no zero)");
  return null;
}

/** How the section's goal is named in messages. */
export function goalLabel(t: TheoremJson, section: Section): string {
  return t.method === "induction" ? `${section} goal` : "head";
}

export function checkGoals(
  t: TheoremJson,
  steps: ReadonlyMap<number, StepJson>,
  anchor: Anchor,
  fail: Fail,
): void {
  /** The goal step `n` exists, lies in `section` and proves that section's goal. */
  const goal = (name: string, n: number | undefined, section: Section, expected: AtomJson) => {
    const step = n === undefined ? undefined : steps.get(n);
    if (n === undefined || !step)
      fail(null, n === undefined ? `no ${name} goal is given` : `${name} goal step ${n} does not exist`);
    else if (step.section !== section) fail(n, `${name} goal step ${n} is in the ${step.section} section`);
    else if (!sameAtom(step.fact, expected)) {
      fail(n, `${name} goal step ${n} proves ${formatAtom(step.fact)}, not ${formatAtom(expected)}`);
    }
    return step;
  };
  /** A section that assumes closes with a contradiction step. */
  const closes = (name: string, section: Section, closing: StepJson | undefined) => {
    const assumes = t.steps.some((s) => s.kind === "assume" && s.section === section);
    if (closing && (assumes || t.method === "contradiction") && closing.kind !== "contradiction") {
      const what =
        t.method === "contradiction" ? "a proof by contradiction" : `a ${section} section that assumes`;
      fail(closing.n, `the ${name} goal of ${what} is a contradiction step`);
    }
  };
  const { goals, statement, induction } = t;
  if (t.method !== "induction" || !induction) {
    if (goals.base !== undefined || goals.step !== undefined)
      fail(null, `a ${t.method} proof has only a main goal`);
    closes("main", "main", goal("main", goals.main, "main", statement.head));
    return;
  }
  if (goals.main !== undefined) fail(null, "an induction proof has base and step goals only");
  for (const section of ["base", "step"] as const)
    closes(section, section, goal(section, goals[section], section, sectionGoal(t, section, anchor)!));
  const carrier = makeAtom("in", [induction.var, anchor.carrier ?? "(no carrier)"], false);
  goal("carrier", induction.carrierStep, "main", carrier);
}

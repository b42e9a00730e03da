/**
 * What each kind of proof step means, for the rules page and for link titles. One entry per
 * `StepKind`; the record type makes a new kind in the schema a compile error here.
 */
import type { StepKind } from "../schema.js";

export interface StepKindInfo {
  /** A short name shown next to the anchor. */
  readonly title: string;
  /** One sentence: what the step asserts and why it holds. */
  readonly summary: string;
  /** What the step's reference, binding and premises are. */
  readonly detail: string;
}

export const STEP_KINDS: Readonly<Record<StepKind, StepKindInfo>> = {
  premise: {
    title: "Premise",
    summary: "One of the theorem's own premises, taken as given; its variables are read as fixed constants.",
    detail:
      "The step names the premise by position. In the base case of an induction the induction variable is replaced by zero.",
  },
  axiom: {
    title: "Axiom",
    summary:
      "A ground fact stated by the anchor's definitions, such as the zero being a member of the carrier.",
    detail: "The reference is the axiom's id; the step has no premises.",
  },
  rule: {
    title: "Rule of the anchor",
    summary: "An implication of the anchor's definitions, applied to facts already established.",
    detail:
      "The binding assigns a constant to each variable of the rule, in order; the premises are the steps matching the rule's premises, in the rule's order.",
  },
  definition: {
    title: "By definition",
    summary:
      "A defined predicate established from its definition's body: the facts of the body, with the witnesses its existential asks for.",
    detail:
      "The reference is the definition's introduction axiom; the binding gives the definition's arguments and then the witnesses, the premises are the body's facts.",
  },
  theorem: {
    title: "Earlier theorem",
    summary:
      "A theorem proved earlier, used as a rule: its premises are matched by earlier steps and its head follows.",
    detail:
      "The reference is the theorem's id; the binding gives a constant for each variable of its statement.",
  },
  hypothesis: {
    title: "Induction hypothesis",
    summary: "The statement for the predecessor, available only in the induction step, used as a rule.",
    detail:
      "The binding gives a constant for each variable that the hypothesis leaves universally bound; the variables held fixed keep their values.",
  },
  witness: {
    title: "Witness",
    summary:
      "An existential axiom guarantees an object; the step names it with a fresh constant and states one of its properties.",
    detail:
      "The reference is the existential axiom, the binding covers its variables including the new witness, and the premises match the axiom's premises.",
  },
  comprehension: {
    title: "Comprehension (assumed)",
    summary:
      "A set definition names a set by its members; the step assumes that set exists and names it with a fresh constant. This is an assumption beyond the theory's axioms.",
    detail:
      "The reference is the definition's comprehension axiom (side conditions → ∃M. D[x̄]); the binding gives the definition's arguments with the new set, the premises match the side conditions. The verifier checks that the definition is a comprehension of that set.",
  },
  succ: {
    title: "Successor assumption",
    summary: "In the induction step, the induction variable is the successor of a fresh predecessor.",
    detail: "Has no premises; the predecessor is the constant for which the hypothesis holds.",
  },
  refl: {
    title: "Reflexivity of equality",
    summary: "Everything equals itself: a = a.",
    detail: "Has no premises.",
  },
  "eq-symm": {
    title: "Symmetry of equality",
    summary: "From a = b follows b = a.",
    detail: "One premise: the equality being turned around.",
  },
  "eq-trans": {
    title: "Transitivity of equality",
    summary: "From a = b and b = c follows a = c.",
    detail: "Two premises, in that order.",
  },
  "eq-subst": {
    title: "Substitution of equals",
    summary: "A fact stays true when some of its arguments are replaced by things equal to them.",
    detail:
      "The first premise is the fact being rewritten; every further premise is an equality x = y allowing x to be replaced by y.",
  },
  assume: {
    title: "Assumption for contradiction",
    summary:
      "The goal is negated; its positive form is assumed (in a proof by contradiction, or in a case of an induction with a negated head).",
    detail: "Has no premises; the contradiction step that closes the section discharges it.",
  },
  contradiction: {
    title: "Contradiction",
    summary:
      "A fact and its negation both hold, so the section's goal follows: the negated goal when its positive form was assumed, any goal when the premises themselves contradict each other.",
    detail: "Two premises, an atom and its negation; an inequality a ≠ a closes on its own.",
  },
  suppose: {
    title: "Supposition",
    summary:
      "Inside one case of an implication introduction: a premise of the clause's implication, supposed for fresh constants.",
    detail:
      "Has no premises; its scope names the intro step that discharges it and the case (the elimination axiom) whose premise it is.",
  },
  intro: {
    title: "Implication introduction",
    summary:
      "A clause ∀ȳ (A → B) of a definition holds: for fresh constants ȳ, B was derived from A and facts that do not mention them.",
    detail:
      "One case per elimination axiom of the clause, each with its binding (the clause's arguments, then fresh constants); premise j is the goal of case j, derived in that case's scope.",
  },
};

/** The kinds in the order the rules page lists them. */
export const STEP_KIND_ORDER: readonly StepKind[] = Object.keys(STEP_KINDS) as StepKind[];

/**
 * One first-order problem: commented assumptions and a goal, in no solver's syntax. The goal
 * follows from the assumptions exactly when the problem is unsat in SMT-LIB (which asserts the
 * goal negated) and a theorem in TPTP (where it is the conjecture). Assumptions with the same
 * formula are stated once, their comments joined; trivially true ones are kept as comments.
 */
import { type Formula, key } from "./formula.js";

export interface Assertion {
  readonly comment: string;
  /** `null`: true as it stands (e.g. an axiom the functional reading makes trivial). */
  readonly formula: Formula | null;
  /**
   * A term hint (`hint.term(t)`, a fresh predicate): it says nothing about the problem's
   * symbols, so it changes no answer; it only puts the term before an instantiating solver.
   */
  readonly hint?: true;
}

/** The fresh predicate of term hints; no other symbol has this name (encode.ts, smtlib.ts). */
export const HINT = "hint.term";

export interface Problem {
  /** Comment lines naming the theorem, the obligation and the statement. */
  readonly header: readonly string[];
  readonly assumptions: readonly Assertion[];
  readonly goal: Assertion & { readonly formula: Formula };
}

export class ProblemBuilder {
  private readonly assumptions: { comment: string; formula: Formula | null; hint?: true }[] = [];
  private readonly byKey = new Map<string, { comment: string; formula: Formula | null }>();

  /** A term hint (see Assertion.hint); repeated terms are hinted once. */
  hint(comment: string, formula: Formula): void {
    const k = key(formula);
    if (this.byKey.has(k)) return;
    const a = { comment, formula, hint: true as const };
    this.byKey.set(k, a);
    this.assumptions.push(a);
  }

  assume(comment: string, formula: Formula): void {
    if (formula.kind === "true") {
      this.assumptions.push({ comment: `${comment}: true as encoded`, formula: null });
      return;
    }
    const k = key(formula);
    const known = this.byKey.get(k);
    if (known) {
      known.comment = `${known.comment}; ${comment}`;
      return;
    }
    const a = { comment, formula };
    this.byKey.set(k, a);
    this.assumptions.push(a);
  }

  /** The assumptions so far, in the order first stated. */
  list(): Assertion[] {
    return this.assumptions.map((a) => ({ ...a }));
  }
}

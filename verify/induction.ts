/**
 * The induction schema. To prove `∀vars: P → H` by induction on `v` over the anchor's carrier:
 *
 * - `v` is in the carrier (a main step proves `in[v, carrier]` from the premises);
 * - base: `P → H` with `v` replaced by the zero constant;
 * - step: with a fresh predecessor `p` and `successor(p) = v`, `P → H`, where the induction
 *   hypothesis is `∀rest: P → H` with `v` replaced by `p`, the `fixed` variables held as
 *   constants and every other variable (`rest`, in statement order) universally bound.
 *
 * The hypothesis is recomputed here from the statement and compared with the exported one, so
 * a proof cannot silently strengthen it.
 */
import type { AtomJson, InductionJson, StatementJson } from "../export/schema.js";
import type { Anchor } from "./anchor.js";
import { formatStatement, instantiate, sameStatement } from "./atoms.js";

/** The atom with the induction variable replaced by `to`. */
export function replaceVar(atom: AtomJson, v: string, to: string): AtomJson {
  return instantiate(atom, new Map([[v, to]]));
}

export function expectedHypothesis(statement: StatementJson, ind: InductionJson): StatementJson {
  const p = (a: AtomJson) => replaceVar(a, ind.var, ind.predecessor);
  return {
    vars: statement.vars.filter((x) => x !== ind.var && !ind.fixed.includes(x)),
    premises: statement.premises.map(p),
    head: p(statement.head),
  };
}

/** Problems with the induction header; the steps and goals are checked elsewhere. */
export function inductionProblems(statement: StatementJson, ind: InductionJson, anchor: Anchor): string[] {
  const problems: string[] = [];
  for (const role of ["zero", "carrier", "successor"] as const) {
    if (anchor[role] === undefined) problems.push(`the anchor declares no ${role} constant, so no induction`);
  }
  if (!statement.vars.includes(ind.var))
    problems.push(`induction variable ${ind.var} is not a statement variable`);
  for (const [i, f] of ind.fixed.entries()) {
    if (f === ind.var) problems.push(`the induction variable ${f} cannot be fixed`);
    else if (!statement.vars.includes(f)) problems.push(`fixed ${f} is not a statement variable`);
    else if (ind.fixed.indexOf(f) !== i) problems.push(`fixed ${f} is listed twice`);
  }
  if (statement.vars.includes(ind.predecessor) || anchor.constants.has(ind.predecessor)) {
    problems.push(`predecessor ${ind.predecessor} is not fresh: it names a variable or a constant`);
  }
  const expected = expectedHypothesis(statement, ind);
  if (!sameStatement(ind.hypothesis, expected)) {
    problems.push(
      `the induction hypothesis ${formatStatement(ind.hypothesis)} is not the one the statement gives: ${formatStatement(expected)}`,
    );
  }
  return problems;
}

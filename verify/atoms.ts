/**
 * Atoms as the verifier sees them: equality, printing, and instantiation of a pattern under a
 * binding. Matching is never a search here: every step states its binding, so a pattern
 * matches a fact exactly when its instance under that binding equals the fact.
 */
import type { AtomJson, StatementJson } from "../export/schema.js";

export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function sameAtom(a: AtomJson, b: AtomJson): boolean {
  return a.pred === b.pred && (a.neg === true) === (b.neg === true) && sameNames(a.args, b.args);
}

export function sameStatement(a: StatementJson, b: StatementJson): boolean {
  return (
    sameNames(a.vars, b.vars) &&
    a.premises.length === b.premises.length &&
    a.premises.every((p, i) => sameAtom(p, b.premises[i]!)) &&
    sameAtom(a.head, b.head)
  );
}

export function makeAtom(pred: string, args: string[], neg: boolean): AtomJson {
  return neg ? { pred, args, neg: true } : { pred, args };
}

/** `in3[a,b,c,+]`; a negated atom is printed with a leading `!`, as in MPL. */
export function formatAtom(a: AtomJson): string {
  return `${a.neg === true ? "!" : ""}${a.pred}[${a.args.join(",")}]`;
}

export function formatStatement(s: StatementJson): string {
  const premises = s.premises.map(formatAtom).join(" ∧ ");
  const body = premises === "" ? formatAtom(s.head) : `${premises} → ${formatAtom(s.head)}`;
  return s.vars.length > 0 ? `∀${s.vars.join(",")}: ${body}` : body;
}

/** The binding as a map; callers check that it has one name per variable first. */
export function bindingMap(vars: readonly string[], binding: readonly string[]): Map<string, string> {
  return new Map(vars.map((v, i) => [v, binding[i]!]));
}

/** Replaces every variable at once (never one after another, so `a→b, b→a` swaps). */
export function instantiate(pattern: AtomJson, binding: ReadonlyMap<string, string>): AtomJson {
  return makeAtom(
    pattern.pred,
    pattern.args.map((x) => binding.get(x) ?? x),
    pattern.neg === true,
  );
}

/** Compiled patterns → the name-based JSON of export/schema.ts, and MPL text of statements. */
import type { AtomJson, StatementJson } from "../export/schema.js";
import { patternJson } from "../mpl/entity-json.js";
import type { Predicate } from "../mpl/theory.js";
import type { Statement } from "./statement.js";

// Entities and pattern atoms are converted by the compiler's module, which the verifier shares.
export { atomJson, entityJson, patternJson } from "../mpl/entity-json.js";

export function statementJson(
  s: Statement,
  preds: readonly Predicate[],
  consts: readonly string[],
): StatementJson {
  return {
    vars: [...s.varNames],
    premises: s.premises.map((p) => patternJson(p, preds, s.varNames, consts)),
    head: patternJson(s.head, preds, s.varNames, consts),
  };
}

const atomMpl = (a: AtomJson): string => `${a.neg ? "!" : ""}(${a.pred}[${a.args.join(",")}])`;

/** `(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))`: each variable bound at its first premise. */
export function statementMpl(s: StatementJson): string {
  const vars = new Set(s.vars);
  const seen = new Set<string>();
  let out = "";
  let close = "";
  for (const p of s.premises) {
    const fresh = p.args.filter((a, i) => vars.has(a) && !seen.has(a) && p.args.indexOf(a) === i);
    for (const v of fresh) seen.add(v);
    out += `(>[${fresh.join(",")}]${atomMpl(p)}`;
    close += ")";
  }
  return out + atomMpl(s.head) + close;
}

/** Compiled patterns → the name-based JSON of export/schema.ts, and MPL text of statements. */
import type { AtomJson, EntityJson, StatementJson } from "../export/schema.js";
import type { Entity, PatternAtom, Predicate } from "../mpl/theory.js";
import type { Statement } from "./statement.js";

export function atomJson(pred: string, args: string[], neg: boolean): AtomJson {
  return neg ? { pred, args, neg: true } : { pred, args };
}

/** A pattern atom with variables named by `vars` and constants by `consts`. */
export function patternJson(
  a: PatternAtom,
  preds: readonly Predicate[],
  vars: readonly string[],
  consts: readonly string[],
): AtomJson {
  return atomJson(
    preds[a.pred]!.name,
    a.args.map((t) => (t < 0 ? consts[-t - 1]! : vars[t]!)),
    a.negated,
  );
}

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

export function entityJson(e: Entity, preds: readonly Predicate[], consts: readonly string[]): EntityJson {
  const pj = (a: PatternAtom) => patternJson(a, preds, e.kind === "fact" ? [] : e.varNames, consts);
  const origin = { definition: e.origin.definition, via: e.origin.via };
  switch (e.kind) {
    case "fact":
      return { id: e.id, kind: "fact", vars: [], premises: [], head: pj(e.atom), origin };
    case "rule":
      return {
        id: e.id,
        kind: "rule",
        vars: [...e.varNames],
        premises: e.premises.map(pj),
        head: pj(e.head),
        origin,
      };
    case "exists":
      return {
        id: e.id,
        kind: "exists",
        vars: [...e.varNames],
        premises: e.premises.map(pj),
        witnesses: e.witnesses.map((w) => e.varNames[w]!),
        body: e.body.map(pj),
        origin,
      };
  }
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

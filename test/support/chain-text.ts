/**
 * Writes premise chains for tests in a compact text form, `in3[a,b,c,+] & in2[c,d,s] -> =[a,d]`:
 * predicate and constant names as the theory spells them, any other name a variable (numbered
 * by first occurrence).
 */
import type { Conjecture, PatternAtom, Theory } from "../../mpl/theory.js";
import { constTerm } from "../../mpl/theory.js";

export function chainOf(theory: Theory, text: string, name = "expected"): Conjecture {
  const vars: string[] = [];
  const atom = (src: string): PatternAtom => {
    const m = /^\s*(!?)([^[\s]+)\[([^\]]*)\]\s*$/.exec(src);
    if (m === null) throw new Error(`bad atom: ${src}`);
    const pred = theory.predicates.find((p) => p.name === m[2]);
    if (pred === undefined) throw new Error(`unknown predicate: ${m[2]}`);
    const args = m[3]!.split(",").map((a) => {
      const arg = a.trim();
      const k = theory.constants.findIndex((c) => c.name === arg);
      if (k >= 0) return constTerm(k);
      if (!vars.includes(arg)) vars.push(arg);
      return vars.indexOf(arg);
    });
    return { pred: pred.id, args, negated: m[1] === "!" };
  };
  const [body, headText] = text.split("->");
  if (headText === undefined) throw new Error(`no head: ${text}`);
  const premises = body!.trim() === "" ? [] : body!.split("&").map(atom);
  const head = atom(headText);
  return {
    name,
    mpl: text,
    varNames: vars,
    premises,
    head,
    source: { path: "<test>", line: 0, col: 0 },
  };
}

/**
 * MPL text for proof-graph atoms and statements, in the formula syntax of the definition files:
 * `(in3[a,b,c,+])`, `!(=[a,b])`, `(>[x,y](in3[x,y,z,+])(in3[y,x,z,+]))`.
 */
import type { AtomJson, StatementJson } from "./schema.js";

/** `(pred[a,b])`, or `!(pred[a,b])` when negated. */
export function mplAtom(atom: AtomJson): string {
  const text = `(${atom.pred}[${atom.args.join(",")}])`;
  return atom.neg ? `!${text}` : text;
}

/**
 * A statement as a chain of implications: the first binds the variables, each further premise
 * nests a plain implication, `(>[vars]P1(>[]P2 H))`. A statement without premises is its head.
 */
export function mplStatement(st: StatementJson): string {
  let text = mplAtom(st.head);
  for (let i = st.premises.length - 1; i >= 0; i--) {
    const vars = i === 0 ? st.vars.join(",") : "";
    text = `(>[${vars}]${mplAtom(st.premises[i]!)}${text})`;
  }
  return text;
}

/** Short texts for reports and the comments of exported problems. */
import type { AtomJson, StatementJson, TheoremJson } from "../export/schema.js";

export const oneLine = (s: string): string => s.replace(/\s+/g, " ");

export const formatAtom = (a: AtomJson): string => `${a.neg ? "!" : ""}${a.pred}[${a.args.join(",")}]`;

/** `∀a,b: in3[a,b,c,+] → in3[b,a,c,+]`, for graphs without readable forms. */
export function formatStatement(s: StatementJson): string {
  const body = [...s.premises.map(formatAtom), formatAtom(s.head)].join(" → ");
  return s.vars.length > 0 ? `∀${s.vars.join(",")}: ${body}` : body;
}

/** The theorem's readable form on one line, or its statement where it has none. */
export const readableOf = (t: TheoremJson): string =>
  t.readable.trim() === "" ? formatStatement(t.statement) : oneLine(t.readable);

/**
 * A synthetic proof graph whose free text is hostile: theorem names, constant names, MPL,
 * definition and source text hold quotes, tags, a script-closing sequence and an already
 * escaped entity. The HTML export must show all of it literally and run none of it.
 */
import type { ProofGraph } from "../../export/schema.js";
import { syntheticGraph } from "./synthetic-graph.js";

export const SCRIPT_BREAK = "</script><script>alert(1)</script>";

/** The hostile strings, each of which must appear only escaped in the HTML. */
export const HOSTILE_NAMES = {
  quoted: `comm "quoted" 'single'`,
  bold: "<b>bold</b> law",
  script: `law ${SCRIPT_BREAK}`,
  entity: "a &amp; b",
} as const;

export function hostileGraph(): ProofGraph {
  const g = syntheticGraph({
    theorems: 14,
    names: {
      anchor: `Nat<b>"'`,
      carrier: `N${SCRIPT_BREAK}`,
      zero: `z"'`,
      successor: "s&amp;",
      add: "<b>",
      mul: "*",
    },
    lawNames: [HOSTILE_NAMES.quoted, HOSTILE_NAMES.bold, HOSTILE_NAMES.script, HOSTILE_NAMES.entity],
    unproved: 3,
  });
  const [first] = g.theorems;
  if (first !== undefined) first.mpl = `${first.mpl} ${SCRIPT_BREAK} "q" 'a' <b>x</b> &amp;`;
  g.unproved[0]!.name = `unproved ${SCRIPT_BREAK}`;
  g.definitions[0]!.mpl = `(in[x,X]) ${SCRIPT_BREAK} &amp; "quote"`;
  g.theory.sources.push({
    path: `evil "path" <b>.mpl`,
    text: `${SCRIPT_BREAK}\n<b>bold</b> &amp; "double" 'single'\n`,
  });
  return g;
}

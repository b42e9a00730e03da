/**
 * The search data every page loads (`search-data.js`, a classic script, since pages opened
 * from file:// may not fetch): one record per theorem and unproved conjecture, with its
 * display name, statement, operations and link, and the theory's constant names, which the
 * search keeps when it renames variables to compare statements.
 */

import { theoremPath } from "./links.js";
import { scriptJson } from "./script-json.js";
import type { SiteContext } from "./site-context.js";
import { readableOf } from "./view-model.js";

interface SearchItem {
  id: string;
  name: string;
  statement: string;
  mpl: string;
  ops: string;
  /** Site-relative link, or "" for an unproved conjecture. */
  href: string;
  kind: "target" | "essential" | "lemma" | "unproved";
}

export function searchDataScript(ctx: SiteContext): string {
  const { graph, rel, names } = ctx;
  const items: SearchItem[] = [];
  for (const t of rel.theoremById.values()) {
    items.push({
      id: t.id,
      name: names.name(t.id),
      statement: names.statement(t.id),
      mpl: t.mpl,
      ops: names.operations(t.id).join(" "),
      href: theoremPath(t.id),
      kind: names.isTarget(t.id) ? "target" : names.isEssential(t.id) ? "essential" : "lemma",
    });
  }
  graph.unproved.forEach((u, i) => {
    items.push({
      id: `U${i + 1}`,
      name: u.name ?? "(unnamed)",
      statement: readableOf(u, graph),
      mpl: u.mpl,
      ops: "",
      href: "",
      kind: "unproved",
    });
  });
  const constants = graph.theory.constants.map((c) => c.name);
  return `/* Search data of this proof-graph site; generated. */\nwindow.glSearchData = ${scriptJson({ constants, items })};\n`;
}

/**
 * The graphs the site draws. The index: the key theorems (targets and essential ones) with
 * the key theorems each rests on, looking through unnamed lemmas, above the definitions whose
 * axioms they use. A theorem page: the theorem with what it cites below and what cites it
 * above. Both are capped, so a graph of thousands of theorems still draws in moments and
 * reads on a screen; what is left out is counted in a "more" node.
 */
import type { ProofGraph, TheoremJson } from "../../schema.js";
import type { GraphRelations } from "../graph-relations.js";
import type { Hrefs } from "../links.js";
import type { SiteNames } from "../site-names.js";
import type { DrawEdge, DrawGraph, DrawNode } from "./dot-svg.js";

/** At most this many theorems in the index graph (the first in graph order, targets first). */
export const INDEX_GRAPH_MAX = 60;
/** At most this many theorems above and below a theorem in its neighbourhood. */
export const NEIGHBOURHOOD_MAX = 6;
const STATEMENT_CHARS = 38;

function short(text: string): string {
  return text.length <= STATEMENT_CHARS ? text : `${text.slice(0, STATEMENT_CHARS - 1)}…`;
}

function theoremNode(
  t: TheoremJson,
  names: SiteNames,
  hrefs: Hrefs,
  extra: readonly string[],
  rank?: "min" | "max",
): DrawNode {
  const classes = [...extra];
  if (names.isTarget(t.id)) classes.push("target");
  if (names.isEssential(t.id)) classes.push("essential");
  return {
    key: t.id,
    lines: [names.name(t.id), short(names.statement(t.id))],
    href: hrefs.theorem(t.id),
    tooltip: `${t.id} ${names.name(t.id)}: ${names.statement(t.id)}`,
    classes,
    ...(rank === undefined ? {} : { rank }),
  };
}

/** The index graph: key theorems, their key dependencies, and the definitions below them. */
export function indexGraph(
  graph: ProofGraph,
  rel: GraphRelations,
  names: SiteNames,
  hrefs: Hrefs,
): { graph: DrawGraph; shown: number; total: number } {
  const keyAll = graph.theorems.filter((t) => names.isKey(t.id));
  const ordered = [
    ...keyAll.filter((t) => names.isTarget(t.id)),
    ...keyAll.filter((t) => !names.isTarget(t.id)),
  ];
  const key = ordered.slice(0, INDEX_GRAPH_MAX);
  const keyIds = new Set(key.map((t) => t.id));
  const nodes: DrawNode[] = key.map((t) => theoremNode(t, names, hrefs, []));
  const edges: DrawEdge[] = [];
  const definitionsUsed = new Set<string>();
  const reachedOf = new Map<string, Set<string>>();
  const defsOf = new Map<string, Set<string>>();
  for (const t of key) {
    // Walk down through theorems that are not drawn, to the drawn ones and the axioms.
    const seen = new Set<string>([t.id]);
    const stack = [...rel.cites(t)];
    const reached = new Set<string>();
    const defs = new Set<string>();
    const own = (x: TheoremJson): void => {
      for (const a of x.axioms) {
        const d = rel.axiomById.get(a)?.origin.definition;
        if (d !== undefined) defs.add(d);
      }
    };
    own(t);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (keyIds.has(id)) {
        reached.add(id);
        continue;
      }
      const x = rel.theoremById.get(id);
      if (x === undefined) continue;
      own(x);
      stack.push(...rel.cites(x));
    }
    reachedOf.set(t.id, reached);
    defsOf.set(t.id, defs);
  }
  // Transitive reduction: no edge to what is already below through another drawn theorem.
  const below = (id: string, memo: Map<string, Set<string>>): Set<string> => {
    const done = memo.get(id);
    if (done !== undefined) return done;
    const out = new Set<string>();
    memo.set(id, out);
    for (const r of reachedOf.get(id) ?? []) {
      out.add(r);
      for (const x of below(r, memo)) out.add(x);
    }
    return out;
  };
  const memo = new Map<string, Set<string>>();
  const order = (a: string, b: string): number =>
    (rel.theoremIndex.get(a) ?? 0) - (rel.theoremIndex.get(b) ?? 0);
  for (const t of key) {
    const reached = [...(reachedOf.get(t.id) ?? [])];
    const direct = reached.filter((r) => !reached.some((o) => o !== r && below(o, memo).has(r)));
    for (const id of direct.sort(order)) edges.push({ from: t.id, to: id });
    // Only the lowest drawn theorems link to the axioms' definitions; the rest rest on them.
    if (reached.length > 0) continue;
    for (const d of [...(defsOf.get(t.id) ?? [])].sort()) {
      edges.push({ from: t.id, to: `def:${d}` });
      definitionsUsed.add(d);
    }
  }
  graph.definitions.forEach((d, i) => {
    if (!definitionsUsed.has(d.name)) return;
    const count = graph.axioms.filter((a) => a.origin.definition === d.name).length;
    nodes.push({
      key: `def:${d.name}`,
      lines: [`${d.name} axioms`, `${count} ${count === 1 ? "axiom" : "axioms"}`],
      href: hrefs.definition(i),
      tooltip: `Axioms from the definition ${d.name}`,
      classes: ["axioms"],
      rank: "min",
    });
  });
  return { graph: { nodes, edges }, shown: key.length, total: keyAll.length };
}

/** A theorem's neighbourhood: what it cites (below) and what cites it (above), capped. */
export function neighbourhoodGraph(
  t: TheoremJson,
  rel: GraphRelations,
  names: SiteNames,
  hrefs: Hrefs,
): DrawGraph {
  const nodes: DrawNode[] = [theoremNode(t, names, hrefs, ["self"])];
  const edges: DrawEdge[] = [];
  const cites = rel.cites(t).filter((id) => rel.theoremById.has(id));
  const usedBy = rel.usedBy(t.id);
  const add = (ids: readonly string[], below: boolean, moreHref: string): void => {
    for (const id of ids.slice(0, NEIGHBOURHOOD_MAX)) {
      nodes.push(theoremNode(rel.theoremById.get(id)!, names, hrefs, [], below ? "min" : "max"));
      edges.push(below ? { from: t.id, to: id } : { from: id, to: t.id });
    }
    const rest = ids.length - NEIGHBOURHOOD_MAX;
    if (rest > 0) {
      const key = below ? "more-cites" : "more-used-by";
      nodes.push({
        key,
        lines: [`+ ${rest} more`],
        href: moreHref,
        tooltip: `${rest} more ${below ? "cited" : "citing"} theorems, listed below`,
        classes: ["more"],
        rank: below ? "min" : "max",
      });
      edges.push(below ? { from: t.id, to: key } : { from: key, to: t.id });
    }
  };
  add(cites, true, "#cites");
  add(usedBy, false, "#used-by");
  return { nodes, edges };
}

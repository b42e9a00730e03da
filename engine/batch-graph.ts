/**
 * The proof graph of batches (export/schema.ts, `batch` and `earlier`): each batch's graph gets
 * its place among the batches (the link in names, the imported theorems with their origin), and
 * the last batch's graph carries the earlier ones whole, so one file holds the run and the
 * verifier can check every import against the batch it came from.
 */
import type { BatchJson, EarlierBatchJson, ImportJson, ProofGraph, StatementJson } from "../export/schema.js";
import { linkJson } from "../mpl/entity-json.js";
import type { Theory } from "../mpl/theory.js";
import type { BatchResult } from "./discovery/batches.js";
import { statementJson, statementMpl } from "./names.js";

/**
 * `b`'s place among the batches. `parent` is the graph of the batch it extends (null for the
 * first), for the names of the theorems it hands on.
 */
export function batchJson(
  b: BatchResult,
  parent: { readonly graph: ProofGraph | EarlierBatchJson; readonly theory: Theory } | null,
  readable: (s: StatementJson) => string,
): BatchJson {
  const theory = b.batch.theory;
  const names = theory.constants.map((c) => c.name);
  const link = b.batch.link;
  const nameOf = (batch: string, theorem: string): string | null => {
    if (parent === null) return null;
    if (batch === parent.graph.theory.anchor)
      return parent.graph.theorems.find((t) => t.id === theorem)?.name ?? null;
    return parent.graph.batch?.imports.find((i) => i.batch === batch && i.theorem === theorem)?.name ?? null;
  };
  const imports = b.imports.map((t): ImportJson => {
    const statement = statementJson(t.statement, theory.predicates, names);
    return {
      id: t.id,
      batch: t.batch,
      theorem: t.theorem,
      name: nameOf(t.batch, t.theorem),
      statement,
      mpl: statementMpl(statement),
      readable: readable(statement),
    };
  });
  return {
    name: b.batch.name,
    extends: b.batch.extends,
    link: link === null || parent === null ? null : linkJson(link, parent.theory, theory),
    newConstants: b.requireSymbols.map((k) => names[k]!),
    imports,
  };
}

/** The graph of several batches: the last one's, holding the earlier ones (in run order). */
export function batchGraph(
  batches: readonly { readonly graph: ProofGraph; readonly batch: BatchJson }[],
): ProofGraph {
  const last = batches[batches.length - 1]!;
  const earlier = batches.slice(0, -1).map(({ graph, batch }): EarlierBatchJson => {
    const { schema: _s, version: _v, batch: _b, earlier: _e, ...rest } = graph;
    return { ...rest, batch };
  });
  return { ...last.graph, batch: last.batch, earlier };
}

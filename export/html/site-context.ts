/**
 * Everything a page's view needs besides the graph: the derived relations, the display names,
 * and what a discovery run adds (essential theorems, the candidates and the model), when the
 * site is written by one.
 */
import type { ProofGraph } from "../schema.js";
import type { DiscoveryReport } from "./discovery-report.js";
import { type GraphRelations, graphRelations } from "./graph-relations.js";
import { SiteNames } from "./site-names.js";

/** Optional input beside the proof graph. */
export interface SiteExtras {
  /** A discovery run's report: adds the discovery page and marks essential theorems. */
  readonly discovery?: DiscoveryReport;
  /** For a graph of batches: the reports of the earlier batches, in the graph's `earlier` order. */
  readonly earlierDiscovery?: readonly DiscoveryReport[];
}

export interface SiteContext {
  readonly graph: ProofGraph;
  readonly rel: GraphRelations;
  readonly names: SiteNames;
  readonly discovery: DiscoveryReport | null;
}

export function siteContext(graph: ProofGraph, extras: SiteExtras = {}): SiteContext {
  const rel = graphRelations(graph);
  const discovery = extras.discovery ?? null;
  const names = new SiteNames(graph, new Set(discovery?.essential ?? []));
  return { graph, rel, names, discovery };
}

/**
 * Everything a page's view needs besides the graph: the derived relations, the display names,
 * and what a discovery run adds (essential theorems, the candidates and the model), when the
 * site is written by one.
 */
import type { ImportJson, ProofGraph } from "../schema.js";
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

/** Where the site of one batch stands among the sites of a graph of batches. */
export interface BatchSite {
  /** Every batch in run order: its name and the path to its index from this site's root. */
  readonly list: readonly { readonly name: string; readonly root: string; readonly current: boolean }[];
  readonly extends: string | null;
  /** Theorems this batch received, by import id. */
  readonly imports: ReadonlyMap<string, ImportJson>;
  /** The path of a theorem page of another batch, from this site's root. */
  theoremOf(batch: string, theorem: string): string | null;
}

export interface SiteContext {
  readonly graph: ProofGraph;
  readonly rel: GraphRelations;
  readonly names: SiteNames;
  readonly discovery: DiscoveryReport | null;
  /** Null for a graph of one theory. */
  readonly batches: BatchSite | null;
}

export function siteContext(
  graph: ProofGraph,
  extras: SiteExtras = {},
  batches: BatchSite | null = null,
): SiteContext {
  const rel = graphRelations(graph);
  const discovery = extras.discovery ?? null;
  const names = new SiteNames(graph, new Set(discovery?.essential ?? []));
  return { graph, rel, names, discovery, batches };
}

/**
 * The HTML export: a static site that opens from disk without a server. `index.html` draws
 * the key theorems' graph and lists every theorem, `t/<id>.html` shows one theorem's
 * neighbourhood and proof, `definitions.html` the definitions and axioms, `rules.html` the step
 * kinds, `discovery.html` (discovery runs) the candidates, counterexamples and model. Shared
 * assets: `style.css`, `site.js`, the search library `minisearch.js` and `search-data.js`.
 * Rendering is a pure function of the graph (and the discovery report): the same input gives
 * the same bytes. Graphs are laid out by Graphviz, which must be loaded first
 * (`loadLayoutEngine`; `renderSite` and `writeSite` do it).
 */
import type { ProofGraph } from "../schema.js";
import { discoveryView } from "./discovery-view.js";
import { loadLayoutEngine } from "./draw/layout-engine.js";
import { indexView } from "./index-view.js";
import { BATCH_DIR, batchDir, SITE_FILES, theoremPath } from "./links.js";
import { searchDataScript } from "./search-data.js";
import { type BatchSite, type SiteExtras, siteContext } from "./site-context.js";
import { siteTemplates } from "./templates.js";
import { theoremView } from "./theorem-view.js";
import { definitionsView, rulesView } from "./view-model.js";

export { loadLayoutEngine } from "./draw/layout-engine.js";
export type { SiteExtras } from "./site-context.js";

/** One file of the site: its path relative to the site root, and its text. */
export type SiteFile = readonly [path: string, content: string];

/**
 * The site's files one by one, in a fixed order: fixed pages and assets first, then theorem
 * pages in graph order. Lazy, so a writer can stream them to disk. The layout engine must be
 * loaded.
 */
export function* siteFiles(graph: ProofGraph, extras: SiteExtras = {}): Generator<SiteFile> {
  const earlier = graph.earlier ?? [];
  if (earlier.length === 0 && graph.batch === undefined) {
    yield* oneSite(graph, extras, null);
    return;
  }
  // A graph of batches: the last batch at the root, each earlier one in batches/<name>/.
  const parts: ProofGraph[] = [
    ...earlier.map((e): ProofGraph => ({ schema: graph.schema, version: graph.version, ...e })),
    graph,
  ];
  const last = parts.length - 1;
  const dirOf = (i: number) => (i === last ? "" : batchDir(parts[i]!.theory.anchor));
  // From the root of site i to the root of site j.
  const between = (i: number, j: number) =>
    i === last ? dirOf(j) : j === last ? "../../" : `../${dirOf(j).slice(BATCH_DIR.length + 1)}`;
  const index = new Map(parts.map((p, j) => [p.theory.anchor, j]));
  for (const [i, part] of parts.entries()) {
    const site: BatchSite = {
      list: parts.map((p, j) => ({ name: p.theory.anchor, root: between(i, j), current: i === j })),
      extends: part.batch?.extends ?? null,
      imports: new Map((part.batch?.imports ?? []).map((imp) => [imp.id, imp])),
      theoremOf: (batch, theorem) => {
        const j = index.get(batch);
        return j === undefined ? null : between(i, j) + theoremPath(theorem);
      },
    };
    const report = i === last ? extras.discovery : extras.earlierDiscovery?.[i];
    const own = i === last ? { ...part, earlier: [] } : part;
    for (const [path, content] of oneSite(own, report ? { discovery: report } : {}, site))
      yield [dirOf(i) + path, content];
  }
}

/** One batch's site (or the site of a graph of one theory). */
function* oneSite(graph: ProofGraph, extras: SiteExtras, batches: BatchSite | null): Generator<SiteFile> {
  const templates = siteTemplates();
  const ctx = siteContext(graph, extras, batches);
  yield [SITE_FILES.style, templates.asset("style.css")];
  yield [SITE_FILES.script, templates.asset("site.js")];
  yield [SITE_FILES.searchLibrary, templates.asset("minisearch.js")];
  yield [SITE_FILES.searchData, searchDataScript(ctx)];
  yield [SITE_FILES.index, templates.render("index", indexView(ctx))];
  yield [SITE_FILES.definitions, templates.render("definitions", definitionsView(ctx))];
  yield [SITE_FILES.rules, templates.render("rules", rulesView(ctx))];
  if (ctx.discovery !== null) yield [SITE_FILES.discovery, templates.render("discovery", discoveryView(ctx))];
  const seen = new Set<string>();
  for (let i = 0; i < graph.theorems.length; i++) {
    const t = graph.theorems[i]!;
    const path = theoremPath(t.id);
    // A repeated id would overwrite a page; the first one keeps it, as the links resolve to it.
    if (seen.has(path)) continue;
    seen.add(path);
    yield [path, templates.render("theorem", theoremView(ctx, i))];
  }
}

/** The whole site in memory: relative path → content. */
export async function renderSite(graph: ProofGraph, extras: SiteExtras = {}): Promise<Map<string, string>> {
  await loadLayoutEngine();
  return new Map(siteFiles(graph, extras));
}

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
import { SITE_FILES, theoremPath } from "./links.js";
import { searchDataScript } from "./search-data.js";
import { type SiteContext, type SiteExtras, siteContext } from "./site-context.js";
import { siteTemplates } from "./templates.js";
import { theoremView } from "./theorem-view.js";
import { definitionsView, rulesView } from "./view-model.js";

export { loadLayoutEngine } from "./draw/layout-engine.js";
export type { SiteContext, SiteExtras } from "./site-context.js";
export { siteContext } from "./site-context.js";

/** One file of the site: its path relative to the site root, and its text. */
export type SiteFile = readonly [path: string, content: string];

/**
 * The site's files one by one, in a fixed order: fixed pages and assets first, then theorem
 * pages in graph order. Lazy, so a writer can stream them to disk. The layout engine must be
 * loaded.
 */
export function* siteFiles(graph: ProofGraph, extras: SiteExtras = {}): Generator<SiteFile> {
  const ctx = siteContext(graph, extras);
  for (const key of sitePageKeys(graph, extras)) yield sitePage(ctx, key);
}

/** A file of the site: a fixed page or asset by its path, a theorem page by the theorem's index. */
export type PageKey = string | number;

/**
 * The site's files as independent keys, in file order. A theorem page is keyed by its index in
 * graph order; a repeated id would overwrite a page, so the first one keeps it (the links
 * resolve to it). Each file depends only on the site context, so files can be rendered in any
 * order, or on other threads, with the same bytes.
 */
export function sitePageKeys(graph: ProofGraph, extras: SiteExtras = {}): PageKey[] {
  const keys: PageKey[] = [
    SITE_FILES.style,
    SITE_FILES.script,
    SITE_FILES.searchLibrary,
    SITE_FILES.searchData,
    SITE_FILES.index,
    SITE_FILES.definitions,
    SITE_FILES.rules,
  ];
  if (extras.discovery) keys.push(SITE_FILES.discovery);
  const seen = new Set<string>();
  for (let i = 0; i < graph.theorems.length; i++) {
    const path = theoremPath(graph.theorems[i]!.id);
    if (seen.has(path)) continue;
    seen.add(path);
    keys.push(i);
  }
  return keys;
}

/** One file of the site. The layout engine must be loaded. */
export function sitePage(ctx: SiteContext, key: PageKey): SiteFile {
  const templates = siteTemplates();
  if (typeof key === "number")
    return [theoremPath(ctx.graph.theorems[key]!.id), templates.render("theorem", theoremView(ctx, key))];
  switch (key) {
    case SITE_FILES.style:
      return [key, templates.asset("style.css")];
    case SITE_FILES.script:
      return [key, templates.asset("site.js")];
    case SITE_FILES.searchLibrary:
      return [key, templates.asset("minisearch.js")];
    case SITE_FILES.searchData:
      return [key, searchDataScript(ctx)];
    case SITE_FILES.index:
      return [key, templates.render("index", indexView(ctx))];
    case SITE_FILES.definitions:
      return [key, templates.render("definitions", definitionsView(ctx))];
    case SITE_FILES.rules:
      return [key, templates.render("rules", rulesView(ctx))];
    case SITE_FILES.discovery:
      return [key, templates.render("discovery", discoveryView(ctx))];
    default:
      throw new Error(`internal: no site file ${key}`);
  }
}

/** The whole site in memory: relative path → content. */
export async function renderSite(graph: ProofGraph, extras: SiteExtras = {}): Promise<Map<string, string>> {
  await loadLayoutEngine();
  return new Map(siteFiles(graph, extras));
}

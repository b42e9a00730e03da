/**
 * The HTML export: a static site that opens from disk without a server. `index.html` draws
 * the key theorems' graph and lists every theorem, `t/<id>.html` shows one theorem's
 * neighbourhood and proof, `definitions.html` the definitions and axioms, `rules.html` the step
 * kinds, `discovery.html` (discovery runs) the stages, the model and the survivors, and
 * `discovery/refuted-<n>.html` the refuted candidates with their counterexamples. Shared
 * assets: `style.css`, `site.js`, the search library `minisearch.js` and `search-data.js`.
 * Rendering is a pure function of the graph (and the discovery report): the same input gives
 * the same bytes. Graphs are laid out by Graphviz, which must be loaded first
 * (`loadLayoutEngine`; `renderSite` and `writeSite` do it).
 */
import type { ProofGraph } from "../schema.js";
import { discoveryView } from "./discovery-view.js";
import { loadLayoutEngine } from "./draw/layout-engine.js";
import { indexView } from "./index-view.js";
import { BATCH_DIR, batchDir, refutedPagePath, SITE_FILES, theoremPath } from "./links.js";
import { refutedPages, refutedPageView } from "./refuted-pages.js";
import { searchDataScript } from "./search-data.js";
import { type BatchSite, type SiteContext, type SiteExtras, siteContext } from "./site-context.js";
import { siteTemplates } from "./templates.js";
import { theoremView } from "./theorem-view.js";
import { definitionsView, rulesView } from "./view-model.js";

export { loadLayoutEngine } from "./draw/layout-engine.js";
export type { SiteExtras } from "./site-context.js";

/** One file of the site: its path relative to the site root, and its text. */
export type SiteFile = readonly [path: string, content: string];

/**
 * The site's files one by one, in a fixed order: fixed pages and assets first (the discovery
 * page followed by the pages of refuted candidates), then theorem pages in graph order (for a graph of batches, batch by batch). Lazy, so a writer can stream
 * them to disk. The layout engine must be loaded.
 */
export function* siteFiles(graph: ProofGraph, extras: SiteExtras = {}): Generator<SiteFile> {
  const site = siteOf(graph, extras);
  for (const key of sitePageKeys(site)) yield sitePage(site, key);
}

/** One batch's site among the sites of a graph (or the one site of a graph of one theory). */
interface SitePart {
  readonly graph: ProofGraph;
  readonly extras: SiteExtras;
  readonly batches: BatchSite | null;
  /** Its folder from the whole site's root ("" for the root). */
  readonly dir: string;
}

/** A site to render: its parts, and each part's context once derived. */
export interface Site {
  readonly parts: readonly SitePart[];
  readonly contexts: (SiteContext | undefined)[];
}

/**
 * The site of a graph: one part for a graph of one theory; for a graph of batches the last
 * batch at the root, each earlier one in batches/<name>/. A pure function of the graph and the
 * extras, so every thread that renders files of the site derives the same parts.
 */
export function siteOf(graph: ProofGraph, extras: SiteExtras = {}): Site {
  const earlier = graph.earlier ?? [];
  if (earlier.length === 0 && graph.batch === undefined)
    return { parts: [{ graph, extras, batches: null, dir: "" }], contexts: [] };
  const graphs: ProofGraph[] = [
    ...earlier.map((e): ProofGraph => ({ schema: graph.schema, version: graph.version, ...e })),
    graph,
  ];
  const last = graphs.length - 1;
  const dirOf = (i: number) => (i === last ? "" : batchDir(graphs[i]!.theory.anchor));
  // From the root of site i to the root of site j.
  const between = (i: number, j: number) =>
    i === last ? dirOf(j) : j === last ? "../../" : `../${dirOf(j).slice(BATCH_DIR.length + 1)}`;
  const index = new Map(graphs.map((p, j) => [p.theory.anchor, j]));
  const parts = graphs.map((part, i): SitePart => {
    const batches: BatchSite = {
      list: graphs.map((p, j) => ({ name: p.theory.anchor, root: between(i, j), current: i === j })),
      extends: part.batch?.extends ?? null,
      imports: new Map((part.batch?.imports ?? []).map((imp) => [imp.id, imp])),
      theoremOf: (batch, theorem) => {
        const j = index.get(batch);
        return j === undefined ? null : between(i, j) + theoremPath(theorem);
      },
    };
    const report = i === last ? extras.discovery : extras.earlierDiscovery?.[i];
    return {
      graph: i === last ? { ...part, earlier: [] } : part,
      extras: report ? { discovery: report } : {},
      batches,
      dir: dirOf(i),
    };
  });
  return { parts, contexts: [] };
}

/** A page of refuted candidates, by its index (from 0) among them. */
export interface RefutedPageKey {
  readonly refuted: number;
}

/**
 * A file of the site: its part, and a fixed page or asset by its path, a theorem page by index,
 * or a page of refuted candidates.
 */
export type PageKey = readonly [part: number, page: string | number | RefutedPageKey];

/**
 * The site's files as independent keys, in file order. A theorem page is keyed by its index in
 * its part's graph order; a repeated id would overwrite a page, so the first one keeps it (the
 * links resolve to it). Each file depends only on its part's context, so files can be rendered
 * in any order, or on other threads, with the same bytes.
 */
export function sitePageKeys(site: Site): PageKey[] {
  const keys: PageKey[] = [];
  for (const [k, part] of site.parts.entries()) {
    for (const page of [
      SITE_FILES.style,
      SITE_FILES.script,
      SITE_FILES.searchLibrary,
      SITE_FILES.searchData,
      SITE_FILES.index,
      SITE_FILES.definitions,
      SITE_FILES.rules,
    ])
      keys.push([k, page]);
    const report = part.extras.discovery;
    if (report) {
      keys.push([k, SITE_FILES.discovery]);
      for (let p = 0; p < refutedPages(report).length; p++) keys.push([k, { refuted: p }]);
    }
    const seen = new Set<string>();
    for (let i = 0; i < part.graph.theorems.length; i++) {
      const path = theoremPath(part.graph.theorems[i]!.id);
      if (seen.has(path)) continue;
      seen.add(path);
      keys.push([k, i]);
    }
  }
  return keys;
}

/** What a key names, for messages: "the page of T12", "definitions.html". */
export function describePage(site: Site, [k, page]: PageKey): string {
  const part = site.parts[k]!;
  if (typeof page === "number") return `the page of ${part.dir}${part.graph.theorems[page]!.id}`;
  return part.dir + (typeof page === "string" ? page : refutedPagePath(page.refuted));
}

/** One file of the site. The layout engine must be loaded. */
export function sitePage(site: Site, [k, page]: PageKey): SiteFile {
  const part = site.parts[k]!;
  let ctx = site.contexts[k];
  if (!ctx) {
    ctx = siteContext(part.graph, part.extras, part.batches);
    site.contexts[k] = ctx;
  }
  const [path, content] = partPage(ctx, page);
  return [part.dir + path, content];
}

function partPage(ctx: SiteContext, key: PageKey[1]): SiteFile {
  const templates = siteTemplates();
  if (typeof key === "number")
    return [theoremPath(ctx.graph.theorems[key]!.id), templates.render("theorem", theoremView(ctx, key))];
  if (typeof key !== "string")
    return [refutedPagePath(key.refuted), templates.render("refuted", refutedPageView(ctx, key.refuted))];
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

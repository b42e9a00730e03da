/**
 * The HTML export: a static site that opens from disk without a server. `index.html` lists
 * every theorem (with a search box), `t/<id>.html` shows one theorem's numbered proof,
 * `definitions.html` the definitions and axioms, `rules.html` the step kinds; one `style.css`
 * and one classic `site.js` serve all pages. Rendering is a pure function of the graph: the
 * same graph gives the same bytes.
 */
import type { ProofGraph } from "../schema.js";
import { graphRelations } from "./graph-relations.js";
import { SITE_FILES, theoremPath } from "./links.js";
import { siteTemplates } from "./templates.js";
import { definitionsView, indexView, rulesView, theoremView } from "./view-model.js";

/** One file of the site: its path relative to the site root, and its text. */
export type SiteFile = readonly [path: string, content: string];

/**
 * The site's files one by one, in a fixed order: fixed pages and assets first, then theorem
 * pages in graph order. Lazy, so a writer can stream them to disk.
 */
export function* siteFiles(graph: ProofGraph): Generator<SiteFile> {
  const templates = siteTemplates();
  const rel = graphRelations(graph);
  yield [SITE_FILES.style, templates.asset("style.css")];
  yield [SITE_FILES.script, templates.asset("site.js")];
  yield [SITE_FILES.index, templates.render("index", indexView(graph, rel))];
  yield [SITE_FILES.definitions, templates.render("definitions", definitionsView(graph, rel))];
  yield [SITE_FILES.rules, templates.render("rules", rulesView(graph))];
  const seen = new Set<string>();
  for (let i = 0; i < graph.theorems.length; i++) {
    const t = graph.theorems[i]!;
    const path = theoremPath(t.id);
    // A repeated id would overwrite a page; the first one keeps it, as the links resolve to it.
    if (seen.has(path)) continue;
    seen.add(path);
    yield [path, templates.render("theorem", theoremView(graph, rel, i))];
  }
}

/** The whole site in memory: relative path → content. */
export function renderSite(graph: ProofGraph): Map<string, string> {
  return new Map(siteFiles(graph));
}

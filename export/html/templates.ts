/**
 * The handlebars environment of the HTML export: an isolated instance with the partials
 * registered, every template compiled once (strict, so a missing field is an error rather than
 * a blank), and the site's static assets. Templates live in `export/html/templates/` and are
 * found at run time relative to this module, both from the sources and from `dist/`.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

const PARTIALS = ["layout", "theorem-link", "step-row", "step-table", "index-entry", "graph-view"] as const;
const PAGES = ["index", "theorem", "definitions", "rules", "discovery", "refuted"] as const;
const ASSETS = ["style.css", "site.js", "minisearch.js"] as const;

export type PageTemplate = (typeof PAGES)[number];
export type AssetName = (typeof ASSETS)[number];

export interface SiteTemplates {
  render(page: PageTemplate, view: object): string;
  asset(name: AssetName): string;
}

/**
 * Where the templates are: beside this module when it runs from the sources, three levels up
 * and back down when it runs compiled from `dist/export/html/`.
 */
export function templateDirectory(): string {
  const candidates = [
    new URL("./templates/", import.meta.url),
    new URL("../../../export/html/templates/", import.meta.url),
  ];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}layout.hbs`)) return dir;
  }
  throw new Error("HTML templates not found: expected export/html/templates/ in the package");
}

const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, preventIndent: true } as const;

let cached: SiteTemplates | null = null;

/** The compiled templates; loaded and compiled on first use, then shared. */
export function siteTemplates(): SiteTemplates {
  if (cached !== null) return cached;
  const dir = templateDirectory();
  const read = (file: string): string => readFileSync(`${dir}${file}`, "utf8");
  const hb = Handlebars.create();
  // A partial's final newline would show up wherever it is used inline (before a comma, say).
  for (const name of PARTIALS) {
    hb.registerPartial(name, hb.compile(read(`${name}.hbs`).replace(/\n$/, ""), COMPILE_OPTIONS));
  }
  const pages = new Map<PageTemplate, Handlebars.TemplateDelegate<object>>();
  for (const name of PAGES) pages.set(name, hb.compile(read(`${name}.hbs`), COMPILE_OPTIONS));
  const assets = new Map<AssetName, string>();
  for (const name of ASSETS) assets.set(name, name === "minisearch.js" ? searchLibrary() : read(name));
  cached = {
    render(page, view) {
      const template = pages.get(page);
      if (template === undefined) throw new Error(`unknown page template ${page}`);
      return template(view);
    },
    asset(name) {
      const text = assets.get(name);
      if (text === undefined) throw new Error(`unknown asset ${name}`);
      return text;
    },
  };
  return cached;
}

/**
 * The search library's browser build (MiniSearch, UMD: it defines `window.MiniSearch`), copied
 * into every site from the installed package, without its source-map comment.
 */
function searchLibrary(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve("minisearch");
  const file = join(dirname(main), "..", "umd", "index.js");
  return readFileSync(file, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
}

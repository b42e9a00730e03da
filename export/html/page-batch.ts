/**
 * Site files rendered on another thread (the pool's `map`, engine/pool.ts): a thread loads the
 * layout engine and derives the site's parts once per site, then renders the files it is
 * given by key (each part's context derived on first use). A file is a pure function of the
 * graph and the discovery reports, so the bytes are the same wherever it is rendered.
 */
import type { ProofGraph } from "../schema.js";
import {
  loadLayoutEngine,
  type PageKey,
  type Site,
  type SiteExtras,
  type SiteFile,
  siteOf,
  sitePage,
} from "./render.js";

/** What every thread rendering files of one site reads. */
export interface SiteInput {
  readonly graph: ProofGraph;
  readonly extras: SiteExtras;
}

const sites = new WeakMap<SiteInput, Site>();

function siteFor(input: SiteInput): Site {
  let site = sites.get(input);
  if (!site) {
    site = siteOf(input.graph, input.extras);
    sites.set(input, site);
  }
  return site;
}

/** Once per thread and site: the layout engine and the site's parts. */
export async function prepareSite(input: SiteInput): Promise<void> {
  await loadLayoutEngine();
  siteFor(input);
}

/** One file of the site (after prepareSite). */
export function renderSiteFile(key: PageKey, input: SiteInput): SiteFile {
  return sitePage(siteFor(input), key);
}

/**
 * Site files rendered on another thread (the pool's `map`, engine/pool.ts): a thread loads the
 * layout engine and derives the site context once per site, then renders the files it is
 * given by key. A file is a pure function of the graph and the discovery report, so the bytes
 * are the same wherever it is rendered.
 */
import type { ProofGraph } from "../schema.js";
import {
  loadLayoutEngine,
  type PageKey,
  type SiteContext,
  type SiteExtras,
  type SiteFile,
  siteContext,
  sitePage,
} from "./render.js";

/** What every thread rendering files of one site reads. */
export interface SiteInput {
  readonly graph: ProofGraph;
  readonly extras: SiteExtras;
}

const contexts = new WeakMap<SiteInput, SiteContext>();

function contextOf(input: SiteInput): SiteContext {
  let ctx = contexts.get(input);
  if (!ctx) {
    ctx = siteContext(input.graph, input.extras);
    contexts.set(input, ctx);
  }
  return ctx;
}

/** Once per thread and site: the layout engine and the site's context. */
export async function prepareSite(input: SiteInput): Promise<void> {
  await loadLayoutEngine();
  contextOf(input);
}

/** One file of the site (after prepareSite). */
export function renderSiteFile(key: PageKey, input: SiteInput): SiteFile {
  return sitePage(contextOf(input), key);
}

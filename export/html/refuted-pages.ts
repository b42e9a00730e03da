/**
 * The pages of refuted candidates (`discovery/refuted-<n>.html`): a discovery run refutes tens
 * of thousands of candidates (peano-exp: 32,170, about 18 MB as one table), so they are listed
 * in report order on pages of at most `REFUTED_PAGE_ROWS` rows, each page a file of its own
 * (an independent task of the site's rendering), with a pager on every page and the list of
 * pages on the discovery page. Every refuted candidate is on exactly one page.
 */
import { candidateRows } from "./candidate-rows.js";
import type { DiscoveryReport } from "./discovery-report.js";
import { candidateAnchor, Hrefs } from "./links.js";
import type { SiteContext } from "./site-context.js";
import { type LayoutView, layout } from "./view-model.js";

/**
 * Rows per page: about 0.5 MB of HTML at peano-exp's ~500 bytes a row, which a browser lays
 * out at once and searches with find-in-page; peano-exp's 32,170 come to 33 pages, a pager
 * short enough to show whole, and a task size the pool's threads share evenly. Theories of a
 * few hundred candidates (examples/peano) need one page.
 */
export const REFUTED_PAGE_ROWS = 1000;

/** One page's place among the pages: its number (from 1), link and range of candidate ids. */
export interface RefutedPageLink {
  number: number;
  href: string;
  first: string;
  last: string;
  count: number;
}

export interface RefutedPageView extends LayoutView {
  anchor: string;
  number: number;
  pageCount: number;
  total: number;
  first: string;
  last: string;
  count: number;
  prev: RefutedPageLink | null;
  next: RefutedPageLink | null;
  /** Every page, this one marked. */
  pages: (RefutedPageLink & { current: boolean })[];
  /** The table rows, escaped (candidate-rows.ts). */
  rows: string;
}

const pagesOf = new WeakMap<DiscoveryReport, readonly (readonly number[])[]>();

/**
 * The report's refuted candidates (by index in `report.candidates`) page by page, in report
 * order. Derived once per report (each page's task asks for it).
 */
export function refutedPages(report: DiscoveryReport): readonly (readonly number[])[] {
  let pages = pagesOf.get(report);
  if (pages === undefined) {
    const refuted: number[] = [];
    report.candidates.forEach((c, i) => {
      if (c.status === "refuted") refuted.push(i);
    });
    const cut: number[][] = [];
    for (let i = 0; i < refuted.length; i += REFUTED_PAGE_ROWS)
      cut.push(refuted.slice(i, i + REFUTED_PAGE_ROWS));
    pages = cut;
    pagesOf.set(report, pages);
  }
  return pages;
}

const cellsOf = new WeakMap<DiscoveryReport, ReadonlyMap<string, number>>();

/** Each model fact's value (by index in `report.model.values`): the first that states it. */
export function modelFactCells(report: DiscoveryReport): ReadonlyMap<string, number> {
  let cells = cellsOf.get(report);
  if (cells === undefined) {
    const m = new Map<string, number>();
    report.model.values.forEach((v, i) => {
      if (!m.has(v.fact)) m.set(v.fact, i);
    });
    cells = m;
    cellsOf.set(report, cells);
  }
  return cells;
}

/** Every page of refuted candidates as linked from a page whose links start with `hrefs`. */
export function refutedPageLinks(report: DiscoveryReport, hrefs: Hrefs): RefutedPageLink[] {
  return refutedPages(report).map((indices, p) => ({
    number: p + 1,
    href: hrefs.refutedPage(p),
    first: candidateAnchor(indices[0]!),
    last: candidateAnchor(indices[indices.length - 1]!),
    count: indices.length,
  }));
}

/** The view of page `page` (from 0) of refuted candidates. */
export function refutedPageView(ctx: SiteContext, page: number): RefutedPageView {
  const report = ctx.discovery;
  if (report === null) throw new Error("internal: the refuted pages need a discovery report");
  const pages = refutedPages(report);
  const indices = pages[page];
  if (indices === undefined) throw new Error(`internal: no page ${page + 1} of refuted candidates`);
  // One level down from the site's root, like the theorem pages.
  const hrefs = new Hrefs("../");
  const links = refutedPageLinks(report, hrefs);
  const here = links[page]!;
  const cells = modelFactCells(report);
  const rows = candidateRows(report.candidates, indices, "refuted-candidate", (fact) => {
    const cell = cells.get(fact);
    return cell === undefined ? null : hrefs.modelCell(cell);
  });
  return {
    ...layout(
      ctx,
      hrefs,
      "refuted",
      `Refuted candidates ${here.first}–${here.last} (page ${here.number} of ${pages.length}): ${ctx.graph.theory.anchor}`,
    ),
    anchor: ctx.graph.theory.anchor,
    number: here.number,
    pageCount: pages.length,
    total: pages.reduce((n, p) => n + p.length, 0),
    first: here.first,
    last: here.last,
    count: here.count,
    prev: links[page - 1] ?? null,
    next: links[page + 1] ?? null,
    pages: links.map((l, p) => ({ ...l, current: p === page })),
    rows,
  };
}

/**
 * The discovery page's view: how many candidates each stage kept, the ground model's tables
 * of values (each cell a proved model theorem), the pages that list the refuted candidates
 * with the values that refute them (refuted-pages.ts), the candidates rejected by exact
 * evaluation (shown like the refuted ones, marked as not certified: their values are computed,
 * not proved), and the survivors left unproved.
 */
import { candidateRows } from "./candidate-rows.js";
import { Hrefs, modelCellAnchor } from "./links.js";
import { REFUTED_PAGE_ROWS, type RefutedPageLink, refutedPageLinks } from "./refuted-pages.js";
import type { SiteContext } from "./site-context.js";
import { type LayoutView, layout, type TheoremLinkView, theoremLink } from "./view-model.js";

export interface ModelTableView {
  op: string;
  /** Column headings (second input), for binary operations; empty for unary ones. */
  columns: number[];
  /** A cell whose value lies outside the model's numerals has no value (and no anchor). */
  rows: { input: number; cells: { anchor: string; value: number | null; title: string }[] }[];
}

export interface DiscoveryView extends LayoutView {
  anchor: string;
  stages: { label: string; value: string }[];
  modelSize: number;
  tables: ModelTableView[];
  /** How many candidates the model refuted, and the pages that list them. */
  refutedCount: number;
  refutedPages: RefutedPageLink[];
  pageRows: number;
  /** Rejected by exact evaluation: not certified, listed apart from the refutations. */
  rejectedCount: number;
  /** Their table rows, escaped (candidate-rows.ts). */
  rejectedRows: string;
  /** The closed forms exact evaluation used, as one text (`a + b = a + b; …`), or "none". */
  closedForms: string;
  proved: { readable: string; link: TheoremLinkView | null }[];
  unproved: { name: string | null; readable: string; mpl: string; failed: boolean }[];
}

const STAGE_LABELS: readonly [string, string][] = [
  ["generated", "Equations generated"],
  ["candidates", "Candidates kept"],
  ["refutedByModel", "Refuted by the ground model"],
  ["rejectedByEvaluation", "Rejected by exact evaluation (not certified)"],
  ["survivors", "Survivors of the filters"],
  ["instances", "Instances of other survivors (follow from them, not proved separately)"],
  ["proved", "Proved"],
  ["mirrorsProved", "Mirrors proved"],
  ["unproved", "Unproved"],
  ["essential", "Essential after compression"],
];

export function discoveryView(ctx: SiteContext): DiscoveryView {
  const report = ctx.discovery;
  if (report === null) throw new Error("internal: the discovery page needs a discovery report");
  const hrefs = new Hrefs("");
  const tables = new Map<string, ModelTableView>();
  // Cells by operation and inputs; tables are laid out after, column by column.
  const cells = new Map<string, Map<string, { anchor: string; value: number; title: string }>>();
  const inputs = new Map<string, { rows: Set<number>; columns: Set<number> }>();
  report.model.values.forEach((v, i) => {
    const anchor = modelCellAnchor(i);
    const [x, y] = v.inputs;
    if (x === undefined) return;
    const byOp = cells.get(v.op) ?? new Map();
    cells.set(v.op, byOp);
    const dims = inputs.get(v.op) ?? { rows: new Set<number>(), columns: new Set<number>() };
    inputs.set(v.op, dims);
    dims.rows.add(x);
    if (y !== undefined) dims.columns.add(y);
    const title = v.theorem === null ? v.fact : `${v.fact} (model theorem ${v.theorem})`;
    byOp.set(`${x},${y ?? ""}`, { anchor, value: v.value, title });
  });
  for (const [op, dims] of inputs) {
    const byOp = cells.get(op)!;
    const columns = [...dims.columns].sort((a, b) => a - b);
    const rows = [...dims.rows]
      .sort((a, b) => a - b)
      .map((x) => ({
        input: x,
        cells: (columns.length > 0 ? columns.map((y) => `${x},${y}`) : [`${x},`]).map(
          (k) => byOp.get(k) ?? { anchor: "", value: null, title: "outside the model" },
        ),
      }));
    tables.set(op, { op, columns, rows });
  }
  const refutedPages = refutedPageLinks(report, hrefs);
  const rejected: number[] = [];
  report.candidates.forEach((c, i) => {
    if (c.status === "rejected") rejected.push(i);
  });
  const stages = STAGE_LABELS.filter(
    ([k]) => report.stages[k] !== undefined && report.stages[k] !== null,
  ).map(([k, label]) => ({ label, value: String(report.stages[k]) }));
  return {
    ...layout(ctx, hrefs, "discovery", `Discovery: ${ctx.graph.theory.anchor}`),
    anchor: ctx.graph.theory.anchor,
    stages,
    modelSize: report.model.size,
    tables: [...tables.values()],
    refutedCount: refutedPages.reduce((n, p) => n + p.count, 0),
    refutedPages,
    pageRows: REFUTED_PAGE_ROWS,
    rejectedCount: rejected.length,
    // Their values are not model theorems: no links into the model's tables.
    rejectedRows: candidateRows(report.candidates, rejected, "rejected-candidate", () => null),
    closedForms: report.closedForms?.length ? report.closedForms.join("; ") : "none",
    proved: report.candidates
      .filter((c) => c.status === "proved")
      .map((c) => ({
        readable: c.readable,
        link: c.theorem === null ? null : theoremLink(ctx, hrefs, c.theorem),
      })),
    unproved: report.candidates
      .filter((c) => c.status === "unproved" || c.status === "failed")
      .map((c) => ({ name: c.name, readable: c.readable, mpl: c.mpl, failed: c.status === "failed" })),
  };
}

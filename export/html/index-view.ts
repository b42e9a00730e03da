/**
 * The index page's view: the drawn graph of the key theorems, then the theorems grouped for
 * reading: targets, essential theorems, then lemmas by the operations they mention, each
 * family's permuted variants folded under its representative; unproved conjectures last.
 */
import { methodText } from "../readable.js";
import type { TheoremJson, UnprovedJson } from "../schema.js";
import { drawSvg } from "./draw/dot-svg.js";
import { indexGraph } from "./draw/proof-graphs.js";
import { Hrefs } from "./links.js";
import type { SiteContext } from "./site-context.js";
import { type LayoutView, layout, readableOf, type TheoremLinkView, theoremLink } from "./view-model.js";

export interface IndexEntryView {
  link: TheoremLinkView;
  readable: string;
  mpl: string;
  method: string;
  steps: number;
  target: boolean;
  essential: boolean;
  mirrorOf: TheoremLinkView | null;
  variants: IndexEntryView[];
}

export interface IndexGroupView {
  anchor: string;
  title: string;
  count: number;
  entries: IndexEntryView[];
}

export interface IndexView extends LayoutView {
  heading: string;
  counts: { theorems: number; laws: number; lemmas: number; unproved: number; steps: number };
  run: {
    stopReason: string;
    bursts: number;
    blocks: number;
    facts: number;
    witnesses: number;
    blocksAtFactLimit: number;
    limits: string;
  };
  graph: { svg: string; caption: string } | null;
  lawsTitle: string;
  laws: IndexEntryView[];
  lemmaGroups: IndexGroupView[];
  unproved: { key: string; name: string | null; readable: string; mpl: string }[];
  discoveryHref: string | null;
  /** A later batch: the theorems it received, and from which batch through which mapping. */
  imports: { link: TheoremLinkView; readable: string; mpl: string; citedBy: number; single: boolean }[];
  importsFrom: string | null;
  importsLink: string | null;
}

export function indexView(ctx: SiteContext): IndexView {
  const { graph, rel, names } = ctx;
  const hrefs = new Hrefs("");
  const byId = (id: string): TheoremJson => rel.theoremById.get(id)!;
  const entry = (t: TheoremJson, withVariants: boolean): IndexEntryView => ({
    link: theoremLink(ctx, hrefs, t.id),
    readable: readableOf(t, graph),
    mpl: t.mpl,
    method: methodText(t),
    steps: t.steps.length,
    target: names.isTarget(t.id),
    essential: names.isEssential(t.id),
    mirrorOf:
      t.mirrorOf === undefined || !rel.theoremById.has(t.mirrorOf)
        ? null
        : theoremLink(ctx, hrefs, t.mirrorOf),
    variants:
      withVariants && !names.ground
        ? names
            .variants(t.id)
            .filter((v) => !names.isKey(v))
            .map((v) => entry(byId(v), false))
        : [],
  });
  const unique = [...rel.theoremById.values()];
  const key = unique.filter((t) => names.isKey(t.id) || names.ground);
  const laws = [...key.filter((t) => names.isTarget(t.id)), ...key.filter((t) => !names.isTarget(t.id))].map(
    (t) => entry(t, true),
  );
  // Lemmas: representatives that are not key, grouped by operations; variants fold under them.
  const groups = new Map<string, IndexEntryView[]>();
  for (const t of unique) {
    if (names.isKey(t.id) || names.ground) continue;
    // Variants fold under their representative (a key one folds its own).
    if (names.representative(t.id) !== t.id) continue;
    const ops = names.operations(t.id).join(", ") || "other";
    const list = groups.get(ops) ?? [];
    list.push(entry(t, true));
    groups.set(ops, list);
  }
  const lemmaGroups = [...groups.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([ops, entries], i) => ({
      anchor: `ops-${i + 1}`,
      title: ops,
      count: entries.reduce((n, e) => n + 1 + e.variants.length, 0),
      entries,
    }));
  const drawn = key.length > 0 && !names.ground ? indexGraph(graph, rel, names, hrefs) : null;
  const r = graph.run;
  const ground = names.ground;
  return {
    ...layout(ctx, hrefs, "index", `${graph.theory.anchor}: ${ground ? "ground model" : "proof graph"}`),
    heading: ground
      ? `${graph.theory.anchor}: ground model facts`
      : `${graph.theory.anchor}: proved theorems`,
    counts: {
      theorems: graph.theorems.length,
      laws: laws.length,
      lemmas: unique.length - laws.length,
      unproved: graph.unproved.length,
      steps: graph.theorems.reduce((sum, t) => sum + t.steps.length, 0),
    },
    run: {
      stopReason: r.stopReason,
      bursts: r.bursts,
      blocks: r.blocks,
      facts: r.facts,
      witnesses: r.witnesses,
      blocksAtFactLimit: r.blocksAtFactLimit,
      limits: `at most ${r.limits.maxBursts} bursts, witness depth ${r.limits.maxWitnessDepth}, ${r.limits.maxFactsPerBlock} facts per block`,
    },
    graph:
      drawn === null
        ? null
        : {
            svg: drawSvg(drawn.graph, "Dependency graph of the key theorems"),
            caption:
              drawn.shown < drawn.total
                ? `The first ${drawn.shown} of ${drawn.total} key theorems, each above the key theorems it rests on (through lemmas), the definitions' axioms at the bottom.`
                : `Targets at the top, each above the key theorems it rests on (through lemmas), the definitions' axioms at the bottom.`,
          },
    lawsTitle: ground
      ? "Model facts"
      : ctx.discovery !== null
        ? "Targets and essential theorems"
        : "Target laws",
    laws,
    lemmaGroups,
    unproved: graph.unproved.map((u: UnprovedJson, i) => ({
      key: `U${i + 1}`,
      name: u.name,
      readable: readableOf(u, graph),
      mpl: u.mpl,
    })),
    discoveryHref: ctx.discovery === null ? null : hrefs.discovery(),
    imports: (graph.batch?.imports ?? []).map((imp) => {
      const citedBy = rel.usedBy(imp.id).length;
      return {
        link: theoremLink(ctx, hrefs, imp.id),
        readable: readableOf(imp, graph),
        mpl: imp.mpl,
        citedBy,
        single: citedBy === 1,
      };
    }),
    importsFrom: graph.batch?.extends ?? null,
    importsLink: graph.batch?.link
      ? graph.batch.link.constants.map(([a, b]) => (a === b ? a : `${a}→${b}`)).join(", ")
      : null,
  };
}

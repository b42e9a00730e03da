/**
 * Plain view objects for the templates: every string a page shows or links to is prepared
 * here, so the templates only place values (escaped by `{{ }}`) and never compute. Hrefs come
 * from `links.ts`; readable text from `../readable.ts`.
 */
import { mplAtom } from "../mpl-text.js";
import { readableAtom, readableImplication, readableStatement } from "../readable.js";
import type { EntityJson, ProofGraph, StatementJson } from "../schema.js";
import type { GraphRelations } from "./graph-relations.js";
import { axiomAnchor, definitionAnchor, Hrefs, kindAnchor } from "./links.js";
import type { SiteContext } from "./site-context.js";
import { STEP_KIND_ORDER, STEP_KINDS } from "./step-kinds.js";

export interface LayoutView {
  title: string;
  siteTitle: string;
  pageKind: "index" | "theorem" | "definitions" | "rules" | "discovery" | "refuted";
  /** Hrefs of the shared assets and top-level pages for this page's depth. */
  nav: {
    index: string;
    definitions: string;
    rules: string;
    discovery: string | null;
    style: string;
    scripts: string[];
    /** A graph of batches: every batch's index, in run order, the current one marked. */
    batches: { name: string; href: string; current: boolean }[] | null;
  };
  /** The way back to the site root, for the search script's result links. */
  root: string;
}

export interface TheoremLinkView {
  /** `null` for a cited id that is not in the graph: shown, not linked. */
  href: string | null;
  id: string;
  name: string | null;
  /** The statement, shown on hover and focus. */
  title: string;
  /** An imported theorem: the earlier batch it comes from (its page is in that batch's site). */
  from?: string;
}

export interface EntityView {
  anchor: string | null;
  id: string;
  kind: string;
  readable: string;
  formal: string;
  origin: string;
  originHref: string | null;
}

export interface DefinitionsView extends LayoutView {
  anchor: string;
  definitions: {
    anchor: string;
    name: string;
    params: { name: string; type: string }[];
    mpl: string;
    uses: { href: string | null; name: string }[];
    entities: EntityView[];
  }[];
  axioms: EntityView[];
  sources: { path: string; text: string }[];
}

export interface RulesView extends LayoutView {
  kinds: { anchor: string; kind: string; title: string; summary: string; detail: string }[];
}

export function layout(
  ctx: SiteContext,
  hrefs: Hrefs,
  pageKind: LayoutView["pageKind"],
  title: string,
): LayoutView {
  return {
    title,
    siteTitle: ctx.names.ground ? `${ctx.graph.theory.anchor}: ground model` : ctx.graph.theory.anchor,
    pageKind,
    nav: {
      index: hrefs.index(),
      definitions: hrefs.definitions(),
      rules: hrefs.rules(),
      discovery: ctx.discovery === null ? null : hrefs.discovery(),
      style: hrefs.style(),
      scripts: hrefs.scripts(),
      batches:
        ctx.batches?.list.map((b) => ({
          name: b.name,
          href: `${hrefs.root}${b.root}index.html`,
          current: b.current,
        })) ?? null,
    },
    root: hrefs.root,
  };
}

/** A link to a theorem by id, with its display name and statement. */
export function theoremLink(ctx: SiteContext, hrefs: Hrefs, id: string): TheoremLinkView {
  const imported = ctx.batches?.imports.get(id);
  if (imported !== undefined) {
    const page = ctx.batches!.theoremOf(imported.batch, imported.theorem);
    return {
      href: page === null ? null : hrefs.root + page,
      id,
      name: imported.name ?? imported.theorem,
      title: `${id}${imported.name ? ` ${imported.name}` : ""}: ${readableStatement(imported.statement, ctx.graph)}`,
      from: imported.batch,
    };
  }
  if (!ctx.rel.theoremById.has(id)) return { href: null, id: `${id} (missing)`, name: null, title: "" };
  return { href: hrefs.theorem(id), id, name: ctx.names.name(id), title: ctx.names.statement(id) };
}

/**
 * Rendered again from the statement, which the verifier checks; the graph's own `readable`
 * text is free text nobody vouches for, so the site never shows it.
 */
export function readableOf(item: { statement: StatementJson }, graph: ProofGraph): string {
  return readableStatement(item.statement, graph);
}

/** `∀ x, y: p₁ ∧ p₂ → h` in atom notation, for entities (which have no MPL text of their own). */
function formalEntity(e: EntityJson): string {
  const lhs = e.premises.map(mplAtom).join(" ∧ ");
  let rhs: string;
  if (e.kind === "exists") {
    const w = e.witnesses ?? [];
    rhs = `∃${w.join(",")}: ${(e.body ?? []).map(mplAtom).join(" ∧ ")}`;
  } else {
    rhs = e.head === undefined ? "" : mplAtom(e.head);
  }
  const bound = (e.vars ?? []).filter((v) => !(e.witnesses ?? []).includes(v));
  const body = lhs.length > 0 ? `${lhs} → ${rhs}` : rhs;
  return bound.length > 0 ? `∀${bound.join(",")}: ${body}` : body;
}

export function readableEntity(e: EntityJson, graph: ProofGraph): string {
  if (e.kind === "exists") {
    const body = (e.body ?? []).map((a) => readableAtom(a, graph)).join(" ∧ ");
    const rhs = `∃ ${(e.witnesses ?? []).join(", ")}: ${body}`;
    if (e.premises.length === 0) return rhs;
    return `${e.premises.map((a) => readableAtom(a, graph)).join(" ∧ ")} ⇒ ${rhs}`;
  }
  if (e.head === undefined) return "";
  return readableImplication(e.premises, e.head, graph);
}

function entityView(
  e: EntityJson,
  graph: ProofGraph,
  rel: GraphRelations,
  hrefs: Hrefs,
  anchored: boolean,
): EntityView {
  const defIndex = rel.definitionIndex.get(e.origin.definition);
  return {
    anchor: anchored ? axiomAnchor(e.id) : null,
    id: e.id,
    kind: e.kind,
    readable: readableEntity(e, graph),
    formal: formalEntity(e),
    origin: e.origin.via.length > 0 ? e.origin.via : e.origin.definition,
    originHref: defIndex === undefined ? null : hrefs.definition(defIndex),
  };
}

export function definitionsView(ctx: SiteContext): DefinitionsView {
  const { graph, rel } = ctx;
  const hrefs = new Hrefs("");
  return {
    ...layout(ctx, hrefs, "definitions", `Definitions and axioms: ${graph.theory.anchor}`),
    anchor: graph.theory.anchor,
    definitions: graph.definitions.map((d, i) => ({
      anchor: definitionAnchor(i),
      name: d.name,
      params: d.params.map((p) => ({ name: p.name, type: p.type })),
      mpl: d.mpl,
      uses: d.uses.map((name) => {
        const j = rel.definitionIndex.get(name);
        return { href: j === undefined ? null : hrefs.definition(j), name };
      }),
      entities: d.entities.map((e) => entityView(e, graph, rel, hrefs, false)),
    })),
    axioms: graph.axioms.map((a) => entityView(a, graph, rel, hrefs, true)),
    sources: graph.theory.sources.map((s) => ({ path: s.path, text: s.text })),
  };
}

export function rulesView(ctx: SiteContext): RulesView {
  const { graph } = ctx;
  const hrefs = new Hrefs("");
  return {
    ...layout(ctx, hrefs, "rules", `Step kinds: ${graph.theory.anchor}`),
    kinds: STEP_KIND_ORDER.map((kind) => ({ anchor: kindAnchor(kind), kind, ...STEP_KINDS[kind] })),
  };
}

/**
 * Plain view objects for the templates: every string a page shows or links to is prepared
 * here, so the templates only place values (escaped by `{{ }}`) and never compute. Hrefs come
 * from `links.ts`; readable text from `../readable.ts`.
 */
import { mplAtom, mplStatement } from "../mpl-text.js";
import { readableAtom, readableImplication, readableStatement } from "../readable.js";
import type {
  EntityJson,
  ProofGraph,
  Section,
  StatementJson,
  StepJson,
  TheoremJson,
  UnprovedJson,
} from "../schema.js";
import type { GraphRelations } from "./graph-relations.js";
import { axiomAnchor, definitionAnchor, Hrefs, kindAnchor, stepAnchor } from "./links.js";
import { scriptJson } from "./script-json.js";
import { STEP_KIND_ORDER, STEP_KINDS } from "./step-kinds.js";

export interface LayoutView {
  title: string;
  siteTitle: string;
  pageKind: "index" | "theorem" | "definitions" | "rules";
  /** Hrefs of the shared assets and top-level pages for this page's depth. */
  nav: { index: string; definitions: string; rules: string; style: string; script: string };
}

export interface TheoremLinkView {
  /** `null` for a cited id that is not in the graph: shown, not linked. */
  href: string | null;
  id: string;
  name: string | null;
}

export interface IndexEntryView {
  link: TheoremLinkView;
  readable: string;
  mpl: string;
  method: string;
  steps: number;
  burst: number;
  mirrorOf: TheoremLinkView | null;
}

export interface UnprovedView {
  name: string | null;
  readable: string;
  mpl: string;
}

export interface IndexView extends LayoutView {
  anchor: string;
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
  laws: IndexEntryView[];
  lemmas: IndexEntryView[];
  unproved: UnprovedView[];
  /** Lower-cased search text of every `[data-search-item]`, in document order, as script JSON. */
  searchJson: string;
}

export interface RefView {
  href: string | null;
  label: string;
  title: string;
}

export interface StepRowView {
  n: number;
  anchor: string;
  href: string;
  goal: boolean;
  /** Direct premises, space-separated step numbers, for the hover highlighting script. */
  deps: string;
  readable: string;
  mpl: string;
  kind: string;
  kindHref: string;
  kindTitle: string;
  ref: RefView | null;
  note: string | null;
  premises: { n: number; href: string }[];
  binding: string;
}

export interface SectionView {
  anchor: string;
  title: string;
  /** Induction cases fold away in `<details>`; the setup and direct proofs stay open. */
  collapsible: boolean;
  hypothesis: { readable: string; mpl: string; fixed: string } | null;
  rows: StepRowView[];
}

export interface TheoremView extends LayoutView {
  id: string;
  name: string | null;
  readable: string;
  mpl: string;
  method: string;
  burst: number;
  stepCount: number;
  mirrorOf: TheoremLinkView | null;
  cites: TheoremLinkView[];
  sections: SectionView[];
  usedBy: TheoremLinkView[];
  axioms: { href: string; id: string; title: string }[];
  definitions: { href: string | null; name: string }[];
  prev: TheoremLinkView | null;
  next: TheoremLinkView | null;
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

function layout(
  graph: ProofGraph,
  hrefs: Hrefs,
  pageKind: LayoutView["pageKind"],
  title: string,
): LayoutView {
  return {
    title,
    siteTitle: graph.theory.anchor,
    pageKind,
    nav: {
      index: hrefs.index(),
      definitions: hrefs.definitions(),
      rules: hrefs.rules(),
      style: hrefs.style(),
      script: hrefs.script(),
    },
  };
}

function theoremLink(rel: GraphRelations, hrefs: Hrefs, id: string): TheoremLinkView {
  const t = rel.theoremById.get(id);
  return { href: hrefs.theorem(id), id, name: t?.name ?? null };
}

/** A cited id that is not in the graph is shown, but not linked. */
function citedLink(rel: GraphRelations, hrefs: Hrefs, id: string): TheoremLinkView {
  return rel.theoremById.has(id)
    ? theoremLink(rel, hrefs, id)
    : { href: null, id: `${id} (missing)`, name: null };
}

/**
 * Rendered again from the statement, which the verifier checks; the graph's own `readable`
 * text is free text nobody vouches for, so the site never shows it.
 */
function readableOf(item: { statement: StatementJson }, graph: ProofGraph): string {
  return readableStatement(item.statement, graph);
}

function methodLabel(t: TheoremJson): string {
  if (t.method === "induction" && t.induction !== undefined) return `induction on ${t.induction.var}`;
  if (t.method === "contradiction") return "contradiction";
  return t.method;
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

function readableEntity(e: EntityJson, graph: ProofGraph): string {
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

function statementVars(t: TheoremJson | undefined): readonly string[] | null {
  return t === undefined ? null : t.statement.vars;
}

function bindingText(vars: readonly string[] | null, binding: readonly string[] | undefined): string {
  if (binding === undefined || binding.length === 0) return "";
  if (vars === null || vars.length !== binding.length) return binding.join(", ");
  return binding.map((c, i) => `${vars[i]} := ${c}`).join(", ");
}

function stepRow(
  step: StepJson,
  t: TheoremJson,
  graph: ProofGraph,
  rel: GraphRelations,
  hrefs: Hrefs,
  goals: ReadonlySet<number>,
): StepRowView {
  const info = STEP_KINDS[step.kind];
  let ref: RefView | null = null;
  let note: string | null = null;
  let vars: readonly string[] | null = null;
  switch (step.kind) {
    case "premise":
      note = step.index === undefined ? "of the statement" : `premise ${step.index + 1} of the statement`;
      break;
    case "axiom":
    case "rule":
    case "definition":
    case "witness": {
      const id = step.ref ?? "";
      const axiom = rel.axiomById.get(id);
      ref = {
        href: axiom === undefined ? null : hrefs.axiom(id),
        label: axiom === undefined ? `${id} (missing)` : id,
        title: axiom === undefined ? "" : readableEntity(axiom, graph),
      };
      vars = axiom?.vars ?? null;
      if (step.kind === "witness" && step.witness !== undefined) note = `new constant ${step.witness}`;
      break;
    }
    case "theorem": {
      const id = step.ref ?? "";
      const cited = rel.theoremById.get(id);
      ref = {
        href: cited === undefined ? null : hrefs.theorem(id),
        label: cited === undefined ? `${id} (missing)` : id,
        title: cited === undefined ? "" : readableOf(cited, graph),
      };
      vars = statementVars(cited);
      break;
    }
    case "hypothesis": {
      const ind = t.induction;
      ref = {
        href: "#hypothesis",
        label: ind === undefined ? "(no induction)" : `for ${ind.predecessor}`,
        title: ind === undefined ? "" : readableStatement(ind.hypothesis, graph),
      };
      vars = ind?.hypothesis.vars ?? null;
      break;
    }
    default:
      break;
  }
  return {
    n: step.n,
    anchor: stepAnchor(step.n),
    href: hrefs.step(step.n),
    goal: goals.has(step.n),
    deps: step.premises.map((p) => String(Math.trunc(p))).join(" "),
    readable: readableAtom(step.fact, graph),
    mpl: mplAtom(step.fact),
    kind: step.kind,
    kindHref: hrefs.kind(step.kind),
    kindTitle: info === undefined ? "" : info.summary,
    ref,
    note,
    premises: step.premises.map((p) => ({ n: p, href: hrefs.step(p) })),
    binding: bindingText(vars, step.binding),
  };
}

function sectionsOf(t: TheoremJson, graph: ProofGraph, rel: GraphRelations, hrefs: Hrefs): SectionView[] {
  const goals = new Set<number>();
  for (const g of [t.goals.main, t.goals.base, t.goals.step]) if (g !== undefined) goals.add(g);
  const rows = (section: Section): StepRowView[] =>
    t.steps
      .filter((s) => s.section === section)
      .sort((a, b) => a.n - b.n)
      .map((s) => stepRow(s, t, graph, rel, hrefs, goals));
  const ind = t.induction;
  if (t.method !== "induction" || ind === undefined) {
    const title = t.method === "contradiction" ? "Proof by contradiction" : "Proof";
    const all = [...t.steps].sort((a, b) => a.n - b.n).map((s) => stepRow(s, t, graph, rel, hrefs, goals));
    return [{ anchor: "proof", title, collapsible: false, hypothesis: null, rows: all }];
  }
  const zero = graph.theory.constants.find((c) => c.role === "zero")?.name ?? "zero";
  const successor = graph.theory.constants.find((c) => c.role === "successor")?.name ?? "successor";
  const sections: SectionView[] = [];
  const setup = rows("main");
  if (setup.length > 0) {
    sections.push({ anchor: "setup", title: "Setup", collapsible: false, hypothesis: null, rows: setup });
  }
  sections.push({
    anchor: "case-base",
    title: `Base case: ${ind.var} := ${zero}`,
    collapsible: true,
    hypothesis: null,
    rows: rows("base"),
  });
  sections.push({
    anchor: "case-step",
    title: `Induction step: ${ind.var} = ${successor}(${ind.predecessor})`,
    collapsible: true,
    hypothesis: {
      readable: readableStatement(ind.hypothesis, graph),
      mpl: mplStatement(ind.hypothesis),
      fixed: ind.fixed.length > 0 ? ind.fixed.join(", ") : "(none)",
    },
    rows: rows("step"),
  });
  return sections;
}

export function indexView(graph: ProofGraph, rel: GraphRelations): IndexView {
  const hrefs = new Hrefs("");
  const entry = (t: TheoremJson): IndexEntryView => ({
    link: theoremLink(rel, hrefs, t.id),
    readable: readableOf(t, graph),
    mpl: t.mpl,
    method: methodLabel(t),
    steps: t.steps.length,
    burst: t.burst,
    mirrorOf: t.mirrorOf === undefined ? null : citedLink(rel, hrefs, t.mirrorOf),
  });
  const laws = graph.theorems.filter((t) => t.name !== null).map(entry);
  const lemmas = graph.theorems.filter((t) => t.name === null).map(entry);
  const unproved = graph.unproved.map((u: UnprovedJson) => ({
    name: u.name,
    readable: readableOf(u, graph),
    mpl: u.mpl,
  }));
  const text = (...parts: (string | null)[]): string =>
    parts
      .filter((p): p is string => p !== null)
      .join("\n")
      .toLowerCase();
  const searchTexts = [
    ...laws.map((e) => text(e.link.id, e.link.name, e.readable, e.mpl)),
    ...lemmas.map((e) => text(e.link.id, e.link.name, e.readable, e.mpl)),
    ...unproved.map((u) => text(u.name, u.readable, u.mpl)),
  ];
  const r = graph.run;
  return {
    ...layout(graph, hrefs, "index", `${graph.theory.anchor}: proof graph`),
    anchor: graph.theory.anchor,
    counts: {
      theorems: graph.theorems.length,
      laws: laws.length,
      lemmas: lemmas.length,
      unproved: unproved.length,
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
    laws,
    lemmas,
    unproved,
    searchJson: scriptJson(searchTexts),
  };
}

export function theoremView(graph: ProofGraph, rel: GraphRelations, index: number): TheoremView {
  const t = graph.theorems[index];
  if (t === undefined) throw new RangeError(`no theorem at position ${index}`);
  const hrefs = new Hrefs("../");
  const prev = graph.theorems[index - 1];
  const next = graph.theorems[index + 1];
  const title = t.name === null ? t.id : `${t.id} ${t.name}`;
  return {
    ...layout(graph, hrefs, "theorem", `${title}: ${graph.theory.anchor}`),
    id: t.id,
    name: t.name,
    readable: readableOf(t, graph),
    mpl: t.mpl,
    method: methodLabel(t),
    burst: t.burst,
    stepCount: t.steps.length,
    mirrorOf: t.mirrorOf === undefined ? null : citedLink(rel, hrefs, t.mirrorOf),
    cites: rel.cites(t).map((id) => citedLink(rel, hrefs, id)),
    sections: sectionsOf(t, graph, rel, hrefs),
    usedBy: rel.usedBy(t.id).map((id) => theoremLink(rel, hrefs, id)),
    axioms: rel.axiomsUnder(t.id).map((id) => {
      const a = rel.axiomById.get(id);
      return { href: hrefs.axiom(id), id, title: a === undefined ? "" : readableEntity(a, graph) };
    }),
    definitions: rel.definitionsUnder(t.id).map((name) => {
      const i = rel.definitionIndex.get(name);
      return { href: i === undefined ? null : hrefs.definition(i), name };
    }),
    prev: prev === undefined ? null : theoremLink(rel, hrefs, prev.id),
    next: next === undefined ? null : theoremLink(rel, hrefs, next.id),
  };
}

export function definitionsView(graph: ProofGraph, rel: GraphRelations): DefinitionsView {
  const hrefs = new Hrefs("");
  return {
    ...layout(graph, hrefs, "definitions", `Definitions and axioms: ${graph.theory.anchor}`),
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

export function rulesView(graph: ProofGraph): RulesView {
  const hrefs = new Hrefs("");
  return {
    ...layout(graph, hrefs, "rules", `Step kinds: ${graph.theory.anchor}`),
    kinds: STEP_KIND_ORDER.map((kind) => ({ anchor: kindAnchor(kind), kind, ...STEP_KINDS[kind] })),
  };
}

/**
 * A theorem page's view: the statement, its neighbourhood drawn (what it cites below, what
 * cites it above), and the proof in reading order. Steps are numbered per page in the order
 * they are shown (set-up, base case, induction step), so every premise has a smaller number
 * than the step using it; bindings show only what the cited rule's variables were bound to
 * where that differs from the variable's own name; rewrite steps say what was replaced by what.
 */
import { comprehensionList } from "../assumptions.js";
import { mplAtom, mplStatement } from "../mpl-text.js";
import { methodText, readableAtom, readableStatement, usesHypothesis } from "../readable.js";
import type { AtomJson, EntityJson, Section, StepJson, TheoremJson } from "../schema.js";
import { neighbourhoodSvg } from "./draw/neighbourhood-svg.js";
import { neighbourhoodGraph } from "./draw/proof-graphs.js";
import { Hrefs, stepAnchor } from "./links.js";
import type { SiteContext } from "./site-context.js";
import { STEP_KINDS } from "./step-kinds.js";
import {
  type LayoutView,
  layout,
  readableEntity,
  readableOf,
  type TheoremLinkView,
  theoremLink,
} from "./view-model.js";

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
  /** Direct premises, space-separated page numbers, for the hover highlighting script. */
  deps: string;
  readable: string;
  mpl: string;
  kind: string;
  kindHref: string;
  kindTitle: string;
  ref: RefView | null;
  note: string | null;
  premises: { n: number; href: string }[];
  binding: { name: string; value: string }[];
  rewrite: { from: string; to: string }[];
}

export interface SectionView {
  anchor: string;
  title: string;
  /** Induction cases sit in `<details>`, open by default. */
  collapsible: boolean;
  hypothesis: { readable: string; mpl: string; fixed: string } | null;
  rows: StepRowView[];
}

export interface TheoremView extends LayoutView {
  id: string;
  name: string;
  badges: string[];
  readable: string;
  mpl: string;
  method: string;
  /** Definitions whose set the proof assumes to exist (comprehension), directly or through cited theorems. */
  assumes: string[];
  burst: number;
  stepCount: number;
  mirrorOf: TheoremLinkView | null;
  variantOf: TheoremLinkView | null;
  graphSvg: string;
  cites: TheoremLinkView[];
  sections: SectionView[];
  usedBy: TheoremLinkView[];
  axioms: { href: string; id: string; title: string }[];
  definitions: { href: string | null; name: string }[];
  prev: TheoremLinkView | null;
  next: TheoremLinkView | null;
}

const ASSUMED = new WeakMap<object, Map<string, string[]>>();

/** Theorem id → the definitions whose comprehension its proof rests on (once per graph). */
function assumedSets(graph: SiteContext["graph"]): Map<string, string[]> {
  let m = ASSUMED.get(graph);
  if (!m) {
    m = new Map(comprehensionList(graph).map((u) => [u.theorem, [...u.definitions]]));
    ASSUMED.set(graph, m);
  }
  return m;
}

const SECTION_ORDER: Readonly<Record<Section, number>> = { main: 0, base: 1, step: 2 };

/** Steps in the order the page shows them, and each step's number on the page. */
export function readingOrder(t: TheoremJson): { order: StepJson[]; number: Map<number, number> } {
  const order = [...t.steps].sort(
    (a, b) => (SECTION_ORDER[a.section] ?? 0) - (SECTION_ORDER[b.section] ?? 0) || a.n - b.n,
  );
  const number = new Map<number, number>();
  order.forEach((s, i) => {
    if (!number.has(s.n)) number.set(s.n, i + 1);
  });
  return { order, number };
}

/** `var := value` pairs, without the identities (`a := a`). */
function bindingPairs(
  vars: readonly string[] | null,
  binding: readonly string[] | undefined,
): { name: string; value: string }[] {
  if (binding === undefined || binding.length === 0) return [];
  if (vars === null || vars.length !== binding.length)
    return binding.map((value, i) => ({ name: `#${i + 1}`, value }));
  return binding.map((value, i) => ({ name: vars[i]!, value })).filter((p) => p.name !== p.value);
}

/** What an `eq-subst` step replaced: each argument of the source that changed, and its replacement. */
function rewrites(step: StepJson, byN: ReadonlyMap<number, StepJson>): { from: string; to: string }[] {
  const source: AtomJson | undefined = byN.get(step.premises[0] ?? -1)?.fact;
  if (source === undefined) return [];
  const out: { from: string; to: string }[] = [];
  source.args.forEach((a, i) => {
    const b = step.fact.args[i];
    if (b !== undefined && a !== b && !out.some((r) => r.from === a && r.to === b))
      out.push({ from: a, to: b });
  });
  return out;
}

function stepRow(
  step: StepJson,
  t: TheoremJson,
  ctx: SiteContext,
  hrefs: Hrefs,
  number: ReadonlyMap<number, number>,
  byN: ReadonlyMap<number, StepJson>,
  goals: ReadonlySet<number>,
): StepRowView {
  const { graph, rel, names } = ctx;
  const info = STEP_KINDS[step.kind];
  const num = (n: number): number => number.get(n) ?? n;
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
    case "witness":
    case "comprehension": {
      const id = step.ref ?? "";
      const axiom = rel.axiomById.get(id);
      ref = {
        href: axiom === undefined ? null : hrefs.axiom(id),
        label: axiom === undefined ? `${id} (missing)` : id,
        title: axiom === undefined ? "" : readableEntity(axiom, graph),
      };
      vars = axiom?.vars ?? null;
      if (step.kind === "witness" && step.witness !== undefined) note = `new constant ${step.witness}`;
      if (step.kind === "comprehension" && step.witness !== undefined)
        note = `new set ${step.witness}, assumed to exist (comprehension)`;
      break;
    }
    case "theorem": {
      const id = step.ref ?? "";
      const cited = rel.theoremById.get(id);
      const imported = ctx.batches?.imports.get(id);
      if (cited === undefined && imported !== undefined) {
        const link = theoremLink(ctx, hrefs, id);
        ref = { href: link.href, label: `${link.name} (from ${imported.batch})`, title: link.title };
        vars = imported.statement.vars;
        break;
      }
      ref = {
        href: cited === undefined ? null : hrefs.theorem(id),
        label: cited === undefined ? `${id} (missing)` : `${names.name(id)}`,
        title: cited === undefined ? "" : names.title(id),
      };
      vars = cited?.statement.vars ?? null;
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
    case "suppose":
      if (step.scope) note = `supposed in case ${step.scope.case + 1} of step ${num(step.scope.intro)}`;
      break;
    case "intro": {
      note = introNote(step, rel.axiomById, num);
      const only = step.cases?.length === 1 ? rel.axiomById.get(step.cases[0]!.ref) : undefined;
      if (only) ref = { href: hrefs.axiom(only.id), label: only.id, title: readableEntity(only, graph) };
      break;
    }
    default:
      break;
  }
  if (step.scope && step.kind !== "suppose") {
    const inside = `inside case ${step.scope.case + 1} of step ${num(step.scope.intro)}`;
    note = note === null ? inside : `${note}; ${inside}`;
  }
  const n = num(step.n);
  return {
    n,
    anchor: stepAnchor(n),
    href: hrefs.step(n),
    goal: goals.has(step.n),
    deps: step.premises.map((p) => String(num(p))).join(" "),
    readable: readableAtom(step.fact, graph),
    mpl: mplAtom(step.fact),
    kind: step.kind,
    kindHref: hrefs.kind(step.kind),
    kindTitle: info === undefined ? "" : info.summary,
    ref,
    note,
    premises: step.premises.map((p) => ({ n: num(p), href: hrefs.step(num(p)) })),
    binding: bindingPairs(vars, step.binding),
    rewrite: step.kind === "eq-subst" ? rewrites(step, byN) : [],
  };
}

/** An intro step's cases: per case its elimination axiom, fresh constants and the step proving its head. */
function introNote(
  step: StepJson,
  axiomById: ReadonlyMap<string, EntityJson>,
  num: (n: number) => number,
): string {
  const cases = (step.cases ?? []).map((c, j) => {
    const axiom = axiomById.get(c.ref);
    const clause = new Set(axiom?.premises[0]?.args ?? []);
    const fresh = (axiom?.vars ?? []).flatMap((v, i) => (clause.has(v) ? [] : [c.binding[i] ?? v]));
    const from = step.premises[j] === undefined ? "" : `, from step ${num(step.premises[j]!)}`;
    return `case ${j + 1} (${c.ref}): for fresh ${fresh.join(", ") || "(none)"}${from}`;
  });
  return cases.join("; ");
}

function sectionsOf(t: TheoremJson, ctx: SiteContext, hrefs: Hrefs): SectionView[] {
  const { graph } = ctx;
  const goals = new Set<number>();
  for (const g of [t.goals.main, t.goals.base, t.goals.step]) if (g !== undefined) goals.add(g);
  const { order, number } = readingOrder(t);
  const byN = new Map(t.steps.map((s) => [s.n, s]));
  const row = (s: StepJson): StepRowView => stepRow(s, t, ctx, hrefs, number, byN, goals);
  const ind = t.induction;
  if (t.method !== "induction" || ind === undefined) {
    const title = t.method === "contradiction" ? "Proof by contradiction" : "Proof";
    return [{ anchor: "proof", title, collapsible: false, hypothesis: null, rows: order.map(row) }];
  }
  const rows = (section: Section): StepRowView[] => order.filter((s) => s.section === section).map(row);
  const zero = graph.theory.constants.find((c) => c.role === "zero")?.name ?? "zero";
  const successor = graph.theory.constants.find((c) => c.role === "successor")?.name ?? "successor";
  const sections: SectionView[] = [];
  const setup = rows("main");
  if (setup.length > 0) {
    sections.push({ anchor: "setup", title: "Set-up", collapsible: false, hypothesis: null, rows: setup });
  }
  // A step that does not use the hypothesis makes the induction a case split: zero, or a successor.
  const split = !usesHypothesis(t);
  sections.push({
    anchor: "case-base",
    title: `${split ? "Case" : "Base case:"} ${ind.var} := ${zero}`,
    collapsible: true,
    hypothesis: null,
    rows: rows("base"),
  });
  sections.push({
    anchor: "case-step",
    title: `${split ? "Case" : "Induction step:"} ${ind.var} = ${successor}(${ind.predecessor})`,
    collapsible: true,
    hypothesis: split
      ? null
      : {
          readable: readableStatement(ind.hypothesis, graph),
          mpl: mplStatement(ind.hypothesis),
          fixed: ind.fixed.length > 0 ? ind.fixed.join(", ") : "(none)",
        },
    rows: rows("step"),
  });
  return sections;
}

export function theoremView(ctx: SiteContext, index: number): TheoremView {
  const { graph, rel, names } = ctx;
  const t = graph.theorems[index];
  if (t === undefined) throw new RangeError(`no theorem at position ${index}`);
  const hrefs = new Hrefs("../");
  const prev = graph.theorems[index - 1];
  const next = graph.theorems[index + 1];
  const name = names.name(t.id);
  const badges: string[] = [];
  if (names.isTarget(t.id)) badges.push("target");
  if (names.isEssential(t.id)) badges.push("essential");
  const rep = names.representative(t.id);
  return {
    ...layout(ctx, hrefs, "theorem", `${name} (${t.id}): ${graph.theory.anchor}`),
    id: t.id,
    name,
    badges,
    readable: readableOf(t, graph),
    mpl: t.mpl,
    method: methodText(t),
    assumes: assumedSets(graph).get(t.id) ?? [],
    burst: t.burst,
    stepCount: t.steps.length,
    mirrorOf: t.mirrorOf === undefined ? null : theoremLink(ctx, hrefs, t.mirrorOf),
    variantOf: rep === t.id || rep === t.mirrorOf ? null : theoremLink(ctx, hrefs, rep),
    graphSvg: neighbourhoodSvg(
      neighbourhoodGraph(t, rel, names, hrefs),
      `What ${name} cites and what cites it`,
    ),
    cites: rel.cites(t).map((id) => theoremLink(ctx, hrefs, id)),
    sections: sectionsOf(t, ctx, hrefs),
    usedBy: rel.usedBy(t.id).map((id) => theoremLink(ctx, hrefs, id)),
    axioms: rel.axiomsUnder(t.id).map((id) => {
      const a = rel.axiomById.get(id);
      return { href: hrefs.axiom(id), id, title: a === undefined ? "" : readableEntity(a, graph) };
    }),
    definitions: rel.definitionsUnder(t.id).map((d) => {
      const i = rel.definitionIndex.get(d);
      return { href: i === undefined ? null : hrefs.definition(i), name: d };
    }),
    prev: prev === undefined ? null : theoremLink(ctx, hrefs, prev.id),
    next: next === undefined ? null : theoremLink(ctx, hrefs, next.id),
  };
}

/**
 * Batches, re-checked: a batch's place (its name, the batch it extends), its anchor link (every
 * axiom of the extended batch, mapped, is an axiom of this one, up to variable names and premise
 * order; the mapping respects types) and its imports (each, under the link, a theorem that
 * verified in the extended batch, or one that batch imported itself). Written here on its own,
 * as the rest of the verifier; docs/verifier.md, "Batches".
 */
import type {
  AtomJson,
  BatchJson,
  EntityJson,
  ImportJson,
  LinkJson,
  ProofGraph,
  StatementJson,
} from "../export/schema.js";
import { type Anchor, atomProblem, varsProblem } from "./anchor.js";
import { formatStatement } from "./atoms.js";
import { formatEntity } from "./expected-axioms.js";

/** The parts of a graph the batch checks read (a whole graph or an earlier batch inside one). */
export type GraphPart = Pick<ProofGraph, "theory" | "predicates" | "axioms" | "theorems"> & {
  batch?: BatchJson;
};

/** What later batches need of a checked one. */
export interface CheckedBatch {
  readonly part: GraphPart;
  /** Theorem id → whether it verified. */
  readonly verified: ReadonlyMap<string, boolean>;
  /** Import id → the import, and whether it passed. */
  readonly imports: ReadonlyMap<string, { readonly imp: ImportJson; readonly ok: boolean }>;
}

const BUILTINS = new Set(["in", "in2", "in3", "="]);

/** Problems of the batch header of `part`, the `index`-th batch, given the batches before it. */
export function placeProblems(
  part: GraphPart,
  index: number,
  before: ReadonlyMap<string, CheckedBatch>,
): string[] {
  const b = part.batch;
  if (b === undefined) return ["a graph of several batches needs a batch header on each"];
  const problems: string[] = [];
  if (b.name !== part.theory.anchor)
    problems.push(`the batch is named ${b.name}, but its anchor is ${part.theory.anchor}`);
  if (before.has(b.name)) problems.push(`a second batch named ${b.name}`);
  if (index === 0) {
    if (b.extends !== null)
      problems.push(`the first batch extends ${b.extends}, which does not come before it`);
    if (b.link !== null || b.imports.length > 0 || b.newConstants.length > 0)
      problems.push("the first batch has no link, no imports and no new constants");
    return problems;
  }
  if (b.extends === null) problems.push("only the first batch extends nothing");
  else if (!before.has(b.extends)) problems.push(`it extends ${b.extends}, which is not an earlier batch`);
  if (b.link === null) problems.push("a batch that extends another needs its link");
  else if (b.link.earlier !== b.extends)
    problems.push(`its link is from ${b.link.earlier}, not from ${b.extends}`);
  return problems;
}

/** The link's mapping as name maps, or the problems that make it unusable. */
function mappings(
  link: LinkJson,
  earlier: GraphPart,
  later: GraphPart,
): { constants: Map<string, string>; predicates: Map<string, string> } | { problems: string[] } {
  const problems: string[] = [];
  const constants = new Map<string, string>();
  const laterConstants = new Map(later.theory.constants.map((c) => [c.name, c]));
  if (link.constants.length !== earlier.theory.constants.length)
    problems.push(
      `the link maps ${link.constants.length} constants, but ${earlier.theory.anchor} has ${earlier.theory.constants.length}`,
    );
  earlier.theory.constants.forEach((c, k) => {
    const pair = link.constants[k];
    if (pair === undefined) return;
    const [from, to] = pair;
    const target = laterConstants.get(to);
    if (from !== c.name)
      problems.push(`constant ${k + 1} of ${earlier.theory.anchor} is ${c.name}, not ${from}`);
    else if (target === undefined)
      problems.push(`${from} maps to ${to}, which is no constant of ${later.theory.anchor}`);
    else if (target.type !== c.type)
      problems.push(`${from} is ${article(c.type)}, but ${to} is ${article(target.type)}`);
    else constants.set(from, to);
  });
  const predicates = new Map<string, string>();
  const earlierPreds = new Map(earlier.predicates.map((p) => [p.name, p]));
  const laterPreds = new Map(later.predicates.map((p) => [p.name, p]));
  for (const [from, to] of link.predicates) {
    const [p, q] = [earlierPreds.get(from), laterPreds.get(to)];
    if (BUILTINS.has(from) || predicates.has(from))
      problems.push(`the link maps the predicate ${from} twice or maps a built-in`);
    else if (p === undefined || q === undefined)
      problems.push(`the link maps ${from} to ${to}, not both predicates`);
    else if (p.arity !== q.arity || JSON.stringify(p.operator) !== JSON.stringify(q.operator))
      problems.push(`the predicates ${from} and ${to} differ in arity or operator positions`);
    else predicates.set(from, to);
  }
  return problems.length > 0 ? { problems } : { constants, predicates };
}

const article = (t: string) => (t === "element" || t === "operation" ? `an ${t}` : `a ${t}`);

/**
 * A text equal for equal axioms whatever their variable names and premise order: premises in
 * the order of their text with variables blanked, every order within equal texts tried, the
 * variables then numbered by first occurrence, the least text kept.
 */
function axiomText(e: EntityJson, pred: (p: string) => string, constant: (c: string) => string): string {
  const vars = new Set(e.vars);
  const blank = (a: AtomJson) =>
    `${a.neg ? "!" : ""}${pred(a.pred)}(${a.args.map((x) => (vars.has(x) ? "?" : constant(x))).join(",")})`;
  const premises = [...e.premises].sort((a, b) => (blank(a) < blank(b) ? -1 : blank(a) > blank(b) ? 1 : 0));
  const conclusion = e.kind === "exists" ? (e.body ?? []) : e.head ? [e.head] : [];
  const runs: AtomJson[][] = [];
  for (const p of premises) {
    const last = runs[runs.length - 1];
    if (last && blank(last[0]!) === blank(p)) last.push(p);
    else runs.push([p]);
  }
  const render = (order: AtomJson[]) => {
    const num = new Map<string, number>();
    const arg = (x: string) => {
      if (!vars.has(x)) return constant(x);
      if (!num.has(x)) num.set(x, num.size);
      return `#${num.get(x)}`;
    };
    const text = (a: AtomJson) => `${a.neg ? "!" : ""}${pred(a.pred)}(${a.args.map(arg).join(",")})`;
    const front = order.map(text).join(" & ");
    const back = conclusion.map(text).join(" & ");
    const witnesses = (e.witnesses ?? []).map((w) => num.get(w) ?? -1).sort((a, b) => a - b);
    return `${e.kind}: ${front} => ${back} w${witnesses.join(",")}`;
  };
  let best: string | null = null;
  let tried = 0;
  const walk = (i: number, order: AtomJson[]) => {
    if (tried > 5040) return;
    if (i === runs.length) {
      tried++;
      const t = render(order);
      if (best === null || t < best) best = t;
      return;
    }
    const run = runs[i]!;
    const permute = (rest: AtomJson[], acc: AtomJson[]) => {
      if (rest.length === 0) walk(i + 1, [...order, ...acc]);
      for (const [k, x] of rest.entries()) permute([...rest.slice(0, k), ...rest.slice(k + 1)], [...acc, x]);
    };
    permute(run, []);
  };
  walk(0, []);
  return best ?? render(premises);
}

/** Problems of the link: the mapping's shape, then every earlier axiom missing here. */
export function linkProblems(
  link: LinkJson,
  earlier: GraphPart,
  later: GraphPart,
): { problems: string[]; maps: { constants: Map<string, string>; predicates: Map<string, string> } | null } {
  const m = mappings(link, earlier, later);
  if ("problems" in m) return { problems: m.problems, maps: null };
  const problems: string[] = [];
  const same = (x: string) => x;
  const here = new Set(later.axioms.map((e) => axiomText(e, same, same)));
  const unmapped = new Set<string>();
  const pred = (p: string) => {
    if (BUILTINS.has(p)) return p;
    const q = m.predicates.get(p);
    if (q === undefined) unmapped.add(p);
    return q ?? `?${p}`;
  };
  const constant = (c: string) => m.constants.get(c) ?? `?${c}`;
  for (const e of earlier.axioms) {
    const text = axiomText(e, pred, constant);
    if (!here.has(text))
      problems.push(
        `axiom ${e.id} of ${earlier.theory.anchor} (${formatEntity(e)}) is not an axiom of ${later.theory.anchor} under the link`,
      );
  }
  for (const p of unmapped)
    problems.push(
      `the link does not map the predicate ${p}, which an axiom of ${earlier.theory.anchor} uses`,
    );
  return { problems, maps: m };
}

/** The earlier statement under the link equals the imported statement, up to a renaming of variables. */
function sameUnderLink(
  source: StatementJson,
  imported: StatementJson,
  maps: { constants: Map<string, string>; predicates: Map<string, string> },
): boolean {
  if (source.vars.length !== imported.vars.length || source.premises.length !== imported.premises.length)
    return false;
  const vars = new Set(source.vars);
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  const atom = (a: AtomJson, b: AtomJson): boolean => {
    const pred = BUILTINS.has(a.pred) ? a.pred : maps.predicates.get(a.pred);
    if (pred !== b.pred || (a.neg === true) !== (b.neg === true) || a.args.length !== b.args.length)
      return false;
    return a.args.every((x, i) => {
      const y = b.args[i]!;
      if (!vars.has(x)) return maps.constants.get(x) === y;
      const known = renamed.get(x);
      if (known !== undefined) return known === y;
      if (taken.has(y) || !imported.vars.includes(y)) return false;
      renamed.set(x, y);
      taken.add(y);
      return true;
    });
  };
  return (
    source.premises.every((p, i) => atom(p, imported.premises[i]!)) &&
    atom(source.head, imported.head) &&
    source.vars.every((v) => renamed.has(v))
  );
}

/** Problems of one import of `part`, against the batch it extends (`parent`, already checked). */
export function importProblem(
  imp: ImportJson,
  anchor: Anchor,
  parent: CheckedBatch,
  maps: { constants: Map<string, string>; predicates: Map<string, string> },
): string | null {
  if (imp.id !== `${imp.batch}:${imp.theorem}`) return `its id should be ${imp.batch}:${imp.theorem}`;
  const st = imp.statement;
  const shape =
    varsProblem(st.vars, anchor) ??
    [...st.premises, st.head].map((a) => atomProblem(a, anchor, st.vars)).find(Boolean);
  if (shape) return `its statement is ill-formed: ${shape}`;
  const parentName = parent.part.theory.anchor;
  let source: { statement: StatementJson; name: string | null };
  if (imp.batch === parentName) {
    const t = parent.part.theorems.find((x) => x.id === imp.theorem);
    if (t === undefined) return `${parentName} has no theorem ${imp.theorem}`;
    if (parent.verified.get(t.id) !== true) return `${parentName}'s ${imp.theorem} did not verify`;
    source = t;
  } else {
    const via = parent.imports.get(imp.id);
    if (via === undefined) return `${parentName} neither proved nor received ${imp.id}`;
    if (!via.ok) return `${parentName}'s import ${imp.id} did not verify`;
    source = via.imp;
  }
  if (!sameUnderLink(source.statement, st, maps))
    return `its statement ${formatStatement(st)} is not ${imp.id}'s (${formatStatement(source.statement)}) under the link`;
  if (imp.name !== source.name)
    return `it is named ${imp.name ?? "(none)"}, but ${imp.id} is named ${source.name ?? "(none)"}`;
  return null;
}

/** This batch's constants outside the link's image, in order. */
export function newConstantsOf(link: LinkJson, part: GraphPart): string[] {
  const image = new Set(link.constants.map(([, to]) => to));
  return part.theory.constants.map((c) => c.name).filter((c) => !image.has(c));
}

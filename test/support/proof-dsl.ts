/**
 * A compact way to write proof graphs by hand in tests: atoms as MPL-like strings
 * (`in3[a,zero,c,+]`, `!=[a,zero]`), entities and steps as one-line calls.
 */
import type {
  AtomJson,
  EntityJson,
  InductionJson,
  ProofGraph,
  Section,
  StatementJson,
  StepJson,
  StepKind,
  TheoremJson,
} from "../../export/schema.js";

export function at(text: string): AtomJson {
  const m = /^(!?)([^[\]!]+)\[(.*)\]$/.exec(text);
  if (!m) throw new Error(`not an atom: ${text}`);
  const args = m[3] === "" ? [] : m[3]!.split(",");
  return m[1] === "!" ? { pred: m[2]!, args, neg: true } : { pred: m[2]!, args };
}

export function statement(vars: string[], premises: string[], head: string): StatementJson {
  return { vars, premises: premises.map(at), head: at(head) };
}

const origin = { definition: "Peano", via: "Peano" };

export function fact(id: string, head: string): EntityJson {
  return { id, kind: "fact", vars: [], premises: [], head: at(head), origin };
}

export function rule(id: string, vars: string[], premises: string[], head: string): EntityJson {
  return { id, kind: "rule", vars, premises: premises.map(at), head: at(head), origin };
}

export function exists(
  id: string,
  vars: string[],
  premises: string[],
  witnesses: string[],
  body: string[],
): EntityJson {
  return { id, kind: "exists", vars, premises: premises.map(at), witnesses, body: body.map(at), origin };
}

type StepExtra = Pick<StepJson, "ref" | "binding" | "index" | "witness">;

export function step(
  n: number,
  section: Section,
  kind: StepKind,
  factText: string,
  premises: number[] = [],
  extra: Partial<StepExtra> = {},
): StepJson {
  return { n, section, fact: at(factText), kind, premises, ...extra };
}

export interface TheoremSpec {
  id: string;
  statement: StatementJson;
  method?: TheoremJson["method"];
  induction?: InductionJson;
  mirrorOf?: string;
  goals: TheoremJson["goals"];
  uses?: string[];
  axioms: string[];
  steps: StepJson[];
}

/** The statement as MPL: `(>[vars] (&P1 P2) H)`, every variable in the one binder. */
export function mplOf(s: StatementJson): string {
  const atom = (a: AtomJson) => `${a.neg ? "!" : ""}(${a.pred}[${a.args.join(",")}])`;
  const conj = (ps: readonly AtomJson[]): string =>
    ps.length === 1 ? atom(ps[0]!) : `(&${atom(ps[0]!)} ${conj(ps.slice(1))})`;
  if (s.premises.length === 0) return atom(s.head);
  return `(>[${s.vars.join(",")}] ${conj(s.premises)} ${atom(s.head)})`;
}

export function theorem(spec: TheoremSpec): TheoremJson {
  const t: TheoremJson = {
    id: spec.id,
    name: null,
    statement: spec.statement,
    mpl: mplOf(spec.statement),
    readable: "",
    method: spec.method ?? "direct",
    burst: 1,
    uses: spec.uses ?? [],
    axioms: spec.axioms,
    goals: spec.goals,
    steps: spec.steps,
  };
  if (spec.induction) t.induction = spec.induction;
  if (spec.mirrorOf) t.mirrorOf = spec.mirrorOf;
  return t;
}

/** The theorem with id `id` of a graph (throws in the test when absent). */
export function theoremOf(graph: ProofGraph, id: string): TheoremJson {
  const t = graph.theorems.find((x) => x.id === id);
  if (!t) throw new Error(`no theorem ${id}`);
  return t;
}

/** Step `n` of theorem `id`. */
export function stepOf(graph: ProofGraph, id: string, n: number): StepJson {
  const s = theoremOf(graph, id).steps.find((x) => x.n === n);
  if (!s) throw new Error(`no step ${n} in ${id}`);
  return s;
}

/**
 * The anchor as the verifier trusts it: predicates with their arities, the theory constants
 * with their induction roles, and the axioms, each checked for being well formed.
 */
import type { AtomJson, EntityJson, ProofGraph } from "../export/schema.js";
import { formatAtom } from "./atoms.js";
import { GRAPH, type ReportBuilder } from "./report.js";

export interface Anchor {
  readonly arity: ReadonlyMap<string, number>;
  readonly constants: ReadonlySet<string>;
  readonly zero: string | undefined;
  readonly carrier: string | undefined;
  readonly successor: string | undefined;
  readonly axioms: ReadonlyMap<string, EntityJson>;
  /** Axioms of the graph that the cross-check found the sources do not give. */
  rejected: ReadonlySet<string>;
}

/** The built-in relations have fixed arities; the equality and induction checks rely on them. */
const BUILTIN_ARITY = new Map([
  ["in", 2],
  ["in2", 3],
  ["in3", 4],
  ["=", 2],
]);

/**
 * Why `atom` is ill-formed, or null. With `vars`, every argument must also be one of them or a
 * theory constant (a pattern); without, any name may appear (a fact inside a proof).
 */
export function atomProblem(atom: AtomJson, anchor: Anchor, vars: readonly string[] | null): string | null {
  const arity = anchor.arity.get(atom.pred);
  if (arity === undefined) return `${formatAtom(atom)} uses the unknown predicate ${atom.pred}`;
  if (arity !== atom.args.length)
    return `${formatAtom(atom)} gives ${atom.pred} ${atom.args.length} arguments, not ${arity}`;
  const stray = vars && atom.args.find((x) => !vars.includes(x) && !anchor.constants.has(x));
  return stray ? `${formatAtom(atom)} uses ${stray}, which is neither a variable nor a constant` : null;
}

/** Variables are distinct and none is named like a theory constant. */
export function varsProblem(vars: readonly string[], anchor: Anchor): string | null {
  const twice = vars.find((v, i) => vars.indexOf(v) !== i);
  if (twice !== undefined) return `variable ${twice} is listed twice`;
  const clash = vars.find((v) => anchor.constants.has(v));
  return clash === undefined ? null : `variable ${clash} has the name of a theory constant`;
}

function entityProblem(e: EntityJson, anchor: Anchor): string | null {
  if (e.kind === "fact" && (e.vars.length > 0 || e.premises.length > 0))
    return "a fact must have no variables and no premises";
  if (e.kind !== "exists" && !e.head) return `a ${e.kind} needs a head`;
  const witnesses = e.witnesses ?? [];
  if (e.kind === "exists") {
    if (witnesses.length === 0 || !e.body?.length) return "an exists entity needs witnesses and a body";
    if (witnesses.some((w, i) => !e.vars.includes(w) || witnesses.indexOf(w) !== i)) {
      return "its witnesses are not distinct variables of it";
    }
    if (e.premises.some((p) => p.args.some((x) => witnesses.includes(x))))
      return "a premise mentions a witness";
  }
  const varProblem = varsProblem(e.vars, anchor);
  if (varProblem) return varProblem;
  for (const atom of [...e.premises, ...(e.head ? [e.head] : []), ...(e.body ?? [])]) {
    const problem = atomProblem(atom, anchor, e.vars);
    if (problem) return problem;
  }
  return null;
}

/** Reads and checks the theory part of the graph; failures are reported, never thrown. */
export function readAnchor(
  g: Pick<ProofGraph, "predicates" | "theory" | "axioms">,
  r: ReportBuilder,
): Anchor {
  const arity = new Map<string, number>();
  for (const p of g.predicates) {
    if (arity.has(p.name)) r.fail(GRAPH, null, `predicate ${p.name} is declared twice`);
    else arity.set(p.name, p.arity);
    const builtin = BUILTIN_ARITY.get(p.name);
    if (builtin !== undefined && builtin !== p.arity) {
      r.fail(GRAPH, null, `built-in predicate ${p.name} must have arity ${builtin}, not ${p.arity}`);
    }
  }
  const constants = new Set<string>();
  const roles = new Map<string, string>();
  for (const c of g.theory.constants) {
    if (constants.has(c.name)) r.fail(GRAPH, null, `constant ${c.name} is declared twice`);
    constants.add(c.name);
    if (c.role && roles.has(c.role)) r.fail(GRAPH, null, `two constants have the role ${c.role}`);
    else if (c.role) roles.set(c.role, c.name);
  }
  const anchor = {
    arity,
    constants,
    zero: roles.get("zero"),
    carrier: roles.get("carrier"),
    successor: roles.get("successor"),
    axioms: new Map<string, EntityJson>(),
    rejected: new Set<string>(),
  };
  for (const e of g.axioms) {
    r.count("entity");
    if (anchor.axioms.has(e.id)) r.fail(GRAPH, null, `axiom id ${e.id} is used twice`);
    else anchor.axioms.set(e.id, e);
    const problem = entityProblem(e, anchor);
    if (problem) r.fail(GRAPH, null, `axiom ${e.id} is ill-formed: ${problem}`);
  }
  return anchor;
}

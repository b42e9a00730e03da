/**
 * Which relations of a graph the theory makes functions, found in its compiled axioms by
 * their shape (never by names). A relation R (`in2[x,y,f]`, `in3[x,y,z,op]`, with the
 * function or operation a theory constant) is read as a function f_R of its inputs when the
 * graph's axioms include all of:
 *
 * - totality:         ∀x̄: G(x̄) → ∃z: B(z) ∧ R(x̄,z)    (an `exists` axiom, one witness z),
 *   where G is a conjunction of memberships `in[x_i, S_i]` of the inputs;
 * - single-valuedness: ∀x̄,z1,z2: G'(x̄) ∧ R(x̄,z1) ∧ R(x̄,z2) → z1 = z2, with G' ⊆ G;
 * - typing of the inputs: ∀x̄,z: R(x̄,z) → in[x_i, S_i], for every membership of G.
 *
 * These are what MPL's `Function`/`Operation` definitions and GL's fXY/fXYZ compile to. With
 * them, R(x̄,z) ↔ G(x̄) ∧ z = f_R(x̄) for a Skolem function f_R of the totality axiom, which is
 * why encode.ts may replace every R atom by that formula (docs/verifier.md gives the argument).
 * The output may sit at any element position; a relation whose axioms miss one of the three
 * keeps the relational encoding.
 */
import type { AtomJson, EntityJson, ProofGraph } from "../export/schema.js";

export interface FunctionalReading {
  /** The relation's logical name, `in3.+`. */
  readonly relation: string;
  /** The function symbol's logical name, `fn.+`. */
  readonly fn: string;
  /** Number of element arguments of the relation (inputs and the output). */
  readonly arity: number;
  /** Position of the output among the element arguments. */
  readonly output: number;
  /** G: the memberships of the inputs (input = position among the element arguments). */
  readonly guards: readonly { readonly input: number; readonly set: string }[];
  /** The axioms that justify the reading: totality, single-valuedness, typing, in that order. */
  readonly justification: readonly string[];
}

/** The functional readings of a graph, by relation name. */
export type Signature = ReadonlyMap<string, FunctionalReading>;

const RELATIONS = new Set(["in2", "in3"]);

/** `in3[a,b,c,+]` → its relation name and element arguments, when the owner is a constant. */
function relationOf(
  a: AtomJson,
  constants: ReadonlySet<string>,
): { relation: string; elements: string[] } | null {
  if (!RELATIONS.has(a.pred) || a.neg === true) return null;
  const owner = a.args[a.args.length - 1];
  if (owner === undefined || !constants.has(owner)) return null;
  return { relation: `${a.pred}.${owner}`, elements: a.args.slice(0, -1) };
}

const distinct = (xs: readonly string[]) => new Set(xs).size === xs.length;
const sameSet = (xs: readonly string[], ys: readonly string[]) =>
  xs.length === ys.length && xs.every((x) => ys.includes(x));

/** A membership premise `in[x,S]` of a variable x in a constant S. */
function membership(a: AtomJson, vars: readonly string[], constants: ReadonlySet<string>) {
  if (a.pred !== "in" || a.neg === true || a.args.length !== 2) return null;
  const [x, set] = a.args as [string, string];
  return vars.includes(x) && constants.has(set) ? { x, set } : null;
}

interface Totality {
  readonly axiom: string;
  readonly relation: string;
  readonly arity: number;
  readonly output: number;
  readonly guards: readonly { input: number; set: string }[];
}

function totality(e: EntityJson, constants: ReadonlySet<string>): Totality[] {
  const witnesses = e.witnesses ?? [];
  if (e.kind !== "exists" || witnesses.length !== 1) return [];
  const z = witnesses[0]!;
  const universal = e.vars.filter((v) => v !== z);
  const members = e.premises.map((p) => membership(p, universal, constants));
  if (members.some((m) => m === null)) return [];
  const found: Totality[] = [];
  for (const atom of e.body ?? []) {
    const r = relationOf(atom, constants);
    if (!r || !distinct(r.elements) || !sameSet(r.elements, [...universal, z])) continue;
    const guards = members.map((m) => ({ input: r.elements.indexOf(m!.x), set: m!.set }));
    found.push({
      axiom: e.id,
      relation: r.relation,
      arity: r.elements.length,
      output: r.elements.indexOf(z),
      guards,
    });
  }
  return found;
}

/** R(x̄,z1) ∧ R(x̄,z2) → z1 = z2 with guards among those of the totality. */
function singleValued(e: EntityJson, t: Totality, constants: ReadonlySet<string>): boolean {
  if (e.kind !== "rule" || !e.head || e.head.pred !== "=" || e.head.neg === true) return false;
  const outputs: string[] = [];
  let inputs: string[] | null = null;
  const rest: AtomJson[] = [];
  for (const p of e.premises) {
    const r = relationOf(p, constants);
    if (!r || r.relation !== t.relation) {
      rest.push(p);
      continue;
    }
    if (r.elements.length !== t.arity) return false;
    const ins = r.elements.filter((_, i) => i !== t.output);
    if (inputs && ins.join(",") !== inputs.join(",")) return false;
    inputs = ins;
    outputs.push(r.elements[t.output]!);
  }
  if (!inputs || outputs.length !== 2 || !distinct([...inputs, ...outputs])) return false;
  if (!sameSet(e.head.args, outputs) || !sameSet(e.vars, [...inputs, ...outputs])) return false;
  const input = inputs;
  return rest.every((p) => {
    const m = membership(p, input, constants);
    if (!m) return false;
    const position = input.indexOf(m.x);
    const element = position < t.output ? position : position + 1;
    return t.guards.some((g) => g.input === element && g.set === m.set);
  });
}

/** R(x̄,z) → in[x_i, S]: the typing rule of one guard. */
function typing(
  e: EntityJson,
  t: Totality,
  guard: { input: number; set: string },
  constants: ReadonlySet<string>,
) {
  if (e.kind !== "rule" || e.premises.length !== 1 || !e.head || e.head.neg === true) return false;
  const r = relationOf(e.premises[0]!, constants);
  if (!r || r.relation !== t.relation || r.elements.length !== t.arity || !distinct(r.elements)) return false;
  if (!sameSet(e.vars, r.elements)) return false;
  const m = membership(e.head, e.vars, constants);
  return m !== null && m.set === guard.set && m.x === r.elements[guard.input];
}

/** The functional readings the graph's axioms justify; the first qualifying totality wins. */
export function functionalSignature(graph: ProofGraph): Signature {
  const constants = new Set(graph.theory.constants.map((c) => c.name));
  const readings = new Map<string, Omit<FunctionalReading, "fn">>();
  for (const e of graph.axioms) {
    for (const t of totality(e, constants)) {
      if (readings.has(t.relation)) continue;
      const sv = graph.axioms.find((s) => singleValued(s, t, constants));
      if (!sv) continue;
      const typed = t.guards.map((g) => graph.axioms.find((s) => typing(s, t, g, constants)));
      if (typed.some((x) => x === undefined)) continue;
      readings.set(t.relation, {
        relation: t.relation,
        arity: t.arity,
        output: t.output,
        guards: t.guards,
        justification: [t.axiom, sv.id, ...new Set(typed.map((x) => x!.id))],
      });
    }
  }
  // `fn.+` after the owner; the relation's full name where two relations share an owner.
  const owner = (relation: string) => relation.slice(relation.indexOf(".") + 1);
  const owners = [...readings.keys()].map(owner);
  const out = new Map<string, FunctionalReading>();
  for (const [relation, r] of readings) {
    const o = owner(relation);
    const shared = owners.filter((x) => x === o).length > 1;
    out.set(relation, { ...r, fn: shared ? `fn.${relation}` : `fn.${o}` });
  }
  return out;
}

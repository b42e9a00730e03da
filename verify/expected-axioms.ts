/**
 * The trust anchor check: the graph's anchor, constants (with their induction roles) and
 * axioms must be exactly those compiled from the MPL sources, so a graph cannot prove its
 * theorems from axioms or roles of its own making.
 */
import type { EntityJson, ProofGraph } from "../export/schema.js";
import { formatAtom, sameNames } from "./atoms.js";
import { GRAPH, type ReportBuilder } from "./report.js";

/** JSON text with object keys sorted, so equal data gives equal text whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `∀x,y: in2[x,y,s] → in[y,N]`; an exists entity ends in `∃y: in[y,N] ∧ in2[x,y,s]`. */
export function formatEntity(e: EntityJson): string {
  const conclusion =
    e.kind === "exists"
      ? `∃${(e.witnesses ?? []).join(",")}: ${(e.body ?? []).map(formatAtom).join(" ∧ ")}`
      : e.head
        ? formatAtom(e.head)
        : "(no head)";
  const premises = e.premises.map(formatAtom).join(" ∧ ");
  const body = premises === "" ? conclusion : `${premises} → ${conclusion}`;
  const universal = e.vars.filter((v) => !(e.witnesses ?? []).includes(v));
  return universal.length > 0 ? `∀${universal.join(",")}: ${body}` : body;
}

/** What differs between the graph's axiom and the expected one, in words. */
function difference(actual: EntityJson, expected: EntityJson): string {
  const [a, e] = [formatEntity(actual), formatEntity(expected)];
  if (a !== e || actual.kind !== expected.kind) {
    return `the graph has ${actual.kind} ${a}, the sources give ${expected.kind} ${e}`;
  }
  return canonical(actual.origin) === canonical(expected.origin) ? "its fields differ" : "its origin differs";
}

/**
 * Same ids, same order, same content; one failure per differing, missing or extra axiom.
 * Returns the ids of the graph's axioms that the sources do not give as they stand.
 */
export function compareAxioms(
  actual: readonly EntityJson[],
  expected: readonly EntityJson[],
  r: ReportBuilder,
): Set<string> {
  const rejected = new Set<string>();
  const byId = new Map(actual.map((e) => [e.id, e]));
  const expectedIds = new Set(expected.map((e) => e.id));
  for (const e of expected) {
    r.count("expected-axiom");
    const a = byId.get(e.id);
    if (!a) r.fail(GRAPH, null, `expected axiom ${e.id} is missing from the graph`);
    else if (canonical(a) !== canonical(e)) {
      rejected.add(e.id);
      r.fail(
        GRAPH,
        null,
        `axiom ${e.id} differs from the one compiled from the sources: ${difference(a, e)}`,
      );
    }
  }
  for (const a of actual) {
    if (expectedIds.has(a.id)) continue;
    rejected.add(a.id);
    r.fail(GRAPH, null, `axiom ${a.id} is not among the expected axioms`);
  }
  const order = (list: readonly EntityJson[]) =>
    list.map((e) => e.id).filter((id) => byId.has(id) && expectedIds.has(id));
  if (!sameNames(order(actual), order(expected)))
    r.fail(GRAPH, null, "the axioms are not in the order of the sources");
  return rejected;
}

type Constant = ProofGraph["theory"]["constants"][number];

/** `Nat:set(carrier)`. */
const formatConstant = (c: Constant) => `${c.name}:${c.type}${c.role ? `(${c.role})` : ""}`;

/** The anchor's name and its constants, with types and roles, in order. */
export function compareConstants(
  g: Pick<ProofGraph, "theory">,
  expected: { anchor: string; constants: readonly Constant[] },
  r: ReportBuilder,
): void {
  r.count("expected-anchor");
  if (g.theory.anchor !== expected.anchor) {
    r.fail(GRAPH, null, `the anchor is ${g.theory.anchor}, but the sources' anchor is ${expected.anchor}`);
  }
  const [actual, wanted] = [g.theory.constants.map(formatConstant), expected.constants.map(formatConstant)];
  if (!sameNames(actual, wanted)) {
    r.fail(
      GRAPH,
      null,
      `the constants [${actual.join(", ")}] are not those of the sources [${wanted.join(", ")}]`,
    );
  }
}

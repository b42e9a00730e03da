/**
 * The trust anchor check: the graph's axioms must be exactly those compiled from the MPL
 * sources, so a graph cannot prove its theorems from axioms of its own making.
 */
import type { EntityJson } from "../export/schema.js";
import { sameNames } from "./atoms.js";
import { GRAPH, type ReportBuilder } from "./report.js";

/** JSON text with object keys sorted, so equal data gives equal text whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Same ids, same order, same content; one failure per differing, missing or extra axiom. */
export function compareAxioms(
  actual: readonly EntityJson[],
  expected: readonly EntityJson[],
  r: ReportBuilder,
) {
  const byId = new Map(actual.map((e) => [e.id, e]));
  const expectedIds = new Set(expected.map((e) => e.id));
  for (const e of expected) {
    r.count("expected-axiom");
    const a = byId.get(e.id);
    if (!a) r.fail(GRAPH, null, `expected axiom ${e.id} is missing from the graph`);
    else if (canonical(a) !== canonical(e)) {
      r.fail(GRAPH, null, `axiom ${e.id} differs from the one compiled from the sources`);
    }
  }
  for (const a of actual) {
    if (!expectedIds.has(a.id)) r.fail(GRAPH, null, `axiom ${a.id} is not among the expected axioms`);
  }
  const order = (list: readonly EntityJson[]) =>
    list.map((e) => e.id).filter((id) => byId.has(id) && expectedIds.has(id));
  if (!sameNames(order(actual), order(expected)))
    r.fail(GRAPH, null, "the axioms are not in the order of the sources");
}

import { describe, expect, it } from "vitest";
import { verifyGraph } from "../verify/verify.js";
import { peanoGraph, peanoTheorems, shapesGraph } from "./support/peano-graph.js";

const STEP_KINDS = [
  "premise",
  "axiom",
  "rule",
  "theorem",
  "hypothesis",
  "witness",
  "succ",
  "eq-symm",
  "eq-trans",
  "eq-subst",
  "assume",
  "contradiction",
];

describe("valid hand-written proof graphs", () => {
  it("the Peano graph verifies with no failures", () => {
    const report = verifyGraph(peanoGraph());
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("so does it with a negated-head induction and an ex falso case split (version 2)", () => {
    const report = verifyGraph(shapesGraph());
    expect(report.failures).toEqual([]);
    expect(report.checksByKind.induction).toBe(4);
  });

  it("checks every step once, by kind, and every theorem as a whole", () => {
    const g = peanoGraph();
    const report = verifyGraph(g);
    const steps = g.theorems.flatMap((t) => t.steps);
    for (const kind of STEP_KINDS) {
      expect(report.checksByKind[kind]).toBe(steps.filter((s) => s.kind === kind).length);
      expect(report.checksByKind[kind]).toBeGreaterThan(0);
    }
    expect(report.checksByKind.goals).toBe(g.theorems.length);
    expect(report.checksByKind.entity).toBe(g.axioms.length);
    const total = Object.values(report.checksByKind).reduce((a, b) => a + b, 0);
    expect(report.checks).toBe(total);
    expect(Object.keys(report.checksByKind)).toEqual(Object.keys(report.checksByKind).sort());
  });

  it("each theorem that cites no other verifies in a graph of its own", () => {
    for (const t of peanoTheorems().filter((x) => x.uses.length === 0 && x.mirrorOf === undefined)) {
      expect({ id: t.id, failures: verifyGraph(peanoGraph([t])).failures }).toEqual({
        id: t.id,
        failures: [],
      });
    }
  });

  it("gives the same report for the same input", () => {
    expect(JSON.stringify(verifyGraph(peanoGraph()))).toBe(JSON.stringify(verifyGraph(peanoGraph())));
  });
});

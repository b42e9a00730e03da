import { describe, expect, it } from "vitest";
import { verifyGraph } from "../verify/verify.js";
import { misjudged, mutations } from "./support/mutate.js";
import { peanoGraph, shapesGraph } from "./support/peano-graph.js";

describe("mutations of valid graphs are all rejected", () => {
  const all = mutations(shapesGraph());

  it("generates every kind of corruption", () => {
    const kinds = new Set(all.map((m) => /^\[([a-z-]+)\]/.exec(m.description)?.[1]));
    expect([...kinds].sort()).toEqual(
      [
        "binding",
        "case-assumption",
        "drop-premise",
        "fact-arg",
        "fact-negation",
        "goal",
        "hypothesis",
        "induction-base",
        "induction-step",
        "later-theorem",
        "lists",
        "mirror",
        "other-axiom",
        "other-theorem",
        "premise-index",
        "reorder",
        "same-head-rule",
        "scope",
        "statement",
        "swap-premises",
        "witness-not-fresh",
      ].sort(),
    );
    expect(all.length).toBeGreaterThanOrEqual(250);
  });

  it("rejects each one, first at the corrupted theorem and step", () => {
    expect(misjudged(all, (g) => verifyGraph(g))).toEqual([]);
  });

  it("counts a verifier that accepts everything, or blames the wrong place, as wrong", () => {
    const sample = mutations(peanoGraph(), { perKind: 2 });
    expect(misjudged(sample, () => ({ ok: true, failures: [] }))).toHaveLength(sample.length);
    const blameFirst = () => ({ ok: false, failures: [{ theorem: "T1", step: 1, reason: "x" }] });
    const wrong = misjudged(sample, blameFirst);
    expect(wrong.length).toBeGreaterThan(sample.length / 2);
    expect(wrong.length).toBeLessThan(sample.length);
  });

  it("is deterministic and respects the cap per kind", () => {
    const capped = mutations(peanoGraph(), { perKind: 3 });
    const again = mutations(peanoGraph(), { perKind: 3 });
    expect(capped.map((m) => m.description)).toEqual(again.map((m) => m.description));
    const perKind = new Map<string, number>();
    for (const m of capped) {
      const kind = m.description.split("]")[0]!;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    }
    expect(Math.max(...perKind.values())).toBe(3);
  });
});

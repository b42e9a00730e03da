import { describe, expect, it } from "vitest";
import { verifyGraph } from "../verify/verify.js";
import { peanoAxioms, peanoGraph } from "./support/peano-graph.js";
import { at, rule } from "./support/proof-dsl.js";

describe("expectedAxioms: the graph's axioms must be those compiled from the sources", () => {
  it("accepts a graph whose axioms are exactly the expected ones, in any key order", () => {
    const expected = structuredClone(peanoAxioms).map((e) => Object.fromEntries(Object.entries(e).reverse()));
    const report = verifyGraph(peanoGraph(), { expectedAxioms: expected as typeof peanoAxioms });
    expect(report.failures).toEqual([]);
    expect(report.checksByKind["expected-axiom"]).toBe(peanoAxioms.length);
  });

  it("reports a changed axiom even when every proof still checks against it", () => {
    // The graph's own A12 drops a premise: a weaker axiom of the graph's own making.
    const g = peanoGraph();
    g.axioms[11] = rule("A12", ["a", "b"], ["=[a,b]", "in[a,N]"], "in3[a,zero,b,+]");
    const step = g.theorems[3]!.steps.find((s) => s.n === 15)!;
    step.premises = [13, 2];
    expect(verifyGraph(g).ok).toBe(true);
    const report = verifyGraph(g, { expectedAxioms: peanoAxioms });
    expect(report.failures).toEqual([
      {
        theorem: "(graph)",
        step: null,
        reason:
          "axiom A12 differs from the one compiled from the sources: the graph has rule ∀a,b: =[a,b] ∧ in[a,N] → in3[a,zero,b,+], the sources give rule ∀a,b: =[a,b] ∧ in[a,N] ∧ in[b,N] → in3[a,zero,b,+]",
      },
      // The step citing it fails too, at the step.
      {
        theorem: "T4",
        step: 15,
        reason: "cites axiom A12, which the sources do not give as it stands",
      },
    ]);
  });

  it("reports missing, extra and reordered axioms, one failure each", () => {
    const g = peanoGraph();
    g.axioms = g.axioms.filter((e) => e.id !== "A16");
    g.axioms.push(rule("A99", ["x"], ["in[x,N]"], "in[x,N]"));
    [g.axioms[0], g.axioms[1]] = [g.axioms[1]!, g.axioms[0]!];
    g.axioms[2]!.head = at("in[x,N]");
    const failures = verifyGraph(g, { expectedAxioms: peanoAxioms }).failures;
    expect(failures.filter((f) => f.theorem === "(graph)").map((f) => f.reason)).toEqual([
      "axiom A3 differs from the one compiled from the sources: the graph has rule ∀x,y: in2[x,y,s] → in[x,N], the sources give rule ∀x,y: in2[x,y,s] → in[y,N]",
      "expected axiom A16 is missing from the graph",
      "axiom A99 is not among the expected axioms",
      "the axioms are not in the order of the sources",
    ]);
    // The changed A3 also breaks the proofs that use it.
    expect(failures.find((f) => f.theorem !== "(graph)")).toMatchObject({ theorem: "T3", step: 2 });
  });
});

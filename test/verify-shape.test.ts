import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { verifyGraph } from "../verify/verify.js";
import { peanoGraph } from "./support/peano-graph.js";
import { theoremOf } from "./support/proof-dsl.js";

function reasons(value: unknown): string[] {
  return verifyGraph(value).failures.map((f) => f.reason);
}

describe("shape validation", () => {
  it("rejects values that are not proof graphs, saying why", () => {
    expect(reasons(42)).toEqual(["graph: expected an object, got 42"]);
    expect(reasons(null)).toEqual(["graph: expected an object, got null"]);
    expect(reasons([])).toEqual(["graph: expected an object, got an array"]);
    expect(reasons({ schema: "other" })).toEqual(['schema: expected "gl-proof-graph", got "other"']);
    expect(reasons({ ...peanoGraph(), version: 1 })).toEqual([
      "version: expected 2 (the version this verifier reads), got 1",
    ]);
  });

  it("names the field, the theorem and the step of a wrong type", () => {
    const g = peanoGraph() as unknown as { theorems: { steps: Record<string, unknown>[] }[] };
    g.theorems[1]!.steps[2]!.premises = ["1"];
    const report = verifyGraph(g);
    expect(report.ok).toBe(false);
    expect(report.checks).toBe(0);
    expect(report.failures).toEqual([
      {
        theorem: "T2",
        step: 3,
        reason: 'graph.theorems[1].steps[2].premises[0]: expected an integer, got "1"',
      },
    ]);
  });

  it("rejects neg: false, a null optional field and a missing field", () => {
    const g = peanoGraph();
    (theoremOf(g, "T1").statement.head as unknown as { neg: boolean }).neg = false;
    (theoremOf(g, "T2") as unknown as { mirrorOf: null }).mirrorOf = null;
    delete (g as Partial<ProofGraph>).run;
    expect(reasons(g)).toEqual([
      "graph.theorems[0].statement.head.neg: expected true or absent, got a boolean",
      "graph.theorems[1].mirrorOf: expected a string, got null",
      "graph.run: expected an object, got nothing",
    ]);
  });

  it("caps the number of shape failures", () => {
    const g = peanoGraph() as unknown as { axioms: unknown[] };
    g.axioms = Array.from({ length: 300 }, () => 7);
    const failures = verifyGraph(g).failures;
    expect(failures).toHaveLength(101);
    expect(failures.at(-1)!.reason).toBe("… and 200 more shape errors");
  });
});

describe("garbage input never makes the verifier throw", () => {
  const isReport = (r: ReturnType<typeof verifyGraph>) =>
    typeof r.ok === "boolean" && Array.isArray(r.failures) && typeof r.checks === "number";

  it("any value", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = verifyGraph(v);
        return isReport(r) && !r.ok;
      }),
      { numRuns: 1000 },
    );
  });

  it("any JSON text, parsed", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = verifyGraph(JSON.parse(text));
        return isReport(r) && !r.ok;
      }),
      { numRuns: 1000 },
    );
  });

  /** Every place in the valid graph where a value sits, as a path of keys. */
  function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof v !== "object" || v === null) return [prefix];
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
  }

  it("a valid graph with one value anywhere replaced by garbage", () => {
    const all = paths(peanoGraph()).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.anything(), (i, garbage) => {
        const g = peanoGraph() as unknown as Record<string | number, unknown>;
        const path = all[i]!;
        let parent = g;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path.at(-1)!] = garbage;
        return isReport(verifyGraph(g));
      }),
      { numRuns: 1000 },
    );
  });
});

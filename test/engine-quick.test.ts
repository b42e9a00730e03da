/**
 * The quick set on the hand-built Peano theory: everything is proved, every exported proof is
 * well formed, the run is deterministic (also when a burst's blocks run in another order), and
 * a consistently renamed and reordered copy of the theory proves the same conjectures.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildProofGraph } from "../engine/graph.js";
import { type Executor, prove, type RunResult } from "../engine/run.js";
import { runBlock } from "../engine/saturate.js";
import type { ProofGraph } from "../export/schema.js";
import { handPeano, quickConjectures } from "./support/hand-peano.js";
import { renamedPeano, succIsPlusOne, withOne } from "./support/peano-variants.js";
import { proofProblems, stepText } from "./support/proof-sanity.js";

const graphOf = (run: RunResult): ProofGraph => buildProofGraph(run, () => "");

/** Runs each burst's blocks last to first: the result must not depend on that order. */
const reversedExecutor: Executor = {
  async runBurst(tasks, ctx) {
    for (const t of [...tasks].reverse()) runBlock(t.state, t.inbox, ctx);
    return tasks.map((t) => t.state);
  },
  async close() {},
};

/** Proved conjecture names with their methods, sorted. */
// Which theorems are proved must not depend on names or order; the route to a proof may
// (a join demands witnesses for the premise it picks first, and ties follow premise order).
const provedSummary = (g: ProofGraph): string[] => g.theorems.map((t) => `${t.name}`).sort();

describe("quick set on the hand theory", () => {
  let run: RunResult;
  let graph: ProofGraph;
  beforeAll(async () => {
    run = await prove(handPeano());
    graph = graphOf(run);
  });

  it("proves every conjecture of the quick set and stops because all are proved", () => {
    const proved = new Set(graph.theorems.map((t) => t.name));
    expect(quickConjectures.map((c) => c.name).filter((n) => !proved.has(n))).toEqual([]);
    expect(graph.unproved).toEqual([]);
    expect(graph.run.stopReason).toBe("all-proved");
    expect(graph.run.blocksAtFactLimit).toBe(0);
    // Laws that no other conjecture of the set implies need induction; mirrors name their original.
    const byName = new Map(graph.theorems.map((t) => [t.name, t]));
    for (const law of ["zero_add", "add_comm", "add_assoc", "mul_comm", "mul_assoc"])
      expect(byName.get(law)?.method, law).toBe("induction");
    for (const t of graph.theorems.filter((x) => x.mirrorOf !== undefined)) {
      const original = graph.theorems.find((x) => x.id === t.mirrorOf);
      expect(`${original?.name} (mirror)`).toBe(t.name);
    }
  });

  it("exports well-formed proofs for every theorem", () => {
    expect(graph.theorems.map((t) => t.id)).toEqual(graph.theorems.map((_, i) => `T${i + 1}`));
    const problems = graph.theorems.flatMap((t) => proofProblems(graph, t));
    expect(problems).toEqual([]);
    for (const t of graph.theorems) {
      expect(t.steps.length, t.id).toBeGreaterThan(0);
      for (const u of t.uses) {
        const cited = graph.theorems.find((x) => x.id === u)!;
        expect(cited.burst, `${t.id} uses ${u}`).toBeLessThan(t.burst);
      }
      if (t.method === "induction") {
        expect(t.steps.some((s) => s.section === "base")).toBe(true);
        expect(t.steps.some((s) => s.section === "step")).toBe(true);
      }
    }
  });

  it("gives byte-identical JSON on a second run, also with the blocks of each burst run in reverse", async () => {
    const again = JSON.stringify(graphOf(await prove(handPeano(), { executor: reversedExecutor })));
    expect(again).toBe(JSON.stringify(graph));
  });

  it("proves the same conjectures on a renamed and reordered copy", async () => {
    const renamedRun = await prove(renamedPeano());
    const renamed = graphOf(renamedRun);
    expect(renamed.theory.constants.map((c) => c.name)).toEqual(["times", "z0", "plus", "Nat", "succ"]);
    expect(renamed.unproved.map((u) => u.name)).toEqual(graph.unproved.map((u) => u.name));
    expect(provedSummary(renamed)).toEqual(provedSummary(graph));
    expect(renamed.run.stopReason).toBe(graph.run.stopReason);
    expect(renamed.theorems.flatMap((t) => proofProblems(renamed, t))).toEqual([]);
  });
});

describe("successor as adding one", () => {
  it("proves s(a)=b → a+one=b where one is anchored by s(zero)=one", async () => {
    const graph = graphOf(await prove(withOne([succIsPlusOne])));
    expect(graph.unproved).toEqual([]);
    const t = graph.theorems.find((x) => x.name === succIsPlusOne.name);
    expect(t).toBeDefined();
    expect(graph.theorems.flatMap((x) => proofProblems(graph, x))).toEqual([]);
    // The proof applies a rule with a variable bound to zero and another to one.
    const steps = t!.steps.filter(
      (s) => s.kind === "rule" && s.binding?.includes("zero") && s.binding.includes("one"),
    );
    expect(steps.map(stepText)).not.toEqual([]);
  });
});

/**
 * E as the crosscheck's third opinion: reading E's SZS status, finding eprover (or saying
 * clearly why not), E confirming the hand-written graph from the TPTP problems, and E never
 * confirming a false statement (a sample of peano-quick's false mutants). The tests that run
 * E skip, with the reason printed, where it is not installed (scripts/ensure-eprover.sh).
 */
import { describe, expect, it } from "vitest";
import { crosscheckGraph } from "../crosscheck/crosscheck.js";
import { EProver, findEprover, parseEOutput } from "../crosscheck/eprover.js";
import { peanoGraph } from "./support/peano-graph.js";
import { evenly, provePeanoQuick, statementMutants } from "./support/statement-mutants.js";

const found = findEprover();
const missing = "missing" in found ? found.missing : null;
if (missing) console.log(`skipping the tests that run E: ${missing}`);

describe("E's answers", () => {
  it("reads the SZS status: Theorem and ContradictoryAxioms hold, CounterSatisfiable refutes, the rest is unknown", () => {
    const out = (status: string) => `# Auto-Mode selected heuristic X\n# SZS status ${status}\n`;
    expect(parseEOutput(out("Theorem"))).toEqual({ answer: "unsat", reason: null });
    expect(parseEOutput(out("ContradictoryAxioms"))).toEqual({ answer: "unsat", reason: null });
    expect(parseEOutput(out("CounterSatisfiable"))).toEqual({ answer: "sat", reason: null });
    expect(parseEOutput(out("ResourceOut"))).toEqual({ answer: "unknown", reason: "timeout" });
    expect(parseEOutput(out("GaveUp"))).toEqual({ answer: "unknown", reason: "GaveUp" });
    expect(parseEOutput("eprover: some failure\n")).toEqual({
      answer: "unknown",
      reason: "no SZS status in E's output",
    });
  });

  it("says why eprover cannot be found", () => {
    expect(findEprover({ EPROVER: "/nonexistent/eprover" })).toEqual({
      missing: "E (eprover) not found: EPROVER is set to /nonexistent/eprover, which does not exist",
    });
    expect(findEprover({ PATH: "" })).toMatchObject({
      missing: expect.stringMatching(/^E \(eprover\) not found on the PATH/),
    });
  });
});

describe.skipIf(missing !== null)("E on proof graphs", () => {
  it("confirms every theorem of the hand-written graph", async () => {
    const e = (await EProver.find()) as EProver;
    const report = await crosscheckGraph(peanoGraph(), e, { timeoutMs: 10_000 });
    expect(
      report.theorems.filter((t) => t.verdict !== "confirmed").map((t) => `${t.id}: ${t.reason}`),
    ).toEqual([]);
    expect(report.solverName).toBe("E");
  });

  it("never confirms a false statement (12 of peano-quick's false mutants)", {
    timeout: 120_000,
  }, async () => {
    const e = (await EProver.find()) as EProver;
    const { falseOnes } = statementMutants(await provePeanoQuick());
    const confirmed: string[] = [];
    let refuted = 0;
    for (const m of evenly(falseOnes, 12)) {
      const report = await crosscheckGraph(m.graph, e, { timeoutMs: 500, only: new Set([m.theorem]) });
      if (report.theorems[0]!.verdict === "confirmed") confirmed.push(m.description);
      if (report.theorems[0]!.verdict === "refuted") refuted++;
    }
    expect(confirmed).toEqual([]);
    expect(refuted).toBeGreaterThan(0);
  });
});

/**
 * z3 never confirms a false statement: the false mutants of peano-quick's theorems
 * (test/support/statement-mutants.ts: an atom's arguments swapped or its operation changed,
 * the steps and an induction's hypothesis made to match, kept only when a brute-force judge
 * on ℕ finds them false), decided under the functional encoding with a short timeout. As a
 * control, the same timeout confirms the unmutated theorems, so it is not too short to
 * confirm at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crosscheckGraph } from "../crosscheck/crosscheck.js";
import { Z3Session } from "../crosscheck/z3.js";
import { evenly, provePeanoQuick, statementMutants } from "./support/statement-mutants.js";

const TIMEOUT_MS = 500;
const SAMPLE = 60;

const graph = await provePeanoQuick();
const { candidates, falseOnes } = statementMutants(graph);
const sample = evenly(falseOnes, SAMPLE);

describe("z3 on false statements", () => {
  let z3: Z3Session;
  beforeAll(async () => {
    z3 = await Z3Session.start();
  });
  afterAll(() => z3.close());

  it("has at least 50 mutants of both kinds that the judge finds false", () => {
    expect(candidates.length).toBeGreaterThan(falseOnes.length);
    expect(sample.length).toBeGreaterThanOrEqual(50);
    expect(sample.some((m) => m.description.includes(" swap "))).toBe(true);
    expect(sample.some((m) => m.description.includes(" operation "))).toBe(true);
    expect(new Set(sample.map((m) => m.theorem)).size).toBeGreaterThanOrEqual(15);
  });

  it("never confirms one of them", { timeout: 300_000 }, async () => {
    const confirmed: string[] = [];
    let refuted = 0;
    for (const m of sample) {
      const report = await crosscheckGraph(m.graph, z3, {
        timeoutMs: TIMEOUT_MS,
        only: new Set([m.theorem]),
      });
      const verdict = report.theorems[0]!.verdict;
      if (verdict === "confirmed") confirmed.push(m.description);
      if (verdict === "refuted") refuted++;
    }
    expect(confirmed).toEqual([]);
    // Most are refuted outright: z3 finds a finite counter-model of the obligation.
    expect(refuted).toBeGreaterThan(sample.length / 2);
  });

  it("confirms the unmutated theorems with the same timeout (the control)", {
    timeout: 120_000,
  }, async () => {
    const mutated = new Set(sample.map((m) => m.theorem));
    const report = await crosscheckGraph(graph, z3, { timeoutMs: TIMEOUT_MS, only: mutated });
    expect(report.counts.refuted).toBe(0);
    // Every one is confirmed with the default timeout; a loaded machine may lose one here.
    expect(report.counts.confirmed).toBeGreaterThanOrEqual(mutated.size - 1);
  });
});

/**
 * z3 never confirms a false statement: the false mutants of peano-quick's theorems
 * (test/support/statement-mutants.ts: an atom's arguments swapped or its operation changed,
 * the steps and an induction's hypothesis made to match, kept only when a brute-force judge
 * on ℕ finds them false), decided under the functional encoding with a short timeout; then
 * those of the version-2 shapes (examples/first-course: negated heads, case splits, ex falso,
 * proofs by contradiction; heads negated too) and of the groups without induction
 * (examples/group and group-two-sided, judged in S3), where the proof's term hints are in
 * every problem. As a control, the same timeout confirms the unmutated theorems, so it is not
 * too short to confirm at all. The mutants are decided by one z3 session per core (two at most).
 */
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crosscheckGraph } from "../crosscheck/crosscheck.js";
import { shapeOf } from "../crosscheck/obligations.js";
import { Z3Session } from "../crosscheck/z3.js";
import type { ProofGraph } from "../export/schema.js";
import { judgeInS3 } from "./support/statement-judge.js";
import {
  evenly,
  type Mutant,
  proveExample,
  provePeanoQuick,
  statementMutants,
} from "./support/statement-mutants.js";

const TIMEOUT_MS = 500;
const SAMPLE = 60;

const graph = await provePeanoQuick();
const { candidates, falseOnes } = statementMutants(graph);
const sample = evenly(falseOnes, SAMPLE);

/**
 * One z3 session per core: each mutant is decided by one of them, side by side (z3 runs one
 * problem at a time on one thread, and most of the time goes to problems that run to the
 * timeout, which is wall-clock).
 */
let sessions: Z3Session[] = [];
let z3: Z3Session;
beforeAll(async () => {
  sessions = await Promise.all(
    Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, () => Z3Session.start()),
  );
  z3 = sessions[0]!;
});
afterAll(() => Promise.all(sessions.map((s) => s.close())));

/** The mutants z3 confirms (none, if the encoding is sound), and how many it refutes. */
async function decide(sample: readonly Mutant[]) {
  const confirmed: string[] = [];
  let refuted = 0;
  let next = 0;
  const work = async (session: Z3Session) => {
    while (next < sample.length) {
      const m = sample[next++]!;
      const only = new Set([m.theorem]);
      const report = await crosscheckGraph(m.graph, session, { timeoutMs: TIMEOUT_MS, only });
      const verdict = report.theorems[0]!.verdict;
      if (verdict === "confirmed") confirmed.push(m.description);
      if (verdict === "refuted") refuted++;
    }
  };
  await Promise.all(sessions.map(work));
  return { confirmed, refuted };
}

describe("z3 on false statements", () => {
  it("has at least 50 mutants of both kinds that the judge finds false", () => {
    expect(candidates.length).toBeGreaterThan(falseOnes.length);
    expect(sample.length).toBeGreaterThanOrEqual(50);
    expect(sample.some((m) => m.description.includes(" swap "))).toBe(true);
    expect(sample.some((m) => m.description.includes(" operation "))).toBe(true);
    expect(new Set(sample.map((m) => m.theorem)).size).toBeGreaterThanOrEqual(15);
  });

  it("never confirms one of them", { timeout: 300_000 }, async () => {
    const { confirmed, refuted } = await decide(sample);
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

describe("z3 on false statements of the version-2 shapes and of groups", async () => {
  const graphs: { name: string; graph: ProofGraph; sample: Mutant[] }[] = [];
  for (const [dir, size, judge] of [
    ["examples/first-course", 16, undefined],
    ["examples/group", 6, judgeInS3],
    ["examples/group-two-sided", 6, judgeInS3],
  ] as const) {
    const graph = await proveExample(dir);
    const { falseOnes } = statementMutants(graph, { negations: true, ...(judge ? { judge } : {}) });
    graphs.push({ name: dir, graph, sample: evenly(falseOnes, size) });
  }
  const shapeOfMutant = (g: ProofGraph, m: Mutant) => shapeOf(g.theorems.find((t) => t.id === m.theorem)!);

  it("covers negated heads, case splits, ex falso, contradiction and both groups", () => {
    const shapes = new Set(graphs[0]!.sample.map((m) => shapeOfMutant(graphs[0]!.graph, m)));
    for (const part of ["negated head", "case split", "ex falso", "contradiction"])
      expect([...shapes].some((s) => s.includes(part))).toBe(true);
    expect(graphs.map((g) => g.sample.length)).toEqual([16, 6, 6]);
    expect(graphs.flatMap((g) => g.sample).some((m) => m.description.includes(" negation "))).toBe(true);
  });

  it("never confirms one of them", { timeout: 120_000 }, async () => {
    for (const g of graphs) {
      const { confirmed, refuted } = await decide(g.sample);
      expect(confirmed, g.name).toEqual([]);
      // Many Peano ones are refuted outright (an induction's step often has no small
      // counter-model); a group's smallest counter-model, S3, is beyond z3 in half a second.
      if (g.name.includes("first-course"))
        expect(refuted, g.name).toBeGreaterThanOrEqual(g.sample.length / 3);
    }
  });

  it("confirms the unmutated theorems with the same timeout (the control)", {
    timeout: 120_000,
  }, async () => {
    for (const g of graphs) {
      const report = await crosscheckGraph(g.graph, z3, { timeoutMs: TIMEOUT_MS });
      expect(report.counts.refuted, g.name).toBe(0);
      expect(report.counts.confirmed, g.name).toBeGreaterThanOrEqual(g.graph.theorems.length - 1);
    }
  });
});

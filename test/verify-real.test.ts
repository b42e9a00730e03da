/**
 * The verifier on a graph the engine wrote: examples/peano-quick proved with one worker. The
 * clean graph verifies, its axioms cross-checked against its recompiled sources; a tampered
 * axiom is caught by name; and hundreds of single corruptions across every kind of the
 * mutation generator are each rejected, first at the corrupted theorem and step. The same for
 * examples/first-course, whose proofs use the induction shapes of proof-graph version 2:
 * negated heads (each case by contradiction), ex falso, case splits.
 */
import { describe, expect, it } from "vitest";
import { runProver } from "../cli/run-engine.js";
import type { ProofGraph } from "../export/schema.js";
import { loadPaths } from "../mpl/index.js";
import { recompileSources } from "../verify/sources.js";
import { verifyGraph } from "../verify/verify.js";
import { misjudged, mutations } from "./support/mutate.js";

async function proveExample(name: string): Promise<ProofGraph> {
  const { theory } = loadPaths([`examples/${name}`]);
  if (!theory) throw new Error(`examples/${name} does not compile`);
  const options = { workers: 1, settings: {}, phase: "test", quiet: true };
  return (await runProver(theory, theory.conjectures, options)).graph;
}

const graph = await proveExample("peano-quick");
const kindOf = (description: string) => /^\[([a-z-]+)\]/.exec(description)?.[1] ?? "";

describe("a proof graph written by the engine", () => {
  it("proves every law of peano-quick and verifies with no failure", () => {
    expect(graph.unproved).toEqual([]);
    expect(graph.theorems.filter((t) => !t.mirrorOf)).toHaveLength(13);
    const report = verifyGraph(graph, { recompileSources: true });
    expect(report.failures).toEqual([]);
    expect(report.axioms).toEqual({
      crossChecked: true,
      detail: "compiled again from 4 source files carried by the graph",
    });
    // Every step is checked once, by its kind.
    const steps = graph.theorems.reduce((n, t) => n + t.steps.length, 0);
    const kinds = ["premise", "axiom", "rule", "theorem", "hypothesis", "witness", "succ"];
    const stepChecks = [...kinds, "eq-symm", "eq-trans", "eq-subst", "assume", "contradiction"].reduce(
      (n, k) => n + (report.checksByKind[k] ?? 0),
      0,
    );
    expect(stepChecks).toBe(steps);
    for (const k of kinds) expect(report.checksByKind[k], k).toBeGreaterThan(0);
    expect(report.checksByKind["expected-axiom"]).toBe(graph.axioms.length);
    expect(report.checks).toBeGreaterThan(600);
  });

  it("fails when one axiom's head is tampered with, naming that axiom", () => {
    const g = structuredClone(graph);
    const a5 = g.axioms.find((e) => e.id === "A5")!;
    expect(a5.head).toEqual({ pred: "=", args: ["y1", "y2"] });
    a5.head = { pred: "=", args: ["y1", "x"] };
    const report = verifyGraph(g, { recompileSources: true });
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toEqual({
      theorem: "(graph)",
      step: null,
      reason:
        "axiom A5 differs from the one compiled from the sources: the graph has rule ∀x,y1,y2: in[x,Nat] ∧ in2[x,y1,succ] ∧ in2[x,y2,succ] → =[y1,x], the sources give rule ∀x,y1,y2: in[x,Nat] ∧ in2[x,y1,succ] ∧ in2[x,y2,succ] → =[y1,y2]",
    });
    // Steps citing A5 fail at the step.
    expect(report.failures).toContainEqual(
      expect.objectContaining({ reason: "cites axiom A5, which the sources do not give as it stands" }),
    );
  });

  it("fails when a role is moved to another constant", () => {
    const g = structuredClone(graph);
    const [zero, plus] = [g.theory.constants[1]!, g.theory.constants[3]!];
    expect([zero.role, plus.name]).toEqual(["zero", "+"]);
    delete zero.role;
    plus.role = "zero";
    expect(verifyGraph(g, { recompileSources: true }).failures[0]?.reason).toBe(
      "the constants [Nat:set(carrier), zero:element, succ:function(successor), +:operation(zero), *:operation] are not those of the sources [Nat:set(carrier), zero:element(zero), succ:function(successor), +:operation, *:operation]",
    );
  });
});

describe("single corruptions of the engine's graph", () => {
  const list = mutations(graph, { perKind: 20 });
  const recompiled = recompileSources(graph.theory.sources);
  if (recompiled.kind !== "compiled") throw new Error(recompiled.kind);
  // The corruptions leave the axioms alone: compiling the sources once is enough.
  const verify = (g: ProofGraph) => verifyGraph(g, { expectedAxioms: recompiled.expected.axioms });

  it("number at least 300 and cover every kind the generator has", () => {
    expect(list.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(list.map((m) => kindOf(m.description)));
    for (const k of [
      "fact-arg",
      "swap-premises",
      "drop-premise",
      "other-axiom",
      "same-head-rule",
      "other-theorem",
      "later-theorem",
      "induction-base",
      "induction-step",
      "hypothesis",
      "statement",
      "binding",
      "witness-not-fresh",
    ]) {
      expect(list.filter((m) => kindOf(m.description) === k).length, k).toBeGreaterThanOrEqual(10);
    }
    expect(kinds.size).toBe(20);
  });

  it("are every one rejected, first at the corrupted theorem and step", () => {
    expect(misjudged(list, verify)).toEqual([]);
  });

  it("include corruptions of later theorems, not only the first few", () => {
    const theorems = new Set(list.map((m) => m.expectedTheorem));
    expect(theorems.size).toBe(graph.theorems.length);
  });
});

describe("the engine's graph of examples/first-course", async () => {
  const course = await proveExample("first-course");
  const inductions = course.theorems.filter((t) => t.method === "induction");

  it("verifies, and uses every new shape: negated-head inductions, ex falso, case splits", () => {
    expect(course.unproved).toEqual([]);
    expect(verifyGraph(course, { recompileSources: true }).failures).toEqual([]);
    const assumesIn = (section: string) =>
      inductions.filter((t) => t.steps.some((s) => s.kind === "assume" && s.section === section));
    expect(assumesIn("base").length).toBeGreaterThanOrEqual(2);
    expect(assumesIn("step").length).toBeGreaterThanOrEqual(2);
    // Ex falso: a contradiction closing a positive goal.
    const exFalso = course.theorems.filter((t) =>
      t.steps.some((s) => s.kind === "contradiction" && s.fact.neg !== true),
    );
    expect(exFalso.length).toBeGreaterThanOrEqual(2);
    const splits = inductions.filter((t) => !t.steps.some((s) => s.kind === "hypothesis"));
    expect(splits.length).toBeGreaterThanOrEqual(2);
  });

  it("rejects every single corruption, first at the corrupted theorem and step", () => {
    const list = mutations(course, { perKind: 10 });
    expect(list.filter((m) => kindOf(m.description) === "case-assumption").length).toBeGreaterThanOrEqual(4);
    const recompiled = recompileSources(course.theory.sources);
    if (recompiled.kind !== "compiled") throw new Error(recompiled.kind);
    expect(misjudged(list, (g) => verifyGraph(g, { expectedAxioms: recompiled.expected.axioms }))).toEqual(
      [],
    );
  });
});

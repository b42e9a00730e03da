/**
 * Rule matching inside a block: non-injective (two rule variables may bind the same
 * constant) and by value for named constants (a rule mentioning zero fires on zero, and only
 * on zero).
 */
import { describe, expect, it } from "vitest";
import { D, factCount, readDeriv, ufEdgeList } from "../engine/block.js";
import { buildProofGraph } from "../engine/graph.js";
import { prove, type RunResult } from "../engine/run.js";
import type { ProofGraph, TheoremJson } from "../export/schema.js";
import type { Conjecture } from "../mpl/theory.js";
import { handPeano, quickConjectures } from "./support/hand-peano.js";
import { add, conjecture, eq, mem, ONE, succ, withOne, ZERO } from "./support/peano-variants.js";
import { proofProblems, stepText } from "./support/proof-sanity.js";

async function proveOne(
  c: Conjecture,
  theory = handPeano([c]),
): Promise<{ run: RunResult; graph: ProofGraph; t: TheoremJson | undefined }> {
  const run = await prove(theory, { settings: { mirrors: false } });
  const graph = buildProofGraph(run, () => "");
  return { run, graph, t: graph.theorems.find((x) => x.name === c.name) };
}

/** The id of the add-zero axiom (a∈N ∧ a+zero=b → a=b), found by its shape. */
function addZeroId(graph: ProofGraph): string {
  const e = graph.axioms.find(
    (x) =>
      x.kind === "rule" &&
      x.head?.pred === "=" &&
      x.premises.some((p) => p.args[1] === "zero" && p.args[3] === "+"),
  );
  if (!e) throw new Error("add-zero axiom not found");
  return e.id;
}

describe("non-injective matching", () => {
  it("binds two variables of a rule to the named constant zero (from 0+0=c)", async () => {
    const { graph, t } = await proveOne(
      conjecture("zero_zero", ["c"], [add(ZERO, ZERO, 0)], add(ZERO, ZERO, ZERO)),
    );
    expect(t, "0+0=c → 0+0=zero is proved").toBeDefined();
    expect(proofProblems(graph, t!)).toEqual([]);
    // Typing x+y=z → x∈N with x := zero, y := zero.
    const repeated = t!.steps.filter(
      (s) => s.kind === "rule" && s.binding?.filter((b) => b === "zero").length === 2,
    );
    expect(repeated.map(stepText)).toEqual(["2 main rule in[zero,N] <- [1] A8 {zero,zero,c}"]);
    // add-zero with its a := zero: the premise 0+0=c gives zero=c.
    const addZero = t!.steps.filter((s) => s.kind === "rule" && s.ref === addZeroId(graph));
    expect(addZero.map((s) => [s.binding, s.fact])).toEqual([
      [["zero", "c"], { pred: "=", args: ["zero", "c"] }],
    ]);
  });

  it("binds two variables of a rule to the same block constant (from a+a=c)", async () => {
    const { graph, t } = await proveOne(conjecture("double", ["a", "c"], [add(0, 0, 1)], mem(1)));
    expect(t).toBeDefined();
    expect(proofProblems(graph, t!)).toEqual([]);
    const last = t!.steps[t!.goals.main! - 1]!;
    expect(last.kind).toBe("rule");
    expect(last.binding).toEqual(["a", "a", "c"]);
  });

  it("binds add-succ's b to zero, c to one and both a and d to the same constant", async () => {
    // s(a)=b → a+one=b: a+one = a+s(zero) = s(a+zero) = s(a) = b.
    const c = conjecture("succ_one", ["a", "b"], [succ(0, 1)], add(0, ONE, 1));
    const { graph, t } = await proveOne(c, withOne([c]));
    expect(t).toBeDefined();
    expect(proofProblems(graph, t!)).toEqual([]);
    const goal = t!.steps[t!.goals.main! - 1]!;
    expect(goal.kind).toBe("rule");
    expect(goal.binding).toEqual(["zero", "a", "one", "a", "b"]);
  });
});

describe("named constants in rule premises", () => {
  const addZeroConjecture = conjecture("add_zero", ["a", "c"], [add(0, ZERO, 1)], eq(0, 1));

  it("fires add-zero on a+zero=c: the block joins a and c by the equality it derives", async () => {
    const { run, graph } = await proveOne(addZeroConjecture);
    const block = run.blocks[run.conjectures[0]!.block]!;
    const [a, c] = [run.conjectures[0]!.vars.get(0)!, run.conjectures[0]!.vars.get(1)!];
    const edge = ufEdgeList(block.meta).find(([l, w]) => (l === a && w === c) || (l === c && w === a));
    expect(edge, "a and c are joined").toBeDefined();
    const addZeroIndex = graph.axioms.findIndex((e) => e.id === addZeroId(graph));
    const derivedBy = (f: number): number => {
      const d = readDeriv(block.data, f);
      return d.kind === D.rule ? d.ref : d.kind === D.eqSymm ? derivedBy(d.premises[0]!) : -1;
    };
    expect(derivedBy(edge![2])).toBe(addZeroIndex);
  });

  it("proves a conjecture whose head is an equality: a+zero=c → a=c (add-zero itself)", async () => {
    const { graph, t } = await proveOne(addZeroConjecture);
    expect(graph.unproved.map((u) => u.name)).toEqual([]);
    expect(t).toBeDefined();
    expect(proofProblems(graph, t!)).toEqual([]);
    expect(t!.steps.some((s) => s.ref === addZeroId(graph) && s.binding?.join(",") === "a,c")).toBe(true);
  });

  it("uses add-zero's a=c to rewrite a later premise (a+zero=c, s(a)=d → s(c)=d)", async () => {
    const { graph, t } = await proveOne(
      conjecture("add_zero_succ", ["a", "c", "d"], [add(0, ZERO, 1), succ(0, 2)], succ(1, 2)),
    );
    expect(t).toBeDefined();
    expect(proofProblems(graph, t!)).toEqual([]);
    expect(t!.steps.filter((s) => s.ref === addZeroId(graph)).map((s) => s.binding)).toEqual([["a", "c"]]);
  });

  it("does not fire add-zero on a+one=c: a+one=c → a+zero=c stays unproved", async () => {
    const c = conjecture("plus_one_is_plus_zero", ["a", "c"], [add(0, ONE, 1)], add(0, ZERO, 1));
    const { run, graph } = await proveOne(c, withOne([c]));
    expect(graph.unproved.map((u) => u.name)).toEqual([c.name]);
    expect(graph.theorems).toEqual([]);
    // No add-zero application in the conjecture's block takes the premise a+one=c.
    const addZeroIndex = graph.axioms.findIndex((e) => e.id === addZeroId(graph));
    const block = run.blocks[run.conjectures[0]!.block]!;
    const premiseFact = 0;
    expect(readDeriv(block.data, premiseFact).kind).toBe(D.premise);
    const uses: number[] = [];
    for (let f = 0; f < factCount(block.data); f++) {
      const d = readDeriv(block.data, f);
      if (d.kind === D.rule && d.ref === addZeroIndex && d.premises.includes(premiseFact)) uses.push(f);
    }
    expect(uses).toEqual([]);
  });

  it("applies add-zero only to facts whose second argument is zero, in every block of a run", async () => {
    const cs = quickConjectures.filter((c) => ["zero_add", "succ_add", "add_comm"].includes(c.name));
    const run = await prove(handPeano(cs));
    const graph = buildProofGraph(run, () => "");
    expect(graph.unproved).toEqual([]);
    const addZeroIndex = graph.axioms.findIndex((e) => e.id === addZeroId(graph));
    const zero = run.theory.constants.findIndex((k) => k.name === "zero");
    let applications = 0;
    const wrong: string[] = [];
    for (const b of run.blocks) {
      for (let f = 0; f < factCount(b.data); f++) {
        const d = readDeriv(b.data, f);
        if (d.kind !== D.rule || d.ref !== addZeroIndex) continue;
        applications++;
        // Premises in the entity's order: a∈N, a+zero=b. The sum's second argument is zero.
        const sum = d.premises[1]!;
        const second = b.data.facts.get(sum * run.width + 2);
        if (second !== zero) wrong.push(`block ${b.meta.id} fact ${f}: second argument ${second}`);
      }
    }
    expect(applications).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});

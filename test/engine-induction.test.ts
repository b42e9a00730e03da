/**
 * Induction set-up: for a+b=c → b+a=c the engine tries induction on each free input (a and
 * b, not the output c); each step block assumes s(p)=var and holds the hypothesis (the
 * statement with var := p) as a local rule; the base path replaces var by zero. The exported
 * proof has base and step sections, and its hypothesis is the statement with var := p.
 */
import { describe, expect, it } from "vitest";
import { buildProofGraph } from "../engine/graph.js";
import { Engine, prove } from "../engine/run.js";
import { statementOf } from "../engine/statement.js";
import { constTerm } from "../mpl/theory.js";
import { handPeano, quickConjectures } from "./support/hand-peano.js";
import { ADD, S, ZERO } from "./support/peano-variants.js";
import { atomText, proofProblems, substitute } from "./support/proof-sanity.js";

const addComm = quickConjectures.find((c) => c.name === "add_comm")!;

describe("induction set-up", () => {
  it("registers a direct attempt and one induction per free input variable", () => {
    const engine = new Engine(handPeano([addComm]));
    const i = engine.addConjecture({
      name: addComm.name,
      mpl: "",
      statement: statementOf(addComm),
      mirrorOf: null,
    })!;
    const run = engine.conjectures[i]!;
    expect(run.attempts.map((a) => [a.method, a.var, a.fixed])).toEqual([
      ["direct", -1, []],
      ["induction", 0, [1]],
      ["induction", 1, [0]],
    ]);
    const k = (v: number) => constTerm(run.vars.get(v)!);
    for (const a of run.attempts.filter((x) => x.method === "induction")) {
      const other = a.fixed[0]!;
      const p = constTerm(a.predecessor);
      const step = engine.blocks[a.step]!.meta;
      expect(step.kind).toBe("step");
      expect(step.parent).toBe(run.block);
      expect(step.assumptions).toEqual([
        { atom: { pred: 1, neg: false, args: [p, k(a.var), S] }, kind: "succ", index: 0 },
      ]);
      // Hypothesis: var := p, the other input fixed as the block's constant, c still bound (variable 0).
      const [x, y] = a.var === 0 ? [p, k(other)] : [k(other), p];
      expect(step.hypotheses).toHaveLength(1);
      const h = step.hypotheses[0]!;
      expect(h.kind).toBe("hypothesis");
      expect(h.nvars).toBe(1);
      expect(h.premises).toEqual([{ pred: 2, neg: false, args: [x, y, 0, ADD] }]);
      expect(h.head).toEqual({ pred: 2, neg: false, args: [y, x, 0, ADD] });
      expect(step.goals.map((g) => g.atom)).toEqual([{ pred: 2, neg: false, args: [k(1), k(0), k(2), ADD] }]);
      // Base: the premise with var := zero on its own path; the goal is the head with var := zero.
      const base = engine.blocks[a.base]!.meta;
      const premise = base.assumptions[0]!.atom.args;
      expect(premise[a.var]).toBe(ZERO);
      expect(premise[other]).not.toBe(ZERO);
      const baseGoal = base.goals.find((g) => g.key.endsWith(`ind${a.var}:base`))!.atom!;
      // Head b+a=c over the base path's constants (the premise holds them in the order a, b, c).
      expect(baseGoal).toEqual({ pred: 2, neg: false, args: [premise[1], premise[0], premise[2], ADD] });
    }
  });

  it("tries no induction when the setting is off", () => {
    const engine = new Engine(handPeano([addComm]), { induction: false });
    const i = engine.addConjecture({
      name: addComm.name,
      mpl: "",
      statement: statementOf(addComm),
      mirrorOf: null,
    })!;
    expect(engine.conjectures[i]!.attempts.map((a) => a.method)).toEqual(["direct"]);
  });

  it("exports add_comm with base and step sections and the hypothesis as the statement with var := p", async () => {
    const cs = quickConjectures.filter((c) => ["zero_add", "succ_add", "add_comm"].includes(c.name));
    const graph = buildProofGraph(await prove(handPeano(cs)), () => "");
    const t = graph.theorems.find((x) => x.name === "add_comm")!;
    expect(t.method).toBe("induction");
    expect(proofProblems(graph, t)).toEqual([]);
    const ind = t.induction!;
    expect(["a", "b"]).toContain(ind.var);
    expect(ind.fixed).toEqual([ind.var === "a" ? "b" : "a"]);
    expect(t.statement.vars).not.toContain(ind.predecessor);
    const expected = substitute(t.statement, ind.var, ind.predecessor);
    expect(ind.hypothesis).toEqual({ vars: ["c"], premises: expected.premises, head: expected.head });
    const sections = new Set(t.steps.map((s) => s.section));
    expect(sections).toEqual(new Set(["main", "base", "step"]));
    expect(t.steps.filter((s) => s.kind === "succ").map((s) => atomText(s.fact))).toEqual([
      `in2[${ind.predecessor},${ind.var},s]`,
    ]);
    expect(t.steps.some((s) => s.kind === "hypothesis" && s.section === "step")).toBe(true);
    const other = ind.fixed[0]!;
    const baseHead = ind.var === "a" ? `in3[${other},zero,c,+]` : `in3[zero,${other},c,+]`;
    expect(atomText(t.steps[t.goals.base! - 1]!.fact)).toBe(baseHead);
    expect(atomText(t.steps[t.goals.step! - 1]!.fact)).toBe("in3[b,a,c,+]");
    expect(atomText(t.steps[ind.carrierStep - 1]!.fact)).toBe(`in[${ind.var},N]`);
  });
});

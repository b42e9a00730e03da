/**
 * The induction shapes beyond the first round (engine/plan.ts): a negated head inducts with
 * each case in a child block that assumes the atom; a block whose facts contradict each other
 * proves its goals (ex falso); goals left open at a fixpoint get a second round (every
 * induction variable, hypotheses generalised over all other variables) unless they are helper
 * lemmas or the setting is off; and the order of induction variables does not depend on how
 * the statement is written.
 */
import { describe, expect, it } from "vitest";
import { buildProofGraph } from "../engine/graph.js";
import { Engine, prove } from "../engine/run.js";
import { canonicalRanks, inductionVars, type Statement, statementOf } from "../engine/statement.js";
import { handPeano, predicates, quickConjectures } from "./support/hand-peano.js";
import { add, conjecture, eq, mem, succ, ZERO } from "./support/peano-variants.js";
import { proofProblems } from "./support/proof-sanity.js";

const addComm = quickConjectures.find((c) => c.name === "add_comm")!;
const neg = (a: ReturnType<typeof eq>) => ({ ...a, negated: true });
/** s(a) = b → b ≠ a */
const succNeSelf = conjecture("succ_ne_self", ["a", "b"], [succ(0, 1)], neg(eq(1, 0)));

function register(engine: Engine, c = addComm, pureInduction = false) {
  const i = engine.addConjecture({
    name: c.name,
    mpl: "",
    statement: statementOf(c),
    mirrorOf: null,
    pureInduction,
  })!;
  return engine.conjectures[i]!;
}

describe("negated heads", () => {
  it("induct on the atom's variables, each case assuming the atom in a child block", () => {
    const engine = new Engine(handPeano([succNeSelf]));
    const run = register(engine, succNeSelf);
    expect(run.attempts.map((a) => [a.method, a.var])).toEqual([
      ["contradiction", -1],
      ["induction", 0],
    ]);
    const a = run.attempts[1]!;
    const [baseGoal, stepGoal] = a.goalBlocks.map((b) => engine.blocks[b]!.meta);
    expect(baseGoal!.kind).toBe("assume");
    expect(baseGoal!.parent).toBe(a.base);
    expect(stepGoal!.kind).toBe("assume");
    expect(stepGoal!.parent).toBe(a.step);
    // The step assumes b = a (the head's atom, its sign dropped); its goal is a contradiction.
    const k = (v: number) => -run.vars.get(v)! - 1;
    expect(stepGoal!.assumptions[0]!.atom).toEqual({ pred: 3, neg: false, args: [k(1), k(0)] });
    expect(stepGoal!.goals.map((g) => g.atom)).toEqual([null]);
  });

  it("prove s(a) ≠ a by induction, the proof exported with an assumption in each case", async () => {
    const graph = buildProofGraph(await prove(handPeano([succNeSelf])), () => "");
    const t = graph.theorems.find((x) => x.name === "succ_ne_self")!;
    expect(t.method).toBe("induction");
    expect(proofProblems(graph, t)).toEqual([]);
    for (const section of ["base", "step"] as const) {
      expect(t.steps.filter((s) => s.section === section && s.kind === "assume")).toHaveLength(1);
      expect(t.steps[t.goals[section]! - 1]!.kind).toBe("contradiction");
    }
  });
});

describe("ex falso", () => {
  it("proves a positive goal of a block whose premises contradict each other", async () => {
    // s(a) = zero → a + zero = zero: nothing derives the head, but s(a) = zero is impossible.
    const absurd = conjecture("absurd", ["a"], [succ(0, ZERO)], add(0, ZERO, ZERO));
    const graph = buildProofGraph(
      await prove(handPeano([absurd]), { settings: { induction: false } }),
      () => "",
    );
    const t = graph.theorems.find((x) => x.name === "absurd")!;
    expect(t.method).toBe("direct");
    expect(proofProblems(graph, t)).toEqual([]);
    const goal = t.steps[t.goals.main! - 1]!;
    expect(goal.kind).toBe("contradiction");
    expect(goal.fact).toEqual({ pred: "in3", args: ["a", "zero", "zero", "+"] });
  });
});

describe("the second round", () => {
  const inductions = (run: ReturnType<typeof register>) =>
    run.attempts.filter((a) => a.method === "induction").map((a) => [a.var, [...a.fixed]]);

  it("adds generalised hypotheses to a goal the first round left open at a fixpoint", async () => {
    const engine = new Engine(handPeano([addComm]), { mirrors: false });
    const run = register(engine);
    expect(inductions(run)).toEqual([
      [0, [1]],
      [1, [0]],
    ]);
    const result = await engine.run();
    expect(run.proved).toBeNull(); // add_comm needs succ_add, which is not given
    expect(result.stopReason).toBe("fixpoint");
    expect(run.escalated).toBe(true);
    expect(inductions(run)).toEqual([
      [0, [1]],
      [1, [0]],
      [0, []],
      [1, []],
    ]);
  });

  it("is not tried for helper lemmas, nor with the setting off", async () => {
    for (const [engine, pure] of [
      [new Engine(handPeano([addComm]), { mirrors: false }), true],
      [new Engine(handPeano([addComm]), { mirrors: false, extraInduction: false }), false],
    ] as const) {
      const run = register(engine, addComm, pure);
      await engine.run();
      expect(run.escalated).toBe(false);
      expect(inductions(run)).toHaveLength(2);
    }
  });
});

describe("the choice of induction variables", () => {
  it("does not depend on premise order or variable numbering", () => {
    // a + c = d ∧ b + c = d → a = b, and the same with its premises swapped and renumbered.
    const st: Statement = {
      varNames: ["a", "c", "d", "b"],
      premises: [add(0, 1, 2), add(3, 1, 2)],
      head: eq(0, 3),
    };
    const swapped: Statement = {
      varNames: ["b", "c", "d", "a"],
      premises: [add(0, 1, 2), add(3, 1, 2)],
      head: eq(3, 0),
    };
    const named = (s: Statement) => {
      const rank = canonicalRanks(s);
      return inductionVars(s, predicates, 0).map((v) => [s.varNames[v], rank[v]]);
    };
    // c is the pure input; a, b mixed; the ranks follow the canonical premise order, not the written one.
    expect(named(st).map(([n]) => n)).toEqual(["c", "a", "b"]);
    expect(named(swapped).map(([, r]) => r)).toEqual(named(st).map(([, r]) => r));
    // A variable only in a carrier premise is a case-split candidate.
    const carrierOnly: Statement = { varNames: ["a"], premises: [mem(0), neg(eq(0, ZERO))], head: mem(0) };
    expect(inductionVars(carrierOnly, predicates, 0)).toEqual([0]);
  });
});

/**
 * The crosscheck's encoding and verdicts on the small hand-written Peano graph: the SMT-LIB
 * text of each obligation kind, what is refused, how answers become verdicts (with a scripted
 * solver), and z3 itself confirming the hand graph's theorems and declining a false one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smt2FileName } from "../cli/commands/crosscheck.js";
import { type CrosscheckReport, crosscheckGraph, type ProblemSolver } from "../crosscheck/crosscheck.js";
import { graphContext, type Obligation, theoremProblems } from "../crosscheck/obligations.js";
import { elementSymbol } from "../crosscheck/smtlib.js";
import { Z3Session } from "../crosscheck/z3.js";
import type { ProofGraph, TheoremJson } from "../export/schema.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { peanoGraph } from "./support/peano-graph.js";
import { judgeStatement } from "./support/statement-judge.js";

function obligationsOf(graph: ProofGraph, id: string, allAxioms = false): readonly Obligation[] {
  const t = graph.theorems.find((x) => x.id === id)!;
  const p = theoremProblems(graphContext(graph, allAxioms), t);
  if ("error" in p) throw new Error(p.error);
  return p.obligations;
}

/** A solver that answers from a script keyed by `<theorem>-<obligation>`, recording what it saw. */
function scripted(answers: Record<string, "sat" | "unsat" | "unknown">): ProblemSolver & { seen: string[] } {
  const seen: string[] = [];
  return {
    version: "scripted",
    seen,
    check: async (smt2) => {
      const key = /theorem (T\d+)[^\n]*obligation (\w+)/.exec(smt2)!;
      const name = `${key[1]}-${key[2]}`;
      seen.push(name);
      const answer = answers[name] ?? "unsat";
      return { answer, reason: answer === "unknown" ? "timeout" : null, ms: 1 };
    },
  };
}

describe("the encoding", () => {
  const graph = peanoGraph();

  it("states a direct theorem as premises and a negated goal over relations", () => {
    const [main, ...rest] = obligationsOf(graph, "T1");
    expect(rest).toEqual([]);
    const text = main!.smt2;
    expect(main!.name).toBe("main");
    expect(text).toContain("(declare-sort U 0)");
    expect(text).toContain("(declare-fun in3.+ (U U U) Bool)");
    expect(text).toContain("(declare-fun in.N (U) Bool)");
    expect(text).toContain("(declare-const a U)");
    expect(text).toContain("(assert (in.N a))");
    expect(text).toContain("(assert (not (in3.+ a zero a)))");
    // The totality of + (A8) as a weighted, premise-triggered quantifier with a witness.
    expect(text).toContain(
      "(assert (forall ((x U) (y U)) (! (=> (and (in.N x) (in.N y)) (exists ((z U)) (and (in.N z) (in3.+ x y z)))) :pattern ((in.N x) (in.N y)) :weight 10)))",
    );
    expect(text.trimEnd().endsWith("(check-sat)")).toBe(true);
  });

  it("gives each problem the axioms the proof cites, or all of them", () => {
    const cited = obligationsOf(graph, "T1")[0]!.smt2;
    const all = obligationsOf(graph, "T1", true)[0]!.smt2;
    const axiomsIn = (text: string) => [...text.matchAll(/^; axiom (A\d+)/gm)].map((m) => m[1]);
    expect(axiomsIn(cited)).toEqual(["A1", "A8", "A11"]);
    expect(axiomsIn(all)).toEqual(graph.axioms.map((a) => a.id));
  });

  it("assumes the statements of the cited theorems", () => {
    const t = graph.theorems.find((x) => x.uses.length > 0)!;
    const text = obligationsOf(graph, t.id)[0]!.smt2;
    for (const id of t.uses) expect(text).toContain(`; cited theorem ${id}:`);
  });

  it("splits an induction into carrier, base, hypothesis and step", () => {
    const t = graph.theorems.find((x) => x.method === "induction")!;
    const ind = t.induction!;
    const obligations = obligationsOf(graph, t.id);
    expect(obligations.map((o) => o.name)).toEqual(["carrier", "base", "hypothesis", "step"]);
    const [carrier, base, hypothesis, step] = obligations.map((o) => o.smt2);
    expect(carrier).toContain(`(assert (not (in.N ${ind.var})))`);
    // The base replaces the induction variable by zero everywhere.
    expect(base).not.toMatch(new RegExp(`declare-const ${ind.var} `));
    expect(step).toContain(`(assert (in2.s ${ind.predecessor} ${ind.var}))`);
    expect(step).toContain("; the induction hypothesis as the graph states it");
    // The hypothesis obligation is pure logic: no axiom, no cited theorem.
    expect(hypothesis).not.toContain("; axiom ");
    expect(hypothesis).toContain("; the graph's induction hypothesis, negated");
  });

  it("quotes names that are not plain identifiers or are taken by SMT-LIB", () => {
    expect(elementSymbol("a1")).toBe("a1");
    expect(elementSymbol("not")).toBe("x.not");
    expect(elementSymbol("U")).toBe("x.U");
    expect(elementSymbol("a'")).toBe("|x.a'|");
    expect(elementSymbol("a|b")).toBe("|x.a#x7cb|");
  });

  it("names exported files by theorem and obligation, never outside the folder", () => {
    expect(smt2FileName("T7", "step")).toBe("T7-step.smt2");
    expect(smt2FileName("../../etc/x", "main")).toBe("______etc_x-main.smt2");
  });

  it("refuses a variable in a set position and a citation of a later theorem", () => {
    const g = peanoGraph();
    const t1 = g.theorems[0]!;
    t1.statement = { ...t1.statement, vars: [...t1.statement.vars, "S"] };
    t1.statement.premises = [{ pred: "in", args: ["a", "S"] }];
    const bad = theoremProblems(graphContext(g), t1);
    expect(bad).toMatchObject({
      error: expect.stringContaining("its last argument S is not a theory constant"),
    });
    const g2 = peanoGraph();
    g2.theorems[0]!.uses = ["T2"];
    expect(theoremProblems(graphContext(g2), g2.theorems[0]!)).toMatchObject({
      error: "cites T2, which does not come before it",
    });
  });
});

describe("independence", () => {
  it("imports nothing from the engine: only z3, Node, the schema types and itself", () => {
    const folder = join(REPO_ROOT, "crosscheck");
    const imports = readdirSync(folder)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(folder, f), "utf8").matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]!),
      );
    expect(imports.length).toBeGreaterThan(3);
    const allowed = (spec: string) =>
      spec === "z3-solver" ||
      spec.startsWith("node:") ||
      spec === "../export/schema.js" ||
      /^\.\/[\w-]+\.js$/.test(spec);
    expect(imports.filter((spec) => !allowed(spec))).toEqual([]);
  });
});

describe("verdicts", () => {
  const graph = peanoGraph();
  const induction = graph.theorems.find((t) => t.method === "induction")!.id;

  it("confirms when every obligation is unsat, refutes on sat, and stops at the first open one", async () => {
    const solver = scripted({ [`${induction}-base`]: "unknown", "T1-main": "sat" });
    const report = await crosscheckGraph(graph, solver, { timeoutMs: 100 });
    const byId = new Map(report.theorems.map((t) => [t.id, t]));
    expect(byId.get("T1")).toMatchObject({ verdict: "refuted", reason: "main: z3 found a counter-model" });
    expect(byId.get(induction)).toMatchObject({ verdict: "unknown", reason: "base: timeout" });
    expect(byId.get(induction)!.obligations.map((o) => o.answer)).toEqual([
      "unsat",
      "unknown",
      "skipped",
      "skipped",
    ]);
    expect(solver.seen).not.toContain(`${induction}-step`);
    const others = report.theorems.filter((t) => t.id !== "T1" && t.id !== induction);
    expect(others.every((t) => t.verdict === "confirmed")).toBe(true);
    expect(report.counts).toEqual({ confirmed: others.length, unknown: 1, refuted: 1 });
  });

  it("decides every obligation with allObligations, and only the selected theorems", async () => {
    const solver = scripted({ [`${induction}-base`]: "unknown" });
    const report = await crosscheckGraph(graph, solver, {
      timeoutMs: 100,
      allObligations: true,
      only: new Set([induction]),
    });
    expect(report.theorems.map((t) => t.id)).toEqual([induction]);
    expect(solver.seen).toEqual(["carrier", "base", "hypothesis", "step"].map((o) => `${induction}-${o}`));
  });
});

describe("z3 on the hand-written graph", () => {
  let z3: Z3Session;
  beforeAll(async () => {
    z3 = await Z3Session.start();
  });
  afterAll(() => z3.close());

  it("confirms every theorem", async () => {
    const report: CrosscheckReport = await crosscheckGraph(peanoGraph(), z3, { timeoutMs: 10_000 });
    expect(
      report.theorems.filter((t) => t.verdict !== "confirmed").map((t) => `${t.id}: ${t.reason}`),
    ).toEqual([]);
    expect(report.solver).toMatch(/^Z3 4\.15\./);
  });

  it("does not confirm a false statement, and shows z3's reason", async () => {
    const g = peanoGraph();
    const t: TheoremJson = g.theorems[0]!; // a + 0 = a, made a + 0 = 0
    t.statement = { ...t.statement, head: { pred: "in3", args: ["a", "zero", "zero", "+"] } };
    expect(judgeStatement(g, t.statement, 3).holds).toBe(false);
    const report = await crosscheckGraph(g, z3, { timeoutMs: 1000, only: new Set([t.id]) });
    expect(report.theorems[0]!.verdict).not.toBe("confirmed");
    expect(report.theorems[0]!.reason).toMatch(/^main: /);
  });
});

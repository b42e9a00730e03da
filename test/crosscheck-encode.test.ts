/**
 * The crosscheck's encoding and verdicts on the small hand-written Peano graph: which
 * relations become functions (and which do not), the SMT-LIB and TPTP text of each obligation
 * kind under both encodings, the citations each obligation assumes, when the carrier guards
 * are dropped (and when not), what is refused, how answers become verdicts (with a scripted
 * solver), and z3 itself confirming the hand graph's theorems and declining a false one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemFileName } from "../cli/commands/crosscheck.js";
import { crosscheckGraph, type ProblemSolver } from "../crosscheck/crosscheck.js";
import { and, app, constant, eq, forall, implies, pred, variable } from "../crosscheck/formula.js";
import { functionalSignature } from "../crosscheck/functional.js";
import {
  type ContextOptions,
  graphContext,
  type Obligation,
  shapeOf,
  theoremProblems,
} from "../crosscheck/obligations.js";
import type { Problem } from "../crosscheck/problem.js";
import { unrelativise } from "../crosscheck/relativise.js";
import { elementSymbol } from "../crosscheck/smtlib.js";
import { tptpElement } from "../crosscheck/tptp.js";
import { Z3Session } from "../crosscheck/z3.js";
import type { AtomJson, EntityJson, ProofGraph, TheoremJson } from "../export/schema.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { peanoGraph, shapesGraph } from "./support/peano-graph.js";
import { rule, statement, step, theorem } from "./support/proof-dsl.js";
import { judgeStatement } from "./support/statement-judge.js";

function obligationsOf(graph: ProofGraph, id: string, options: ContextOptions = {}): readonly Obligation[] {
  const t = graph.theorems.find((x) => x.id === id)!;
  const p = theoremProblems(graphContext(graph, options), t);
  if ("error" in p) throw new Error(p.error);
  return p.obligations;
}

/** A solver that answers from a script keyed by `<theorem>-<obligation>`, recording what it saw. */
function scripted(answers: Record<string, "sat" | "unsat" | "unknown">): ProblemSolver & { seen: string[] } {
  const seen: string[] = [];
  return {
    name: "scripted",
    version: "scripted 1",
    seen,
    check: async (o) => {
      const name = `${o.theorem}-${o.name}`;
      seen.push(name);
      const answer = answers[name] ?? "unsat";
      return { answer, reason: answer === "unknown" ? "timeout" : null, ms: 1 };
    },
  };
}

/** The axioms a problem's comments name (merged assumptions name several on one line). */
const axiomsIn = (text: string) => [...text.matchAll(/\baxiom (A\d+) \(/g)].map((m) => m[1]);

/** The graph with every atom of every axiom rewritten by `f` (same ids and order). */
function mapAxiomAtoms(g: ProofGraph, f: (a: AtomJson) => AtomJson): ProofGraph {
  const copy = structuredClone(g);
  copy.axioms = copy.axioms.map((e: EntityJson) => ({
    ...e,
    premises: e.premises.map(f),
    ...(e.head ? { head: f(e.head) } : {}),
    ...(e.body ? { body: e.body.map(f) } : {}),
  }));
  return copy;
}

describe("functional readings", () => {
  const graph = peanoGraph();

  it("reads s and + as functions, from their totality, single-valuedness and typing axioms", () => {
    const readings = [...functionalSignature(graph).values()];
    expect(readings).toEqual([
      {
        relation: "in2.s",
        fn: "fn.s",
        arity: 2,
        output: 1,
        guards: [{ input: 0, set: "N" }],
        justification: ["A7", "A9", "A2"],
      },
      {
        relation: "in3.+",
        fn: "fn.+",
        arity: 3,
        output: 2,
        guards: [
          { input: 0, set: "N" },
          { input: 1, set: "N" },
        ],
        justification: ["A8", "A10", "A4", "A5"],
      },
    ]);
    // * has a typing axiom (A16) but no totality or single-valuedness: it stays a relation.
    expect(readings.some((r) => r.relation === "in3.*")).toBe(false);
  });

  it("needs all three: without single-valuedness, or one typing axiom, + stays a relation", () => {
    const noSv = structuredClone(graph);
    noSv.axioms = noSv.axioms.filter((e) => e.id !== "A10");
    expect(functionalSignature(noSv).has("in3.+")).toBe(false);
    const noTyping = structuredClone(graph);
    noTyping.axioms = noTyping.axioms.filter((e) => e.id !== "A5");
    expect(functionalSignature(noTyping).has("in3.+")).toBe(false);
    // Single-valued only on another set than the totality's domain: not enough.
    const otherSet = structuredClone(graph);
    otherSet.theory.constants.push({ name: "M", type: "set" });
    const sv = otherSet.axioms.find((e) => e.id === "A10")!;
    sv.premises = [{ pred: "in", args: ["x", "M"] }, ...sv.premises];
    expect(functionalSignature(otherSet).has("in3.+")).toBe(false);
    expect(functionalSignature(otherSet).has("in2.s")).toBe(true);
  });

  it("goes by shape, not by names: renamed constants and an output in first position", () => {
    const rename: Record<string, string> = { "+": "plus", N: "Nat", s: "next", zero: "o" };
    const renamed = mapAxiomAtoms(graph, (a) => ({ ...a, args: a.args.map((x) => rename[x] ?? x) }));
    renamed.theory.constants = renamed.theory.constants.map((c) => ({
      ...c,
      name: rename[c.name] ?? c.name,
    }));
    expect([...functionalSignature(renamed).values()].map((r) => `${r.relation} ${r.fn}`)).toEqual([
      "in2.next fn.next",
      "in3.plus fn.plus",
    ]);
    // in3[z,x,y,+] for x + y = z throughout: the output is found at position 0.
    const moved = mapAxiomAtoms(graph, (a) =>
      a.pred === "in3" && a.args[3] === "+" ? { ...a, args: [a.args[2]!, a.args[0]!, a.args[1]!, "+"] } : a,
    );
    const plus = functionalSignature(moved).get("in3.+")!;
    expect(plus.output).toBe(0);
    expect(plus.guards).toEqual([
      { input: 1, set: "N" },
      { input: 2, set: "N" },
    ]);
  });
});

describe("the encoding", () => {
  const graph = peanoGraph();

  it("states a direct theorem over functions, with the carrier guards dropped", () => {
    const [main, ...rest] = obligationsOf(graph, "T1");
    expect(rest).toEqual([]);
    const text = main!.smt2;
    expect(main!.name).toBe("main");
    expect(text).toContain("; functional encoding: in2.s as fn.s, in3.+ as fn.+");
    expect(text).toContain("(declare-fun fn.+ (U U) U)");
    expect(text).not.toContain("in3.+ (U U U)");
    // a + 0 = a (A11) as the equation it is, triggered on the constructor term a + zero.
    expect(text).toContain("(assert (forall ((a U)) (! (= a (fn.+ a zero)) :pattern ((fn.+ a zero)))))");
    // Every element is in N (relativisation), so the guards are gone, and in.N with them.
    expect(text).toContain("; the guards of in.N dropped (relativisation)");
    expect(text).not.toMatch(/\(in\.N |declare-fun in\.N/);
    expect(text).toContain("; premise 1: in[a,N]: true with the guards of in.N dropped");
    expect(text).toContain("(assert (not (= a (fn.+ a zero))))");
    expect(text.trimEnd().endsWith("(check-sat)")).toBe(true);
  });

  it("keeps the guards on request: memberships of the inputs, the output an equation", () => {
    const [main] = obligationsOf(graph, "T1", { keepGuards: true });
    const text = main!.smt2;
    expect(text).toContain("(assert (in.N a))");
    expect(text).toContain("(assert (not (and (in.N a) (in.N zero) (= a (fn.+ a zero)))))");
    // The totality of + (A8): no witness left, the Skolem function is fn.+ itself.
    expect(text).toContain(
      "(assert (forall ((x U) (y U)) (! (=> (and (in.N x) (in.N y)) (in.N (fn.+ x y))) :pattern ((fn.+ x y)))))",
    );
    // Single-valuedness and typing of + are true as encoded: kept as comments only.
    expect(text).toContain(
      "; axiom A10 (Peano), which the functional reading of in3.+ rests on: true as encoded",
    );
  });

  it("keeps the relational encoding on request, with witnesses and weights", () => {
    const text = obligationsOf(graph, "T1", { encoding: "relational" })[0]!.smt2;
    expect(text).toContain("; relational encoding");
    expect(text).toContain("(declare-fun in3.+ (U U U) Bool)");
    expect(text).toContain("(assert (not (in3.+ a zero a)))");
    expect(text).toContain(
      "(assert (forall ((x U) (y U)) (! (=> (and (in.N x) (in.N y)) (exists ((z U)) (and (in.N z) (in3.+ x y z)))) :pattern ((in.N x) (in.N y)) :weight 10)))",
    );
  });

  it("writes the same problem in TPTP: axioms, a conjecture, quoted symbols", () => {
    const [main] = obligationsOf(graph, "T1");
    const tptp = main!.tptp;
    expect(tptp).toMatch(/^% gl crosscheck: theorem T1, direct, obligation main$/m);
    expect(tptp).toContain("fof(a1, axiom, ! [X_a] : (X_a = 'fn.+'(X_a,zero))).");
    expect(tptp).toContain("fof(goal, conjecture, a = 'fn.+'(a,zero)).");
    // The same assertions, but the term hints, which only z3 uses.
    const hints = main!.smt2.match(/^\(assert \(hint\.term /gm)?.length ?? 0;
    expect(hints).toBeGreaterThan(0);
    expect(tptp.match(/^fof\(/gm)).toHaveLength(main!.smt2.match(/^\(assert /gm)!.length - hints);
    const guarded = obligationsOf(graph, "T1", { keepGuards: true })[0]!.tptp;
    expect(guarded).toContain("fof(goal, conjecture, 'in.N'(a) & 'in.N'(zero) & (a = 'fn.+'(a,zero))).");
  });

  it("gives a problem the axioms its part of the proof cites, those behind its functions, or all", () => {
    const cited = obligationsOf(graph, "T1")[0]!.smt2;
    expect(axiomsIn(cited)).toEqual(["A1", "A8", "A11", "A10", "A4", "A5"]);
    expect(cited).not.toContain("; axiom A7");
    const all = obligationsOf(graph, "T1", { allAxioms: true })[0]!.smt2;
    expect(axiomsIn(all).sort()).toEqual(graph.axioms.map((a) => a.id).sort());
    // An induction's base assumes only what the base steps cite, the step what main and step cite.
    const t = graph.theorems.find((x) => x.id === "T4")!;
    const [, base, , step] = obligationsOf(graph, "T4", { encoding: "relational" });
    const refs = (sections: string[]) =>
      new Set(
        t.steps.filter((s) => sections.includes(s.section) && /^A/.test(s.ref ?? "")).map((s) => s.ref),
      );
    // …and every fact of the theory (in[zero,N]), cited or not.
    const facts = graph.axioms.filter((e) => e.kind === "fact").map((e) => e.id);
    expect(facts).toEqual(["A1"]);
    expect(new Set(axiomsIn(base!.smt2))).toEqual(new Set([...refs(["base"]), ...facts]));
    expect(new Set(axiomsIn(step!.smt2))).toEqual(new Set([...refs(["main", "step"]), ...facts]));
    expect(refs(["base"]).size).toBeLessThan(refs(["main", "step"]).size);
  });

  it("assumes the statements of the cited theorems", () => {
    const t = graph.theorems.find((x) => x.uses.length > 0)!;
    const text = obligationsOf(graph, t.id)[0]!.smt2;
    for (const id of t.uses) expect(text).toContain(`; cited theorem ${id}:`);
  });

  it("splits an induction into carrier, base, hypothesis and step", () => {
    const t = graph.theorems.find((x) => x.method === "induction")!;
    const ind = t.induction!;
    const obligations = obligationsOf(graph, t.id, { keepGuards: true });
    expect(obligations.map((o) => o.name)).toEqual(["carrier", "base", "hypothesis", "step"]);
    const [carrier, base, hypothesis, step] = obligations.map((o) => o.smt2);
    expect(carrier).toContain(`(assert (not (in.N ${ind.var})))`);
    // The base replaces the induction variable by zero everywhere.
    expect(base).not.toMatch(new RegExp(`declare-const ${ind.var} `));
    expect(step).toContain(
      `(assert (and (in.N ${ind.predecessor}) (= ${ind.var} (fn.s ${ind.predecessor}))))`,
    );
    expect(step).toContain("; the induction hypothesis as the graph states it");
    // The hypothesis obligation is pure logic: no axiom, no cited theorem, relations only.
    expect(hypothesis).not.toContain("; axiom ");
    expect(hypothesis).toContain("; relational encoding");
    expect(hypothesis).toContain("; the graph's induction hypothesis, negated");
  });

  it("quotes names that are not plain identifiers or are taken by SMT-LIB or TPTP", () => {
    expect(elementSymbol("a1")).toBe("a1");
    expect(elementSymbol("not")).toBe("x.not");
    expect(elementSymbol("U")).toBe("x.U");
    expect(elementSymbol("a'")).toBe("|x.a'|");
    expect(elementSymbol("a|b")).toBe("|x.a#x7cb|");
    expect(tptpElement("a1")).toBe("a1");
    expect(tptpElement("N")).toBe("'x.N'");
    expect(tptpElement("a'")).toBe("'x.a\\''");
    expect(tptpElement("a·b#")).toBe("'x.a#xb7;b#x23;'");
  });

  it("names exported files by theorem and obligation, never outside the folder", () => {
    expect(problemFileName("T7", "step")).toBe("T7-step.smt2");
    expect(problemFileName("T7", "step", "p")).toBe("T7-step.p");
    expect(problemFileName("../../etc/x", "main")).toBe("______etc_x-main.smt2");
  });

  it("refuses a variable in a set position, a later citation, and an unknown method", () => {
    const g = peanoGraph();
    const t1 = g.theorems[0]!;
    t1.statement = { ...t1.statement, vars: [...t1.statement.vars, "S"] };
    t1.statement.premises = [{ pred: "in", args: ["a", "S"] }];
    const bad = theoremProblems(graphContext(g), t1);
    expect(bad).toMatchObject({
      error: expect.stringContaining("its last argument S is not a theory constant"),
    });
    const g2 = peanoGraph();
    const cite = g2.theorems[0]!.steps[0]!;
    Object.assign(cite, { kind: "theorem", ref: "T2" });
    expect(theoremProblems(graphContext(g2), g2.theorems[0]!)).toMatchObject({
      error: "cites T2, which does not come before it",
    });
    const g3 = peanoGraph();
    (g3.theorems[0] as { method: string }).method = "cases";
    expect(theoremProblems(graphContext(g3), g3.theorems[0]!)).toMatchObject({
      error: "no obligations are known for the method cases",
    });
  });
});

/**
 * The hand graph with a definition that takes a set and a function, `Pred[M,f,b]`: b is f of
 * something in M (its introduction axiom A18), and T9: s(a) = b → Pred[N,s,b].
 */
function predGraph(): ProofGraph {
  const g = peanoGraph();
  g.predicates.push({ name: "Pred", arity: 3, operator: null });
  g.axioms.push({
    ...rule("A18", ["M", "f", "b", "p"], ["in[p,M]", "in2[p,b,f]"], "Pred[M,f,b]"),
    origin: { definition: "Pred", via: "Pred (introduction)" },
  });
  g.theorems.push(
    theorem({
      id: "T9",
      statement: statement(["a", "b"], ["in2[a,b,s]"], "Pred[N,s,b]"),
      goals: { main: 3 },
      axioms: ["A2"],
      steps: [
        step(1, "main", "premise", "in2[a,b,s]", [], { index: 0 }),
        step(2, "main", "rule", "in[a,N]", [1], { ref: "A2", binding: ["a", "b"] }),
        step(3, "main", "definition", "Pred[N,s,b]", [2, 1], { ref: "A18", binding: ["N", "s", "b", "a"] }),
      ],
    }),
  );
  return g;
}

describe("shapes, set parameters and term hints", () => {
  it("names each proof shape, and gives a case split no hypothesis", () => {
    const g = shapesGraph();
    const shapes = Object.fromEntries(g.theorems.map((t) => [t.id, shapeOf(t)]));
    expect(shapes).toMatchObject({
      T1: "direct",
      T4: "induction",
      T5: "case split",
      T6: "contradiction",
      T9: "induction, negated head, by assumption",
      T10: "case split, ex falso",
    });
    const split = obligationsOf(g, "T10");
    expect(split.map((o) => o.name)).toEqual(["carrier", "base", "step"]);
    expect(split[2]!.smt2).not.toContain("induction hypothesis");
    expect(split[2]!.smt2).toContain("; successor: s(p) = b");
    // A negated head: each section's goal is negated, however the section closes.
    const negated = obligationsOf(g, "T9");
    expect(negated.map((o) => o.name)).toEqual(["carrier", "base", "hypothesis", "step"]);
    expect(negated[3]!.smt2).toContain("(assert (not (not (= b a))))");
  });

  it("hints the terms of the proof's facts to z3, witnesses read as their terms, and not to E", () => {
    const [, , , step] = obligationsOf(peanoGraph(), "T4");
    // Step 7's witness w is zero + p (the totality of +), so step 10's s(w) = c names s(zero + p).
    expect(step!.smt2).toContain("(declare-fun hint.term (U) Bool)");
    expect(step!.smt2).toContain(
      "; a term of step 10: in2[w,c,s]\n(assert (hint.term (fn.s (fn.+ zero p))))",
    );
    expect(step!.smt2).toContain("(assert (hint.term (fn.+ p zero)))");
    expect(step!.tptp).not.toContain("hint");
    const plain = obligationsOf(peanoGraph(), "T4", { hints: false })[3]!;
    expect(plain.smt2).not.toContain("hint.term");
    expect(plain.tptp).toBe(step!.tptp);
  });

  it("specialises a definition with set and function parameters to the theory's constants", () => {
    const g = predGraph();
    const [main] = obligationsOf(g, "T9");
    expect(main!.smt2).toContain("; axiom A18 (Pred (introduction)) [M:=N, f:=s]");
    expect(main!.smt2).toContain("(declare-fun |p.Pred[N,s]| (U) Bool)");
    expect(main!.smt2).toContain("(assert (not (|p.Pred[N,s]| b)))");
    // Each set constant of the theory gives an instance.
    const two = predGraph();
    two.theory.constants.push({ name: "M2", type: "set" });
    expect(obligationsOf(two, "T9")[0]!.smt2).toContain("; axiom A18 (Pred (introduction)) [M:=M2, f:=s]");
    // A statement variable where a set belongs has no first-order reading.
    const open = predGraph();
    const t = open.theorems.find((x) => x.id === "T9")!;
    t.statement = statement(["a", "b", "S"], ["in2[a,b,s]"], "Pred[S,s,b]");
    expect(theoremProblems(graphContext(open), t)).toMatchObject({
      error: expect.stringContaining("its argument S stands for a set but is not a theory constant"),
    });
  });
});

describe("dropping the carrier guards", () => {
  const x = variable("x");
  const inN = (t: Parameters<typeof pred>[1][number]) => pred("in.N", [t]);
  const closure = forall(["x"], implies(inN(x), inN(app("f", [x]))), [[app("f", [x])]]);
  const problem = (
    assumptions: Problem["assumptions"],
    goal = eq(constant("a"), app("f", [constant("a")])),
  ) => ({
    header: [],
    assumptions,
    goal: { comment: "goal", formula: goal },
  });
  const fact = (c: string) => ({ comment: `${c} in N`, formula: inN(constant(c)) });
  const guardedRule = {
    comment: "rule",
    formula: forall(["x"], implies(inN(x), eq(app("f", [x]), x)), [[app("f", [x])]]),
  };

  it("drops them when the problem is a relativisation to N", () => {
    const r = unrelativise(problem([{ comment: "closure", formula: closure }, fact("a"), guardedRule]));
    expect(r.why).toBeNull();
    expect(r.set).toBe("in.N");
    const formulas = r.problem.assumptions.map((a) => a.formula);
    expect(formulas).toEqual([null, null, forall(["x"], eq(app("f", [x]), x), [[app("f", [x])]])]);
  });

  it("keeps them when a constant is not known to be in N, a quantifier is unguarded, f is not closed, or two sets", () => {
    expect(unrelativise(problem([{ comment: "closure", formula: closure }, guardedRule])).why).toBe(
      "not known to be in in.N: a",
    );
    const unguarded = { comment: "rule", formula: forall(["x"], eq(app("f", [x]), x)) };
    expect(unrelativise(problem([{ comment: "closure", formula: closure }, fact("a"), unguarded])).why).toBe(
      "a quantifier not guarded by in.N",
    );
    expect(unrelativise(problem([fact("a"), guardedRule])).why).toBe("no closure of in.N under f/1");
    const other = { comment: "b in M", formula: pred("in.M", [constant("a")]) };
    expect(unrelativise(problem([{ comment: "closure", formula: closure }, fact("a"), other])).why).toBe(
      "more than one set",
    );
    // The negated goal is no source of membership: a known only from the goal stays open.
    expect(
      unrelativise(problem([{ comment: "closure", formula: closure }], and([inN(constant("a"))]))).why,
    ).toBe("not known to be in in.N: a");
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
    expect(byId.get("T1")).toMatchObject({
      verdict: "refuted",
      reason: "main: scripted found a counter-model",
    });
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
    expect(report).toMatchObject({ solver: "scripted 1", solverName: "scripted", encoding: "functional" });
    // T3 cites the refuted T1: confirmed, assuming T1's statement; T8 cites the confirmed T2.
    expect(byId.get("T3")).toMatchObject({ verdict: "confirmed", assumes: ["T1"] });
    expect(byId.get("T8")).toMatchObject({ verdict: "confirmed", assumes: [] });
    expect(report.functions).toEqual(["in2.s as fn.s", "in3.+ as fn.+"]);
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

  const unconfirmed = (r: Awaited<ReturnType<typeof crosscheckGraph>>) =>
    r.theorems.filter((t) => t.verdict !== "confirmed").map((t) => `${t.id}: ${t.reason}`);

  it("confirms every theorem under each encoding, with and without the guards", async () => {
    for (const options of [{}, { keepGuards: true }, { encoding: "relational" as const }]) {
      const report = await crosscheckGraph(shapesGraph(), z3, { timeoutMs: 10_000, ...options });
      expect(unconfirmed(report)).toEqual([]);
      expect(report.solver).toMatch(/^Z3 4\.15\./);
    }
  });

  it("confirms a theorem through a definition with a set parameter", async () => {
    const report = await crosscheckGraph(predGraph(), z3, { timeoutMs: 10_000, only: new Set(["T9"]) });
    expect(unconfirmed(report)).toEqual([]);
  });

  it("does not confirm a false statement, and shows z3's reason", async () => {
    const g = peanoGraph();
    const t: TheoremJson = g.theorems[0]!; // a + 0 = a, made a + 0 = 0
    t.statement = { ...t.statement, head: { pred: "in3", args: ["a", "zero", "zero", "+"] } };
    expect(judgeStatement(g, t.statement, 3).holds).toBe(false);
    for (const encoding of ["functional", "relational"] as const) {
      const report = await crosscheckGraph(g, z3, { timeoutMs: 1000, only: new Set([t.id]), encoding });
      expect(report.theorems[0]!.verdict).not.toBe("confirmed");
      expect(report.theorems[0]!.reason).toMatch(/^main: /);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { verifyGraph } from "../verify/verify.js";
import { peanoGraph, shapesGraph } from "./support/peano-graph.js";
import { at, stepOf, theoremOf } from "./support/proof-dsl.js";

interface Case {
  name: string;
  edit: (g: ProofGraph) => void;
  theorem: string;
  step: number | null;
  says: string[];
}

/** Each case breaks one thing in the valid graph; the first failure must point at it. */
function check(cases: Case[], graph: () => ProofGraph = peanoGraph): void {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const g = graph();
    c.edit(g);
    const report = verifyGraph(g);
    expect(report.ok).toBe(false);
    const first = report.failures[0]!;
    expect({ theorem: first.theorem, step: first.step }).toEqual({ theorem: c.theorem, step: c.step });
    for (const part of c.says) expect(first.reason).toContain(part);
  });
}

describe("premise steps", () => {
  check([
    {
      name: "wrong premise index",
      edit: (g) => {
        stepOf(g, "T2", 1).index = 1;
      },
      theorem: "T2",
      step: 1,
      says: ["in3[a,zero,b,+] is not the statement's premise at index 1", "expected in3[a,zero,c,+]"],
    },
    {
      name: "index out of range",
      edit: (g) => {
        stepOf(g, "T2", 1).index = 5;
      },
      theorem: "T2",
      step: 1,
      says: ["index 5 is not a premise of the statement (it has 2)"],
    },
    {
      name: "base premise with the induction variable kept",
      edit: (g) => {
        stepOf(g, "T4", 3).fact = at("in3[zero,a,c,+]");
      },
      theorem: "T4",
      step: 3,
      says: ["with a := zero", "expected in3[zero,zero,c,+]"],
    },
    {
      name: "main premise with the variable replaced by zero",
      edit: (g) => {
        stepOf(g, "T5", 4).fact = at("in2[zero,b,s]");
      },
      theorem: "T5",
      step: 4,
      says: ["expected in2[a,b,s]"],
    },
    {
      name: "premise step citing a step",
      edit: (g) => {
        stepOf(g, "T2", 2).premises = [1];
      },
      theorem: "T2",
      step: 2,
      says: ["cites no other steps"],
    },
  ]);
});

describe("axiom and rule steps", () => {
  check([
    {
      name: "axiom step citing a rule",
      edit: (g) => {
        stepOf(g, "T1", 2).ref = "A2";
      },
      theorem: "T1",
      step: 2,
      says: ["A2 is of kind rule, not fact"],
    },
    {
      name: "unknown axiom",
      edit: (g) => {
        stepOf(g, "T1", 2).ref = "A99";
      },
      theorem: "T1",
      step: 2,
      says: ["unknown axiom A99"],
    },
    {
      name: "axiom step with the wrong fact",
      edit: (g) => {
        stepOf(g, "T1", 2).fact = at("in[s,N]");
      },
      theorem: "T1",
      step: 2,
      says: ["in[s,N] is not the head of A1", "expected in[zero,N]"],
    },
    {
      name: "rule conclusion that is not the head under the binding",
      edit: (g) => {
        stepOf(g, "T4", 15).fact = at("in3[a,zero,a,+]");
      },
      theorem: "T4",
      step: 15,
      says: [
        "conclusion in3[a,zero,a,+] is not the head of A12 under the binding (expected in3[a,zero,c,+])",
      ],
    },
    {
      name: "binding with too few names",
      edit: (g) => {
        stepOf(g, "T1", 5).binding = ["a"];
      },
      theorem: "T1",
      step: 5,
      says: ["the binding has 1 name but A11 has 2 variables"],
    },
    {
      name: "rule step without a binding",
      edit: (g) => {
        delete stepOf(g, "T1", 5).binding;
      },
      theorem: "T1",
      step: 5,
      says: ["no binding for A11"],
    },
    {
      name: "a binding entry changed",
      edit: (g) => {
        stepOf(g, "T4", 10).binding = ["zero", "p", "a", "c", "c"];
      },
      theorem: "T4",
      step: 10,
      says: ["not the head of A13", "expected in2[c,c,s]"],
    },
    {
      name: "premises in the wrong order",
      edit: (g) => {
        stepOf(g, "T1", 5).premises = [3, 1];
      },
      theorem: "T1",
      step: 5,
      says: ["premise 1 (step 3: in3[a,zero,w,+]) is not premise 1 of A11", "expected in[a,N]"],
    },
    {
      name: "a premise missing",
      edit: (g) => {
        stepOf(g, "T4", 15).premises = [13, 2];
      },
      theorem: "T4",
      step: 15,
      says: ["A12 has 3 premises but the step cites 2"],
    },
    {
      name: "an extra premise",
      edit: (g) => {
        stepOf(g, "T2", 3).premises = [1, 2];
      },
      theorem: "T2",
      step: 3,
      says: ["A4 has 1 premise but the step cites 2"],
    },
    {
      name: "rule step citing an exists axiom",
      edit: (g) => {
        stepOf(g, "T1", 5).ref = "A8";
      },
      theorem: "T1",
      step: 5,
      says: ["A8 is of kind exists, not rule"],
    },
  ]);
});

describe("theorem steps and citations", () => {
  check([
    {
      name: "citing a later theorem",
      edit: (g) => {
        stepOf(g, "T3", 3).ref = "T4";
      },
      theorem: "T3",
      step: 3,
      says: ["cites T4, which comes later"],
    },
    {
      name: "citing itself",
      edit: (g) => {
        stepOf(g, "T3", 3).ref = "T3";
      },
      theorem: "T3",
      step: 3,
      says: ["T3 cites itself"],
    },
    {
      name: "citing an unknown theorem",
      edit: (g) => {
        stepOf(g, "T3", 3).ref = "T42";
      },
      theorem: "T3",
      step: 3,
      says: ["unknown theorem T42"],
    },
    {
      name: "conclusion not the cited theorem's head",
      edit: (g) => {
        stepOf(g, "T8", 3).binding = ["a", "b", "c"];
      },
      theorem: "T8",
      step: 3,
      says: ["not the head of T2", "expected =[b,c]"],
    },
    {
      name: "mirrorOf a later theorem",
      edit: (g) => {
        theoremOf(g, "T2").mirrorOf = "T8";
      },
      theorem: "T2",
      step: null,
      says: ["mirrorOf T8 does not name an earlier theorem"],
    },
    {
      name: "uses not what the steps cite",
      edit: (g) => {
        theoremOf(g, "T3").uses = [];
      },
      theorem: "T3",
      step: null,
      says: ["uses lists [] but the steps cite [T1]"],
    },
    {
      name: "axioms not sorted",
      edit: (g) => {
        theoremOf(g, "T2").axioms = ["A4", "A11"];
      },
      theorem: "T2",
      step: null,
      says: ["axioms lists [A4,A11] but the steps cite [A11,A4]"],
    },
  ]);

  it("a failed theorem makes its citers fail, and only them", () => {
    const g = peanoGraph();
    stepOf(g, "T1", 7).fact = at("in3[a,zero,w,+]");
    const report = verifyGraph(g);
    expect(report.failures.map((f) => f.theorem)).toEqual(["T1", "T3"]);
    expect(report.failures[1]).toEqual({ theorem: "T3", step: 3, reason: "cites failed theorem T1" });
  });

  it("duplicate theorem ids are reported", () => {
    const g = peanoGraph();
    theoremOf(g, "T8").id = "T2";
    const report = verifyGraph(g);
    expect(report.failures[0]).toEqual({ theorem: "T2", step: null, reason: "theorem id T2 is used twice" });
  });
});

describe("witness steps", () => {
  const rename = (g: ProofGraph, id: string, from: string, to: string) => {
    for (const s of theoremOf(g, id).steps) {
      s.fact.args = s.fact.args.map((x) => (x === from ? to : x));
      if (s.binding) s.binding = s.binding.map((x) => (x === from ? to : x));
      if (s.witness === from) s.witness = to;
    }
  };
  check([
    {
      name: "witness named like a name already in use",
      edit: (g) => rename(g, "T4", "w", "c"),
      theorem: "T4",
      step: 7,
      says: ["witness c is not fresh: step 1 mentions it"],
    },
    {
      name: "witness named like a theory constant",
      edit: (g) => rename(g, "T4", "w", "s"),
      theorem: "T4",
      step: 7,
      says: ["witness s is not fresh: step 4 mentions it"],
    },
    {
      name: "witness named like an unused theory constant",
      edit: (g) => rename(g, "T1", "w", "*"),
      theorem: "T1",
      step: 3,
      says: ["witness * is not fresh: it is a theory constant"],
    },
    {
      name: "witness field not the binding of the witness variable",
      edit: (g) => {
        stepOf(g, "T1", 3).witness = "v";
      },
      theorem: "T1",
      step: 3,
      says: ["witness v is not what the binding gives the witness variable of A8 (w)"],
    },
    {
      name: "fact not a body atom",
      edit: (g) => {
        stepOf(g, "T1", 4).fact = at("in[a,N]");
      },
      theorem: "T1",
      step: 4,
      says: ["in[a,N] is not a body atom of A8 under the binding"],
    },
    {
      name: "a non-witness variable bound to the witness",
      edit: (g) => {
        stepOf(g, "T1", 3).binding = ["w", "zero", "w"];
      },
      theorem: "T1",
      step: 3,
      says: ["the binding maps x of A8 to the witness w"],
    },
    {
      name: "the same witness name for another instantiation",
      edit: (g) => {
        const s = stepOf(g, "T1", 4);
        s.binding = ["a", "a", "w"];
        s.premises = [1, 1];
      },
      theorem: "T1",
      step: 4,
      says: ["witness w was already introduced at step 3 by another instantiation"],
    },
    {
      name: "premises not those of the exists axiom",
      edit: (g) => {
        stepOf(g, "T4", 7).premises = [5, 6];
      },
      theorem: "T4",
      step: 7,
      says: ["premise 1 (step 5: in[p,N]) is not premise 1 of A8", "expected in[zero,N]"],
    },
  ]);
});

describe("induction", () => {
  check([
    {
      name: "succ step with the wrong fact",
      edit: (g) => {
        stepOf(g, "T4", 4).fact = at("in2[a,p,s]");
      },
      theorem: "T4",
      step: 4,
      says: ["in2[a,p,s] is not the successor assumption in2[p,a,s]"],
    },
    {
      name: "succ step outside the step section",
      edit: (g) => {
        stepOf(g, "T4", 4).section = "base";
      },
      theorem: "T4",
      step: 4,
      says: ["succ steps belong to the step section"],
    },
    {
      name: "hypothesis step outside the step section",
      edit: (g) => {
        stepOf(g, "T4", 8).section = "main";
      },
      theorem: "T4",
      step: 8,
      says: ["hypothesis steps belong to the step section"],
    },
    {
      name: "hypothesis step with another ref",
      edit: (g) => {
        stepOf(g, "T4", 8).ref = "T1";
      },
      theorem: "T4",
      step: 8,
      says: ['ref "hypothesis"'],
    },
    {
      name: "hypothesis applied with a wrong binding",
      edit: (g) => {
        stepOf(g, "T4", 8).binding = ["c"];
      },
      theorem: "T4",
      step: 8,
      says: ["not the head of the induction hypothesis", "expected in3[p,zero,c,+]"],
    },
    {
      name: "strengthened hypothesis (a premise dropped)",
      edit: (g) => {
        theoremOf(g, "T4").induction!.hypothesis.premises = [];
      },
      theorem: "T4",
      step: null,
      says: ["the induction hypothesis ∀c: in3[p,zero,c,+] is not the one the statement gives"],
    },
    {
      name: "hypothesis with a variable silently fixed",
      edit: (g) => {
        theoremOf(g, "T4").induction!.hypothesis.vars = [];
      },
      theorem: "T4",
      step: null,
      says: ["is not the one the statement gives: ∀c: in3[zero,p,c,+] → in3[p,zero,c,+]"],
    },
    {
      name: "induction on a name that is not a variable",
      edit: (g) => {
        theoremOf(g, "T4").induction!.var = "x";
      },
      theorem: "T4",
      step: null,
      says: ["induction variable x is not a statement variable"],
    },
    {
      name: "the induction variable fixed",
      edit: (g) => {
        theoremOf(g, "T5").induction!.fixed = ["b", "a"];
      },
      theorem: "T5",
      step: null,
      says: ["the induction variable a cannot be fixed"],
    },
    {
      name: "a predecessor that is a constant",
      edit: (g) => {
        theoremOf(g, "T4").induction!.predecessor = "zero";
      },
      theorem: "T4",
      step: null,
      says: ["predecessor zero is not fresh"],
    },
    {
      name: "base goal that is not the head at zero",
      edit: (g) => {
        theoremOf(g, "T5").goals.base = 2;
      },
      theorem: "T5",
      step: 2,
      says: ["base goal step 2 proves in2[zero,b,s], not in[b,N]"],
    },
    {
      name: "carrier step that does not prove membership",
      edit: (g) => {
        theoremOf(g, "T4").induction!.carrierStep = 1;
      },
      theorem: "T4",
      step: 1,
      says: ["carrier goal step 1 proves in3[zero,a,c,+], not in[a,N]"],
    },
    {
      name: "induction method without its induction",
      edit: (g) => {
        delete theoremOf(g, "T5").induction;
      },
      theorem: "T5",
      step: null,
      says: ["an induction proof needs its induction"],
    },
    {
      name: "a base step citing a main step",
      edit: (g) => {
        stepOf(g, "T5", 3).premises = [1];
      },
      theorem: "T5",
      step: 3,
      says: ["a base step cannot cite step 1 of the main section"],
    },
    {
      name: "base section in a direct proof",
      edit: (g) => {
        stepOf(g, "T2", 3).section = "base";
      },
      theorem: "T2",
      step: 3,
      says: ["a direct proof has only main steps, not base"],
    },
  ]);

  it("an anchor without a zero role cannot do induction", () => {
    const g = peanoGraph();
    delete g.theory.constants.find((c) => c.name === "zero")!.role;
    const first = verifyGraph(g).failures[0]!;
    expect(first).toEqual({
      theorem: "T4",
      step: null,
      reason: "the anchor declares no zero constant, so no induction",
    });
  });
});

describe("equality steps", () => {
  check([
    {
      name: "eq-symm that does not reverse",
      edit: (g) => {
        stepOf(g, "T1", 6).fact = at("=[a,w]");
      },
      theorem: "T1",
      step: 6,
      says: ["=[a,w] is not =[a,w] reversed (expected =[w,a])"],
    },
    {
      name: "eq-symm from a non-equality",
      edit: (g) => {
        stepOf(g, "T1", 6).premises = [3];
      },
      theorem: "T1",
      step: 6,
      says: ["premise in3[a,zero,w,+] is not an equality"],
    },
    {
      name: "eq-trans whose premises do not chain",
      edit: (g) => {
        stepOf(g, "T2", 7).premises = [4, 5];
      },
      theorem: "T2",
      step: 7,
      says: ["premises =[a,b] and =[a,c] do not chain"],
    },
    {
      name: "eq-trans with the wrong conclusion",
      edit: (g) => {
        stepOf(g, "T2", 7).fact = at("=[c,b]");
      },
      theorem: "T2",
      step: 7,
      says: ["expected =[b,c]"],
    },
    {
      name: "eq-subst replacing without an equality",
      edit: (g) => {
        stepOf(g, "T4", 12).fact = at("in2[p,a,s]");
      },
      theorem: "T4",
      step: 12,
      says: ["argument 2 of in2[p,a,s]: a replaces c of in2[w,c,s], but no premise is =[c,a]"],
    },
    {
      name: "eq-subst in the wrong direction",
      edit: (g) => {
        stepOf(g, "T4", 12).premises = [10, 9];
      },
      theorem: "T4",
      step: 12,
      says: ["p replaces w of in2[w,c,s], but no premise is =[w,p]"],
    },
    {
      name: "eq-subst with a non-equality as rewriting premise",
      edit: (g) => {
        stepOf(g, "T4", 12).premises = [10, 4];
      },
      theorem: "T4",
      step: 12,
      says: ["premise in2[p,a,s] is not an equality"],
    },
    {
      name: "eq-subst changing the predicate",
      edit: (g) => {
        stepOf(g, "T1", 7).fact = at("in2[a,zero,a]");
      },
      theorem: "T1",
      step: 7,
      says: ["is not in3[a,zero,w,+] with arguments replaced"],
    },
  ]);
});

describe("proofs by contradiction", () => {
  check([
    {
      name: "assume step in a direct proof",
      edit: (g) => {
        stepOf(g, "T1", 2).kind = "assume";
      },
      theorem: "T1",
      step: 2,
      says: ["assume steps belong to proofs by contradiction"],
    },
    {
      name: "assume of something other than the head",
      edit: (g) => {
        stepOf(g, "T6", 2).fact = at("=[zero,a]");
      },
      theorem: "T6",
      step: 2,
      says: ["=[zero,a] is not the head !=[a,zero] without its negation (expected =[a,zero])"],
    },
    {
      name: "premises that are not an atom and its negation",
      edit: (g) => {
        stepOf(g, "T6", 4).premises = [1, 3];
      },
      theorem: "T6",
      step: 4,
      says: ["premises in2[zero,a,s] and !=[a,zero] are not an atom and its negation"],
    },
    {
      name: "a single premise that is not !=[x,x]",
      edit: (g) => {
        stepOf(g, "T7", 7).premises = [5];
      },
      theorem: "T7",
      step: 7,
      says: ["a single premise closes only as !=[x,x], not !=[a,b]"],
    },
    {
      name: "contradiction concluding something else",
      edit: (g) => {
        stepOf(g, "T6", 4).fact = at("!=[zero,a]");
      },
      theorem: "T6",
      step: 4,
      says: ["!=[zero,a] is not the head !=[a,zero]"],
    },
    {
      name: "goal of a contradiction proof that is not a contradiction step",
      edit: (g) => {
        theoremOf(g, "T6").goals.main = 3;
      },
      theorem: "T6",
      step: 3,
      says: ["is a contradiction step"],
    },
    {
      name: "contradiction method with a positive head",
      edit: (g) => {
        const t = theoremOf(g, "T6");
        t.statement.head = at("=[a,zero]");
      },
      theorem: "T6",
      step: null,
      says: ["a proof by contradiction proves a negated head"],
    },
  ]);
});

describe("induction with a negated head, and ex falso", () => {
  check(
    [
      {
        name: "base assumption with the induction variable kept",
        edit: (g) => {
          stepOf(g, "T9", 4).fact = at("=[b,a]");
        },
        theorem: "T9",
        step: 4,
        says: ["=[b,a] is not the base goal !=[b,zero] without its negation (expected =[b,zero])"],
      },
      {
        name: "step assumption that is not the head's atom",
        edit: (g) => {
          stepOf(g, "T9", 7).fact = at("=[a,b]");
        },
        theorem: "T9",
        step: 7,
        says: ["=[a,b] is not the step goal !=[b,a] without its negation (expected =[b,a])"],
      },
      {
        name: "assumption in the main section of an induction",
        edit: (g) => {
          stepOf(g, "T9", 7).section = "main";
        },
        theorem: "T9",
        step: 7,
        says: [
          "assume steps belong to proofs by contradiction and to the base and step of an induction with a negated head",
        ],
      },
      {
        name: "assumption in an induction whose head is positive",
        edit: (g) => {
          stepOf(g, "T10", 7).kind = "assume";
        },
        theorem: "T10",
        step: 7,
        says: ["assume steps belong to proofs by contradiction"],
      },
      {
        name: "base contradiction concluding the head instead of the base goal",
        edit: (g) => {
          stepOf(g, "T9", 6).fact = at("!=[b,a]");
        },
        theorem: "T9",
        step: 6,
        says: ["!=[b,a] is not the base goal !=[b,zero]"],
      },
      {
        name: "a section that assumes but closes without a contradiction",
        edit: (g) => {
          theoremOf(g, "T9").goals.base = 5;
        },
        theorem: "T9",
        step: 5,
        says: ["the base goal of a base section that assumes is a contradiction step"],
      },
      {
        name: "ex falso from a fact that contradicts nothing",
        edit: (g) => {
          stepOf(g, "T10", 12).premises = [10];
        },
        theorem: "T10",
        step: 12,
        says: ["a single premise closes only as !=[x,x], not in2[w,zero,s]"],
      },
      {
        name: "ex falso concluding something other than the step goal",
        edit: (g) => {
          stepOf(g, "T10", 12).fact = at("=[b,zero]");
        },
        theorem: "T10",
        step: 12,
        says: ["=[b,zero] is not the step goal =[a,zero]"],
      },
      {
        name: "contradiction step in the main section of an induction",
        edit: (g) => {
          const s = stepOf(g, "T10", 3);
          s.kind = "contradiction";
          s.fact = at("=[a,zero]");
          delete s.ref;
          delete s.binding;
        },
        theorem: "T10",
        step: 3,
        says: ["the main section of an induction has none"],
      },
      {
        name: "a hypothesis that claims the head at the successor",
        edit: (g) => {
          stepOf(g, "T9", 11).fact = at("!=[a,b]");
        },
        theorem: "T9",
        step: 11,
        says: ["hypothesis"],
      },
    ],
    shapesGraph,
  );
});

describe("step numbering, references and goals", () => {
  check([
    {
      name: "premise that does not exist",
      edit: (g) => {
        stepOf(g, "T1", 6).premises = [99];
      },
      theorem: "T1",
      step: 6,
      says: ["premise 99 is not a step of T1"],
    },
    {
      name: "premise that comes later",
      edit: (g) => {
        stepOf(g, "T1", 6).premises = [7];
      },
      theorem: "T1",
      step: 6,
      says: ["premise 7 does not come before step 6"],
    },
    {
      name: "step numbers that do not increase",
      edit: (g) => {
        stepOf(g, "T2", 4).n = 3;
      },
      theorem: "T2",
      step: 3,
      says: ["step numbers must increase (step 3 follows step 3)"],
    },
    {
      name: "a goal step that does not exist",
      edit: (g) => {
        theoremOf(g, "T2").goals.main = 70;
      },
      theorem: "T2",
      step: null,
      says: ["main goal step 70 does not exist"],
    },
    {
      name: "a base goal in a direct proof",
      edit: (g) => {
        theoremOf(g, "T2").goals.base = 1;
      },
      theorem: "T2",
      step: null,
      says: ["a direct proof has only a main goal"],
    },
    {
      name: "fact with an unknown predicate",
      edit: (g) => {
        stepOf(g, "T2", 3).fact = at("le[a,N]");
      },
      theorem: "T2",
      step: 3,
      says: ["le[a,N] uses the unknown predicate le"],
    },
  ]);
});

describe("statements", () => {
  check([
    {
      name: "unknown predicate",
      edit: (g) => {
        theoremOf(g, "T2").statement.head = at("lt[b,c]");
      },
      theorem: "T2",
      step: null,
      says: ["the statement is ill-formed", "unknown predicate lt"],
    },
    {
      name: "wrong arity",
      edit: (g) => {
        theoremOf(g, "T2").statement.premises[0] = at("in3[a,zero,b]");
      },
      theorem: "T2",
      step: null,
      says: ["in3[a,zero,b] gives in3 3 arguments, not 4"],
    },
    {
      name: "a name that is neither variable nor constant",
      edit: (g) => {
        theoremOf(g, "T2").statement.head = at("=[b,d]");
      },
      theorem: "T2",
      step: null,
      says: ["uses d, which is neither a variable nor a constant"],
    },
    {
      name: "a variable named like a constant",
      edit: (g) => {
        theoremOf(g, "T2").statement.vars.push("zero");
      },
      theorem: "T2",
      step: null,
      says: ["variable zero has the name of a theory constant"],
    },
    {
      name: "a different head than the proof proves",
      edit: (g) => {
        theoremOf(g, "T2").statement.head = at("=[c,b]");
      },
      theorem: "T2",
      step: 7,
      says: ["main goal step 7 proves =[b,c], not =[c,b]"],
    },
  ]);
});

describe("the anchor", () => {
  it("reports ill-formed axioms and duplicate ids", () => {
    const g = peanoGraph();
    g.axioms[1]!.premises = [at("in2[x,y]")];
    g.axioms[2]!.id = "A1";
    g.axioms[7]!.premises.push(at("in[z,N]"));
    const reasons = verifyGraph(g)
      .failures.filter((f) => f.theorem === "(graph)")
      .map((f) => f.reason);
    expect(reasons).toEqual([
      "axiom A2 is ill-formed: in2[x,y] gives in2 2 arguments, not 3",
      "axiom id A1 is used twice",
      "axiom A8 is ill-formed: a premise mentions a witness",
    ]);
  });

  it("reports a built-in predicate with the wrong arity and two constants with one role", () => {
    const g = peanoGraph();
    g.predicates[3]!.arity = 3;
    g.theory.constants[4]!.role = "zero";
    const reasons = verifyGraph(g).failures.map((f) => f.reason);
    expect(reasons.slice(0, 2)).toEqual([
      "built-in predicate = must have arity 2, not 3",
      "two constants have the role zero",
    ]);
  });
});

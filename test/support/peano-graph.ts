/**
 * A small Peano-like anchor and a hand-written, valid proof graph over it. The theorems cover
 * every step kind and method: direct proofs with a rule, a witness and equality steps, the
 * lemma `0+a=c → a+0=c` by induction as in the design's worked example, an induction with a
 * fixed variable, theorems citing earlier theorems, a mirror, and two proofs by contradiction;
 * `shapeTheorems` adds an induction with a negated head (each case by contradiction) and a case
 * split whose successor case closes ex falso (proof-graph version 2; `shapesGraph` has all ten).
 *
 * Notation in the comments: `a+b=c` is in3[a,b,c,+], `s(a)=b` is in2[a,b,s].
 */
import type { EntityJson, ProofGraph, TheoremJson } from "../../export/schema.js";
import { exists, fact, rule, statement, step, theorem } from "./proof-dsl.js";

export const peanoAxioms: EntityJson[] = [
  fact("A1", "in[zero,N]"),
  rule("A2", ["x", "y"], ["in2[x,y,s]"], "in[x,N]"),
  rule("A3", ["x", "y"], ["in2[x,y,s]"], "in[y,N]"),
  rule("A4", ["x", "y", "z"], ["in3[x,y,z,+]"], "in[x,N]"),
  rule("A5", ["x", "y", "z"], ["in3[x,y,z,+]"], "in[y,N]"),
  rule("A6", ["x", "y", "z"], ["in3[x,y,z,+]"], "in[z,N]"),
  exists("A7", ["x", "y"], ["in[x,N]"], ["y"], ["in[y,N]", "in2[x,y,s]"]),
  exists("A8", ["x", "y", "z"], ["in[x,N]", "in[y,N]"], ["z"], ["in[z,N]", "in3[x,y,z,+]"]),
  rule("A9", ["x", "y1", "y2"], ["in2[x,y1,s]", "in2[x,y2,s]"], "=[y1,y2]"),
  rule("A10", ["x", "y", "z1", "z2"], ["in3[x,y,z1,+]", "in3[x,y,z2,+]"], "=[z1,z2]"),
  // add-zero, both directions: a+0=b ↔ a=b
  rule("A11", ["a", "b"], ["in[a,N]", "in3[a,zero,b,+]"], "=[a,b]"),
  rule("A12", ["a", "b"], ["=[a,b]", "in[a,N]", "in[b,N]"], "in3[a,zero,b,+]"),
  // add-succ, both directions: a+s(b) = s(a+b)
  rule(
    "A13",
    ["a", "b", "c", "d", "e"],
    ["in[b,N]", "in2[b,c,s]", "in3[a,b,d,+]", "in3[a,c,e,+]"],
    "in2[d,e,s]",
  ),
  rule(
    "A14",
    ["a", "b", "c", "d", "e"],
    ["in[b,N]", "in2[b,c,s]", "in3[a,b,d,+]", "in2[d,e,s]"],
    "in3[a,c,e,+]",
  ),
  // s(n) ≠ 0
  rule("A15", ["x", "y"], ["in2[x,y,s]"], "!=[y,zero]"),
  rule("A16", ["x", "y", "z"], ["in3[x,y,z,*]"], "in[x,N]"),
  // s is injective
  rule("A17", ["x", "y", "z"], ["in2[x,z,s]", "in2[y,z,s]"], "=[x,y]"),
];

/** a+0=a: a witness from totality, add-zero, and two equality steps. */
const addZero = theorem({
  id: "T1",
  statement: statement(["a"], ["in[a,N]"], "in3[a,zero,a,+]"),
  goals: { main: 7 },
  axioms: ["A1", "A11", "A8"],
  steps: [
    step(1, "main", "premise", "in[a,N]", [], { index: 0 }),
    step(2, "main", "axiom", "in[zero,N]", [], { ref: "A1" }),
    step(3, "main", "witness", "in3[a,zero,w,+]", [1, 2], {
      ref: "A8",
      binding: ["a", "zero", "w"],
      witness: "w",
    }),
    step(4, "main", "witness", "in[w,N]", [1, 2], { ref: "A8", binding: ["a", "zero", "w"], witness: "w" }),
    step(5, "main", "rule", "=[a,w]", [1, 3], { ref: "A11", binding: ["a", "w"] }),
    step(6, "main", "eq-symm", "=[w,a]", [5]),
    step(7, "main", "eq-subst", "in3[a,zero,a,+]", [3, 6]),
  ],
});

/** a+0=b ∧ a+0=c → b=c: transitivity. */
const sameSum = theorem({
  id: "T2",
  statement: statement(["a", "b", "c"], ["in3[a,zero,b,+]", "in3[a,zero,c,+]"], "=[b,c]"),
  goals: { main: 7 },
  axioms: ["A11", "A4"],
  steps: [
    step(1, "main", "premise", "in3[a,zero,b,+]", [], { index: 0 }),
    step(2, "main", "premise", "in3[a,zero,c,+]", [], { index: 1 }),
    step(3, "main", "rule", "in[a,N]", [1], { ref: "A4", binding: ["a", "zero", "b"] }),
    step(4, "main", "rule", "=[a,b]", [3, 1], { ref: "A11", binding: ["a", "b"] }),
    step(5, "main", "rule", "=[a,c]", [3, 2], { ref: "A11", binding: ["a", "c"] }),
    step(6, "main", "eq-symm", "=[b,a]", [4]),
    step(7, "main", "eq-trans", "=[b,c]", [6, 5]),
  ],
});

/** s(0)=a → a+0=a: cites T1. */
const succZero = theorem({
  id: "T3",
  statement: statement(["a"], ["in2[zero,a,s]"], "in3[a,zero,a,+]"),
  goals: { main: 3 },
  uses: ["T1"],
  axioms: ["A3"],
  steps: [
    step(1, "main", "premise", "in2[zero,a,s]", [], { index: 0 }),
    step(2, "main", "rule", "in[a,N]", [1], { ref: "A3", binding: ["zero", "a"] }),
    step(3, "main", "theorem", "in3[a,zero,a,+]", [2], { ref: "T1", binding: ["a"] }),
  ],
});

/** Lemma L1 of the worked example: 0+a=c → a+0=c, by induction on a. */
const lemmaL1 = theorem({
  id: "T4",
  statement: statement(["a", "c"], ["in3[zero,a,c,+]"], "in3[a,zero,c,+]"),
  method: "induction",
  induction: {
    var: "a",
    predecessor: "p",
    fixed: [],
    hypothesis: statement(["c"], ["in3[zero,p,c,+]"], "in3[p,zero,c,+]"),
    carrierStep: 2,
  },
  goals: { base: 3, step: 15 },
  axioms: ["A1", "A11", "A12", "A13", "A2", "A5", "A6", "A8", "A9"],
  steps: [
    step(1, "main", "premise", "in3[zero,a,c,+]", [], { index: 0 }),
    step(2, "main", "rule", "in[a,N]", [1], { ref: "A5", binding: ["zero", "a", "c"] }),
    // base: a := 0, and the goal 0+0=c is the premise itself
    step(3, "base", "premise", "in3[zero,zero,c,+]", [], { index: 0 }),
    // step: s(p)=a
    step(4, "step", "succ", "in2[p,a,s]"),
    step(5, "step", "rule", "in[p,N]", [4], { ref: "A2", binding: ["p", "a"] }),
    step(6, "step", "axiom", "in[zero,N]", [], { ref: "A1" }),
    step(7, "step", "witness", "in3[zero,p,w,+]", [6, 5], {
      ref: "A8",
      binding: ["zero", "p", "w"],
      witness: "w",
    }),
    step(8, "step", "hypothesis", "in3[p,zero,w,+]", [7], { ref: "hypothesis", binding: ["w"] }),
    step(9, "step", "rule", "=[p,w]", [5, 8], { ref: "A11", binding: ["p", "w"] }),
    step(10, "step", "rule", "in2[w,c,s]", [5, 4, 7, 1], {
      ref: "A13",
      binding: ["zero", "p", "a", "w", "c"],
    }),
    step(11, "step", "eq-symm", "=[w,p]", [9]),
    step(12, "step", "eq-subst", "in2[p,c,s]", [10, 11]),
    step(13, "step", "rule", "=[a,c]", [4, 12], { ref: "A9", binding: ["p", "a", "c"] }),
    step(14, "step", "rule", "in[c,N]", [1], { ref: "A6", binding: ["zero", "a", "c"] }),
    step(15, "step", "rule", "in3[a,zero,c,+]", [13, 2, 14], { ref: "A12", binding: ["a", "c"] }),
  ],
});

/** a∈N ∧ s(a)=b → b∈N, by induction on a with b fixed (the hypothesis is not needed). */
const fixedInduction = theorem({
  id: "T5",
  statement: statement(["a", "b"], ["in[a,N]", "in2[a,b,s]"], "in[b,N]"),
  method: "induction",
  induction: {
    var: "a",
    predecessor: "q",
    fixed: ["b"],
    hypothesis: statement([], ["in[q,N]", "in2[q,b,s]"], "in[b,N]"),
    carrierStep: 1,
  },
  goals: { base: 3, step: 5 },
  axioms: ["A3"],
  steps: [
    step(1, "main", "premise", "in[a,N]", [], { index: 0 }),
    step(2, "base", "premise", "in2[zero,b,s]", [], { index: 1 }),
    step(3, "base", "rule", "in[b,N]", [2], { ref: "A3", binding: ["zero", "b"] }),
    step(4, "step", "premise", "in2[a,b,s]", [], { index: 1 }),
    step(5, "step", "rule", "in[b,N]", [4], { ref: "A3", binding: ["a", "b"] }),
  ],
});

/** s(0)=a → ¬(a=0), by contradiction with s(n) ≠ 0. */
const succNotZero = theorem({
  id: "T6",
  statement: statement(["a"], ["in2[zero,a,s]"], "!=[a,zero]"),
  method: "contradiction",
  goals: { main: 4 },
  axioms: ["A15"],
  steps: [
    step(1, "main", "premise", "in2[zero,a,s]", [], { index: 0 }),
    step(2, "main", "assume", "=[a,zero]"),
    step(3, "main", "rule", "!=[a,zero]", [1], { ref: "A15", binding: ["zero", "a"] }),
    step(4, "main", "contradiction", "!=[a,zero]", [2, 3]),
  ],
});

/** s(0)=a ∧ 0=b → ¬(a=b), by contradiction closed by ¬(b=b). */
const succNotEqual = theorem({
  id: "T7",
  statement: statement(["a", "b"], ["in2[zero,a,s]", "=[zero,b]"], "!=[a,b]"),
  method: "contradiction",
  goals: { main: 7 },
  axioms: ["A15"],
  steps: [
    step(1, "main", "premise", "in2[zero,a,s]", [], { index: 0 }),
    step(2, "main", "premise", "=[zero,b]", [], { index: 1 }),
    step(3, "main", "assume", "=[a,b]"),
    step(4, "main", "rule", "!=[a,zero]", [1], { ref: "A15", binding: ["zero", "a"] }),
    step(5, "main", "eq-subst", "!=[a,b]", [4, 2]),
    step(6, "main", "eq-subst", "!=[b,b]", [5, 3]),
    step(7, "main", "contradiction", "!=[a,b]", [6]),
  ],
});

/** The mirror of T2 (c=b), from T2 with its variables b and c swapped. */
const sameSumMirror = theorem({
  id: "T8",
  statement: statement(["a", "b", "c"], ["in3[a,zero,b,+]", "in3[a,zero,c,+]"], "=[c,b]"),
  mirrorOf: "T2",
  goals: { main: 3 },
  uses: ["T2"],
  axioms: [],
  steps: [
    step(1, "main", "premise", "in3[a,zero,b,+]", [], { index: 0 }),
    step(2, "main", "premise", "in3[a,zero,c,+]", [], { index: 1 }),
    step(3, "main", "theorem", "=[c,b]", [2, 1], { ref: "T2", binding: ["a", "c", "b"] }),
  ],
});

/** s(a)=b → ¬(b=a), by induction on a; base and step each assume b = … and find a contradiction. */
const succNotSelf = theorem({
  id: "T9",
  statement: statement(["a", "b"], ["in2[a,b,s]"], "!=[b,a]"),
  method: "induction",
  induction: {
    var: "a",
    predecessor: "p",
    fixed: [],
    hypothesis: statement(["b"], ["in2[p,b,s]"], "!=[b,p]"),
    carrierStep: 2,
  },
  goals: { base: 6, step: 12 },
  axioms: ["A15", "A17", "A2"],
  steps: [
    step(1, "main", "premise", "in2[a,b,s]", [], { index: 0 }),
    step(2, "main", "rule", "in[a,N]", [1], { ref: "A2", binding: ["a", "b"] }),
    // base: s(0)=b, assume b=0: s(0) ≠ 0
    step(3, "base", "premise", "in2[zero,b,s]", [], { index: 0 }),
    step(4, "base", "assume", "=[b,zero]"),
    step(5, "base", "rule", "!=[b,zero]", [3], { ref: "A15", binding: ["zero", "b"] }),
    step(6, "base", "contradiction", "!=[b,zero]", [4, 5]),
    // step: a = s(p), assume b=a: s(a)=a and s(p)=a give a=p, against the hypothesis s(p) ≠ p
    step(7, "step", "assume", "=[b,a]"),
    step(8, "step", "eq-subst", "in2[a,a,s]", [1, 7]),
    step(9, "step", "succ", "in2[p,a,s]"),
    step(10, "step", "rule", "=[a,p]", [8, 9], { ref: "A17", binding: ["a", "p", "a"] }),
    step(11, "step", "hypothesis", "!=[a,p]", [9], { ref: "hypothesis", binding: ["a"] }),
    step(12, "step", "contradiction", "!=[b,a]", [10, 11]),
  ],
});

/** a+b=0 → a=0, by a case split on b: a+0=0 gives a=0; a+s(p)=0 would make 0 a successor. */
const addZeroCases = theorem({
  id: "T10",
  statement: statement(["a", "b"], ["in3[a,b,zero,+]"], "=[a,zero]"),
  method: "induction",
  induction: {
    var: "b",
    predecessor: "p",
    fixed: [],
    hypothesis: statement(["a"], ["in3[a,p,zero,+]"], "=[a,zero]"),
    carrierStep: 2,
  },
  goals: { base: 6, step: 12 },
  axioms: ["A11", "A13", "A15", "A2", "A4", "A5", "A8"],
  steps: [
    step(1, "main", "premise", "in3[a,b,zero,+]", [], { index: 0 }),
    step(2, "main", "rule", "in[b,N]", [1], { ref: "A5", binding: ["a", "b", "zero"] }),
    step(3, "main", "rule", "in[a,N]", [1], { ref: "A4", binding: ["a", "b", "zero"] }),
    step(4, "base", "premise", "in3[a,zero,zero,+]", [], { index: 0 }),
    step(5, "base", "rule", "in[a,N]", [4], { ref: "A4", binding: ["a", "zero", "zero"] }),
    step(6, "base", "rule", "=[a,zero]", [5, 4], { ref: "A11", binding: ["a", "zero"] }),
    step(7, "step", "succ", "in2[p,b,s]"),
    step(8, "step", "rule", "in[p,N]", [7], { ref: "A2", binding: ["p", "b"] }),
    step(9, "step", "witness", "in3[a,p,w,+]", [3, 8], { ref: "A8", binding: ["a", "p", "w"], witness: "w" }),
    step(10, "step", "rule", "in2[w,zero,s]", [8, 7, 9, 1], {
      ref: "A13",
      binding: ["a", "p", "b", "w", "zero"],
    }),
    step(11, "step", "rule", "!=[zero,zero]", [10], { ref: "A15", binding: ["w", "zero"] }),
    step(12, "step", "contradiction", "=[a,zero]", [11]),
  ],
});

export function peanoGraph(theorems: TheoremJson[] = peanoTheorems()): ProofGraph {
  return {
    schema: "gl-proof-graph",
    version: 2,
    theory: {
      anchor: "Peano",
      constants: [
        { name: "N", type: "set", role: "carrier" },
        { name: "zero", type: "element", role: "zero" },
        { name: "s", type: "function", role: "successor" },
        { name: "+", type: "operation" },
        { name: "*", type: "operation" },
      ],
      sources: [{ path: "peano.mpl", text: "(hand-written test anchor)" }],
    },
    predicates: [
      { name: "in", arity: 2, operator: null },
      { name: "in2", arity: 3, operator: { inputs: [0], output: 1 } },
      { name: "in3", arity: 4, operator: { inputs: [0, 1], output: 2 } },
      { name: "=", arity: 2, operator: null },
    ],
    definitions: [],
    axioms: structuredClone(peanoAxioms),
    theorems,
    unproved: [],
    run: {
      stopReason: "all-proved",
      bursts: 3,
      blocks: 8,
      facts: 60,
      witnesses: 2,
      limits: { maxBursts: 10, maxWitnessDepth: 2, maxFactsPerBlock: 10000 },
      blocksAtFactLimit: 0,
    },
  };
}

export function peanoTheorems(): TheoremJson[] {
  return structuredClone([
    addZero,
    sameSum,
    succZero,
    lemmaL1,
    fixedInduction,
    succNotZero,
    succNotEqual,
    sameSumMirror,
  ]);
}

/** T9 and T10: the induction shapes of proof-graph version 2. */
export function shapeTheorems(): TheoremJson[] {
  return structuredClone([succNotSelf, addZeroCases]);
}

/** The hand graph with the version-2 shapes: T1–T8, then T9 and T10. */
export function shapesGraph(): ProofGraph {
  return peanoGraph([...peanoTheorems(), ...shapeTheorems()]);
}

/**
 * Property tests for the front end: random formulas survive print → parse, and random
 * corruptions of formulas and files end in either a result or positioned MPL diagnostics —
 * never an exception, never a hang. 10,000 inputs per run, plus well-formed random theories
 * whose compiled entities must be internally consistent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic, Formula, Name, PatternAtom, Span, Theory } from "../mpl/index.js";
import { compileSources, parseFormula, printFormula } from "../mpl/index.js";
import { stripSpans } from "./support/mpl-helpers.js";

const SPAN: Span = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };
const name = (text: string): Name => ({ text, span: SPAN });

const nameArb = fc.constantFrom("x", "y", "S", "f", "in", "in2", "in3", "=", "+", "*", "a_1", "7", "D");

const { formula: formulaArb } = fc.letrec<{ formula: Formula }>((tie) => ({
  formula: fc.oneof(
    { depthSize: "small", maxDepth: 6 },
    fc
      .tuple(nameArb, fc.array(nameArb, { maxLength: 4 }))
      .map(([p, args]): Formula => ({ kind: "atom", name: name(p), args: args.map(name), span: SPAN })),
    fc
      .tuple(tie("formula"), fc.boolean())
      .map(([body, parenthesised]): Formula => ({ kind: "not", body, parenthesised, span: SPAN })),
    fc
      .tuple(tie("formula"), tie("formula"))
      .map(([left, right]): Formula => ({ kind: "and", left, right, span: SPAN })),
    fc.tuple(fc.array(nameArb, { maxLength: 3 }), tie("formula"), tie("formula")).map(
      ([vars, premise, conclusion]): Formula => ({
        kind: "implies",
        vars: vars.map(name),
        premise,
        conclusion,
        span: SPAN,
      }),
    ),
  ),
}));

const ALPHABET = [
  ..."()[],!&>:=- \n\tabxyS09+*-{}é\u0000",
  "😀",
  "--",
  "definition ",
  "anchor ",
  "conjecture ",
];

type Edit = { readonly op: "delete" | "insert" | "replace"; readonly at: number; readonly text: string };

const editsArb = fc.array(
  fc.record({
    op: fc.constantFrom<Edit["op"]>("delete", "insert", "replace"),
    at: fc.nat(),
    text: fc.constantFrom(...ALPHABET),
  }),
  { minLength: 1, maxLength: 4 },
);

function mutate(text: string, edits: readonly Edit[]): string {
  let s = text;
  for (const e of edits) {
    const i = e.at % (s.length + 1);
    if (e.op === "insert") s = s.slice(0, i) + e.text + s.slice(i);
    else if (e.op === "delete") s = s.slice(0, i) + s.slice(i + 1);
    else s = s.slice(0, i) + e.text + s.slice(i + 1);
  }
  return s;
}

/** Every diagnostic names an MPL code and a position inside `text` (or just past a line's end). */
function expectPositioned(ds: readonly Diagnostic[], text: string): void {
  const lines = text.split("\n");
  for (const d of ds) {
    expect(d.code).toMatch(/^MPL\d{3}$/);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeLessThanOrEqual((lines[d.line - 1] ?? "").length + 1);
  }
}

describe("MPL front end, property-based", () => {
  it("print → parse gives the formula back (2,000 formulas)", () => {
    fc.assert(
      fc.property(formulaArb, (f) => {
        for (const text of [printFormula(f), printFormula(f, { pretty: true, width: 30 })]) {
          const r = parseFormula(text);
          expect(r.diagnostics).toEqual([]);
          expect(stripSpans(r.formula)).toEqual(stripSpans(f));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("corrupted formulas parse or fail with positioned diagnostics (4,000 inputs)", () => {
    fc.assert(
      fc.property(formulaArb, fc.boolean(), editsArb, (f, pretty, edits) => {
        const text = mutate(printFormula(f, { pretty, width: 30 }), edits);
        const r = parseFormula(text, "m.txt");
        if (r.formula === undefined) expect(r.diagnostics.length).toBeGreaterThan(0);
        else expect(r.diagnostics).toEqual([]);
        expectPositioned(r.diagnostics, text);
      }),
      { numRuns: 4000 },
    );
  });

  it("corrupted files compile or fail with positioned diagnostics (4,000 inputs)", () => {
    fc.assert(
      fc.property(formulaArb, formulaArb, editsArb, (body, claim, edits) => {
        const clean =
          "definition D[x: element, S: set, f: function, +: operation] :=\n" +
          `  ${printFormula(body, { pretty: true, indent: "  ", width: 40 })}\n` +
          `anchor D (carrier S, zero x, successor f)\nconjecture c := ${printFormula(claim)}\n`;
        const text = mutate(clean, edits);
        const r = compileSources([{ path: "m.mpl", text }]);
        if (r.theory === null) expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
        expectPositioned(r.diagnostics, text);
      }),
      { numRuns: 4000 },
    );
  });
});

/** A formula skeleton; names are filled in afterwards so that every variable is bound. */
type Shape =
  | { readonly k: "atom"; readonly p: number; readonly args: readonly number[] }
  | { readonly k: "not"; readonly body: Shape; readonly paren: boolean }
  | { readonly k: "and"; readonly l: Shape; readonly r: Shape }
  | { readonly k: "imp"; readonly n: number; readonly a: Shape; readonly c: Shape };

const { shape: shapeArb } = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: "small", maxDepth: 5 },
    fc.record({
      k: fc.constant("atom" as const),
      p: fc.nat(3),
      args: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    }),
    fc.record({ k: fc.constant("not" as const), body: tie("shape"), paren: fc.boolean() }),
    fc.record({ k: fc.constant("and" as const), l: tie("shape"), r: tie("shape") }),
    fc.record({ k: fc.constant("imp" as const), n: fc.nat(2), a: tie("shape"), c: tie("shape") }),
  ),
}));

/** Element variables only: x, or those bound by enclosing binders (fresh names, no shadowing). */
function build(s: Shape, scope: readonly string[], fresh: { n: number }): string {
  switch (s.k) {
    case "atom": {
      const v = (i: number) => scope[(s.args[i] ?? 0) % scope.length] ?? "x";
      return [
        `(in[${v(0)},S])`,
        `(in2[${v(0)},${v(1)},f])`,
        `(in3[${v(0)},${v(1)},${v(2)},+])`,
        `(=[${v(0)},${v(1)}])`,
      ][s.p] as string;
    }
    case "not":
      return s.paren ? `(!${build(s.body, scope, fresh)})` : `!${build(s.body, scope, fresh)}`;
    case "and":
      return `(&${build(s.l, scope, fresh)}${build(s.r, scope, fresh)})`;
    case "imp": {
      const vars = Array.from({ length: s.n }, () => `v${fresh.n++}`);
      const inner = [...scope, ...vars];
      return `(>[${vars.join(",")}]${build(s.a, inner, fresh)}${build(s.c, inner, fresh)})`;
    }
  }
}

function expectConsistent(t: Theory): void {
  const atomOk = (a: PatternAtom, nvars: number) => {
    expect(a.args.length).toBe(t.predicates[a.pred]?.arity);
    for (const term of a.args) {
      if (term >= 0) expect(term).toBeLessThan(nvars);
      else expect(-term - 1).toBeLessThan(t.constants.length);
    }
  };
  for (const e of t.anchor?.entities ?? []) {
    if (e.kind === "fact") atomOk(e.atom, 0);
    else {
      const n = e.varNames.length;
      expect(new Set(e.varNames).size).toBe(n);
      for (const a of e.premises) atomOk(a, n);
      if (e.kind === "rule") atomOk(e.head, n);
      else {
        for (const a of e.body) atomOk(a, n);
        expect(e.witnesses.every((w) => w < n)).toBe(true);
      }
    }
  }
  for (const c of t.conjectures) {
    for (const a of c.premises) atomOk(a, c.varNames.length);
    atomOk(c.head, c.varNames.length);
  }
}

describe("well-formed random theories", () => {
  it("compile to consistent entities, or fail only on shapes rules cannot express (1,000 theories)", () => {
    fc.assert(
      fc.property(shapeArb, shapeArb, (body, claim) => {
        const text =
          `definition D[x: element, S: set, f: function, +: operation] :=\n  ${build(body, ["x"], { n: 0 })}\n` +
          `anchor D (carrier S, zero x, successor f)\nconjecture c := ${build(claim, ["x"], { n: 0 })}\n`;
        const r = compileSources([{ path: "w.mpl", text }]);
        const errors = r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
        expect(errors.every((c) => c === "MPL115" || c === "MPL118" || c === "MPL119")).toBe(true);
        if (r.theory !== null) expectConsistent(r.theory);
        else expect(errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});

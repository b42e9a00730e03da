/**
 * Exact evaluation (engine/discovery/exact-filter.ts): the closed forms read off the axioms of
 * examples/peano-exp agree with arithmetic written here, far past the ground model's bound; a
 * sum (tri, whose step mentions its own input) gets none; the operands of a defining axiom
 * swapped change nothing; and of two candidates whose values pass the model's bound, the false
 * one is rejected with a counterexample arithmetic confirms, the true one kept.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyClosedForm, closedForms } from "../engine/discovery/closed-forms.js";
import { groundEvaluator } from "../engine/discovery/evaluate.js";
import { exactFilter } from "../engine/discovery/exact-filter.js";
import { compileSources, type Theory } from "../mpl/index.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { laterTheory } from "./support/sum-theories.js";

const EXP_FILES = ["functions.mpl", "peano.mpl", "exp.mpl"];

function peanoExp(edit: (text: string) => string = (t) => t, extra = ""): Theory {
  const dir = join(REPO_ROOT, "examples", "peano-exp");
  const files = EXP_FILES.map((f) => ({ path: join(dir, f), text: edit(readFileSync(join(dir, f), "utf8")) }));
  if (extra !== "") files.push({ path: join(dir, "extra.mpl"), text: extra });
  const r = compileSources(files);
  if (r.theory === null) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.theory;
}

const BRUTE: Record<string, (x: bigint, y: bigint) => bigint> = {
  "+": (x, y) => x + y,
  "*": (x, y) => x * y,
  "^": (x, y) => x ** y,
};

function formsOf(theory: Theory) {
  const roles = theory.anchor!.roles!;
  const guide = groundEvaluator(theory, 256);
  const arity = (op: number) => (theory.constants[op]?.type === "operation" ? 2 : 1);
  const forms = closedForms(guide.programs, arity, roles);
  return new Map([...forms].map(([op, f]) => [theory.constants[op]!.name, f]));
}

function expectArithmetic(theory: Theory) {
  const forms = formsOf(theory);
  expect([...forms.keys()].sort()).toEqual(["*", "+", "^"]);
  for (const [name, form] of forms)
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++) {
        const want = BRUTE[name]!(BigInt(a), BigInt(b));
        const got = applyClosedForm(form, [a, b]);
        // Values past a safe integer are unknown, never wrong.
        if (want > BigInt(Number.MAX_SAFE_INTEGER)) expect(got).toBeUndefined();
        else expect(got, `${a} ${name} ${b}`).toBe(Number(want));
      }
}

describe("closed forms", () => {
  it("of +, · and ^ in examples/peano-exp agree with arithmetic past the model's bound", () => {
    expectArithmetic(peanoExp());
  });

  it("are the same with the operands of the product in ^'s step swapped", () => {
    const swapped = (t: string) => t.replaceAll("in3[d,a,e,*]", "in3[a,d,e,*]");
    expect(readFileSync(join(REPO_ROOT, "examples", "peano-exp", "exp.mpl"), "utf8")).toContain("in3[d,a,e,*]");
    expectArithmetic(peanoExp(swapped));
  });

  it("are not given to a sum whose step mentions its own input (tri)", () => {
    const { theory } = laterTheory("gauss");
    const names = [...formsOf(theory).keys()];
    expect(theory.constants.some((c) => c.name === "tri")).toBe(true);
    expect(names).not.toContain("tri");
    expect(names).toContain("+");
  });
});

describe("exact evaluation of candidates past the model's bound", () => {
  const theory = peanoExp(
    (t) => t,
    [
      // (a^a)^(c·c) = (a^c)^(a^c): false (a = 2, c = 3: 4^9 against 8^8).
      "conjecture wrong :=",
      "  (>[a,b] (in3[a,a,b,^]) (>[c,d] (in3[c,c,d,*]) (>[e] (in3[b,d,e,^])",
      "    (>[f] (in3[a,c,f,^]) (>[g] (in3[f,f,g,^]) (=[e,g]))))))",
      // (a^b)^d = (a^d)^b: true.
      "conjecture right :=",
      "  (>[a,b,c] (in3[a,b,c,^]) (>[d,e] (in3[c,d,e,^]) (>[f] (in3[a,d,f,^]) (>[g] (in3[f,b,g,^]) (=[e,g])))))",
      "",
    ].join("\n"),
  );
  const wrong = theory.conjectures.find((c) => c.name === "wrong")!;
  const right = theory.conjectures.find((c) => c.name === "right")!;
  const r = exactFilter(theory, groundEvaluator(theory, 256), [wrong, right], new Set([wrong, right]), 5);

  it("rejects the false one with a counterexample arithmetic confirms", () => {
    expect(r.examined).toBe(2);
    expect(r.rejected.map((x) => x.conjecture.name)).toEqual(["wrong"]);
    const x = r.rejected[0]!;
    const a = BigInt(x.instance.a!);
    const c = BigInt(x.instance.c!);
    const lhs = (a ** a) ** (c * c);
    const rhs = (a ** c) ** (a ** c);
    expect(lhs).not.toBe(rhs);
    expect([BigInt(x.lhs), BigInt(x.rhs)].sort()).toEqual([lhs, rhs].sort());
    // Not within the model: some value passes its bound.
    expect(lhs > 256n || rhs > 256n).toBe(true);
  });

  it("keeps the true one", () => {
    expect(r.survivors.map((c) => c.name)).toEqual(["right"]);
  });
});

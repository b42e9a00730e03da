/**
 * The ground model covers every function the theory defines by recursion, found by the shape
 * of its axioms: the sums of the examples (tri, odd, evens) and exponentiation are evaluated,
 * posed and proved on the test range, each value checked against a brute-force evaluation
 * written here; renaming the functions changes nothing; and a function defined only through
 * imported theorems (an earlier batch's) is evaluated and proved with them as rules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { groundEvaluator } from "../engine/discovery/evaluate.js";
import { computeModel } from "../engine/discovery/model.js";
import { compileSources, type Theory } from "../mpl/index.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { laterTheory } from "./support/sum-theories.js";

const range = (n: number) => Array.from({ length: n + 1 }, (_, i) => i);
const sum = (n: number, term: (i: number) => number) =>
  range(n).reduce((s, i) => s + (i === 0 ? 0 : term(i)), 0);
const BRUTE: Record<string, (x: number, y?: number) => number> = {
  "+": (x, y) => x + y!,
  "*": (x, y) => x * y!,
  "^": (x, y) => x ** y!,
  tri: (n) => sum(n, (i) => i),
  odd: (n) => sum(n, (i) => 2 * i - 1),
  evens: (n) => sum(n, (i) => 2 * i),
};

function peanoExp(): Theory {
  const dir = join(REPO_ROOT, "examples", "peano-exp");
  const files = ["functions.mpl", "peano.mpl", "exp.mpl"].map((f) => ({
    path: join(dir, f),
    text: readFileSync(join(dir, f), "utf8"),
  }));
  const r = compileSources(files);
  if (r.theory === null) throw new Error("peano-exp does not compile");
  return { ...r.theory, conjectures: [] };
}

const theories: [string, Theory][] = [
  ["gauss", laterTheory("gauss").theory],
  ["odd-sum", laterTheory("odd-sum").theory],
  ["even-sum", laterTheory("even-sum").theory],
  ["peano-exp", peanoExp()],
];

describe("the ground model's functions", () => {
  it.each(theories)("%s: every defined function, proved on 0..4 and right", async (_, theory) => {
    const m = await computeModel(theory, { size: 4, maxValue: 300 });
    const names = m.functions.map((id) => theory.constants[id]!.name).sort();
    const defined = theory.constants
      .filter((k) => (k.type === "function" || k.type === "operation") && k.name !== "succ")
      .map((k) => k.name)
      .sort();
    expect(names).toEqual(defined);
    expect(m.unevaluated).toEqual([]);
    const proved = new Set(m.run.conjectures.filter((c) => c.proved).map((c) => c.name));
    let checked = 0;
    for (const id of m.functions) {
      const k = theory.constants[id]!;
      const brute = BRUTE[k.name]!;
      for (const x of range(4)) {
        for (const y of k.type === "operation" ? range(4) : [undefined]) {
          const inputs = y === undefined ? [x] : [x, y];
          const want = brute(x, y);
          if (want > 300) continue;
          expect(m.model.apply(id, inputs), `${k.name}(${inputs})`).toBe(want);
          expect(proved).toContain(m.model.source(id, inputs));
          checked++;
        }
      }
    }
    expect(checked).toBe(m.cells.length);
    expect(m.unprovedPosed).toBe(0);
  });

  it("finds the functions by the shape of their axioms, not by their names", () => {
    const plain = laterTheory("gauss").theory;
    const renamed: Theory = {
      ...plain,
      constants: plain.constants.map((k) => ({
        ...k,
        name: k.name === "tri" ? "t" : k.name === "+" ? "plus" : k.name,
      })),
    };
    const a = groundEvaluator(plain, 50);
    const b = groundEvaluator(renamed, 50);
    expect(b.functions).toEqual(a.functions);
    const tri = plain.constants.findIndex((k) => k.name === "tri");
    expect(range(6).map((n) => b.value(tri, [n]))).toEqual(range(6).map((n) => BRUTE.tri!(n)));
  });

  it("evaluates and proves a function defined only through imported theorems", async () => {
    // Addition with no defining axioms; its recursion comes as two theorems from elsewhere.
    const dir = join(REPO_ROOT, "examples", "peano-exp");
    const text = `
      definition Half[Nat: set, zero: element, succ: function, +: operation, tri: function] :=
        (&
          (&(in[zero,Nat]) (Function[succ,Nat,Nat]))
          (&
            (>[n] (in[n,Nat]) !(in2[n,zero,succ]))
            (&
              (>[k,m,n] (&(in[k,Nat]) (&(in2[m,k,succ]) (in2[n,k,succ]))) (=[m,n]))
              (&
                (Operation[+,Nat,Nat,Nat])
                (&
                  (Function[tri,Nat,Nat])
                  (&
                    (>[a] (in2[zero,a,tri]) (=[a,zero]))
                    (>[b,c,d] (&(in[b,Nat]) (&(in2[b,c,succ]) (in2[b,d,tri])))
                      (& (>[e] (in3[d,c,e,+]) (in2[c,e,tri])) (>[e] (in2[c,e,tri]) (in3[d,c,e,+]))))))))))
      anchor Half (carrier Nat, zero zero, successor succ)
      conjecture add_zero := (>[a,b] (in3[a,zero,b,+]) (=[a,b]))
      conjecture add_succ := (>[a,b,d] (in3[a,b,d,+]) (>[c] (in2[b,c,succ]) (>[e] (in2[d,e,succ]) (in3[a,c,e,+]))))
    `;
    const r = compileSources([
      { path: join(dir, "functions.mpl"), text: readFileSync(join(dir, "functions.mpl"), "utf8") },
      { path: "half.mpl", text },
    ]);
    if (r.theory === null) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
    const theory = { ...r.theory, conjectures: [] };
    const imports = r.theory.conjectures.map((c) => ({
      statement: { varNames: c.varNames, premises: c.premises, head: c.head },
      ref: `Earlier:${c.name}`,
    }));
    const tri = theory.constants.findIndex((k) => k.name === "tri");
    const without = await computeModel(theory, { size: 3 });
    expect(without.functions).toEqual([]);
    expect(without.cells).toEqual([]);
    expect(without.model.apply(tri, [3])).toBeUndefined();
    const withImports = await computeModel(theory, { size: 3, theoremRules: imports });
    expect(withImports.theoremRulesUsed).toBe(2);
    expect(withImports.model.apply(tri, [3])).toBe(6);
    expect(withImports.run.conjectures.find((c) => c.name === "tri(3) = 6")?.proved).not.toBeNull();
  });
});

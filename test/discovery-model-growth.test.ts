/**
 * The ground model proves the values the candidates' counterexamples need, past the test range
 * and up to its bound, all numerals in one block: with exponentiation and the test range 0..3,
 * (a^b)^d = (a^d)^(b^d) is false only where a value reaches 256, and the model proves that
 * value; with a bound of 100 the candidate survives and is reported as undecided.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filterCandidates } from "../engine/conjecture/filter.js";
import { computeModel } from "../engine/discovery/model.js";
import { type Conjecture, compileSources, type Theory } from "../mpl/index.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

function peanoExp(conjectures: string): { theory: Theory; candidates: readonly Conjecture[] } {
  const dir = join(REPO_ROOT, "examples", "peano-exp");
  const files = ["functions.mpl", "peano.mpl", "exp.mpl"].map((f) => ({
    path: join(dir, f),
    text: readFileSync(join(dir, f), "utf8"),
  }));
  const r = compileSources([...files, { path: "c.mpl", text: conjectures }]);
  if (r.theory === null) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return { theory: { ...r.theory, conjectures: [] }, candidates: r.theory.conjectures };
}

describe("ground model growth", () => {
  const { theory, candidates } = peanoExp(`
    conjecture exp_swap := (>[a,b,c] (in3[a,b,c,^]) (in3[b,a,c,^]))
    conjecture exp_one := (>[a,b,c] (in3[a,b,c,^]) (>[d] (in3[c,zero,d,^]) (in2[zero,d,succ])))
    conjecture big := (>[a,b,e] (in3[a,b,e,^]) (>[d,f] (in3[e,d,f,^])
      (>[g] (in3[a,d,g,^]) (>[h] (in3[b,d,h,^]) (in3[g,h,f,^])))))
  `);
  const name = (m: { conjecture: Conjecture }) => m.conjecture.name;

  it("proves the values a counterexample needs past the test range, and refutes with them", async () => {
    const m = await computeModel(theory, { size: 3, maxValue: 256, candidates });
    const r = filterCandidates(candidates, theory, m.model);
    expect(r.refuted.map(name)).toEqual(["exp_swap", "big"]);
    expect(r.survivors.map((c) => c.name)).toEqual(["exp_one"]);
    const big = r.refuted.find((x) => x.conjecture.name === "big")!;
    expect(Math.max(big.lhs, big.rhs)).toBe(256);
    // Every fact a refutation cites is a theorem the model's run proved.
    const proved = new Set(m.run.conjectures.filter((c) => c.proved).map((c) => c.name));
    for (const x of r.refuted)
      for (const f of x.facts) if (!f.startsWith("premise ")) expect(proved).toContain(f);
    expect(big.facts.at(-1)).toMatch(/^¬\(\d+ = 256\)$/);
    // All numerals in one block: one saturation, whatever the largest numeral.
    expect(m.valueBound).toBe(256);
    expect(m.run.bursts).toBeLessThanOrEqual(4);
    const blocks = new Set(m.run.conjectures.filter((c) => !c.statement.head.negated).map((c) => c.block));
    expect(blocks.size).toBe(1);
  });

  it("leaves a candidate whose counterexamples lie past the bound undecided, and says so", async () => {
    const m = await computeModel(theory, { size: 3, maxValue: 100, candidates });
    const r = filterCandidates(candidates, theory, m.model);
    expect(r.survivors.map((c) => c.name)).toEqual(["exp_one", "big"]);
    expect(m.boundHit).toBe(true);
    expect([...m.undecided].map((c) => c.name)).toEqual(["big"]);
  });

  it("poses the table on the test range without candidates", async () => {
    const m = await computeModel(theory, { size: 3 });
    const hat = theory.constants.findIndex((c) => c.name === "^");
    expect(m.model.apply(hat, [3, 3])).toBe(27);
    expect(m.model.apply(hat, [2, 3])).toBe(8);
    expect(m.run.conjectures.find((c) => c.name === "3 ^ 3 = 27")?.proved).not.toBeNull();
  });
});

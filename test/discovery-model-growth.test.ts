/**
 * The ground model grows until the candidates' values are known: with exponentiation and the
 * test range 0..3, 2^3 = 8 lies past the first chain of numerals, so the model poses it in a
 * later round, proves it, and the filter refutes a^b = b^a with it. Values past the stated
 * bound stay unknown and are reported.
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
  `);
  const hat = theory.constants.findIndex((c) => c.name === "^");

  it("knows 2^3 = 8 with the test range 0..3, refutes a^b = b^a with it, and reports the bound", async () => {
    const m = await computeModel(theory, { size: 3, maxValue: 10, candidates });
    expect(m.rounds).toBeGreaterThan(1);
    expect(m.valueBound).toBe(10);
    expect(m.model.apply(hat, [2, 3])).toBe(8);
    expect(m.model.source(hat, [2, 3])).toBe("2 ^ 3 = 8");
    expect(m.run.conjectures.find((c) => c.name === "2 ^ 3 = 8")?.proved).not.toBeNull();
    // 3^3 = 27 lies past the bound: unknown, and reported.
    expect(m.model.apply(hat, [3, 3])).toBeUndefined();
    expect(m.boundHit).toBe(true);
    expect(m.unknownNeeded).toBeGreaterThan(0);
    const r = filterCandidates(candidates, theory, m.model);
    expect(r.refuted.map((x) => x.conjecture.name)).toEqual(["exp_swap"]);
    expect(r.survivors.map((c) => c.name)).toEqual(["exp_one"]);
  });

  it("stops at the test range without candidates (one round)", async () => {
    const m = await computeModel(theory, { size: 3 });
    expect(m.rounds).toBe(1);
    expect(m.valueBound).toBe(3);
    expect(m.model.apply(hat, [2, 3])).toBeUndefined();
  });
});

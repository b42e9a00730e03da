/**
 * The three sum examples (Gauss's triangular numbers, the sum of odd numbers, the sum of even
 * numbers), each a batch over Peano: discovery, given the Peano theorems an earlier batch
 * hands over and restricted to candidates about the sum, proposes and proves the closed form;
 * a false variant of each is refuted by the ground model with proved values and never proved,
 * by discovery or by the prover when it is stated.
 */
import { describe, expect, it } from "vitest";
import { canonicalKey } from "../engine/conjecture/canonical.js";
import { filterCandidates } from "../engine/conjecture/filter.js";
import { mirrorOf } from "../engine/conjecture/mirror.js";
import { computeModel } from "../engine/discovery/model.js";
import { discover } from "../engine/discovery/pipeline.js";
import { Engine } from "../engine/run.js";
import { statementOf } from "../engine/statement.js";
import type { Conjecture } from "../mpl/theory.js";
import { laterTheory, peanoTheorems, type SumExample } from "./support/sum-theories.js";

/** A false variant of each closed form, as a conjecture over the example's symbols. */
const FALSE_VARIANTS: Record<SumExample, string> = {
  // tri(a) + tri(a) = a·a
  gauss: "conjecture wrong := (>[a,b] (in2[a,b,tri]) (>[d] (in3[a,a,d,*]) (in3[b,b,d,+])))",
  // odd(a) = a·s(a)
  "odd-sum": "conjecture wrong := (>[a,b] (in2[a,b,odd]) (>[c] (in2[a,c,succ]) (in3[a,c,b,*])))",
  // evens(a) = a·a
  "even-sum": "conjecture wrong := (>[a,b] (in2[a,b,evens]) (in3[a,a,b,*]))",
};

const EXAMPLES: SumExample[] = ["gauss", "odd-sum", "even-sum"];
const imports = peanoTheorems();

const sameLaw = (a: Conjecture, b: Conjecture, theory: Parameters<typeof mirrorOf>[1]) => {
  const m = mirrorOf(b, theory);
  return canonicalKey(a) === canonicalKey(b) || (m !== null && canonicalKey(a) === canonicalKey(m));
};

describe.each(EXAMPLES)("%s", (example) => {
  const { theory, targets } = laterTheory(example, FALSE_VARIANTS[example]);
  const target = targets.find((t) => t.name !== "wrong")!;
  const wrong = targets.find((t) => t.name === "wrong")!;
  const sum = theory.anchor!.params.at(-1)!;

  it("the model refutes the false variant with proved values and keeps the closed form", async () => {
    const m = await computeModel(theory, { size: 4, candidates: [target, wrong] });
    const r = filterCandidates([target, wrong], theory, m.model);
    expect(r.survivors).toEqual([target]);
    expect(r.refuted.map((x) => x.conjecture)).toEqual([wrong]);
    const proved = new Set(m.run.conjectures.filter((c) => c.proved).map((c) => c.name));
    for (const f of r.refuted[0]!.facts) if (!f.startsWith("premise ")) expect(proved).toContain(f);
  });

  it("the prover, given the Peano theorems, proves the closed form and not the false variant", async () => {
    const engine = new Engine(theory, { maxBursts: 8 });
    for (const t of await imports) engine.addTheoremRule(t.statement, t.ref);
    const ti = engine.addConjecture({
      name: target.name,
      mpl: target.mpl,
      statement: statementOf(target),
      mirrorOf: null,
    });
    const wi = engine.addConjecture({
      name: "wrong",
      mpl: wrong.mpl,
      statement: statementOf(wrong),
      mirrorOf: null,
    });
    const run = await engine.run();
    expect(run.conjectures[ti!]!.proved).not.toBeNull();
    expect(run.conjectures[wi!]!.proved).toBeNull();
  });

  it("discovery proposes and proves the closed form, and proves no false candidate", async () => {
    const bare = { ...theory, conjectures: [target] };
    const r = await discover(bare, {
      modelSize: 5,
      // The closed forms are proved early; later bursts prove their consequences (lean tests).
      settings: { maxBursts: 6 },
      executor: () => undefined,
      theoremRules: await imports,
      conjectureSettings: { requireSymbols: [sum] },
    });
    expect(r.targets.map((t) => t.status)).toEqual(["proved"]);
    const proved = r.run.theorems.map((t) => r.run.conjectures[t.conjecture]!);
    // The false variant is enumerated and refuted; nothing proved is false on 0..4.
    expect(r.refuted.some((x) => sameLaw(wrong, x.conjecture, theory))).toBe(true);
    const model = await computeModel(theory, {
      size: 4,
      candidates: proved.map((c) => ({ ...wrong, ...c.statement })),
    });
    expect(
      filterCandidates(
        proved.map((c) => ({ ...wrong, ...c.statement })),
        theory,
        model.model,
      ).refuted,
    ).toEqual([]);
  });
});

/**
 * The ground model gives element constants other than zero their numeral, as theorems proved
 * from the axioms, and the counterexample filter then reads candidates that use them, citing
 * that theorem in the refutation.
 */
import { describe, expect, it } from "vitest";
import { filterCandidates } from "../engine/conjecture/filter.js";
import { computeModel } from "../engine/discovery/model.js";
import { add, conjecture, ONE, succ, succIsPlusOne, withOne } from "./support/peano-variants.js";

describe("ground model constants", () => {
  it("proves one = 1, the value the axioms' fact s(zero) = one gives, and poses no other", async () => {
    const theory = withOne([]);
    const m = await computeModel(theory, { size: 3 });
    expect(m.constantValues).toEqual([{ id: 5, value: 1, name: "one = 1" }]);
    expect(m.model.constants.get(5)).toBe(1);
    expect(m.run.conjectures.find((c) => c.name === "one = 1")?.proved).not.toBeNull();
    for (const v of [0, 2, 3]) expect(m.run.conjectures.find((c) => c.name === `one = ${v}`)).toBeUndefined();
  });

  it("lets the filter refute a false candidate with one, citing one = 1, and keep a true one", async () => {
    const theory = withOne([]);
    const m = await computeModel(theory, { size: 3 });
    // s(a) = b → a + one = a: false everywhere.
    const wrong = conjecture("wrong", ["a", "b"], [succ(0, 1)], add(0, ONE, 0));
    const r = filterCandidates([wrong, succIsPlusOne], theory, m.model);
    expect(r.survivors.map((c) => c.name)).toEqual(["succ_is_plus_one"]);
    expect(r.refuted).toHaveLength(1);
    expect(r.refuted[0]).toMatchObject({ instance: { a: 0, b: 1 }, lhs: 1, rhs: 0 });
    expect(r.refuted[0]!.facts[0]).toBe("one = 1");
  });
});

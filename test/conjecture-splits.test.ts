import { describe, expect, it } from "vitest";
import { enumerateConjectures } from "../engine/conjecture/enumerate.js";
import { peanoTheory } from "./support/peano-theory.js";

// A candidate's splits are derived when first asked for (only the survivors' are needed).
describe("splits of enumerated candidates", () => {
  const theory = peanoTheory();
  const whole = enumerateConjectures(theory);

  it("derives a candidate's splits the same whenever asked", () => {
    const again = enumerateConjectures(theory);
    const n = again.candidates.length;
    // In reverse order: the splits intern new terms, so the order of asking must not matter.
    const reversed = Array.from({ length: n }, (_, i) => again.splitKeys(n - 1 - i)).reverse();
    expect(reversed).toEqual(whole.candidates.map((_, i) => whole.splitKeys(i)));
    expect(reversed.some((k) => k.length > 0)).toBe(true);
  });
});

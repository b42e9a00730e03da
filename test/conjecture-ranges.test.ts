import { describe, expect, it } from "vitest";
import {
  enumerateConjectures,
  mergeScans,
  planEnumeration,
  scanLefts,
} from "../engine/conjecture/enumerate.js";
import { peanoTheory } from "./support/peano-theory.js";

// The enumeration scans ranges of left sides and merges them in range order; the candidates,
// their statistics and their splits must not depend on how the lefts are cut.
describe("enumeration by ranges of left sides", () => {
  const theory = peanoTheory();
  const whole = enumerateConjectures(theory);
  const summary = (e: ReturnType<typeof enumerateConjectures>) => ({
    candidates: e.candidates,
    stats: e.stats,
    splits: e.candidates.map((_, i) => e.splitKeys(i)),
  });

  it.each([2, 7, 31])("gives the same candidates cut into %i ranges, scans sent as data", (parts) => {
    const plan = planEnumeration(theory);
    const n = plan.lefts.length;
    const scans = Array.from({ length: parts }, (_, k) => {
      const { chains: _c, ...scan } = scanLefts(
        plan,
        Math.floor((k * n) / parts),
        Math.floor(((k + 1) * n) / parts),
      );
      return structuredClone(scan);
    });
    const merged = mergeScans(plan, scans);
    expect(merged.candidates.length).toBeGreaterThan(1000);
    expect(summary(merged)).toEqual(summary(whole));
  });

  it("derives a candidate's splits the same whenever asked", () => {
    const again = enumerateConjectures(theory);
    const n = again.candidates.length;
    // In reverse order: the splits intern new terms, so the order of asking must not matter.
    const reversed = Array.from({ length: n }, (_, i) => again.splitKeys(n - 1 - i)).reverse();
    expect(reversed).toEqual(whole.candidates.map((_, i) => whole.splitKeys(i)));
    expect(reversed.some((k) => k.length > 0)).toBe(true);
  });
});

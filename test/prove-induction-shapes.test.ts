/**
 * Induction shapes beyond pure operator inputs: examples/peano-cold stated cold, proved by
 * `gl prove --no-lemmas` (no discovery), so each fact below needs induction on a variable that
 * also occurs in an equality or as an output (0 + a = a with an `=` head, a + b = a → b = 0),
 * or earlier such theorems as rules. Every proof passes the independent re-check.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gl } from "./support/built-cli.js";

interface Summary {
  verification: { ok: boolean };
  theorems: { name: string; status: string; method: string | null }[];
}

describe("gl prove examples/peano-cold --no-lemmas", () => {
  let s: Summary;
  beforeAll(() => {
    ensureBuilt();
    const r = gl(
      "prove",
      "examples/peano-cold",
      "--no-lemmas",
      "--json",
      "-q",
      "--workers",
      "1",
      "--allow-unproved",
    );
    expect(r.code, r.stderr).toBe(0);
    s = JSON.parse(r.stdout) as Summary;
  });

  const method = (name: string) => s.theorems.find((t) => t.name === name);

  it("inducts on a variable that also occurs in the equality head (0 + a = a)", () => {
    expect(method("zero_add")).toMatchObject({ status: "proved", method: "induction on a" });
  });

  it("inducts on a variable that is also the sum (a + b = a → b = 0)", () => {
    expect(method("add_eq_self")).toMatchObject({ status: "proved", method: "induction on a" });
  });

  it("proves the first-course facts and the laws that follow from them, all verified", () => {
    const proved = s.theorems.filter((t) => t.status === "proved").map((t) => t.name);
    for (const n of ["zero_mul", "mul_one", "one_mul", "add_cancel", "succ_mul", "add_comm", "mul_comm"])
      expect(proved).toContain(n);
    expect(s.verification.ok).toBe(true);
  });
});

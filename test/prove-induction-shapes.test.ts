/**
 * Induction of every natural shape, through the real `gl prove` with no lemma step:
 * - examples/peano-cold stated cold: induction on a variable that also occurs in the equality
 *   head or as an output (0 + a = a, a + b = a → b = 0), a negated head (s(a) ≠ a: each case by
 *   contradiction) and a case split whose successor case closes ex falso (a + b = 0 → a = 0);
 * - examples/first-course: first-course facts, each by induction on one variable or a case
 *   split, with negated heads, all proved; and false variants of them, stated in the same theory
 *   (so the true facts are there as rules), none proved.
 * Every proof passes the independent re-check.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gl } from "./support/built-cli.js";

interface Summary {
  proved: number;
  verification: { ok: boolean; failures: unknown[] };
  theorems: { name: string; status: string; method: string | null }[];
}

function prove(path: string): Summary {
  const r = gl("prove", path, "--no-lemmas", "--json", "-q", "--workers", "1", "--allow-unproved");
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const statusOf = (s: Summary, name: string) => s.theorems.find((t) => t.name === name);

describe("gl prove examples/peano-cold --no-lemmas", () => {
  let s: Summary;
  beforeAll(() => {
    ensureBuilt();
    s = prove("examples/peano-cold");
  });

  it("inducts on a variable that also occurs in the equality head (0 + a = a)", () => {
    expect(statusOf(s, "zero_add")).toMatchObject({ status: "proved", method: "induction on a" });
  });

  it("proves s(a) ≠ a by induction on a, each case by contradiction", () => {
    expect(statusOf(s, "succ_ne_self")).toMatchObject({ status: "proved", method: "induction on a" });
  });

  it("proves a + b = 0 → a = 0 by a case split on b (the successor case is contradictory)", () => {
    expect(statusOf(s, "add_eq_zero")).toMatchObject({ status: "proved", method: "case split on b" });
  });

  it("proves all 16, verified", () => {
    expect(s.theorems.filter((t) => t.status !== "proved").map((t) => t.name)).toEqual([]);
    expect(s.theorems).toHaveLength(16);
    expect(s.verification.ok).toBe(true);
  });
});

/** False variants of the first-course facts (each has a small counterexample, in the comment). */
const FALSE_VARIANTS = `
-- a = 0
conjecture succ_eq_self := (>[a,b] (in2[a,b,succ]) (=[b,a]))
-- b = 0
conjecture add_ne_self := (>[a,b,c] (in3[a,b,c,+]) !(=[c,a]))
-- a = b = 0
conjecture add_eq_zero_succ := (>[a,b] (in3[a,b,zero,+]) (in2[zero,a,succ]))
-- a = b = 0
conjecture add_zero_ne := (>[a,b] (in3[a,b,zero,+]) !(=[b,zero]))
-- a = b = 0
conjecture succ_add_eq_zero := (>[a,c] (in2[a,c,succ]) (>[b,d] (in3[c,b,d,+]) (=[d,zero])))
-- a = 1, b = 0
conjecture add_eq_self_wrong := (>[a,b] (in3[a,b,a,+]) (=[a,zero]))
-- a = b = 1, c = 0
conjecture add_cancel_wrong := (>[a,c,d] (in3[a,c,d,+]) (>[b] (in3[b,c,d,+]) (=[a,c])))
-- a = 0
conjecture mul_one_wrong := (>[o] (in2[zero,o,succ]) (>[a,c] (in3[a,o,c,*]) (in2[a,c,succ])))
-- a = 0, b = 1
conjecture mul_eq_zero_wrong := (>[a,b] (in3[a,b,zero,*]) (=[b,zero]))
-- a = 1, b = 0
conjecture mul_eq_zero_ne := (>[a,b] (in3[a,b,zero,*]) (>[] !(=[a,zero]) !(=[b,zero])))
-- a = 0
conjecture has_pred_wrong := (>[a] (in[a,Nat]) (HasPred[Nat,succ,a]))
-- b = 0
conjecture succ_add_ne_succ := (>[a,c] (in2[a,c,succ]) (>[b,d] (in3[c,b,d,+]) !(=[d,c])))
-- any a, b
conjecture add_succ_eq := (>[b,c] (in2[b,c,succ]) (>[a,d] (in3[a,c,d,+]) (=[d,a])))
-- a = b = 1
conjecture add_eq_right_wrong := (>[a,b] (in3[a,b,b,+]) (=[b,zero]))
`;

describe("gl prove examples/first-course, and false variants of its facts", () => {
  let course: Summary;
  let withFalse: Summary;
  let scratch = "";
  beforeAll(() => {
    ensureBuilt();
    course = prove("examples/first-course");
    scratch = mkdtempSync(join(tmpdir(), "gl-first-course-"));
    cpSync("examples/first-course", scratch, { recursive: true });
    writeFileSync(join(scratch, "wrong.mpl"), FALSE_VARIANTS);
    withFalse = prove(scratch);
  });
  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
  });

  it("proves every fact, verified, with negated-head inductions and case splits among them", () => {
    expect(course.theorems.length).toBeGreaterThanOrEqual(12);
    expect(course.theorems.filter((t) => t.status !== "proved").map((t) => t.name)).toEqual([]);
    expect(course.verification.ok).toBe(true);
    for (const n of ["succ_ne_self", "succ_succ_ne_self", "add_succ_ne_self"])
      expect(statusOf(course, n)?.method, n).toMatch(/^induction on /);
    // succ_mul_eq_zero: a case split on b, which is not a pure input, so from the second round.
    for (const n of ["add_eq_zero_left", "mul_eq_zero", "nonzero_has_pred", "succ_mul_eq_zero"])
      expect(statusOf(course, n)?.method, n).toMatch(/^case split on /);
  });

  it("proves none of the false variants, and still every true fact beside them", () => {
    const wrong = [...FALSE_VARIANTS.matchAll(/^conjecture (\w+)/gm)].map((m) => m[1]!);
    expect(wrong).toHaveLength(14);
    for (const n of wrong) expect(statusOf(withFalse, n)?.status, n).toBe("unproved");
    const stillProved = withFalse.theorems.filter((t) => t.status === "proved").map((t) => t.name);
    expect(stillProved.sort()).toEqual(course.theorems.map((t) => t.name).sort());
    expect(withFalse.verification.ok).toBe(true);
  });
});

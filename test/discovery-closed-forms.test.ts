/**
 * Exact evaluation, the filter stage after the ground model: the closed forms of iterated
 * functions read off their axioms (right against bigint arithmetic written here, the same with
 * operands swapped and operations renamed, none for the triangular numbers' sum), and on
 * `gl discover examples/peano-exp` the false `(a ^ a) ^ (c·c) = (a ^ c) ^ (a ^ c)`, which the
 * model cannot refute within its numerals, rejected with a counterexample checked here, reported
 * apart from the certified refutations, and no exponent law lost.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyClosedForm, closedForms, describeClosedForm } from "../engine/discovery/closed-forms.js";
import { groundEvaluator } from "../engine/discovery/evaluate.js";
import { exactFilter } from "../engine/discovery/exact-filter.js";
import { type Conjecture, compileSources, type PatternAtom, type Theory } from "../mpl/index.js";
import { gl } from "./support/built-cli.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { laterTheory } from "./support/sum-theories.js";

const EXP_FILES = ["functions.mpl", "peano.mpl", "exp.mpl"];

/** examples/peano-exp's definitions, each file rewritten by `edit`, with extra conjectures. */
function peanoExp(edit: (file: string, text: string) => string = (_, t) => t, extra = ""): Theory {
  const dir = join(REPO_ROOT, "examples", "peano-exp");
  const files = EXP_FILES.map((f) => ({
    path: join(dir, f),
    text: edit(f, readFileSync(join(dir, f), "utf8")),
  }));
  const r = compileSources([...files, ...(extra ? [{ path: "extra.mpl", text: extra }] : [])]);
  if (r.theory === null) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.theory;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** Arithmetic on the naturals, written here independently of the engine. */
const ARITH: Record<string, (x: bigint, y: bigint) => bigint> = {
  "+": (x, y) => x + y,
  "*": (x, y) => x * y,
  "^": (x, y) => x ** y,
};

function formsOf(theory: Theory) {
  const roles = theory.anchor!.roles!;
  const guide = groundEvaluator(theory, 256);
  const arity = (op: number) => (theory.constants[op]!.type === "operation" ? 2 : 1);
  const forms = closedForms(guide.programs, arity, roles);
  const byName = new Map([...forms].map(([op, f]) => [theory.constants[op]!.name, f]));
  return { guide, forms, byName };
}

const POINTS: [number, number][] = [];
for (let x = 0; x <= 12; x++) for (let y = 0; y <= 12; y++) POINTS.push([x, y]);
POINTS.push([2, 52], [2, 53], [2, 60], [3, 33], [3, 34], [1, 1000], [0, 1000], [1000, 0], [94906265, 2]);

/** Checks the forms of `names` (as named in the theory) against ARITH under `meaning`. */
function expectArithmetic(theory: Theory, names: Record<string, string>): number {
  const { byName } = formsOf(theory);
  let checked = 0;
  for (const [name, meaning] of Object.entries(names)) {
    const form = byName.get(name);
    expect(form, `${name} has a closed form`).toBeDefined();
    for (const [x, y] of POINTS) {
      const want = ARITH[meaning]!(BigInt(x), BigInt(y));
      const got = applyClosedForm(form!, [x, y]);
      expect(got, `${x} ${name} ${y}`).toBe(want > MAX ? undefined : Number(want));
      checked++;
    }
  }
  return checked;
}

describe("closed forms read off the axioms", () => {
  it("peano-exp: + from the successor, · from +, ^ from ·, exact against bigint arithmetic", () => {
    const theory = peanoExp();
    const { forms, byName } = formsOf(theory);
    expect([...byName.keys()].sort()).toEqual(["*", "+", "^"]);
    expect(Object.fromEntries([...byName].map(([n, f]) => [n, describeClosedForm(f, n)]))).toEqual({
      "+": "a + b = a + b",
      "*": "a * b = b·a",
      "^": "a ^ b = a^b",
    });
    // Each rests on a base and a step axiom of its own.
    for (const f of forms.values()) expect(f.rules.length).toBe(2);
    expect(expectArithmetic(theory, { "+": "+", "*": "*", "^": "^" })).toBe(3 * POINTS.length);
  });

  it("recognises them by shape: operands of the steps swapped, operations renamed", () => {
    const theory = peanoExp((file, text) => {
      if (file === "peano.mpl")
        return text.replaceAll("in3[d,a,e,+]", "in3[a,d,e,+]").replaceAll("+", "plus");
      if (file === "exp.mpl")
        return text.replaceAll("in3[d,a,e,*]", "in3[a,d,e,*]").replaceAll("+", "plus").replaceAll("^", "pw");
      return text;
    });
    // Not vacuous: the rewritten axioms are what the theory holds.
    const names = theory.constants.map((k) => k.name);
    expect(names).toContain("pw");
    expect(names).not.toContain("^");
    expect(expectArithmetic(theory, { plus: "+", "*": "*", pw: "^" })).toBe(3 * POINTS.length);
  });

  it("gives no closed form to the triangular numbers, whose step mentions its input", () => {
    const theory = laterTheory("gauss").theory;
    const { byName, guide } = formsOf(theory);
    const tri = theory.constants.find((k) => k.name === "tri")!;
    // The guide evaluates tri by its recursion, but its step `tri(s(y)) = tri(y) + s(y)` is no iteration.
    expect(guide.functions).toContain(tri.id);
    expect(byName.has("tri")).toBe(false);
    expect([...byName.keys()].sort()).toEqual(["*", "+"]);
    expect(expectArithmetic(theory, { "+": "+", "*": "*" })).toBe(2 * POINTS.length);
  });

  it("rejects a false candidate past the model's numerals and keeps a true one", () => {
    const theory = peanoExp(
      undefined,
      `conjecture wrong := (>[a,b](in3[a,a,b,^])(>[c,d](in3[a,c,d,^])(>[e](in3[c,c,e,*])(>[f](in3[b,e,f,^])(in3[d,d,f,^])))))
       conjecture right := (>[a,b,d] (in3[a,b,d,^]) (>[c,e] (in3[d,c,e,^]) (>[f] (in3[b,c,f,*]) (in3[a,f,e,^]))))`,
    );
    const [wrong, right] = theory.conjectures as [Conjecture, Conjecture];
    const guide = groundEvaluator(theory, 256);
    // Only the candidates the model left undecided are examined.
    const r = exactFilter(theory, guide, [wrong, right], new Set([wrong, right]), 5);
    expect(r.examined).toBe(2);
    expect(r.rejected.map((x) => x.conjecture.name)).toEqual(["wrong"]);
    expect(r.survivors).toEqual([right]);
    const ce = r.rejected[0]!;
    expect(ce.instance).toMatchObject({ a: 2, c: 3 });
    expect(ce.facts).toContain("4 ^ 9 = 262144");
    expect(ce.facts).toContain("8 ^ 8 = 16777216");
    expect(exactFilter(theory, guide, [wrong, right], new Set([right]), 5).rejected).toEqual([]);
  });
});

interface Report {
  stages: Record<string, number | null>;
  exactEvaluation: {
    closedForms: Record<string, string>;
    examined: number;
    rejected: number;
    undecided: number;
  };
  model: { undecidedSurvivors: number };
  targets: { name: string; status: string }[];
  candidates: {
    name: string | null;
    mpl: string;
    readable: string;
    status: string;
    counterexample: { instance: Record<string, number>; lhs: number; rhs: number; facts: string[] } | null;
  }[];
}

/** The atom's truth under `env` in the naturals, in bigint (independent of the engine). */
function holds(theory: Theory, a: PatternAtom, env: (t: number) => bigint): boolean {
  const pred = theory.predicates[a.pred]!.name;
  const v = a.args.map((t) => (t < 0 && theory.constants[-t - 1]!.type !== "element" ? 0n : env(t)));
  let ok: boolean;
  if (pred === "=") ok = v[0] === v[1];
  else if (pred === "in2") ok = v[0]! + 1n === v[1];
  else if (pred === "in3") ok = ARITH[theory.constants[-a.args[3]! - 1]!.name]!(v[0]!, v[1]!) === v[2];
  else throw new Error(`unexpected predicate ${pred}`);
  return a.negated ? !ok : ok;
}

describe("gl discover examples/peano-exp with exact evaluation", () => {
  let work: string;
  let out: { code: number | null; stdout: string; stderr: string };
  let report: Report;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "gl-exact-"));
    out = gl("discover", "examples/peano-exp", "--workers", "1", "--quiet", "--out", join(work, "out"));
    report = JSON.parse(readFileSync(join(work, "out", "discovery.json"), "utf8")) as Report;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("rejects exactly the false survivor, with a counterexample that holds in bigint arithmetic", () => {
    expect(out.code, out.stderr).toBe(0);
    const rejected = report.candidates.filter((c) => c.status === "rejected");
    expect(rejected.map((c) => c.readable)).toEqual(["(a ^ a) ^ (c·c) = (a ^ c) ^ (a ^ c)"]);
    const c = rejected[0]!;
    const ce = c.counterexample!;
    expect(ce.instance).toMatchObject({ a: 2, c: 3 });
    // The counterexample, judged here: every premise true, the head false, the sides as reported.
    const theory = peanoExp(undefined, `conjecture judged := ${c.mpl}`);
    const judged = theory.conjectures.find((x) => x.name === "judged")!;
    const env = (t: number) => (t < 0 ? 0n : BigInt(ce.instance[judged.varNames[t]!]!));
    expect(judged.premises.every((p) => holds(theory, p, env))).toBe(true);
    expect(holds(theory, judged.head, env)).toBe(false);
    expect([ce.lhs, ce.rhs].sort((x, y) => x - y)).toEqual([4 ** 9, 8 ** 8]);
  });

  it("counts and reports it apart from the certified refutations", () => {
    const refuted = report.candidates.filter((c) => c.status === "refuted").length;
    expect(report.stages.refutedByModel).toBe(refuted);
    expect(report.stages.rejectedByEvaluation).toBe(1);
    expect(report.stages.candidates).toBe(
      refuted + 1 + report.candidates.filter((c) => c.status !== "refuted" && c.status !== "rejected").length,
    );
    expect(report.stages.survivors).toBe(report.stages.candidates! - refuted - 1);
    expect(report.exactEvaluation).toMatchObject({
      closedForms: { "+": "a + b = a + b", "*": "a * b = b·a", "^": "a ^ b = a^b" },
      examined: report.model.undecidedSurvivors,
      rejected: 1,
    });
    expect(out.stdout).toMatch(
      /refuted by the ground model, 1 rejected by exact evaluation \(not certified\)/,
    );
    expect(out.stdout).toMatch(
      /rejected by exact evaluation \(not certified\): \S+ {2}\(a \^ a\) \^ \(c·c\) = \(a \^ c\) \^ \(a \^ c\) {2}at .*: (16777216 ≠ 262144|262144 ≠ 16777216)/,
    );
    expect(out.stdout).toMatch(/filter [\d.]+ s, exact [\d.]+ s, prove/);
    const html = readFileSync(join(work, "out", "html", "discovery.html"), "utf8");
    const section = html.slice(
      html.indexOf('<section id="rejected"'),
      html.indexOf('<section id="unproved-survivors"'),
    );
    expect(section).toContain("not certified");
    expect(section.match(/class="rejected-candidate"/g)?.length).toBe(1);
    expect(section).toContain("4 ^ 9 = 262144");
    // The pages of certified refutations hold none of them.
    const pagesDir = join(work, "out", "html", "discovery");
    const pages = readdirSync(pagesDir);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages)
      expect(readFileSync(join(pagesDir, page), "utf8"), page).not.toContain("rejected-candidate");
  });

  it("loses no true target: the three exponent laws are proved", () => {
    expect(report.targets).toEqual([
      { name: "exp_add", status: "proved", theorem: expect.anything() },
      { name: "mul_exp", status: "proved", theorem: expect.anything() },
      { name: "exp_exp", status: "proved", theorem: expect.anything() },
    ]);
  });
});

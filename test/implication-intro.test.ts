/**
 * Implication introduction (engine/saturate/implication.ts, verify/intro.ts): `gl prove`
 * concludes a definition's clause atom from a child derivation on fresh constants, the proof
 * shows it as `suppose` and `intro` steps, the graph and site carry them, and the verifier
 * rejects each way of breaking such a proof: a constant that is not fresh, a wrong conclusion,
 * a missing or misplaced sub-step, cases that are not the clause's elimination axioms.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph, StepJson, TheoremJson } from "../export/schema.js";
import { verifyGraph } from "../verify/verify.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { misjudged, mutations } from "./support/mutate.js";

const THEORY = "test/fixtures/implication";
const dir = mkdtempSync(join(tmpdir(), "gl-intro-"));
let graph: ProofGraph;
let summary: { proved: number; verification: { ok: boolean; failures: unknown[] } };

beforeAll(() => {
  ensureBuilt();
  const r = gl("prove", THEORY, "--json", "-q", "--workers", "1", "--no-lemmas", "--out", dir);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  summary = JSON.parse(r.stdout);
  graph = JSON.parse(readFileSync(join(dir, "proof.json"), "utf8")) as ProofGraph;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const transitivity = (g: ProofGraph): TheoremJson => g.theorems.find((t) => t.name === "sub_trans")!;
const stepsOf = (t: TheoremJson, kind: StepJson["kind"]) => t.steps.filter((s) => s.kind === kind);

describe("a clause concluded by implication introduction", () => {
  it("proves Sub's transitivity through an intro step, verified in the same run", () => {
    expect(summary.proved).toBe(1);
    expect(summary.verification).toMatchObject({ ok: true, failures: [] });
    const t = transitivity(graph);
    const [intro] = stepsOf(t, "intro");
    expect(intro).toBeDefined();
    expect(intro!.fact.pred).toBe("Sub.imp1");
    expect(intro!.fact.args).toEqual(["A", "C"]);
    // One case per elimination axiom of the clause; its fresh constant is supposed in A.
    const elims = graph.axioms.filter(
      (a) => a.origin.via === "Sub.imp1" && a.premises[0]?.pred === "Sub.imp1",
    );
    expect(intro!.cases!.map((c) => c.ref)).toEqual(elims.map((e) => e.id));
    const fresh = intro!.cases![0]!.binding.at(-1)!;
    const [suppose] = stepsOf(t, "suppose");
    expect(suppose!.fact).toEqual({ pred: "in", args: [fresh, "A"] });
    expect(suppose!.scope).toEqual({ intro: intro!.n, case: 0 });
    // The fresh constant occurs only inside the case.
    for (const s of t.steps)
      if (s.fact.args.includes(fresh)) expect(s.scope?.intro, `step ${s.n}`).toBe(intro!.n);
    expect(verifyGraph(graph, { recompileSources: true }).failures).toEqual([]);
  });

  it("shows the steps on the theorem's page and passes `gl verify`", () => {
    expect(gl("export", join(dir, "proof.json"), "--html", join(dir, "html")).code).toBe(0);
    const page = readFileSync(join(dir, "html", "t", `${transitivity(graph).id}.html`), "utf8");
    // Each step of the case says so, and the intro names its case, axiom and fresh constant.
    const t = transitivity(graph);
    const intro = stepsOf(t, "intro")[0]!;
    const fresh = intro.cases![0]!.binding.at(-1)!;
    expect(page).toContain(`href="../rules.html#intro"`);
    expect(page).toContain(`supposed in case 1 of step ${intro.n}`);
    expect(page).toContain(
      `case 1 (${intro.cases![0]!.ref}): for fresh ${fresh}, from step ${intro.premises[0]}`,
    );
    const inside = t.steps.filter((s) => s.scope && s.kind !== "suppose").length;
    expect(page.split(`inside case 1 of step ${intro.n}`).length - 1).toBe(inside);
    const r = gl("verify", join(dir, "proof.json"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 failures/);
  });
});

describe("the verifier rejects a broken introduction", () => {
  /** The first failure after `change` corrupts a copy of the transitivity proof. */
  const firstFailure = (change: (t: TheoremJson) => void) => {
    const bad = structuredClone(graph);
    change(transitivity(bad));
    return verifyGraph(bad, { recompileSources: true }).failures[0];
  };
  const introOf = (t: TheoremJson) => stepsOf(t, "intro")[0]!;
  /** Renames a constant in every step of the intro's case and in its binding. */
  const renameFresh = (t: TheoremJson, to: string) => {
    const intro = introOf(t);
    const binding = intro.cases![0]!.binding;
    const from = binding.at(-1)!;
    binding[binding.length - 1] = to;
    for (const s of t.steps) s.fact.args = s.fact.args.map((a) => (a === from ? to : a));
    for (const s of t.steps) if (s.binding) s.binding = s.binding.map((a) => (a === from ? to : a));
  };

  it("every single corruption of the mutation generator, at the corrupted step", () => {
    const all = mutations(graph);
    expect(all.length).toBeGreaterThan(20);
    expect(misjudged(all, (g) => verifyGraph(g, { recompileSources: true }))).toEqual([]);
  });

  it("a fresh constant that is a statement variable or a theory constant", () => {
    const n = introOf(transitivity(graph)).n;
    const asVariable = firstFailure((t) => renameFresh(t, "B"));
    expect(asVariable?.step).toBe(n);
    expect(asVariable?.reason).toMatch(/B is not fresh: it is a statement variable/);
    const asConstant = firstFailure((t) => renameFresh(t, "U"));
    expect(asConstant?.step).toBe(n);
    expect(asConstant?.reason).toMatch(/U is not fresh: it is a theory constant/);
  });

  it("a fresh constant that a step outside the case mentions", () => {
    const f = firstFailure((t) => {
      const intro = introOf(t);
      const fresh = intro.cases![0]!.binding.at(-1)!;
      const outside = t.steps.find((s) => s.kind === "premise")!;
      const n = Math.max(...t.steps.map((s) => s.n)) + 1;
      // A step after the proof that mentions the fresh constant, citing nothing inside.
      t.steps.push({ ...outside, n, fact: { pred: "in", args: [fresh, "A"] }, kind: "premise", index: 0 });
    });
    expect(f).toBeDefined();
    expect(f!.reason).toMatch(/not fresh|is not premise|statement/);
  });

  it("a wrong conclusion: the clause over other arguments", () => {
    const f = firstFailure((t) => {
      introOf(t).fact.args = ["A", "B"];
    });
    expect(f?.step).toBe(introOf(transitivity(graph)).n);
    expect(f?.reason).toMatch(/the binding makes the clause Sub\.imp1\[A,C\], not the fact Sub\.imp1\[A,B\]/);
  });

  it("a case whose goal is not the elimination axiom's head", () => {
    const f = firstFailure((t) => {
      const intro = introOf(t);
      const suppose = stepsOf(t, "suppose")[0]!;
      intro.premises = [suppose.n];
    });
    expect(f?.step).toBe(introOf(transitivity(graph)).n);
    expect(f?.reason).toMatch(/proves in\[.*,A\], not the case's head in\[.*,C\]/);
  });

  it("a missing sub-step, and an intro citing no case", () => {
    const n = introOf(transitivity(graph)).n;
    const missing = firstFailure((t) => {
      const goal = t.steps.find((s) => s.n === introOf(t).premises[0])!;
      t.steps = t.steps.filter((s) => s.n !== goal.premises.at(-1));
    });
    expect(missing?.reason).toMatch(/premise \d+ is not a step of/);
    const none = firstFailure((t) => {
      introOf(t).premises = [];
    });
    expect(none?.step).toBe(n);
    expect(none?.reason).toMatch(/cites one goal per case \(1\), not 0/);
  });

  it("a step outside the case citing a step inside it", () => {
    const f = firstFailure((t) => {
      const intro = introOf(t);
      const after = t.steps.find((s) => s.premises.includes(intro.n))!;
      after.premises = after.premises.map((k) => (k === intro.n ? intro.premises[0]! : k));
    });
    expect(f?.reason).toMatch(/lies in the scope of intro step \d+, which step \d+ is outside/);
  });

  it("cases that are not the clause's elimination axioms", () => {
    const f = firstFailure((t) => {
      const rule = t.steps.find((s) => s.kind === "rule" && s.scope)!;
      introOf(t).cases![0]!.ref = rule.ref!;
    });
    expect(f?.step).toBe(introOf(transitivity(graph)).n);
    expect(f?.reason).toMatch(/not the elimination axioms of Sub\.imp1/);
  });

  it("a supposition outside every case, or of a premise the axiom does not have", () => {
    const outside = firstFailure((t) => {
      delete stepsOf(t, "suppose")[0]!.scope;
    });
    expect(outside?.reason).toMatch(/a suppose step must lie in the scope of an intro step/);
    const index = firstFailure((t) => {
      stepsOf(t, "suppose")[0]!.index = 5;
    });
    expect(index?.reason).toMatch(/index 5 is not a premise of A\d+ after its clause/);
  });

  it("a goal step inside a case", () => {
    const f = firstFailure((t) => {
      const goal = t.steps.find((s) => s.n === t.goals.main)!;
      goal.scope = { ...stepsOf(t, "suppose")[0]!.scope! };
    });
    expect(f).toBeDefined();
  });

  it("the same through `gl verify`: a non-zero exit naming the step", () => {
    const bad = structuredClone(graph);
    renameFresh(transitivity(bad), "B");
    const path = join(dir, "not-fresh.json");
    writeFileSync(path, JSON.stringify(bad));
    const r = gl("verify", path);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/FAIL T\d+ step \d+: .*B is not fresh/);
    expect(existsSync(path)).toBe(true);
  });
});

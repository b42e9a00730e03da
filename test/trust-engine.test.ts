/**
 * Every step the engine writes is a valid step, through the real `gl` binary:
 * - a reflexive goal (`=[a,a]`, also under an empty binder `>[]`) gets a one-step `refl`
 *   proof that `gl verify` accepts;
 * - with an inconsistent axiom added to examples/peano-quick, the induction hypothesis is
 *   applied through equalities between block constants; each of them is a recorded step, so
 *   every theorem `gl prove` reports passes `gl verify`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { verifyGraph } from "../verify/verify.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gl-trust-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const quick = (file: string) => readFileSync(join(REPO_ROOT, "examples", "peano-quick", file), "utf8");

/** A theory folder: peano-quick's definitions plus the given files. */
function theory(name: string, files: Record<string, string>): string {
  const at = join(dir, name);
  mkdirSync(at);
  const all = { "peano.mpl": quick("peano.mpl"), "functions.mpl": quick("functions.mpl"), ...files };
  for (const [f, text] of Object.entries(all)) writeFileSync(join(at, f), text);
  return at;
}

const readGraph = (path: string): ProofGraph => JSON.parse(readFileSync(path, "utf8")) as ProofGraph;

describe("a reflexive goal", () => {
  let graph: ProofGraph;
  let out: string;
  let proved: ReturnType<typeof gl>;
  beforeAll(() => {
    const at = theory("refl", {
      "goals.mpl": [
        "conjecture refl_var := (>[a] (in[a,Nat]) (=[a,a]))",
        "conjecture refl_zero := (>[] (in[zero,Nat]) (=[zero,zero]))",
        "conjecture refl_inner := (>[a] (in[a,Nat]) (>[] (in2[a,a,succ]) (=[a,a])))",
        "conjecture refl_bare := (=[zero,zero])",
      ].join("\n"),
    });
    out = join(dir, "refl-out");
    proved = gl("prove", at, "--workers", "1", "--out", out, "--quiet");
    graph = readGraph(join(out, "proof.json"));
  });

  it("is proved by one refl step, its main goal", () => {
    expect(proved.stderr).toBe("");
    expect(proved.code).toBe(0);
    expect(proved.stdout).toContain("4/4 proved (+0 mirrors)");
    expect(proved.stdout).toContain("verified: ");
    for (const t of graph.theorems) {
      expect(t.steps, t.name ?? "").toHaveLength(1);
      const [step] = t.steps;
      expect(step).toEqual({ n: 1, section: "main", fact: t.statement.head, kind: "refl", premises: [] });
      expect(t.goals).toEqual({ main: 1 });
    }
  });

  it("is rejected by the verifier when the refl step is not a reflexive equality or cites a step", () => {
    const g = structuredClone(graph);
    const [first, second] = g.theorems;
    first!.steps[0]!.fact = { pred: "=", args: ["a", "zero"] };
    second!.steps.unshift({ ...second!.steps[0]!, n: 0, kind: "axiom", ref: "A1" });
    second!.steps[1]!.premises = [0];
    const failures = verifyGraph(g, { recompileSources: true }).failures;
    expect(failures).toContainEqual({
      theorem: first!.id,
      step: 1,
      reason: "conclusion =[a,zero] is not of the form =[a,a]",
    });
    expect(failures).toContainEqual({
      theorem: second!.id,
      step: 1,
      reason: "refl takes no premises, not 1",
    });
  });

  it("passes gl verify, and gl export renders it", () => {
    const v = gl("verify", join(out, "proof.json"));
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^ {2}refl +4$/m);
    expect(v.stdout).toContain("OK: every check passed.");
    const e = gl("export", join(out, "proof.json"), "--html", join(dir, "refl-html"));
    expect(e.stderr).toBe("");
    expect(e.code).toBe(0);
  });
});

describe("examples/peano-quick with an inconsistent axiom", () => {
  const bad = "(>[a,b,c] (in3[a,b,c,+]) (in3[a,a,c,+]))";
  let out: string;
  let proved: ReturnType<typeof gl>;
  beforeAll(() => {
    // The axiom joins the anchor's body as one more conjunct.
    const peano = quick("peano.mpl").replace(/:=\n {2}\(&\n/, `:=\n  (& ${bad}\n  (&\n`);
    const withBad = peano.replace(/\n {2}\)\n\nanchor/, "\n  ))\n\nanchor");
    expect(withBad).not.toBe(quick("peano.mpl"));
    const at = theory("inconsistent", {
      "peano.mpl": withBad,
      "helpers.mpl": quick("helpers.mpl"),
      "laws.mpl": quick("laws.mpl"),
    });
    out = join(dir, "inconsistent-out");
    proved = gl("prove", at, "--workers", "1", "--out", out, "--quiet");
  });

  it("proves the 13 laws, and every step written is valid", () => {
    expect(proved.stderr).toBe("");
    expect(proved.code).toBe(0);
    expect(proved.stdout).toContain("13/13 proved");
    const graph = readGraph(join(out, "proof.json"));
    expect(graph.axioms.some((e) => e.head?.pred === "in3" && e.head.args.join() === "a,a,c,+")).toBe(true);
    const v = gl("verify", join(out, "proof.json"));
    expect(v.stdout).toMatch(/Total: \d+ checks, 0 failures/);
    expect(v.stdout).toContain("OK: every check passed.");
    expect(v.code).toBe(0);
  });
});

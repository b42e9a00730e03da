/**
 * Existential goals through definitions: `a ≤ c` as ∃d. a + d = c and "even" as ∃k. k + k = n.
 * Each goal is proved by exhibiting a witness (b, 0, 1, a), the proof graph verifies, and a
 * definition step with a wrong witness is rejected by the verifier.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { ensureBuilt, gl } from "./support/built-cli.js";

const dir = mkdtempSync(join(tmpdir(), "gl-existential-"));
let graph: ProofGraph;

beforeAll(() => {
  ensureBuilt();
  const r = gl("prove", "test/fixtures/order", "--json", "-q", "--workers", "1", "--out", dir);
  expect(r.code).toBe(0);
  graph = JSON.parse(readFileSync(join(dir, "proof.json"), "utf8")) as ProofGraph;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("existential goals", () => {
  it("proves a + b = c ⇒ a ≤ c, a ≤ a, a ≤ s(a) and even(a + a)", () => {
    expect(graph.theorems.map((t) => t.name).sort()).toEqual(["even_double", "le_add", "le_refl", "le_succ"]);
    expect(graph.unproved).toEqual([]);
  });

  it("records the witness in a definition step that cites the introduction axiom", () => {
    const t = graph.theorems.find((x) => x.name === "le_add")!;
    const step = t.steps.find((s) => s.kind === "definition")!;
    const axiom = graph.axioms.find((a) => a.id === step.ref)!;
    expect(axiom.origin.via).toBe("Leq (introduction)");
    // Leq[Nat,+,a,c] with d := b.
    expect(step.fact).toEqual({ pred: "Leq", args: ["Nat", "+", "a", "c"] });
    expect(step.binding).toEqual(["Nat", "+", "a", "c", "b"]);
  });

  it("verifies, and rejects a definition step whose witness does not satisfy the body", () => {
    expect(gl("verify", join(dir, "proof.json")).code).toBe(0);
    const bad = structuredClone(graph);
    const t = bad.theorems.find((x) => x.name === "le_add")!;
    const step = t.steps.find((s) => s.kind === "definition")!;
    step.binding = ["Nat", "+", "a", "c", "a"];
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify(bad));
    const r = gl("verify", path);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/FAIL T\d+ step \d+/);
  });
});

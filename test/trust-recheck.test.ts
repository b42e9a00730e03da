/**
 * `gl prove` and `gl discover` re-check what they report with the independent verifier in the
 * same run. The testing hook GL_FAULT_PROOF corrupts one step after the engine wrote the graph;
 * the corrupted theorem (and every theorem citing it) is then reported as a failure naming the
 * theorem and step, never as proved, and the run exits 1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { ensureBuilt, glWithEnv } from "./support/built-cli.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { NAT_ADD } from "./support/nat-add.js";

const dir = mkdtempSync(join(tmpdir(), "gl-trust-recheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const T1_FAILURE =
  "step 1: fact !in3[zero,a,b,+] is not the statement's premise at index 0 (expected in3[zero,a,b,+])";

describe("gl prove", () => {
  it("reports a theorem that fails the re-check as failed, names theorem and step, and exits 1", () => {
    const r = glWithEnv({ GL_FAULT_PROOF: "T1:1" }, "prove", "examples/peano-quick", "--workers", "1", "-q");
    expect(r.code).toBe(1);
    // The corrupted step, then every theorem citing a failed one, at the step that cites it.
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe(`gl prove: error: T1 (zero_add) failed the independent re-check at ${T1_FAILURE}`);
    const cascade = [
      ["T5 \\(zero_add \\(mirror\\)\\)", "T1"],
      ["T12 \\(add_comm\\)", "T1"],
    ];
    expect(lines.slice(1)).toHaveLength(cascade.length + 1);
    cascade.forEach(([who, cited], i) => {
      expect(lines[i + 1]).toMatch(
        new RegExp(
          `^gl prove: error: ${who} failed the independent re-check at step \\d+: cites failed theorem ${cited}$`,
        ),
      );
    });
    expect(r.stdout).toMatch(
      /^zero_add +zero \+ a = a \+ zero {2}FAILED the independent re-check \(T1 step 1: fact !in3/m,
    );
    expect(r.stdout).toMatch(/^zero_mul .* proved {2}induction on a/m);
    expect(r.stdout).toContain("\n11/13 proved (+9 mirrors)");
    expect(r.stdout).toContain("verification FAILED: 6 failures; 2 conjectures not proved because of it\n");
  });

  it("says the same in --json, and marks the written graph as not verifying", () => {
    const out = join(dir, "prove-out");
    const r = glWithEnv(
      { GL_FAULT_PROOF: "T1:1" },
      "prove",
      "examples/peano-quick",
      "--workers",
      "1",
      "-q",
      "--json",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as {
      proved: number;
      theorems: { name: string; status: string; theorem: string; failure?: string }[];
      verification: { ok: boolean; failures: { theorem: string; step: number | null }[] };
    };
    expect(s.proved).toBe(11);
    // Where each theorem first cites a failed one, read from the written graph.
    const graph = JSON.parse(readFileSync(join(out, "proof.json"), "utf8")) as ProofGraph;
    const citing = (id: string, cited: string) =>
      graph.theorems.find((t) => t.id === id)!.steps.find((x) => x.kind === "theorem" && x.ref === cited)!.n;
    expect(s.theorems.filter((t) => t.status === "failed")).toEqual([
      expect.objectContaining({ name: "zero_add", theorem: "T1", failure: T1_FAILURE }),
      expect.objectContaining({
        name: "add_comm",
        theorem: "T12",
        failure: `step ${citing("T12", "T1")}: cites failed theorem T1`,
      }),
    ]);
    expect(s.verification.ok).toBe(false);
    expect(s.verification.failures[0]).toMatchObject({ theorem: "T1", step: 1 });
    // The graph is kept for inspection; gl verify names the same failure.
    const v = glWithEnv({}, "verify", join(out, "proof.json"));
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`  FAIL T1 ${T1_FAILURE}\n`);
  });

  it("rejects a malformed hook value as a usage error", () => {
    const r = glWithEnv({ GL_FAULT_PROOF: "1" }, "prove", "examples/peano-quick", "--workers", "1");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("gl prove: error: GL_FAULT_PROOF must look like 'T<k>:<step>', got '1'\n");
  });
});

describe("gl discover", () => {
  /** A small enumeration, so a quick discovery run. */
  const theory = join(dir, "nat-add");
  beforeAll(() => {
    mkdirSync(theory);
    writeFileSync(
      join(theory, "functions.mpl"),
      readFileSync(join(REPO_ROOT, "examples", "peano", "functions.mpl")),
    );
    writeFileSync(join(theory, "nat.mpl"), NAT_ADD);
  });

  it("reports failed theorems, writes no HTML site for them, and exits 1", () => {
    const out = join(dir, "discover-out");
    const r = glWithEnv(
      { GL_FAULT_PROOF: "T1:1" },
      "discover",
      theory,
      "--workers",
      "1",
      "--model-size",
      "2",
      "-q",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gl discover: error: T1 failed the independent re-check at step 1: fact !/);
    expect(r.stdout).toMatch(/theorems failed the independent re-check; essential/);
    expect(r.stdout).toContain(`proof graph: ${out}/proof.json (does not verify)\n`);
    expect(r.stdout).toContain("html: not written (the proof graph does not verify)\n");
    expect(existsSync(join(out, "html"))).toBe(false);
    const report = JSON.parse(readFileSync(join(out, "discovery.json"), "utf8")) as {
      theorems: { id: string }[];
      verification: { ok: boolean; failedTheorems: string[] };
    };
    expect(report.verification.ok).toBe(false);
    expect(report.verification.failedTheorems[0]).toBe("T1");
    // Failed theorems are not listed as theorems.
    expect(report.theorems.map((t) => t.id)).not.toContain("T1");
  });
});

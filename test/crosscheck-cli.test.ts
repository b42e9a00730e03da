/**
 * `gl crosscheck` through the built command line, on the small hand-written Peano graph: the
 * text and JSON reports, progress on stderr, the SMT-LIB export, the exit codes (refuted,
 * unknown with and without --strict, usage and input errors), and a clean exit of the process
 * (z3's worker threads do not keep it alive).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { peanoGraph } from "./support/peano-graph.js";

const dir = mkdtempSync(join(tmpdir(), "gl-crosscheck-"));
const write = (name: string, g: ProofGraph) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(g));
  return path;
};

/** T1 (a + 0 = a) made false (a + 0 = 0) two ways: with its axioms (z3 cannot decide it) and
 * with none (a finite counter-model exists, so z3 refutes it). */
function falseGraphs(): { unknown: ProofGraph; refuted: ProofGraph } {
  const unknown = peanoGraph();
  unknown.theorems[0]!.statement.head = { pred: "in3", args: ["a", "zero", "zero", "+"] };
  const refuted = structuredClone(unknown);
  refuted.theorems[0]!.axioms = [];
  return { unknown, refuted };
}

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gl crosscheck", () => {
  it("confirms the hand graph, reports progress, and writes one SMT-LIB file per problem", () => {
    const file = write("good.json", peanoGraph());
    const smt2 = join(dir, "smt2");
    const r = gl("crosscheck", file, "--progress", "4", "--smt2-dir", smt2);
    expect(r.stderr).toContain("crosscheck: 4/8 theorems (4 confirmed, 0 unknown, 0 refuted)");
    expect(r.stderr).toContain("crosscheck: 8/8 theorems (8 confirmed, 0 unknown, 0 refuted)");
    expect(r.stdout).toMatch(/^Crosscheck of .*good\.json with Z3 4\.15\.\d+\.\d+ \(5 s per problem/);
    expect(r.stdout).toMatch(/^ {2}T1 {2}confirmed +\d+\.\d\d s {2}∀a: in\[a,N\] → in3\[a,zero,a,\+\]$/m);
    expect(r.stdout).toContain("Total: 8 theorems, 14 problems: 8 confirmed, 0 unknown, 0 refuted;");
    expect(r.stdout).toContain("OK: z3 confirmed every theorem.");
    expect(r.code).toBe(0);
    const files = readdirSync(smt2).sort();
    expect(files).toHaveLength(14);
    expect(files).toContain("T4-step.smt2");
    const step = readFileSync(join(smt2, "T4-step.smt2"), "utf8");
    expect(step).toMatch(/^; gl crosscheck: theorem T4/);
    expect(step.trimEnd().endsWith("(check-sat)")).toBe(true);
  }, 120_000);

  it("exits 1 on a refuted theorem, and gives the report as JSON", () => {
    const file = write("refuted.json", falseGraphs().refuted);
    const r = gl("crosscheck", file, "--json", "--only", "T1,T2", "-q");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.counts).toEqual({ confirmed: 1, unknown: 0, refuted: 1 });
    expect(report.axioms).toBe("cited");
    expect(report.theorems[0]).toMatchObject({
      id: "T1",
      verdict: "refuted",
      reason: "main: z3 found a counter-model",
      obligations: [{ name: "main", answer: "sat", reason: null }],
    });
  }, 60_000);

  it("lists an unknown with z3's reason: exit 0, or 1 with --strict", () => {
    const file = write("unknown.json", falseGraphs().unknown);
    const loose = gl("crosscheck", file, "--only", "T1", "--problem-timeout", "0.5", "-q");
    expect(loose.stdout).toMatch(
      /^ {2}T1 {2}unknown .*\n {6}main: (timeout|canceled|incomplete quantifiers)/m,
    );
    expect(loose.stdout).toContain("Nothing refuted; z3 could not decide every theorem");
    expect(loose.code).toBe(0);
    const strict = gl("crosscheck", file, "--only", "T1", "--problem-timeout", "0.5", "-q", "--strict");
    expect(strict.stdout).toContain("NOT CONFIRMED: z3 could not decide every theorem (--strict).");
    expect(strict.code).toBe(1);
  }, 60_000);

  it("exits 2 on usage errors and 1 on a file that is not a proof graph", () => {
    const file = write("good2.json", peanoGraph());
    const zero = gl("crosscheck", file, "--problem-timeout", "0");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--problem-timeout must be a number of seconds above 0");
    const only = gl("crosscheck", file, "--only", "T99");
    expect(only.code).toBe(2);
    expect(only.stderr).toContain("--only names theorems the graph does not have: T99");
    const notGraph = join(dir, "not-graph.json");
    writeFileSync(notGraph, '{"schema":"something-else"}');
    const bad = gl("crosscheck", notGraph);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a proof graph");
  }, 60_000);
});

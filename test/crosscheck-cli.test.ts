/**
 * `gl crosscheck` through the built command line, on the small hand-written Peano graph: the
 * text and JSON reports, progress on stderr, the SMT-LIB and TPTP exports, E as the solver
 * (skipped, with the reason printed, where eprover is not installed) and E missing, the exit
 * codes (refuted, unknown with and without --strict, usage and input errors), and a clean exit
 * of the process (z3's worker threads do not keep it alive).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findEprover } from "../crosscheck/eprover.js";
import type { ProofGraph } from "../export/schema.js";
import { ensureBuilt, gl, glWithEnv } from "./support/built-cli.js";
import { peanoGraph } from "./support/peano-graph.js";

const eprover = findEprover();
if ("missing" in eprover) console.log(`skipping the gl crosscheck --solver e tests: ${eprover.missing}`);

const dir = mkdtempSync(join(tmpdir(), "gl-crosscheck-"));
const write = (name: string, g: ProofGraph) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(g));
  return path;
};

/** T1 (a + 0 = a) made false (a + 0 = 0): z3 finds a counter-model under the functional
 * encoding, and cannot decide it under the relational one (its totality axioms). */
function falseGraph(): ProofGraph {
  const g = peanoGraph();
  g.theorems[0]!.statement.head = { pred: "in3", args: ["a", "zero", "zero", "+"] };
  return g;
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
    expect(r.stdout).toMatch(
      /^Crosscheck of .*good\.json with Z3 4\.15\.\d+\.\d+ \(5 s per problem, the axioms each part of a proof cites, functional encoding: in2\.s as fn\.s, in3\.\+ as fn\.\+\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}T1 {2}confirmed +\d+\.\d\d s {2}∀a: in\[a,N\] → in3\[a,zero,a,\+\]$/m);
    // T5 is a case split: carrier, base and step, no hypothesis.
    expect(r.stdout).toContain("Total: 8 theorems, 13 problems: 8 confirmed, 0 unknown, 0 refuted;");
    expect(r.stdout).toContain("OK: z3 confirmed every theorem.");
    expect(r.code).toBe(0);
    const files = readdirSync(smt2).sort();
    expect(files).toHaveLength(13);
    expect(files).not.toContain("T5-hypothesis.smt2");
    expect(files).toContain("T4-step.smt2");
    const step = readFileSync(join(smt2, "T4-step.smt2"), "utf8");
    expect(step).toMatch(/^; gl crosscheck: theorem T4/);
    expect(step.trimEnd().endsWith("(check-sat)")).toBe(true);
  }, 120_000);

  it("exits 1 on a refuted theorem, and gives the report as JSON", () => {
    const file = write("refuted.json", falseGraph());
    const r = gl("crosscheck", file, "--json", "--only", "T1,T2", "-q");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.counts).toEqual({ confirmed: 1, unknown: 0, refuted: 1 });
    expect(report).toMatchObject({ axioms: "cited", encoding: "functional", solverName: "z3" });
    expect(report.theorems[0]).toMatchObject({
      id: "T1",
      verdict: "refuted",
      reason: "main: z3 found a counter-model",
      obligations: [{ name: "main", answer: "sat", reason: null }],
    });
  }, 60_000);

  it("lists an unknown with z3's reason: exit 0, or 1 with --strict", () => {
    const file = write("unknown.json", falseGraph());
    const args = [
      "crosscheck",
      file,
      "--only",
      "T1",
      "--problem-timeout",
      "0.5",
      "--encoding",
      "relational",
      "-q",
    ];
    const loose = gl(...args);
    expect(loose.stdout).toMatch(
      /^ {2}T1 {2}unknown .*\n {6}main: (timeout|canceled|incomplete quantifiers)/m,
    );
    expect(loose.stdout).toContain("relational encoding)");
    expect(loose.stdout).toContain("Nothing refuted; z3 could not decide every theorem");
    expect(loose.code).toBe(0);
    const strict = gl(...args, "--strict");
    expect(strict.stdout).toContain("NOT CONFIRMED: z3 could not decide every theorem (--strict).");
    expect(strict.code).toBe(1);
  }, 60_000);

  it("exits 2 on usage errors and 1 on a file that is not a proof graph", () => {
    const file = write("good2.json", peanoGraph());
    const zero = gl("crosscheck", file, "--problem-timeout", "0");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--problem-timeout must be a number of seconds above 0");
    const solver = gl("crosscheck", file, "--solver", "vampire");
    expect(solver.code).toBe(2);
    expect(solver.stderr).toContain("--solver must be one of z3, e, got 'vampire'");
    const encoding = gl("crosscheck", file, "--encoding", "sorted");
    expect(encoding.code).toBe(2);
    expect(encoding.stderr).toContain("--encoding must be one of functional, relational, got 'sorted'");
    const only = gl("crosscheck", file, "--only", "T99");
    expect(only.code).toBe(2);
    expect(only.stderr).toContain("--only names theorems the graph does not have: T99");
    const notGraph = join(dir, "not-graph.json");
    writeFileSync(notGraph, '{"schema":"something-else"}');
    const bad = gl("crosscheck", notGraph);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a proof graph");
  }, 60_000);

  it("says clearly that E is missing, exits 1 and writes nothing", () => {
    const file = write("good3.json", peanoGraph());
    const tptp = join(dir, "never");
    const absent = join(dir, "no-such-eprover");
    const withoutE = (...args: string[]) =>
      glWithEnv({ EPROVER: absent }, "crosscheck", file, "--solver", "e", ...args);
    const r = withoutE("--tptp-dir", tptp);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `gl crosscheck: error: --solver e: E (eprover) not found: EPROVER is set to ${absent}, which does not exist\n`,
    );
    expect(r.stdout).toBe("");
    expect(existsSync(tptp)).toBe(false);
    const json = withoutE("--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { kind: "input" } });
  }, 60_000);

  it.skipIf("missing" in eprover)(
    "runs E with --solver e, and writes its TPTP input with --tptp-dir",
    () => {
      const file = write("good4.json", peanoGraph());
      const tptp = join(dir, "tptp");
      const r = gl("crosscheck", file, "--solver", "e", "--tptp-dir", tptp, "--json", "-q");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.solverName).toBe("E");
      expect(report.solver).toMatch(/^E \d/);
      expect(report.counts).toEqual({ confirmed: 8, unknown: 0, refuted: 0 });
      const files = readdirSync(tptp).sort();
      expect(files).toHaveLength(report.problems);
      expect(files).toContain("T4-step.p");
      const step = readFileSync(join(tptp, "T4-step.p"), "utf8");
      expect(step).toMatch(/^% gl crosscheck: theorem T4/);
      expect(step).toMatch(/^fof\(goal, conjecture, .*\)\.$/m);
      // E refutes the false T1 as z3 does, in the text report.
      const bad = gl(
        "crosscheck",
        write("refuted-e.json", falseGraph()),
        "--solver",
        "e",
        "--only",
        "T1",
        "-q",
      );
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^ {2}T1 {2}refuted .*\n {6}main: E found a counter-model$/m);
      expect(bad.stdout).toContain("REFUTED: E found a counter-model for at least one theorem.");
    },
    60_000,
  );
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { formatReport, registerVerify, runVerify } from "../cli/commands/verify.js";
import { runProver } from "../cli/run-engine.js";
import type { ProofGraph } from "../export/schema.js";
import { loadPaths } from "../mpl/index.js";
import { verifyGraph } from "../verify/verify.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { peanoGraph } from "./support/peano-graph.js";
import { at, stepOf } from "./support/proof-dsl.js";

const dir = mkdtempSync(join(tmpdir(), "gl-verify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A graph written by the engine, whose sources compile to its axioms: two quick peano-quick laws. */
let engineGraph: ProofGraph;
let valid: string;
beforeAll(async () => {
  const { theory } = loadPaths(["examples/peano-quick"]);
  if (!theory) throw new Error("examples/peano-quick does not compile");
  const laws = theory.conjectures.filter((c) => c.name === "zero_add" || c.name === "add_one");
  engineGraph = (await runProver(theory, laws, { workers: 1, settings: {}, phase: "test", quiet: true }))
    .graph;
  valid = file("valid.json", JSON.stringify(engineGraph));
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function run(path: string, json = false) {
  let out = "";
  let err = "";
  const code = runVerify(path, { json }, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const handWritten = file("hand-written.json", JSON.stringify(peanoGraph()));
const brokenGraph = peanoGraph();
stepOf(brokenGraph, "T1", 7).fact = at("in3[a,zero,zero,+]");
const broken = file("broken.json", JSON.stringify(brokenGraph));

describe("gl verify", () => {
  it("compiles the sources again, prints checks per kind and totals, and exits 0 for a valid graph", () => {
    const { code, out, err } = run(valid);
    expect(code).toBe(0);
    expect(err).toBe("");
    const report = verifyGraph(engineGraph, { recompileSources: true });
    expect(report.failures).toEqual([]);
    expect(out).toMatch(/Step checks:\n(.*\n)* {2}hypothesis +1\n(.*\n)*Theorem and graph checks:/);
    expect(out).toMatch(/Theorem and graph checks:\n(.*\n)* {2}expected-axiom +23\n/);
    expect(out).toContain("Axioms cross-checked: compiled again from 4 source files carried by the graph\n");
    expect(out).toContain(`Total: ${report.checks} checks, 0 failures`);
    expect(out).toContain("OK: every check passed.");
  });

  it("lays out the checks per kind and says plainly when the axioms were not cross-checked", () => {
    const out = formatReport("x.json", verifyGraph(peanoGraph()));
    expect(out).toMatch(/Step checks:\n(.*\n)* {2}witness +3\n(.*\n)*Theorem and graph checks:/);
    expect(out).toMatch(/^ {2}eq-subst +4$/m);
    expect(out).toMatch(/Theorem and graph checks:\n(.*\n)* {2}goals +8\n/);
    expect(out).toContain(
      "Axioms NOT cross-checked: neither sources to compile nor expected axioms were given\n",
    );
    expect(out).toContain(`Total: ${verifyGraph(peanoGraph()).checks} checks, 0 failures`);
  });

  it("fails a graph whose sources do not compile: its axioms cannot be anchored", () => {
    const { code, out } = run(handWritten);
    expect(code).toBe(1);
    expect(out).toContain(
      "FAIL (graph): axioms not cross-checked: the sources do not compile: peano.mpl:1:1: error",
    );
    // The hand-written proofs themselves are sound: the sources are the only failure.
    expect(out.match(/^ {2}FAIL /gm)).toHaveLength(1);
  });

  it("fails a graph with a tampered axiom, naming the axiom", () => {
    const g = structuredClone(engineGraph);
    const a3 = g.axioms.find((e) => e.id === "A3")!;
    a3.head = at("in[x,Nat]");
    const { code, out } = run(file("tampered.json", JSON.stringify(g)));
    expect(code).toBe(1);
    expect(out).toContain(
      "FAIL (graph): axiom A3 differs from the one compiled from the sources: the graph has rule ∀x,y: in2[x,y,succ] → in[x,Nat], the sources give rule ∀x,y: in2[x,y,succ] → in[y,Nat]\n",
    );
  });

  it("prints every failure with theorem and step, and exits 1", () => {
    const { code, out } = run(broken);
    expect(code).toBe(1);
    expect(out).toContain("FAIL T1 step 7: argument 3 of in3[a,zero,zero,+]: zero replaces w");
    expect(out).toContain("FAIL T1 step 7: main goal step 7 proves in3[a,zero,zero,+]");
    expect(out).toContain("FAIL T3 step 3: cites failed theorem T1");
    expect(out).toContain("FAILED: the proof graph does not verify.");
  });

  it("--json prints the report itself", () => {
    const { code, out } = run(broken, true);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual(verifyGraph(brokenGraph, { recompileSources: true }));
  });

  it("exits 1 for a missing file, a file that is not JSON and JSON that is not a proof graph", () => {
    const missing = run(join(dir, "nope.json"));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("cannot read");
    expect(missing.err).toContain("(ENOENT)");
    const notJson = run(file("bad.json", "{ not json"));
    expect(notJson.code).toBe(1);
    expect(notJson.out).toContain("FAIL (graph): not JSON:");
    const notGraph = run(file("other.json", '{"hello": 1}'), true);
    expect(notGraph.code).toBe(1);
    expect(JSON.parse(notGraph.out).failures[0].reason).toBe(
      'schema: expected "gl-proof-graph", got nothing',
    );
  });
});

describe("registerVerify", () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
    vi.restoreAllMocks();
  });

  function program(): Command {
    const p = new Command().name("gl");
    p.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerVerify(p);
    return p;
  }

  it("sets the exit code from the report", async () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await program().parseAsync(["verify", broken, "--json"], { from: "user" });
    expect(process.exitCode).toBe(1);
    expect(JSON.parse(String(write.mock.calls[0]![0])).ok).toBe(false);
    await program().parseAsync(["verify", valid], { from: "user" });
    expect(process.exitCode).toBe(0);
  });

  it("exits 2 on a usage error, through the real bin", () => {
    ensureBuilt();
    for (const args of [["verify"], ["verify", valid, "--bogus"]]) {
      const r = gl(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^gl verify: error: /);
    }
  });
});

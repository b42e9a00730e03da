/**
 * The verifier fails closed, through the real `gl` binary: the axioms it accepts must come out
 * of compiling sources. A graph proving the false law a + b = a from a made-up axiom is
 * rejected when its sources are replaced by a single `.txt` entry; when its sources were edited
 * under the real file names (so that they compile to the forged axioms), `gl verify --sources`
 * with the user's own files rejects it and shows which file differs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProver } from "../cli/run-engine.js";
import type { ProofGraph, TheoremJson } from "../export/schema.js";
import { anchorJson, compileSources, loadPaths } from "../mpl/index.js";
import { ensureBuilt, gl } from "./support/built-cli.js";

const dir = mkdtempSync(join(tmpdir(), "gl-trust-sources-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MADE_UP = "(>[a,b,c] (in3[a,b,c,+]) (=[a,c]))";

let graph: ProofGraph;
beforeAll(async () => {
  ensureBuilt();
  const { theory } = loadPaths(["examples/peano-quick"]);
  if (!theory) throw new Error("examples/peano-quick does not compile");
  const laws = theory.conjectures.filter((c) => c.name === "add_one");
  graph = (await runProver(theory, laws, { workers: 1, settings: {}, phase: "test", quiet: true })).graph;
});

function write(name: string, g: ProofGraph): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(g));
  return path;
}

/** a + b = c → a = c, proved in two steps from the axiom `ref`. */
function falseLaw(ref: string): TheoremJson {
  const atom = (pred: string, ...args: string[]) => ({ pred, args });
  return {
    id: `T${graph.theorems.length + 1}`,
    name: "add_absorbs",
    statement: {
      vars: ["a", "b", "c"],
      premises: [atom("in3", "a", "b", "c", "+")],
      head: atom("=", "a", "c"),
    },
    mpl: `(>[a,b,c] (in3[a,b,c,+]) (=[a,c]))`,
    readable: "a + b = a",
    method: "direct",
    burst: 0,
    uses: [],
    axioms: [ref],
    goals: { main: 2 },
    steps: [
      {
        n: 1,
        section: "main",
        fact: atom("in3", "a", "b", "c", "+"),
        kind: "premise",
        premises: [],
        index: 0,
      },
      {
        n: 2,
        section: "main",
        fact: atom("=", "a", "c"),
        kind: "rule",
        premises: [1],
        ref,
        binding: ["a", "b", "c"],
      },
    ],
  };
}

/** The graph with peano.mpl's anchor extended by the made-up axiom, consistently everywhere. */
function forged(): ProofGraph {
  const g = structuredClone(graph);
  const peano = g.theory.sources.find((s) => s.path.endsWith("peano.mpl"))!;
  peano.text = peano.text.replace(/\n {2}\)\n\nanchor/, `\n  )\n  ${MADE_UP})\n\nanchor`);
  peano.text = peano.text.replace(/:=\n {2}\(&\n/, ":=\n  (& (&\n");
  const compiled = compileSources(g.theory.sources);
  if (!compiled.theory) throw new Error(compiled.diagnostics.map((d) => d.message).join("\n"));
  g.axioms = anchorJson(compiled.theory).axioms;
  const ref = g.axioms[g.axioms.length - 1]!.id;
  g.theorems.push(falseLaw(ref));
  return g;
}

describe("a graph proving a + b = a from a made-up axiom", () => {
  it("verifies against its own edited sources: nothing inside a graph can tell", () => {
    const r = gl("verify", write("forged.json", forged()));
    expect(r.stdout).toContain("OK: every check passed.");
    expect(r.code).toBe(0);
  });

  it("is rejected when its sources are replaced by a single .txt entry", () => {
    const g = forged();
    g.theory.sources = [{ path: "peano.txt", text: "(>[a,b,c] (in3[a,b,c,+]) (=[a,c]))" }];
    const r = gl("verify", write("replaced.json", g));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "  FAIL (graph): axioms not cross-checked: the sources are GL definition files without a config, so they cannot be compiled (check the graph against your files with --sources or --gl-config)\n",
    );
    expect(r.stdout).toContain(
      "Axioms NOT cross-checked: the sources are GL definition files without a config",
    );
    expect(r.stdout).toContain("FAILED: the proof graph does not verify.");
  });

  it("is rejected by gl verify --sources with the user's own files, which names the extra axiom and the edited file", () => {
    const r = gl("verify", write("forged.json", forged()), "--sources", "examples/peano-quick");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Axioms cross-checked: compiled from your 4 files\n");
    expect(r.stdout).toContain("  FAIL (graph): axiom A24 is not among the expected axioms\n");
    expect(r.stdout).toMatch(
      /^ {2}differs +examples\/peano-quick\/peano\.mpl \(the graph's copy examples\/peano-quick\/peano\.mpl differs from line 6\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}same +examples\/peano-quick\/laws\.mpl$/m);
    // The false law cites an axiom the user's files do not have.
    expect(r.stdout).toContain(
      `  FAIL T${graph.theorems.length + 1} step 2: cites axiom A24, which the sources do not give as it stands\n`,
    );
  });
});

describe("gl verify --sources", () => {
  it("accepts the engine's own graph against the files it was proved from, every file the same", () => {
    const r = gl("verify", write("clean.json", graph), "--sources", "examples/peano-quick");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Axioms cross-checked: compiled from your 4 files\n");
    expect(r.stdout.match(/^ {2}same {15}examples\/peano-quick\/\w+\.mpl$/gm)).toHaveLength(4);
  });

  it("rejects the graph when the user's files do not compile, with the diagnostic", () => {
    const bad = join(dir, "bad.mpl");
    writeFileSync(bad, "definition A[N: set] := (in[x,N]\n");
    const r = gl("verify", write("clean.json", graph), "--sources", bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.mpl:1:\d+: error MPL\d+: /);
    expect(r.stdout).toMatch(
      / {2}FAIL \(graph\): axioms not cross-checked: your sources do not compile: .*bad\.mpl:1:/,
    );
  });

  it("reports usage errors with exit 2", () => {
    const clean = write("clean.json", graph);
    expect(gl("verify", clean, "--gl-config", "c.json")).toMatchObject({
      code: 2,
      stderr:
        "gl verify: error: --gl-config needs the GL definitions folder: gl verify <proof.json> --gl-config C <defs-dir>\n",
    });
    expect(gl("verify", clean, "extra")).toMatchObject({
      code: 2,
      stderr: "gl verify: error: unexpected argument 'extra' (files to check against go after --sources)\n",
    });
  });
});

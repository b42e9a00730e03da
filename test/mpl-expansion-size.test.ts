/**
 * Definition expansion is bounded: a chain of definitions that each use the previous one twice
 * in conclusion position (Xk := (&(X(k-1)[x,S]) (X(k-1)[x,S])), k up to 20: a 1.3 KB file that
 * would expand into a million atoms) fails at once with MPL121, positioned at the first
 * definition past the limit, in `gl check` and, inside a graph's sources, in `gl verify`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { compileSources } from "../mpl/index.js";
import { ensureBuilt, gl } from "./support/built-cli.js";

const dir = mkdtempSync(join(tmpdir(), "gl-expansion-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

/** X0 := in[x,S]; Xk := (&(X(k-1)[x,S]) (X(k-1)[x,S])) for k = 1..n. */
function doubling(n: number): string {
  const lines = ["definition X0[x: element, S: set] := (in[x,S])"];
  for (let k = 1; k <= n; k++)
    lines.push(`definition X${k}[x: element, S: set] := (&(X${k - 1}[x,S]) (X${k - 1}[x,S]))`);
  return `${lines.join("\n")}\n`;
}

const MESSAGE = [
  "exp.mpl:15:12: error MPL121: definition X14 expands to more than 10000 atoms",
  "  definition X14[x: element, S: set] := (&(X13[x,S]) (X13[x,S]))",
  "             ^",
].join("\n");

describe("MPL121: definitions that expand into too many atoms", () => {
  it("gl check stops at once on a doubling chain up to X20, naming the first definition past the limit", () => {
    const file = join(dir, "exp.mpl");
    writeFileSync(file, doubling(20));
    expect(readFileSync(file).length).toBeLessThan(1400);
    const r = gl("check", file);
    expect(r.code).toBe(1);
    expect(r.stderr.replaceAll(`${dir}/`, "")).toBe(`${MESSAGE}\n`);
  });

  it("accepts the chain up to X13 (8192 atoms), within the limit", () => {
    const { theory, diagnostics } = compileSources([{ path: "ok.mpl", text: doubling(13) }]);
    expect(diagnostics).toEqual([]);
    expect(theory?.definitions.find((d) => d.name === "X13")?.entities).toHaveLength(8192);
  });

  it("counts only what the lowering expands: definitions used as premises stay atoms", () => {
    const lines = ["definition Y0[x: element, S: set] := (in[x,S])"];
    for (let k = 1; k <= 40; k++)
      lines.push(
        `definition Y${k}[x: element, S: set] := (>[y] (&(Y${k - 1}[y,S]) (Y${k - 1}[x,S])) (in[y,S]))`,
      );
    const { theory, diagnostics } = compileSources([{ path: "y.mpl", text: lines.join("\n") }]);
    expect(diagnostics).toEqual([]);
    expect(theory?.definitions.find((d) => d.name === "Y40")?.entities).toHaveLength(1);
  });

  it("gl verify fails a graph whose sources carry the chain, with the same message", () => {
    const { theory } = compileSources([
      { path: "a.mpl", text: "definition A[N: set, z: element] := (in[z,N])\nanchor A\n" },
    ]);
    expect(theory).not.toBeNull();
    const graph: ProofGraph = {
      schema: "gl-proof-graph",
      version: 2,
      theory: {
        anchor: "A",
        constants: [
          { name: "N", type: "set" },
          { name: "z", type: "element" },
        ],
        sources: [
          { path: "a.mpl", text: "definition A[N: set, z: element] := (in[z,N])\nanchor A\n" },
          { path: "exp.mpl", text: doubling(20) },
        ],
      },
      predicates: [
        { name: "in", arity: 2, operator: null },
        { name: "in2", arity: 3, operator: null },
        { name: "in3", arity: 4, operator: null },
        { name: "=", arity: 2, operator: null },
      ],
      definitions: [],
      axioms: [],
      theorems: [],
      unproved: [],
      run: {
        stopReason: "all-proved",
        bursts: 0,
        blocks: 0,
        facts: 0,
        witnesses: 0,
        limits: { maxBursts: 1, maxWitnessDepth: 1, maxFactsPerBlock: 1 },
        blocksAtFactLimit: 0,
      },
    };
    const file = join(dir, "graph.json");
    writeFileSync(file, JSON.stringify(graph));
    const r = gl("verify", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "  FAIL (graph): axioms not cross-checked: the sources do not compile: exp.mpl:15:12: error MPL121: definition X14 expands to more than 10000 atoms\n",
    );
  });
});

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type DiscoveryResult, discover } from "../engine/discovery/pipeline.js";
import { buildProofGraph } from "../engine/graph.js";
import { loadPaths } from "../mpl/index.js";
import type { PatternAtom, Theory } from "../mpl/theory.js";
import { verifyGraph } from "../verify/verify.js";

const dir = join(import.meta.dirname, "..", "examples", "peano");

function load(paths: string[]): Theory {
  const r = loadPaths(paths);
  if (!r.theory) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.theory;
}

const run = (theory: Theory) => discover(theory, { modelSize: 5, settings: {}, executor: () => undefined });

/** Real arithmetic, written here independently of the engine. */
function holds(theory: Theory, a: PatternAtom, value: (t: number) => number): boolean {
  const name = (t: number) => theory.constants[-t - 1]!.name;
  const v = a.args.map((t) =>
    t < 0 && theory.constants[-t - 1]!.type !== "element" ? Number.NaN : value(t),
  );
  const pred = theory.predicates[a.pred]!.name;
  let ok: boolean;
  if (pred === "=") ok = v[0] === v[1];
  else if (pred === "in2") ok = v[0]! + 1 === v[1];
  else if (pred === "in3") {
    const op = name(a.args[3]!);
    ok = op === "+" ? v[0]! + v[1]! === v[2] : v[0]! * v[1]! === v[2];
  } else throw new Error(`unexpected predicate ${pred}`);
  return a.negated ? !ok : ok;
}

describe("discovery on examples/peano", () => {
  let theory: Theory;
  let result: DiscoveryResult;
  beforeAll(async () => {
    theory = load([dir]);
    result = await run(theory);
  });

  it("reports the counts of every stage", () => {
    expect({
      candidates: result.candidates,
      refuted: result.refuted.length,
      survivors: result.survivors,
      proved: result.run.conjectures.filter((c) => c.proved && c.mirrorOf === null).length,
      mirrors: result.run.conjectures.filter((c) => c.proved && c.mirrorOf !== null).length,
      unproved: result.run.conjectures.filter((c) => !c.proved).length,
      essential: result.compression.essential.length,
      modelValues: result.model.positives,
      distinct: result.model.negatives,
    }).toEqual({
      candidates: 5617,
      refuted: 5523,
      survivors: 94,
      // The other 22 survivors are instances of proved ones, not proved separately.
      proved: 72,
      mirrors: 48,
      unproved: 0,
      essential: 18,
      modelValues: 30,
      distinct: 12,
    });
  });

  it("finds and proves all six target laws from the axioms alone", () => {
    expect(result.targets.map((t) => [t.name, t.status])).toEqual([
      ["add_comm", "proved"],
      ["add_assoc", "proved"],
      ["mul_comm", "proved"],
      ["mul_assoc", "proved"],
      ["left_distrib", "proved"],
      ["right_distrib", "proved"],
    ]);
  });

  it("computes a model that agrees with arithmetic and proves it", () => {
    for (const cell of result.model.cells) {
      const op = theory.constants[cell.op]!.name;
      const [i, j] = cell.inputs as [number, number];
      expect(cell.value).toBe(op === "+" ? i + j : i * j);
    }
    // The model grew to 0..8 for the candidates' values: values past the test range are known.
    expect(result.model.valueBound).toBe(8);
    expect(result.model.cells.length).toBe(30);
    // The model answers with its cells, values past the test range (0..5) among them.
    for (const cell of result.model.cells)
      expect(result.model.model.apply(cell.op, cell.inputs)).toBe(cell.value);
    expect(result.model.cells.some((c) => c.value > 5)).toBe(true);
    const graph = buildProofGraph(result.model.run, () => "");
    expect(verifyGraph(graph).failures).toEqual([]);
  });

  it("refutes only false candidates: each counterexample is checked by brute force", () => {
    expect(result.refuted.length).toBeGreaterThan(0);
    for (const r of result.refuted) {
      const c = r.conjecture;
      const value = (t: number) => (t < 0 ? 0 : r.instance[c.varNames[t]!]!);
      expect(c.premises.every((p) => holds(theory, p, value))).toBe(true);
      expect(holds(theory, c.head, value)).toBe(false);
    }
  });

  it("proves the same theorems when the named targets are deleted from the input", async () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".mpl") && f !== "laws.mpl")
      .map((f) => join(dir, f));
    const bare = load(files);
    expect(bare.conjectures).toEqual([]);
    const again = await run(bare);
    const theorems = (r: DiscoveryResult) => JSON.stringify(buildProofGraph(r.run, () => "").theorems);
    expect(theorems(again)).toBe(theorems(result));
    expect(again.targets).toEqual([]);
  });
});

/**
 * Proofs as the engine extracts them and the site shows them, on the quick Peano set: no fact
 * derived twice (no detours), add_comm short, still accepted by the verifier, and every
 * theorem page numbering its steps in reading order.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutDetours } from "../engine/proof-detours.js";
import { renderSite } from "../export/html/render.js";
import type { ProofGraph, Section, StepJson, TheoremJson } from "../export/schema.js";
import { gl } from "./support/built-cli.js";

let work: string;
let graph: ProofGraph;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "gl-reading-order-"));
  const r = gl("prove", "examples/peano-quick", "--out", join(work, "one"), "--workers", "1", "--quiet");
  expect(r.code, r.stderr).toBe(0);
  graph = JSON.parse(readFileSync(join(work, "one", "proof.json"), "utf8")) as ProofGraph;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const key = (s: StepJson): string => `${s.fact.neg ? "!" : ""}${s.fact.pred}[${s.fact.args.join(",")}]`;

/** Pairs of steps with the same fact where the later one could have cited the earlier one. */
function detours(t: TheoremJson): [number, number][] {
  const out: [number, number][] = [];
  const seen = new Map<string, StepJson>();
  for (const s of [...t.steps].sort((a, b) => a.n - b.n)) {
    for (const sec of new Set<Section>([s.section, "main"])) {
      const e = seen.get(`${sec}|${key(s)}`);
      if (e !== undefined && (e.section === s.section || (e.section === "main" && s.section === "step")))
        out.push([e.n, s.n]);
    }
    if (!seen.has(`${s.section}|${key(s)}`)) seen.set(`${s.section}|${key(s)}`, s);
  }
  return out;
}

describe("proof extraction without detours", () => {
  it("derives no fact twice in any proof, and proves add_comm in at most 20 steps", () => {
    for (const t of graph.theorems) expect(detours(t), `${t.id} ${t.name}`).toEqual([]);
    const addComm = graph.theorems.find((t) => t.name === "add_comm")!;
    expect(addComm.steps.length).toBeLessThanOrEqual(20);
  });

  // The same bytes for any worker count: test/pool-determinism.test.ts runs this set on 1 and 3.
  it("still passes the verifier", () => {
    const v = gl("verify", join(work, "one", "proof.json"));
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it("points uses of a re-derived goal at its first derivation and drops the rest", () => {
    const at = (n: number, section: Section, args: string[], premises: number[]): StepJson => ({
      n,
      section,
      fact: { pred: "in3", args },
      kind: premises.length === 0 ? "premise" : "eq-subst",
      premises,
    });
    const steps = [
      at(1, "base", ["b", "zero", "c", "+"], []),
      at(2, "base", ["b", "zero", "d", "+"], [1]),
      at(3, "base", ["b", "zero", "c", "+"], [2]),
      at(4, "step", ["x", "y", "z", "+"], []),
    ];
    const r = withoutDetours(steps, { base: 3, step: 4 }, undefined);
    expect(r.goals).toEqual({ step: 1, base: 2 });
    expect(r.steps.map((s) => [s.n, s.section, s.premises])).toEqual([
      [1, "step", []],
      [2, "base", []],
    ]);
  });
});

describe("steps in reading order on every page", () => {
  it("numbers rows 1, 2, … down the page, each premise before the step citing it", async () => {
    const site = await renderSite(graph);
    let pages = 0;
    for (const t of graph.theorems) {
      const html = site.get(`t/${t.id}.html`)!;
      const rows = [...html.matchAll(/<tr id="s(\d+)"[^>]*data-deps="([^"]*)"/g)];
      expect(
        rows.map((m) => Number(m[1])),
        t.id,
      ).toEqual(t.steps.map((_, i) => i + 1));
      for (const m of rows) {
        const n = Number(m[1]);
        for (const d of m[2]!.split(" ").filter((x) => x !== ""))
          expect(Number(d), `${t.id} step ${n}`).toBeLessThan(n);
      }
      pages += 1;
    }
    expect(pages).toBe(graph.theorems.length);
  });
});

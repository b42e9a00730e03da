/**
 * The fields people read are checked or plainly not vouched for: swapped names, an `mpl` text
 * that states another law and a mirror pointing at the wrong theorem are rejected; an edited
 * `readable` text is listed as not vouched for by `gl verify`, and `gl export` does not show it
 * (the site renders statements again from the checked structure).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProver } from "../cli/run-engine.js";
import type { ProofGraph } from "../export/schema.js";
import { loadPaths } from "../mpl/index.js";
import { verifyGraph } from "../verify/verify.js";
import { ensureBuilt, gl } from "./support/built-cli.js";

const dir = mkdtempSync(join(tmpdir(), "gl-trust-fields-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let graph: ProofGraph;
beforeAll(async () => {
  ensureBuilt();
  const { theory } = loadPaths(["examples/peano-quick"]);
  if (!theory) throw new Error("examples/peano-quick does not compile");
  const laws = theory.conjectures.filter((c) => c.name === "zero_add" || c.name === "zero_mul");
  graph = (await runProver(theory, laws, { workers: 1, settings: {}, phase: "test", quiet: true })).graph;
});

const check = (g: ProofGraph) => verifyGraph(g, { recompileSources: true });
const theorem = (g: ProofGraph, name: string) => g.theorems.find((t) => t.name === name)!;

describe("the fields of a theorem", () => {
  it("are all checked on the engine's graph: names, mpl texts and mirrors", () => {
    const r = check(graph);
    expect(r.failures).toEqual([]);
    expect(graph.theorems.map((t) => t.name)).toEqual([
      "zero_add",
      "zero_mul",
      "zero_add (mirror)",
      "zero_mul (mirror)",
    ]);
    expect(r.checksByKind).toMatchObject({ mpl: 4, name: 4, mirror: 2 });
    expect(r.notVouchedFor).toEqual([
      "readable: the readable rendering of statements (gl export renders them again from the statements)",
    ]);
  });

  it("rejects swapped names", () => {
    const g = structuredClone(graph);
    theorem(g, "zero_add").name = "zero_mul";
    g.theorems[1]!.name = "zero_add";
    expect(check(g).failures).toEqual([
      {
        theorem: "T1",
        step: null,
        reason:
          "the sources' conjecture zero_mul states ∀a,b: in3[zero,a,b,*] → in3[a,zero,b,*], not this theorem's statement",
      },
      {
        theorem: "T2",
        step: null,
        reason:
          "the sources' conjecture zero_add states ∀a,b: in3[zero,a,b,+] → in3[a,zero,b,+], not this theorem's statement",
      },
      // The mirrors' names no longer match their originals' either.
      {
        theorem: "T3",
        step: null,
        reason: "the name zero_add (mirror) needs mirrorOf to name a theorem called zero_add",
      },
      {
        theorem: "T4",
        step: null,
        reason: "the name zero_mul (mirror) needs mirrorOf to name a theorem called zero_mul",
      },
    ]);
  });

  it("rejects an mpl text that states another law", () => {
    const g = structuredClone(graph);
    theorem(g, "zero_add").mpl = theorem(g, "zero_mul").mpl;
    expect(check(g).failures).toEqual([
      {
        theorem: "T1",
        step: null,
        reason:
          "the mpl text states ∀a,b: in3[zero,a,b,*] → in3[a,zero,b,*], not the statement ∀a,b: in3[zero,a,b,+] → in3[a,zero,b,+]",
      },
    ]);
  });

  it("rejects a mirror that names the wrong original", () => {
    const g = structuredClone(graph);
    const mirror = theorem(g, "zero_mul (mirror)");
    mirror.mirrorOf = "T1";
    mirror.name = "zero_add (mirror)";
    expect(check(g).failures).toEqual([
      {
        theorem: "T4",
        step: null,
        reason:
          "mirrorOf T1: its statement is not a symmetric variant of T1's (a premise and the head exchanged, or the sides of its equality)",
      },
    ]);
  });

  it("lists an edited readable text as not vouched for, and gl export does not show it", () => {
    const g = structuredClone(graph);
    const t = theorem(g, "zero_add");
    const honest = t.readable;
    t.readable = "a + b = a";
    const file = join(dir, "readable.json");
    writeFileSync(file, JSON.stringify(g));
    const v = gl("verify", file);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(
      "Not vouched for: readable: the readable rendering of statements (gl export renders them again from the statements)\n",
    );
    const html = join(dir, "html");
    expect(gl("export", file, "--html", html).code).toBe(0);
    const pages = readdirSync(html, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".html"))
      .map((f) => readFileSync(join(html, f), "utf8"));
    expect(pages.some((p) => p.includes("a + b = a"))).toBe(false);
    expect(pages.some((p) => p.includes(honest.replaceAll("+", "+")))).toBe(true);
  });
});

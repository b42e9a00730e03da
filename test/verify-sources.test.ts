/**
 * Cross-checking a graph's axioms against its sources compiled again: `.mpl` files, GL folders
 * (rebuilt from the texts the graph carries, through `loadGlTexts`), and the sources that
 * cannot be compiled again, each with its plain reason.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatReport } from "../cli/commands/verify.js";
import { runProver } from "../cli/run-engine.js";
import { loadGlFolder, loadGlTexts } from "../mpl/index.js";
import { recompileSources } from "../verify/sources.js";
import { verifyGraph } from "../verify/verify.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { GL_FIXTURES, haveGlFixtures, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

warnIfNoGlFixtures("GL folders rebuilt from texts");

/** A small folder in GL's layout: a config with the signatures, one formula per `.txt` file. */
const dir = mkdtempSync(join(tmpdir(), "gl-sources-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "config", "ConfigTiny.json");
mkdirSync(join(dir, "config"));
writeFileSync(
  config,
  JSON.stringify({
    Succ: {
      short_mpl: "(Succ[s,X])",
      definition_sets: { "1": ["P(x(1)(1))", false], "2": ["P(1)", false] },
      full_mpl: "Succ.txt",
    },
    AnchorTiny: {
      short_mpl: "(AnchorTiny[X,z,s])",
      definition_sets: { "1": ["P(1)", false], "2": ["(1)", true], "3": ["P(x(1)(1))", false] },
      full_mpl: "AnchorTiny.txt",
    },
  }),
);
writeFileSync(join(dir, "Succ.txt"), "(>[x,y](in2[x,y,s])(&(in[x,X])(in[y,X])))\n");
writeFileSync(join(dir, "AnchorTiny.txt"), "(&(in[z,X])(Succ[s,X]))\n");
writeFileSync(join(dir, "notes.txt"), "(in[a,B])\n");
writeFileSync(join(dir, "conjectures.txt"), "(>[X,z,s](AnchorTiny[X,z,s])(>[y](in2[z,y,s])(in[y,X])))\n");

async function tinyGraph() {
  const loaded = loadGlFolder(config, dir);
  if (!loaded.theory) throw new Error("the tiny GL folder does not load");
  const options = { workers: 1, settings: {}, phase: "test", quiet: true };
  return (await runProver(loaded.theory, loaded.theory.conjectures, options)).graph;
}

describe("loadGlTexts", () => {
  it("rebuilds from the texts read the same theory as loadGlFolder, the config among its sources", () => {
    const disk = loadGlFolder(config, dir);
    expect(disk.theory?.sources.map((s) => s.path.slice(dir.length + 1))).toEqual([
      "config/ConfigTiny.json",
      "Succ.txt",
      "AnchorTiny.txt",
      "notes.txt",
      "conjectures.txt",
    ]);
    expect(disk.theory?.conjectures).toHaveLength(1);
    expect(loadGlTexts(config, `${dir}/`, disk.sources)).toEqual(disk);
  });

  it("cannot read a file missing from the texts", () => {
    const disk = loadGlFolder(config, dir);
    const r = loadGlTexts(
      config,
      dir,
      disk.sources.filter((s) => !s.path.endsWith("Succ.txt")),
    );
    expect(r.theory).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["MPL203"]);
    const noConfig = loadGlTexts(join(dir, "Config.json"), dir, disk.sources);
    expect(noConfig.diagnostics.map((d) => d.message)).toEqual([
      `cannot read '${join(dir, "Config.json")}': not among the given sources`,
    ]);
  });

  it.skipIf(!haveGlFixtures)("rebuilds GL's own v0.7 folder for both configs", () => {
    const v07 = join(GL_FIXTURES, "v0.7");
    for (const name of ["ConfigPeano.json", "ConfigGauss.json"]) {
      const disk = loadGlFolder(join(v07, "config", name), v07);
      expect(disk.theory).not.toBeNull();
      expect(loadGlTexts(join(v07, "config", name), v07, disk.sources)).toEqual(disk);
    }
  });
});

describe("gl verify's cross-check of a GL graph", () => {
  it("compiles the folder again and finds the axioms equal", async () => {
    const g = await tinyGraph();
    expect(g.theorems).toHaveLength(1);
    const report = verifyGraph(g, { recompileSources: true });
    expect(report.failures).toEqual([]);
    expect(report.axioms).toEqual({
      crossChecked: true,
      detail: "compiled again from 5 source files carried by the graph",
    });
    expect(report.checksByKind["expected-axiom"]).toBe(3);
  });

  it("names an axiom whose head was changed", async () => {
    const g = await tinyGraph();
    expect(g.axioms.map((e) => e.id)).toEqual(["A1", "A2", "A3"]);
    g.axioms[2]!.head = { pred: "in", args: ["x", "X"] };
    expect(verifyGraph(g, { recompileSources: true }).failures[0]?.reason).toBe(
      "axiom A3 differs from the one compiled from the sources: the graph has rule ∀x,y: in2[x,y,s] → in[x,X], the sources give rule ∀x,y: in2[x,y,s] → in[y,X]",
    );
  });

  it("fails closed when the config is missing: the axioms cannot be anchored", async () => {
    const g = await tinyGraph();
    g.theory.sources = g.theory.sources.filter((s) => !s.path.endsWith(".json"));
    const report = verifyGraph(g, { recompileSources: true });
    expect(report.ok).toBe(false);
    expect(report.axioms.crossChecked).toBe(false);
    const reason =
      "the sources are GL definition files without a config, so they cannot be compiled (check the graph against your files with --sources or --gl-config)";
    expect(report.failures).toEqual([
      { theorem: "(graph)", step: null, reason: `axioms not cross-checked: ${reason}` },
    ]);
    expect(formatReport("tiny.json", report)).toContain(`Axioms NOT cross-checked: ${reason}\n`);
  });
});

describe("gl verify --gl-config C <defs-dir>", () => {
  it("checks the graph against the user's GL folder, and names a changed file", async () => {
    ensureBuilt();
    const g = await tinyGraph();
    // Without its config the graph alone cannot be anchored; the user's folder can.
    g.theory.sources = g.theory.sources.filter((s) => !s.path.endsWith(".json"));
    const file = join(dir, "tiny.json");
    writeFileSync(file, JSON.stringify(g));
    expect(gl("verify", file).code).toBe(1);
    const ok = gl("verify", file, "--gl-config", config, dir);
    expect(ok.stdout).toContain("Axioms cross-checked: compiled from your 5 files\n");
    expect(ok.stdout).toContain(`  not in the graph   ${config}\n`);
    expect(ok.stdout).toContain(`  same               ${join(dir, "Succ.txt")}\n`);
    expect(ok.code).toBe(0);
    // A user folder whose successor axiom says something else.
    const other = join(dir, "other");
    mkdirSync(other);
    for (const f of ["AnchorTiny.txt", "notes.txt", "conjectures.txt"])
      writeFileSync(join(other, f), readFileSync(join(dir, f)));
    writeFileSync(join(other, "Succ.txt"), "(>[x,y](in2[x,y,s])(&(in[y,X])(in[x,X])))\n");
    const bad = gl("verify", file, "--gl-config", config, other);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      `  differs            ${join(other, "Succ.txt")} (the graph's copy ${join(dir, "Succ.txt")} differs from line 1)\n`,
    );
    expect(bad.stdout).toMatch(
      /^ {2}FAIL \(graph\): axiom A2 differs from the one compiled from the sources: /m,
    );
  });
});

describe("recompileSources", () => {
  const mpl = (path: string, text: string) => ({ path, text });
  const anchor = "definition A[N: set, zero: element] := (in[zero,N])\nanchor A\n";

  it("compiles .mpl sources", () => {
    const r = recompileSources([mpl("a.mpl", anchor)]);
    // A first (or only) batch has no link; the compiled theory comes along for later batches.
    expect(r.kind === "compiled" && r.link === null && r.theory.anchor?.name === "A").toBe(true);
    const { theory: _t, link: _l, ...rest } = r as Extract<typeof r, { kind: "compiled" }>;
    expect(rest).toEqual({
      kind: "compiled",
      from: "1 source file carried by the graph",
      expected: {
        anchor: "A",
        constants: [
          { name: "N", type: "set" },
          { name: "zero", type: "element" },
        ],
        axioms: [
          {
            id: "A1",
            kind: "fact",
            vars: [],
            premises: [],
            head: { pred: "in", args: ["zero", "N"] },
            origin: { definition: "A", via: "A" },
          },
        ],
        names: { conjectures: [], complete: true },
      },
    });
  });

  it("fails sources that give no theory, with the reason", () => {
    expect(recompileSources([])).toEqual({ kind: "failed", reason: "the graph carries no sources" });
    expect(recompileSources([mpl("a.mpl", "definition A[N: set] := (in[x,N]\n")])).toEqual({
      kind: "failed",
      reason: expect.stringMatching(/^the sources do not compile: a\.mpl:1:\d+: error MPL\d+: /),
    });
    expect(recompileSources([mpl("a.mpl", "definition A[N: set, z: element] := (in[z,N])\n")])).toEqual({
      kind: "failed",
      reason: "the sources declare no anchor",
    });
    expect(recompileSources([mpl("a.json", "{}"), mpl("b.json", "{}")])).toEqual({
      kind: "failed",
      reason: "several JSON sources (a.json, b.json)",
    });
    // The definitions folder is the one holding most .txt files; an empty config gives no theory.
    expect(
      recompileSources([mpl("c.json", "{}"), mpl("x/a.txt", "(in[a,B])"), mpl("y/b.txt", "(in[a,B])")]).kind,
    ).toBe("failed");
  });

  it("fails GL definition files without a config (fails closed), but compiles MPL files named .txt", () => {
    expect(recompileSources([mpl("d/a.txt", "(in[a,B])")])).toEqual({
      kind: "failed",
      reason:
        "the sources are GL definition files without a config, so they cannot be compiled (check the graph against your files with --sources or --gl-config)",
    });
    expect(recompileSources([mpl("d/a.txt", anchor)]).kind).toBe("compiled");
  });
});

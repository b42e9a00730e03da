/**
 * Batches end to end through the real bin: `gl discover examples/peano-double` runs Peano, then
 * PeanoDouble with Peano's essential theorems as rules; one graph (version 2) and one site. The
 * verifier checks the later batch's imports against the earlier batch's graph and rejects a
 * forged import, a broken link and an import that is not an earlier theorem.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { verifyGraph } from "../verify/verify.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { glAsync, hasStackTrace } from "./support/cli-async.js";

const work = mkdtempSync(join(tmpdir(), "gl-batches-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const out1 = join(work, "one");
const out2 = join(work, "two");
let graph: ProofGraph;
let stdout: string;

beforeAll(async () => {
  ensureBuilt();
  const [a, b] = await Promise.all([
    glAsync(["discover", "examples/peano-double", "--workers", "1", "-q", "--json", "--out", out1], {
      timeoutMs: 240_000,
    }),
    glAsync(["discover", "examples/peano-double", "--workers", "2", "-q", "--out", out2], {
      timeoutMs: 240_000,
    }),
  ]);
  if (a!.code !== 0 || b!.code !== 0) throw new Error(`discover failed:\n${a!.stderr}\n${b!.stderr}`);
  stdout = a!.stdout;
  graph = JSON.parse(readFileSync(join(out1, "proof.json"), "utf8")) as ProofGraph;
}, 300_000);

const clone = (): ProofGraph => structuredClone(graph);
const reasons = (g: unknown) =>
  verifyGraph(g, { recompileSources: true }).failures.map((f) => `${f.theorem}: ${f.reason}`);

describe("gl discover on two batches", () => {
  it("writes one graph of version 2: the later batch on top, the earlier one inside", () => {
    expect(graph.version).toBe(2);
    expect(graph.theory.anchor).toBe("PeanoDouble");
    expect(graph.earlier!.map((e) => e.theory.anchor)).toEqual(["Peano"]);
    expect(graph.batch!.extends).toBe("Peano");
    expect(graph.batch!.newConstants).toEqual(["dbl"]);
    // Peano's targets were proved there and handed on.
    const peanoNames = graph.earlier![0]!.theorems.filter((t) => t.name !== null).map((t) => t.name);
    expect(peanoNames).toEqual(expect.arrayContaining(["add_comm", "add_assoc"]));
    expect(graph.batch!.imports.length).toBeGreaterThan(0);
    for (const imp of graph.batch!.imports) expect(imp.id).toBe(`Peano:${imp.theorem}`);
  });

  it("proves later theorems that cite earlier ones, and every candidate mentions dbl", () => {
    const imported = new Set(graph.batch!.imports.map((i) => i.id));
    const citing = graph.theorems.filter((t) => t.uses.some((u) => imported.has(u)));
    expect(citing.length).toBeGreaterThan(0);
    const step = citing[0]!.steps.find((s) => s.kind === "theorem" && imported.has(s.ref ?? ""));
    expect(step).toBeDefined();
    for (const t of graph.theorems) expect(JSON.stringify(t.statement)).toContain('"dbl"');
    const summary = JSON.parse(stdout) as {
      batches: { batch: string; imports: unknown[] }[];
      verification: { ok: boolean };
    };
    expect(summary.batches.map((b) => b.batch)).toEqual(["Peano", "PeanoDouble"]);
    expect(summary.verification.ok).toBe(true);
  });

  it("verifies the whole graph, the earlier batch included, through gl verify", () => {
    const r = gl("verify", join(out1, "proof.json"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OK: every check passed/);
    expect(reasons(graph)).toEqual([]);
  });

  it("writes the same bytes with 1 and 2 workers", () => {
    for (const f of ["proof.json", "model.json", "model.Peano.json", "discovery.json", "html/index.html"])
      expect(readFileSync(join(out2, f), "utf8"), f).toBe(readFileSync(join(out1, f), "utf8"));
  });

  it("writes one site: the earlier batch's pages beside, imported theorems linked to them", () => {
    const index = readFileSync(join(out1, "html", "index.html"), "utf8");
    expect(index).toMatch(/Received from Peano/);
    const first = graph.batch!.imports[0]!;
    expect(index).toContain(`href="batches/Peano/t/${first.theorem}.html"`);
    expect(index).toMatch(/from Peano/);
    expect(existsSync(join(out1, "html", "batches", "Peano", "t", `${first.theorem}.html`))).toBe(true);
  });
});

describe("the verifier against the earlier batch's graph", () => {
  it("rejects a forged import (a statement the earlier batch did not prove)", () => {
    const g = clone();
    const imp = g.batch!.imports[0]!;
    imp.statement.head = { ...imp.statement.head, args: [...imp.statement.head.args].reverse() };
    const r = reasons(g);
    expect(r.some((x) => x.includes(`import ${imp.id}: its statement`))).toBe(true);
    // Theorems citing it fail too.
    expect(r.some((x) => x.includes(`cites the import ${imp.id}, which did not verify`))).toBe(true);
  });

  it("rejects an import that is not an earlier theorem", () => {
    const g = clone();
    const imp = g.batch!.imports[0]!;
    imp.theorem = "T999";
    imp.id = "Peano:T999";
    expect(reasons(g)).toContain("(graph): import Peano:T999: Peano has no theorem T999");
  });

  it("rejects a broken link: a mapping under which the earlier axioms are not this batch's", () => {
    const g = clone();
    g.batch!.link!.constants[2] = ["succ", "dbl"];
    const r = reasons(g);
    expect(
      r.some((x) =>
        /link from Peano: axiom A\d+ of Peano .* is not an axiom of PeanoDouble under the link/.test(x),
      ),
    ).toBe(true);
    expect(r.some((x) => /the link .* is not the one the sources give/.test(x))).toBe(true);
    expect(r.some((x) => x.includes("the link does not hold"))).toBe(true);
  });

  it("rejects imports of an earlier batch whose own proof is broken", () => {
    const g = clone();
    const imp = g.batch!.imports[0]!;
    const source = g.earlier![0]!.theorems.find((t) => t.id === imp.theorem)!;
    source.steps[source.steps.length - 1]!.fact.args[0] = "zero";
    const r = reasons(g);
    expect(r.some((x) => x.startsWith(`Peano:${imp.theorem}`))).toBe(true);
    expect(r).toContain(`(graph): import ${imp.id}: Peano's ${imp.theorem} did not verify`);
  });

  it("gl verify exits 1 on a corrupted batch graph, naming what failed", () => {
    const g = clone();
    g.batch!.imports[0]!.theorem = "T999";
    const path = join(work, "forged.json");
    writeFileSync(path, JSON.stringify(g));
    const r = gl("verify", path);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL \(graph\): import Peano:/);
  });
});

describe("batch inputs on the command line", () => {
  it("gl check summarises each batch with its link; gl prove refuses batches with MPL128", () => {
    const check = gl("check", "examples/peano-double");
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(
      /batch PeanoDouble extends Peano \(mapping found: Nat→Nat, zero→zero, succ→succ, \+→\+\)/,
    );
    const prove = gl("prove", "examples/peano-double");
    expect(prove.code).toBe(1);
    expect(prove.stderr).toMatch(/error MPL128: this input declares 2 batches/);
    expect(hasStackTrace({ ...prove, signal: null })).toBe(false);
  });

  it("gl discover stops on a bad link with the place and a caret, writing nothing", () => {
    const dir = join(work, "bad");
    const src = join(work, "bad-src");
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src);
    for (const f of ["functions.mpl", "peano.mpl", "double.mpl"])
      copyFileSync(join("examples/peano-double", f), join(src, f));
    const text = readFileSync(join(src, "double.mpl"), "utf8").replace(
      "extends Peano",
      "extends Peano[Nat,zero,dbl,+]",
    );
    writeFileSync(join(src, "double.mpl"), text);
    const r = gl("discover", src, "--out", dir, "-q");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /double\.mpl:24:69: error MPL125: the axioms of 'PeanoDouble' do not contain those of 'Peano'/,
    );
    expect(r.stderr).toMatch(/\n\s+\^/);
    expect(existsSync(dir)).toBe(false);
  });
});

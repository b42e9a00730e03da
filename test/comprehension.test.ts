/**
 * The comprehension principle of set definitions (mpl/comprehension.ts): which definitions
 * are comprehensions (ours and GL's v0.7 ones), a proof that needs it (`gl prove
 * --comprehension`), how it is reported, and the verifier rejecting broken comprehension steps.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityJson, ProofGraph, StepJson } from "../export/schema.js";
import { comprehensionOf } from "../mpl/comprehension.js";
import { loadGlFolder, parseFormula } from "../mpl/index.js";
import { comprehensionProblem } from "../verify/comprehension.js";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { GL_FIXTURES, haveGlFixtures, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

const THEORY = "test/fixtures/comprehension";
warnIfNoGlFixtures("comprehension (GL's set definitions)");
const dir = mkdtempSync(join(tmpdir(), "gl-comprehension-"));
let graph: ProofGraph;

beforeAll(() => {
  ensureBuilt();
  const r = gl("prove", THEORY, "--comprehension", "--json", "-q", "--workers", "1", "--out", dir);
  expect(r.code).toBe(0);
  graph = JSON.parse(readFileSync(join(dir, "proof.json"), "utf8")) as ProofGraph;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const formula = (text: string) => {
  const f = parseFormula(text).formula;
  if (f === undefined) throw new Error(`does not parse: ${text}`);
  return f;
};

describe("set definitions", () => {
  it("recognises both directions of one membership clause, with side conditions", () => {
    const meet = "(&(>[x](in[x,S])(&(in[x,X])(in[x,Y])))(>[z](&(in[z,X])(in[z,Y]))(in[z,S])))";
    expect(comprehensionOf(["X", "Y", "S"], formula(meet))).toMatchObject({ set: 2, side: [] });
    const withSide = `(&${meet}(in[a,X]))`;
    const c = comprehensionOf(["X", "Y", "S", "a"], formula(withSide));
    expect(c?.set).toBe(2);
    expect(c?.side.map((a) => a.name.text)).toEqual(["in"]);
    // One direction only, the set inside its own clause, a clause that differs between the
    // directions: none is a comprehension.
    expect(comprehensionOf(["X", "S"], formula("(>[x](in[x,S])(in[x,X]))"))).toBeNull();
    const circular = "(&(>[x](in[x,S])(in[x,S]))(>[x](in[x,S])(in[x,S])))";
    expect(comprehensionOf(["S"], formula(circular))).toBeNull();
    const differs = "(&(>[x](in[x,S])(in[x,X]))(>[x](in[x,Y])(in[x,S])))";
    expect(comprehensionOf(["X", "Y", "S"], formula(differs))).toBeNull();
  });

  it.skipIf(!haveGlFixtures)("finds GL's set definitions in the v0.7 Gauss config, and only those", () => {
    const v07 = join(GL_FIXTURES, "v0.7");
    const theory = loadGlFolder(join(v07, "config", "ConfigGauss.json"), v07).theory!;
    const sets = theory
      .anchor!.entities.filter((e) => e.origin.via === `${e.origin.definition} (comprehension)`)
      .map((e) => e.origin.definition)
      .sort();
    expect(sets).toEqual(["interval", "limitSequence", "limitSet", "split"]);
  });
});

describe("a proof that needs a set to exist", () => {
  it("is out of reach without --comprehension", () => {
    const r = gl("prove", THEORY, "--json", "-q", "--workers", "1", "--no-lemmas");
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as { proved: number; assumptions: { comprehension: unknown[] } };
    expect(s.proved).toBe(0);
    expect(s.assumptions.comprehension).toEqual([]);
  });

  it("is proved with it, through a comprehension step, and reported as an assumption", () => {
    const t = graph.theorems.find((x) => x.name === "common")!;
    const step = t.steps.find((s) => s.kind === "comprehension")!;
    const axiom = graph.axioms.find((a) => a.id === step.ref)!;
    expect(axiom.origin.via).toBe("Meet (comprehension)");
    expect(step.fact).toEqual({ pred: "Meet", args: ["X", "Y", step.witness] });
    const r = gl("prove", THEORY, "--comprehension", "-q", "--workers", "1");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/assumed beyond the axioms: comprehension .*T1 common \(Meet\)/);
    expect(gl("verify", join(dir, "proof.json")).code).toBe(0);
  });
});

describe("the verifier rejects", () => {
  const broken = (label: string, change: (step: StepJson, g: ProofGraph) => void): string => {
    const bad = structuredClone(graph);
    const t = bad.theorems.find((x) => x.name === "common")!;
    change(t.steps.find((s) => s.kind === "comprehension")!, bad);
    const path = join(dir, `${label}.json`);
    writeFileSync(path, JSON.stringify(bad));
    const r = gl("verify", path);
    expect(r.code).toBe(1);
    return r.stdout + r.stderr;
  };

  it("a comprehension step on an axiom that is no comprehension", () => {
    const other = graph.axioms.find((a) => a.kind === "exists" && a.origin.via === "InCommon (unfolding)")!;
    const out = broken("not-comprehension", (s) => {
      s.ref = other.id;
      s.binding = ["X", "Y", "y", s.witness!];
    });
    expect(out).toMatch(/is not the comprehension axiom of a definition/);
  });

  it("a comprehension step with the wrong arguments", () => {
    const out = broken("wrong-args", (s) => {
      s.binding = ["Y", "X", s.witness!];
    });
    expect(out).toMatch(/FAIL T\d+ step \d+/);
  });

  it("a witness step that cites a comprehension axiom (the assumption would not show)", () => {
    const out = broken("as-witness", (s) => {
      s.kind = "witness";
    });
    expect(out).toMatch(/only a comprehension step may cite/);
  });

  it("a comprehension axiom for a definition whose text is no comprehension", () => {
    const e: EntityJson = {
      id: "A99",
      kind: "exists",
      vars: ["X", "S"],
      premises: [],
      witnesses: ["S"],
      body: [{ pred: "Below", args: ["X", "S"] }],
      origin: { definition: "Below", via: "Below (comprehension)" },
    };
    const below = { params: ["X", "S"], mpl: "(>[x](in[x,S])(in[x,X]))" };
    expect(comprehensionProblem(e, "Below", below)).toMatch(/not a comprehension of S/);
    const meet = graph.definitions.find((d) => d.name === "Meet")!;
    const text = { params: meet.params.map((p) => p.name), mpl: meet.mpl };
    const axiom = graph.axioms.find((a) => a.origin.via === "Meet (comprehension)")!;
    expect(comprehensionProblem(axiom, "Meet", text)).toBeNull();
    // The same axiom with a premise the definition does not state.
    const extra = { ...axiom, premises: [{ pred: "in", args: [axiom.vars[0]!, axiom.vars[1]!] }] };
    expect(comprehensionProblem(extra, "Meet", text)).toMatch(/premises/);
  });
});

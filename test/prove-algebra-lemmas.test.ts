/**
 * `gl prove` on theories without induction roles, beyond the examples: the lemma step with
 * finite models (engine/discovery/lemma-step.ts, finite-lemmas.ts) proves a goal the first run
 * leaves, with lemmas it marks in the verified graph; false consequences of a group and of a
 * commutative monoid stay unproved, with the lemma step and without; and without goal-directed
 * terms the one-sided group proves nothing, which is what the terms are for.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

interface Summary {
  proved: number;
  conjectures: number;
  theorems: { name: string | null; status: string; theorem: string | null }[];
  goalTerms: { maxPerBlock: number; made: number };
  lemmas: {
    stuck: string[];
    candidates: number;
    refutedByModel: number;
    survivors: number;
    proved: number;
    stop: string;
    used: { goal: string; lemmas: { id: string; statement: string }[] }[];
    finiteModels?: { perSize: number[]; stop: string; count: number };
  } | null;
  verification: { ok: boolean; failures: unknown[] };
}

let scratch = "";

/** A theory folder: the example's axiom files and the given conjectures. */
function theory(label: string, example: string, axioms: string[], conjectures: string): string {
  const dir = join(scratch, label);
  mkdirSync(dir);
  for (const f of axioms) copyFileSync(join(REPO_ROOT, "examples", example, f), join(dir, f));
  writeFileSync(join(dir, "conjectures.mpl"), conjectures);
  return dir;
}

function prove(dir: string, ...extra: string[]): Summary {
  const r = gl("prove", dir, "--json", "-q", "--workers", "1", "--allow-unproved", ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), "gl-algebra-lemmas-"));
});
afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

const GROUP = ["functions.mpl", "group.mpl"];

describe("a one-sided group with right cancellation as its only conjecture", () => {
  let s: Summary;
  let graph: { theorems: { id: string; provenance?: string; uses: string[] }[] };

  beforeAll(() => {
    const dir = theory(
      "right-cancel",
      "group",
      GROUP,
      "conjecture right_cancel :=\n  (>[a,c,d] (in3[a,c,d,*])\n    (>[b] (in3[b,c,d,*]) (=[a,b])))\n",
    );
    const out = join(scratch, "right-cancel-out");
    s = prove(dir, "--out", out);
    graph = JSON.parse(readFileSync(join(out, "proof.json"), "utf8")) as typeof graph;
  });

  it("is left by the first run and proved with lemmas that finite models let through", () => {
    expect(s.verification.ok).toBe(true);
    expect(s.proved).toBe(1);
    const l = s.lemmas!;
    expect(l.stuck).toEqual(["right_cancel"]);
    // S3 (order 6) is among the models: the candidates true only in commutative groups are out.
    expect(l.finiteModels!.perSize).toHaveLength(6);
    expect(l.finiteModels!.stop).toBe("complete");
    expect(l.refutedByModel).toBeGreaterThan(0);
    expect(l.survivors).toBeLessThan(l.candidates);
    expect(l.proved).toBeGreaterThan(0);
    expect(l.used.map((u) => u.goal)).toEqual(["right_cancel"]);
    expect(l.used[0]!.lemmas.length).toBeGreaterThan(0);
  });

  it("marks the lemmas in the graph, and the goal's proof cites them", () => {
    const lemmaIds = new Set(graph.theorems.filter((t) => t.provenance === "discovery").map((t) => t.id));
    const goal = s.theorems.find((t) => t.name === "right_cancel")!;
    const th = graph.theorems.find((t) => t.id === goal.theorem)!;
    expect(th.provenance).toBeUndefined();
    for (const u of s.lemmas!.used[0]!.lemmas) expect(lemmaIds.has(u.id)).toBe(true);
    // Lemmas come first and are cited only by later theorems.
    const position = new Map(graph.theorems.map((t, i) => [t.id, i]));
    graph.theorems.forEach((t, i) => {
      for (const u of t.uses) expect(position.get(u)!).toBeLessThan(i);
    });
  });
});

describe("false consequences stay unproved", () => {
  it("of a one-sided group, with the lemma step", () => {
    const dir = theory(
      "group-false",
      "group",
      GROUP,
      [
        "conjecture comm := (>[a,b,c] (in3[a,b,c,*]) (in3[b,a,c,*]))",
        "conjecture inv_self := (>[a,i] (in2[a,i,inv]) (=[i,a]))",
        "conjecture square_unit := (>[a] (in3[a,a,e,*]) (=[a,e]))",
        "conjecture unit_any := (>[a,b] (in3[a,b,a,*]) (=[a,e]))",
        "",
      ].join("\n"),
    );
    const s = prove(dir);
    expect(s.conjectures).toBe(4);
    expect(s.proved).toBe(0);
    expect(s.lemmas?.stuck).toHaveLength(4);
  });

  it("of a two-sided group and a commutative monoid, without it", () => {
    const group = theory(
      "two-sided-false",
      "group-two-sided",
      GROUP,
      [
        "conjecture comm := (>[a,b,c] (in3[a,b,c,*]) (in3[b,a,c,*]))",
        "conjecture inverse_product_swapped :=",
        "  (>[a,b,c] (in3[a,b,c,*]) (>[k] (in2[c,k,inv]) (>[i,j] (&(in2[a,i,inv]) (in2[b,j,inv]))",
        "    (>[m] (in3[i,j,m,*]) (=[k,m])))))",
        "",
      ].join("\n"),
    );
    const g = prove(group, "--no-lemmas");
    expect([g.conjectures, g.proved]).toEqual([2, 0]);
    const monoid = theory(
      "monoid-false",
      "monoid",
      ["functions.mpl", "monoid.mpl"],
      [
        "conjecture cancel := (>[a,b,c] (in3[a,b,c,*]) (>[d] (in3[a,d,c,*]) (=[b,d])))",
        "conjecture idempotent := (>[a,b] (in3[a,a,b,*]) (=[b,a]))",
        "conjecture unit_factor := (>[a,b] (in3[a,b,e,*]) (=[a,e]))",
        "",
      ].join("\n"),
    );
    const m = prove(monoid, "--no-lemmas");
    expect([m.conjectures, m.proved]).toEqual([3, 0]);
  });
});

it("without goal-directed terms the one-sided group proves none of its consequences", () => {
  const s = prove(join(REPO_ROOT, "examples", "group"), "--max-goal-terms", "0", "--no-lemmas");
  expect(s.goalTerms.maxPerBlock).toBe(0);
  expect(s.goalTerms.made).toBe(0);
  expect([s.conjectures, s.proved]).toEqual([7, 0]);
});

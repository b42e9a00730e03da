/**
 * Invariance of `gl prove`: the set of proved statements does not depend on how the theory is
 * written. examples/peano and meaning-preserving rewrites of it (premises of an axiom
 * reordered, a conjecture stated with its other side as the head, the multiplication rule with
 * the operands of its sum swapped, every name changed and the files read in another order)
 * must prove the same conjectures, named as in the original; so must a law that hangs on a
 * demanded witness, with an axiom's premises in either order. docs/design.md lists the
 * invariants and how the engine keeps them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./support/built-cli.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { proveFilesAsync } from "./support/prove-files.js";

const SOURCE = join(REPO_ROOT, "examples", "peano");

type Files = Record<string, string>;

/** Replaces `from` (which must occur) by `to` in one file. */
function edit(files: Files, file: string, from: string | RegExp, to: string): Files {
  const text = files[file]!;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`rewrite of ${file} did not apply: ${String(from)}`);
  return { ...files, [file]: next };
}

const ADD_SUCC_PREMISES = "(&(in[b,Nat]) (&(in2[b,c,succ]) (in3[a,b,d,+])))";
const MUL_SUCC = "(>[e] (in3[d,a,e,+]) (in3[a,c,e,*]))\n              (>[e] (in3[a,c,e,*]) (in3[d,a,e,+]))";
const MUL_ASSOC = "(>[f] (in3[a,e,f,*]) (in3[c,d,f,*]))";

const REWRITES: Record<string, (f: Files) => Files> = {
  "premises of the add-succ axiom reordered": (f) =>
    edit(f, "peano.mpl", ADD_SUCC_PREMISES, "(&(in3[a,b,d,+]) (&(in2[b,c,succ]) (in[b,Nat])))"),
  "mul_assoc with its other side as head": (f) =>
    edit(f, "laws.mpl", MUL_ASSOC, "(>[f] (in3[c,d,f,*]) (in3[a,e,f,*]))"),
  "multiplication rule with the sum's operands swapped": (f) =>
    edit(f, "peano.mpl", MUL_SUCC, MUL_SUCC.replaceAll("in3[d,a,e,+]", "in3[a,d,e,+]")),
  "every name changed, files in another order": (f) => renamed(f, ["laws.mpl"]),
};

/**
 * Every name changed (constants, the anchor, the statements' variables a…g in `conjectureFiles`)
 * and the files read in another order (reading order is by file name: reversed).
 */
function renamed(f: Files, conjectureFiles: readonly string[]): Files {
  const out: Files = {};
  const names = Object.keys(f).sort();
  for (const [name, text] of Object.entries(f)) {
    const r = text
      .replace(/\bNat\b/g, "Num")
      .replace(/\bzero\b/g, "nil")
      .replace(/\bsucc\b/g, "next")
      .replace(/\bPeano\b/g, "Arith")
      .replace(/,\+\]/g, ",plus]")
      .replace(/\[\+,/g, "[plus,")
      .replace(/,\*\]/g, ",times]")
      .replace(/\[\*,/g, "[times,")
      .replace(/\+: operation/, "plus: operation")
      .replace(/\*: operation/, "times: operation")
      .replace("(carrier Num, nil nil,", "(carrier Num, zero nil,");
    const vars = conjectureFiles.includes(name)
      ? r.replace(/\b([a-g])\b/g, (v) => `v${"gfedcba".indexOf(v)}`)
      : r;
    out[`${String.fromCharCode(122 - names.indexOf(name))}.mpl`] = vars;
  }
  return out;
}

/** Rewrites of the first-course facts: premises reordered, equations and inequations turned round, succ_add with its other side as head. */
const FACT_RESTATEMENTS: [string, string][] = [
  ["(>[a,b] (in3[zero,a,b,+]) (=[b,a]))", "(>[a,b] (in3[zero,a,b,+]) (=[a,b]))"],
  ["(>[a,b] (in2[a,b,succ]) !(=[b,a]))", "(>[a,b] (in2[a,b,succ]) !(=[a,b]))"],
  [
    "(>[a,c,d] (in3[a,c,d,+])\n    (>[b] (in3[b,c,d,+]) (=[a,b])))",
    "(>[b,c,d] (in3[b,c,d,+])\n    (>[a] (in3[a,c,d,+]) (=[a,b])))",
  ],
  [
    "(>[b,e] (in3[c,b,e,+])\n      (>[d] (in3[a,b,d,+]) (in2[d,e,succ]))))",
    "(>[b,d] (in3[a,b,d,+])\n      (>[e] (in2[d,e,succ]) (in3[c,b,e,+]))))",
  ],
  [
    "(>[a,b] (in3[a,b,zero,*]) (>[] !(=[a,zero]) (=[b,zero])))",
    "(>[a,b] (&(!(=[a,zero])) (in3[a,b,zero,*])) (=[b,zero]))",
  ],
  [
    "(>[a] (in[a,Nat]) (>[] !(=[a,zero]) (HasPred[Nat,succ,a])))",
    "(>[a] (&(!(=[a,zero])) (in[a,Nat])) (HasPred[Nat,succ,a]))",
  ],
  ["(>[c] (in2[b,c,succ]) !(=[c,a]))", "(>[c] (in2[b,c,succ]) !(=[a,c]))"],
  ["(>[a,b] (in3[a,b,zero,+]) (=[a,zero]))", "(>[a,b] (in3[a,b,zero,+]) (=[zero,a]))"],
  [
    "(>[b,c] (in2[b,c,succ]) (>[a,d] (in3[a,c,d,+]) !(=[d,a])))",
    "(>[a,b,c,d] (&(in3[a,c,d,+]) (in2[b,c,succ])) !(=[a,d]))",
  ],
];

interface Summary {
  proved: number;
  theorems: { name: string | null; status: string; theorem: string | null }[];
  lemmas: {
    stuck: string[];
    proved: number;
    stop: string;
    used: { goal: string; lemmas: { id: string }[] }[];
  } | null;
  verification: { ok: boolean };
}

let scratch = "";
let original: Files = {};

/** `gl prove` on `files`, one thread, side by side with the file's other runs (one per core). */
const proveFiles = (label: string, files: Files, ...extra: string[]): Promise<Summary> =>
  proveFilesAsync<Summary>(join(scratch, label.replace(/\W+/g, "-")), files, ...extra);

const provedNames = (s: Summary): string[] =>
  s.theorems
    .filter((t) => t.status === "proved")
    .map((t) => t.name ?? "")
    .sort();

describe.concurrent("gl prove proves the same statements however the theory is written", () => {
  let reference: string[] = [];
  let first: Summary;
  /** The original without the lemma step (compared with each rewrite's first run). */
  let plainOriginal: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    scratch = mkdtempSync(join(tmpdir(), "gl-invariance-"));
    for (const f of readdirSync(SOURCE)) original[f] = readFileSync(join(SOURCE, f), "utf8");
    const plain = proveFiles("plain-original", original, "--no-lemmas", "--allow-unproved");
    first = await proveFiles("original", original, "--out", join(scratch, "original-out"));
    reference = provedNames(first);
    plainOriginal = provedNames(await plain);
  });
  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
    scratch = "";
    original = {};
  });

  it("examples/peano proves its six laws", () => {
    expect(reference).toEqual([
      "add_assoc",
      "add_comm",
      "left_distrib",
      "mul_assoc",
      "mul_comm",
      "right_distrib",
    ]);
  });

  it("needed lemmas for three laws, found them by discovery and marks them in the verified graph", () => {
    expect(first.lemmas?.stuck.sort()).toEqual(["add_comm", "mul_comm", "right_distrib"]);
    expect(first.lemmas?.stop).toBe("complete");
    expect(first.verification.ok).toBe(true);
    const graph = JSON.parse(readFileSync(join(scratch, "original-out", "proof.json"), "utf8")) as {
      theorems: { id: string; provenance?: string; uses: string[] }[];
    };
    const lemmaIds = new Set(graph.theorems.filter((t) => t.provenance === "discovery").map((t) => t.id));
    // Each goal that needed lemmas names some, and they are lemma theorems of the graph.
    for (const goal of ["add_comm", "mul_comm", "right_distrib"]) {
      const used = first.lemmas!.used.find((u) => u.goal === goal)!.lemmas.map((l) => l.id);
      expect(used.length).toBeGreaterThan(0);
      for (const id of used) expect(lemmaIds.has(id)).toBe(true);
      const th = first.theorems.find((t) => t.name === goal)!;
      expect(graph.theorems.find((t) => t.id === th.theorem)!.provenance).toBeUndefined();
    }
  });

  // The first run alone (no lemma step) is invariant too under the rewrites that keep every
  // axiom's shape; the swapped sum changes which lemmas the laws need, so it is left out here.
  it.each(Object.keys(REWRITES).filter((l) => !l.startsWith("multiplication")))(
    "%s: the same set without the lemma step",
    async (label) => {
      const plain = provedNames(
        await proveFiles(`plain-${label}`, REWRITES[label]!(original), "--no-lemmas", "--allow-unproved"),
      );
      expect(plain).toEqual(plainOriginal);
      expect(plain.length).toBeGreaterThanOrEqual(3);
    },
  );

  // s(x) = x + s(zero) needs the witness x + zero, which only a demand makes: the join must
  // file it whichever of the axiom's two relational premises comes first.
  it("add-succ premises in either order: s(x) = x + s(zero) without the lemma step", async () => {
    const law =
      "conjecture succ_is_add_one :=\n  (>[o] (in2[zero,o,succ])\n    (>[x,y] (in2[x,y,succ]) (in3[x,o,y,+])))\n";
    const asIs = { ...original, "laws.mpl": law };
    const swapped = edit(
      asIs,
      "peano.mpl",
      ADD_SUCC_PREMISES,
      "(&(in[b,Nat]) (&(in3[a,b,d,+]) (in2[b,c,succ])))",
    );
    const cases = Object.entries({ "as-is": asIs, swapped });
    const runs = await Promise.all(
      cases.map(([label, files]) => proveFiles(`succ-${label}`, files, "--no-lemmas", "--allow-unproved")),
    );
    runs.forEach((r, i) => {
      expect(provedNames(r), cases[i]![0]).toEqual(["succ_is_add_one"]);
    });
  });

  it.each(Object.keys(REWRITES))("%s: the same set", async (label) => {
    expect(provedNames(await proveFiles(label, REWRITES[label]!(original)))).toEqual(reference);
  });
});

// The theories of the induction shapes: what `gl prove` proves (lemma step included) must not
// depend on how they are written. Both prove everything in the first run.
describe.each([
  ["peano-cold", ["facts.mpl", "laws.mpl"]],
  ["first-course", ["facts.mpl"]],
])("gl prove examples/%s proves the same statements however it is written", (example, conjectureFiles) => {
  const files: Files = {};
  let reference: string[] = [];
  const rewrites: Record<string, (f: Files) => Files> = {
    "premises of the add-succ axiom reordered": REWRITES["premises of the add-succ axiom reordered"]!,
    "multiplication rule with the sum's operands swapped":
      REWRITES["multiplication rule with the sum's operands swapped"]!,
    "every name changed, files in another order": (f) => renamed(f, conjectureFiles),
  };
  if (example === "first-course")
    rewrites["facts restated: premises reordered, sides exchanged, succ_add by its other side"] = (f) =>
      FACT_RESTATEMENTS.reduce((g, [from, to]) => edit(g, "facts.mpl", from, to), f);

  beforeAll(async () => {
    ensureBuilt();
    if (scratch === "") scratch = mkdtempSync(join(tmpdir(), "gl-invariance-"));
    const dir = join(REPO_ROOT, "examples", example);
    for (const f of readdirSync(dir)) files[f] = readFileSync(join(dir, f), "utf8");
    reference = provedNames(await proveFiles(`${example}-original`, files));
  });
  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
    scratch = "";
  });

  it("proves every conjecture as written", () => {
    const conjectures = Object.entries(files)
      .filter(([name]) => conjectureFiles.includes(name))
      .flatMap(([, text]) => [...text.matchAll(/^conjecture (\w+)/gm)].map((m) => m[1]!));
    expect(reference).toEqual(conjectures.sort());
  });

  it.concurrent.each(Object.keys(rewrites))("%s: the same set", async (label) => {
    expect(provedNames(await proveFiles(`${example}-${label}`, rewrites[label]!(files)))).toEqual(reference);
  });
});

/**
 * The example theories the CLI runs: they compile cleanly, their summary is pinned, the quick
 * variant shares the theory byte for byte, every file survives print → parse, and the format
 * document's example compiles and its code table is complete.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summarise } from "../cli/commands/check.js";
import {
  CATALOGUE,
  compileSources,
  type Entity,
  loadPaths,
  parseFile,
  printFile,
  type Theory,
} from "../mpl/index.js";
import { parseCounts } from "../mpl/parse.js";
import { handPeano } from "./support/hand-peano.js";
import { REPO_ROOT, stripSpans } from "./support/mpl-helpers.js";

const PEANO = join(REPO_ROOT, "examples", "peano");
const QUICK = join(REPO_ROOT, "examples", "peano-quick");

function load(dir: string): Theory {
  const r = loadPaths([dir]);
  expect(r.diagnostics).toEqual([]);
  if (r.theory === null) throw new Error(`${dir} does not compile`);
  return r.theory;
}

const LAWS = ["add_comm", "add_assoc", "mul_comm", "mul_assoc", "left_distrib", "right_distrib"];

describe("examples/peano", () => {
  it("compiles to the pinned summary", () => {
    const s = summarise(load(PEANO), [], [], []);
    expect({ ...s, files: undefined, diagnostics: undefined }).toEqual({
      ok: true,
      files: undefined,
      definitions: ["Function", "Operation", "Peano"],
      parsedOnly: [],
      anchor: {
        name: "Peano",
        params: ["Nat", "zero", "succ", "+", "*"],
        roles: { carrier: "Nat", zero: "zero", successor: "succ" },
      },
      constants: [
        { name: "Nat", type: "set" },
        { name: "zero", type: "element" },
        { name: "succ", type: "function" },
        { name: "+", type: "operation" },
        { name: "*", type: "operation" },
      ],
      predicates: ["in", "in2", "in3", "="],
      entities: { total: 23, fact: 1, rule: 19, exists: 3 },
      conjectures: LAWS,
      errors: 0,
      warnings: 0,
      diagnostics: undefined,
    });
  });

  it("has the same axioms as the engine's hand-built Peano theory", () => {
    // Compare the logic only: ids, variable names and origins may differ.
    const shape = (e: Entity) => {
      switch (e.kind) {
        case "fact":
          return { kind: e.kind, atom: e.atom };
        case "rule":
          return { kind: e.kind, n: e.varNames.length, premises: e.premises, head: e.head };
        case "exists":
          return {
            kind: e.kind,
            n: e.varNames.length,
            premises: e.premises,
            witnesses: e.witnesses,
            body: e.body,
          };
      }
    };
    const compiled = load(PEANO);
    const hand = handPeano();
    expect(compiled.predicates).toEqual(hand.predicates);
    expect(compiled.constants.map((c) => c.type)).toEqual(hand.constants.map((c) => c.type));
    expect(compiled.anchor?.roles).toEqual(hand.anchor?.roles);
    expect(compiled.anchor?.entities.map(shape)).toEqual(hand.anchor?.entities.map(shape));
  });

  it("conjectures are premise chains over the anchor's constants", () => {
    const t = load(PEANO);
    const assoc = t.conjectures.find((c) => c.name === "add_assoc");
    expect(assoc?.varNames).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(assoc?.premises).toEqual([
      { pred: 2, args: [0, 1, 2, -4], negated: false },
      { pred: 2, args: [1, 3, 4, -4], negated: false },
      { pred: 2, args: [0, 4, 5, -4], negated: false },
    ]);
    expect(assoc?.head).toEqual({ pred: 2, args: [2, 3, 5, -4], negated: false });
    expect(assoc?.source).toEqual({ path: join(PEANO, "laws.mpl"), line: 9, col: 12 });
  });
});

describe("examples/peano-quick", () => {
  it("holds the same theory files, byte for byte", () => {
    for (const f of readdirSync(PEANO)) {
      expect(readFileSync(join(QUICK, f), "utf8")).toBe(readFileSync(join(PEANO, f), "utf8"));
    }
  });

  it("adds the seven helper lemmas: 13 conjectures", () => {
    const t = load(QUICK);
    expect(t.conjectures.map((c) => c.name)).toEqual([
      "zero_add",
      "zero_mul",
      "one_add",
      "add_one",
      "succ_add",
      "add_right_comm",
      "succ_mul",
      ...LAWS,
    ]);
    expect(t.anchor).toEqual(load(PEANO).anchor);
  });
});

describe("example files", () => {
  const files = [PEANO, QUICK].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".mpl"))
      .map((f) => join(dir, f)),
  );

  it("parse in exactly one way, item by item", () => {
    for (const path of files) {
      const counts = parseCounts(path, readFileSync(path, "utf8"));
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.every((n) => n === 1)).toBe(true);
    }
  });

  it("survive print → parse unchanged (spans aside)", () => {
    for (const path of files) {
      const first = parseFile(path, readFileSync(path, "utf8")).file;
      expect(first).toBeDefined();
      if (first === undefined) continue;
      const again = parseFile(path, printFile(first)).file;
      expect(stripSpans(again)).toEqual(stripSpans(first));
    }
  });
});

describe("docs/mpl-format.md", () => {
  const doc = readFileSync(join(REPO_ROOT, "docs", "mpl-format.md"), "utf8");

  it("its complete example compiles cleanly", () => {
    const blocks = [...doc.matchAll(/```mpl\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(blocks).toHaveLength(1);
    const r = compileSources([{ path: "doc.mpl", text: blocks[0] ?? "" }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.theory?.anchor?.roles).toEqual({ carrier: 0, zero: 1, successor: 2 });
    expect(r.theory?.conjectures.map((c) => c.name)).toEqual(["add_comm", "add_assoc", "one_add"]);
  });

  it("lists every diagnostic code", () => {
    for (const code of Object.keys(CATALOGUE)) expect(doc).toContain(`| ${code} |`);
  });
});

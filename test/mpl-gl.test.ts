/**
 * Compatibility with GL's own files (../shared/fixtures/gl-mpl): both v0.7 configs, the v0.1
 * definitions with their signatures, all 406 v0.1 conjecture lines, and the v0.7 files that no
 * config references. Skipped, with a printed reason, where ../shared is absent.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  constTerm,
  type GlLoadResult,
  loadGlFolder,
  loadGlFolderWithSignatures,
  parseFormula,
  printFormula,
  type Theory,
} from "../mpl/index.js";
import { formulaParseCount } from "../mpl/parse.js";
import {
  GL_FIXTURES,
  haveGlFixtures,
  renderAll,
  stripSpans,
  V01_SIGNATURES,
  warnIfNoGlFixtures,
} from "./support/mpl-helpers.js";

warnIfNoGlFixtures("GL compatibility tests");

const V07 = join(GL_FIXTURES, "v0.7");
const V01 = join(GL_FIXTURES, "v0.1");
const UNREFERENCED = [
  "AnchorFTA",
  "AnchorIncubator",
  "constSeq",
  "coprime",
  "divides",
  "gcd",
  "nonInterval",
  "nonSequence",
  "prime",
  "strictOrder",
];

function expectClean(r: GlLoadResult): Theory {
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(renderAll(errors, r.sources)).toBe("");
  if (r.theory === null) throw new Error("no theory");
  return r.theory;
}

const names = (t: Theory, ids: readonly number[]) => ids.map((id) => t.constants[id]?.name);

describe.skipIf(!haveGlFixtures)("GL v0.7 definitions", () => {
  it("load with ConfigPeano.json", () => {
    const r = loadGlFolder(join(V07, "config", "ConfigPeano.json"), V07);
    const t = expectClean(r);
    expect(r.diagnostics).toEqual([]);
    expect(t.definitions.map((d) => d.name)).toEqual(["fXY", "fXYZ", "NaturalNumbers", "AnchorPeano"]);
    expect(t.anchor?.name).toBe("AnchorPeano");
    expect(t.constants.map((c) => `${c.name}:${c.type}`)).toEqual([
      "N:set",
      "i0:element",
      "s:function",
      "+:operation",
      "*:operation",
      "i1:element",
    ]);
    const roles = t.anchor?.roles;
    expect(roles && names(t, [roles.carrier, roles.zero, roles.successor])).toEqual(["N", "i0", "s"]);
    // fXY: 4 entities, fXYZ: 5 each, NaturalNumbers' own 7, AnchorPeano's s(i0) = i1.
    expect(t.anchor?.entities.length).toBe(25);
    expect(r.parsedOnly).toHaveLength(21);
  });

  it("load with ConfigGauss.json (implication premises of fold and split compile)", () => {
    const r = loadGlFolder(join(V07, "config", "ConfigGauss.json"), V07);
    const t = expectClean(r);
    expect(t.anchor?.name).toBe("AnchorGauss");
    expect(t.definitions).toHaveLength(15);
    expect([...r.parsedOnly].sort()).toEqual([...UNREFERENCED].sort());
    expect(r.diagnostics).toEqual([]);
    const predNames = t.predicates.map((p) => p.name);
    expect(predNames).toContain("fold.imp3");
    expect(predNames).toContain("split.imp4");
    // fold's unfolding: one existential whose body keeps both implications as atoms.
    const unfold = t.anchor?.entities.filter((e) => e.origin.via === "fold (unfolding)") ?? [];
    expect(unfold.map((e) => e.kind)).toEqual(["exists"]);
    const body = unfold[0]?.kind === "exists" ? unfold[0].body.map((a) => predNames[a.pred]) : [];
    expect(body).toEqual(["interval", "fXY", "fold.imp3", "in2", "fold.imp4"]);
    const roles = t.anchor?.roles;
    expect(roles && names(t, [roles.carrier, roles.zero, roles.successor])).toEqual(["N", "i0", "s"]);
  });

  it("every v0.7 file is loaded by one of the configs", () => {
    const peano = loadGlFolder(join(V07, "config", "ConfigPeano.json"), V07);
    const gauss = loadGlFolder(join(V07, "config", "ConfigGauss.json"), V07);
    const compiled = new Set(
      [...(peano.theory?.definitions ?? []), ...(gauss.theory?.definitions ?? [])].map((d) => d.name),
    );
    const files = readdirSync(V07).filter((f) => f.endsWith(".txt"));
    expect(files).toHaveLength(25);
    for (const f of files) {
      const name = f.replace(/\.txt$/, "");
      expect(compiled.has(name) || gauss.parsedOnly.includes(name)).toBe(true);
    }
  });

  it("the ten unreferenced files parse as formulas, each in exactly one way", () => {
    for (const name of UNREFERENCED) {
      const text = readFileSync(join(V07, `${name}.txt`), "utf8");
      const r = parseFormula(text, name);
      expect(r.diagnostics).toEqual([]);
      expect(formulaParseCount(text)).toBe(1);
    }
  });

  it("the parenthesised negation (!F) is kept as written", () => {
    const text = readFileSync(join(V07, "strictOrder.txt"), "utf8");
    const f = parseFormula(text).formula;
    expect(f && printFormula(f)).toBe("(&(!(>[p](in[p,N])!(in3[n,p,m,+])))(!(=[n,m])))");
  });
});

describe.skipIf(!haveGlFixtures)("GL v0.1 definitions and conjectures", () => {
  const load = () => loadGlFolderWithSignatures(V01, V01_SIGNATURES, "NaturalNumbers");

  it("load with the README's signatures", () => {
    const t = expectClean(load());
    expect(t.constants.map((c) => c.name)).toEqual(["N", "i0", "i1", "s", "+", "*"]);
    const roles = t.anchor?.roles;
    expect(roles && names(t, [roles.carrier, roles.zero, roles.successor])).toEqual(["N", "i0", "s"]);
    // The ground facts of the unfolded anchor (GL's test vector: in[2,1] and in2[2,3,4]).
    const facts = t.anchor?.entities.filter((e) => e.kind === "fact").map((e) => e.atom);
    expect(facts).toEqual([
      { pred: 0, args: [constTerm(1), constTerm(0)], negated: false },
      { pred: 1, args: [constTerm(1), constTerm(2), constTerm(3)], negated: false },
    ]);
  });

  it("all 406 conjecture lines become conjectures", () => {
    const t = expectClean(load());
    expect(t.conjectures).toHaveLength(406);
    expect(t.conjectures.every((c, i) => c.name === `line${i + 1}` && c.source.line === i + 1)).toBe(true);
    // Line 394 is commutativity of +: a + b = c → b + a = c, with + the anchor's 5th argument.
    const comm = t.conjectures[393];
    expect(comm?.varNames).toEqual(["7", "8", "9"]);
    expect(comm?.premises).toEqual([{ pred: 2, args: [0, 1, 2, constTerm(4)], negated: false }]);
    expect(comm?.head).toEqual({ pred: 2, args: [1, 0, 2, constTerm(4)], negated: false });
    // Line 388 is associativity of +: three premises, six variables.
    const assoc = t.conjectures[387];
    expect(assoc?.varNames).toEqual(["7", "8", "9", "10", "11", "12"]);
    expect(assoc?.premises).toHaveLength(3);
  });
});

describe.skipIf(!haveGlFixtures)("print and re-parse GL's files", () => {
  const roundTrip = (text: string) => {
    const first = parseFormula(text).formula;
    expect(first).toBeDefined();
    if (first === undefined) return;
    for (const printed of [printFormula(first), printFormula(first, { pretty: true })]) {
      const again = parseFormula(printed).formula;
      expect(stripSpans(again)).toEqual(stripSpans(first));
    }
  };

  it("every definition file", () => {
    for (const dir of [V07, V01]) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt") && n !== "conjectures.txt")) {
        roundTrip(readFileSync(join(dir, f), "utf8"));
      }
    }
  });

  it("every conjecture line", () => {
    const lines = readFileSync(join(V01, "conjectures.txt"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(406);
    for (const line of lines) {
      roundTrip(line);
      // GL stores formulas without whitespace; the compact printer reproduces them exactly.
      const f = parseFormula(line).formula;
      expect(f && printFormula(f)).toBe(line.trim());
    }
  });
});

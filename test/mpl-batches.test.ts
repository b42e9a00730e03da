/**
 * Batches in MPL (docs/mpl-format.md, "Batches"): which files form each batch, their order, the
 * anchor link (found by the search or given as `extends P[…]`) and every error, with its place.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileBatchSources, findLink, type SourceText } from "../mpl/index.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

const DIR = join(REPO_ROOT, "examples", "peano-double");
const example = (): SourceText[] =>
  readdirSync(DIR)
    .filter((f) => f.endsWith(".mpl"))
    .sort()
    .map((f) => ({ path: `peano-double/${f}`, text: readFileSync(join(DIR, f), "utf8") }));

/** The example with one text replaced in one file. */
function edited(file: string, from: string, to: string): SourceText[] {
  return example().map((s) => {
    if (!s.path.endsWith(file)) return s;
    expect(s.text).toContain(from);
    return { ...s, text: s.text.replace(from, to) };
  });
}

const errors = (sources: SourceText[]) =>
  compileBatchSources(sources)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.path}:${d.line}:${d.col} ${d.code}`);

describe("batches of examples/peano-double", () => {
  it("gives two batches in order, each with its own files, anchor and targets", () => {
    const r = compileBatchSources(example());
    expect(r.diagnostics).toEqual([]);
    const [peano, double] = r.batches!;
    expect([peano!.name, peano!.extends, double!.name, double!.extends]).toEqual([
      "Peano",
      null,
      "PeanoDouble",
      "Peano",
    ]);
    // The first batch does not see the later file; the later one has the earlier's definitions.
    expect(peano!.theory.sources.map((s) => s.path)).not.toContain("peano-double/double.mpl");
    expect(double!.theory.definitions.map((d) => d.name)).toContain("Peano");
    expect(peano!.theory.conjectures.map((c) => c.name)).toEqual(["add_comm", "add_assoc"]);
    expect(double!.theory.conjectures.map((c) => c.name)).toEqual(["dbl_add", "dbl_self"]);
  });

  it("finds the link by axioms and types: each Peano parameter to its place in PeanoDouble", () => {
    const [peano, double] = compileBatchSources(example()).batches!;
    const names = double!.link!.constants.map((k) => double!.theory.constants[k]!.name);
    expect(names).toEqual(["Nat", "zero", "succ", "+"]);
    expect(double!.link!.how).toBe("found");
    // The same mapping, written out, is accepted; another one is not.
    expect(findLink(peano!.theory, double!.theory, [0, 1, 2, 3]).kind).toBe("linked");
    expect(findLink(peano!.theory, double!.theory, [0, 1, 4, 3]).kind).toBe("none");
  });

  it("does not depend on names: a renamed later anchor links the same way", () => {
    const renamed = example().map((s) =>
      s.path.endsWith("double.mpl")
        ? {
            ...s,
            text: s.text
              .replace(/\bNat\b/g, "M")
              .replace(/\bsucc\b/g, "next")
              .replace(/\bdbl\b/g, "twice"),
          }
        : s,
    );
    const r = compileBatchSources(renamed);
    expect(r.diagnostics).toEqual([]);
    const double = r.batches![1]!;
    expect(double.link!.constants.map((k) => double.theory.constants[k]!.name)).toEqual([
      "M",
      "zero",
      "next",
      "+",
    ]);
  });

  it("accepts a written mapping and checks it", () => {
    const ok = compileBatchSources(edited("double.mpl", "extends Peano", "extends Peano[Nat,zero,succ,+]"));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.batches![1]!.link!.how).toBe("declared");
    const wrong = compileBatchSources(edited("double.mpl", "extends Peano", "extends Peano[Nat,zero,dbl,+]"));
    expect(wrong.batches).toBeNull();
    expect(wrong.diagnostics[0]!.code).toBe("MPL125");
    expect(wrong.diagnostics[0]!.message).toMatch(
      /under the mapping Nat→Nat, zero→zero, succ→dbl, \+→\+: no axiom matches/,
    );
  });
});

describe("batch errors, each at its place", () => {
  const at = "peano-double/double.mpl:24";
  it.each([
    ["an unknown earlier anchor", "extends Peano", "extends Peono", `${at}:69 MPL122`],
    ["too few names", "extends Peano", "extends Peano[Nat,zero,succ]", `${at}:69 MPL102`],
    ["a name of the wrong type", "extends Peano", "extends Peano[Nat,succ,succ,+]", `${at}:79 MPL103`],
    ["a name that is no parameter", "extends Peano", "extends Peano[Nat,zero,succ,sum]", `${at}:89 MPL114`],
    [
      "a later anchor that does not contain the earlier",
      "(Peano[Nat,zero,succ,+])",
      "(in[zero,Nat])",
      `${at}:69 MPL125`,
    ],
  ])("%s", (_what, from, to, expected) => {
    expect(errors(edited("double.mpl", from, to))).toEqual([expected]);
  });

  it("a cycle", () => {
    const anchor = "anchor Peano (carrier Nat, zero zero, successor succ)";
    expect(errors(edited("peano.mpl", anchor, `${anchor} extends PeanoDouble`))).toEqual([
      "peano-double/peano.mpl:31:63 MPL123",
    ]);
  });

  it("two anchors in one file, and a conjecture in a file without an anchor", () => {
    const two = edited("peano.mpl", "conjecture add_comm", "anchor Operation\nconjecture add_comm");
    expect(errors(two)).toEqual(["peano-double/peano.mpl:34:8 MPL124"]);
    const stray = [
      ...example(),
      { path: "peano-double/zlaws.mpl", text: "conjecture z := (>[a](in[a,Nat])(in[a,Nat]))\n" },
    ];
    expect(errors(stray)).toEqual(["peano-double/zlaws.mpl:1:12 MPL126"]);
  });
});

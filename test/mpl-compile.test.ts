/**
 * The compiler's contract in small cases: expansion without capture, the entity shapes of
 * each formula form, ids, variable names, predicates, conjecture chains, determinism, and the
 * checks that keep a theory from compiling.
 */
import { describe, expect, it } from "vitest";
import { type CompileResult, compileSources, constTerm, type Entity, type Theory } from "../mpl/index.js";

const compile = (text: string): CompileResult => compileSources([{ path: "t.mpl", text }]);

function theory(text: string): Theory {
  const r = compile(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (r.theory === null) throw new Error("no theory");
  return r.theory;
}

const codes = (text: string) => compile(text).diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`);

/** Entities in a compact, readable notation: `x,y | in(0,#1) => in2(0,1,#0)`. */
function show(t: Theory, e: Entity): string {
  const term = (a: number) => (a < 0 ? `#${-a - 1}` : String(a));
  const atom = (a: { pred: number; args: readonly number[]; negated: boolean }) =>
    `${a.negated ? "!" : ""}${t.predicates[a.pred]?.name}(${a.args.map(term).join(",")})`;
  switch (e.kind) {
    case "fact":
      return `${e.id} fact ${atom(e.atom)}`;
    case "rule":
      return `${e.id} ${e.varNames.join(",")} | ${e.premises.map(atom).join(" ")} => ${atom(e.head)}`;
    case "exists":
      return `${e.id} ${e.varNames.join(",")} | ${e.premises.map(atom).join(" ")} => exists ${e.witnesses.join(",")}: ${e.body.map(atom).join(" ")}`;
  }
}

const anchorEntities = (t: Theory) => (t.anchor?.entities ?? []).map((e) => show(t, e));
const definitionEntities = (t: Theory, name: string) =>
  (t.definitions.find((d) => d.name === name)?.entities ?? []).map((e) => show(t, e));

describe("expansion", () => {
  it("substitutes parameters without capturing bound variables", () => {
    // GL's textual substitution would turn Total[x,y] into in2[x,y,x]; ours keeps them apart.
    const t = theory(`
      definition Total[f: function, X: set] :=
        (>[x] (in[x,X]) !(>[y] (in[y,X]) !(in2[x,y,f])))
      definition Uses[x: function, y: set] := (Total[x,y])
    `);
    expect(definitionEntities(t, "Uses")).toEqual([
      "Uses#1 x,y | in(0,#1) => exists 1: in(1,#1) in2(0,1,#0)",
    ]);
    expect(t.definitions.find((d) => d.name === "Uses")?.entities[0]?.origin).toEqual({
      definition: "Total",
      via: "Uses > Total[x,y]",
    });
  });

  it("renames bound variables that meet in one entity: x, x_1", () => {
    const t = theory(`
      definition Inner[a: element, S: set] := (>[x] (in[x,S]) (=[x,a]))
      definition Outer[S: set] := (>[x] (in[x,S]) (Inner[x,S]))
    `);
    expect(definitionEntities(t, "Outer")).toEqual(["Outer#1 x,x_1 | in(0,#0) in(1,#0) => =(1,0)"]);
  });

  it("keeps a definition opaque in a premise and under negation, with its parameter types", () => {
    const t = theory(`
      definition Small[x: element, S: set] := (in[x,S])
      definition D[S: set] := (&(>[x] (Small[x,S]) (in[x,S])) (>[y] (in[y,S]) !(Small[y,S])))
    `);
    expect(definitionEntities(t, "D")).toEqual([
      "D#1 x | Small(0,#0) => in(0,#0)",
      "D#2 y | in(0,#0) => !Small(0,#0)",
    ]);
    expect(t.predicates.map((p) => `${p.id}:${p.name}/${p.argTypes.join(",")}`)).toEqual([
      "0:in/element,set",
      "1:in2/element,element,function",
      "2:in3/element,element,element,operation",
      "3:=/element,element",
      "4:Small/element,set",
    ]);
    expect(t.definitions.find((d) => d.name === "D")?.uses).toEqual(["Small"]);
  });
});

describe("entity shapes", () => {
  const P = "definition P[N: set, z: element, s: function, +: operation] :=\n";

  it("splits conjunctions, curries implications, and makes ground atoms facts", () => {
    const t = theory(`${P}
      (&(in[z,N])
      (&!(in2[z,z,s])
      (>[a] (&(in[a,N]) (in3[a,z,a,+])) (>[b] (in2[a,b,s]) (&(in[b,N]) !(=[a,b]))))))
      anchor P`);
    expect(anchorEntities(t)).toEqual([
      "A1 fact in(#1,#0)",
      "A2 fact !in2(#1,#1,#2)",
      "A3 a,b | in(0,#0) in3(0,#1,0,#3) in2(0,1,#2) => in(1,#0)",
      "A4 a,b | in(0,#0) in3(0,#1,0,#3) in2(0,1,#2) => !=(0,1)",
    ]);
  });

  it("existentials, including nested ones, positive bodies and existential premises", () => {
    const t = theory(`${P}
      (&(>[a] (in[a,N]) !(>[b] (in[b,N]) !(in2[a,b,s])))
      (&(>[a] (in[a,N]) !(>[b] (in2[a,b,s]) (=[a,b])))
      (&!(>[b,c] (in[b,N]) !!(>[d] (in3[b,c,d,+]) !(in2[d,z,s])))
      (>[a] !(>[b] (in2[a,b,s]) !(in[b,N])) (in[a,N])))))
      anchor P`);
    expect(anchorEntities(t)).toEqual([
      "A1 a,b | in(0,#0) => exists 1: in(1,#0) in2(0,1,#2)",
      "A2 a,b | in(0,#0) => exists 1: in2(0,1,#2) !=(0,1)",
      "A3 b,c,d |  => exists 0,1,2: in(0,#0) in3(0,1,2,#3) in2(2,#1,#2)",
      "A4 a,b | in2(0,1,#2) in(1,#0) => in(0,#0)",
    ]);
  });

  it("negated conjunctions and negated implications in conclusions", () => {
    const t = theory(`${P}
      (&(>[a] (in[a,N]) !(&(=[a,z]) (in2[a,a,s])))
      (>[a] (in[a,N]) !(>[] (in2[a,z,s]) (=[a,z]))))
      anchor P`);
    expect(anchorEntities(t)).toEqual([
      "A1 a | in(0,#0) =(0,#1) => !in2(0,0,#2)",
      "A2 a | in(0,#0) => in2(0,#1,#2)",
      "A3 a | in(0,#0) => !=(0,#1)",
    ]);
  });

  it("compiles an implication premise into an auxiliary predicate with its elimination rule", () => {
    const body = "(>[a] (>[b] (in[b,N]) (in[a,N])) (=[a,z]))";
    const inDefinition = theory(`${P} (&(in[z,N]) ${body})`);
    expect(definitionEntities(inDefinition, "P")).toEqual([
      "P#1 fact in(#1,#0)",
      "P#2 a | P.imp2(#0,0) => =(0,#1)",
      "P#3 N_1,a,b | P.imp2(0,1) in(2,0) => in(1,0)",
    ]);
    const inAnchor = theory(`${P} (&(in[z,N]) ${body})\nanchor P`);
    expect(anchorEntities(inAnchor)).toEqual([
      "A1 fact in(#1,#0)",
      "A2 a | P.imp2(#0,0) => =(0,#1)",
      "A3 N_1,a,b | P.imp2(0,1) in(2,0) => in(1,0)",
    ]);
  });

  it("reports a disjunction used as a premise: an error in a definition and in the anchor", () => {
    const body = "(>[a] !(&(in[a,N]) (=[a,z])) (=[a,z]))";
    const inDefinition = compile(`${P} (&(in[z,N]) ${body})`);
    expect(inDefinition.theory).toBeNull();
    expect(inDefinition.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([
      "error MPL118: A negated conjunction (a disjunction) used as a premise cannot be compiled into rules (in the definition 'P')",
    ]);
    const inAnchor = compile(`${P} (&(in[z,N]) ${body})\nanchor P`);
    expect(inAnchor.theory).toBeNull();
    expect(inAnchor.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toContain(
      "error MPL119: A negated conjunction (a disjunction) used as a premise cannot be compiled into rules (in the anchor, via P)",
    );
  });
});

describe("theory", () => {
  const text = `
    definition Map[f: function, X: set] := (>[x,y] (in2[x,y,f]) (in[y,X]))
    definition P[N: set, z: element, s: function] := (&(in[z,N]) (Map[s,N]))
    anchor P (carrier N, zero z, successor s)
    conjecture pos := (>[a] (in2[z,a,s]) !(=[a,z]))
    conjecture chain := (>[a,b] (&(in2[a,b,s]) (in[a,N])) (>[c] (in2[b,c,s]) (in[c,N])))
  `;

  it("constants are the anchor's parameters; ids follow document order", () => {
    const t = theory(text);
    expect(t.constants).toEqual([
      { id: 0, name: "N", type: "set" },
      { id: 1, name: "z", type: "element" },
      { id: 2, name: "s", type: "function" },
    ]);
    expect(t.anchor?.params).toEqual([0, 1, 2]);
    expect(t.anchor?.roles).toEqual({ carrier: 0, zero: 1, successor: 2 });
    expect(anchorEntities(t)).toEqual(["A1 fact in(#1,#0)", "A2 x,y | in2(0,1,#2) => in(1,#0)"]);
    expect(t.predicates[1]?.operator).toEqual({ inputs: [0], output: 1 });
    expect(t.predicates[2]?.operator).toEqual({ inputs: [0, 1], output: 2 });
    expect(t.definitions.map((d) => [d.name, d.entities.map((e) => e.id), d.uses, d.mpl])).toEqual([
      ["Map", ["Map#1"], [], "(>[x,y](in2[x,y,f])(in[y,X]))"],
      ["P", ["P#1", "P#2"], ["Map"], "(&(in[z,N])(Map[s,N]))"],
    ]);
  });

  it("conjectures: flattened chains with split premises and negated heads", () => {
    const t = theory(text);
    const [pos, chain] = t.conjectures;
    expect(pos).toMatchObject({
      name: "pos",
      varNames: ["a"],
      premises: [{ pred: 1, args: [constTerm(1), 0, constTerm(2)], negated: false }],
      head: { pred: 3, args: [0, constTerm(1)], negated: true },
      mpl: "(>[a](in2[z,a,s])!(=[a,z]))",
    });
    expect(chain?.varNames).toEqual(["a", "b", "c"]);
    expect(chain?.premises.map((p) => p.pred)).toEqual([1, 0, 1]);
  });

  it("is deterministic: same input, same bytes", () => {
    expect(JSON.stringify(compile(text))).toBe(JSON.stringify(compile(text)));
  });

  it("merges several files and reports cross-file duplicates with the first file", () => {
    const r = compileSources([
      { path: "a.mpl", text: "definition D[x: element] := (=[x,x])" },
      { path: "b.mpl", text: "definition D[x: element] := (=[x,x])" },
    ]);
    expect(r.diagnostics.map((d) => `${d.path}:${d.line}:${d.col} ${d.message}`)).toEqual([
      "b.mpl:1:12 duplicate definition 'D' (first defined at a.mpl:1:12)",
    ]);
  });
});

describe("checks", () => {
  it("anchors and roles", () => {
    const P = "definition P[N: set, z: element, s: function] := (in[z,N])\n";
    expect(codes(`${P}anchor P\nanchor P`)).toEqual(["3:8 MPL112"]);
    expect(codes(`${P}anchor P (carrier N, zero z)`)).toEqual(["2:8 MPL013"]);
    expect(codes(`${P}anchor P (carrier N, zero z, zero z, successor s)`)).toEqual(["2:30 MPL012"]);
    expect(codes(`${P}anchor P (carrier N, zero q, successor s)`)).toEqual(["2:27 MPL114"]);
    expect(codes(`${P}anchor P\nconjecture c := (=[q,z])`)).toEqual(["3:20 MPL104"]);
    expect(codes(`${P}anchor P\nconjecture c := (=[z,z])\nconjecture c := (=[z,z])`)).toEqual([
      "4:12 MPL116",
    ]);
  });

  it("definitions", () => {
    expect(codes("definition in[x: element] := (=[x,x])")).toEqual(["1:12 MPL109"]);
    expect(codes("definition D[x: element, x: set] := (=[x,x])")).toEqual(["1:26 MPL106"]);
    expect(codes("definition D[S: set] := (D[S])")).toEqual(["1:26 MPL108"]);
    expect(codes("definition D[S: set] := (E[S,S])\ndefinition E[S: set] := (in[S,S])")).toEqual([
      "1:26 MPL102",
      "2:29 MPL103",
    ]);
  });

  it("long chains of definitions: expansion depth is bounded, long cycles are abbreviated", () => {
    let chain = "definition E0[x: element] := (=[x,x])\n";
    for (let i = 1; i <= 2001; i++) chain += `definition E${i}[x: element] := (E${i - 1}[x])\n`;
    expect(compile(chain).diagnostics.map((d) => `${d.line}:${d.col} ${d.code}: ${d.message}`)).toEqual([
      "2001:12 MPL120: definitions expand into formulas nested deeper than 2000 levels",
    ]);
    let cycle = "";
    for (let i = 0; i < 12; i++) cycle += `definition C${i}[x: element] := (C${(i + 1) % 12}[x])\n`;
    expect(compile(cycle).diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      "12:32 recursive definition: C0 > C1 > C2 > C3 > ... > C10 > C11 > C0",
    ]);
  });

  it("warnings keep the theory; errors drop it", () => {
    expect(
      compile("definition D[S: set] := (>[x] (>[y] (in[y,S]) (in[x,S])) (in[x,S]))").theory,
    ).not.toBeNull();
    expect(compile("definition D[S: set] := (in[S,S])").theory).toBeNull();
  });
});

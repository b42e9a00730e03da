/**
 * Bad inputs and the exact text users see: `file:line:col: error MPLnnn: message`, the source
 * line and a caret. Each case pins one diagnostic code.
 */
import { describe, expect, it } from "vitest";
import {
  compileSources,
  decodeUtf8,
  loadGlFolderWithSignatures,
  parseFormula,
  parseGlConjectureLines,
  renderDiagnostic,
} from "../mpl/index.js";
import { renderAll } from "./support/mpl-helpers.js";

const HEAD = "definition D[x: element, S: set] :=\n";

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expected: string;
}

const cases: Case[] = [
  {
    name: "unbalanced parenthesis (never closed)",
    text: `${HEAD}  (&(in[x,S])\n    (in[x,S])\n`,
    expected: `a.mpl:2:3: error MPL007: unbalanced parenthesis: '(' is never closed
    (&(in[x,S])
    ^`,
  },
  {
    name: "unbalanced parenthesis (one too many)",
    text: `${HEAD}  (in[x,S]))\n`,
    expected: `a.mpl:2:12: error MPL005: unbalanced parenthesis: ')' has no matching '('
    (in[x,S]))
             ^`,
  },
  {
    name: "bracket closed by a parenthesis",
    text: `${HEAD}  (in[x,S))\n`,
    expected: `a.mpl:2:10: error MPL006: ')' does not close the '[' opened at 2:6
    (in[x,S))
           ^`,
  },
  {
    name: "stray token",
    text: `${HEAD}  (&(in[x,S]) , (in[x,S]))\n`,
    expected: `a.mpl:2:15: error MPL008: unexpected ',', expected '!' or '('
    (&(in[x,S]) , (in[x,S]))
                ^`,
  },
  {
    name: "a second formula after a definition",
    text: `${HEAD}  (in[x,S]) (in[x,S])\n`,
    expected: `a.mpl:2:13: error MPL008: unexpected '(', expected 'anchor', 'conjecture' or 'definition'
    (in[x,S]) (in[x,S])
              ^`,
  },
  {
    name: "unexpected end of input",
    text: "definition D[x: element] :=\n",
    expected: `a.mpl:1:28: error MPL009: unexpected end of input, expected '!' or '('
  definition D[x: element] :=
                             ^`,
  },
  {
    name: "an item cut short by the next item",
    text: "definition D[x: element] :=\nconjecture c := (=[x,x])\n",
    expected: `a.mpl:2:1: error MPL008: unexpected 'conjecture', expected '!' or '('
  conjecture c := (=[x,x])
  ^`,
  },
  {
    name: "unexpected character",
    text: `${HEAD}  (in[x,S]) { }\n`,
    expected: `a.mpl:2:13: error MPL004: unexpected character '{' (U+007B)
    (in[x,S]) { }
              ^`,
  },
  {
    name: "empty file",
    text: "-- nothing here\n\n",
    expected: `a.mpl:1:1: error MPL002: nothing to parse: the file holds no definition, anchor or conjecture
  -- nothing here
  ^`,
  },
  {
    name: "unknown type",
    text: "definition D[x: elem] :=\n  (=[x,x])\n",
    expected: `a.mpl:1:17: error MPL010: unknown type 'elem' (expected element, set, function or operation)
  definition D[x: elem] :=
                  ^`,
  },
  {
    name: "unknown definition",
    text: `${HEAD}  (&(in[x,S]) (fXY[S,S,S]))\n`,
    expected: `a.mpl:2:16: error MPL101: unknown definition or predicate 'fXY'
    (&(in[x,S]) (fXY[S,S,S]))
                 ^`,
  },
  {
    name: "arity mismatch",
    text: `${HEAD}  (in[x,S,S])\n`,
    expected: `a.mpl:2:4: error MPL102: 'in' takes 2 argument(s), but 3 are given
    (in[x,S,S])
     ^`,
  },
  {
    name: "a set where an element is expected",
    text: `${HEAD}  (&(in[x,S]) (in[S,S]))\n`,
    expected: `a.mpl:2:19: error MPL103: type mismatch: 'S' is a set, but argument 1 of 'in' must be an element
    (&(in[x,S]) (in[S,S]))
                    ^`,
  },
  {
    name: "a bound variable used with two types",
    text: `${HEAD}  (>[y] (in[y,S]) (in[x,y]))\n`,
    expected: `a.mpl:2:25: error MPL117: type mismatch: 'y' is used as a set here but as an element at 2:13
    (>[y] (in[y,S]) (in[x,y]))
                          ^`,
  },
  {
    name: "unbound variable",
    text: `${HEAD}  (>[y] (in[y,S]) (in[z,S]))\n`,
    expected: `a.mpl:2:23: error MPL104: unbound variable 'z': not bound by '>[...]' and not a parameter of 'D'
    (>[y] (in[y,S]) (in[z,S]))
                        ^`,
  },
  {
    name: "shadowed bound variable",
    text: `${HEAD}  (>[y] (in[y,S]) (>[y] (in[y,S]) (=[x,y])))\n`,
    expected: `a.mpl:2:22: error MPL105: 'y' shadows an outer bound variable declared at 2:6
    (>[y] (in[y,S]) (>[y] (in[y,S]) (=[x,y])))
                       ^`,
  },
  {
    name: "binder rebinding a parameter",
    text: `${HEAD}  (>[x] (in[x,S]) (in[x,S]))\n`,
    expected: `a.mpl:2:6: error MPL105: 'x' shadows a parameter declared at 1:14
    (>[x] (in[x,S]) (in[x,S]))
       ^`,
  },
  {
    name: "duplicate variable in one binder",
    text: `${HEAD}  (>[y,y] (in[y,S]) (in[x,S]))\n`,
    expected: `a.mpl:2:8: error MPL106: 'y' appears twice in this binder list
    (>[y,y] (in[y,S]) (in[x,S]))
         ^`,
  },
  {
    name: "duplicate definition",
    text: `${HEAD}  (in[x,S])\n\ndefinition D[y: element] :=\n  (=[y,y])\n`,
    expected: `a.mpl:4:12: error MPL107: duplicate definition 'D' (first defined at 1:12)
  definition D[y: element] :=
             ^`,
  },
  {
    name: "recursive definition",
    text: "definition A[S: set] :=\n  (B[S])\n\ndefinition B[S: set] :=\n  (>[x] (in[x,S]) (A[S]))\n",
    expected: `a.mpl:5:20: error MPL108: recursive definition: A > B > A
    (>[x] (in[x,S]) (A[S]))
                     ^`,
  },
  {
    name: "unknown anchor",
    text: "anchor Q\n",
    expected: `a.mpl:1:8: error MPL111: the anchor 'Q' is not a definition
  anchor Q
         ^`,
  },
  {
    name: "role of the wrong type",
    text: "definition P[N: set, z: element, s: function] :=\n  (in[z,N])\n\nanchor P (carrier N, zero s, successor s)\n",
    expected: `a.mpl:4:27: error MPL113: role 'zero' must be an element, but 's' is a function
  anchor P (carrier N, zero s, successor s)
                            ^`,
  },
  {
    name: "conjecture without an anchor",
    text: "conjecture c :=\n  (>[a,b] (=[a,b]) (=[b,a]))\n",
    expected: `a.mpl:1:12: error MPL110: conjecture 'c' needs an anchor: add 'anchor <Definition>'
  conjecture c :=
             ^`,
  },
  {
    name: "conjecture whose conclusion is a conjunction",
    text: "definition P[N: set] :=\n  (>[x] (in[x,N]) (=[x,x]))\nanchor P\nconjecture c :=\n  (>[a] (in[a,N]) (&(=[a,a]) (=[a,a])))\n",
    expected: `a.mpl:5:19: error MPL115: the conclusion of a conjecture must be an atom or a negated atom, not a conjunction
    (>[a] (in[a,N]) (&(=[a,a]) (=[a,a])))
                    ^`,
  },
  {
    name: "nesting 10,000 deep",
    text: `${HEAD}  ${"(!".repeat(10_000)}(in[x,S])${")".repeat(10_000)}\n`,
    expected: `a.mpl:2:2003: error MPL003: formula nested deeper than 1000 levels
  ...(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!(!...
                                             ^`,
  },
];

describe("MPL diagnostics, rendered", () => {
  for (const c of cases) {
    it(c.name, () => {
      const sources = [{ path: "a.mpl", text: c.text }];
      const r = compileSources(sources);
      expect(r.theory).toBeNull();
      expect(renderAll(r.diagnostics, sources)).toBe(c.expected);
    });
  }

  it("covers at least twelve distinct codes", () => {
    const codes = new Set(
      cases.map((c) => compileSources([{ path: "a.mpl", text: c.text }]).diagnostics[0]?.code),
    );
    expect(codes.size).toBeGreaterThanOrEqual(12);
  });

  it("invalid UTF-8, at the offending byte", () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([
      ...enc.encode("definition D[x: element] :=\n  (=[x,"),
      0xff,
      ...enc.encode("x])\n"),
    ]);
    const r = decodeUtf8("bad.mpl", bytes);
    expect(r.diagnostics.map((d) => renderDiagnostic(d, r.text)).join("\n")).toBe(
      `bad.mpl:2:8: error MPL001: the file is not valid UTF-8 (invalid byte 0xFF)
    (=[x,\uFFFDx])
         ^`,
    );
  });

  it("invalid UTF-8: truncated sequences and overlong forms are rejected", () => {
    for (const bad of [
      [0xe2, 0x82],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
    ]) {
      const r = decodeUtf8("b.mpl", new Uint8Array([0x61, 0x0a, 0x62, ...bad]));
      expect(r.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([["MPL001", 2, 2]]);
    }
    expect(decodeUtf8("ok.mpl", new TextEncoder().encode("-- ✓ × ∀\n")).diagnostics).toEqual([]);
  });

  it("keeps tabs in the caret line so the caret lines up", () => {
    const text = "definition D[x: element] :=\n\t\t(=[x,y])\n";
    const r = compileSources([{ path: "t.mpl", text }]);
    expect(renderAll(r.diagnostics, [{ path: "t.mpl", text }])).toBe(
      "t.mpl:2:8: error MPL104: unbound variable 'y': not bound by '>[...]' and not a parameter of 'D'\n" +
        "  \t\t(=[x,y])\n" +
        "  \t\t     ^",
    );
  });

  it("reports the errors of every item, in source order", () => {
    const text = "definition A[x: element] := (=[x,y])\ndefinition B[x: element] := (=[x,z])\n";
    const r = compileSources([{ path: "m.mpl", text }]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(["1:34 MPL104", "2:34 MPL104"]);
  });

  it("a bare formula: unexpected end, and trailing input", () => {
    expect(
      parseFormula("(&(in[x,S])", "f.txt").diagnostics.map((d) => renderDiagnostic(d, "(&(in[x,S])")),
    ).toEqual(["f.txt:1:1: error MPL007: unbalanced parenthesis: '(' is never closed\n  (&(in[x,S])\n  ^"]);
    expect(parseFormula("(&(a[x])(b[y])", "f.txt").diagnostics).toHaveLength(1);
    expect(parseFormula("!", "f.txt").diagnostics.map((d) => d.message)).toEqual([
      "unexpected end of input, expected '!' or '('",
    ]);
    expect(parseFormula("(a[x]) (b[y])", "f.txt").diagnostics.map((d) => d.message)).toEqual([
      "unexpected '(', expected end of input",
    ]);
  });
});

describe("GL conjecture lines with errors", () => {
  const defs = [
    {
      path: "p.mpl",
      text: "definition P[N: set, z: element, +: operation] :=\n  (in[z,N])\nanchor P\n",
    },
  ];
  const theory = compileSources(defs).theory;

  it("reports a malformed line with its position and keeps the good ones", () => {
    if (theory === null) throw new Error("fixture theory does not compile");
    const text = [
      "(>[3](P[1,2,3])(>[4,5](in3[4,5,5,3])(=[4,5])))",
      "(>[3](P[1,2,3])(>[4,5](in3[4,5,5,3]) (=[4,5]",
      "",
      "(>[3](Q[1,2,3])(=[2,2]))",
      "(>[3](P[1,2])(=[2,2]))",
      "(>[3](P[1,2,3])(>[4](in[4,3])(=[4,4])))",
      "(>[3](P[1,2,3])(>[4,5](in3[4,5,5,3])(=[4,5])))",
    ].join("\n");
    const r = parseGlConjectureLines(text, theory, "c.txt");
    expect(r.conjectures.map((c) => c.name)).toEqual(["line1", "line7"]);
    expect(renderAll(r.diagnostics, [{ path: "c.txt", text }])).toBe(
      [
        "c.txt:2:38: error MPL007: unbalanced parenthesis: '(' is never closed",
        "  (>[3](P[1,2,3])(>[4,5](in3[4,5,5,3]) (=[4,5]",
        "                                       ^",
        "c.txt:4:6: error MPL205: expected a conjecture of the form '(>[...](P[1,2,3])(...))', found '(Q[1,2,3])(=[2,2]))'",
        "  (>[3](Q[1,2,3])(=[2,2]))",
        "       ^",
        "c.txt:5:7: error MPL206: the anchor 'P' takes 3 arguments, but 2 are given",
        "  (>[3](P[1,2])(=[2,2]))",
        "        ^",
        "c.txt:6:27: error MPL103: type mismatch: '3' is an operation, but argument 2 of 'in' must be a set",
        "  (>[3](P[1,2,3])(>[4](in[4,3])(=[4,4])))",
        "                            ^",
      ].join("\n"),
    );
  });

  it("GL folders: a missing definition file is an error", () => {
    const r = loadGlFolderWithSignatures(".", { Nowhere: { params: [] } }, null);
    expect(r.theory).toBeNull();
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "MPL203 definition 'Nowhere' has no formula file 'Nowhere.txt'",
    ]);
  });
});

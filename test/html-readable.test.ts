import { describe, expect, it } from "vitest";
import { mplAtom, mplStatement } from "../export/mpl-text.js";
import { isSymbolName, readableAtom, readableImplication, readableStatement } from "../export/readable.js";
import type { AtomJson, StatementJson } from "../export/schema.js";

const ctx = {
  predicates: [
    { name: "in", arity: 2, operator: null },
    { name: "in2", arity: 3, operator: { inputs: [0], output: 1 } },
    { name: "in3", arity: 4, operator: { inputs: [0, 1], output: 2 } },
    { name: "=", arity: 2, operator: null },
    { name: "plus", arity: 3, operator: { inputs: [0, 1], output: 2 } },
  ],
};

const at = (pred: string, ...args: string[]): AtomJson => ({ pred, args });
const not = (a: AtomJson): AtomJson => ({ ...a, neg: true });
const add = (x: string, y: string, z: string): AtomJson => at("in3", x, y, z, "+");
const mul = (x: string, y: string, z: string): AtomJson => at("in3", x, y, z, "*");
const st = (vars: string[], premises: AtomJson[], head: AtomJson): StatementJson => ({
  vars,
  premises,
  head,
});

describe("readableAtom", () => {
  it("writes symbol-named binary operations infix", () => {
    expect(readableAtom(add("a", "b", "c"), ctx)).toBe("a + b = c");
    expect(readableAtom(mul("a", "b", "c"), ctx)).toBe("a·b = c");
    expect(readableAtom(at("in3", "a", "b", "c", "⊕"), ctx)).toBe("a ⊕ b = c");
  });

  it("writes word-named operations and functions as calls", () => {
    expect(readableAtom(at("in3", "a", "b", "c", "plus_op"), ctx)).toBe("plus_op(a, b) = c");
    expect(readableAtom(at("in2", "a", "b", "s"), ctx)).toBe("s(a) = b");
    expect(readableAtom(at("plus", "a", "b", "c"), ctx)).toBe("plus(a, b) = c");
  });

  it("writes membership, equality and zero-like constants by name", () => {
    expect(readableAtom(at("in", "x", "N"), ctx)).toBe("x ∈ N");
    expect(readableAtom(at("=", "a", "b"), ctx)).toBe("a = b");
    expect(readableAtom(add("i0", "a", "a"), ctx)).toBe("i0 + a = a");
  });

  it("writes negations", () => {
    expect(readableAtom(not(at("=", "a", "b")), ctx)).toBe("a ≠ b");
    expect(readableAtom(not(add("a", "b", "c")), ctx)).toBe("¬(a + b = c)");
    expect(readableAtom(not(at("in", "x", "N")), ctx)).toBe("¬(x ∈ N)");
  });

  it("writes other predicates as relations applied to their arguments", () => {
    expect(readableAtom(at("divides", "a", "b"), ctx)).toBe("divides(a, b)");
    expect(readableAtom(not(at("divides", "a", "b")), ctx)).toBe("¬(divides(a, b))");
  });

  it("takes operator positions from the predicate table, not from names", () => {
    const flipped = { predicates: [{ name: "in3", operator: { inputs: [1, 2], output: 0 } }] };
    expect(readableAtom(at("in3", "c", "a", "b", "+"), flipped)).toBe("a + b = c");
    expect(readableAtom(add("a", "b", "c"), { predicates: [] })).toBe("in3(a, b, c, +)");
  });
});

describe("readableStatement", () => {
  it("substitutes intermediate results into the head", () => {
    expect(readableStatement(st(["a", "b", "c"], [add("a", "b", "c")], add("b", "a", "c")), ctx)).toBe(
      "a + b = b + a",
    );
    expect(readableStatement(st(["a", "b", "c"], [mul("a", "b", "c")], mul("b", "a", "c")), ctx)).toBe(
      "a·b = b·a",
    );
  });

  it("parenthesises by operator strength and keeps associativity visible", () => {
    const assoc = st(
      ["a", "b", "c", "d", "e", "f"],
      [add("a", "b", "d"), add("d", "c", "e"), add("b", "c", "f")],
      add("a", "f", "e"),
    );
    expect(readableStatement(assoc, ctx)).toBe("(a + b) + c = a + (b + c)");
    const mulAssoc = st(
      ["a", "b", "c", "d", "e", "f"],
      [mul("a", "b", "d"), mul("d", "c", "e"), mul("b", "c", "f")],
      mul("a", "f", "e"),
    );
    expect(readableStatement(mulAssoc, ctx)).toBe("(a·b)·c = a·(b·c)");
  });

  it("reads left and right distributivity", () => {
    const left = st(
      ["a", "b", "c", "d", "e", "f", "g"],
      [add("b", "c", "d"), mul("a", "d", "e"), mul("a", "b", "f"), mul("a", "c", "g")],
      add("f", "g", "e"),
    );
    expect(readableStatement(left, ctx)).toBe("a·(b + c) = a·b + a·c");
    const right = st(
      ["a", "b", "c", "d", "e", "f", "g"],
      [add("a", "b", "d"), mul("d", "c", "e"), mul("a", "c", "f"), mul("b", "c", "g")],
      add("f", "g", "e"),
    );
    expect(readableStatement(right, ctx)).toBe("(a + b)·c = a·c + b·c");
  });

  it("nests function applications", () => {
    const succAdd = st(
      ["a", "b", "c", "d", "e"],
      [add("a", "b", "c"), at("in2", "a", "d", "s"), at("in2", "c", "e", "s")],
      add("d", "b", "e"),
    );
    expect(readableStatement(succAdd, ctx)).toBe("s(a + b) = s(a) + b");
  });

  it("writes a head without computed output as it is", () => {
    expect(readableStatement(st(["a"], [], add("i0", "a", "a")), ctx)).toBe("i0 + a = a");
    expect(readableStatement(st(["a", "b"], [at("=", "a", "b")], at("=", "b", "a")), ctx)).toBe(
      "a = b ⇒ b = a",
    );
  });

  it("reads a negated head as an inequation of terms", () => {
    expect(readableStatement(st(["a", "b", "c"], [add("a", "b", "c")], not(add("b", "a", "c"))), ctx)).toBe(
      "a + b ≠ b + a",
    );
  });

  it("keeps premises it cannot substitute in front of ⇒", () => {
    // c occurs nowhere else: dropping its premise would change the statement.
    expect(readableStatement(st(["a", "b", "c"], [add("a", "b", "c")], at("in", "a", "N")), ctx)).toBe(
      "a + b = c ⇒ a ∈ N",
    );
    // Two premises define d: neither is a definition.
    expect(
      readableStatement(
        st(["a", "b", "d"], [add("a", "b", "d"), add("b", "a", "d")], at("in", "d", "N")),
        ctx,
      ),
    ).toBe("a + b = d ∧ b + a = d ⇒ d ∈ N");
    // A negated premise defines nothing.
    expect(readableStatement(st(["a", "b", "c"], [not(add("a", "b", "c"))], add("b", "a", "c")), ctx)).toBe(
      "¬(a + b = c) ⇒ b + a = c",
    );
    // Only variables are substituted, never theory constants.
    expect(readableStatement(st(["a"], [add("a", "a", "i0")], add("i0", "a", "a")), ctx)).toBe(
      "a + a = i0 ⇒ i0 + a = a",
    );
  });

  it("substitutes into remaining premises", () => {
    expect(
      readableStatement(
        st(["a", "b", "c"], [add("a", "b", "c"), at("in", "c", "N")], add("b", "a", "c")),
        ctx,
      ),
    ).toBe("a + b ∈ N ⇒ a + b = b + a");
  });

  it("does not unfold cyclic definitions", () => {
    const cyclic = st(["a", "b", "c", "d"], [add("a", "b", "c"), add("c", "d", "a")], at("=", "a", "c"));
    expect(readableStatement(cyclic, ctx)).toBe("a + b = c ∧ c + d = a ⇒ a = c");
  });

  it("does not substitute a variable that names an operation", () => {
    const higher = st(["f", "a", "b"], [at("in3", "a", "a", "f", "+")], at("in3", "a", "b", "b", "f"));
    expect(readableStatement(higher, ctx)).toBe("a + a = f ⇒ f(a, b) = b");
  });
});

describe("readableImplication", () => {
  it("writes a rule literally", () => {
    expect(readableImplication([add("x", "y", "z")], at("in", "z", "N"), ctx)).toBe("x + y = z ⇒ z ∈ N");
    expect(readableImplication([], at("in", "i0", "N"), ctx)).toBe("i0 ∈ N");
  });
});

describe("isSymbolName", () => {
  it("tells operator symbols from words", () => {
    expect([
      isSymbolName("+"),
      isSymbolName("*"),
      isSymbolName("<=>"),
      isSymbolName("s"),
      isSymbolName("f_1"),
    ]).toEqual([true, true, true, false, false]);
  });
});

describe("MPL text", () => {
  it("prints atoms and premise chains", () => {
    expect(mplAtom(add("a", "b", "c"))).toBe("(in3[a,b,c,+])");
    expect(mplAtom(not(at("=", "a", "b")))).toBe("!(=[a,b])");
    expect(mplStatement(st(["a", "b", "c"], [add("a", "b", "c")], add("b", "a", "c")))).toBe(
      "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))",
    );
    expect(mplStatement(st(["x", "y"], [at("in", "x", "N"), at("=", "x", "y")], at("in", "y", "N")))).toBe(
      "(>[x,y](in[x,N])(>[](=[x,y])(in[y,N])))",
    );
    expect(mplStatement(st([], [], at("in", "i0", "N")))).toBe("(in[i0,N])");
  });
});
